//! A Security rule set's tables as written (`[security_score]`,
//! `[[paths]]`, `[revenue]`, `[microsoft_365]`, `[[metrics]]` with their
//! `[[metrics.parts]]` or `[[metrics.steps]]`, `[[examples]]`) and their
//! validation, once, into a [`SecurityScheme`].
//!
//! The score shows as the points family's ([`Scoring`]). Each metric but
//! the skilling one is two parts: an Azure part measured here from
//! security ACR, and a Microsoft 365 part that is a metric of a second
//! points-family [`Scoring`] (`m365`), scored by the points family's tenant
//! machinery. The skilling metric is the ACR family's certification steps.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::families::acr::rules::{
    AcrFile, AcrRulesError, ExampleEntry, StepEntry, check_examples, setting,
};
use crate::families::acr::steps::Step;
use crate::families::points::rules::{
    AssociationGroup, Measure, MetricDef, MetricWords, PathDef, Scoring, Target,
};
use crate::families::revenue::rules::{FigureError, amount, centi, figure};
use crate::model::{Amount, Association, Centi, CredentialId, fold};
use crate::rules::Rules;

type Result<T> = std::result::Result<T, AcrRulesError>;

/// A trailing-twelve-month ACR band a tenant must be in on a path.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Band {
    /// At least this much...
    pub(crate) min: Option<Amount>,
    /// ...more than this...
    pub(crate) above: Option<Amount>,
    /// ...and at most this much.
    pub(crate) max: Option<Amount>,
    /// A tenant in the band a year before that has grown past `max` stays.
    pub(crate) stays: bool,
}

impl Band {
    /// Whether a tenant with `ttm` over the trailing twelve months is in it.
    pub(crate) fn admits(&self, ttm: Amount) -> bool {
        self.min.is_none_or(|m| ttm >= m)
            && self.above.is_none_or(|a| ttm > a)
            && self.max.is_none_or(|m| ttm <= m)
    }

    /// Whether a tenant with `ttm` now counts, having had `before` a year
    /// before: in the band, or grown past it from inside it.
    pub(crate) fn counts_now(&self, ttm: Amount, before: Amount) -> bool {
        self.admits(ttm) || (self.stays && self.max.is_some_and(|m| ttm > m) && self.admits(before))
    }
}

/// What a metric's Azure part measures.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum AzureMeasure {
    /// Tenants with at least `ttm_min` of security ACR over the trailing
    /// twelve months, now less a year before.
    NetCustomers {
        /// The trailing twelve months' ACR a tenant needs.
        ttm_min: Amount,
    },
    /// Tenants in the path's band, now less a year before.
    NetTenants {
        /// Per path.
        bands: Vec<Band>,
    },
    /// The trailing twelve months' ACR of the tenants in the path's band,
    /// now less a year before (figured in cents).
    Growth {
        /// Per path.
        bands: Vec<Band>,
    },
}

/// One part of a metric: its points and its threshold per path.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Part<M> {
    /// What it measures.
    pub(crate) measure: M,
    /// Its most points.
    pub(crate) points: Centi,
    /// The figure that earns them, per path (cents for ACR growth).
    pub(crate) thresholds: Vec<u64>,
}

/// What a Security metric measures.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum SecurityMeasure {
    /// An Azure part and a Microsoft 365 part (a metric of
    /// [`SecurityScheme::m365`]), added and capped at the metric's points.
    Parts {
        /// The Azure part.
        azure: Option<Part<AzureMeasure>>,
        /// The Microsoft 365 part: its metric in `m365`.
        m365: Option<Part<usize>>,
    },
    /// Certified people by steps (the ACR family's).
    Steps(Vec<Step>),
}

/// Where a workload's seats come from, said in Run info.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum SeatsFrom {
    /// Partner Center's EMSUsage download (or a customer list).
    EmsUsage,
    /// A customer list only: no download documents them.
    CustomerList,
}

/// A validated Security rule set.
#[derive(Debug, Clone, PartialEq)]
pub struct SecurityScheme {
    /// The score's shape, as the points family shows it.
    pub(crate) scoring: Scoring,
    /// What each metric measures, in the metrics' order.
    pub(crate) measures: Vec<SecurityMeasure>,
    /// The Microsoft 365 parts as a points-family score of their own.
    pub(crate) m365: Scoring,
    /// The security services, as written and folded.
    pub(crate) services: Vec<String>,
    pub(crate) services_folded: Vec<String>,
    /// The service levels (1 to 4) a service name is looked for at.
    pub(crate) service_levels: Vec<usize>,
    /// Security ACR counts under these attributions.
    pub(crate) associations: Vec<Association>,
    /// Offers left out where a download has an offer column, as written...
    pub(crate) excluded_offers: Vec<String>,
    /// ...and folded.
    pub(crate) offers_folded: Vec<String>,
    /// Where each workload's seats come from.
    pub(crate) seats: Vec<(SeatsFrom, Vec<String>)>,
}

