//! Money and months in cells, as revenue downloads write them.
//!
//! - An amount of Azure consumed revenue (`ACR_USD`) is read exactly, as the
//!   file writes it: a number cell, or text with thousands separators and a
//!   decimal point or comma (`1,234.56`, `1.234,56`, `1 234,56`, `$1,234.56`,
//!   `(12.50)` or `-12.50` for a credit). Text whose one separator could be
//!   either (`1,234`) takes the file's decimal mark ([`DecimalMark`]); where
//!   the file does not tell, it is refused rather than guessed.
//! - A month (`Month`, "date aggregated by month") is a date (any day of it),
//!   `2026-05`, `202605` or `May 2026`.

use chrono::{Datelike, NaiveDate};

use super::value::{self, Shown, Value, ValueError, format_number};
use crate::model::{CalendarMonth, Usd};

/// Which character a file writes decimals with, where the file says so.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) enum DecimalMark {
    /// `1,234.56`: US and UK exports, comma-delimited text.
    Point,
    /// `1.234,56`: German and most European exports, semicolon-delimited text.
    Comma,
    /// The file does not say (a workbook's text cells, a tab-delimited file).
    #[default]
    Unknown,
}

impl DecimalMark {
    /// What a text export's delimiter says of its numbers: Excel writes
    /// `;` where the decimal mark is a comma (a comma could not delimit), and
    /// `,` where it is a point; a tab or `|` says nothing.
    pub(crate) fn for_delimiter(delimiter: u8) -> DecimalMark {
        match delimiter {
            b';' => DecimalMark::Comma,
            b',' => DecimalMark::Point,
            _ => DecimalMark::Unknown,
        }
    }

    fn char(self) -> Option<char> {
        match self {
            DecimalMark::Point => Some('.'),
            DecimalMark::Comma => Some(','),
            DecimalMark::Unknown => None,
        }
    }
}

/// The largest amount accepted, in whole dollars: far beyond any partner's
/// revenue, and well inside what [`Usd`] holds.
const MAX_DOLLARS: i64 = 1_000_000_000_000;

/// An amount of US dollars; `Ok(None)` for a blank cell. Negative amounts
/// (credits, corrections) are kept: they lower a month's revenue.
pub(crate) fn money(v: &Value, mark: DecimalMark) -> Result<Option<Usd>, ValueError> {
    match v {
        Value::Empty => Ok(None),
        Value::Number(f) => number_to_usd(*f).map(Some),
        Value::Text(s) if s.trim().is_empty() => Ok(None),
        Value::Text(s) => money_text(s.trim(), mark).map(Some),
        Value::Bool(_) => Err(ValueError::BoolNotCount),
        Value::Date(d) => Err(ValueError::DateNotCount(*d)),
        Value::Error(e) => Err(ValueError::CellError(e.clone())),
    }
}

fn number_to_usd(f: f64) -> Result<Usd, ValueError> {
    let shown = format_number(f);
    if !f.is_finite() {
        return Err(ValueError::NotANumber(shown));
    }
    if f.abs() > MAX_DOLLARS as f64 {
        return Err(ValueError::TooLarge(Shown::Number(shown)));
    }
    // Exact to the millionth for every amount a cell can hold this side of
    // MAX_DOLLARS (f64 keeps 15 significant digits).
    Ok(Usd::from_micros((f * Usd::PER_DOLLAR as f64).round() as i64))
}

fn money_text(t: &str, mark: DecimalMark) -> Result<Usd, ValueError> {
    let not_amount = || ValueError::NotAnAmount(t.to_string());
    let (negative, body) = strip_sign_and_currency(t).ok_or_else(not_amount)?;
    if body.is_empty()
        || !body.chars().all(|c| c.is_ascii_digit() || is_separator(c))
        || !body.starts_with(|c: char| c.is_ascii_digit() || c == '.' || c == ',')
    {
        return Err(not_amount());
    }
    let decimal = decimal_separator(body, mark, t)?;
    let (whole, fraction) = match decimal {
        Some(d) => body.split_once(d).unwrap_or((body, "")),
        None => (body, ""),
    };
    if fraction.contains(|c: char| !c.is_ascii_digit()) {
        return Err(not_amount());
    }
    let digits = whole_digits(whole).ok_or_else(not_amount)?;
    if fraction.is_empty() && digits.is_empty() {
        return Err(not_amount());
    }
    let dollars: i64 = if digits.is_empty() {
        0
    } else if digits.len() > 13 {
        return Err(ValueError::TooLarge(Shown::Text(t.to_string())));
    } else {
        digits.parse().map_err(|_| not_amount())?
    };
    if dollars > MAX_DOLLARS {
        return Err(ValueError::TooLarge(Shown::Text(t.to_string())));
    }
    let micros = dollars * Usd::PER_DOLLAR + fraction_micros(fraction);
    Ok(Usd::from_micros(if negative { -micros } else { micros }))
}

