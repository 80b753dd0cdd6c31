//! The words of a designation scored from Azure consumed revenue (ACR: Data
//! & AI, Infrastructure, Digital & App Innovation), one table per language
//! like the revenue family's beside it. Metric, path and credential names
//! come from the rules file; these are the words around them, in the
//! designation's own units (dollars of ACR, customers, Azure services,
//! certified people by steps).

/// The words of an ACR-scored designation in one language.
#[derive(Debug)]
pub(crate) struct AcrTexts {
    /// Dollars as the language writes them: (the figure, grouped).
    pub(crate) money: fn(&str) -> String,
    /// `Partner Details`: the track and why.
    pub(crate) track_header: &'static str,
    /// Why the track: (track, SMB customers, customers, their month, the
    /// SMB path, the share it needs in percent).
    pub(crate) track_why: fn(&str, u64, u64, &str, &str, u32) -> String,
    /// Segments the rules do not list: (them, joined).
    pub(crate) unknown_segments: fn(&str) -> String,
    /// `Partner Details`: eligible ACR last month, the same month a year
    /// before, and over the trailing twelve months.
    pub(crate) acr_now_header: &'static str,
    pub(crate) acr_before_header: &'static str,
    pub(crate) acr_ttm_header: &'static str,
    /// `Partner Details`: people per certification step.
    pub(crate) steps_header: &'static str,
    /// One step's people: (step id, people, people it needs).
    pub(crate) step_people: fn(&str, u64, u64) -> String,
    /// `Partner Details`: what the downloads allowed.
    pub(crate) facts_header: &'static str,
    /// The services deployments counted: (them, joined).
    pub(crate) services: fn(&str) -> String,
    /// Offers left out: (rows).
    pub(crate) offers_excluded: fn(usize) -> String,
    /// No download gave an offer: (the offers, joined).
    pub(crate) offers_not_excluded: fn(&str) -> String,
    /// Rows without a Service Level 2: (rows).
    pub(crate) no_service: fn(usize) -> String,
    /// The downloads end before last month: (their last month, last month).
    pub(crate) stale: fn(&str, &str) -> String,
    /// No ACR rows at all.
    pub(crate) no_rows: &'static str,
    /// A route step on usage growth: (dollars more, last month).
    pub(crate) growth_more: fn(&str) -> String,
    /// A route step on net customer adds: (how many, the ACR each needs).
    pub(crate) adds_more: fn(u64, &str) -> String,
    /// A customer short of net customer adds: (dollars more, customer).
    pub(crate) short_customer: fn(&str, &str) -> String,
    /// A route step on deployments: (how many, services not counted).
    pub(crate) services_more: fn(u64, &str) -> String,
    /// A route step on a step of one credential: (how many, its label).
    pub(crate) cert_more: fn(u64, &str) -> String,
    /// A route step on a step of several: (how many, the metric, the
    /// step's id, the first of its credentials).
    pub(crate) cert_more_any: fn(u64, &str, &str, &str) -> String,
    /// What a gate unlocks: (the step, its points).
    pub(crate) unlocks: fn(&str, &str) -> String,
    /// A step's points: (points).
    pub(crate) plus_points: fn(&str) -> String,
    /// Usage growth's gate as a step: (ACR needed over 12 months, now).
    pub(crate) ttm_gate: fn(&str, &str) -> String,
    /// Nothing a year before to grow from: (the month).
    pub(crate) no_year_before: fn(&str) -> String,
    /// `Run info`: the track rule: (share, SMB segments, SMB path, other path).
    pub(crate) track_setting: fn(u32, &str, &str, &str) -> String,
    /// `Run info`: last month.
    pub(crate) last_month_setting: &'static str,
    /// `Run info`: excluded offers: (them).
    pub(crate) offers_setting: fn(&str) -> String,
    /// `Run info` names of those settings.
    pub(crate) track_name: &'static str,
    pub(crate) last_month_name: &'static str,
    pub(crate) offers_name: &'static str,
    pub(crate) cloud_name: &'static str,
    /// `Run info`: sovereign clouds.
    pub(crate) cloud_setting: &'static str,
}