impl SecurityScheme {
    /// Whether an offer as written is one left out.
    pub(crate) fn offer_excluded(&self, offer: &str) -> bool {
        let f = fold(offer);
        self.offers_folded.iter().any(|o| f.contains(o.as_str()))
    }

    /// Whether a service name as written is a security service.
    pub(crate) fn security_service(&self, name: &str) -> bool {
        self.services_folded.contains(&fold(name))
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ScoreSection {
    qualifying_points: f64,
    #[serde(default)]
    metric_minimum: f64,
    tracks: String,
    window_months: u32,
    last_month: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PathEntry {
    id: String,
    name: String,
    #[serde(default)]
    de: Option<PathWords>,
    min_paid_licences: u64,
    #[serde(default)]
    max_paid_licences: Option<u64>,
    #[serde(default)]
    stays_eligible_when_outgrown: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PathWords {
    name: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RevenueSection {
    associations: Vec<Association>,
    services: Vec<String>,
    service_levels: Vec<usize>,
    #[serde(default)]
    excluded_offers: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SeatsEntry {
    from: SeatsFrom,
    workloads: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct M365Section {
    associations: Vec<Association>,
    #[serde(default)]
    seats: Vec<SeatsEntry>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct BandEntry {
    #[serde(default)]
    min_usd: Option<f64>,
    #[serde(default)]
    above_usd: Option<f64>,
    #[serde(default)]
    max_usd: Option<f64>,
    #[serde(default)]
    stays_when_outgrown: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PartEntry {
    id: String,
    measure: String,
    points: f64,
    threshold: BTreeMap<String, f64>,
    #[serde(default)]
    ttm_min_usd: Option<f64>,
    #[serde(default)]
    band: Option<BTreeMap<String, BandEntry>>,
    #[serde(default)]
    min_active_share: Option<f64>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct MetricEntry {
    id: String,
    name: String,
    unit: [String; 2],
    #[serde(default)]
    de: Option<MetricWords>,
    #[serde(default)]
    measure: Option<String>,
    points: f64,
    #[serde(default = "one")]
    step: u64,
    #[serde(default)]
    parts: Vec<PartEntry>,
    #[serde(default)]
    steps: Vec<StepEntry>,
}

fn one() -> u64 {
    1
}

/// The family's tables as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct SecurityFile {
    security_score: ScoreSection,
    paths: Vec<PathEntry>,
    revenue: RevenueSection,
    microsoft_365: M365Section,
    metrics: Vec<MetricEntry>,
    #[serde(default)]
    examples: Vec<ExampleEntry>,
}

/// The measure names a part may have.
const KNOWN_PARTS: &str = "acr-net-customers-ttm, acr-net-tenants-ttm, acr-growth-ttm, \
     m365-net-tenants, m365-net-deployments or m365-protected-users-growth";

impl SecurityFile {
    /// Validates the tables against the common part of the rules.
    pub(crate) fn validate(self, rules: &Rules) -> Result<SecurityScheme> {
        let s = &self.security_score;
        setting("[security_score] tracks", &s.tracks, "best")?;
        setting(
            "[security_score] last_month",
            &s.last_month,
            "last-complete-month",
        )?;
        let ids: Vec<&str> = self.paths.iter().map(|p| p.id.as_str()).collect();
        if ids.is_empty() {
            return Err(AcrRulesError::Paths(String::new()));
        }
        if let Some((_, twice)) = ids
            .iter()
            .enumerate()
            .find(|(i, id)| ids[..*i].contains(id))
        {
            return Err(AcrRulesError::Paths(twice.to_string()));
        }
        let per_path = |what: &dyn Fn() -> String, m: &BTreeMap<String, f64>| {
            if m.len() != ids.len() || ids.iter().any(|id| !m.contains_key(*id)) {
                return Err(AcrRulesError::PerPath { what: what() });
            }
            ids.iter()
                .map(|id| figure(what, m[*id]).map_err(AcrRulesError::from))
                .collect::<Result<Vec<f64>>>()
        };
        if let Some(bad) = self
            .revenue
            .service_levels
            .iter()
            .find(|l| !(1..=4).contains(*l))
        {
            return Err(AcrRulesError::Figure(FigureError {
                what: "[revenue] service_levels (1 to 4)".into(),
                value: *bad as f64,
            }));
        }
        for entry in &self.microsoft_365.seats {
            if let Some(w) = entry.workloads.iter().find(|w| rules.workload(w).is_none()) {
                return Err(AcrRulesError::Setting {
                    what: "[[microsoft_365.seats]] workloads",
                    value: w.clone(),
                    known: "a workload of [[workloads]]",
                });
            }
        }

        let paths: Vec<PathDef> = self
            .paths
            .iter()
            .map(|p| PathDef {
                id: p.id.clone(),
                name: p.name.clone(),
                name_de: p.de.as_ref().map(|d| d.name.clone()),
                min_paid: p.min_paid_licences,
                max_paid: p.max_paid_licences,
                groups: vec![0],
                stays_when_outgrown: p.stays_eligible_when_outgrown,
            })
            .collect();

        let mut metrics = Vec::new();
        let mut measures = Vec::new();
        let mut m365_metrics: Vec<MetricDef> = Vec::new();
        for m in &self.metrics {
            let what = |field: &str| format!("metric '{}' {field}", m.id);
            let points = centi(|| what("points"), m.points)?;
            let needs = |needs: &'static str| AcrRulesError::MetricNeeds {
                metric: m.id.clone(),
                measure: "metric parts",
                needs,
            };
            let def =
                |measure: Measure, shown: Vec<u64>, credentials: Vec<CredentialId>| MetricDef {
                    id: m.id.clone(),
                    words: MetricWords {
                        name: m.name.clone(),
                        unit: m.unit.clone(),
                    },
                    words_de: m.de.clone(),
                    measure,
                    points,
                    targets: shown.into_iter().map(Target::Count).collect(),
                    credentials,
                    min_active_share: None,
                    from_association: false,
                    step: m.step.max(1),
                };
            if m.measure.as_deref() == Some("certification-steps") {
                let steps =
                    AcrFile::validate_steps(rules, &m.id, &m.steps, &per_path, points, &ids)?;
                if steps.is_empty() {
                    return Err(needs("[[metrics.steps]]"));
                }
                // Shown as the places its steps have for people on a path,
                // as the ACR family shows its steps: "5 of 6".
                let shown = (0..ids.len())
                    .map(|p| steps.iter().map(|s| s.people[p]).sum::<u64>())
                    .collect();
                let mut credentials: Vec<CredentialId> = Vec::new();
                for c in steps.iter().flat_map(|s| &s.credentials) {
                    if !credentials.contains(c) {
                        credentials.push(c.clone());
                    }
                }
                metrics.push(def(Measure::CertifiedPeople, shown, credentials));
                measures.push(SecurityMeasure::Steps(steps));
                continue;
            }
            if let Some(other) = &m.measure {
                return Err(AcrRulesError::Setting {
                    what: "a metric's measure",
                    value: other.clone(),
                    known: "certification-steps (or none, with [[metrics.parts]])",
                });
            }
            let (mut azure, mut m365) = (None, None);
            let mut shown_as = None;
            for part in &m.parts {
                let what = |field: &str| format!("metric '{}' part '{}' {field}", m.id, part.id);
                let part_points = centi(|| what("points"), part.points)?;
                let thresholds: Vec<u64> = per_path(&|| what("threshold"), &part.threshold)?
                    .into_iter()
                    .map(|t| t.round() as u64)
                    .collect();
                let bands = || -> Result<Vec<Band>> {
                    let bands = part.band.as_ref().ok_or_else(|| needs("band"))?;
                    if bands.len() != ids.len() || ids.iter().any(|id| !bands.contains_key(*id)) {
                        return Err(AcrRulesError::PerPath { what: what("band") });
                    }
                    ids.iter()
                        .map(|id| {
                            let b = &bands[*id];
                            let usd =
                                |v: Option<f64>| v.map(|v| amount(|| what("band"), v)).transpose();
                            Ok(Band {
                                min: usd(b.min_usd)?,
                                above: usd(b.above_usd)?,
                                max: usd(b.max_usd)?,
                                stays: b.stays_when_outgrown,
                            })
                        })
                        .collect()
                };
                let azure_part = |measure| Part {
                    measure,
                    points: part_points,
                    thresholds: thresholds.clone(),
                };
                match part.measure.as_str() {
                    "acr-net-customers-ttm" => {
                        let min = part.ttm_min_usd.ok_or_else(|| needs("ttm_min_usd"))?;
                        let ttm_min = amount(|| what("ttm_min_usd"), min)?;
                        azure = Some(azure_part(AzureMeasure::NetCustomers { ttm_min }));
                        shown_as.get_or_insert((Measure::NetCustomerAdds, thresholds.clone()));
                    }
                    "acr-net-tenants-ttm" => {
                        azure = Some(azure_part(AzureMeasure::NetTenants { bands: bands()? }));
                        shown_as.get_or_insert((Measure::NetNewDeployments, thresholds.clone()));
                    }
                    "acr-growth-ttm" => {
                        let mut p = azure_part(AzureMeasure::Growth { bands: bands()? });
                        // Kept in cents, as the growth is figured.
                        p.thresholds.iter_mut().for_each(|t| *t *= 100);
                        azure = Some(p);
                        // Shown in points of growth (hundredths).
                        let most = u64::from(points);
                        shown_as.get_or_insert((Measure::UsageGrowth, vec![most; ids.len()]));
                    }
                    "m365-net-tenants" | "m365-net-deployments" | "m365-protected-users-growth" => {
                        let measure = match part.measure.as_str() {
                            "m365-net-tenants" => Measure::NetCustomerAdds,
                            "m365-net-deployments" => Measure::NetNewDeployments,
                            _ => Measure::UsageGrowth,
                        };
                        let share = part
                            .min_active_share
                            .map(|s| figure(|| what("min_active_share"), s))
                            .transpose()?;
                        if measure == Measure::NetNewDeployments && share.is_none() {
                            return Err(needs("min_active_share"));
                        }
                        m365 = Some(Part {
                            measure: m365_metrics.len(),
                            points: part_points,
                            thresholds: thresholds.clone(),
                        });
                        let mut d = def(measure, thresholds.clone(), Vec::new());
                        d.points = part_points;
                        d.min_active_share = share;
                        m365_metrics.push(d);
                    }
                    other => {
                        return Err(AcrRulesError::Setting {
                            what: "a metric part's measure",
                            value: other.to_string(),
                            known: KNOWN_PARTS,
                        });
                    }
                }
            }
            let (measure, shown) = shown_as
                .or_else(|| {
                    let p = m365.as_ref()?;
                    Some((m365_metrics[p.measure].measure, p.thresholds.clone()))
                })
                .ok_or_else(|| needs("[[metrics.parts]]"))?;
            metrics.push(def(measure, shown, Vec::new()));
            measures.push(SecurityMeasure::Parts { azure, m365 });
        }
        let scoring = Scoring {
            qualifying: centi(
                || "[security_score] qualifying_points".into(),
                s.qualifying_points,
            )?,
            metric_minimum: centi(
                || "[security_score] metric_minimum".into(),
                s.metric_minimum,
            )?,
            window_months: s.window_months,
            paths: paths.clone(),
            metrics,
            association_groups: Vec::new(),
            examples: Vec::new(),
        };
        check_examples(&self.examples, &scoring, &|m| match &measures[m] {
            SecurityMeasure::Steps(steps) => Some(steps.as_slice()),
            SecurityMeasure::Parts { .. } => None,
        })?;
        let m365 = Scoring {
            qualifying: 0,
            metric_minimum: 0,
            window_months: s.window_months,
            paths,
            metrics: m365_metrics,
            association_groups: vec![AssociationGroup {
                name: "Microsoft 365".into(),
                associations: self.microsoft_365.associations,
            }],
            examples: Vec::new(),
        };
        Ok(SecurityScheme {
            scoring,
            measures,
            m365,
            services_folded: self.revenue.services.iter().map(|s| fold(s)).collect(),
            services: self.revenue.services,
            service_levels: self.revenue.service_levels,
            associations: self.revenue.associations,
            offers_folded: self
                .revenue
                .excluded_offers
                .iter()
                .map(|o| fold(o))
                .collect(),
            excluded_offers: self.revenue.excluded_offers,
            seats: self
                .microsoft_365
                .seats
                .into_iter()
                .map(|e| (e.from, e.workloads))
                .collect(),
        })
    }
}
