//! The per-tenant sheet of a designation (`Tenants`): for each partner,
//! tenant, path and association type, why the tenant counts: its paid
//! licences, eligible now and a year before, its association and how that
//! date is known, what its usage growth is measured from, its share of
//! active licences now, a year before and at association, its part of each
//! customer metric, and why it is left out where it is. The customer
//! metrics' figures on `Summary` are the sums of these rows.

use std::borrow::Cow;

use rust_xlsxwriter::{Workbook, XlsxError};

use super::Points;
use super::rules::{Measure, Scoring};
use super::score::{self, AssociatedBy, Eligibility, LineNote, TenantLine};
use crate::evaluate::PartnerResult;
use crate::input::CustomerRow;
use crate::report::ReportData;
use crate::report::layout::Layout;
use crate::report::xlsx::{Cell, Col, Formats, SplicedRows, XfIndices, col, write_table_spliced};
use crate::rules::RuleSet;
use crate::text::Texts;

/// Writes the sheet: one row per tenant line (about a third of a
/// designation's report cells at 1M customer rows), made and compressed on
/// every core as `Customers` is, and returned to be spliced in when the
/// file is saved.
///
/// The lines are not held from evaluation on: each partner's are made
/// again from its customer rows, as its score made them, by the thread
/// that writes its rows.
pub(super) fn write<'d>(
    workbook: &mut Workbook,
    formats: &Formats,
    xf: &XfIndices,
    data: &ReportData<'d, Points>,
    layout: &Layout,
) -> Result<Vec<SplicedRows>, XlsxError> {
    let t = data.texts();
    let set: &'d RuleSet<Points> = data.set;
    let (scoring, which) = (&set.scheme, Which::of(&set.scheme));
    let partners: &'d [PartnerResult<Points>] = &data.evaluation.partners;
    let customers: &'d [CustomerRow] = &data.inputs.rows.customers;
    // Line k is line k - starts[p] of partner p, where starts[p] <= k <
    // starts[p + 1]; rows are made on several threads, each from any line.
    let mut starts = Vec::with_capacity(partners.len() + 1);
    let mut count = 0;
    for p in partners {
        starts.push(count);
        count += p.standing.tenant_lines;
    }
    starts.push(count);
    let as_of = data.as_of;
    // A thread keeps the lines of the partner of its previous row, almost
    // always this row's: a partner's lines are made once or twice.
    let line_at = |k: usize, made: &mut Made| {
        let here = |p: usize| starts.get(p) <= Some(&k) && Some(&k) < starts.get(p + 1);
        if made.partner.is_none_or(|p| !here(p)) {
            let p = starts.partition_point(|&s| s <= k).saturating_sub(1);
            made.lines =
                score::tenant_lines(scoring, &set.rules, &rows_of(layout, customers, p), as_of);
            debug_assert_eq!(made.lines.len(), partners[p].standing.tenant_lines);
            made.partner = Some(p);
        }
        let p = made.partner.unwrap_or_default();
        made.lines
            .get(k - starts[p])
            .map_or([const { Cell::Blank }; 21], |line| {
                row(t, scoring, &partners[p], line, which)
            })
    };
    let columns = columns(t);
    write_table_spliced(
        workbook,
        formats,
        xf,
        t.sheets.tenants,
        &columns,
        count,
        line_at,
    )
}

/// The tenant lines of one partner a thread made last.
#[derive(Default)]
struct Made {
    /// The partner (index into the evaluation's partners).
    partner: Option<usize>,
    lines: Vec<TenantLine>,
}

/// Partner p's customer rows with their index, in the rows' order, as
/// evaluation gave them to its score.
fn rows_of<'d>(
    layout: &Layout,
    customers: &'d [CustomerRow],
    p: usize,
) -> Vec<(usize, &'d CustomerRow)> {
    layout
        .customer_rows_of(p)
        .iter()
        .map(|&i| (i, &customers[i]))
        .collect()
}

/// The sheet's columns: words first, then dates and figures (a number set
/// right never runs into the words after it).
fn columns(t: &'static Texts) -> [Col<'static>; 21] {
    let (h, w) = (&t.h, &t.points.tenants);
    [
        col(h.partner_id, 12.0),
        col(h.partner_name, 22.0),
        col(h.customer_id, 36.0),
        col(h.customer_name, 24.0),
        col(t.points.path_header, 11.0),
        col(h.association, 12.0),
        col(w.eligible_now, 14.0),
        col(w.eligible_before, 14.0),
        col(t.points.note_header, 50.0),
        col(w.associated_by, 14.0),
        col(w.associated_on, 11.0),
        col(w.paid_now, 11.0),
        col(w.net_add, 8.0),
        col(w.measured_from, 11.0),
        col(w.users_then, 9.0),
        col(w.users_now, 9.0),
        col(w.growth, 9.0),
        col(w.deployed_now, 10.0),
        col(w.deployed_before, 10.0),
        col(w.deployed_at_association, 11.0),
        col(w.deployment, 10.0),
    ]
}

