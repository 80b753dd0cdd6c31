//! The words of Solutions Partner for Security (the security family), one
//! table per language beside the ACR family's, whose words (money, steps,
//! offers, last month) it shares. Metric, path and credential names come
//! from the rules file; these are the words around them, in Security's own
//! units: security ACR over trailing twelve months, Microsoft 365 customer
//! tenants and protected users.

/// The words of the security family in one language.
#[derive(Debug)]
pub(crate) struct SecurityTexts {
    /// `Partner Details`: the Azure part of each metric.
    pub(crate) azure_header: &'static str,
    /// `Partner Details`: the Microsoft 365 part of each metric.
    pub(crate) m365_header: &'static str,
    /// One part of one metric: (metric, figure, points).
    pub(crate) part: fn(&str, &str, &str) -> String,
    /// `Partner Details`: security ACR over the trailing twelve months to
    /// last month, and to the same month a year before.
    pub(crate) ttm_now_header: &'static str,
    pub(crate) ttm_before_header: &'static str,
    /// Usage growth's figure: (points of growth, of).
    pub(crate) growth_figure: fn(&str, &str) -> String,
    /// No Microsoft 365 rows.
    pub(crate) no_m365: &'static str,
    /// A band of ACR: (from, to).
    pub(crate) band_between: fn(&str, &str) -> String,
    /// A band of ACR or licences without a top: (more than).
    pub(crate) band_above: fn(&str) -> String,
    /// A route step: customers with security ACR: (how many, ACR each).
    pub(crate) azure_adds_more: fn(u64, &str) -> String,
    /// A route step: Microsoft 365 customers: (how many, paid licences).
    pub(crate) m365_adds_more: fn(u64, &str) -> String,
    /// A route step: Azure deployments: (how many, the band).
    pub(crate) azure_deploy_more: fn(u64, &str) -> String,
    /// A route step: Microsoft 365 deployments: (how many, active share).
    pub(crate) m365_deploy_more: fn(u64, &str) -> String,
    /// A route step: security ACR growth: (dollars).
    pub(crate) azure_growth_more: fn(&str) -> String,
    /// A route step: protected users: (how many).
    pub(crate) m365_growth_more: fn(u64) -> String,
    /// `Run info` names and settings: the security services (them, the
    /// service levels).
    pub(crate) services_name: &'static str,
    pub(crate) services_setting: fn(&str, &str) -> String,
    /// The paths (no segment track: both scored).
    pub(crate) paths_name: &'static str,
    pub(crate) paths_setting: &'static str,
    /// Where seats come from: (the workloads).
    pub(crate) seats_name: &'static str,
    pub(crate) seats_ems: fn(&str) -> String,
    pub(crate) seats_list: fn(&str) -> String,
    /// The attributions each part counts: (Azure's, Microsoft 365's).
    pub(crate) associations_name: &'static str,
    pub(crate) associations_setting: fn(&str, &str) -> String,
    /// `Partner Details`: a tenant's security ACR: (tenant, now, before).
    pub(crate) tenant_ttm: fn(&str, &str, &str) -> String,
    /// `Partner Details`: a tenant's seats now: (tenant, active, paid).
    pub(crate) tenant_seats: fn(&str, &str, &str) -> String,
}

fn plural(n: u64, one: &'static str, many: &'static str) -> &'static str {
    if n == 1 { one } else { many }
}

