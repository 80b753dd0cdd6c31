//! Decimal amounts: revenue in US dollars, active capacity, a rate card's
//! rates and the monthly consumption values made from them. Kept as whole
//! millionths so that sums and comparisons with a threshold are exact: in
//! floating point, three users at a rate of 0.1 are 0.30000000000000004,
//! and a tenant summed from many cents can miss $1,500.00 by a hair.

use std::fmt;

/// Millionths in one.
const SCALE: i64 = 1_000_000;

/// The largest magnitude an amount read from a cell may have (a trillion):
/// far beyond any partner's monthly revenue, and far inside `i64`.
pub(crate) const MAX_WHOLE: i64 = 1_000_000_000_000;

/// A signed decimal with six places.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Amount(i64);

impl Amount {
    /// Nothing.
    pub const ZERO: Amount = Amount(0);

    /// An amount from whole millionths.
    pub fn from_micros(micros: i64) -> Amount {
        Amount(micros)
    }

    /// The amount in whole millionths.
    pub fn micros(self) -> i64 {
        self.0
    }

    /// A whole number (`5000`); `None` beyond [`MAX_WHOLE`].
    pub fn whole(n: i64) -> Option<Amount> {
        (n.abs() <= MAX_WHOLE).then_some(Amount(n * SCALE))
    }

    /// A number as a spreadsheet holds it, rounded to the millionth;
    /// `None` when not finite or beyond [`MAX_WHOLE`].
    pub(crate) fn from_f64(f: f64) -> Option<Amount> {
        (f.is_finite() && f.abs() <= MAX_WHOLE as f64)
            .then(|| Amount((f * SCALE as f64).round() as i64))
    }

    /// The amount as a floating-point number (for JSON and charts only).
    pub fn as_f64(self) -> f64 {
        self.0 as f64 / SCALE as f64
    }

    /// Whether it is below zero (a credit or an adjustment).
    pub fn is_negative(self) -> bool {
        self.0 < 0
    }

    /// The sum, held at the largest amount rather than wrapping: sums of
    /// amounts read from cells never come near it.
    pub fn saturating_add(self, other: Amount) -> Amount {
        Amount(self.0.saturating_add(other.0))
    }

    /// The amount `count` times (monthly active users times a rate).
    pub fn times(self, count: u64) -> Amount {
        let product = i128::from(self.0) * i128::from(count);
        Amount(product.clamp(i128::from(i64::MIN), i128::from(i64::MAX)) as i64)
    }
}

impl std::iter::Sum for Amount {
    fn sum<I: Iterator<Item = Amount>>(iter: I) -> Amount {
        iter.fold(Amount::ZERO, Amount::saturating_add)
    }
}

/// Plain digits, a point and only the decimals it has: `1234.5`, `-3`,
/// `0.2`.
impl fmt::Display for Amount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        let (whole, frac) = (abs / SCALE as u64, abs % SCALE as u64);
        if frac == 0 {
            return write!(f, "{sign}{whole}");
        }
        let digits = format!("{frac:06}");
        write!(f, "{sign}{whole}.{}", digits.trim_end_matches('0'))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn a(s: &str) -> Amount {
        // Test shorthand: whole and fraction digits, as the tests write them.
        let (whole, frac) = s.split_once('.').unwrap_or((s, ""));
        let frac = format!("{frac:0<6}");
        let sign = if whole.starts_with('-') { -1 } else { 1 };
        let whole: i64 = whole.trim_start_matches('-').parse().unwrap();
        Amount(sign * (whole * SCALE + frac.parse::<i64>().unwrap()))
    }

    #[test]
    fn the_pages_consumption_examples_are_exact() {
        // Microsoft's rate card: "(10 Business Central MAU * 1000) +
        // (50,000 Customer Insights profiles * 0.2) = 20,000 MCV".
        let business_central = a("1000").times(10);
        let customer_insights = a("0.2").times(50_000);
        assert_eq!(business_central, Amount::whole(10_000).unwrap());
        assert_eq!(customer_insights, Amount::whole(10_000).unwrap());
        let total: Amount = [business_central, customer_insights].into_iter().sum();
        assert_eq!(total, Amount::whole(20_000).unwrap());
        // Floating point misses where millionths do not.
        assert_ne!(0.1_f64 * 3.0, 0.3);
        assert_eq!(a("0.1").times(3), a("0.3"));
        let cents: Amount = std::iter::repeat_n(a("0.01"), 150_000).sum();
        assert_eq!(cents, Amount::whole(1_500).unwrap());
    }

    #[test]
    fn amounts_show_their_own_decimals_only() {
        assert_eq!(a("1234.5").to_string(), "1234.5");
        assert_eq!(a("-3").to_string(), "-3");
        assert_eq!(a("0.2").to_string(), "0.2");
        assert_eq!(a("-0.000001").to_string(), "-0.000001");
        assert_eq!(Amount::from_f64(1234.56).unwrap().to_string(), "1234.56");
        assert_eq!(Amount::from_f64(0.1 + 0.2).unwrap(), a("0.3"));
        assert_eq!(Amount::from_f64(f64::NAN), None);
        assert_eq!(Amount::from_f64(2e12), None);
        assert_eq!(Amount::whole(MAX_WHOLE + 1), None);
        assert!(a("-0.5").is_negative() && !Amount::ZERO.is_negative());
        assert_eq!(Amount(i64::MAX).saturating_add(a("1")), Amount(i64::MAX));
        assert_eq!(a("2").times(u64::MAX), Amount(i64::MAX));
    }
}
