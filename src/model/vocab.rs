//! The closed vocabularies the programme itself defines: levels, markets,
//! association types, SKU types; each parsed once from English or German.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::fold;

/// A competency level, ordered from none to gold.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Default,
)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// Neither silver nor gold (or, for a designation, not qualified).
    #[default]
    None,
    /// A points-scored designation attained (a Solutions Partner): the one
    /// level of a rule set scored in points rather than by thresholds.
    Qualified,
    /// Silver.
    Silver,
    /// Gold.
    Gold,
}

impl Level {
    /// The levels that can be attained, lowest first.
    pub(crate) const ATTAINABLE: [Level; 2] = [Level::Silver, Level::Gold];

    /// The level above this one, if any.
    pub(crate) fn next(self) -> Option<Level> {
        match self {
            Level::None => Some(Level::Silver),
            Level::Qualified => None,
            Level::Silver => Some(Level::Gold),
            Level::Gold => None,
        }
    }

    /// The lowercase name used in JSON and rules files.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Level::None => "none",
            Level::Qualified => "qualified",
            Level::Silver => "silver",
            Level::Gold => "gold",
        }
    }
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Level::None => "None",
            Level::Qualified => "Qualified",
            Level::Silver => "Silver",
            Level::Gold => "Gold",
        })
    }
}

/// Partner Center's market classification, which sets the Silver threshold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Market {
    /// Developed markets (Industrieländer).
    Mature,
    /// Developing markets (Entwicklungsländer).
    Emerging,
}

impl Market {
    /// Parses an English or German market value.
    pub(crate) fn parse(raw: &str) -> Option<Market> {
        match fold(raw).as_str() {
            "mature" | "developed" | "maturemarket" | "developedmarket" | "developedmarkets"
            | "maturemarkets" | "industrieland" | "industrielaender" | "industriestaat" => {
                Some(Market::Mature)
            }
            "emerging"
            | "developing"
            | "emergingmarket"
            | "developingmarket"
            | "emergingmarkets"
            | "developingmarkets"
            | "entwicklungsland"
            | "entwicklungslaender"
            | "schwellenland"
            | "schwellenlaender" => Some(Market::Emerging),
            _ => None,
        }
    }

    /// The lowercase name used in JSON and rules files.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Market::Mature => "mature",
            Market::Emerging => "emerging",
        }
    }
}

impl fmt::Display for Market {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Market::Mature => "Mature",
            Market::Emerging => "Emerging",
        })
    }
}

/// How a partner is associated to a customer tenant in Partner Center.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Association {
    /// Delegated Administrator (DAP).
    DelegatedAdministrator,
    /// Transacting Partner (the partner sells the licences).
    TransactingPartner,
    /// Digital Partner of Record (DPOR).
    DigitalPartnerOfRecord,
    /// Fast Track Partner.
    FastTrackPartner,
    /// Claiming Partner of Record (CPOR): the partner claimed the customer's
    /// workloads for the services it delivers.
    ClaimingPartnerOfRecord,
    /// CSP Tier 1 (direct bill): the transacting partner in the Cloud
    /// Solution Provider programme, buying from Microsoft.
    #[serde(rename = "csp-tier-1")]
    CspTier1,
    /// CSP Tier 2 (indirect reseller): the transacting partner in the Cloud
    /// Solution Provider programme, buying through an indirect provider.
    #[serde(rename = "csp-tier-2")]
    CspTier2,
    /// Partner Admin Link (PAL): the partner's id linked to the credentials
    /// that run a customer's Azure or Power Platform resources.
    PartnerAdminLink,
    /// A Claiming Partner of Record claim recognised as revenue (Partner
    /// Center's `CPOR RevRec`); Business Applications' net customer adds
    /// count it.
    #[serde(rename = "cpor-revrec")]
    CporRevRec,
    /// A CPOR claim under the Online Services Advisor incentive (`CPOR OSA`).
    #[serde(rename = "cpor-osa")]
    CporOsa,
    /// A CPOR claim recognised as revenue for performance (`CPOR RevRec
    /// Performance`).
    #[serde(rename = "cpor-revrec-performance")]
    CporRevRecPerformance,
    /// A CPOR claim under the Online Services Usage incentive (`CPOR OSU`);
    /// Business Applications' customer success counts it.
    #[serde(rename = "cpor-osu")]
    CporOsu,
    /// Explicitly not associated.
    None,
}

impl Association {
    /// Parses an English or German association value; blank means none.
    /// A name with its abbreviation in brackets ("Partner Admin Link
    /// (PAL)") is read by either.
    pub(crate) fn parse(raw: &str) -> Option<Association> {
        Association::parse_folded(&fold(raw)).or_else(|| {
            let (name, rest) = raw.split_once('(')?;
            let (short, _) = rest.split_once(')')?;
            Association::parse_folded(&fold(name))
                .filter(|a| *a != Association::None)
                .or_else(|| Association::parse_folded(&fold(short)))
        })
    }

