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
    /// The level of a partner that does not.
    pub(crate) not_qualified: &'static str,
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
    /// Metrics whose year-before snapshots are not all of the month asked
    /// for: (the metrics, what stood in and what to drop).
    pub(crate) not_exact: fn(&str, &str) -> String,
    /// Metrics figured from rows some of which give no paid licences: (the
    /// metrics).
    pub(crate) no_paid_licences: fn(&str) -> String,
    /// A download compared with the month asked for: (download, snapshot).
    pub(crate) baseline_exact: fn(&str, &str) -> String,
    /// A later snapshot stood in: (download, month asked for, snapshot used).
    pub(crate) baseline_instead: fn(&str, &str, &str) -> String,
    /// No snapshot stood in: (download, month asked for).
    pub(crate) baseline_missing: fn(&str, &str) -> String,
    /// Metrics figured from a current snapshot older than last month's:
    /// (the metrics, which snapshot and what to drop).
    pub(crate) not_current: fn(&str, &str) -> String,
    /// A download's current snapshot is old: (download, its month, months
    /// behind the as-of date's).
    pub(crate) stale: fn(&str, &str, u32) -> String,
    /// The downloads' names.
    pub(crate) downloads: DownloadNames,
    /// The per-tenant sheet's words.
    pub(crate) tenants: TenantTexts,
    /// `Partner Details`: a path's score column: (path).
    pub(crate) path_score_header: fn(&str) -> String,
    /// `Partner Details`: the snapshots compared.
    pub(crate) compared_header: &'static str,
    /// `Partner Details`: one option of a metric: (figure words, points).
    pub(crate) option_points: fn(&str, &str) -> String,
    /// A figure against its threshold: (figure, threshold, association group).
    pub(crate) figure: fn(&str, &str, Option<&str>) -> String,
    /// The Summary's score column.
    pub(crate) score_header: &'static str,
    /// The Summary's path column.
    pub(crate) path_header: &'static str,
    /// The Summary's column of the score's change since last month.
    pub(crate) score_change_header: &'static str,
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

/// The downloads' names, as Partner Center calls them.
#[derive(Debug)]
pub(crate) struct DownloadNames {
    /// A workbook shaped like the template, a distributor's export.
    pub(crate) customer_list: &'static str,
    /// Insights `OfficeUsage`.
    pub(crate) office_usage: &'static str,
    /// Insights `EMSUsage`.
    pub(crate) ems_usage: &'static str,
    /// The CPOR Microsoft 365 usage download.
    pub(crate) cpor_usage: &'static str,
    /// The analytics API's license usage.
    pub(crate) license_usage: &'static str,
}