/// The sign and the currency taken off: `-$12.50`, `$-12.50`, `(12.50)`,
/// `12.50-`, `USD 1,234.56`, `1.234,56 US$`. `None` when what remains
/// still has a sign or a currency in it.
fn strip_sign_and_currency(t: &str) -> Option<(bool, &str)> {
    let mut s = t.trim();
    let mut negative = false;
    if let Some(inner) = s.strip_prefix('(').and_then(|r| r.strip_suffix(')')) {
        negative = true;
        s = inner.trim();
    }
    for _ in 0..2 {
        for currency in ["US$", "USD", "$"] {
            if let Some(rest) = strip_prefix_ignore_case(s, currency) {
                s = rest.trim();
            }
            if let Some(rest) = strip_suffix_ignore_case(s, currency) {
                s = rest.trim();
            }
        }
        for minus in ['-', '\u{2212}'] {
            if let Some(rest) = s.strip_prefix(minus).or_else(|| s.strip_suffix(minus)) {
                if negative {
                    return None;
                }
                negative = true;
                s = rest.trim();
            }
        }
        if let Some(rest) = s.strip_prefix('+') {
            s = rest.trim();
        }
    }
    Some((negative, s))
}

fn strip_prefix_ignore_case<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let head = s.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &s[prefix.len()..])
}

fn strip_suffix_ignore_case<'a>(s: &'a str, suffix: &str) -> Option<&'a str> {
    let at = s.len().checked_sub(suffix.len())?;
    let tail = s.get(at..)?;
    tail.eq_ignore_ascii_case(suffix).then(|| &s[..at])
}

/// A character that groups digits or marks decimals.
fn is_separator(c: char) -> bool {
    matches!(c, '.' | ',' | '\'' | ' ' | '\u{a0}' | '\u{202f}')
}

/// Which character marks the decimals of `body`, if any: told by the text
/// where it can be (`1,234.56`, `12,5`, `1.234.567`), else by the file's
/// mark; where neither tells, an error.
fn decimal_separator(
    body: &str,
    mark: DecimalMark,
    shown: &str,
) -> Result<Option<char>, ValueError> {
    let (dots, commas) = (body.matches('.').count(), body.matches(',').count());
    let candidate = match (dots, commas) {
        (0, 0) => return Ok(None),
        // Both: the later one marks the decimals, and only once.
        (_, _) if dots > 0 && commas > 0 => {
            let last = if body.rfind('.') > body.rfind(',') {
                '.'
            } else {
                ','
            };
            let count = if last == '.' { dots } else { commas };
            if count > 1 {
                return Err(ValueError::NotAnAmount(shown.to_string()));
            }
            return Ok(Some(last));
        }
        // One kind, several times: thousands (`1.234.567`).
        (n, 0) | (0, n) if n > 1 => return Ok(None),
        (_, 0) => '.',
        _ => ',',
    };
    let (whole, after) = body.split_once(candidate).unwrap_or((body, ""));
    let whole_digits: String = whole.chars().filter(char::is_ascii_digit).collect();
    // Not three digits after it, or a whole part that cannot be a first
    // group of thousands (`0,123`, `1234,567`, `1 234,567`): the decimals.
    let groupable = (1..=3).contains(&whole_digits.len())
        && !whole_digits.starts_with('0')
        && whole.chars().all(|c| c.is_ascii_digit());
    if after.len() != 3 || !groupable {
        return Ok(Some(candidate));
    }
    match mark.char() {
        Some(d) if d == candidate => Ok(Some(candidate)),
        Some(_) => Ok(None),
        None => Err(ValueError::AmbiguousAmount(shown.to_string())),
    }
}

/// The digits of the whole part, its thousands separators checked (groups
/// of three after a first group of one to three, one separator throughout).
fn whole_digits(whole: &str) -> Option<String> {
    let Some(sep) = whole.chars().find(|c| !c.is_ascii_digit()) else {
        return Some(whole.to_string());
    };
    let groups: Vec<&str> = whole.split(sep).collect();
    let first_ok = (1..=3).contains(&groups[0].len());
    let rest_ok = groups[1..].iter().all(|g| g.len() == 3);
    let digits_ok = groups.iter().all(|g| g.chars().all(|c| c.is_ascii_digit()));
    (first_ok && rest_ok && digits_ok).then(|| groups.concat())
}

