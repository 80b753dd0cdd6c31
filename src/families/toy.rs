//! A third rule family that exists only in this test: what adding a family
//! takes. A toy programme with one metric, the distinct customers a partner
//! serves on a counted, paid, associated row, qualified at the number its
//! rules file's `[toy]` table asks for.
//!
//! Everything the family adds is in this one file: its scheme (the `[toy]`
//! table), its standing, its advice, how it shows in the report, the JSON
//! and the mail. Nothing else in `src/` names it. To ship it, the only other
//! edits would be a variant of `AnyRuleSet` with its arm in `with_family!`
//! (two lines), and its words in `text/` for a second language.
//!
//! The test runs it end to end on the shipped sample workbooks: read,
//! evaluate, derive, the Excel report and the JSON summary, each read back.

use std::collections::BTreeSet;
use std::path::PathBuf;

use rust_xlsxwriter::{Workbook, Worksheet, XlsxError};
use serde::{Deserialize, Serialize};

use crate::advice::{self, Derivation, Derived};
use crate::deliver::email::composer::Composer;
use crate::deliver::email::family::{self as mail, OperatorWords, StandingView};
use crate::deliver::email::view::Section;
use crate::evaluate::{self, Evaluation, Facts, PartnerResult, RowOutcome};
use crate::input::{Rows, WorkloadCell};
use crate::model::{CredentialId, Level};
use crate::month::{MonthFigures, PartnerChange};
use crate::phase::Silent;
use crate::pipeline::{RunData, analyse};
use crate::report::columns::SummaryColumn;
use crate::report::family::JsonStanding;
use crate::report::layout::Layout;
use crate::report::sheets::summary::{level, partner_id, partner_name};
use crate::report::xlsx::{Cell, Col, Formats, col, write_table};
use crate::report::{self, ReportData};
use crate::rules::{self, PersonStanding, RuleSet, Rules, RulesOrigin, SchemeError};
use crate::text::{Lang, Texts};

/// The toy family.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
struct Toy;

/// The `[toy]` table.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct ToyScheme {
    /// Distinct customers needed to qualify.
    customers: u64,
}

/// The file's family tables: only `[toy]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ToyFile {
    toy: ToyScheme,
}

impl rules::Family for Toy {
    type Scheme = ToyScheme;
    const KEY: &'static str = "toy";

    fn scheme(tables: toml::Table, _: &mut Rules) -> Result<ToyScheme, SchemeError> {
        let file: ToyFile = toml::Value::Table(tables).try_into()?;
        Ok(file.toy)
    }

    fn title(rules: &Rules, _: &ToyScheme) -> String {
        format!("{} (toy)", rules.competency.name)
    }

    fn attainable_levels(_: &ToyScheme) -> &'static [Level] {
        &[Level::Qualified]
    }

    fn person(_: &Rules, _: &ToyScheme, _: &BTreeSet<CredentialId>) -> PersonStanding {
        PersonStanding::default()
    }

    fn describe(set: &RuleSet<Toy>, _: &str) -> String {
        format!("{} customers qualify.", set.scheme.customers)
    }

    fn listed(rules: &Rules) -> String {
        rules.competency.name.clone()
    }

    fn tally(count: &dyn Fn(Level) -> usize) -> String {
        format!("{} qualified", count(Level::Qualified))
    }
}

/// The toy's standing: the distinct customers counted, and whether that
/// is enough.
#[derive(Debug, Clone, PartialEq)]
struct ToyStanding {
    customers: u64,
    qualified: bool,
}

impl evaluate::Family for Toy {
    type Standing = ToyStanding;

    fn evaluate(set: &RuleSet<Toy>, p: &Facts<'_>) -> ToyStanding {
        let rules = &set.rules;
        let customers: BTreeSet<_> = p
            .customers
            .iter()
            .filter(|(_, r)| {
                r.invalid.is_none()
                    && matches!(r.workload, Some(WorkloadCell::Counted(_)))
                    && r.sku.is_some_and(|s| rules.skus.contains(&s))
                    && r.association
                        .is_some_and(|a| rules.associations.contains(&a))
            })
            .filter_map(|(_, r)| r.customer.as_ref())
            .collect();
        let customers = customers.len() as u64;
        ToyStanding {
            customers,
            qualified: customers >= set.scheme.customers,
        }
    }

    fn level(s: &ToyStanding) -> Level {
        if s.qualified {
            Level::Qualified
        } else {
            Level::None
        }
    }
}