/// The first metric of each customer measure, whose parts the sheet shows.
#[derive(Debug, Clone, Copy)]
struct Which {
    adds: Option<usize>,
    growth: Option<usize>,
    deployments: Option<usize>,
}

impl Which {
    fn of(scoring: &Scoring) -> Which {
        let first = |measure: Measure| scoring.metrics.iter().position(|m| m.measure == measure);
        Which {
            adds: first(Measure::NetCustomerAdds),
            growth: first(Measure::UsageGrowth),
            deployments: first(Measure::NetNewDeployments),
        }
    }
}

/// One line's cells.
fn row<'a>(
    t: &'static Texts,
    scoring: &'a Scoring,
    p: &'a PartnerResult<Points>,
    line: &TenantLine,
    which: Which,
) -> [Cell<'a>; 21] {
    let w = &t.points.tenants;
    let group = scoring.association_groups[line.group].name.as_str();
    let path = t.path_name(&scoring.paths[line.path]);
    let value = |m: Option<usize>, shown: bool| match m {
        Some(m) if shown => Cell::Delta(line.value(m)),
        _ => Cell::Blank,
    };
    let counted = !line.notes.contains(&LineNote::NotOnPath);
    let share = |s: Option<f64>| s.map_or(Cell::Blank, Cell::Share);
    let from = line.measured_from;
    let add_here = !line
        .notes
        .iter()
        .any(|n| matches!(n, LineNote::AddOnAnotherLine(_)));
    let mut notes: Vec<String> = line
        .notes
        .iter()
        .map(|n| note(t, scoring, n, group, path))
        .collect();
    if let Some(f) = from.filter(|f| f.at_association) {
        notes.push((w.from_association)(
            &f.date.map_or_else(String::new, |d| d.to_string()),
        ));
    }
    let note = if notes.is_empty() {
        Cell::Blank
    } else {
        Cell::Wrapped(Cow::Owned(notes.join("; ")))
    };
    [
        Cell::from(p.partner.as_str()),
        Cell::from(p.name.as_deref()),
        // The line is made again for its row and gone after it: its texts
        // are the row's own.
        Cell::from(line.tenant.as_str().to_owned()),
        line.name
            .as_deref()
            .map_or(Cell::Blank, |n| Cell::from(n.to_owned())),
        Cell::from(path),
        Cell::from(group),
        eligibility(t, scoring, &line.eligible_now),
        eligibility(t, scoring, &line.eligible_before),
        note,
        line.associated.map_or(Cell::Blank, |(_, by)| {
            Cell::from(
                w.by[match by {
                    AssociatedBy::DateAssociated => 0,
                    AssociatedBy::CustomerSince => 1,
                    AssociatedBy::FirstSnapshot => 2,
                }],
            )
        }),
        line.associated.map_or(Cell::Blank, |(d, _)| Cell::Date(d)),
        line.paid_now.map_or(Cell::Blank, Cell::Count),
        value(which.adds, counted && add_here),
        from.and_then(|f| f.date).map_or(Cell::Blank, Cell::Date),
        from.map_or(Cell::Blank, |f| Cell::Count(f.users)),
        line.users_now.map_or(Cell::Blank, Cell::Count),
        value(
            which.growth,
            counted && (from.is_some() || line.users_now.is_some()),
        ),
        share(line.deployed[0]),
        share(line.deployed[1]),
        share(line.deployed[2]),
        value(which.deployments, counted),
    ]
}

/// Eligible for which customer metrics, in words.
fn eligibility<'a>(t: &'a Texts, scoring: &Scoring, e: &Eligibility) -> Cell<'a> {
    match e {
        Eligibility::No => Cell::from(t.no),
        Eligibility::Yes => Cell::from(t.yes),
        Eligibility::Only(metrics) => {
            let names: Vec<String> = metrics
                .iter()
                .map(|m| t.metric_name(&scoring.metrics[*m]).to_string())
                .collect();
            Cell::Wrapped(Cow::Owned((t.points.tenants.only)(&t.join_and(&names))))
        }
    }
}