/// Decimal digits as millionths, rounded half away from zero past the sixth.
fn fraction_micros(fraction: &str) -> i64 {
    let mut micros = 0i64;
    for (i, d) in fraction.bytes().take(Usd::DECIMALS as usize).enumerate() {
        micros += i64::from(d - b'0') * 10i64.pow(Usd::DECIMALS - 1 - i as u32);
    }
    if fraction
        .as_bytes()
        .get(Usd::DECIMALS as usize)
        .is_some_and(|d| *d >= b'5')
    {
        micros += 1;
    }
    micros
}

/// A month; `Ok(None)` for a blank cell. Slash dates are month-first where
/// `month_first` (text exports), as for any date.
pub(crate) fn month(v: &Value, month_first: bool) -> Result<Option<CalendarMonth>, ValueError> {
    match v {
        Value::Number(f) => {
            if let Some(m) = month_key(*f) {
                return Ok(Some(m));
            }
            value::date(v).map(|d| d.map(CalendarMonth::of))
        }
        Value::Text(s) => {
            let t = s.trim();
            if t.is_empty() {
                return Ok(None);
            }
            if let Some(m) = month_text(t) {
                return Ok(Some(m));
            }
            let date = if month_first {
                value::date_month_first(v)
            } else {
                value::date(v)
            };
            date.map(|d| d.map(CalendarMonth::of))
                .map_err(|_| ValueError::NotAMonth(t.to_string()))
        }
        other => value::date(other).map(|d| d.map(CalendarMonth::of)),
    }
}

/// `202605`, as a number: a month key (`MonthKey`), never an Excel serial
/// (day 202,605 is in the year 2454).
fn month_key(f: f64) -> Option<CalendarMonth> {
    if f.fract() != 0.0 || !(100_001.0..=999_912.0).contains(&f) {
        return None;
    }
    let n = f as i64;
    CalendarMonth::new((n / 100) as i32, (n % 100) as u32)
}

