//! Text exports: `.csv` and `.tsv` files (and any text file named on its
//! own), as Partner Center, CRM and LMS systems and Excel's "CSV" and
//! "Unicode Text" saves write them.
//!
//! A text file is one sheet without a name. Its encoding is told from its
//! first bytes ([`encoding`]), its delimiter from its header line
//! ([`dialect`]), and its records are streamed through a fixed buffer
//! ([`records`]), so memory does not grow with the file. Every value is text
//! and goes through the same parsing as a workbook's text cells. A broken
//! line (ragged, an unbalanced quote, a NUL byte, far too long) is a problem
//! at the row (and cell) Excel would show, and the rest of the file is read.

pub mod dialect;
pub mod encoding;
pub mod records;

use std::io::{Cursor, Read};
use std::ops::ControlFlow;
use std::path::Path;
use std::sync::Arc;

use super::amount::DecimalMark;
use super::rows::Rows;
use super::sheet::{SheetParser, SheetSettings, SheetStatus, SheetSummary};
use super::value::{MAX_CELL_CHARS, Value, clip_to};
use super::workbook::Limits;
use crate::problem::{Location, Problem};
use encoding::{FieldDecoder, TextEncoding, TextError};
use records::{MAX_RECORD_BYTES, Next, Record, Records};

/// How a text file was read, for Run info.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct TextFormat {
    /// Its encoding.
    pub(crate) encoding: TextEncoding,
    /// Its field delimiter.
    pub(crate) delimiter: u8,
}

impl TextFormat {
    /// The delimiter as shown in a sentence: quoted, or `Tab`.
    pub(crate) fn delimiter_shown(&self) -> String {
        match self.delimiter {
            b'\t' => "Tab".into(),
            d => format!("'{}'", char::from(d)),
        }
    }
}

/// How many bytes at the start are searched for the header line.
const SNIFF_PREFIX: u64 = 64 * 1024;

/// Reads one text file as one sheet. Fails only when the file cannot be
/// opened or is not text at all; broken lines are problems in the result.
pub(crate) fn read_text(
    path: &Path,
    shown: &Arc<str>,
    settings: SheetSettings<'_>,
    limits: Limits,
) -> Result<(SheetSummary, Rows, TextFormat), TextError> {
    let opened = encoding::open(path)?;
    let mut reader = opened.reader;
    let mut prefix = Vec::new();
    (&mut reader)
        .take(SNIFF_PREFIX)
        .read_to_end(&mut prefix)
        .map_err(TextError::Read)?;
    let mut decoder = FieldDecoder::new(opened.encoding);
    let prefer_tab = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("tsv") || e.eq_ignore_ascii_case("txt"));
    let dialect = dialect::sniff(&prefix, &decoder, prefer_tab);
    let settings = SheetSettings {
        decimal_mark: DecimalMark::of_delimiter(dialect.delimiter),
        ..settings
    };
    // Excel's `sep=` line is not a row of the table: Excel hides it.
    let mut start = Cursor::new(prefix);
    start.set_position(dialect.skip as u64);
    let mut records = Records::new(start.chain(reader), dialect.delimiter);

    let location = Location::file(shown.clone());
    let mut summary = SheetSummary::new("");
    let mut rows = Rows::default();
    let mut parser = SheetParser::new(&location, settings, &mut rows, &mut summary);
    let mut cells: Vec<(u32, Value)> = Vec::new();
    // The header's field count, once found: rows must have as many.
    let mut width: Option<usize> = None;
    // Once the header is found, only the columns its fields sit in are
    // decoded: the others are never looked at.
    let mut read_columns: Option<Vec<bool>> = None;
    // Rows refused for a NUL byte: binary data, if no header is found.
    let mut nul_rows = 0usize;
    let mut fields_in = FieldsIn {
        limits: &limits,
        decoder: &mut decoder,
        pool: Vec::new(),
    };
    loop {
        let next = match records.next_record() {
            Ok(Some(next)) => next,
            Ok(None) => break,
            Err(e) => {
                parser.problems().push(Problem::new(
                    location.clone(),
                    format!("the file could not be read to the end: {e}"),
                ));
                break;
            }
        };
        let record = match next {
            Next::Record(record) => record,
            Next::TooLong(row) => {
                parser.problems().push(Problem::new(
                    location.at_row(row),
                    format!(
                        "this row runs on for more than {} KiB (a quote that is never closed, or not a text table): it was not read",
                        MAX_RECORD_BYTES / 1024
                    ),
                ));
                continue;
            }
        };
        let (row, fields, inner_lines) = (record.row, record.len(), record.inner_lines);
        if let Some(width) = width {
            let extra = record
                .fields()
                .skip(width)
                .any(|f| !f.iter().all(u8::is_ascii_whitespace));
            if fields < width || extra {
                let problem = if inner_lines > 0 {
                    "a quote opened in this row is not closed where it should be, so the row runs into the lines below: it was not read (the lines below were read as rows of their own)".to_string()
                } else {
                    format!(
                        "this row has {fields} fields where the header has {width} (a stray delimiter or a missing one?): it was not read"
                    )
                };
                parser
                    .problems()
                    .push(Problem::new(location.at_row(row), problem));
                if inner_lines > 0 {
                    records.reread_after_first_line();
                }
                continue;
            }
        }
        // One search of the whole record; the field only when there is one.
        if let Some(col) = record
            .has_nul()
            .then(|| record.fields().position(|f| f.contains(&0)))
            .flatten()
        {
            nul_rows += 1;
            parser.problems().push(Problem::new(
                location.at_cell(row, col as u32),
                "this cell holds a NUL byte (binary data, or UTF-16 text that lost its byte-order mark): the row was not read",
            ));
            continue;
        }
        fields_in.decode(&record, read_columns.as_deref(), &mut cells);
        if read_columns.is_some() && cells.iter().all(|(_, v)| v.is_blank()) {
            // Blank where it is read: the other cells still tell a blank
            // line from one with a partner missing, as the full row would.
            fields_in.recycle(&mut cells);
            fields_in.decode(&record, None, &mut cells);
        }
        let had_header = parser.has_header();
        let flow = parser.row(row, &cells);
        if !had_header && parser.has_header() {
            width = Some(fields);
            read_columns = parser.read_columns();
        }
        fields_in.recycle(&mut cells);
        if flow == ControlFlow::Break(()) {
            break;
        }
    }
    parser.finish();
    if summary.status == SheetStatus::Empty {
        return Err(TextError::Empty);
    }
    if summary.header_row.is_none() {
        // Nothing of it was read: one problem says so, not one for every
        // line that happened to break.
        if nul_rows > 0 {
            return Err(TextError::Binary);
        }
        if !named_as_text(path) {
            let shown = path.extension().map_or_else(
                || "no extension".into(),
                |e| format!(".{}", e.to_string_lossy()),
            );
            return Err(TextError::NotATable(shown));
        }
        let last = rows.problems.pop();
        rows.problems.clear();
        rows.problems.extend(last);
    }
    let format = TextFormat {
        encoding: decoder.encoding(),
        delimiter: records.delimiter(),
    };
    Ok((summary, rows, format))
}

