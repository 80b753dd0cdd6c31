//! The words of a points-scored designation (a partner capability score),
//! one table per language like the rest. Metric and path names come from
//! the rules file (which gives them per language); these are the words
//! around them.

use super::Texts;
use crate::model::{Centi, show_points};

/// The words of a points-scored designation in one language.
#[derive(Debug)]
pub(crate) struct PointsTexts {
    /// The level of a partner that qualifies.
    pub(crate) qualified: &'static str,
    /// The change of a partner that qualifies now and did not before.
    pub(crate) gained: &'static str,
    /// The change of a partner that qualified before and does not now.
    pub(crate) lost: &'static str,
    /// The decimal separator in points ("7.5", "7,5").
    pub(crate) decimal_sep: char,
    /// What one step of a route asks for: (count, unit, association group).
    pub(crate) more: fn(&str, &str, Option<&str>) -> String,
    /// A partner that qualifies: (points, path).
    pub(crate) qualifies_with: fn(&str, &str) -> String,
    /// What a partner needs: (steps, path, the points the route reaches).
    pub(crate) needs: fn(&str, &str, &str) -> String,
    /// No route within reach: (qualifying points).
    pub(crate) out_of_reach: fn(&str) -> String,
    /// A metric that cannot be measured without an earlier snapshot: (metric, date).
    pub(crate) gap_snapshot: fn(&str, &str) -> String,
    /// A metric that cannot be measured without licence counts: (metric).
    pub(crate) gap_licences: fn(&str) -> String,
    /// A figure against its threshold: (figure, threshold, association group).
    pub(crate) figure: fn(&str, &str, Option<&str>) -> String,
    /// The Summary's score column.
    pub(crate) score_header: &'static str,
    /// The Summary's path column.
    pub(crate) path_header: &'static str,
    /// The Summary's column of the score's change since last month.
    pub(crate) score_change_header: &'static str,
    /// A metric's points column: (metric).
    pub(crate) points_header: fn(&str) -> String,
    /// A metric's figure column: (metric).
    pub(crate) figure_header: fn(&str) -> String,
    /// The Dashboard's metric column.
    pub(crate) metric_header: &'static str,
    /// The Dashboard's column of a metric's weight.
    pub(crate) weight_header: &'static str,
    /// A threshold for an association type: (threshold, type).
    pub(crate) threshold_as: fn(&str, &str) -> String,
    /// The Dashboard's title: (designation, as-of date).
    pub(crate) title: fn(&str, &str) -> String,
    /// The Dashboard's heading over what the score asks for.
    pub(crate) asks_for: &'static str,
    /// The note under it: (qualifying points, most points, per-metric minimum).
    pub(crate) needs_note: fn(&str, &str, &str) -> String,
    /// The Dashboard's heading over the partners closest to qualifying: (how many).
    pub(crate) closest: fn(usize) -> String,
    /// The note under it.
    pub(crate) closest_rule: &'static str,
    /// When every partner qualifies.
    pub(crate) nobody_below: &'static str,
    /// `Next Steps`: the column of the score on the route's path now.
    pub(crate) score_now_header: &'static str,
    /// `Next Steps`: the column of the metric's figure now.
    pub(crate) figure_now_header: &'static str,
    /// `Next Steps`: the column of the points a step adds.
    pub(crate) points_added_header: &'static str,
    /// `Next Steps`: the column of the score once the steps so far are taken.
    pub(crate) score_after_header: &'static str,
    /// `Next Steps`: the column of notes (a metric that blocks, a gap).
    pub(crate) note_header: &'static str,
    /// A metric below the per-metric minimum: (its points, the minimum).
    pub(crate) blocks: fn(&str, &str) -> String,
}