    fn parse_folded(folded: &str) -> Option<Association> {
        match folded {
            "dap"
            | "delegatedadministrator"
            | "delegatedadmin"
            | "delegatedadministratorpartner"
            | "office365delegatedadministrator"
            | "delegatedadminprivileges"
            | "delegierteradministrator" => Some(Association::DelegatedAdministrator),
            "transactingpartner"
            | "transacting"
            | "tp"
            | "transaktionspartner"
            | "abrechnenderpartner" => Some(Association::TransactingPartner),
            // Microsoft's Modern Work page also says "Direct Partner of
            // Record" for DPOR once.
            "dpor"
            | "digitalpartnerofrecord"
            | "directpartnerofrecord"
            | "partnerofrecord"
            | "por"
            | "digitalerpartnerofrecord" => Some(Association::DigitalPartnerOfRecord),
            "fasttrackpartner" | "fasttrack" | "ftp" | "fasttrackpartnerin" => {
                Some(Association::FastTrackPartner)
            }
            "cpor" | "claimingpartnerofrecord" | "claimingpartner" | "beanspruchenderpartner" => {
                Some(Association::ClaimingPartnerOfRecord)
            }
            // Partner Center names the CSP roles "direct bill partner",
            // "indirect reseller" and "indirect provider"; the Modern Work
            // page calls them CSP Tier 1 and Tier 2.
            "csptier1"
            | "cspt1"
            | "csp1"
            | "tier1"
            | "directbill"
            | "directbillpartner"
            | "cspdirectbill"
            | "cspdirectbillpartner"
            | "cspdirect"
            | "cspstufe1" => Some(Association::CspTier1),
            "csptier2"
            | "cspt2"
            | "csp2"
            | "tier2"
            | "indirectreseller"
            | "cspindirectreseller"
            | "indirectprovider"
            | "cspindirectprovider"
            | "cspindirect"
            | "cspstufe2" => Some(Association::CspTier2),
            // Partner Center's Business Applications downloads: "Partner
            // association type, for example, CSP T1, DPOR, PAL" (Insights data
            // definitions), and the CPOR claim types the designation's page
            // names one by one.
            "pal" | "partneradminlink" | "partneradministratorlink" => {
                Some(Association::PartnerAdminLink)
            }
            "cporrevrec" | "cporrevenuerecognition" => Some(Association::CporRevRec),
            "cporosa" => Some(Association::CporOsa),
            "cporrevrecperformance" | "cporrevenuerecognitionperformance" => {
                Some(Association::CporRevRecPerformance)
            }
            "cporosu" => Some(Association::CporOsu),
            "" | "none" | "keine" | "kein" | "no" | "nein" | "notassociated" | "-" => {
                Some(Association::None)
            }
            _ => None,
        }
    }

    /// The name shown in reports.
    pub(crate) fn label(self) -> &'static str {
        match self {
            Association::DelegatedAdministrator => "Delegated Administrator",
            Association::TransactingPartner => "Transacting Partner",
            Association::DigitalPartnerOfRecord => "Digital Partner of Record",
            Association::FastTrackPartner => "Fast Track Partner",
            Association::ClaimingPartnerOfRecord => "Claiming Partner of Record",
            Association::CspTier1 => "CSP Tier 1",
            Association::CspTier2 => "CSP Tier 2",
            Association::PartnerAdminLink => "Partner Admin Link",
            Association::CporRevRec => "CPOR RevRec",
            Association::CporOsa => "CPOR OSA",
            Association::CporRevRecPerformance => "CPOR RevRec Performance",
            Association::CporOsu => "CPOR OSU",
            Association::None => "None",
        }
    }
}

/// Where a customer row's association comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub enum AssociationSource {
    /// The sheet's Association column.
    #[default]
    Column,
    /// The sheet has no Association column but Partner Center's `channel`
    /// column: it is the partner's own CSP customer list, so every row is
    /// the partner's as Transacting Partner.
    Channel,
}

/// Whether a subscription is paid, a trial, or free.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Sku {
    /// A paid subscription (also what a blank SKU cell means).
    Paid,
    /// A trial: never counts.
    Trial,
    /// A free offer.
    Free,
}

impl Sku {
    /// Parses an English or German SKU type; blank means paid.
    pub(crate) fn parse(raw: &str) -> Option<Sku> {
        match fold(raw).as_str() {
            "" | "paid" | "purchased" | "kostenpflichtig" | "bezahlt" | "gekauft" | "full"
            | "commercial" | "paidsku" => Some(Sku::Paid),
            "trial" | "testversion" | "test" | "evaluation" | "testabonnement" | "trialsku" => {
                Some(Sku::Trial)
            }
            "free" | "kostenlos" | "gratis" | "freesku" => Some(Sku::Free),
            _ => None,
        }
    }

    /// The name shown in reports.
    pub(crate) fn label(self) -> &'static str {
        match self {
            Sku::Paid => "Paid",
            Sku::Trial => "Trial",
            Sku::Free => "Free",
        }
    }
}