fn plural(n: u64, one: &'static str, many: &'static str) -> &'static str {
    if n == 1 { one } else { many }
}

/// English.
pub(crate) const EN: AcrTexts = AcrTexts {
    money: |n| format!("${n}"),
    track_header: "Track and why",
    track_why: |track, smb, customers, month, smb_path, share| {
        format!(
            "{track}: {smb} of {customers} customers with ACR in {month} in an SMB segment ({smb_path} needs {share} %)"
        )
    },
    unknown_segments: |s| format!("segments the rules do not list, counted as not SMB: {s}"),
    acr_now_header: "ACR last month",
    acr_before_header: "ACR a year before",
    acr_ttm_header: "ACR over 12 months",
    steps_header: "Certified people by step",
    step_people: |step, n, of| format!("{step}: {n} of {of}"),
    facts_header: "What the downloads allow",
    services: |s| format!("services counted: {s}"),
    offers_excluded: |n| {
        format!(
            "offers excluded ({n} {} left out)",
            plural(n as u64, "row", "rows")
        )
    },
    offers_not_excluded: |offers| format!("no offer column: {offers} offers could not be left out"),
    no_service: |n| {
        format!(
            "{n} {} without Service Level 2 (CustomersAndTenants): deployments cannot be measured from {}",
            plural(n as u64, "row", "rows"),
            plural(n as u64, "it", "them")
        )
    },
    stale: |latest, month| format!("the downloads end in {latest}, before last month ({month})"),
    no_rows: "no Azure consumed revenue rows",
    growth_more: |more| format!("{more} more ACR next month for usage growth"),
    adds_more: |n, min| {
        format!(
            "{n} more {} with at least {min} of ACR in a month",
            plural(n, "customer", "customers")
        )
    },
    short_customer: |more, customer| format!("{more} more ACR at {customer} in a month"),
    services_more: |n, not| {
        format!(
            "{n} more Azure {} with ACR (not {not})",
            plural(n, "service", "services")
        )
    },
    cert_more: |n, label| match n {
        1 => format!("1 more {label}"),
        _ => format!("{n} more people with {label}"),
    },
    cert_more_any: |n, metric, step, first| {
        format!(
            "{n} more {} in {metric} {step} (such as {first})",
            plural(n, "person", "people")
        )
    },
    unlocks: |step, points| format!("unlocks {step}: +{points}"),
    plus_points: |p| match p {
        "1" => "+1 point".to_string(),
        _ => format!("+{p} points"),
    },
    ttm_gate: |min, ttm| {
        format!(
            "usage growth to score: at least {min} of ACR over the trailing 12 months (now {ttm})"
        )
    },
    no_year_before: |month| {
        format!("usage growth to score: ACR in {month}, the same month a year before (none)")
    },
    track_setting: |share, segments, smb, other| {
        format!(
            "{smb} when {share} % or more of last month's customers (tenants with eligible ACR) are in an SMB segment ({segments}); otherwise {other}"
        )
    },
    last_month_setting: "the last calendar month ended on or before the as-of date; the same month a year before",
    offers_setting: |offers| {
        format!(
            "{offers}: left out where a download has an offer or pricing-level column; AzureUsage has none, so from it they cannot be (the partner's Details say which)"
        )
    },
    track_name: "Track (set in the rules file)",
    last_month_name: "Last month",
    offers_name: "Excluded offers (set in the rules file)",
    cloud_name: "Sovereign clouds",
    cloud_setting: "not told apart: no download column gives a subscription's cloud (Azure China, US Government count as any other)",
};

