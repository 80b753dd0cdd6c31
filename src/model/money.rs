//! Money and months as Partner Center's revenue downloads report them: US
//! dollars in exact millionths, and calendar months (a download holds a row
//! per month, not a snapshot).

use std::fmt;
use std::iter::Sum;

use chrono::{Datelike, NaiveDate};

use super::group_digits;

/// An amount of US dollars, kept in whole millionths of a dollar.
///
/// Partner Center writes Azure consumed revenue with more decimals than
/// cents (`12.345678`); a million rows summed as floats would drift, and a
/// threshold such as $1,000.00 must compare exactly. Sums saturate rather
/// than wrap: no partner comes near $9 trillion, and a hostile file must
/// not turn a sum negative.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Usd(i64);

impl Usd {
    /// No money.
    pub const ZERO: Usd = Usd(0);

    /// Millionths in a dollar.
    pub(crate) const PER_DOLLAR: i64 = 1_000_000;

    /// The decimal places kept.
    pub(crate) const DECIMALS: u32 = 6;

    /// An amount in millionths of a dollar.
    pub const fn from_micros(micros: i64) -> Usd {
        Usd(micros)
    }

    /// Whole dollars (a rules file's threshold).
    pub const fn from_dollars(dollars: i64) -> Usd {
        Usd(dollars.saturating_mul(Self::PER_DOLLAR))
    }

    /// The amount in millionths of a dollar.
    pub const fn micros(self) -> i64 {
        self.0
    }

    /// The sum, saturating at the ends of the range.
    #[must_use]
    pub const fn saturating_add(self, other: Usd) -> Usd {
        Usd(self.0.saturating_add(other.0))
    }

    /// The difference, saturating at the ends of the range.
    #[must_use]
    pub const fn saturating_sub(self, other: Usd) -> Usd {
        Usd(self.0.saturating_sub(other.0))
    }

    /// Whether the amount is above zero.
    pub const fn is_positive(self) -> bool {
        self.0 > 0
    }

    /// The amount in whole cents, rounded half away from zero: what a
    /// person reads.
    pub fn cents(self) -> i64 {
        let per_cent = Self::PER_DOLLAR / 100;
        let (q, r) = (self.0 / per_cent, self.0 % per_cent);
        if r.abs() * 2 >= per_cent {
            q + r.signum()
        } else {
            q
        }
    }
}

impl Sum for Usd {
    fn sum<I: Iterator<Item = Usd>>(iter: I) -> Usd {
        iter.fold(Usd::ZERO, Usd::saturating_add)
    }
}

/// `$1,234.56`, `-$12.50`: cents, grouped by threes, as an English report
/// writes money (the report's cells carry a currency format instead).
impl fmt::Display for Usd {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let cents = self.cents();
        let sign = if cents < 0 { "-" } else { "" };
        let abs = cents.unsigned_abs();
        write!(
            f,
            "{sign}${}.{:02}",
            group_digits(abs / 100, ','),
            abs % 100
        )
    }
}

/// A calendar month: the unit Partner Center's revenue downloads report in
/// (`Month`, "date aggregated by month").
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CalendarMonth {
    /// Months since the start of year 0 (year * 12 + month - 1): ordered,
    /// and a month's neighbours are one apart.
    index: i32,
}

impl CalendarMonth {
    /// The month of a year (1 to 12); `None` for any other month number.
    pub fn new(year: i32, month: u32) -> Option<CalendarMonth> {
        if !(1..=12).contains(&month) || !(1..=9999).contains(&year) {
            return None;
        }
        Some(CalendarMonth {
            index: year * 12 + month as i32 - 1,
        })
    }

    /// The month a day falls in.
    pub fn of(date: NaiveDate) -> CalendarMonth {
        CalendarMonth {
            index: date.year() * 12 + date.month0() as i32,
        }
    }

    /// The last month that has ended on or before `date`: the month of
    /// `date` when it is that month's last day, else the month before.
    /// Partner Center's "last month" for a report as of `date`.
    pub fn last_complete(date: NaiveDate) -> CalendarMonth {
        let month = CalendarMonth::of(date);
        if date
            .succ_opt()
            .is_none_or(|next| next.month() != date.month())
        {
            month
        } else {
            month.minus(1)
        }
    }