impl advice::Family for Toy {
    /// Customers still to win.
    type Advice = u64;

    fn advise(set: &RuleSet<Toy>, evaluation: &Evaluation<Toy>, _: &Rows) -> Vec<u64> {
        let needed = set.scheme.customers;
        evaluation
            .partners
            .iter()
            .map(|p| needed.saturating_sub(p.standing.customers))
            .collect()
    }

    fn progress(set: &RuleSet<Toy>, p: &PartnerResult<Toy>, short: &u64) -> Option<u8> {
        (*short > 0).then(|| (p.standing.customers * 100 / set.scheme.customers.max(1)) as u8)
    }
}

/// The toy's own JSON field.
#[derive(Debug, Serialize)]
struct ToyJson {
    customers: u64,
}

impl report::Family for Toy {
    type Json = ToyJson;

    fn report_title(_: &Texts, name: &str, as_of: &str) -> String {
        format!("{name} toy report, as of {as_of}")
    }

    fn summary_columns(data: &ReportData<Toy>) -> Vec<SummaryColumn<Toy>> {
        let h = &data.texts().h;
        vec![
            SummaryColumn::new(h.partner_id, 12.0, partner_id),
            SummaryColumn::new(h.partner_name, 20.0, partner_name),
            SummaryColumn::new(h.level, 12.0, level),
            SummaryColumn::new("Customers", 10.0, |r| {
                Cell::Count(r.partner.standing.customers)
            }),
        ]
    }

    fn action(_: &Texts, _: &RuleSet<Toy>, _: &PartnerResult<Toy>, d: &Derivation<Toy>) -> String {
        match d.advice {
            0 => "qualifies".into(),
            n => format!("needs {n} more customers"),
        }
    }

    fn dashboard_needs(
        _: &mut Worksheet,
        _: &Formats,
        _: &ReportData<Toy>,
        at: u32,
        _: &[f64],
    ) -> Result<u32, XlsxError> {
        Ok(at)
    }

    fn closest_columns(t: &Texts, _: &Rules) -> Vec<Col<'static>> {
        vec![
            col(t.h.partner_name, 28.0),
            col(t.h.partner_id, 12.0),
            col(t.h.level, 13.0),
            col(t.h.progress, 11.0),
        ]
    }

    fn closest_words(_: &Texts) -> (String, &'static str, &'static str) {
        ("Closest".into(), "By progress.", "Everyone qualifies.")
    }

    fn closest_cells<'a>(_: &'a ReportData<Toy>, _: &Layout, _: usize, p: u8) -> Vec<Cell<'a>> {
        vec![Cell::Percent(p)]
    }

    fn write_next_steps(
        workbook: &mut Workbook,
        formats: &Formats,
        data: &ReportData<Toy>,
        _: &Layout,
    ) -> Result<(), XlsxError> {
        let t = data.texts();
        let rows = data
            .partners()
            .filter(|(_, d)| d.advice > 0)
            .map(|(p, d)| vec![Cell::from(p.partner.as_str()), Cell::Count(d.advice)]);
        let columns = [col(t.h.partner_id, 12.0), col("Customers To Win", 12.0)];
        write_table(workbook, formats, t.sheets.next_steps, &columns, rows)?;
        Ok(())
    }

    fn scheme_settings(_: &Texts, set: &RuleSet<Toy>) -> Vec<(String, String)> {
        vec![("Customers".into(), set.scheme.customers.to_string())]
    }

    fn history_cell(month: &MonthFigures) -> Cell<'static> {
        Cell::CountAt(month.entitlements, month.level)
    }

    fn json(
        _: &RuleSet<Toy>,
        p: &PartnerResult<Toy>,
        _: &Derivation<Toy>,
        _: Option<&PartnerChange>,
    ) -> JsonStanding<ToyJson> {
        JsonStanding::without_levels(ToyJson {
            customers: p.standing.customers,
        })
    }
}

impl mail::Family for Toy {
    fn standing_view(c: &Composer<'_, '_, Toy>, index: usize) -> StandingView {
        let p = &c.data.evaluation.partners[index];
        StandingView {
            subject: |name, as_of, partner| format!("{name}, {as_of}: {partner}"),
            intro: |name, partner, as_of| format!("{name} for {partner}, {as_of}"),
            level: (c.texts.level(p.level()).to_string(), p.level()),
            facts: vec![("Customers".into(), p.standing.customers.to_string())],
            progress_heading: None,
            bars: Vec::new(),
            alert: None,
            near: Section::default(),
            next_step: None,
        }
    }

