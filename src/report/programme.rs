//! A report that holds several rule sets (a programme: `--rules` given more
//! than once, or a programme file): one workbook whose `Summary` shows each
//! partner's standing in every rule set side by side (a level column and a
//! score column each, and how many it holds), then one sheet per rule set
//! with that family's own Summary columns (path, score, each metric, the
//! cheapest route in words), then `Problems` and `Run info`; and one JSON
//! summary whose partners carry every rule set they are scored on.
//!
//! Each rule set is evaluated on its own, as a run of it alone would be,
//! and its family is erased behind [`Part`]: this room needs of it only
//! what is the same for every family.

use std::collections::{BTreeMap, BTreeSet};
use std::io;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use rust_xlsxwriter::{DocProperties, Workbook, XlsxError};
use serde::Serialize;
use serde_json::Value;

use super::layout::Layout;
use super::partner_workbook::PartnerSlice;
use super::sheets::{run_info, summary};
use super::xlsx::{self, BuiltWorkbook, Cell, Col, ExcelTable, Formats};
use super::{Family, ReportData, ReportError, Written, json, save_xlsx, write_json_value};
use crate::advice::Derived;
use crate::evaluate::Evaluation;
use crate::input::Inputs;
use crate::model::{Level, PartnerId, points_value};
use crate::month::Changes;
use crate::phase::{Phase, Progress, timed};
use crate::problem::Problem;
use crate::rules::{RuleSet, RulesOrigin};
use crate::text::{Lang, Texts};

/// Excel's longest sheet name.
const SHEET_NAME_MAX: usize = 31;

/// One partner's standing in one rule set, as the programme's `Summary`
/// shows it.
#[derive(Debug, Clone)]
pub struct Standing<'a> {
    /// The partner.
    pub partner: &'a PartnerId,
    /// Its name, if known.
    pub name: Option<&'a str>,
    /// Its level.
    pub level: Level,
    /// The level in the family's words ("Qualified", "Gold").
    pub word: &'static str,
    /// Its score, where the family scores in points.
    pub score: Option<f64>,
}

/// One rule set's part of a programme report, its family erased.
pub trait Part: Sync {
    /// The rule set's name in the JSON summary (`solutions-partner-data-ai`).
    fn key(&self) -> &str;
    /// The designation's or competency's name, a `Summary` column's header.
    fn name(&self) -> &str;
    /// Its sheet's name (the rules file's `short_name`, else its name).
    fn short_name(&self) -> &str;
    /// The most points a score can have, where the family scores.
    fn max_points(&self) -> Option<f64>;
    /// Every partner's standing, by partner id.
    fn standings(&self) -> Vec<Standing<'_>>;
    /// Writes the family's Summary columns as the sheet `name`.
    fn write_sheet(
        &self,
        workbook: &mut Workbook,
        formats: &Formats,
        name: &str,
    ) -> Result<(), XlsxError>;
    /// Each partner's entry of the JSON summary a run of this rule set
    /// alone writes.
    fn json_partners(&self) -> Result<Vec<Value>, serde_json::Error>;
    /// The problems the run of this rule set found.
    fn problems(&self) -> &[Problem];
    /// What was read.
    fn inputs(&self) -> &Inputs;
    /// `Run info`: the rules' rows.
    fn rules_rows(&self) -> Vec<Vec<Cell<'static>>>;
}

/// What a rule set's part is made from: its report data, whatever its
/// family; every [`Part`] is one of these.
pub trait HasData: Sync {
    /// The rule set's family.
    type F: Family;
    /// The rule set's name in the JSON summary.
    fn key(&self) -> &str;
    /// The report data of the part.
    fn data(&self) -> ReportData<'_, Self::F>;
}

/// A rule set's run, with its name in the programme: what a report of the
/// rule set alone is made from, owned.
#[derive(Debug)]
pub struct PartRun<F: Family> {
    /// The rule set's name in the JSON summary.
    pub key: String,
    /// The date the report speaks for.
    pub as_of: NaiveDate,
    /// The language of the Excel report.
    pub lang: Lang,
    /// The rules.
    pub set: RuleSet<F>,
    /// Where they came from.
    pub rules_origin: RulesOrigin,
    /// What was read.
    pub inputs: Inputs,
    /// What was decided.
    pub evaluation: Evaluation<F>,
    /// What follows from it.
    pub derived: Derived<F>,
    /// Every problem the rule set's run found.
    pub problems: Vec<Problem>,
    /// The comparison with the rule set's last month, if there was one.
    pub changes: Option<Changes>,
}