/// Turns a record's fields into a row's cells, reusing the texts of the
/// rows before.
struct FieldsIn<'a> {
    limits: &'a Limits,
    decoder: &'a mut FieldDecoder,
    /// Texts of the rows before, emptied, for the next row's cells.
    pool: Vec<String>,
}

impl FieldsIn<'_> {
    /// Decodes the non-empty fields of `record` into `cells`, those of the
    /// columns `wanted` marks only (all if `None`).
    fn decode(
        &mut self,
        record: &Record<'_>,
        wanted: Option<&[bool]>,
        cells: &mut Vec<(u32, Value)>,
    ) {
        for (col, field) in record.fields().enumerate() {
            if col as u32 >= self.limits.max_cols {
                break;
            }
            let skipped = wanted.is_some_and(|w| !w.get(col).copied().unwrap_or(false));
            if field.is_empty() || skipped {
                continue;
            }
            let mut text = self.pool.pop().unwrap_or_default();
            text.clear();
            self.decoder.decode(field, &mut text);
            if text.len() > MAX_CELL_CHARS {
                let kept = clip_to(&text, MAX_CELL_CHARS).len();
                text.truncate(kept);
            }
            cells.push((col as u32, Value::Text(text)));
        }
    }

    /// Empties `cells`, keeping their texts for the next row.
    fn recycle(&mut self, cells: &mut Vec<(u32, Value)>) {
        for (_, value) in cells.drain(..) {
            if let Value::Text(text) = value {
                self.pool.push(text);
            }
        }
    }
}

