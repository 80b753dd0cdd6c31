//! The report: an annotated Excel workbook (one writer per sheet, in
//! `sheets`, on the machinery of [`xlsx`]) and a JSON summary, both written
//! atomically under names that never replace an existing file; `layout`
//! places rows and links, `partner_workbook` cuts one partner's own
//! workbook, `pdf` converts the report.

pub(crate) mod columns;
pub mod family;
pub(crate) mod json;
pub(crate) mod layout;
pub(crate) mod partner_workbook;
pub mod pdf;
pub mod programme;
pub(crate) mod sheets;
pub(crate) mod xlsx;

use std::io;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use rust_xlsxwriter::{DocProperties, Workbook, XlsxError};
use xlsx::BuiltWorkbook;

pub use family::Family;

use crate::advice::{self, Derivation, Derived};
use crate::evaluate::{Evaluation, PartnerResult};
use crate::input::Inputs;
use crate::month::{Changes, History, PartnerChange};
use crate::phase::{Phase, Progress, SheetName, Silent, timed};
use crate::problem::Problem;
use crate::rules::{RuleSet, Rules, RulesOrigin};
use crate::safe_write::{self, NewName};
use crate::text::{Lang, Texts};

/// Everything a report is made from.
pub struct ReportData<'a, F: advice::Family> {
    /// The date the report speaks for.
    pub(crate) as_of: NaiveDate,
    /// The rules in force.
    pub(crate) set: &'a RuleSet<F>,
    /// Where the rules came from (a path or the built-in name).
    pub(crate) rules_origin: &'a RulesOrigin,
    /// What was read.
    pub(crate) inputs: &'a Inputs,
    /// What was decided.
    pub(crate) evaluation: &'a Evaluation<F>,
    /// What follows from it: advice, progress, the closest partners.
    pub(crate) derived: &'a Derived<F>,
    /// Every problem: input problems then evaluation problems.
    pub(crate) problems: &'a [Problem],
    /// The comparison with the earlier report, if there was one.
    pub(crate) changes: Option<&'a Changes>,
    /// The month-by-month history, if kept; adds the `History` sheet.
    pub(crate) history: Option<&'a History>,
    /// Notes about the run itself (what was compared against, what was
    /// left for the next run), listed on `Run info`.
    pub(crate) notes: &'a [String],
    /// The language of the Excel report (the JSON summary stays English).
    pub(crate) lang: Lang,
}

// By hand: derived, it would ask `F: Clone` of the family's marker type.
impl<F: advice::Family> Clone for ReportData<'_, F> {
    fn clone(&self) -> Self {
        ReportData { ..*self }
    }
}

impl<'a, F: advice::Family> ReportData<'a, F> {
    /// The words of the report's language.
    pub(crate) fn texts(&self) -> &'static Texts {
        self.lang.texts()
    }

    /// The common part of the rules in force.
    pub(crate) fn rules(&self) -> &'a Rules {
        &self.set.rules
    }

    /// The partners, each with what is derived for it.
    pub(crate) fn partners(
        &self,
    ) -> impl Iterator<Item = (&'a PartnerResult<F>, &'a Derivation<F>)> + use<'a, F> {
        self.evaluation.partners.iter().zip(&self.derived.partners)
    }

    /// A partner's change since the earlier report, if compared.
    pub(crate) fn change(&self, partner: &PartnerResult<F>) -> Option<&'a PartnerChange> {
        self.changes.and_then(|c| c.get(&partner.partner))
    }
}

/// Why a report could not be written.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    /// rust_xlsxwriter refused.
    #[error("cannot build the Excel report: {0}")]
    Xlsx(XlsxError),
    /// The folder rust_xlsxwriter keeps each sheet's rows in while it
    /// writes (the system's temporary folder) cannot be used.
    #[error(
        "cannot build the Excel report: the temporary folder {dir} cannot be used ({source}). Set TMPDIR (TEMP on Windows) to a folder that exists, that this user may write to and that has room, or unset it"
    )]
    TempDir {
        /// The folder.
        dir: String,
        /// Why.
        source: io::Error,
    },
    /// The report was saved, but the JSON summary beside it was not.
    #[error("the report was written to {report}, but the JSON summary was not: {source}")]
    JsonNotWritten {
        /// The report, which is there.
        report: String,
        /// Why the JSON summary is not.
        source: Box<ReportError>,
    },
    /// The file system refused.
    #[error("cannot write {path}: {source}")]
    Io {
        /// Where.
        path: String,
        /// Why.
        source: io::Error,
    },
}

impl From<XlsxError> for ReportError {
    fn from(e: XlsxError) -> ReportError {
        match e {
            XlsxError::TempFileError(dir, source) => ReportError::TempDir {
                dir: dir.display().to_string(),
                source,
            },
            e => ReportError::Xlsx(e),
        }
    }
}

