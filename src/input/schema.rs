//! The kinds of sheet the tool reads, the columns each has, and the header
//! names (English and German, and Partner Center's) each column is known by.
//! The monthly downloads' columns are in rooms of their own: Azure consumed
//! revenue in [`azure`], the Business Applications downloads in
//! [`business_apps`].
//!
//! A sheet is classified by the headers it has, never by its file or sheet
//! name: the first row (within the first few) that holds every required
//! header of a kind is the header row.

use crate::model::fold;

mod azure;
mod business_apps;
mod columns;
mod field;
#[cfg(test)]
mod tests;

use columns::{CUSTOMER_COLUMNS, PARTNER_COLUMNS, TRANSCRIPT_COLUMNS, WIDE_SIGNS};
pub(crate) use field::Field;

/// What a sheet holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum SheetKind {
    /// One row per partner, customer tenant and workload.
    Customers,
    /// One row per person and exam or certification.
    Transcripts,
    /// The optional master list of partners.
    Partners,
    /// Azure consumed revenue: one row per partner, customer tenant, month
    /// and service (Partner Center's `AzureUsage` download), or per tenant,
    /// month and product (its `CustomersAndTenants` download). A download
    /// holds many months: each row is its month's figure, not a snapshot.
    AzureConsumption,
    /// Partner Center's Business Applications revenue download: revenue
    /// per month, tenant, subscription and workload.
    BusinessAppsRevenue,
    /// Partner Center's Business Applications usage download: active users
    /// and capacity per month, tenant and workload.
    BusinessAppsUsage,
}

impl SheetKind {
    /// Every kind, in the order a tie between them is decided.
    pub(crate) const ALL: [SheetKind; 6] = [
        SheetKind::Customers,
        SheetKind::Transcripts,
        SheetKind::Partners,
        SheetKind::AzureConsumption,
        SheetKind::BusinessAppsRevenue,
        SheetKind::BusinessAppsUsage,
    ];

    /// The kinds people fill in, which `template` writes blank workbooks
    /// for; the others are Partner Center's downloads, used as they come.
    pub(crate) const FILLED_IN: [SheetKind; 3] = [
        SheetKind::Customers,
        SheetKind::Transcripts,
        SheetKind::Partners,
    ];

    /// The kind's name in reports.
    pub(crate) fn label(self) -> &'static str {
        match self {
            SheetKind::Customers => "Customers",
            SheetKind::Transcripts => "Transcripts",
            SheetKind::Partners => "Partners",
            SheetKind::AzureConsumption => "Azure consumption",
            SheetKind::BusinessAppsRevenue => "Business Applications revenue",
            SheetKind::BusinessAppsUsage => "Business Applications usage",
        }
    }

    /// The columns this kind of sheet may have.
    pub(crate) fn columns(self) -> &'static [Column] {
        match self {
            SheetKind::Customers => CUSTOMER_COLUMNS,
            SheetKind::Transcripts => TRANSCRIPT_COLUMNS,
            SheetKind::Partners => PARTNER_COLUMNS,
            SheetKind::AzureConsumption => azure::ACR_COLUMNS,
            SheetKind::BusinessAppsRevenue => business_apps::REVENUE_COLUMNS,
            SheetKind::BusinessAppsUsage => business_apps::USAGE_COLUMNS,
        }
    }

    /// A column's name in messages: its first header spelling (the
    /// template's header, or the name Partner Center gives it).
    pub(crate) fn column_name(self, field: Field) -> &'static str {
        self.columns()
            .iter()
            .find(|c| c.field == field)
            .and_then(|c| c.aliases.first().copied())
            .unwrap_or(field.header())
    }
}

/// A workload that Partner Center's `EMSUsage` download gives columns of
/// its own (paid units and monthly active users) on every row, instead of
/// a row with a workload name: each becomes a customer row of its own.
#[derive(Debug, Clone, Copy)]
pub(crate) struct WideWorkload {
    /// The workload as the rules files spell it (matched against their
    /// aliases like any workload cell).
    pub(crate) workload: &'static str,
    /// Its paid units column.
    pub(crate) paid: Field,
    /// Its monthly active users column.
    pub(crate) active: Field,
}