/// Whether a file's name says it is a text table (`.csv`, `.tsv`, `.txt`,
/// or no extension at all), so that a header it lacks is its problem
/// rather than a sign it is no table at all (`README.md`).
fn named_as_text(path: &Path) -> bool {
    path.extension().is_none_or(|e| {
        ["csv", "tsv", "txt", "tab"]
            .iter()
            .any(|t| e.eq_ignore_ascii_case(t))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::attribution::{Attribution, PartnerOrigin, from_path};
    use crate::model::{Association, AssociationSource, PartnerId, Sku};
    use crate::rules::Rules;
    use chrono::NaiveDate;

    /// Reads `bytes` as the text file `shown`, its partner told from `shown`.
    fn read(shown: &str, bytes: &[u8]) -> (SheetSummary, Rows, TextFormat) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(Path::new(shown).file_name().unwrap());
        std::fs::write(&path, bytes).unwrap();
        let rules = Rules::default_rules().unwrap();
        let attribution = from_path(shown);
        let settings = SheetSettings {
            rules: &rules,
            attribution: attribution.as_ref(),
            month_first_dates: true,
            decimal_mark: None,
            default_snapshot: None,
        };
        read_text(&path, &shown.into(), settings, Limits::default()).unwrap()
    }

    fn problems(rows: &Rows) -> Vec<String> {
        rows.problems
            .iter()
            .map(|p| format!("{} {}", p.location.cell(), p.message))
            .collect()
    }

    const LICENSE_USAGE: &str = "\u{feff}customerTenantId,customerName,productName,workloadCode,workloadName,channel,licensesActive,licensesQualified,processedDateTime\r\n\
        0b4f3c52-1111-4d7a-9a43-5d5f3c2b0001,Contoso Ltd,OFFICE 365 E3,EXO,Exchange,Reseller,\"1,200\",1500,9/28/2017 12:00:00 AM\r\n\
        0b4f3c52-1111-4d7a-9a43-5d5f3c2b0002,\"Fabrikam, Inc.\",OFFICE 365 E3 TRIAL,SPO,SharePoint,Reseller,25,25,2017-09-28T00:00:00Z\r\n\
        0b4f3c52-1111-4d7a-9a43-5d5f3c2b0003,Tailspin,YAMMER ENTERPRISE,YAM,Yammer,Direct,300,300,2017-08-31T00:00:00\r\n";

    #[test]
    fn a_partner_center_license_usage_export_is_read_as_it_comes() {
        let (summary, rows, format) = read(
            "inbox/1000021 Northwind Traders/LicenseUsage.csv",
            LICENSE_USAGE.as_bytes(),
        );
        assert_eq!(format.encoding, TextEncoding::Utf8Bom);
        assert_eq!(format.delimiter, b',');
        assert!(rows.problems.is_empty(), "{:?}", problems(&rows));
        assert_eq!(summary.status.to_string(), "read as Customers");
        assert_eq!(summary.header_row, Some(1));
        assert_eq!(summary.rows, 3);
        assert_eq!(
            summary.partner,
            Some(Attribution {
                partner: PartnerId::parse("1000021").unwrap(),
                origin: PartnerOrigin::Folder("1000021 Northwind Traders".into()),
            })
        );
        assert!(summary.association_from_channel);
        let [contoso, fabrikam, tailspin] = &rows.customers[..] else {
            panic!("three rows: {:?}", rows.customers);
        };
        assert_eq!(contoso.partner.as_str(), "1000021");
        assert_eq!(contoso.customer_name.as_deref(), Some("Contoso Ltd"));
        assert_eq!(
            contoso.workload.as_ref().map(|w| w.name()),
            Some("Exchange Online")
        );
        assert_eq!(contoso.active_users, Some(1200));
        assert_eq!(contoso.qualified_licences, Some(1500));
        assert_eq!(contoso.sku, Some(Sku::Paid));
        assert_eq!(contoso.association, Some(Association::TransactingPartner));
        assert_eq!(contoso.association_source, AssociationSource::Channel);
        assert_eq!(contoso.snapshot, NaiveDate::from_ymd_opt(2017, 9, 28));
        assert_eq!(contoso.product.as_deref(), Some("OFFICE 365 E3"));
        assert_eq!(contoso.source.cell(), "2");
        assert_eq!(fabrikam.customer_name.as_deref(), Some("Fabrikam, Inc."));
        assert_eq!(fabrikam.sku, Some(Sku::Trial), "a TRIAL product is a trial");
        assert_eq!(fabrikam.snapshot, NaiveDate::from_ymd_opt(2017, 9, 28));
        assert_eq!(tailspin.workload.as_ref().map(|w| w.name()), Some("Yammer"));
        assert_eq!(tailspin.snapshot, NaiveDate::from_ymd_opt(2017, 8, 31));
    }

    #[test]
    fn a_german_excel_csv_in_windows_1252_with_semicolons() {
        let text = "Partner-ID;Kunden-ID;Kundenname;Arbeitslast;Aktive Benutzer;SKU-Typ;Zuordnung\r\n\
            1000022;K-1;Müller Maschinenbau GmbH;Exchange Online;1.200;Kostenpflichtig;DPOR\r\n\
            1000022;K-2;Bäckerei Öztürk;SharePoint Online;\"1,5\";Testversion;Keine\r\n";
        let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(text);
        let (summary, rows, format) = read("1000022-export.csv", &bytes);
        assert_eq!(format.encoding, TextEncoding::Windows1252);
        assert_eq!(format.delimiter, b';');
        assert_eq!(summary.partner, None, "the sheet names its partners");
        assert_eq!(
            rows.customers[0].customer_name.as_deref(),
            Some("Müller Maschinenbau GmbH")
        );
        assert_eq!(rows.customers[0].active_users, Some(1200));
        assert_eq!(
            rows.customers[1].customer_name.as_deref(),
            Some("Bäckerei Öztürk")
        );
        assert_eq!(
            problems(&rows),
            [
                "E3 Aktive Benutzer '1,5' is not a whole number (write whole users, without decimals)"
            ]
        );
    }

    #[test]
    fn an_excel_unicode_text_transcript_in_utf16() {
        let text = "Partner ID\tEmail\tName\tExam\tDate Passed\r\n\
            1000023\tdan@contoso.com\tDan Park\tExam 70-346\t5/3/2017\r\n\
            1000023\tDAN@contoso.com\tDan Park\tExam 70-347\t2017-06-01\r\n";
        let mut bytes = vec![0xFF, 0xFE];
        for unit in text.encode_utf16() {
            bytes.extend(unit.to_le_bytes());
        }
        let (summary, rows, format) = read("transcripts.tsv", &bytes);
        assert_eq!(format.encoding, TextEncoding::Utf16Le { bom: true });
        assert_eq!(format.delimiter, b'\t');
        assert_eq!(summary.status.to_string(), "read as Transcripts");
        assert!(rows.problems.is_empty(), "{:?}", problems(&rows));
        assert_eq!(rows.credentials.len(), 2);
        assert_eq!(
            rows.credentials[0].passed_on,
            NaiveDate::from_ymd_opt(2017, 5, 3)
        );
        assert_eq!(rows.credentials[0].person, rows.credentials[1].person);
    }

    #[test]
    fn broken_lines_are_problems_where_excel_shows_them_and_the_rest_is_read() {
        let text = "Partner ID,Customer ID,Workload,Active Users,Association\n\
            1000024,A,EXO,10,DAP\n\
            \n\
            1000024,B,EXO,10\n\
            1000024,C,EXO,10,DAP,surplus\n\
            1000024,\"D,EXO,10,DAP\n\
            1000024,E,EXO,10,DAP\n\
            1000024,F,EXO,1\x000,DAP\n\
            1000024,G,\"multi\nline workload\",10,DAP\n\
            1000024,H,EXO,10,DAP,,\n";
        let (summary, rows, _) = read("broken.csv", text.as_bytes());
        let customers: Vec<&str> = rows
            .customers
            .iter()
            .map(|r| r.customer.as_ref().unwrap().as_str())
            .collect();
        assert_eq!(customers, ["A", "E", "G", "H"]);
        let rows_of: Vec<u32> = rows
            .customers
            .iter()
            .map(|r| r.source.excel_row().unwrap())
            .collect();
        // Row 3 is blank; G's quoted line break keeps it on one row.
        assert_eq!(rows_of, [2, 7, 9, 10]);
        let found = problems(&rows);
        assert_eq!(found.len(), 4, "{found:?}");
        assert!(
            found[0].starts_with("4 this row has 4 fields where the header has 5"),
            "{found:?}"
        );
        assert!(found[1].starts_with("5 this row has 6 fields"), "{found:?}");
        assert!(
            found[2].starts_with("6 a quote opened in this row is not closed"),
            "{found:?}"
        );
        assert!(
            found[3].starts_with("D8 this cell holds a NUL byte"),
            "{found:?}"
        );
        assert_eq!(summary.rows, 4);
    }

    #[test]
    fn a_sheet_whose_partner_cannot_be_told_is_not_read() {
        let (summary, rows, _) = read("usage.csv", LICENSE_USAGE.as_bytes());
        assert!(rows.customers.is_empty());
        assert_eq!(
            summary.status.to_string(),
            "not read: its partner is unknown"
        );
        let found = problems(&rows);
        assert_eq!(found.len(), 1);
        assert!(found[0].contains("has no Partner ID column"), "{found:?}");
        assert!(found[0].contains("--partner-id"), "{found:?}");
    }
}
