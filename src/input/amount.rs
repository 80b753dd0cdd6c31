//! Decimal amounts in cells (Business Applications revenue and Azure
//! consumed revenue in US dollars, active capacity), read as the file writes
//! them: thousands separators and decimal commas alike, a currency before
//! or after, and a credit as `-12.50`, `12.50-` or `(12.50)`.
//!
//! A number cell is exact to the millionth. Text is read by its own marks:
//! with both a point and a comma the later one is the decimal mark
//! (`1.234,56`, `1,234.56`); a mark repeated is a thousands separator
//! (`1.234.567`); one mark followed by other than three digits is the
//! decimal mark (`1234,5`, `0,250`). Only `1.500` and `1,500` could be
//! either: a text export's delimiter settles it (a `;` file is written by a
//! decimal-comma Excel, a `,` file by a decimal-point one), and elsewhere
//! the cell is a problem that says how to write it unmistakably.

use chrono::NaiveDate;

use super::value::{Value, format_number};
use crate::model::{Amount, MAX_WHOLE};

/// Which mark separates the decimals in a sheet's text amounts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DecimalMark {
    /// `1,234.56`
    Point,
    /// `1.234,56`
    Comma,
}

impl DecimalMark {
    /// The mark a text export's delimiter implies: Excel saves `;`-separated
    /// text where the decimal mark is a comma, `,`-separated text where it
    /// is a point. A tab says nothing.
    pub(crate) fn of_delimiter(delimiter: u8) -> Option<DecimalMark> {
        match delimiter {
            b';' => Some(DecimalMark::Comma),
            b',' => Some(DecimalMark::Point),
            _ => None,
        }
    }

    fn char(self) -> char {
        match self {
            DecimalMark::Point => '.',
            DecimalMark::Comma => ',',
        }
    }
}

/// Why a cell is not an amount: the row's problem reads `<header> <this>`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub(crate) enum AmountError {
    /// A TRUE/FALSE cell.
    #[error("is TRUE/FALSE, not an amount")]
    Bool,
    /// A date cell.
    #[error("is a date ({0}), not an amount")]
    Date(NaiveDate),
    /// The cell shows a spreadsheet error.
    #[error("shows the error {0}")]
    CellError(String),
    /// Text that is no amount.
    #[error("'{0}' is not an amount (write it as 1234.56)")]
    NotAnAmount(String),
    /// Text whose one mark could be a decimal or a thousands separator.
    #[error(
        "'{text}' could mean {thousands} or {decimal}: write it without the thousands separator, or with its decimals ({thousands}.00)"
    )]
    Ambiguous {
        /// As written.
        text: String,
        /// Read with a thousands separator.
        thousands: String,
        /// Read with a decimal mark.
        decimal: String,
    },
    /// Beyond a trillion, as shown.
    #[error("{0} is too large")]
    TooLarge(String),
    /// Below zero where only zero or more makes sense (capacity).
    #[error("{0} is negative")]
    Negative(String),
}

/// An amount, positive or negative; `Ok(None)` for a blank cell. `mark` is
/// the sheet's decimal mark where its file tells it.
pub(crate) fn amount(v: &Value, mark: Option<DecimalMark>) -> Result<Option<Amount>, AmountError> {
    match v {
        Value::Empty => Ok(None),
        Value::Number(f) => Amount::from_f64(*f)
            .map(Some)
            .ok_or_else(|| AmountError::TooLarge(format_number(*f))),
        Value::Text(s) if s.trim().is_empty() => Ok(None),
        Value::Text(s) => from_text(s.trim(), mark).map(Some),
        Value::Bool(_) => Err(AmountError::Bool),
        Value::Date(d) => Err(AmountError::Date(*d)),
        Value::Error(e) => Err(AmountError::CellError(e.clone())),
    }
}

/// Like [`amount`], for a figure that cannot be below zero.
pub(crate) fn non_negative(
    v: &Value,
    mark: Option<DecimalMark>,
) -> Result<Option<Amount>, AmountError> {
    match amount(v, mark)? {
        Some(a) if a.is_negative() => Err(AmountError::Negative(match v {
            Value::Text(s) => format!("'{}'", s.trim()),
            _ => a.to_string(),
        })),
        other => Ok(other),
    }
}

/// Characters that only ever group thousands.
const GROUPING: [char; 4] = [' ', '\u{a0}', '\u{202f}', '\''];

fn from_text(t: &str, mark: Option<DecimalMark>) -> Result<Amount, AmountError> {
    match plain(t) {
        Some(amount) => Ok(amount),
        None => general(t, mark),
    }
}