/// The report's file stem for a date: `competency-report-2017-09-30`.
pub(crate) fn report_stem(as_of: NaiveDate) -> String {
    format!(
        "{}{}",
        crate::input::discover::REPORT_PREFIX,
        as_of.format("%Y-%m-%d")
    )
}

/// Saves a built report in `dir` as `competency-report-<as-of>.xlsx` (or
/// `-2`, `-3`... if taken).
pub(crate) fn save_xlsx(
    workbook: &mut BuiltWorkbook,
    as_of: NaiveDate,
    dir: &Path,
) -> Result<PathBuf, ReportError> {
    let name = NewName::new(&report_stem(as_of), "xlsx");
    safe_write::save_new(dir, &name, |file| {
        workbook.save_to_writer(file).map_err(io::Error::other)
    })
    .map_err(|source| ReportError::Io {
        path: dir.display().to_string(),
        source,
    })
}

pub use xlsx::ZIP_COMPRESSION_LEVEL;

/// Builds the whole workbook.
pub(crate) fn build_workbook<F: Family>(
    data: &ReportData<F>,
) -> Result<BuiltWorkbook, ReportError> {
    build_workbook_timed(data, &Silent)
}

/// Builds the whole workbook, telling `progress` how long each sheet took.
fn build_workbook_timed<F: Family>(
    data: &ReportData<F>,
    progress: &dyn Progress,
) -> Result<BuiltWorkbook, ReportError> {
    let mut workbook = Workbook::new();
    workbook.set_zip_compression_level(ZIP_COMPRESSION_LEVEL);
    let t = data.texts();
    let rules = data.rules();
    let as_of = data.as_of.format("%Y-%m-%d").to_string();
    let formats = xlsx::Formats::new_in(t)
        .with_footer(&F::report_title(t, &rules.competency.name, &as_of), t);
    // The document's title, in the report's language.
    let competency = format!("{} ({})", rules.competency.name, rules.competency.option);
    let title = F::report_title(t, &competency, &as_of);
    workbook.set_properties(
        &DocProperties::new()
            .set_title(&title)
            .set_subject(&rules.competency.option)
            .set_company("competency-report")
            .set_comment(format!("competency-report {}", env!("CARGO_PKG_VERSION"))),
    );
    let layout = layout::Layout::new(data, F::evidence_rows);
    // `Customers` (one row per input row) is by far the largest sheet: its
    // rows are made and compressed on every core (`xlsx::rows_xml`), in
    // sheets made ready up front, while the sheets before it, `People` and
    // `History` are built on this thread (the long `Tenants` and `People`
    // have their rows made on every core too). Formats get their numbers first,
    // so that every thread numbers them the same on every run.
    let xf = formats.register(&mut workbook);
    let mut customers =
        xlsx::ReadySheets::new(&mut workbook, xlsx::pages_for(layout.customer_order.len()))?;
    let mut people =
        xlsx::ReadySheets::new(&mut workbook, xlsx::pages_for(data.evaluation.people.len()))?;
    // `History` is one sheet however many partners it lists.
    let mut history = xlsx::ReadySheets::new(&mut workbook, usize::from(data.history.is_some()))?;
    // `Partner Details` (a row per partner) is built beside `Dashboard`,
    // `Summary` and `Next Steps`, then put in its place after `Summary`.
    let mut details =
        xlsx::ReadySheets::new(&mut workbook, xlsx::pages_for(data.partners().count()))?;
    let sheet = |name, step: &mut dyn FnMut() -> Result<(), XlsxError>| {
        timed(progress, Phase::Sheet(name), step)
    };
    let (spliced, others) = rayon::join(
        || {
            timed(progress, Phase::Sheet(SheetName::Customers), || {
                sheets::customers::write(&mut customers, &formats, &xf, data, &layout)
            })
        },
        || -> Result<Vec<xlsx::SplicedRows>, XlsxError> {
            // The order is the order a reader wants: the overview first, then
            // one row per partner and what to do, then the evidence, then the run.
            let (overview, details_built) = rayon::join(
                || -> Result<(), XlsxError> {
                    sheet(SheetName::Dashboard, &mut || {
                        sheets::dashboard::write(&mut workbook, &formats, data, &layout)
                    })?;
                    sheet(SheetName::Summary, &mut || {
                        sheets::summary::write(&mut workbook, &formats, data, &layout)
                    })?;
                    sheet(SheetName::NextSteps, &mut || {
                        F::write_next_steps(&mut workbook, &formats, data, &layout)
                    })
                },
                || {
                    sheet(SheetName::PartnerDetails, &mut || {
                        sheets::partner_details::write(&mut details, &formats, data, &layout)
                    })
                },
            );
            overview?;
            details_built?;
            details.insert_into(&mut workbook, data.texts().sheets.summary);
            // The rows of `Tenants` and `People`, made apart on every core.
            let mut made_apart = Vec::new();
            sheet(SheetName::Evidence, &mut || {
                made_apart =
                    F::write_evidence_spliced(&mut workbook, &formats, &xf, data, &layout)?;
                Ok(())
            })?;
            sheet(SheetName::People, &mut || {
                let rows = sheets::people::write(&mut people, &formats, &xf, data)?;
                made_apart.extend(rows);
                Ok(())
            })?;
            if let Some(h) = data.history {
                sheet(SheetName::History, &mut || {
                    sheets::history::write(&mut history, &formats, h, data.texts(), F::history_cell)
                })?;
            }
            Ok(made_apart)
        },
    );
    // The sheets' rows made apart, in any order: saving finds each by name.
    let mut spliced = spliced?;
    spliced.extend(others?);
    customers.push_into(&mut workbook);
    people.push_into(&mut workbook);
    history.push_into(&mut workbook);
    sheet(SheetName::Problems, &mut || {
        sheets::problems::write(&mut workbook, &formats, data)
    })?;
    sheet(SheetName::RunInfo, &mut || {
        sheets::run_info::write(&mut workbook, &formats, data)
    })?;
    Ok(BuiltWorkbook { workbook, spliced })
}