    fn operator_words(c: &Composer<'_, '_, Toy>) -> OperatorWords {
        OperatorWords {
            subject: format!("{} toy summary", c.competency()),
            partners_line: String::new(),
            no_changes: "",
            top_actions: "",
            top_actions_none: "",
            at_risk: None,
        }
    }
}

/// The Cloud Productivity rules' common part, with a `[toy]` table in
/// place of its levels: 2 customers qualify.
fn toy_rules() -> RuleSet<Toy> {
    let (_, text) = rules::find(rules::DEFAULT_NAME).expect("the default rules");
    let common: String = text
        .split("\n[")
        .filter(|table| {
            !["levels", "[qualifications]"]
                .iter()
                .any(|family| table.starts_with(family))
        })
        .collect::<Vec<_>>()
        .join("\n[");
    let toml = format!("{common}\n[toy]\ncustomers = 2\n");
    RuleSet::parse(&toml, "toy.toml").expect("the toy rules")
}

#[test]
fn a_family_defined_in_a_test_is_scored_end_to_end() {
    let set = toy_rules();
    assert_eq!(set.title(), "Cloud Productivity (toy)");
    let samples = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("samples");
    let as_of = chrono::NaiveDate::from_ymd_opt(2017, 9, 30).expect("a date");
    let analysis = analyse(&[samples], &[], &set, as_of, None).expect("the samples read");

    // The standing, per partner: distinct customers on counted rows.
    let counted: usize = analysis
        .evaluation
        .customer_outcomes
        .iter()
        .filter(|o| matches!(o, RowOutcome::Counted { .. }))
        .count();
    assert!(counted > 0);
    let standings: Vec<(String, u64, Level)> = analysis
        .evaluation
        .partners
        .iter()
        .map(|p| (p.partner.to_string(), p.standing.customers, p.level()))
        .collect();
    assert!(
        standings
            .iter()
            .all(|(_, n, l)| (*n >= 2) == (*l == Level::Qualified)),
        "{standings:?}"
    );
    assert!(standings.iter().any(|(_, _, l)| *l == Level::Qualified));
    assert!(standings.iter().any(|(_, _, l)| *l == Level::None));
    let Derived { partners, .. } = &analysis.derived;
    assert_eq!(partners.len(), standings.len());

    // The report and the JSON, written by the generic writers.
    let data = RunData {
        as_of,
        lang: Lang::En,
        set,
        rules_origin: RulesOrigin::File("toy.toml".into()),
        analysis,
        changes: None,
        history: None,
        notes: Vec::new(),
    };
    let out = tempfile::tempdir().expect("a temporary folder");
    let json = out.path().join("toy.json");
    let written =
        report::write_outputs(&data.report_data(), out.path(), Some(&json), false, &Silent)
            .expect("the report is written");

    let summary: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&json).expect("the JSON")).expect("JSON");
    let partners = summary["partners"].as_array().expect("partners");
    assert_eq!(partners.len(), standings.len());
    for ((id, customers, level), entry) in standings.iter().zip(partners) {
        assert_eq!(entry["partner_id"], id.as_str());
        assert_eq!(entry["customers"], *customers);
        assert_eq!(entry["level"], level.as_str());
        assert!(entry["next_level"].is_null());
    }

    use calamine::{Data, Reader, open_workbook_auto};
    let mut book = open_workbook_auto(&written.report).expect("the report opens");
    let sheet = book.worksheet_range("Summary").expect("a Summary sheet");
    let header: Vec<String> = sheet
        .rows()
        .next()
        .expect("a header")
        .iter()
        .map(|c| c.to_string())
        .collect();
    assert_eq!(header, ["Partner ID", "Partner Name", "Level", "Customers"]);
    let shown: Vec<(String, f64)> = sheet
        .rows()
        .skip(1)
        .take(standings.len())
        .map(|r| match (&r[0], &r[3]) {
            (id, Data::Float(n)) => (id.to_string(), *n),
            other => panic!("{other:?}"),
        })
        .collect();
    let expected: Vec<(String, f64)> = standings
        .iter()
        .map(|(id, n, _)| (id.clone(), *n as f64))
        .collect();
    assert_eq!(shown, expected);
    let next = book
        .worksheet_range("Next Steps")
        .expect("a Next Steps sheet");
    let to_win = next.rows().skip(1).count();
    let short = standings
        .iter()
        .filter(|(_, _, l)| *l == Level::None)
        .count();
    assert_eq!(to_win, short);
}