/// German.
pub(crate) const DE: AcrTexts = AcrTexts {
    money: |n| format!("{n} $"),
    track_header: "Track und warum",
    track_why: |track, smb, customers, month, smb_path, share| {
        format!(
            "{track}: {smb} von {customers} Kunden mit ACR in {month} in einem KMU-Segment ({smb_path} braucht {share} %)"
        )
    },
    unknown_segments: |s| {
        format!("Segmente, die die Regeln nicht nennen, zählen nicht als KMU: {s}")
    },
    acr_now_header: "ACR letzter Monat",
    acr_before_header: "ACR ein Jahr davor",
    acr_ttm_header: "ACR in 12 Monaten",
    steps_header: "Zertifizierte Personen je Schritt",
    step_people: |step, n, of| format!("{step}: {n} von {of}"),
    facts_header: "Was die Downloads erlauben",
    services: |s| format!("gezählte Dienste: {s}"),
    offers_excluded: |n| {
        format!(
            "Angebote ausgeschlossen ({n} {} nicht gezählt)",
            plural(n as u64, "Zeile", "Zeilen")
        )
    },
    offers_not_excluded: |offers| {
        format!("keine Angebotsspalte: {offers} konnten nicht ausgeschlossen werden")
    },
    no_service: |n| {
        format!(
            "{n} {} ohne Service Level 2 (CustomersAndTenants): Bereitstellungen sind daraus nicht messbar",
            plural(n as u64, "Zeile", "Zeilen")
        )
    },
    stale: |latest, month| format!("die Downloads enden {latest}, vor dem letzten Monat ({month})"),
    no_rows: "keine Zeilen mit Azure-Verbrauchsumsatz",
    growth_more: |more| format!("{more} mehr ACR im nächsten Monat für Nutzungswachstum"),
    adds_more: |n, min| {
        format!(
            "{n} {} mit mindestens {min} ACR in einem Monat",
            plural(n, "neuer Kunde", "neue Kunden")
        )
    },
    short_customer: |more, customer| format!("{more} mehr ACR bei {customer} in einem Monat"),
    services_more: |n, not| {
        format!(
            "{n} {} mit ACR (nicht {not})",
            plural(n, "weiterer Azure-Dienst", "weitere Azure-Dienste")
        )
    },
    cert_more: |n, label| match n {
        1 => format!("1 weitere Person mit {label}"),
        _ => format!("{n} weitere Personen mit {label}"),
    },
    cert_more_any: |n, metric, step, first| {
        format!(
            "{n} {} in {metric} {step} (etwa {first})",
            plural(n, "weitere Person", "weitere Personen")
        )
    },
    unlocks: |step, points| format!("schaltet {step} frei: +{points}"),
    plus_points: |p| match p {
        "1" => "+1 Punkt".to_string(),
        _ => format!("+{p} Punkte"),
    },
    ttm_gate: |min, ttm| {
        format!(
            "damit Nutzungswachstum zählt: mindestens {min} ACR in den letzten 12 Monaten (jetzt {ttm})"
        )
    },
    no_year_before: |month| {
        format!("damit Nutzungswachstum zählt: ACR in {month}, dem Vorjahresmonat (keiner)")
    },
    track_setting: |share, segments, smb, other| {
        format!(
            "{smb}, wenn {share} % oder mehr der Kunden des letzten Monats (Mandanten mit anrechenbarem ACR) in einem KMU-Segment sind ({segments}); sonst {other}"
        )
    },
    last_month_setting: "der letzte Kalendermonat, der am Stichtag oder davor endete; derselbe Monat ein Jahr davor",
    offers_setting: |offers| {
        format!(
            "{offers}: ausgeschlossen, wo ein Download eine Angebots- oder Preisstufenspalte hat; AzureUsage hat keine, dort geht es nicht (die Partnerdetails sagen, wo)"
        )
    },
    track_name: "Track (in der Regeldatei festgelegt)",
    last_month_name: "Letzter Monat",
    offers_name: "Ausgeschlossene Angebote (in der Regeldatei festgelegt)",
    cloud_name: "Souveräne Clouds",
    cloud_setting: "nicht unterschieden: keine Downloadspalte nennt die Cloud eines Abonnements (Azure China, US Government zählen wie jedes andere)",
};
