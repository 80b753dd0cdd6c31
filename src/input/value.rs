//! One cell's value, owned, and the conversions the rows need: text, a whole
//! count, a date, a partner id. Each conversion says in words why a value does
//! not fit.

use std::borrow::Cow;

use calamine::{Data, DataRef, ExcelDateTime};
use chrono::NaiveDate;

use crate::model::PartnerId;

/// A cell's value as read, independent of the file format.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Value {
    /// No value.
    Empty,
    /// Text (numbers stored as text arrive here too).
    Text(String),
    /// A number (xlsx stores every number as a float).
    Number(f64),
    /// TRUE or FALSE.
    Bool(bool),
    /// A date (from a date-formatted cell or an ISO date in ODS).
    Date(NaiveDate),
    /// An error value such as `#N/A`.
    Error(String),
}

impl Value {
    /// Whether the cell holds nothing (or only spaces).
    pub(crate) fn is_blank(&self) -> bool {
        match self {
            Value::Empty => true,
            Value::Text(s) => s.trim().is_empty(),
            _ => false,
        }
    }
}

impl From<DataRef<'_>> for Value {
    fn from(d: DataRef<'_>) -> Value {
        match d {
            DataRef::Empty => Value::Empty,
            DataRef::String(s) => Value::Text(clip(&s).to_string()),
            DataRef::SharedString(s) => Value::Text(clip(s).to_string()),
            DataRef::Float(f) => Value::Number(f),
            DataRef::Int(i) => Value::Number(i as f64),
            DataRef::Bool(b) => Value::Bool(b),
            DataRef::DateTime(dt) => from_excel_datetime(dt),
            DataRef::DateTimeIso(s) => from_iso(s),
            DataRef::DurationIso(s) => Value::Text(s),
            DataRef::Error(e) => Value::Error(e.to_string()),
        }
    }
}

impl From<&Data> for Value {
    fn from(d: &Data) -> Value {
        match d {
            Data::Empty => Value::Empty,
            Data::String(s) => Value::Text(clip(s).to_string()),
            Data::Float(f) => Value::Number(*f),
            Data::Int(i) => Value::Number(*i as f64),
            Data::Bool(b) => Value::Bool(*b),
            Data::DateTime(dt) => from_excel_datetime(*dt),
            Data::DateTimeIso(s) => from_iso(s.clone()),
            Data::DurationIso(s) => Value::Text(s.clone()),
            Data::Error(e) => Value::Error(e.to_string()),
        }
    }
}

fn from_excel_datetime(dt: ExcelDateTime) -> Value {
    match dt.as_datetime() {
        Some(t) if dt.is_datetime() => Value::Date(t.date()),
        _ => Value::Number(dt.as_f64()),
    }
}

fn from_iso(s: String) -> Value {
    match parse_date_text(&s) {
        Some(d) => Value::Date(d),
        None => Value::Text(s),
    }
}

/// The longest text kept from one cell. No id, name or credential needs
/// more, and a hostile file can reuse one huge shared string in every cell:
/// copying it whole per cell would take the machine's memory and minutes.
pub(crate) const MAX_CELL_CHARS: usize = 1_024;

/// `s` cut to at most `max` characters, on a character boundary.
pub(crate) fn clip_to(s: &str, max: usize) -> &str {
    // A char is at least one byte: short text needs no scan.
    if s.len() <= max {
        return s;
    }
    match s.char_indices().nth(max) {
        Some((end, _)) => &s[..end],
        None => s,
    }
}

fn clip(s: &str) -> &str {
    clip_to(s, MAX_CELL_CHARS)
}

/// The cell as display text, trimmed; `None` when blank.
pub(crate) fn text(v: &Value) -> Option<String> {
    text_ref(v).map(Cow::into_owned)
}

/// Like [`text`], but text cells are borrowed rather than copied: most cells
/// are only parsed or compared, and a copy per cell is a large part of
/// reading a million rows.
pub(crate) fn text_ref(v: &Value) -> Option<Cow<'_, str>> {
    let s = match v {
        Value::Empty => return None,
        Value::Text(s) => {
            let t = s.trim();
            return (!t.is_empty()).then_some(Cow::Borrowed(t));
        }
        Value::Number(f) => format_number(*f),
        Value::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
        Value::Date(d) => d.format("%Y-%m-%d").to_string(),
        Value::Error(e) => e.clone(),
    };
    (!s.is_empty()).then_some(Cow::Owned(s))
}

