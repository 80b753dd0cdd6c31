//! Points of a capability score, kept in hundredths so that sums and
//! comparisons with a qualifying total are exact.

/// Points in hundredths: 1250 is 12.5 points.
pub type Centi = u32;

/// Points as a person reads them: "12", "7.5", "6.67".
pub(crate) fn show_points(c: Centi) -> String {
    let (whole, frac) = (c / 100, c % 100);
    match frac {
        0 => whole.to_string(),
        f if f % 10 == 0 => format!("{whole}.{}", f / 10),
        f => format!("{whole}.{f:02}"),
    }
}

/// Points as a JSON number.
pub(crate) fn points_value(c: Centi) -> f64 {
    f64::from(c) / 100.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn points_read_as_people_write_them() {
        assert_eq!(show_points(1200), "12");
        assert_eq!(show_points(750), "7.5");
        assert_eq!(show_points(666), "6.66");
        assert_eq!(show_points(5), "0.05");
        assert_eq!(points_value(750), 7.5);
    }
}