/// The `EMSUsage` download's workloads, in the order their rows are made
/// (the data definitions: `IntunePaidAvailableUnits`,
/// `IntuneMonthlyActiveUsers`, `AADPPaidAvailableUnits`,
/// `AADPMonthlyActiveUsers`, `AzipPaidAvailableUnits`,
/// `AzipMonthlyActiveUsers`). AADP is Azure Active Directory Premium, now
/// Microsoft Entra ID; Azip is Azure Information Protection, now Microsoft
/// Purview Information Protection.
pub(crate) const WIDE_WORKLOADS: &[WideWorkload] = &[
    WideWorkload {
        workload: "Intune",
        paid: Field::IntunePaid,
        active: Field::IntuneActive,
    },
    WideWorkload {
        workload: "AADP",
        paid: Field::EntraPaid,
        active: Field::EntraActive,
    },
    WideWorkload {
        workload: "AIP",
        paid: Field::InformationProtectionPaid,
        active: Field::InformationProtectionActive,
    },
];

/// Which download (or other export) a customer sheet is, told by its
/// columns. A partner's current state is the latest snapshot of each
/// download on or before the as-of date; snapshots of one download replace
/// each other, those of two downloads never do (`OfficeUsage` of September
/// and `EMSUsage` of August are both current).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub enum Download {
    /// Any other customer list: a workbook shaped like the template, a
    /// distributor's export.
    #[default]
    CustomerList,
    /// The Insights `OfficeUsage` download (Office 365 license usage:
    /// `WorkloadName`, `PaidAvailableUnits`, `MonthlyActiveUsers`, `Month`).
    OfficeUsage,
    /// The Insights `EMSUsage` download (Enterprise Mobility license usage:
    /// a column pair per workload).
    EmsUsage,
    /// The Insights CPOR Microsoft 365 usage download (`ClaimId`,
    /// `DateAssociated`, `Date`).
    CporUsage,
    /// The analytics API's license usage (`licensesActive`,
    /// `licensesQualified`, `processedDateTime`).
    LicenseUsage,
}

/// How each download is told from the others: a column it has, under the
/// header Partner Center gives it (`None`: under any of the column's
/// names). The first entry a sheet matches decides; a sheet matching none
/// is a [`Download::CustomerList`].
const DOWNLOAD_SIGNS: &[(Download, Field, Option<&str>)] = &[
    (Download::CporUsage, Field::ClaimId, None),
    (
        Download::CporUsage,
        Field::AssociatedOn,
        Some("DateAssociated"),
    ),
    (Download::EmsUsage, Field::IntunePaid, None),
    (Download::EmsUsage, Field::EntraPaid, None),
    (
        Download::OfficeUsage,
        Field::QualifiedLicences,
        Some("PaidAvailableUnits"),
    ),
    (
        Download::LicenseUsage,
        Field::ActiveUsers,
        Some("licensesActive"),
    ),
];

/// Whether a sheet needs a column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Need {
    /// The sheet is read without it.
    Optional,
    /// The sheet is unusable without it.
    Required,
    /// Required, unless the sheet has one of these other columns instead
    /// (an Association column, or Partner Center's `channel`; a Workload
    /// column, or the `EMSUsage` download's columns per workload).
    RequiredUnless(&'static [Field]),
    /// The partner id: a sheet without the column is still classified, and
    /// its partner is found from `--partner-id`, its folder or its file name.
    Attributable,
}

/// A column of a sheet kind: the field, whether it must be there, and the
/// header spellings that name it.
#[derive(Debug)]
pub(crate) struct Column {
    /// What the column holds.
    pub(crate) field: Field,
    /// Whether a sheet of this kind needs it.
    pub(crate) need: Need,
    /// Header spellings (compared folded: case, spaces, punctuation ignored),
    /// in order of preference: when a sheet has two of them, the earlier wins
    /// (Partner Center's `workloadCode` over its `workloadName`).
    pub(crate) aliases: &'static [&'static str],
}