/// A line's note in words.
fn note(t: &Texts, scoring: &Scoring, n: &LineNote, group: &str, path: &str) -> String {
    let w = &t.points.tenants;
    match n {
        LineNote::NotOnPath => (w.not_on_path)(group, path),
        LineNote::Gone(last) => (w.gone)(last.map(|d| d.to_string()).as_deref()),
        LineNote::Stays => w.stays.to_string(),
        LineNote::DeployedAtAssociation(d, share) => {
            let shown = format!("{:.1} %", share * 100.0);
            let shown = shown.replace('.', &t.points.decimal_sep.to_string());
            (w.deployed_at_association_note)(&shown, &d.to_string())
        }
        LineNote::AddOnAnotherLine(g) => (w.add_elsewhere)(&scoring.association_groups[*g].name),
    }
}

#[cfg(test)]
mod tests {
    use std::io::Read;
    use std::path::PathBuf;

    use calamine::{Reader, Xlsx};

    use super::*;
    use crate::families::tests::points;
    use crate::pipeline::{RunData, analyse};
    use crate::report::xlsx::{BuiltWorkbook, write_table};

    /// The sheet's XML and its cells as calamine reads them.
    fn saved(mut built: BuiltWorkbook) -> (String, Vec<Vec<calamine::Data>>) {
        let bytes = built.save_to_buffer().expect("saves");
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&bytes)).expect("a zip");
        let mut xml = String::new();
        zip.by_name("xl/worksheets/sheet1.xml")
            .expect("the sheet")
            .read_to_string(&mut xml)
            .expect("inflates");
        let mut book = Xlsx::new(std::io::Cursor::new(bytes)).expect("opens");
        let range = book.worksheet_range("Tenants").expect("Tenants");
        (xml, range.rows().map(<[_]>::to_vec).collect())
    }

    #[test]
    fn tenants_made_apart_are_the_sheet_rust_xlsxwriter_wrote_wrapped_notes_included() {
        let set = points("solutions-partner-modern-work");
        let sample = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("samples/.modern-work-monthly");
        let as_of = chrono::NaiveDate::from_ymd_opt(2026, 9, 30).expect("a date");
        let analysis = analyse(&[sample], &[], &set, as_of, None).expect("the sample reads");
        let data = RunData {
            as_of,
            lang: crate::text::Lang::En,
            set,
            rules_origin: crate::rules::RulesOrigin::File("mw.toml".into()),
            analysis,
            changes: None,
            history: None,
            notes: Vec::new(),
        };
        let data = data.report_data();
        let t = data.texts();
        let formats = Formats::new();
        // The way the sheet was written before: every row through rust_xlsxwriter.
        let mut workbook = Workbook::new();
        formats.register(&mut workbook);
        let (scoring, which) = (&data.set.scheme, Which::of(&data.set.scheme));
        let partners = &data.evaluation.partners;
        let layout = Layout::new(&data, <Points as crate::report::Family>::evidence_rows);
        let customers = &data.inputs.rows.customers;
        // Each partner's lines made again, all at once, are as many as its
        // score summed.
        let lines: Vec<Vec<TenantLine>> = (0..partners.len())
            .map(|p| {
                let rows = rows_of(&layout, customers, p);
                score::tenant_lines(scoring, &data.set.rules, &rows, data.as_of)
            })
            .collect();
        for (p, lines) in partners.iter().zip(&lines) {
            assert_eq!(lines.len(), p.standing.tenant_lines, "{}", p.partner);
        }
        assert!(lines.iter().map(Vec::len).sum::<usize>() > 10, "lines");
        let rows = partners.iter().zip(&lines).flat_map(|(p, lines)| {
            lines
                .iter()
                .map(move |line| row(t, scoring, p, line, which))
        });
        write_table(&mut workbook, &formats, t.sheets.tenants, &columns(t), rows).expect("writes");
        let before = saved(BuiltWorkbook {
            workbook,
            spliced: Vec::new(),
        });
        // And now.
        let mut workbook = Workbook::new();
        let xf = formats.register(&mut workbook);
        let spliced = write(&mut workbook, &formats, &xf, &data, &layout).expect("writes");
        assert_eq!(spliced.len(), 1, "the rows were made apart");
        let now = saved(BuiltWorkbook { workbook, spliced });

        assert_eq!(before.1, now.1, "the cells");
        assert!(before.0 == now.0, "the XML:\n{}\n---\n{}", before.0, now.0);
        // The sample has wrapped notes, some on rows made taller for them.
        let note = before.1[0].iter().position(|c| *c == "Note");
        let notes = before.1[1..]
            .iter()
            .filter(|r| note.is_some_and(|n| !r[n].to_string().is_empty()))
            .count();
        assert!(notes > 3, "{notes} notes");
        assert!(before.0.contains("customHeight"), "tall rows");
    }
}