impl<F: Family> HasData for PartRun<F> {
    type F = F;
    fn key(&self) -> &str {
        &self.key
    }
    fn data(&self) -> ReportData<'_, F> {
        ReportData {
            as_of: self.as_of,
            set: &self.set,
            rules_origin: &self.rules_origin,
            inputs: &self.inputs,
            evaluation: &self.evaluation,
            derived: &self.derived,
            problems: &self.problems,
            changes: self.changes.as_ref(),
            history: None,
            notes: &[],
            lang: self.lang,
        }
    }
}

/// One partner's share of a rule set's run: its part of the partner's own
/// programme workbook.
pub struct SlicedPart<'a, F: Family> {
    /// The rule set's name.
    pub(crate) key: &'a str,
    /// The partner's rows, result and problems.
    pub(crate) slice: PartnerSlice<F>,
    /// The full report it is cut from (its rules and settings).
    pub(crate) full: ReportData<'a, F>,
}

impl<F: Family> HasData for SlicedPart<'_, F> {
    type F = F;
    fn key(&self) -> &str {
        self.key
    }
    fn data(&self) -> ReportData<'_, F> {
        self.slice.data(&self.full)
    }
}

impl<T: HasData> Part for T {
    fn key(&self) -> &str {
        HasData::key(self)
    }

    fn name(&self) -> &str {
        &self.data().rules().competency.name
    }

    fn short_name(&self) -> &str {
        let c = &self.data().rules().competency;
        c.short_name.as_deref().unwrap_or(&c.name)
    }

    fn max_points(&self) -> Option<f64> {
        // A family that scores gives every partner a score, out of the
        // partner capability score's 100 points (every designation's).
        let data = self.data();
        let scored = data
            .evaluation
            .partners
            .first()
            .and_then(|p| <T::F as crate::evaluate::Family>::score(&p.standing));
        scored.map(|_| 100.0)
    }

    fn standings(&self) -> Vec<Standing<'_>> {
        let data = self.data();
        let t = data.texts();
        data.evaluation
            .partners
            .iter()
            .map(|p| {
                let level = p.level();
                Standing {
                    partner: &p.partner,
                    name: p.name.as_deref(),
                    level,
                    word: T::F::level_word(t, level),
                    score: <T::F as crate::evaluate::Family>::score(&p.standing).map(points_value),
                }
            })
            .collect()
    }

    fn write_sheet(
        &self,
        workbook: &mut Workbook,
        formats: &Formats,
        name: &str,
    ) -> Result<(), XlsxError> {
        let data = self.data();
        let layout = Layout::unlinked(data.evaluation.partners.len());
        summary::write_as(workbook, formats, &data, &layout, name, None)
    }

    fn json_partners(&self) -> Result<Vec<Value>, serde_json::Error> {
        let data = self.data();
        let summary = json::Summary::new(&data);
        match serde_json::to_value(&summary.partners)? {
            Value::Array(partners) => Ok(partners),
            _ => Ok(Vec::new()),
        }
    }

    fn problems(&self) -> &[Problem] {
        self.data().problems
    }

    fn inputs(&self) -> &Inputs {
        self.data().inputs
    }

    fn rules_rows(&self) -> Vec<Vec<Cell<'static>>> {
        run_info::rules_rows(&self.data())
    }
}

/// Everything a programme report is made from.
pub struct ProgrammeReport<'a> {
    /// The date the report speaks for.
    pub as_of: NaiveDate,
    /// The language of the Excel report (the JSON stays English).
    pub lang: Lang,
    /// The programme's name.
    pub name: &'a str,
    /// Where its rule sets came from.
    pub origin: &'a str,
    /// Each rule set's part, in the report's order.
    pub parts: Vec<&'a dyn Part>,
    /// Notes about the run, listed on `Run info`.
    pub notes: &'a [String],
}