/// A number as a person would type it: integers without a fraction.
pub(crate) fn format_number(f: f64) -> String {
    if f.fract() == 0.0 && f.abs() < 1e15 {
        format!("{}", f as i64)
    } else {
        format!("{f}")
    }
}

/// Why a cell's value does not fit the column: the row's problem reads
/// `<header> <this>` ("Active Users '1.5' is not a whole number ...").
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub(crate) enum ValueError {
    /// A TRUE/FALSE cell where a count belongs.
    #[error("is TRUE/FALSE, not a number")]
    BoolNotCount,
    /// A TRUE/FALSE cell where a date belongs.
    #[error("is TRUE/FALSE, not a date")]
    BoolNotDate,
    /// A date cell where a count belongs.
    #[error("is a date ({0}), not a number")]
    DateNotCount(NaiveDate),
    /// The cell shows a spreadsheet error (`#N/A`).
    #[error("shows the error {0}")]
    CellError(String),
    /// Not a number at all (text, or a number cell that is not finite).
    #[error("'{0}' is not a number")]
    NotANumber(String),
    /// A negative number, as shown (text in quotes).
    #[error("{0} is negative")]
    Negative(Shown),
    /// A number cell with a fraction.
    #[error("{0} is not a whole number")]
    Fraction(String),
    /// Text that reads as a fraction, or as a number grouped oddly.
    #[error("'{0}' is not a whole number (write whole users, without decimals)")]
    FractionText(String),
    /// Above [`MAX_COUNT`], as shown (text in quotes).
    #[error("{0} is too large")]
    TooLarge(Shown),
    /// A number cell that is no Excel date serial.
    #[error("{0} is not a date")]
    NumberNotDate(String),
    /// Text that is no date this reader accepts.
    #[error("'{0}' is not a date I can read (write YYYY-MM-DD)")]
    TextNotDate(String),
    /// A text export's slash date that is not month first.
    #[error(
        "'{0}' is not a date I can read (month first, M/D/YYYY, as US exports write it; or YYYY-MM-DD)"
    )]
    NotMonthFirst(String),
}

/// A value as an error shows it: a number cell bare (`-5`), text in quotes
/// (`'-5'`), so the reader can tell which the file holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Shown {
    /// From a number cell.
    Number(String),
    /// From text.
    Text(String),
}

impl std::fmt::Display for Shown {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Shown::Number(s) => f.write_str(s),
            Shown::Text(s) => write!(f, "'{s}'"),
        }
    }
}

/// The largest count accepted: above it f64 stops being exact, and no
/// partner has that many users anyway.
const MAX_COUNT: f64 = 9_007_199_254_740_991.0;

/// A non-negative whole number; `Ok(None)` for a blank cell.
///
/// Text is accepted with thousands separators (`1,200`, `1.200`, `1 200`,
/// `1'200`) but anything that could be a fraction (`1.5`, `1,25`) is refused
/// rather than rounded.
pub(crate) fn count(v: &Value) -> Result<Option<u64>, ValueError> {
    match v {
        Value::Empty => Ok(None),
        Value::Number(f) => number_to_count(*f, format_number(*f)).map(Some),
        Value::Text(s) => {
            let t = s.trim();
            if t.is_empty() {
                return Ok(None);
            }
            count_from_text(t).map(Some)
        }
        Value::Bool(_) => Err(ValueError::BoolNotCount),
        Value::Date(d) => Err(ValueError::DateNotCount(*d)),
        Value::Error(e) => Err(ValueError::CellError(e.clone())),
    }
}

fn number_to_count(f: f64, shown: String) -> Result<u64, ValueError> {
    if !f.is_finite() {
        Err(ValueError::NotANumber(shown))
    } else if f < 0.0 {
        Err(ValueError::Negative(Shown::Number(shown)))
    } else if f.fract() != 0.0 {
        Err(ValueError::Fraction(shown))
    } else if f > MAX_COUNT {
        Err(ValueError::TooLarge(Shown::Number(shown)))
    } else {
        Ok(f as u64)
    }
}