/// English.
pub(crate) const EN: SecurityTexts = SecurityTexts {
    azure_header: "Azure part (security ACR)",
    m365_header: "Microsoft 365 part",
    part: |metric, figure, points| format!("{metric}: {figure} ({points} points)"),
    ttm_now_header: "Security ACR, 12 months",
    ttm_before_header: "Security ACR, 12 months a year before",
    growth_figure: |points, of| format!("{points} of {of} points of growth"),
    no_m365: "no Microsoft 365 seats counted",
    band_between: |from, to| format!("{from} to {to}"),
    band_above: |above| format!("more than {above}"),
    azure_adds_more: |n, min| {
        format!(
            "{n} more {} with {min} of security ACR over 12 months",
            plural(n, "customer", "customers")
        )
    },
    m365_adds_more: |n, band| {
        format!(
            "{n} more Microsoft 365 {} with {band} paid licences of a security workload",
            plural(n, "customer", "customers")
        )
    },
    azure_deploy_more: |n, band| {
        format!(
            "{n} more Azure {} ({band} of security ACR over 12 months)",
            plural(n, "deployment", "deployments")
        )
    },
    m365_deploy_more: |n, share| {
        format!(
            "{n} more Microsoft 365 {} ({share} % of paid licences active)",
            plural(n, "deployment", "deployments")
        )
    },
    azure_growth_more: |dollars| format!("{dollars} more security ACR over 12 months"),
    m365_growth_more: |n| format!("{n} more protected {}", plural(n, "user", "users")),
    services_name: "Security services (set in the rules file)",
    services_setting: |services, levels| {
        format!("a row counts when its Service Level {levels} is one of: {services}")
    },
    paths_name: "Paths",
    paths_setting: "both scored, the better counts; no segment track: an Azure tenant is placed by its own security ACR over 12 months, a Microsoft 365 tenant by its paid licences",
    seats_name: "Microsoft 365 seats (set in the rules file)",
    seats_ems: |w| format!("{w}: Partner Center's EMSUsage download or a customer list"),
    seats_list: |w| {
        format!("{w}: a customer list only (no Partner Center download documents their seats)")
    },
    associations_name: "Attributions (set in the rules file)",
    associations_setting: |azure, m365| format!("Azure: {azure}; Microsoft 365: {m365}"),
    tenant_ttm: |tenant, now, before| format!("{tenant} {now} (a year before {before})"),
    tenant_seats: |tenant, active, paid| format!("{tenant} {active} active of {paid} paid"),
};

/// German.
pub(crate) const DE: SecurityTexts = SecurityTexts {
    azure_header: "Azure-Teil (Security-ACR)",
    m365_header: "Microsoft-365-Teil",
    part: |metric, figure, points| format!("{metric}: {figure} ({points} Punkte)"),
    ttm_now_header: "Security-ACR, 12 Monate",
    ttm_before_header: "Security-ACR, 12 Monate ein Jahr davor",
    growth_figure: |points, of| format!("{points} von {of} Punkten Wachstum"),
    no_m365: "keine Microsoft-365-Lizenzen gezählt",
    band_between: |from, to| format!("{from} bis {to}"),
    band_above: |above| format!("mehr als {above}"),
    azure_adds_more: |n, min| {
        format!(
            "{n} {} mit {min} Security-ACR über 12 Monate",
            plural(n, "weiterer Kunde", "weitere Kunden")
        )
    },
    m365_adds_more: |n, band| {
        format!(
            "{n} {} mit {band} bezahlten Lizenzen einer Security-Workload",
            plural(
                n,
                "weiterer Microsoft-365-Kunde",
                "weitere Microsoft-365-Kunden"
            )
        )
    },
    azure_deploy_more: |n, band| {
        format!(
            "{n} {} ({band} Security-ACR über 12 Monate)",
            plural(
                n,
                "weitere Azure-Bereitstellung",
                "weitere Azure-Bereitstellungen"
            )
        )
    },
    m365_deploy_more: |n, share| {
        format!(
            "{n} {} ({share} % der bezahlten Lizenzen aktiv)",
            plural(
                n,
                "weitere Microsoft-365-Bereitstellung",
                "weitere Microsoft-365-Bereitstellungen"
            )
        )
    },
    azure_growth_more: |dollars| format!("{dollars} mehr Security-ACR über 12 Monate"),
    m365_growth_more: |n| {
        format!(
            "{n} {}",
            plural(
                n,
                "weiterer geschützter Benutzer",
                "weitere geschützte Benutzer"
            )
        )
    },
    services_name: "Security-Dienste (in der Regeldatei festgelegt)",
    services_setting: |services, levels| {
        format!("eine Zeile zählt, wenn ihr Service Level {levels} einer davon ist: {services}")
    },
    paths_name: "Pfade",
    paths_setting: "beide bewertet, der bessere zählt; kein Segment-Track: ein Azure-Mandant zählt nach seinem eigenen Security-ACR über 12 Monate, ein Microsoft-365-Mandant nach seinen bezahlten Lizenzen",
    seats_name: "Microsoft-365-Lizenzen (in der Regeldatei festgelegt)",
    seats_ems: |w| format!("{w}: Partner Centers EMSUsage-Download oder eine Kundenliste"),
    seats_list: |w| {
        format!("{w}: nur eine Kundenliste (kein Partner-Center-Download nennt diese Lizenzen)")
    },
    associations_name: "Zuordnungen (in der Regeldatei festgelegt)",
    associations_setting: |azure, m365| format!("Azure: {azure}; Microsoft 365: {m365}"),
    tenant_ttm: |tenant, now, before| format!("{tenant} {now} (ein Jahr davor {before})"),
    tenant_seats: |tenant, active, paid| format!("{tenant} {active} aktiv von {paid} bezahlt"),
};