/// Any amount text: signs, currency, grouping, either decimal mark.
fn general(t: &str, mark: Option<DecimalMark>) -> Result<Amount, AmountError> {
    let not_amount = || AmountError::NotAnAmount(t.to_string());
    let (negative, body) = sign_and_body(t).ok_or_else(not_amount)?;
    if !body.chars().any(|c| c.is_ascii_digit())
        || !body
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',' || GROUPING.contains(&c))
    {
        return Err(not_amount());
    }
    let points = body.matches('.').count();
    let commas = body.matches(',').count();
    let decimal = match (points, commas) {
        (0, 0) => None,
        (_, 0) | (0, _) => {
            let c = if points > 0 { '.' } else { ',' };
            if points + commas > 1 {
                None
            } else {
                let (int, frac) = body.split_once(c).ok_or_else(not_amount)?;
                let int_digits = int.chars().filter(char::is_ascii_digit).count();
                // A first group of thousands has one to three digits and
                // no leading zero (`0,500` and `012,5` are decimals).
                let could_group = frac.len() == 3
                    && (1..=3).contains(&int_digits)
                    && !int.contains(GROUPING)
                    && !int.starts_with('0');
                if !could_group {
                    Some(c)
                } else {
                    match mark {
                        Some(m) if m.char() == c => Some(c),
                        Some(_) => None,
                        None => {
                            let digits = format!("{int}{frac}");
                            return Err(AmountError::Ambiguous {
                                text: t.to_string(),
                                thousands: digits.trim_start_matches('0').to_string(),
                                decimal: format!("{int}.{frac}"),
                            });
                        }
                    }
                }
            }
        }
        _ => {
            // Both marks: the later one separates the decimals, once.
            let last_point = body.rfind('.').unwrap_or(0);
            let last_comma = body.rfind(',').unwrap_or(0);
            let c = if last_point > last_comma { '.' } else { ',' };
            if body.matches(c).count() != 1 {
                return Err(not_amount());
            }
            Some(c)
        }
    };
    let (int, frac) = match decimal {
        Some(c) => body.split_once(c).ok_or_else(not_amount)?,
        None => (body, ""),
    };
    if !frac.chars().all(|c| c.is_ascii_digit()) {
        return Err(not_amount());
    }
    let digits = grouped(int).ok_or_else(not_amount)?;
    let too_large = || AmountError::TooLarge(format!("'{t}'"));
    // More digits than a trillion has is too large, however many.
    let whole: i64 = match digits.trim_start_matches('0') {
        "" => 0,
        d if d.len() > 13 => return Err(too_large()),
        d => d.parse().map_err(|_| not_amount())?,
    };
    if whole > MAX_WHOLE {
        return Err(too_large());
    }
    let micros = whole * 1_000_000 + millionths(frac);
    Ok(Amount::from_micros(if negative { -micros } else { micros }))
}

/// An amount as Partner Center writes one (`4759.54`, `-12.5`, `300`): an
/// optional minus, digits, and decimals after a point, read directly. Text
/// that could be thousands (`1.500`), has grouping, a currency or anything
/// else is left to the general reading (`None`), which gives the same
/// amount for the plain ones: a download's million amounts are plain.
fn plain(t: &str) -> Option<Amount> {
    let (negative, body) = match t.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, t),
    };
    let (int, frac) = match body.split_once('.') {
        Some((_, "")) => return None,
        Some(parts) => parts,
        None => (body, ""),
    };
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if int.is_empty() || int.len() > 13 || !digits(int) || !digits(frac) {
        return None;
    }
    // `1.500` and `12.345` could be thousands: the general reading decides.
    if frac.len() == 3 && int.len() <= 3 && !int.starts_with('0') {
        return None;
    }
    let whole: i64 = int.parse().ok()?;
    if whole > MAX_WHOLE {
        return None;
    }
    let micros = whole * 1_000_000 + millionths(frac);
    Some(Amount::from_micros(if negative { -micros } else { micros }))
}

/// The sign (a leading or trailing minus, or accounting brackets) and what
/// is left; a second sign is left in the body, which then is no amount.
fn sign_and_body(t: &str) -> Option<(bool, &str)> {
    const MINUS: [char; 2] = ['-', '\u{2212}'];
    let t = strip_currency(t);
    if let Some(inner) = t.strip_prefix('(').and_then(|r| r.strip_suffix(')')) {
        return Some((true, strip_currency(inner)));
    }
    if let Some(rest) = t.strip_prefix(MINUS) {
        return Some((true, strip_currency(rest)));
    }
    // `12.50-`: SAP's and some accounting exports' credit.
    if let Some(rest) = t.strip_suffix(MINUS) {
        return Some((true, strip_currency(rest)));
    }
    Some((false, strip_currency(t.strip_prefix('+').unwrap_or(t))))
}