fn count_from_text(t: &str) -> Result<u64, ValueError> {
    let body = t.strip_prefix('+').unwrap_or(t);
    if body.starts_with('-') || body.starts_with('\u{2212}') {
        let rest = body.trim_start_matches(['-', '\u{2212}']);
        if rest.chars().next().is_some_and(|c| c.is_ascii_digit()) {
            return Err(ValueError::Negative(Shown::Text(t.into())));
        }
    }
    if !body.is_empty() && body.chars().all(|c| c.is_ascii_digit()) {
        return body
            .parse::<u64>()
            .ok()
            .filter(|n| (*n as f64) <= MAX_COUNT)
            .ok_or_else(|| ValueError::TooLarge(Shown::Text(t.into())));
    }
    if let Some(n) = grouped_thousands(body) {
        return Ok(n);
    }
    let numeric_ish = body
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | ' ' | '\''));
    if numeric_ish && body.chars().any(|c| c.is_ascii_digit()) {
        Err(ValueError::FractionText(t.into()))
    } else {
        Err(ValueError::NotANumber(t.into()))
    }
}

/// `1,200` / `1.200` / `1 200` / `1'200` / `12,345,678`: digit groups of three
/// after a first group of one to three digits, one separator throughout.
fn grouped_thousands(s: &str) -> Option<u64> {
    let sep = s.chars().find(|c| !c.is_ascii_digit())?;
    if !matches!(sep, ',' | '.' | ' ' | '\'' | '\u{a0}' | '\u{202f}') {
        return None;
    }
    let groups: Vec<&str> = s.split(sep).collect();
    let first_ok = (1..=3).contains(&groups[0].len());
    let rest_ok = groups[1..].iter().all(|g| g.len() == 3);
    let digits_ok = groups.iter().all(|g| g.chars().all(|c| c.is_ascii_digit()));
    if groups.len() < 2 || !first_ok || !rest_ok || !digits_ok {
        return None;
    }
    groups.concat().parse().ok()
}

/// A date; `Ok(None)` for a blank cell.
///
/// Accepts date cells, Excel serial numbers (1900 system), ISO text
/// (`2017-05-03`) and German text (`03.05.2017`). Slash dates are refused:
/// `05/03/2017` means different days in the US and in Europe.
pub(crate) fn date(v: &Value) -> Result<Option<NaiveDate>, ValueError> {
    match v {
        Value::Empty => Ok(None),
        Value::Date(d) => Ok(Some(*d)),
        Value::Number(f) => serial_to_date(*f)
            .map(Some)
            .ok_or_else(|| ValueError::NumberNotDate(format_number(*f))),
        Value::Text(s) if s.trim().is_empty() => Ok(None),
        Value::Text(s) => parse_date_text(s.trim())
            .map(Some)
            .ok_or_else(|| ValueError::TextNotDate(s.trim().into())),
        Value::Bool(_) => Err(ValueError::BoolNotDate),
        Value::Error(e) => Err(ValueError::CellError(e.clone())),
    }
}

/// Like [`date`], and also month-first slash dates with an optional time
/// (`9/28/2017`, `9/28/2017 12:00:00 AM`), as Partner Center and US Excel
/// write them into text exports. A slash date whose first number cannot be
/// a month (`28/09/2017`) is refused rather than read day-first.
pub(crate) fn date_month_first(v: &Value) -> Result<Option<NaiveDate>, ValueError> {
    match v {
        Value::Text(s) if s.contains('/') => {
            let t = s.trim();
            let date_part = t.split([' ', 'T']).next().unwrap_or(t);
            if let Ok(d) = NaiveDate::parse_from_str(date_part, "%Y/%m/%d") {
                return Ok(Some(d));
            }
            NaiveDate::parse_from_str(date_part, "%m/%d/%Y")
                .map(Some)
                .map_err(|_| ValueError::NotMonthFirst(t.into()))
        }
        other => date(other),
    }
}

/// A snapshot's date: any date [`date`] (or, in a text export,
/// [`date_month_first`]) reads, or a month alone (`2026-09`, as a monthly
/// download may name the month it reports), which is its first day.
pub(crate) fn snapshot(v: &Value, month_first: bool) -> Result<Option<NaiveDate>, ValueError> {
    let parsed = if month_first {
        date_month_first(v)
    } else {
        date(v)
    };
    match (&parsed, v) {
        (Err(_), Value::Text(s)) => {
            let t = s.trim();
            // `2026-09`, `2026/09`: a year, a separator and a month.
            let month = t
                .split_once(['-', '/'])
                .filter(|(y, m)| y.len() == 4 && (1..=2).contains(&m.len()))
                .and_then(|(y, m)| Some((y.parse::<i32>().ok()?, m.parse::<u32>().ok()?)))
                .and_then(|(y, m)| NaiveDate::from_ymd_opt(y, m, 1));
            month.map_or(parsed, |d| Ok(Some(d)))
        }
        _ => parsed,
    }
}

