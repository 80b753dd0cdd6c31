//! The month a row of a monthly download reports, as a calendar month:
//! Partner Center's fiscal month names (`FY26-Jul`, Microsoft's fiscal year
//! starting in July), a calendar month (`2025-07`, `Jul 2025`) or any date
//! in the month, read once here so that no later stage meets a fiscal year.

use chrono::Datelike;

use super::value::{self, Value, format_number};
use crate::model::CalendarMonth;

/// Month names and the abbreviations seen in English and German exports,
/// folded (lowercase, letters only, umlauts spelled out).
const MONTH_NAMES: &[(&str, u32)] = &[
    ("jan", 1),
    ("january", 1),
    ("januar", 1),
    ("feb", 2),
    ("february", 2),
    ("februar", 2),
    ("mar", 3),
    ("march", 3),
    ("maer", 3),
    ("maerz", 3),
    ("mrz", 3),
    ("apr", 4),
    ("april", 4),
    ("may", 5),
    ("mai", 5),
    ("jun", 6),
    ("june", 6),
    ("juni", 6),
    ("jul", 7),
    ("july", 7),
    ("juli", 7),
    ("aug", 8),
    ("august", 8),
    ("sep", 9),
    ("sept", 9),
    ("september", 9),
    ("oct", 10),
    ("okt", 10),
    ("october", 10),
    ("oktober", 10),
    ("nov", 11),
    ("november", 11),
    ("dec", 12),
    ("dez", 12),
    ("december", 12),
    ("dezember", 12),
];

/// The month a folded name means.
fn month_named(folded: &str) -> Option<u32> {
    MONTH_NAMES
        .iter()
        .find(|(name, _)| *name == folded)
        .map(|(_, m)| *m)
}

/// Why a cell names no month: the row's problem reads `<header> <this>`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub(crate) enum MonthError {
    /// Text that is no month this reader knows.
    #[error(
        "'{0}' is not a month I can read (write it as Partner Center does, FY26-Jul, or as 2025-07)"
    )]
    NotAMonth(String),
    /// A number that is no date of this century.
    #[error("{0} is not a month (a date of 2000 to 2099, FY26-Jul or 2025-07 is)")]
    Number(String),
    /// A TRUE/FALSE cell.
    #[error("is TRUE/FALSE, not a month")]
    Bool,
    /// The cell shows a spreadsheet error.
    #[error("shows the error {0}")]
    CellError(String),
}

/// The calendar month a cell names; `Ok(None)` for a blank cell.
/// `month_first` reads slash dates month first (text exports, as Partner
/// Center writes them).
pub(crate) fn month(v: &Value, month_first: bool) -> Result<Option<CalendarMonth>, MonthError> {
    match v {
        Value::Empty => Ok(None),
        Value::Date(d) => Ok(Some(CalendarMonth::of(*d))),
        // An Excel date whose cell lost its date format.
        Value::Number(f) => match value::date(v) {
            Ok(Some(d)) if (2000..=2099).contains(&d.year()) => Ok(Some(CalendarMonth::of(d))),
            _ => Err(MonthError::Number(format_number(*f))),
        },
        Value::Text(s) if s.trim().is_empty() => Ok(None),
        Value::Text(s) => from_text(s.trim(), month_first).map(Some),
        Value::Bool(_) => Err(MonthError::Bool),
        Value::Error(e) => Err(MonthError::CellError(e.clone())),
    }
}

/// A word of a month's text: letters or digits.
#[derive(Debug, PartialEq)]
enum Token<'a> {
    Letters(String),
    Digits(&'a str),
}