    /// Its year.
    pub fn year(self) -> i32 {
        self.index.div_euclid(12)
    }

    /// Its month of the year, 1 to 12.
    pub fn month(self) -> u32 {
        self.index.rem_euclid(12) as u32 + 1
    }

    /// The month `n` months earlier.
    #[must_use]
    pub fn minus(self, n: u32) -> CalendarMonth {
        CalendarMonth {
            index: self.index - n as i32,
        }
    }

    /// The month `n` months later.
    #[must_use]
    pub fn plus(self, n: u32) -> CalendarMonth {
        CalendarMonth {
            index: self.index + n as i32,
        }
    }

    /// Its first day.
    pub fn first_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year(), self.month(), 1).unwrap_or(NaiveDate::MIN)
    }

    /// Its last day.
    pub fn last_day(self) -> NaiveDate {
        self.plus(1)
            .first_day()
            .pred_opt()
            .unwrap_or(NaiveDate::MAX)
    }

    /// Months from `earlier` to this one (negative when `earlier` is later).
    pub fn since(self, earlier: CalendarMonth) -> i32 {
        self.index - earlier.index
    }
}

/// `2026-05`.
impl fmt::Display for CalendarMonth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year(), self.month())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dollars_show_rounded_to_cents_and_grouped() {
        assert_eq!(Usd::from_dollars(1000).to_string(), "$1,000.00");
        assert_eq!(Usd::from_micros(1_234_565_000).to_string(), "$1,234.57");
        assert_eq!(Usd::from_micros(1_234_564_999).to_string(), "$1,234.56");
        assert_eq!(Usd::from_micros(-12_500_000).to_string(), "-$12.50");
        assert_eq!(Usd::from_micros(-5_000).to_string(), "-$0.01");
        assert_eq!(Usd::from_micros(4_999).to_string(), "$0.00");
        assert_eq!(Usd::ZERO.to_string(), "$0.00");
        assert_eq!(Usd::from_micros(123_456).cents(), 12);
    }

    #[test]
    fn sums_are_exact_and_saturate() {
        let tenth = Usd::from_micros(100_000);
        let total: Usd = std::iter::repeat_n(tenth, 1_000_000).sum();
        assert_eq!(total, Usd::from_dollars(100_000));
        let max = Usd::from_micros(i64::MAX);
        assert_eq!(max.saturating_add(tenth), max);
        assert_eq!(
            Usd::from_micros(i64::MIN).saturating_sub(tenth),
            Usd::from_micros(i64::MIN)
        );
        assert_eq!(Usd::from_dollars(i64::MAX), max);
    }

    #[test]
    fn months_count_across_years() {
        let may = CalendarMonth::new(2026, 5).unwrap();
        assert_eq!(may.to_string(), "2026-05");
        assert_eq!(may.minus(12).to_string(), "2025-05");
        assert_eq!(may.minus(5).to_string(), "2025-12");
        assert_eq!(may.plus(8).to_string(), "2027-01");
        assert_eq!(may.since(may.minus(24)), 24);
        assert_eq!(
            may.first_day(),
            NaiveDate::from_ymd_opt(2026, 5, 1).unwrap()
        );
        assert_eq!(
            may.last_day(),
            NaiveDate::from_ymd_opt(2026, 5, 31).unwrap()
        );
        let feb = CalendarMonth::new(2024, 2).unwrap();
        assert_eq!(
            feb.last_day(),
            NaiveDate::from_ymd_opt(2024, 2, 29).unwrap()
        );
        assert!(CalendarMonth::new(2026, 13).is_none());
        assert!(CalendarMonth::new(2026, 0).is_none());
        assert!(may.minus(1) < may);
    }

    #[test]
    fn last_month_is_the_last_one_ended_by_the_date() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        let may = CalendarMonth::new(2026, 5).unwrap();
        assert_eq!(CalendarMonth::last_complete(d(2026, 5, 31)), may);
        assert_eq!(CalendarMonth::last_complete(d(2026, 6, 15)), may);
        assert_eq!(CalendarMonth::last_complete(d(2026, 6, 30)), may.plus(1));
        assert_eq!(
            CalendarMonth::last_complete(d(2026, 1, 1)).to_string(),
            "2025-12"
        );
    }
}