impl ProgrammeReport<'_> {
    fn texts(&self) -> &'static Texts {
        self.lang.texts()
    }

    /// The report's title.
    pub fn title(&self) -> String {
        let as_of = self.as_of.format("%Y-%m-%d").to_string();
        (self.texts().programme.title)(self.name, &as_of)
    }

    /// Every partner any rule set scored, by id, with each rule set's
    /// standing (none where a rule set did not score it).
    pub fn partners(&self) -> BTreeMap<&PartnerId, Vec<Option<Standing<'_>>>> {
        let mut all: BTreeMap<&PartnerId, Vec<Option<Standing>>> = BTreeMap::new();
        for (i, part) in self.parts.iter().enumerate() {
            for s in part.standings() {
                let partner = s.partner;
                all.entry(partner)
                    .or_insert_with(|| vec![None; self.parts.len()])[i] = Some(s);
            }
        }
        all
    }

    /// Every rule set's problems once: the rule sets read the same files,
    /// so most problems are found by each.
    pub fn problems(&self) -> Vec<&Problem> {
        let mut seen = BTreeSet::new();
        self.parts
            .iter()
            .flat_map(|p| p.problems())
            .filter(|p| {
                seen.insert((
                    p.location.file.to_string(),
                    p.location.sheet.clone(),
                    p.location.cell(),
                    p.message.clone(),
                ))
            })
            .collect()
    }

    /// Each rule set's sheet name: its short name, made valid and unique.
    fn sheet_names(&self) -> Vec<String> {
        let t = self.texts();
        let mut taken: BTreeSet<String> = [t.sheets.summary, t.sheets.problems, t.sheets.run_info]
            .iter()
            .map(|s| s.to_lowercase())
            .collect();
        self.parts
            .iter()
            .map(|part| {
                let base = sheet_name(part.short_name());
                let mut name = base.clone();
                let mut n = 2;
                while !taken.insert(name.to_lowercase()) {
                    let suffix = format!(" ({n})");
                    let keep = SHEET_NAME_MAX - suffix.chars().count();
                    name = format!("{}{suffix}", base.chars().take(keep).collect::<String>());
                    n += 1;
                }
                name
            })
            .collect()
    }

    /// Builds the workbook.
    pub(crate) fn build(&self) -> Result<BuiltWorkbook, ReportError> {
        let t = self.texts();
        let title = self.title();
        let mut workbook = Workbook::new();
        workbook.set_zip_compression_level(super::ZIP_COMPRESSION_LEVEL);
        workbook.set_properties(
            &DocProperties::new()
                .set_title(&title)
                .set_subject(self.name)
                .set_company("competency-report")
                .set_comment(format!("competency-report {}", env!("CARGO_PKG_VERSION"))),
        );
        let as_of = self.as_of.format("%Y-%m-%d").to_string();
        let footer = (t.programme.footer)(self.name, &as_of);
        let formats = Formats::new_in(t).with_footer(&footer, t);
        let names = self.sheet_names();
        self.write_summary(&mut workbook, &formats)?;
        for (part, name) in self.parts.iter().zip(&names) {
            part.write_sheet(&mut workbook, &formats, name)?;
        }
        self.write_problems(&mut workbook, &formats)?;
        self.write_run_info(&mut workbook, &formats, &names)?;
        Ok(BuiltWorkbook {
            workbook,
            spliced: Vec::new(),
        })
    }

    /// `Summary`: a row per partner, a level and a score column per rule set.
    fn write_summary(&self, workbook: &mut Workbook, formats: &Formats) -> Result<(), XlsxError> {
        let t = self.texts();
        let mut headers: Vec<(String, f64)> = vec![
            (t.h.partner_id.to_string(), 12.0),
            (t.h.partner_name.to_string(), 24.0),
            (t.programme.held.to_string(), 11.0),
        ];
        for part in &self.parts {
            headers.push((part.name().to_string(), 16.0));
            if part.max_points().is_some() {
                // Wide enough for the bar beside "72.25".
                headers.push(((t.programme.score_of)(part.short_name()), 13.0));
            }
        }
        let rows: Vec<Vec<Cell>> = self
            .partners()
            .into_iter()
            .map(|(id, standings)| {
                let name = standings.iter().flatten().find_map(|s| s.name);
                let held = standings
                    .iter()
                    .flatten()
                    .filter(|s| s.level != Level::None)
                    .count();
                let mut row = vec![
                    Cell::from(id.as_str()),
                    name.map_or(Cell::Blank, |n| Cell::Wrapped(n.into())),
                    Cell::Count(held as u64),
                ];
                for (part, s) in self.parts.iter().zip(&standings) {
                    row.push(
                        s.as_ref()
                            .map_or(Cell::Blank, |s| Cell::Level(s.level, s.word)),
                    );
                    if part.max_points().is_some() {
                        row.push(
                            s.as_ref()
                                .and_then(|s| s.score)
                                .map_or(Cell::Blank, Cell::Points),
                        );
                    }
                }
                row
            })
            .collect();
        let columns: Vec<Col> = headers
            .iter()
            .map(|(h, w)| Col {
                header: h,
                width: *w,
            })
            .collect();
        let widths = xlsx::fit_widths(&columns, &rows);
        let partners = rows.len();
        let table = ExcelTable {
            name: Some("Designations"),
            rows: partners,
            total_label: None,
            sums: Vec::new(),
        };
        xlsx::write_excel_table(workbook, formats, t.sheets.summary, &widths, table, rows)?;
        // Each score as a bar to the most points, as a rule set's own sheet shows it.
        if partners > 0 {
            let sheet = workbook.worksheet_from_name(t.sheets.summary)?;
            let mut c = 3u16;
            for part in &self.parts {
                c += 1;
                if let Some(most) = part.max_points() {
                    let bar = xlsx::formats::points_bar(most);
                    sheet.add_conditional_format(1, c, partners as u32, c, &bar)?;
                    c += 1;
                }
            }
        }
        Ok(())
    }

    fn write_problems(&self, workbook: &mut Workbook, formats: &Formats) -> Result<(), XlsxError> {
        let t = self.texts();
        let columns = super::sheets::problems::columns(t);
        let rows = self
            .problems()
            .into_iter()
            .map(super::sheets::problems::row);
        xlsx::write_table(workbook, formats, t.sheets.problems, &columns, rows)?;
        Ok(())
    }

    fn write_run_info(
        &self,
        workbook: &mut Workbook,
        formats: &Formats,
        names: &[String],
    ) -> Result<(), XlsxError> {
        let t = self.texts();
        let (i, p) = (&t.info, &t.programme);
        let mut rows: Vec<Vec<Cell>> = run_info::head_rows(t, self.as_of);
        rows.push(run_info::setting(p.programme, self.name.to_string()));
        rows.push(run_info::setting(p.programme_from, self.origin.to_string()));
        for (part, name) in self.parts.iter().zip(names) {
            rows.push(vec![Cell::Blank]);
            rows.push(run_info::setting(
                Cell::Text((p.designation)(part.name()).into()),
                (p.sheet_of)(name),
            ));
            rows.extend(part.rules_rows());
        }
        rows.push(vec![Cell::Blank]);
        rows.extend([
            run_info::count(i.partners, self.partners().len()),
            run_info::count(i.problems, self.problems().len()),
        ]);
        rows.extend(run_info::language_rows(t, self.notes));
        // Every rule set read the same files.
        if let Some(first) = self.parts.first() {
            rows.extend(run_info::input_rows(t, first.inputs()));
        }
        let columns = run_info::columns(t);
        xlsx::write_table(workbook, formats, t.sheets.run_info, &columns, rows)?;
        Ok(())
    }

    /// The JSON summary: the programme, its rule sets, and per partner each
    /// rule set's entry as a run of it alone writes it (less the partner's
    /// id and name, which the partner's entry holds once), in the
    /// programme's order.
    pub(crate) fn json(&self) -> Result<JsonProgramme<'_>, serde_json::Error> {
        let mut partners: BTreeMap<String, JsonPartner> = BTreeMap::new();
        for part in &self.parts {
            for mut entry in part.json_partners()? {
                let Some(object) = entry.as_object_mut() else {
                    continue;
                };
                let Some(Value::String(id)) = object.remove("partner_id") else {
                    continue;
                };
                let name = object.remove("partner_name").unwrap_or(Value::Null);
                let partner = partners.entry(id.clone()).or_insert_with(|| JsonPartner {
                    partner_id: id,
                    partner_name: Value::Null,
                    designations_held: 0,
                    designations: JsonDesignations(Vec::new()),
                });
                if partner.partner_name.is_null() {
                    partner.partner_name = name;
                }
                if object.get("level").and_then(Value::as_str) != Some("none") {
                    partner.designations_held += 1;
                }
                partner.designations.0.push((part.key().to_string(), entry));
            }
        }
        let designations: Vec<Value> = self
            .parts
            .iter()
            .map(|p| serde_json::json!({ "key": p.key(), "name": p.name() }))
            .collect();
        let problems: Vec<json::ProblemEntry> = self
            .problems()
            .into_iter()
            .map(json::ProblemEntry::of)
            .collect();
        Ok(JsonProgramme {
            as_of: self.as_of.format("%Y-%m-%d").to_string(),
            programme: self.name,
            designations,
            partners: partners.into_values().collect(),
            problems,
        })
    }
}