/// Splits `FY26-Jul` into `FY`, `26`, `Jul`: letters and digits apart,
/// everything else a separator.
fn tokens<'a>(t: &'a str) -> Vec<Token<'a>> {
    let mut out = Vec::new();
    let mut start = None;
    let mut digits = false;
    let close = |out: &mut Vec<Token<'a>>, s: usize, e: usize, digits: bool| {
        let word = &t[s..e];
        out.push(if digits {
            Token::Digits(word)
        } else {
            Token::Letters(crate::model::fold(word))
        });
    };
    for (i, c) in t.char_indices() {
        let kind = if c.is_ascii_digit() {
            Some(true)
        } else if c.is_alphabetic() {
            Some(false)
        } else {
            None
        };
        match (start, kind) {
            (Some(s), Some(k)) if k != digits => {
                close(&mut out, s, i, digits);
                start = Some(i);
                digits = k;
            }
            (Some(s), None) => {
                close(&mut out, s, i, digits);
                start = None;
            }
            (None, Some(k)) => {
                start = Some(i);
                digits = k;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        close(&mut out, s, t.len(), digits);
    }
    out
}

fn from_text(t: &str, month_first: bool) -> Result<CalendarMonth, MonthError> {
    let not_month = || MonthError::NotAMonth(t.to_string());
    let words = tokens(t);
    let fiscal = words
        .iter()
        .position(|w| matches!(w, Token::Letters(l) if l == "fy"));
    let named: Vec<u32> = words
        .iter()
        .filter_map(|w| match w {
            Token::Letters(l) => month_named(l),
            Token::Digits(_) => None,
        })
        .collect();
    let numbers: Vec<&str> = words
        .iter()
        .filter_map(|w| match w {
            Token::Digits(d) => Some(*d),
            Token::Letters(_) => None,
        })
        .collect();
    let letters = words
        .iter()
        .filter(|w| matches!(w, Token::Letters(_)))
        .count();
    if let Some(at) = fiscal {
        // FY26-Jul, Jul FY26, FY 2026 July: a fiscal year and a month name.
        let year = match words.get(at + 1) {
            Some(Token::Digits(y)) => *y,
            _ => return Err(not_month()),
        };
        if named.len() != 1 || numbers.len() != 1 || letters != 2 {
            return Err(not_month());
        }
        let fiscal_year = year_of(year).ok_or_else(not_month)?;
        return CalendarMonth::of_fiscal(fiscal_year, named[0]).ok_or_else(not_month);
    }
    if named.len() == 1 && letters == 1 && numbers.len() == 1 {
        // Jul 2025, July-2025, and Excel's mmm-yy (Jul-25) for July 2025.
        let year = year_of(numbers[0]).ok_or_else(not_month)?;
        return CalendarMonth::new(year, named[0]).ok_or_else(not_month);
    }
    if letters == 0 && numbers.len() == 2 && numbers[0].len() == 4 && numbers[1].len() <= 2 {
        // 2025-07, 2025/7.
        let year: i32 = numbers[0].parse().map_err(|_| not_month())?;
        let m: u32 = numbers[1].parse().map_err(|_| not_month())?;
        return CalendarMonth::new(year, m).ok_or_else(not_month);
    }
    // Any date the rows' dates may be: 2025-07-01, 01.07.2025, 7/1/2025.
    let text = Value::Text(t.to_string());
    let date = if month_first {
        value::date_month_first(&text)
    } else {
        value::date(&text)
    };
    match date {
        Ok(Some(d)) => Ok(CalendarMonth::of(d)),
        _ => Err(not_month()),
    }
}

/// A year written with two digits (2000s) or four.
fn year_of(digits: &str) -> Option<i32> {
    let n: i32 = digits.parse().ok()?;
    match digits.len() {
        2 => Some(2000 + n),
        4 => Some(n),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn m(year: i32, month: u32) -> Option<CalendarMonth> {
        CalendarMonth::new(year, month)
    }

    fn read(s: &str) -> Result<Option<CalendarMonth>, MonthError> {
        month(&Value::Text(s.into()), true)
    }

    #[test]
    fn fiscal_month_names_are_calendar_months_a_fiscal_year_starting_in_july() {
        assert_eq!(read("FY26-Jul"), Ok(m(2025, 7)));
        assert_eq!(read("FY26-Dec"), Ok(m(2025, 12)));
        assert_eq!(read("FY26-Jan"), Ok(m(2026, 1)));
        assert_eq!(read("FY26-Jun"), Ok(m(2026, 6)));
        assert_eq!(read("FY27-Jul"), Ok(m(2026, 7)));
        assert_eq!(read("fy26 jul"), Ok(m(2025, 7)));
        assert_eq!(read("FY 2026 - July"), Ok(m(2025, 7)));
        assert_eq!(read("Jul FY26"), Ok(m(2025, 7)));
        assert_eq!(read("FY26-Mär"), Ok(m(2026, 3)));
        assert_eq!(read("FY26-Okt"), Ok(m(2025, 10)));
        assert_eq!(read("FY26-Dezember"), Ok(m(2025, 12)));
        // Every month of one fiscal year, in order, is 12 months in a row.
        let year: Vec<CalendarMonth> = [
            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec", "Jan", "Feb", "Mar", "Apr", "May", "Jun",
        ]
        .iter()
        .map(|n| read(&format!("FY26-{n}")).unwrap().unwrap())
        .collect();
        for pair in year.windows(2) {
            assert_eq!(pair[1].months_since(pair[0]), 1);
        }
    }

    #[test]
    fn calendar_months_and_dates_name_their_month() {
        assert_eq!(read("2025-07"), Ok(m(2025, 7)));
        assert_eq!(read("2025/7"), Ok(m(2025, 7)));
        assert_eq!(read("Jul 2025"), Ok(m(2025, 7)));
        assert_eq!(read("July-2025"), Ok(m(2025, 7)));
        assert_eq!(read("Jul-25"), Ok(m(2025, 7)));
        assert_eq!(read("2025-07-31"), Ok(m(2025, 7)));
        assert_eq!(read("31.07.2025"), Ok(m(2025, 7)));
        assert_eq!(read("7/31/2025 12:00:00 AM"), Ok(m(2025, 7)));
        let d = NaiveDate::from_ymd_opt(2025, 7, 1).unwrap();
        assert_eq!(month(&Value::Date(d), false), Ok(m(2025, 7)));
        // 45839 is 2025-07-01 as an Excel serial.
        assert_eq!(month(&Value::Number(45839.0), false), Ok(m(2025, 7)));
        assert_eq!(month(&Value::Empty, false), Ok(None));
        assert_eq!(read(" "), Ok(None));
    }

    #[test]
    fn what_is_no_month_says_so() {
        for bad in [
            "FY26",
            "FY26-13",
            "FY-Jul",
            "FY26-Jul-Aug",
            "FY2026-07",
            "Julember 2025",
            "07-2025",
            "next month",
        ] {
            assert_eq!(
                read(bad).unwrap_err().to_string(),
                format!(
                    "'{bad}' is not a month I can read (write it as Partner Center does, FY26-Jul, or as 2025-07)"
                ),
                "{bad}"
            );
        }
        assert_eq!(
            month(&Value::Number(202507.0), false)
                .unwrap_err()
                .to_string(),
            "202507 is not a month (a date of 2000 to 2099, FY26-Jul or 2025-07 is)"
        );
        assert_eq!(month(&Value::Bool(true), false), Err(MonthError::Bool));
    }
}