/// `2026-05`, `2026/05`, `202605`, `May 2026`, `May-2026`, `2026-May`.
fn month_text(t: &str) -> Option<CalendarMonth> {
    if t.len() == 6 && t.chars().all(|c| c.is_ascii_digit()) {
        return month_key(t.parse::<f64>().ok()?);
    }
    if let Some((y, m)) = t.split_once(['-', '/'])
        && y.len() == 4
        && (1..=2).contains(&m.len())
        && let (Ok(y), Ok(m)) = (y.parse(), m.parse())
    {
        return CalendarMonth::new(y, m);
    }
    for format in [
        "%d %B %Y", "%d %b %Y", "%d %b-%Y", "%d %B-%Y", "%d %Y-%b", "%d %Y-%B",
    ] {
        // chrono reads `-2026` after a space as a negative year: only
        // four-digit years are months of a download.
        if let Ok(d) = NaiveDate::parse_from_str(&format!("1 {t}"), format)
            && (1000..=9999).contains(&d.year())
        {
            return Some(CalendarMonth::of(d));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Value {
        Value::Text(s.into())
    }

    fn usd(micros: i64) -> Result<Option<Usd>, ValueError> {
        Ok(Some(Usd::from_micros(micros)))
    }

    #[test]
    fn amounts_read_as_the_file_writes_them() {
        use DecimalMark::*;
        for mark in [Point, Comma, Unknown] {
            assert_eq!(money(&t("1,234.56"), mark), usd(1_234_560_000));
            assert_eq!(money(&t("1.234,56"), mark), usd(1_234_560_000));
            assert_eq!(money(&t("1 234,56"), mark), usd(1_234_560_000));
            assert_eq!(money(&t("1\u{a0}234.5"), mark), usd(1_234_500_000));
            assert_eq!(money(&t("1'234.50"), mark), usd(1_234_500_000));
            assert_eq!(money(&t("12,5"), mark), usd(12_500_000));
            assert_eq!(money(&t("0,125"), mark), usd(125_000));
            assert_eq!(money(&t("1234,567"), mark), usd(1_234_567_000));
            assert_eq!(money(&t("1.234.567"), mark), usd(1_234_567_000_000));
            assert_eq!(money(&t("1,234,567.891"), mark), usd(1_234_567_891_000));
            assert_eq!(money(&t("1000"), mark), usd(1_000_000_000));
            assert_eq!(money(&t(".5"), mark), usd(500_000));
            assert_eq!(money(&t("$1,000.00"), mark), usd(1_000_000_000));
            assert_eq!(money(&t("USD 1.000,00"), mark), usd(1_000_000_000));
            assert_eq!(money(&t("1.000,00 US$"), mark), usd(1_000_000_000));
            assert_eq!(money(&t("-12.50"), mark), usd(-12_500_000));
            assert_eq!(money(&t("(12.50)"), mark), usd(-12_500_000));
            assert_eq!(money(&t("-$12.50"), mark), usd(-12_500_000));
            assert_eq!(money(&t("12.50-"), mark), usd(-12_500_000));
            assert_eq!(money(&t("\u{2212}3"), mark), usd(-3_000_000));
            assert_eq!(money(&t("0.0000125"), mark), usd(13));
            assert_eq!(money(&t("  "), mark), Ok(None));
            assert_eq!(money(&Value::Empty, mark), Ok(None));
            assert_eq!(
                money(&Value::Number(1234.5678901), mark),
                usd(1_234_567_890)
            );
            assert_eq!(money(&Value::Number(-0.5), mark), usd(-500_000));
        }
    }

    #[test]
    fn one_separator_before_three_digits_takes_the_files_mark() {
        assert_eq!(money(&t("1,234"), DecimalMark::Point), usd(1_234_000_000));
        assert_eq!(money(&t("1,234"), DecimalMark::Comma), usd(1_234_000));
        assert_eq!(money(&t("1.234"), DecimalMark::Point), usd(1_234_000));
        assert_eq!(money(&t("1.234"), DecimalMark::Comma), usd(1_234_000_000));
        assert_eq!(
            money(&t("1,234"), DecimalMark::Unknown)
                .unwrap_err()
                .to_string(),
            "'1,234' could be a thousand or more, or a number with three decimals: write the decimals too (1,234.00 or 1.234,00)"
        );
        assert_eq!(DecimalMark::for_delimiter(b';'), DecimalMark::Comma);
        assert_eq!(DecimalMark::for_delimiter(b','), DecimalMark::Point);
        assert_eq!(DecimalMark::for_delimiter(b'\t'), DecimalMark::Unknown);
    }

    #[test]
    fn what_is_no_amount_says_so() {
        let why = |s: &str| money(&t(s), DecimalMark::Point).unwrap_err().to_string();
        for bad in [
            "n/a",
            "12,34,5",
            "1.234,567,8",
            "1,2,3.4.5",
            "--5",
            "$",
            "1 23",
            "12a",
            "€5",
            "-(5)",
        ] {
            assert_eq!(
                why(bad),
                format!("'{bad}' is not an amount of money (write it as 1234.56)"),
                "{bad}"
            );
        }
        assert_eq!(why("99999999999999999"), "'99999999999999999' is too large");
        assert_eq!(
            money(&Value::Bool(true), DecimalMark::Point).unwrap_err(),
            ValueError::BoolNotCount
        );
        assert!(money(&Value::Number(f64::INFINITY), DecimalMark::Point).is_err());
        assert!(money(&Value::Number(2e12), DecimalMark::Point).is_err());
    }

    #[test]
    fn months_from_dates_keys_and_names() {
        let may = CalendarMonth::new(2026, 5);
        for text in [
            "2026-05",
            "2026/5",
            "202605",
            "May 2026",
            "May-2026",
            "2026-05-01",
            "2026-05-17T00:00:00",
            "01.05.2026",
        ] {
            assert_eq!(month(&t(text), false), Ok(may), "{text}");
        }
        assert_eq!(month(&t("5/1/2026 12:00:00 AM"), true), Ok(may));
        assert_eq!(month(&Value::Number(202605.0), false), Ok(may));
        assert_eq!(month(&Value::Number(46143.0), false), Ok(may));
        let d = NaiveDate::from_ymd_opt(2026, 5, 31).unwrap();
        assert_eq!(month(&Value::Date(d), false), Ok(may));
        assert_eq!(month(&Value::Empty, false), Ok(None));
        assert_eq!(
            month(&t("spring"), false).unwrap_err().to_string(),
            "'spring' is not a month I can read (write 2026-05, or a date)"
        );
        assert_eq!(
            month(&t("202613"), false).unwrap_err().to_string(),
            "'202613' is not a month I can read (write 2026-05, or a date)"
        );
    }
}