/// The programme's JSON summary.
#[derive(Serialize)]
pub(crate) struct JsonProgramme<'a> {
    as_of: String,
    programme: &'a str,
    designations: Vec<Value>,
    partners: Vec<JsonPartner>,
    problems: Vec<json::ProblemEntry>,
}

/// A partner in the programme's JSON summary.
#[derive(Serialize)]
struct JsonPartner {
    partner_id: String,
    partner_name: Value,
    /// How many rule sets it holds a level of.
    designations_held: u32,
    designations: JsonDesignations,
}

/// Each rule set's entry by its key, in the programme's order.
struct JsonDesignations(Vec<(String, Value)>);

impl Serialize for JsonDesignations {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self.0.iter().map(|(k, v)| (k, v)))
    }
}

/// A sheet name Excel accepts: no `[]:*?/\`, at most 31 characters.
fn sheet_name(name: &str) -> String {
    let clean: String = name
        .chars()
        .map(|c| if "[]:*?/\\".contains(c) { '-' } else { c })
        .collect();
    let clean = clean.trim_matches('\'').trim();
    let short: String = clean.chars().take(SHEET_NAME_MAX).collect();
    short.trim_end().to_string()
}

/// Writes everything a programme run leaves behind: the Excel report in
/// `dir` and the JSON summary where asked (`{as_of}` in its path becomes
/// the date), each under a name that replaces no file.
pub fn write_outputs(
    report: &ProgrammeReport,
    dir: &Path,
    json: Option<&Path>,
    want_pdf: bool,
    progress: &dyn Progress,
) -> Result<Written, ReportError> {
    let mut workbook = timed(progress, Phase::Sheets, || report.build())?;
    let written = timed(progress, Phase::Save, || {
        save_xlsx(&mut workbook, report.as_of, dir)
    })?;
    let json = timed(progress, Phase::Json, || {
        json.map(|p| -> Result<PathBuf, ReportError> {
            let value = report.json().map_err(|e| ReportError::Io {
                path: p.display().to_string(),
                source: io::Error::other(e),
            })?;
            write_json_value(&value, &super::json_path(p, report.as_of))
        })
        .transpose()
    })
    .map_err(|e| ReportError::JsonNotWritten {
        report: written.display().to_string(),
        source: Box::new(e),
    })?;
    let pdf = want_pdf.then(|| timed(progress, Phase::Pdf, || super::pdf::convert(&written)));
    Ok(Written {
        report: written,
        json,
        pdf,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sheet_name_is_one_excel_accepts() {
        assert_eq!(sheet_name("Modern Work"), "Modern Work");
        assert_eq!(sheet_name("Data/AI: [Azure]?"), "Data-AI- -Azure--");
        let long = sheet_name("Solutions Partner for Digital & App Innovation (Azure)");
        assert_eq!(long.chars().count(), 31);
    }
}
