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
    /// Partner Admin Link (PAL): the partner linked its partner id to the
    /// credentials it manages a customer's Azure resources with; Azure
    /// consumed revenue and Security's Azure part count it.
    PartnerAdminLink,
    /// Explicitly not associated.
    None,
}

impl Association {
    /// Parses an English or German association value; blank means none.
    pub(crate) fn parse(raw: &str) -> Option<Association> {
        match fold(raw).as_str() {
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
            | "csp1"
            | "tier1"
            | "directbill"
            | "directbillpartner"
            | "cspdirectbill"
            | "cspdirectbillpartner"
            | "cspdirect"
            | "cspstufe1" => Some(Association::CspTier1),
            "csptier2"
            | "csp2"
            | "tier2"
            | "indirectreseller"
            | "cspindirectreseller"
            | "indirectprovider"
            | "cspindirectprovider"
            | "cspindirect"
            | "cspstufe2" => Some(Association::CspTier2),
            // Azure's attribution types, as the AzureUsage download and the
            // Azure pages write them.
            "pal" | "partneradminlink" | "partneradminlinkpal" | "partneradministratorlink" => {
                Some(Association::PartnerAdminLink)
            }
            "csp" | "cloudsolutionprovider" | "cloudsolutionprovidercsp" => {
                Some(Association::TransactingPartner)
            }
            "digitalpartnerofrecorddpor" => Some(Association::DigitalPartnerOfRecord),
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