/// English.
pub(crate) const EN: PointsTexts = PointsTexts {
    qualified: "Qualified",
    gained: "now qualified",
    lost: "lost the designation",
    decimal_sep: '.',
    more: |n, unit, group| match group {
        Some(g) => format!("{n} more {unit} as {g}"),
        None => format!("{n} more {unit}"),
    },
    qualifies_with: |points, path| format!("qualifies with {points} points on the {path} path"),
    needs: |steps, path, points| {
        format!("needs {steps} to qualify on the {path} path ({points} points)")
    },
    out_of_reach: |points| format!("{points} points are out of reach on every path"),
    gap_snapshot: |metric, date| {
        format!("{metric}: needs a snapshot from about {date} (none in the inputs)")
    },
    gap_licences: |metric| {
        format!("{metric}: needs qualified licence counts (licensesQualified; none in the inputs)")
    },
    figure: |n, of, group| match group {
        Some(g) => format!("{n} of {of} as {g}"),
        None => format!("{n} of {of}"),
    },
    score_header: "Score",
    path_header: "Path",
    score_change_header: "Score Change",
    points_header: |m| format!("{m} (points)"),
    figure_header: |m| format!("{m} (figure)"),
    metric_header: "Metric",
    weight_header: "Points",
    threshold_as: |n, g| format!("{n} as {g}"),
    title: |name, as_of| format!("{name} report, as of {as_of}"),
    asks_for: "What the score asks for",
    needs_note: |qualifying, most, minimum| {
        format!(
            "Qualified with at least {qualifying} of {most} points and at least {minimum} in every metric. Points are in full at a path's threshold and in proportion below it; where a threshold is given per association type, the type that earns more counts. Every partner is scored on every path; the path that qualifies (else the one with more points) counts."
        )
    },
    closest: |n| format!("Closest to qualifying (top {n})"),
    closest_rule: "Progress = the average of the share of the qualifying points a partner has and the share of its metrics at their minimum. Ranked by progress, then partner ID.",
    nobody_below: "Every partner qualifies.",
    score_now_header: "Score Now",
    figure_now_header: "Figure Now",
    points_added_header: "Points Added",
    score_after_header: "Score After",
    note_header: "Note",
    blocks: |points, minimum| {
        format!(
            "blocks qualification whatever the total: {points} points, at least {minimum} needed in every metric"
        )
    },
};

/// German.
pub(crate) const DE: PointsTexts = PointsTexts {
    qualified: "Qualifiziert",
    gained: "neu qualifiziert",
    lost: "Auszeichnung verloren",
    decimal_sep: ',',
    more: |n, unit, group| match group {
        Some(g) => format!("noch {n} {unit} als {g}"),
        None => format!("noch {n} {unit}"),
    },
    qualifies_with: |points, path| format!("qualifiziert mit {points} Punkten im Pfad {path}"),
    needs: |steps, path, points| {
        format!("braucht {steps}, um sich im Pfad {path} zu qualifizieren ({points} Punkte)")
    },
    out_of_reach: |points| format!("{points} Punkte sind in keinem Pfad erreichbar"),
    gap_snapshot: |metric, date| {
        format!("{metric}: braucht einen Stand von etwa {date} (keiner in den Eingaben)")
    },
    gap_licences: |metric| {
        format!(
            "{metric}: braucht die Zahl qualifizierter Lizenzen (licensesQualified; keine in den Eingaben)"
        )
    },
    figure: |n, of, group| match group {
        Some(g) => format!("{n} von {of} als {g}"),
        None => format!("{n} von {of}"),
    },
    score_header: "Punkte",
    path_header: "Pfad",
    score_change_header: "Punkteänderung",
    points_header: |m| format!("{m} (Punkte)"),
    figure_header: |m| format!("{m} (Wert)"),
    metric_header: "Kennzahl",
    weight_header: "Punkte",
    threshold_as: |n, g| format!("{n} als {g}"),
    title: |name, as_of| format!("{name}: Bericht, Stand {as_of}"),
    asks_for: "Was die Punktzahl verlangt",
    needs_note: |qualifying, most, minimum| {
        format!(
            "Qualifiziert mit mindestens {qualifying} von {most} Punkten und mindestens {minimum} in jeder Kennzahl. Die Punkte gibt es voll an der Schwelle eines Pfads und anteilig darunter; wo eine Schwelle je Zuordnungsart gilt, zählt die Art mit mehr Punkten. Jeder Partner wird in jedem Pfad bewertet; es zählt der Pfad, der qualifiziert (sonst der mit mehr Punkten)."
        )
    },
    closest: |n| format!("Am nächsten an der Qualifizierung (beste {n})"),
    closest_rule: "Fortschritt = der Durchschnitt aus dem Anteil der nötigen Punkte, die ein Partner hat, und dem Anteil seiner Kennzahlen, die ihr Minimum erreichen. Rangfolge nach Fortschritt, dann Partner-ID.",
    nobody_below: "Alle Partner sind qualifiziert.",
    score_now_header: "Punkte jetzt",
    figure_now_header: "Wert jetzt",
    points_added_header: "Punkte dazu",
    score_after_header: "Punkte danach",
    note_header: "Hinweis",
    blocks: |points, minimum| {
        format!(
            "verhindert die Qualifizierung unabhängig von der Summe: {points} Punkte, mindestens {minimum} in jeder Kennzahl nötig"
        )
    },
};

impl Texts {
    /// Points as a reader of this language writes them: "7.5", "7,5".
    pub(crate) fn points(&self, c: Centi) -> String {
        let shown = show_points(c);
        if self.points.decimal_sep == '.' {
            shown
        } else {
            shown.replace('.', &self.points.decimal_sep.to_string())
        }
    }
}