/// An Excel serial day number in the 1900 date system.
fn serial_to_date(f: f64) -> Option<NaiveDate> {
    if !(1.0..2_958_466.0).contains(&f) {
        return None;
    }
    // Excel counts 1900-02-29, which never was; day 60 and later sit one
    // day further from 1899-12-31 than the calendar says.
    let days = f.trunc() as i64;
    let base = NaiveDate::from_ymd_opt(1899, 12, 30)?;
    let offset = if days < 60 { days + 1 } else { days };
    base.checked_add_signed(chrono::Duration::days(offset))
}

fn parse_date_text(s: &str) -> Option<NaiveDate> {
    let date_part = s.split(['T', ' ']).next().unwrap_or(s);
    NaiveDate::parse_from_str(date_part, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(date_part, "%d.%m.%Y"))
        .or_else(|_| NaiveDate::parse_from_str(date_part, "%Y/%m/%d"))
        .ok()
}

/// What a partner-id cell holds.
pub(crate) enum PartnerIdCell {
    /// A partner id: digits, however spaced or zero-padded.
    Id(PartnerId),
    /// Words without a digit: a total or note row's label.
    Label,
    /// Something id-like that is not one (`10O0001`, with the letter O).
    Malformed(String),
}

/// Partner ids are MPN ids, which are digits: anything else in the column
/// is a label or a mistake, never a partner of its own.
pub(crate) fn partner_id(raw: &str) -> PartnerIdCell {
    let compact: String = raw.chars().filter(|c| !c.is_whitespace()).collect();
    if !compact.is_empty() && compact.chars().all(|c| c.is_ascii_digit()) {
        match PartnerId::parse(&compact) {
            Some(id) => PartnerIdCell::Id(id),
            None => PartnerIdCell::Label,
        }
    } else if compact.chars().any(|c| c.is_ascii_digit()) {
        PartnerIdCell::Malformed(raw.to_string())
    } else {
        PartnerIdCell::Label
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Value {
        Value::Text(s.into())
    }

    #[test]
    fn counts_accept_numbers_and_grouped_text() {
        assert_eq!(count(&Value::Number(1200.0)), Ok(Some(1200)));
        assert_eq!(count(&t("1200")), Ok(Some(1200)));
        assert_eq!(count(&t("1,200")), Ok(Some(1200)));
        assert_eq!(count(&t("1.200")), Ok(Some(1200)));
        assert_eq!(count(&t("1 200")), Ok(Some(1200)));
        assert_eq!(count(&t("1\u{a0}200")), Ok(Some(1200)));
        assert_eq!(count(&t("12.345.678")), Ok(Some(12_345_678)));
        assert_eq!(count(&t(" 42 ")), Ok(Some(42)));
        assert_eq!(count(&Value::Empty), Ok(None));
        assert_eq!(count(&t("  ")), Ok(None));
    }

    #[test]
    fn counts_refuse_fractions_negatives_and_words() {
        let why = |v: Value| count(&v).unwrap_err().to_string();
        assert_eq!(why(Value::Number(1.5)), "1.5 is not a whole number");
        for text in ["1.5", "1,25", "1,2000"] {
            assert_eq!(
                why(t(text)),
                format!("'{text}' is not a whole number (write whole users, without decimals)")
            );
        }
        // A number cell shows bare, text in quotes: the reader can tell which.
        assert_eq!(why(Value::Number(-5.0)), "-5 is negative");
        assert_eq!(why(t("-5")), "'-5' is negative");
        assert_eq!(why(t("n/a")), "'n/a' is not a number");
        assert_eq!(why(Value::Error("#N/A".into())), "shows the error #N/A");
        assert_eq!(why(Value::Number(1e300)), format!("{} is too large", 1e300));
        assert_eq!(
            why(t("99999999999999999999")),
            "'99999999999999999999' is too large"
        );
        assert_eq!(why(Value::Number(f64::NAN)), "'NaN' is not a number");
        assert_eq!(why(Value::Bool(true)), "is TRUE/FALSE, not a number");
    }

    #[test]
    fn dates_from_cells_serials_and_text() {
        let d = NaiveDate::from_ymd_opt(2017, 5, 3).unwrap();
        assert_eq!(date(&Value::Number(42858.0)), Ok(Some(d)));
        assert_eq!(date(&t("2017-05-03")), Ok(Some(d)));
        assert_eq!(date(&t("03.05.2017")), Ok(Some(d)));
        assert_eq!(date(&t("2017-05-03T00:00:00")), Ok(Some(d)));
        assert_eq!(date(&Value::Date(d)), Ok(Some(d)));
        assert_eq!(
            date(&t("05/03/2017")).unwrap_err().to_string(),
            "'05/03/2017' is not a date I can read (write YYYY-MM-DD)"
        );
        assert_eq!(
            date(&Value::Number(-1.0)).unwrap_err().to_string(),
            "-1 is not a date"
        );
        assert_eq!(
            date(&Value::Number(1.0)),
            Ok(NaiveDate::from_ymd_opt(1900, 1, 1))
        );
        assert_eq!(
            date(&Value::Number(61.0)),
            Ok(NaiveDate::from_ymd_opt(1900, 3, 1))
        );
    }

    #[test]
    fn a_snapshot_may_name_a_month_alone() {
        let first = NaiveDate::from_ymd_opt(2026, 9, 1);
        assert_eq!(snapshot(&t("2026-09"), false), Ok(first));
        assert_eq!(snapshot(&t("2026/9"), true), Ok(first));
        assert_eq!(snapshot(&t("2026-09-01"), false), Ok(first));
        assert_eq!(snapshot(&t("9/1/2026 12:00:00 AM"), true), Ok(first));
        assert_eq!(
            snapshot(&t("2026-13"), false).unwrap_err().to_string(),
            "'2026-13' is not a date I can read (write YYYY-MM-DD)"
        );
        assert!(snapshot(&t("09-2026"), false).is_err());
    }

    #[test]
    fn text_exports_add_date_times_and_month_first_dates() {
        let d = NaiveDate::from_ymd_opt(2017, 9, 28).unwrap();
        for text in [
            "2017-09-28T00:00:00",
            "2017-09-28T00:00:00Z",
            "2017-09-28T23:30:00+02:00",
            "2017-09-28 00:00:00",
            "9/28/2017",
            "09/28/2017",
            "9/28/2017 12:00:00 AM",
            "9/28/2017 11:59:59 PM",
            "28.09.2017",
        ] {
            assert_eq!(date_month_first(&t(text)), Ok(Some(d)), "{text}");
        }
        assert_eq!(
            date_month_first(&t("5/3/2017")),
            Ok(NaiveDate::from_ymd_opt(2017, 5, 3))
        );
        assert_eq!(
            date_month_first(&t("28/09/2017")),
            Err(ValueError::NotMonthFirst("28/09/2017".into()))
        );
        assert!(date_month_first(&t("13/13/2017")).is_err());
        // In a workbook, slash text stays refused: a person typed it, and
        // 05/03/2017 means different days in the US and in Europe.
        assert!(date(&t("9/28/2017")).is_err());
    }

    #[test]
    fn long_text_is_cut_once_on_the_way_in() {
        let huge = "é".repeat(100_000);
        let Value::Text(cell) = Value::from(DataRef::SharedString(&huge)) else {
            panic!("text stays text");
        };
        assert_eq!(cell.chars().count(), MAX_CELL_CHARS);
        assert!(huge.starts_with(&cell));
        assert_eq!(clip_to("abc", 2), "ab");
        assert_eq!(clip_to("ab", 5), "ab");
    }

    #[test]
    fn numbers_print_without_a_fraction_when_whole() {
        assert_eq!(text(&Value::Number(1_000_001.0)).unwrap(), "1000001");
        assert_eq!(text(&Value::Number(1.5)).unwrap(), "1.5");
        assert_eq!(text(&t("  x ")).unwrap(), "x");
        assert_eq!(text(&t("   ")), None);
    }

    #[test]
    fn text_ref_borrows_text_cells_and_formats_the_rest() {
        let cell = Value::Text("  Contoso ".into());
        assert!(matches!(text_ref(&cell), Some(Cow::Borrowed("Contoso"))));
        assert_eq!(text_ref(&Value::Number(42.0)).as_deref(), Some("42"));
        assert_eq!(text_ref(&Value::Bool(true)).as_deref(), Some("TRUE"));
        assert_eq!(text_ref(&Value::Text(" ".into())), None);
        assert_eq!(text_ref(&Value::Empty), None);
        for v in [
            Value::Text(" a ".into()),
            Value::Number(1.5),
            Value::Error("#N/A".into()),
        ] {
            assert_eq!(text_ref(&v).map(Cow::into_owned), text(&v));
        }
    }
}
