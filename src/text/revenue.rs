//! The words of a revenue-scored designation (Business Applications: a
//! partner capability score measured from revenue and monthly consumption
//! value), one table per language like the points family's beside it.
//! Metric and track names come from the rules file; these are the words
//! around them, in the designation's own units.

/// The words of a revenue-scored designation in one language.
#[derive(Debug)]
pub(crate) struct RevenueTexts {
    /// `Partner Details`: the track and why.
    pub(crate) track_header: &'static str,
    /// Why the track: (track, workloads now, month, workloads a year
    /// before, its month, the revenue a workload must exceed, the track
    /// the rule gives, the workloads it needs in both months).
    pub(crate) track_why: fn(&str, u64, &str, u64, &str, &str, &str, u64) -> String,
    /// `Partner Details`: the month scored and the month a year before.
    pub(crate) months_header: &'static str,
    /// The two months: (month scored, month a year before).
    pub(crate) months: fn(&str, &str) -> String,
    /// No month to score by the as-of date.
    pub(crate) no_month: &'static str,
    /// `Partner Details`: usage growth's figures.
    pub(crate) growth_header: &'static str,
    /// Usage growth: (MCV now, MCV a year before, the baseline, reached).
    pub(crate) growth: fn(&str, &str, &str, bool) -> String,
    /// A figure of usage growth against its threshold: (percent, threshold).
    pub(crate) growth_figure: fn(&str, &str) -> String,
    /// A route step on usage growth: (more percentage points).
    pub(crate) growth_more: fn(&str) -> String,
    /// A route step on net customer adds: (how many more).
    pub(crate) adds_more: fn(u64, &str) -> String,
    /// A route step on deployments: (how many more, the MCV each needs).
    pub(crate) deployments_more: fn(u64, &str) -> String,
    /// A workload at a tenant short of the revenue net customer adds
    /// counts: (dollars more, workload, customer).
    pub(crate) short_revenue: fn(&str, &str, &str) -> String,
    /// A workload at a tenant short of the MCV a deployment needs: (MCV
    /// more, rate card line, customer).
    pub(crate) short_mcv: fn(&str, &str, &str) -> String,
    /// How many more users (or profiles, `true`) make up the MCV it lacks.
    pub(crate) units_more: fn(u64, &str, bool) -> String,
    /// The baseline gate as a step: (baseline MCV, the month a year before,
    /// its MCV).
    pub(crate) gate: fn(&str, &str, &str) -> String,
    /// The track as a step: (workloads needed, revenue over, the two
    /// months, the track, workloads now in each month).
    pub(crate) track_step: fn(u64, &str, &str, &str, &str, u64, u64) -> String,
}

/// English.
pub(crate) const EN: RevenueTexts = RevenueTexts {
    track_header: "Track and why",
    track_why: |track, now, month, before, month_before, over, rule_track, min| {
        format!(
            "{track}: {now} workloads at tenants over ${over} in {month}, {before} in {month_before} ({rule_track} needs {min} in both)"
        )
    },
    months_header: "Month scored / a year before",
    months: |now, before| format!("{now} / {before}"),
    no_month: "the downloads hold no month to score by the as-of date",
    growth_header: "Usage growth: MCV now / a year before / baseline",
    growth: |now, before, baseline, reached| {
        let gate = if reached {
            "reached"
        } else {
            "not reached: no points"
        };
        format!("{now} / {before} / {baseline} ({gate})")
    },
    growth_figure: |percent, threshold| format!("{percent} % of {threshold} %"),
    growth_more: |n| format!("{n} more percentage points of usage growth in MCV"),
    adds_more: |n, revenue| {
        let s = if n == 1 { "" } else { "s" };
        format!("{n} more workload{s} at a tenant with at least ${revenue} in the month")
    },
    deployments_more: |n, mcv| {
        let s = if n == 1 { "" } else { "s" };
        format!("{n} more deployment{s} (a workload at a tenant with at least {mcv} MCV)")
    },
    short_revenue: |more, workload, customer| format!("${more} more on {workload} at {customer}"),
    short_mcv: |more, line, customer| format!("{more} more MCV on {line} at {customer}"),
    units_more: |n, count, profiles| {
        let unit = match (profiles, n == 1) {
            (true, true) => "profile",
            (true, false) => "profiles",
            (false, true) => "user",
            (false, false) => "users",
        };
        format!("{count} more {unit}")
    },
    gate: |baseline, month, figure| {
        format!(
            "usage growth to score: the month a year before must reach {baseline} MCV ({month}: {figure})"
        )
    },
    track_step: |n, over, month, month_before, track, now, before| {
        format!(
            "{n} workloads at tenants over ${over} in {month} and in {month_before} move you to the {track} track (now {now} and {before})"
        )
    },
};

/// German.
pub(crate) const DE: RevenueTexts = RevenueTexts {
    track_header: "Track und warum",
    track_why: |track, now, month, before, month_before, over, rule_track, min| {
        format!(
            "{track}: {now} Arbeitslasten bei Mandanten über {over} $ in {month}, {before} in {month_before} ({rule_track} braucht {min} in beiden)"
        )
    },
    months_header: "Bewerteter Monat / ein Jahr davor",
    months: |now, before| format!("{now} / {before}"),
    no_month: "die Downloads enthalten bis zum Stichtag keinen Monat zum Bewerten",
    growth_header: "Nutzungswachstum: MCV jetzt / ein Jahr davor / Basis",
    growth: |now, before, baseline, reached| {
        let gate = if reached {
            "erreicht"
        } else {
            "nicht erreicht: keine Punkte"
        };
        format!("{now} / {before} / {baseline} ({gate})")
    },
    growth_figure: |percent, threshold| format!("{percent} % von {threshold} %"),
    growth_more: |n| format!("{n} Prozentpunkte mehr Nutzungswachstum in MCV"),
    adds_more: |n, revenue| {
        let s = if n == 1 { "" } else { "en" };
        format!("{n} neue Arbeitslast{s} bei einem Mandanten mit mindestens {revenue} $ im Monat")
    },
    deployments_more: |n, mcv| {
        let s = if n == 1 { "" } else { "en" };
        format!(
            "{n} Bereitstellung{s} mehr (eine Arbeitslast bei einem Mandanten mit mindestens {mcv} MCV)"
        )
    },
    short_revenue: |more, workload, customer| {
        format!("{more} $ mehr für {workload} bei {customer}")
    },
    short_mcv: |more, line, customer| format!("{more} MCV mehr für {line} bei {customer}"),
    units_more: |n, count, profiles| {
        let unit = match (profiles, n == 1) {
            (true, true) => "Profil",
            (true, false) => "Profile",
            (false, _) => "Nutzer",
        };
        format!("{count} {unit} mehr")
    },
    gate: |baseline, month, figure| {
        format!(
            "damit das Nutzungswachstum zählt, muss der Monat ein Jahr davor {baseline} MCV erreichen ({month}: {figure})"
        )
    },
    track_step: |n, over, month, month_before, track, now, before| {
        format!(
            "{n} Arbeitslasten bei Mandanten über {over} $ in {month} und in {month_before} bringen Sie auf den Track {track} (jetzt {now} und {before})"
        )
    },
};