/// Words that mark a product as a trial (compared word by word, ignoring
/// case): "Office 365 E3 TRIAL", "Microsoft 365 Business Testversion".
/// Only read when a sheet has no SKU Type column.
pub(crate) const TRIAL_PRODUCT_WORDS: &[&str] = &["trial", "testversion", "testabonnement"];

/// Whether a product name says it is a trial (see [`TRIAL_PRODUCT_WORDS`]).
pub(crate) fn is_trial_product(product: &str) -> bool {
    product.split(|c: char| !c.is_alphanumeric()).any(|word| {
        TRIAL_PRODUCT_WORDS
            .iter()
            .any(|t| word.eq_ignore_ascii_case(t))
    })
}

/// Where each field sits in a sheet, and the header text found there.
#[derive(Debug, Clone)]
pub(crate) struct Columns {
    kind: SheetKind,
    at: [Option<(u32, String)>; Field::COUNT],
}

impl Columns {
    /// The sheet kind these columns are for.
    pub(crate) fn kind(&self) -> SheetKind {
        self.kind
    }

    /// The column index of a field, if the sheet has it.
    pub(crate) fn col(&self, field: Field) -> Option<u32> {
        self.at[field as usize].as_ref().map(|(c, _)| *c)
    }

    /// The header as written in the sheet (for messages), or the English one.
    pub(crate) fn header(&self, field: Field) -> &str {
        self.at[field as usize]
            .as_ref()
            .map_or(field.header(), |(_, h)| h.as_str())
    }

    /// Which columns the sheet's rows are read from: `true` at the index of
    /// every column a field sits in. A text file's reader decodes only
    /// these (an `AzureUsage` download has 38 columns and a dozen are read).
    pub(crate) fn read_columns(&self) -> Vec<bool> {
        let cols = || self.at.iter().flatten().map(|(c, _)| *c as usize);
        let mut out = vec![false; cols().max().map_or(0, |c| c + 1)];
        for c in cols() {
            out[c] = true;
        }
        out
    }

    /// How many of the kind's columns the sheet has.
    pub(crate) fn found(&self) -> usize {
        self.at.iter().filter(|at| at.is_some()).count()
    }

    /// Required columns of the kind that the sheet lacks. A missing partner
    /// id is not among them where the kind's partner can be attributed
    /// ([`Columns::needs_partner`] says so).
    pub(crate) fn missing_required(&self) -> Vec<Field> {
        self.kind
            .columns()
            .iter()
            .filter(|c| match c.need {
                Need::Optional | Need::Attributable => false,
                Need::Required => self.col(c.field).is_none(),
                Need::RequiredUnless(others) => {
                    self.col(c.field).is_none() && others.iter().all(|o| self.col(*o).is_none())
                }
            })
            .map(|c| c.field)
            .collect()
    }

    /// Whether the sheet has no partner id column, so its partner must come
    /// from elsewhere (`--partner-id`, its folder or its file name).
    pub(crate) fn needs_partner(&self) -> bool {
        self.col(Field::PartnerId).is_none()
    }

    /// Which download the sheet is (see [`DOWNLOAD_SIGNS`]).
    pub(crate) fn download(&self) -> Download {
        if self.kind != SheetKind::Customers {
            return Download::CustomerList;
        }
        DOWNLOAD_SIGNS
            .iter()
            .find(|(_, field, header)| {
                self.col(*field).is_some()
                    && header.is_none_or(|h| fold(h) == fold(self.header(*field)))
            })
            .map_or(Download::CustomerList, |(download, ..)| *download)
    }

    /// Whether the sheet gives workloads as columns of their own (the
    /// `EMSUsage` download) rather than a Workload column.
    pub(crate) fn wide_workloads(&self) -> bool {
        self.kind == SheetKind::Customers
            && self.col(Field::Workload).is_none()
            && WIDE_SIGNS.iter().any(|f| self.col(*f).is_some())
    }

