//! Calendar months, and Microsoft's fiscal year, which starts in July: the
//! Business Applications downloads name their months by fiscal year
//! (`FY26-Jul` is July 2025), and every later stage counts in calendar
//! months (month −1, month −13).

use std::fmt;

use chrono::{Datelike, NaiveDate};

/// The calendar month a fiscal year starts in (July).
pub(crate) const FISCAL_YEAR_START: u32 = 7;

/// One calendar month: July 2025. Ordered by time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CalendarMonth {
    // Field order gives the derived order: year, then month.
    year: i32,
    month: u8,
}

/// Three-letter English month names, for the fiscal spelling.
const ABBREVIATIONS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

impl CalendarMonth {
    /// A month of a year (1 to 12); `None` for no such month or a year
    /// outside 1 to 9999.
    pub fn new(year: i32, month: u32) -> Option<CalendarMonth> {
        ((1..=9999).contains(&year) && (1..=12).contains(&month)).then_some(CalendarMonth {
            year,
            month: month as u8,
        })
    }

    /// The month a date falls in.
    pub fn of(date: NaiveDate) -> CalendarMonth {
        CalendarMonth {
            year: date.year(),
            month: date.month() as u8,
        }
    }

    /// A month of Microsoft's fiscal year `fiscal_year` (FY26 is 2026):
    /// July to December fall in the calendar year before it.
    pub fn of_fiscal(fiscal_year: i32, month: u32) -> Option<CalendarMonth> {
        let year = if month >= FISCAL_YEAR_START {
            fiscal_year - 1
        } else {
            fiscal_year
        };
        CalendarMonth::new(year, month)
    }

    /// The calendar year.
    pub fn year(self) -> i32 {
        self.year
    }

    /// The month, 1 to 12.
    pub fn month(self) -> u32 {
        u32::from(self.month)
    }

    /// The fiscal year the month belongs to (July 2025 is in FY26: 2026).
    pub fn fiscal_year(self) -> i32 {
        if self.month() >= FISCAL_YEAR_START {
            self.year + 1
        } else {
            self.year
        }
    }

    /// The month as Partner Center's fiscal month names spell it:
    /// `FY26-Jul`.
    pub fn fiscal_name(self) -> String {
        format!(
            "FY{:02}-{}",
            self.fiscal_year().rem_euclid(100),
            ABBREVIATIONS[usize::from(self.month - 1)]
        )
    }

    /// The month `months` before this one (month −1, month −13).
    pub fn minus(self, months: u32) -> CalendarMonth {
        let index = self.index() - i64::from(months);
        CalendarMonth {
            year: index.div_euclid(12) as i32,
            month: (index.rem_euclid(12) + 1) as u8,
        }
    }

    /// Months from `earlier` to this one (negative when `earlier` is later).
    pub fn months_since(self, earlier: CalendarMonth) -> i64 {
        self.index() - earlier.index()
    }

    /// Its first day.
    pub fn first_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, self.month(), 1)
            .expect("a CalendarMonth is always a valid month")
    }

    fn index(self) -> i64 {
        i64::from(self.year) * 12 + i64::from(self.month) - 1
    }
}

/// `2025-07`, as ISO writes a month.
impl fmt::Display for CalendarMonth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(year: i32, month: u32) -> CalendarMonth {
        CalendarMonth::new(year, month).unwrap()
    }

    #[test]
    fn the_fiscal_year_starts_in_july() {
        // FY26 runs from July 2025 to June 2026.
        assert_eq!(CalendarMonth::of_fiscal(2026, 7), Some(m(2025, 7)));
        assert_eq!(CalendarMonth::of_fiscal(2026, 12), Some(m(2025, 12)));
        assert_eq!(CalendarMonth::of_fiscal(2026, 1), Some(m(2026, 1)));
        assert_eq!(CalendarMonth::of_fiscal(2026, 6), Some(m(2026, 6)));
        assert_eq!(m(2025, 7).fiscal_year(), 2026);
        assert_eq!(m(2026, 6).fiscal_year(), 2026);
        assert_eq!(m(2026, 7).fiscal_year(), 2027);
        assert_eq!(m(2025, 7).fiscal_name(), "FY26-Jul");
        assert_eq!(m(2026, 6).fiscal_name(), "FY26-Jun");
        assert_eq!(m(2009, 12).fiscal_name(), "FY10-Dec");
        assert_eq!(CalendarMonth::of_fiscal(2026, 13), None);
    }

    #[test]
    fn months_count_back_across_years() {
        let april = m(2026, 4);
        assert_eq!(april.minus(1), m(2026, 3));
        assert_eq!(april.minus(4), m(2025, 12));
        assert_eq!(april.minus(12), m(2025, 4));
        assert_eq!(april.minus(13), m(2025, 3));
        assert_eq!(april.minus(0), april);
        assert_eq!(april.months_since(m(2025, 4)), 12);
        assert_eq!(m(2025, 4).months_since(april), -12);
        assert!(m(2025, 12) < m(2026, 1) && m(2026, 1) < m(2026, 2));
        assert_eq!(april.to_string(), "2026-04");
        assert_eq!(
            april.first_day(),
            NaiveDate::from_ymd_opt(2026, 4, 1).unwrap()
        );
        assert_eq!(
            CalendarMonth::of(NaiveDate::from_ymd_opt(2026, 4, 30).unwrap()),
            april
        );
        assert_eq!(CalendarMonth::new(2026, 0), None);
        assert_eq!(CalendarMonth::new(0, 1), None);
    }
}