/// The text without a dollar sign or `USD` before or after it.
fn strip_currency(t: &str) -> &str {
    let mut t = t.trim();
    for code in ["US$", "$", "USD"] {
        // `get` is `None` off a character boundary ("€ 12").
        if t.get(..code.len())
            .is_some_and(|h| h.eq_ignore_ascii_case(code))
        {
            t = t[code.len()..].trim_start();
        }
        let tail = t.len().saturating_sub(code.len());
        if t.len() >= code.len() && t.get(tail..).is_some_and(|h| h.eq_ignore_ascii_case(code)) {
            t = t[..tail].trim_end();
        }
    }
    t
}

/// The digits of a whole part with optional thousands separators, one kind
/// throughout, in groups of three after a first group of one to three.
fn grouped(int: &str) -> Option<String> {
    let sep = int.chars().find(|c| !c.is_ascii_digit());
    let Some(sep) = sep else {
        // Plain digits, or none at all (".5" and ",5").
        return Some(int.to_string());
    };
    let groups: Vec<&str> = int.split(sep).collect();
    let ok = (1..=3).contains(&groups[0].len())
        && groups[1..].iter().all(|g| g.len() == 3)
        && groups.iter().all(|g| g.chars().all(|c| c.is_ascii_digit()));
    ok.then(|| groups.concat())
}