/// The words of the per-tenant sheet: why each tenant counts, per path and
/// association type.
#[derive(Debug)]
pub(crate) struct TenantTexts {
    /// Paid licences now (the tenant's largest workload).
    pub(crate) paid_now: &'static str,
    /// Eligible on the path now.
    pub(crate) eligible_now: &'static str,
    /// Eligible on the path a year before.
    pub(crate) eligible_before: &'static str,
    /// Its part of net customer adds.
    pub(crate) net_add: &'static str,
    /// When the partner associated with it.
    pub(crate) associated_on: &'static str,
    /// Where that date comes from.
    pub(crate) associated_by: &'static str,
    /// The snapshot its usage growth is measured from.
    pub(crate) measured_from: &'static str,
    /// Its eligible users then.
    pub(crate) users_then: &'static str,
    /// Its eligible users now.
    pub(crate) users_now: &'static str,
    /// Its usage growth.
    pub(crate) growth: &'static str,
    /// Its share of paid licences active now.
    pub(crate) deployed_now: &'static str,
    /// A year before.
    pub(crate) deployed_before: &'static str,
    /// At association.
    pub(crate) deployed_at_association: &'static str,
    /// Its part of net new deployments.
    pub(crate) deployment: &'static str,
    /// Eligible for some metrics only: (the metrics).
    pub(crate) only: fn(&str) -> String,
    /// `DateAssociated`, Customer Since, the first snapshot.
    pub(crate) by: [&'static str; 3],
    /// The group does not count on the path: (group, path).
    pub(crate) not_on_path: fn(&str, &str) -> String,
    /// Gone: (last seen, if known).
    pub(crate) gone: fn(Option<&str>) -> String,
    /// Eligible because it was a year before.
    pub(crate) stays: &'static str,
    /// Left out of deployments: (share at association, its snapshot).
    pub(crate) deployed_at_association_note: fn(&str, &str) -> String,
    /// Its net add is on another line: (group).
    pub(crate) add_elsewhere: fn(&str) -> String,
    /// Its growth is measured from its association: (snapshot).
    pub(crate) from_association: fn(&str) -> String,
}

/// English.
pub(crate) const EN: PointsTexts = PointsTexts {
    qualified: "Qualified",
    not_qualified: "Not qualified",
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
    not_exact: |metrics, why| format!("{metrics} not exact: {why}"),
    no_paid_licences: |metrics| {
        format!(
            "{metrics}: some rows give no paid licences (PaidAvailableUnits): their active users stood in for placing tenants, and they take no part in deployments"
        )
    },
    baseline_exact: |download, date| format!("{download} compared with {date}"),
    baseline_instead: |download, month, used| {
        format!(
            "{download} has no snapshot of {month}: the one of {used} stood in (a shorter comparison); drop the {month} {download} download into the archive's {month} folder, or the input, to make it exact"
        )
    },
    baseline_missing: |download, month| {
        format!(
            "{download} has no snapshot of {month} or later before the current one: the current one stood in, so it shows no change; drop the {month} {download} download into the archive's {month} folder, or the input, to measure it"
        )
    },
    not_current: |metrics, why| format!("{metrics} not current: {why}"),
    stale: |download, month, behind| {
        format!(
            "the latest snapshot of {download} is of {month}, {behind} months before the as-of date: the figures are the partner's as it stood then; drop the latest one into the input to score the partner as it stands now"
        )
    },
    downloads: DownloadNames {
        customer_list: "the customer list",
        office_usage: "OfficeUsage",
        ems_usage: "EMSUsage",
        cpor_usage: "the CPOR Microsoft 365 usage download",
        license_usage: "the license usage download",
    },
    tenants: TenantTexts {
        paid_now: "Paid Licences Now",
        eligible_now: "Eligible Now",
        eligible_before: "Eligible a Year Before",
        net_add: "Net Add",
        associated_on: "Associated On",
        associated_by: "Known From",
        measured_from: "Measured From",
        users_then: "Users Then",
        users_now: "Users Now",
        growth: "Growth",
        deployed_now: "Deployed Now",
        deployed_before: "Deployed a Year Before",
        deployed_at_association: "Deployed at Association",
        deployment: "Deployment",
        only: |metrics| format!("only: {metrics}"),
        by: ["DateAssociated", "Customer Since", "first snapshot"],
        not_on_path: |group, path| format!("{group} does not count on the {path} path"),
        gone: |last| match last {
            Some(d) => format!("gone: not in the current snapshot (last seen {d})"),
            None => "gone: not in the current snapshot".to_string(),
        },
        stays: "eligible because it was a year before (outgrown since)",
        deployed_at_association_note: |share, date| {
            format!("left out of deployments: already {share} deployed at association ({date})")
        },
        add_elsewhere: |group| format!("net add counted once, on its {group} line"),
        from_association: |date| format!("usage growth measured from its association ({date})"),
    },
    path_score_header: |path| format!("{path} Score"),
    compared_header: "Compared With",
    option_points: |figure, points| format!("{figure}: {points}"),
    figure: |n, of, group| match group {
        Some(g) => format!("{n} of {of} as {g}"),
        None => format!("{n} of {of}"),
    },
    score_header: "Score",
    path_header: "Path",
    score_change_header: "Score Change",
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
    not_qualified: "Nicht qualifiziert",
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
    not_exact: |metrics, why| format!("{metrics} nicht genau: {why}"),
    no_paid_licences: |metrics| {
        format!(
            "{metrics}: manche Zeilen nennen keine bezahlten Lizenzen (PaidAvailableUnits): ihre aktiven Nutzer zählten für die Zuordnung zum Pfad, bei den Bereitstellungen zählen sie nicht"
        )
    },
    baseline_exact: |download, date| format!("{download} verglichen mit {date}"),
    baseline_instead: |download, month, used| {
        format!(
            "{download} hat keinen Stand von {month}: der vom {used} trat an seine Stelle (ein kürzerer Vergleich); den {download}-Download von {month} in den Archivordner {month} oder die Eingabe legen, damit es genau wird"
        )
    },
    baseline_missing: |download, month| {
        format!(
            "{download} hat keinen Stand von {month} oder später vor dem aktuellen: der aktuelle trat an seine Stelle und zeigt keine Änderung; den {download}-Download von {month} in den Archivordner {month} oder die Eingabe legen, um es zu messen"
        )
    },
    not_current: |metrics, why| format!("{metrics} nicht aktuell: {why}"),
    stale: |download, month, behind| {
        format!(
            "{download}: der neueste Stand ist von {month}, {behind} Monate vor dem Stichtag: die Zahlen zeigen den Partner, wie er damals stand; den neuesten Stand in die Eingabe legen, um den Partner nach heutigem Stand zu bewerten"
        )
    },
    downloads: DownloadNames {
        customer_list: "die Kundenliste",
        office_usage: "OfficeUsage",
        ems_usage: "EMSUsage",
        cpor_usage: "der CPOR-Download zur Microsoft-365-Nutzung",
        license_usage: "der Lizenznutzungs-Download",
    },
    tenants: TenantTexts {
        paid_now: "Bezahlte Lizenzen jetzt",
        eligible_now: "Berechtigt jetzt",
        eligible_before: "Berechtigt vor einem Jahr",
        net_add: "Netto-Zuwachs",
        associated_on: "Zugeordnet am",
        associated_by: "Quelle",
        measured_from: "Gemessen ab",
        users_then: "Nutzer damals",
        users_now: "Nutzer jetzt",
        growth: "Wachstum",
        deployed_now: "Bereitgestellt jetzt",
        deployed_before: "Bereitgestellt vor einem Jahr",
        deployed_at_association: "Bereitgestellt bei Zuordnung",
        deployment: "Bereitstellung",
        only: |metrics| format!("nur: {metrics}"),
        by: ["DateAssociated", "Kunde seit", "erster Stand"],
        not_on_path: |group, path| format!("{group} zählt im Pfad {path} nicht"),
        gone: |last| match last {
            Some(d) => format!("weg: nicht im aktuellen Stand (zuletzt {d})"),
            None => "weg: nicht im aktuellen Stand".to_string(),
        },
        stays: "berechtigt, weil es vor einem Jahr war (seither herausgewachsen)",
        deployed_at_association_note: |share, date| {
            format!(
                "bei den Bereitstellungen nicht gezählt: bei der Zuordnung ({date}) schon zu {share} bereitgestellt"
            )
        },
        add_elsewhere: |group| format!("Netto-Zuwachs einmal gezählt, in der Zeile {group}"),
        from_association: |date| format!("Nutzungswachstum ab der Zuordnung gemessen ({date})"),
    },
    path_score_header: |path| format!("Punkte {path}"),
    compared_header: "Verglichen mit",
    option_points: |figure, points| format!("{figure}: {points}"),
    figure: |n, of, group| match group {
        Some(g) => format!("{n} von {of} als {g}"),
        None => format!("{n} von {of}"),
    },
    score_header: "Punkte",
    path_header: "Pfad",
    score_change_header: "Punkteänderung",
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