    /// Whether the sheet's rows take their association from Partner Center's
    /// `channel` column (it has that and no Association column).
    pub(crate) fn association_from_channel(&self) -> bool {
        self.kind == SheetKind::Customers
            && self.col(Field::Association).is_none()
            && self.col(Field::Channel).is_some()
    }
}

/// What a row of cells says about being a header row.
#[derive(Debug)]
pub(crate) enum Classified {
    /// A header row with every required column of its kind.
    Header(Columns),
    /// A header row someone meant, lacking a required column (for a message).
    Partial(Columns),
    /// A title, a note or a data row.
    NotAHeader,
}

/// Every column's aliases of a kind, folded once (a sheet's first rows are
/// each tried against all of them).
fn folded_aliases(kind: SheetKind) -> &'static [Vec<String>] {
    static FOLDED: std::sync::OnceLock<[Vec<Vec<String>>; SheetKind::ALL.len()]> =
        std::sync::OnceLock::new();
    let all = FOLDED.get_or_init(|| {
        SheetKind::ALL.map(|k| {
            k.columns()
                .iter()
                .map(|c| c.aliases.iter().map(|a| fold(a)).collect())
                .collect()
        })
    });
    let at = SheetKind::ALL.iter().position(|k| *k == kind).unwrap_or(0);
    &all[at]
}

/// Tries a row of header cells against every sheet kind.
///
/// Returns the best kind whose required headers all appear, or, when none
/// does, the best partial match, if the row looked like a header at all.
pub(crate) fn classify(cells: &[(u32, String)]) -> Classified {
    let folded: Vec<(u32, String, &str)> = cells
        .iter()
        .map(|(c, text)| (*c, fold(text), text.as_str()))
        .collect();
    let mut best: Option<(usize, bool, Columns)> = None;
    for kind in SheetKind::ALL {
        let mut at: [Option<(u32, String)>; Field::COUNT] = std::array::from_fn(|_| None);
        let mut matched = 0;
        for (column, aliases) in kind.columns().iter().zip(folded_aliases(kind)) {
            // Aliases in order of preference: the first one the row has wins.
            let hit = aliases
                .iter()
                .find_map(|alias| folded.iter().find(|(_, f, _)| f == alias));
            if let Some((c, _, raw)) = hit {
                at[column.field as usize] = Some((*c, raw.to_string()));
                matched += 1;
            }
        }
        let columns = Columns { kind, at };
        let complete = columns.missing_required().is_empty()
            && (columns.col(Field::PartnerId).is_some() || columns.has_key());
        // The kind that explains most headers wins, so a customers sheet
        // that lacks one column is reported as such instead of passing for
        // a partners list; on a tie a complete kind, then the earlier kind.
        let better = best
            .as_ref()
            .is_none_or(|(m, c, _)| (matched, complete) > (*m, *c));
        if better {
            best = Some((matched, complete, columns));
        }
    }
    match best {
        Some((_, true, columns)) => Classified::Header(columns),
        // A partial match needs an id column (the partner's, or the
        // customer's or person's) and one more header to be a header row
        // someone meant, rather than a title or a data row.
        Some((m, _, c)) if m >= 2 && (c.col(Field::PartnerId).is_some() || c.has_key()) => {
            Classified::Partial(c)
        }
        _ => Classified::NotAHeader,
    }
}

impl Columns {
    /// Whether the sheet has the id column its kind's rows are keyed by
    /// (Customer ID, Person ID; the partner id for the partners list).
    fn has_key(&self) -> bool {
        match self.kind {
            SheetKind::Customers => self.col(Field::CustomerId).is_some(),
            SheetKind::Transcripts => self.col(Field::PersonId).is_some(),
            SheetKind::Partners => self.col(Field::PartnerId).is_some(),
            SheetKind::AzureConsumption
            | SheetKind::BusinessAppsRevenue
            | SheetKind::BusinessAppsUsage => self.col(Field::CustomerId).is_some(),
        }
    }
}