/// Up to six decimals as millionths; a seventh rounds half up.
fn millionths(frac: &str) -> i64 {
    let digit = |i: usize| frac.as_bytes().get(i).map_or(0, |b| i64::from(b - b'0'));
    let micros = (0..6).fold(0, |m, i| m * 10 + digit(i));
    micros + i64::from(digit(6) >= 5)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Value {
        Value::Text(s.into())
    }

    fn read(s: &str, mark: Option<DecimalMark>) -> String {
        match amount(&t(s), mark) {
            Ok(Some(a)) => a.to_string(),
            Ok(None) => "blank".into(),
            Err(e) => format!("error: {e}"),
        }
    }

    #[test]
    fn amounts_are_read_as_written() {
        for (text, expected) in [
            ("1500", "1500"),
            ("1234.56", "1234.56"),
            ("1234,56", "1234.56"),
            ("1,234.56", "1234.56"),
            ("1.234,56", "1234.56"),
            ("1 234,56", "1234.56"),
            ("1'234.56", "1234.56"),
            ("1,234,567", "1234567"),
            ("1.234.567", "1234567"),
            ("12.345.678,9", "12345678.9"),
            ("0,500", "0.5"),
            ("1234.567", "1234.567"),
            ("1234,5678", "1234.5678"),
            ("$1,500.00", "1500"),
            ("1500 USD", "1500"),
            ("USD 1.500,00", "1500"),
            ("-250.5", "-250.5"),
            ("(1,234.00)", "-1234"),
            ("\u{2212}12", "-12"),
            ("+7", "7"),
            (".5", "0.5"),
            ("0.1234567", "0.123457"),
            ("  ", "blank"),
            // The AzureUsage reader's cases (ACR_USD as written).
            ("1\u{a0}234.5", "1234.5"),
            ("1'234.50", "1234.5"),
            ("12,5", "12.5"),
            ("0,125", "0.125"),
            ("1234,567", "1234.567"),
            ("1 234,567", "1234.567"),
            ("1,234,567.891", "1234567.891"),
            ("1000", "1000"),
            ("$1,000.00", "1000"),
            ("USD 1.000,00", "1000"),
            ("1.000,00 US$", "1000"),
            ("-12.50", "-12.5"),
            ("(12.50)", "-12.5"),
            ("-$12.50", "-12.5"),
            ("$-12.50", "-12.5"),
            ("12.50-", "-12.5"),
            ("\u{2212}3", "-3"),
            ("0.0000125", "0.000013"),
            ("0.0000124", "0.000012"),
        ] {
            // Whatever the file's mark: the text itself makes it plain.
            for mark in [None, Some(DecimalMark::Point), Some(DecimalMark::Comma)] {
                assert_eq!(read(text, mark), expected, "{text} {mark:?}");
            }
        }
        // A number cell is exact to the millionth.
        for (number, micros) in [(1234.5678901, 1_234_567_890), (-0.5, -500_000)] {
            assert_eq!(
                amount(&Value::Number(number), None),
                Ok(Some(Amount::from_micros(micros))),
                "{number}"
            );
        }
    }

    #[test]
    fn one_mark_before_three_digits_follows_the_file_or_is_a_problem() {
        // A ';'-separated export is written by a decimal-comma Excel.
        let comma = DecimalMark::of_delimiter(b';');
        let point = DecimalMark::of_delimiter(b',');
        assert_eq!(read("1,500", comma), "1.5");
        assert_eq!(read("1.500", comma), "1500");
        assert_eq!(read("1,500", point), "1500");
        assert_eq!(read("1.500", point), "1.5");
        assert_eq!(DecimalMark::of_delimiter(b'\t'), None);
        assert_eq!(
            read("1.500", None),
            "error: '1.500' could mean 1500 or 1.500: write it without the thousands separator, or with its decimals (1500.00)"
        );
        assert!(read("12,345", None).starts_with("error: '12,345' could mean 12345 or 12.345"));
        assert_eq!(
            read("1,234", None),
            "error: '1,234' could mean 1234 or 1.234: write it without the thousands separator, or with its decimals (1234.00)"
        );
        assert_eq!(read("1,234", point), "1234");
        assert_eq!(read("1,234", comma), "1.234");
        assert_eq!(read("1.234", point), "1.234");
        assert_eq!(read("1.234", comma), "1234");
        // No first group of thousands starts with a zero.
        assert_eq!(read("012,345", None), "12.345");
        // A file's mark never overrides what the text itself makes plain.
        assert_eq!(read("1.234,56", point), "1234.56");
        assert_eq!(read("1234.567", comma), "1234.567");
    }

    #[test]
    fn plain_amounts_read_directly_are_what_the_general_reading_gives() {
        let texts = [
            "0",
            "7",
            "300",
            "4759.54",
            "-12.5",
            "-0",
            "0.5",
            "0.500",
            "000.500",
            "1234.567",
            "12.3456789",
            "0.0000005",
            "9999999999999",
            "1000000000000",
            "1000000000000.5",
            "12.",
            "1.500",
            "-1.500",
            "12.345",
            "999.999",
            "5.25",
            "-4759.54",
            "10000000000000",
        ];
        for text in texts {
            let general = |mark| general(text, mark).ok();
            match plain(text) {
                Some(amount) => {
                    for mark in [None, Some(DecimalMark::Point), Some(DecimalMark::Comma)] {
                        assert_eq!(Some(amount), general(mark), "{text} {mark:?}");
                    }
                }
                // Left to the general reading: what could be thousands, or too large.
                None => assert!(
                    [
                        "12.",
                        "1.500",
                        "-1.500",
                        "12.345",
                        "999.999",
                        "9999999999999",
                        "10000000000000"
                    ]
                    .contains(&text),
                    "{text} should be read directly"
                ),
            }
        }
    }

    #[test]
    fn what_is_no_amount_says_so() {
        for bad in [
            "n/a",
            "1.2.3,4,5",
            "12,34.567",
            "1,2345,678",
            "€ 12",
            "12 €",
            "12,34,5",
            "1.234,567,8",
            "1,2,3.4.5",
            "--5",
            "-(5)",
            "-5-",
            "$",
            "1 23",
            "12a",
            "€5",
        ] {
            assert_eq!(
                amount(&t(bad), Some(DecimalMark::Point))
                    .unwrap_err()
                    .to_string(),
                format!("'{bad}' is not an amount (write it as 1234.56)"),
                "{bad}"
            );
        }
        for (v, expected) in [
            (t("2000000000000"), "'2000000000000' is too large"),
            (t("99999999999999999"), "'99999999999999999' is too large"),
            (
                t("99999999999999999999999"),
                "'99999999999999999999999' is too large",
            ),
            (Value::Number(2e12), "2000000000000 is too large"),
            (Value::Bool(true), "is TRUE/FALSE, not an amount"),
            (Value::Error("#N/A".into()), "shows the error #N/A"),
        ] {
            assert_eq!(amount(&v, None).unwrap_err().to_string(), expected);
        }
        assert!(amount(&Value::Number(f64::INFINITY), None).is_err());
        assert_eq!(
            amount(&Value::Number(1234.56), None),
            Ok(Amount::from_f64(1234.56))
        );
        assert_eq!(
            non_negative(&t("-3"), None).unwrap_err().to_string(),
            "'-3' is negative"
        );
        assert_eq!(
            non_negative(&Value::Number(-3.5), None)
                .unwrap_err()
                .to_string(),
            "-3.5 is negative"
        );
        assert_eq!(non_negative(&Value::Empty, None), Ok(None));
    }
}