/// What [`write_outputs`] wrote.
#[derive(Debug)]
pub struct Written {
    /// The Excel report.
    pub report: PathBuf,
    /// The JSON summary, if asked for.
    pub json: Option<PathBuf>,
    /// The PDF copy, if asked for: where it went, or why there is none.
    pub pdf: Option<Result<PathBuf, pdf::PdfError>>,
}

/// Writes everything a run leaves behind: the Excel report in `dir`, the
/// JSON summary where asked (`{as_of}` in its path becomes the date), and
/// the PDF copy if asked, telling `progress` how long each took. A PDF that
/// cannot be made is reported in [`Written::pdf`], never an error: the
/// report is written by then.
pub fn write_outputs<F: Family>(
    data: &ReportData<F>,
    dir: &Path,
    json: Option<&Path>,
    want_pdf: bool,
    progress: &dyn Progress,
) -> Result<Written, ReportError> {
    let mut workbook = timed(progress, Phase::Sheets, || {
        build_workbook_timed(data, progress)
    })?;
    let report = timed(progress, Phase::Save, || {
        save_xlsx(&mut workbook, data.as_of, dir)
    })?;
    let json = timed(progress, Phase::Json, || {
        json.map(|p| write_json(data, &json_path(p, data.as_of)))
            .transpose()
    })
    .map_err(|e| ReportError::JsonNotWritten {
        report: report.display().to_string(),
        source: Box::new(e),
    })?;
    let pdf = want_pdf.then(|| timed(progress, Phase::Pdf, || pdf::convert(&report)));
    Ok(Written { report, json, pdf })
}

/// `{as_of}` in a JSON path becomes the date, so one setting gives one file
/// a month.
fn json_path(path: &Path, as_of: NaiveDate) -> PathBuf {
    let text = path.to_string_lossy();
    if text.contains("{as_of}") {
        PathBuf::from(text.replace("{as_of}", &as_of.format("%Y-%m-%d").to_string()))
    } else {
        path.to_path_buf()
    }
}

/// Writes the JSON summary next to where the user asked, never replacing an
/// existing file; returns where it went.
pub(crate) fn write_json<F: Family>(
    data: &ReportData<F>,
    path: &Path,
) -> Result<PathBuf, ReportError> {
    write_json_value(&json::Summary::new(data), path)
}

/// Writes a JSON document where asked, never replacing an existing file;
/// returns where it went.
pub(crate) fn write_json_value(
    value: &impl serde::Serialize,
    path: &Path,
) -> Result<PathBuf, ReportError> {
    let (dir, name) = NewName::split(path, "json");
    safe_write::save_new(&dir, &name, |file| {
        serde_json::to_writer_pretty(&mut *file, value).map_err(io::Error::other)?;
        io::Write::write_all(file, b"\n")
    })
    .map_err(|source| ReportError::Io {
        path: path.display().to_string(),
        source,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_json_setting_with_as_of_gives_one_file_a_month() {
        let d = NaiveDate::from_ymd_opt(2017, 9, 30).unwrap();
        assert_eq!(
            json_path(Path::new("reports/summary-{as_of}.json"), d),
            PathBuf::from("reports/summary-2017-09-30.json")
        );
        assert_eq!(
            json_path(Path::new("summary.json"), d),
            PathBuf::from("summary.json")
        );
    }
}
