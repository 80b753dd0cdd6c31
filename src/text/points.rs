//! The words of a points-scored designation (a partner capability score),
//! one table per language like the rest. Metric and path names come from
//! the rules file (which gives them per language); these are the words
//! around them.

/// The words of a points-scored designation in one language.
#[derive(Debug)]
pub struct PointsTexts {
    /// The level of a partner that qualifies.
    pub qualified: &'static str,
}

/// English.
pub const EN: PointsTexts = PointsTexts {
    qualified: "Qualified",
};

/// German.
pub const DE: PointsTexts = PointsTexts {
    qualified: "Qualifiziert",
};
