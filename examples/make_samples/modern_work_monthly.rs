//! `.modern-work-monthly/`: Solutions Partner for Modern Work month by
//! month, from Partner Center's own downloads (`--rules
//! solutions-partner-modern-work --as-of 2026-09-30`).
//!
//! Laid out as the monthly routine keeps it: this month's downloads in
//! `inbox/`, the earlier months' in `archive/<YYYY-MM>/` (2025-09, a year
//! before, then 2025-12, 2026-03 and 2026-06), each partner's in a folder
//! of its own. Four partners:
//!
//! - 3000001 Northwind Modern Work: `OfficeUsage`, the CPOR Microsoft 365
//!   usage (with `DateAssociated`) and `TrainingCompletions`; Enterprise
//!   customers, one of them on both tracks.
//! - 3000002 Tailwind SMB Services: the same and `EMSUsage`; SMB customers,
//!   one grown past 300 licences, one with Teams Premium only.
//! - 3000003 Lakeshore Workplace: a workbook shaped like the template
//!   (Customer Since, three snapshots in one sheet, and transcripts).
//! - 3000004 Fourth Coffee Consulting: the page's own Enterprise scoring
//!   examples (usage growth of 2,000 as DPOR and 1,500 as CPOR; 4 and 3 net
//!   new deployments), a year before and now only.
//!
//! `samples/README.md` works every figure out by hand from Microsoft's page.

use std::path::Path;

use rust_xlsxwriter::XlsxError;

use super::Cell::{self, Blank, Date, Id, Num, Text};
use super::{Formats, new_workbook, write_csv, write_table};

/// The snapshot months: a year before, three between, now (the as-of month).
const MONTHS: [(u16, u8); 5] = [(2025, 9), (2025, 12), (2026, 3), (2026, 6), (2026, 9)];

/// Which download a tenant's rows are in.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Download {
    Office,
    Ems,
    Cpor,
}

/// One customer tenant of a partner.
struct Tenant {
    guid: &'static str,
    name: &'static str,
    download: Download,
    /// Partner Center's `PartnerAttributionType` as the download writes it.
    attribution: &'static str,
    /// The CPOR download's `DateAssociated` (year, month, day).
    associated: Option<(u16, u8, u8)>,
    /// Per workload, its figures month by month.
    workloads: &'static [(&'static str, Figures)],
}

/// Per month of [`MONTHS`]: (paid available units, monthly active users),
/// or `None` when the tenant is not in that month's download.
type Figures = [Option<(u32, u32)>; 5];

/// One partner's downloads.
struct Partner {
    id: &'static str,
    name: &'static str,
    city: &'static str,
    country: &'static str,
    tenants: &'static [Tenant],
    /// (first name, last name, email, training title, completed, expires).
    trainings: &'static [Training],
}

type Training = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    (u16, u8, u8),
    Option<(u16, u8, u8)>,
);

const fn all(v: [(u32, u32); 5]) -> Figures {
    [Some(v[0]), Some(v[1]), Some(v[2]), Some(v[3]), Some(v[4])]
}

const NORTHWIND: Partner = Partner {
    id: "3000001",
    name: "Northwind Modern Work",
    city: "Seattle",
    country: "United States",
    tenants: &[
        Tenant {
            guid: "3a000001-0000-4000-8000-0000000000a1",
            name: "Alpine Ski House",
            download: Download::Office,
            attribution: "DPOR",
            associated: None,
            workloads: &[(
                "Exchange Online",
                all([
                    (2000, 1200),
                    (2000, 1300),
                    (2000, 1450),
                    (2000, 1600),
                    (2000, 1700),
                ]),
            )],
        },
        Tenant {
            guid: "3a000001-0000-4000-8000-0000000000a4",
            name: "Datum Corporation",
            download: Download::Office,
            attribution: "CSP Direct Bill Partner",
            associated: None,
            workloads: &[(
                "Exchange Online",
                [
                    None,
                    Some((600, 260)),
                    Some((600, 320)),
                    Some((600, 400)),
                    Some((600, 450)),
                ],
            )],
        },
        Tenant {
            guid: "3a000001-0000-4000-8000-0000000000a5",
            name: "Fabrikam Residences",
            download: Download::Office,
            attribution: "DPOR",
            associated: None,
            workloads: &[(
                "Exchange Online",
                [
                    Some((900, 500)),
                    Some((900, 480)),
                    Some((900, 450)),
                    None,
                    None,
                ],
            )],
        },
        Tenant {
            guid: "3a000001-0000-4000-8000-0000000000a6",
            name: "Graphic Design Institute",
            download: Download::Office,
            attribution: "DPOR",
            associated: None,
            workloads: &[
                (
                    "Exchange Online",
                    [None, None, None, Some((400, 100)), Some((400, 300))],
                ),
                (
                    "Teams",
                    [None, None, None, Some((400, 50)), Some((400, 250))],
                ),
            ],
        },
        Tenant {
            guid: "3a000001-0000-4000-8000-0000000000a7",
            name: "Humongous Insurance",
            download: Download::Office,
            attribution: "DPOR",
            associated: None,
            workloads: &[(
                "Exchange Online",
                all([
                    (5000, 1000),
                    (5000, 1100),
                    (5000, 1200),
                    (5000, 1350),
                    (5000, 1500),
                ]),
            )],
        },
        Tenant {
            guid: "3a000001-0000-4000-8000-0000000000a2",
            name: "Bellows College",
            download: Download::Cpor,
            attribution: "CPOR",
            associated: Some((2026, 2, 10)),
            workloads: &[(
                "Teams",
                [
                    None,
                    None,
                    Some((1500, 700)),
                    Some((1500, 800)),
                    Some((1500, 900)),
                ],
            )],
        },
        Tenant {
            guid: "3a000001-0000-4000-8000-0000000000a3",
            name: "Coho Vineyard",
            download: Download::Cpor,
            attribution: "CPOR",
            associated: Some((2025, 11, 20)),
            workloads: &[(
                "SharePoint Online",
                [
                    None,
                    Some((800, 100)),
                    Some((800, 160)),
                    Some((800, 230)),
                    Some((800, 300)),
                ],
            )],
        },
        Tenant {
            guid: "3a000001-0000-4000-8000-0000000000a8",
            name: "Lamna Healthcare",
            download: Download::Cpor,
            attribution: "CPOR",
            associated: Some((2025, 8, 15)),
            workloads: &[(
                "M365 Copilot",
                all([(320, 100), (320, 120), (320, 140), (320, 160), (320, 180)]),
            )],
        },
        Tenant {
            guid: "3a000001-0000-4000-8000-0000000000a9",
            name: "Contoso Pharmaceuticals",
            download: Download::Cpor,
            attribution: "CPOR",
            associated: Some((2026, 4, 15)),
            workloads: &[
                (
                    "Exchange Online",
                    [None, None, None, Some((500, 200)), Some((500, 300))],
                ),
                (
                    "Teams",
                    [None, None, None, Some((200, 50)), Some((200, 130))],
                ),
            ],
        },
    ],
    trainings: &[
        (
            "Ana",
            "Alves",
            "ana@northwind-mw.example",
            "Microsoft 365 Certified: Teams Administrator Associate",
            (2025, 6, 10),
            Some((2026, 6, 10)),
        ),
        (
            "Ben",
            "Brandt",
            "ben@northwind-mw.example",
            "Exam MS-700: Managing Microsoft Teams",
            (2026, 1, 15),
            None,
        ),
        (
            "Cleo",
            "Chen",
            "cleo@northwind-mw.example",
            "Exam SC-300: Microsoft Identity and Access Administrator",
            (2025, 11, 3),
            None,
        ),
        (
            "Dev",
            "Dutta",
            "dev@northwind-mw.example",
            "Exam MD-102: Endpoint Administrator",
            (2024, 5, 5),
            None,
        ),
        (
            "Dev",
            "Dutta",
            "dev@northwind-mw.example",
            "Microsoft 365 Certified: Enterprise Administrator Expert",
            (2024, 10, 1),
            Some((2026, 10, 1)),
        ),
        (
            "Eli",
            "Evans",
            "eli@northwind-mw.example",
            "Exam MS-203: Microsoft 365 Messaging",
            (2025, 12, 1),
            None,
        ),
        (
            "Eli",
            "Evans",
            "eli@northwind-mw.example",
            "Exam MS-102: Microsoft 365 Administrator",
            (2026, 4, 20),
            None,
        ),
        (
            "Fay",
            "Fox",
            "fay@northwind-mw.example",
            "Microsoft 365 Certified: Teams Voice Engineer Expert",
            (2025, 7, 7),
            Some((2026, 12, 7)),
        ),
    ],
};

const TAILWIND: Partner = Partner {
    id: "3000002",
    name: "Tailwind SMB Services",
    city: "Leeds",
    country: "United Kingdom",
    tenants: &[
        Tenant {
            guid: "3b000002-0000-4000-8000-0000000000b1",
            name: "Adventure Works",
            download: Download::Office,
            attribution: "CSP Indirect Reseller",
            associated: None,
            workloads: &[(
                "Exchange Online",
                all([(250, 100), (250, 150), (300, 220), (400, 320), (450, 400)]),
            )],
        },
        Tenant {
            guid: "3b000002-0000-4000-8000-0000000000b3",
            name: "City Power & Light",
            download: Download::Office,
            attribution: "DPOR",
            associated: None,
            workloads: &[(
                "Exchange Online",
                [
                    None,
                    Some((60, 20)),
                    Some((60, 30)),
                    Some((60, 40)),
                    Some((60, 50)),
                ],
            )],
        },
        Tenant {
            guid: "3b000002-0000-4000-8000-0000000000b4",
            name: "Fourth Coffee",
            download: Download::Office,
            attribution: "CSP Direct Bill Partner",
            associated: None,
            workloads: &[(
                "Exchange Online",
                [None, None, Some((40, 30)), Some((40, 33)), Some((40, 36))],
            )],
        },
        Tenant {
            guid: "3b000002-0000-4000-8000-0000000000b5",
            name: "Litware",
            download: Download::Office,
            attribution: "CSP Indirect Reseller",
            associated: None,
            workloads: &[(
                "Teams Premium",
                [None, None, Some((30, 5)), Some((30, 15)), Some((30, 25))],
            )],
        },
        Tenant {
            guid: "3b000002-0000-4000-8000-0000000000b7",
            name: "Northwind Traders",
            download: Download::Office,
            attribution: "CSP Indirect Reseller",
            associated: None,
            workloads: &[(
                "SharePoint Online",
                [Some((100, 60)), Some((100, 55)), None, None, None],
            )],
        },
        Tenant {
            guid: "3b000002-0000-4000-8000-0000000000b8",
            name: "Proseware",
            download: Download::Office,
            attribution: "CSP Indirect Reseller",
            associated: None,
            workloads: &[(
                "Exchange Online",
                all([(8, 6), (8, 6), (8, 6), (8, 6), (8, 6)]),
            )],
        },
        Tenant {
            guid: "3b000002-0000-4000-8000-000000000b10",
            name: "School of Fine Art",
            download: Download::Office,
            attribution: "CSP Direct Bill Partner",
            associated: None,
            workloads: &[(
                "Exchange Online",
                [
                    None,
                    Some((80, 16)),
                    Some((80, 30)),
                    Some((80, 45)),
                    Some((80, 56)),
                ],
            )],
        },
        Tenant {
            guid: "3b000002-0000-4000-8000-000000000b11",
            name: "Trey Research",
            download: Download::Office,
            attribution: "CSP Indirect Reseller",
            associated: None,
            workloads: &[(
                "Exchange Online",
                [None, None, None, Some((300, 60)), Some((300, 150))],
            )],
        },
        Tenant {
            guid: "3b000002-0000-4000-8000-0000000000b9",
            name: "Relecloud",
            download: Download::Ems,
            attribution: "CSP Indirect Reseller",
            associated: None,
            workloads: &[(
                "Intune",
                all([(150, 30), (150, 50), (150, 70), (150, 100), (150, 120)]),
            )],
        },
        Tenant {
            guid: "3b000002-0000-4000-8000-0000000000b2",
            name: "Blue Yonder Airlines",
            download: Download::Cpor,
            attribution: "CPOR",
            associated: Some((2025, 10, 5)),
            workloads: &[(
                "Teams",
                [
                    None,
                    Some((120, 20)),
                    Some((120, 50)),
                    Some((120, 80)),
                    Some((120, 100)),
                ],
            )],
        },
        Tenant {
            guid: "3b000002-0000-4000-8000-0000000000b6",
            name: "Margie's Travel",
            download: Download::Cpor,
            attribution: "CPOR",
            associated: Some((2023, 4, 1)),
            workloads: &[(
                "Exchange Online",
                all([(300, 40), (300, 100), (300, 180), (300, 250), (300, 300)]),
            )],
        },
        Tenant {
            guid: "3b000002-0000-4000-8000-000000000b12",
            name: "Wide World Importers",
            download: Download::Cpor,
            attribution: "CPOR",
            associated: Some((2026, 1, 20)),
            workloads: &[(
                "SharePoint Online",
                [None, None, Some((50, 10)), Some((50, 30)), Some((50, 45))],
            )],
        },
    ],
    trainings: &[
        (
            "Gia",
            "Greco",
            "gia@tailwind-smb.example",
            "Microsoft 365 Certified: Fundamentals",
            (2025, 5, 12),
            None,
        ),
        (
            "Hal",
            "Hayes",
            "hal@tailwind-smb.example",
            "Microsoft 365 Certified: Collaboration Communications Systems Engineer Associate",
            (2025, 8, 15),
            Some((2026, 8, 15)),
        ),
        (
            "Ivy",
            "Ito",
            "ivy@tailwind-smb.example",
            "Exam MD-102: Endpoint Administrator",
            (2026, 2, 1),
            None,
        ),
        (
            "Jon",
            "Jones",
            "jon@tailwind-smb.example",
            "Exam MS-102: Microsoft 365 Administrator",
            (2026, 5, 30),
            None,
        ),
        (
            "Kim",
            "Kato",
            "kim@tailwind-smb.example",
            "Teams Meetings and Meeting Rooms Technical Assessment",
            (2025, 11, 18),
            None,
        ),
        (
            "Lea",
            "Lang",
            "lea@tailwind-smb.example",
            "Microsoft 365 Certified: Teams Voice Engineer Expert",
            (2025, 4, 4),
            Some((2027, 4, 4)),
        ),
    ],
};

/// A year before and now only: the page's Enterprise scoring examples.
const fn ends(before: (u32, u32), now: (u32, u32)) -> Figures {
    [Some(before), None, None, None, Some(now)]
}

const FOURTH_COFFEE: Partner = Partner {
    id: "3000004",
    name: "Fourth Coffee Consulting",
    city: "Melbourne",
    country: "Australia",
    tenants: &[
        Tenant {
            guid: "3d000004-0000-4000-8000-0000000000d1",
            name: "Adatum Corporation",
            download: Download::Office,
            attribution: "DPOR",
            associated: None,
            workloads: &[("Exchange Online", ends((5000, 1000), (5000, 3000)))],
        },
        Tenant {
            guid: "3d000004-0000-4000-8000-0000000000d3",
            name: "Best For You Organics",
            download: Download::Office,
            attribution: "DPOR",
            associated: None,
            workloads: &[("Exchange Online", ends((1000, 350), (700, 350)))],
        },
        Tenant {
            guid: "3d000004-0000-4000-8000-0000000000d4",
            name: "Consolidated Messenger",
            download: Download::Office,
            attribution: "DPOR",
            associated: None,
            workloads: &[("SharePoint Online", ends((800, 300), (600, 300)))],
        },
        Tenant {
            guid: "3d000004-0000-4000-8000-0000000000d5",
            name: "Nod Publishers",
            download: Download::Office,
            attribution: "DPOR",
            associated: None,
            workloads: &[("Teams", ends((1000, 390), (900, 390)))],
        },
        Tenant {
            guid: "3d000004-0000-4000-8000-0000000000d2",
            name: "Munson's Pickles and Preserves",
            download: Download::Cpor,
            attribution: "CPOR",
            associated: Some((2024, 3, 1)),
            workloads: &[("Teams", ends((2000, 500), (2000, 2000)))],
        },
        Tenant {
            guid: "3d000004-0000-4000-8000-0000000000d6",
            name: "Liberty's Delightful Sinful Bakery",
            download: Download::Cpor,
            attribution: "CPOR",
            associated: Some((2024, 6, 1)),
            workloads: &[("Exchange Online", ends((900, 300), (600, 300)))],
        },
        Tenant {
            guid: "3d000004-0000-4000-8000-0000000000d7",
            name: "VanArsdel, Ltd.",
            download: Download::Cpor,
            attribution: "CPOR",
            associated: Some((2024, 9, 1)),
            workloads: &[("M365 Copilot", ends((400, 150), (350, 150)))],
        },
    ],
    trainings: &[],
};

/// `OfficeUsage`'s columns, as the data definitions list them.
const OFFICE_COLUMNS: [&str; 18] = [
    "PGAPartnerID",
    "CustomerTenantId",
    "CustomerTpid",
    "WorkloadName",
    "Month",
    "PaidAvailableUnits",
    "MonthlyActiveUsers",
    "CustomerName",
    "CustomerMarket",
    "CustomerSegment",
    "IndustryName",
    "VerticalName",
    "EOU",
    "PartnerID",
    "PartnerName",
    "PartnerLocation",
    "PartnerAttributionType",
    "IsDuplicateRowForPGA",
];

/// `EMSUsage`'s columns: a pair per workload instead of a workload name.
const EMS_COLUMNS: [&str; 37] = [
    "PGAMpnID",
    "SubscriptionId",
    "SubscriptionStartDate",
    "SubscriptionEndDate",
    "SubscriptionStatus",
    "Month",
    "SKU",
    "SKUId",
    "FreeVsPaidSKU",
    "SalesModel",
    "DetailedSalesModel",
    "CustomerName",
    "CustomerTenantId",
    "CustomerTpid",
    "CustomerSegment",
    "CustomerMarket",
    "IndustryName",
    "VerticalName",
    "EOU",
    "MPNID",
    "PartnerName",
    "PartnerLocation",
    "PartnerAttributionType",
    "PartnerHierarchy",
    "PaidAvailableUnits",
    "MonthlyActiveUsers",
    "AATPActiveUsage",
    "MCASActiveUsage",
    "AADPPaidAvailableUnits",
    "IntunePaidAvailableUnits",
    "AzipPaidAvailableUnits",
    "AADPMonthlyActiveUsers",
    "IntuneMonthlyActiveUsers",
    "AzipMonthlyActiveUsers",
    "MDM",
    "MAM",
    "SSPR",
];

/// The CPOR Microsoft 365 usage download's columns.
const CPOR_COLUMNS: [&str; 10] = [
    "CustomerTenantId",
    "CustomerName",
    "WorkloadName",
    "MonthlyActiveUsers",
    "PaidAvailableUnits",
    "ClaimId",
    "MpnId",
    "DateAssociated",
    "PartnerAttributionType",
    "Date",
];

/// `TrainingCompletions`' columns.
const TRAINING_COLUMNS: [&str; 18] = [
    "PGAMpnId",
    "TrainingActivityId",
    "TrainingTitle",
    "TrainingType",
    "IndividualFirstName",
    "IndividualLastName",
    "Email",
    "CorpEmail",
    "TrainingCompletionDate",
    "ExpirationDate",
    "ActivationStatus",
    "Month",
    "IcMCP",
    "MCPID",
    "MpnId",
    "PartnerName",
    "PartnerCityLocation",
    "PartnerCountryLocation",
];

fn iso((y, m, d): (u16, u8, u8)) -> String {
    format!("{y:04}-{m:02}-{d:02}")
}

/// Month first, as US exports write dates: `10/5/2025`.
fn us((y, m, d): (u16, u8, u8)) -> String {
    format!("{m}/{d}/{y}")
}

/// One partner's rows of one download in one month.
fn rows(partner: &Partner, download: Download, month: usize) -> Vec<Vec<String>> {
    let (y, m) = MONTHS[month];
    let mut out = Vec::new();
    for (t, tenant) in partner.tenants.iter().enumerate() {
        if tenant.download != download {
            continue;
        }
        for (workload, figures) in tenant.workloads {
            let Some((paid, active)) = figures[month] else {
                continue;
            };
            let (paid, active) = (paid.to_string(), active.to_string());
            let s = |v: &str| v.to_string();
            out.push(match download {
                Download::Office => vec![
                    s(partner.id),
                    s(tenant.guid),
                    format!("{}{t:03}", partner.id),
                    s(workload),
                    iso((y, m, 1)),
                    paid,
                    active,
                    s(tenant.name),
                    s(partner.country),
                    s(if tenant.attribution == "DPOR" {
                        "Major Commercial"
                    } else {
                        "SMB Commercial"
                    }),
                    s("Professional Services"),
                    s("Business Services"),
                    s("Commercial"),
                    s(partner.id),
                    s(partner.name),
                    s(partner.country),
                    s(tenant.attribution),
                    s("0"),
                ],
                Download::Ems => {
                    let mut row = vec![
                        s(partner.id),
                        format!("5e{t:06}-0000-4000-8000-{:0>12}", partner.id),
                        s("2025-01-01"),
                        s("2027-12-31"),
                        s("Active"),
                        format!("{m}/1/{y} 12:00:00 AM"),
                        s("Microsoft Intune Plan 1"),
                        s("INTUNE_A"),
                        s("Paid"),
                        s("CSP"),
                        s("CSP Indirect"),
                        s(tenant.name),
                        s(tenant.guid),
                        format!("{}{t:03}", partner.id),
                        s("SMB Commercial"),
                        s(partner.country),
                        s("Professional Services"),
                        s("Business Services"),
                        s("Commercial"),
                        s(partner.id),
                        s(partner.name),
                        s(partner.country),
                        s(tenant.attribution),
                        s("HeadQuarters"),
                        paid.clone(),
                        active.clone(),
                        s("0"),
                        s("0"),
                    ];
                    // Intune's pair; Entra ID (AADP) and Information
                    // Protection (Azip) are not on this subscription.
                    row.extend([s("0"), paid, s("0"), s("0"), active, s("0")]);
                    row.extend([s("0"), s("0"), s("0")]);
                    row
                }
                Download::Cpor => vec![
                    s(tenant.guid),
                    s(tenant.name),
                    s(workload),
                    active,
                    paid,
                    format!("CLM-{}-{t:02}", partner.id),
                    s(partner.id),
                    tenant.associated.map(us).unwrap_or_default(),
                    s(tenant.attribution),
                    us((y, m, 1)),
                ],
            });
        }
    }
    out
}

fn trainings(partner: &Partner) -> Vec<Vec<String>> {
    let s = |v: &str| v.to_string();
    partner
        .trainings
        .iter()
        .enumerate()
        .map(|(i, (first, last, email, title, done, expires))| {
            let exam = title.starts_with("Exam");
            vec![
                s(partner.id),
                format!("TA-{}-{i:02}", partner.id),
                s(title),
                s(if exam { "Exam" } else { "Certification" }),
                s(first),
                s(last),
                s(email),
                s(email),
                iso(*done),
                expires.map(iso).unwrap_or_default(),
                s(if expires.is_some_and(|e| e < (2026, 9, 30)) {
                    "Expired"
                } else {
                    "Active"
                }),
                s("2026-09-01"),
                s("Yes"),
                format!("{}", 990_000 + i),
                s(partner.id),
                s(partner.name),
                s(partner.city),
                s(partner.country),
            ]
        })
        .collect()
}

/// Writes one partner's downloads of every month it has: this month's into
/// `inbox/`, the earlier ones into `archive/<YYYY-MM>/`.
fn write_partner(root: &Path, partner: &Partner) -> Result<(), Box<dyn std::error::Error>> {
    let folder = format!("{} {}", partner.id, partner.name);
    for (month, (y, m)) in MONTHS.iter().enumerate() {
        let dir = if month == MONTHS.len() - 1 {
            root.join("inbox").join(&folder)
        } else {
            root.join("archive")
                .join(format!("{y:04}-{m:02}"))
                .join(&folder)
        };
        for (download, name, columns) in [
            (Download::Office, "OfficeUsage.csv", &OFFICE_COLUMNS[..]),
            (Download::Ems, "EMSUsage.csv", &EMS_COLUMNS[..]),
            (Download::Cpor, "CPOR-M365-usage.csv", &CPOR_COLUMNS[..]),
        ] {
            let rows = rows(partner, download, month);
            if !rows.is_empty() {
                std::fs::create_dir_all(&dir)?;
                write_csv(&dir.join(name), columns, &rows)?;
            }
        }
    }
    if !partner.trainings.is_empty() {
        let dir = root.join("inbox").join(&folder);
        write_csv(
            &dir.join("TrainingCompletions.csv"),
            &TRAINING_COLUMNS,
            &trainings(partner),
        )?;
    }
    Ok(())
}

// ---- 3000003 Lakeshore Workplace: a workbook shaped like the template ----

const LAKESHORE: Cell = Id(3_000_003.0);
const LAKESHORE_N: Cell = Text("Lakeshore Workplace");
const EXO: Cell = Text("Exchange Online");
const PREMIUM: Cell = Text("Teams Premium");
const PAID: Cell = Text("Paid");
const THEN: Cell = Date(2025, 9, 30);
const MID: Cell = Date(2026, 3, 31);
const NOW: Cell = Date(2026, 9, 30);

const CUSTOMER_COLUMNS: [(&str, f64); 11] = [
    ("Partner ID", 12.0),
    ("Partner Name", 22.0),
    ("Customer ID", 12.0),
    ("Customer Name", 20.0),
    ("Workload", 18.0),
    ("Active Users", 13.0),
    ("Qualified Licences", 18.0),
    ("SKU Type", 10.0),
    ("Association", 24.0),
    ("Customer Since", 15.0),
    ("Snapshot Date", 14.0),
];

#[rustfmt::skip]
const CUSTOMERS: [[Cell; 11]; 14] = [
    [LAKESHORE, LAKESHORE_N, Text("L-02"), Text("Wingtip Toys"), EXO, Num(50.0), Num(200.0), PAID, Text("CPOR"), Date(2020, 1, 1), THEN],
    [LAKESHORE, LAKESHORE_N, Text("L-03"), Text("Woodgrove Bank"), EXO, Num(100.0), Num(150.0), PAID, Text("CSP Tier 2"), Date(2019, 6, 1), THEN],
    [LAKESHORE, LAKESHORE_N, Text("L-04"), Text("Olympia Group"), EXO, Num(20.0), Num(60.0), PAID, Text("Delegated Administrator"), Date(2024, 2, 2), THEN],
    [LAKESHORE, LAKESHORE_N, Text("L-06"), Text("Contoso, Ltd."), PREMIUM, Num(10.0), Num(40.0), PAID, Text("CPOR"), Date(2025, 1, 10), THEN],
    [LAKESHORE, LAKESHORE_N, Text("L-01"), Text("Tailspin Toys"), EXO, Num(30.0), Num(100.0), PAID, Text("CSP Tier 1"), Date(2025, 11, 15), MID],
    [LAKESHORE, LAKESHORE_N, Text("L-02"), Text("Wingtip Toys"), EXO, Num(100.0), Num(200.0), PAID, Text("CPOR"), Date(2020, 1, 1), MID],
    [LAKESHORE, LAKESHORE_N, Text("L-03"), Text("Woodgrove Bank"), EXO, Num(110.0), Num(150.0), PAID, Text("CSP Tier 2"), Date(2019, 6, 1), MID],
    [LAKESHORE, LAKESHORE_N, Text("L-04"), Text("Olympia Group"), EXO, Num(25.0), Num(60.0), PAID, Text("Delegated Administrator"), Date(2024, 2, 2), MID],
    [LAKESHORE, LAKESHORE_N, Text("L-06"), Text("Contoso, Ltd."), PREMIUM, Num(20.0), Num(40.0), PAID, Text("CPOR"), Date(2025, 1, 10), MID],
    [LAKESHORE, LAKESHORE_N, Text("L-01"), Text("Tailspin Toys"), EXO, Num(90.0), Num(100.0), PAID, Text("CSP Tier 1"), Date(2025, 11, 15), NOW],
    [LAKESHORE, LAKESHORE_N, Text("L-02"), Text("Wingtip Toys"), EXO, Num(150.0), Num(200.0), PAID, Text("CPOR"), Date(2020, 1, 1), NOW],
    [LAKESHORE, LAKESHORE_N, Text("L-04"), Text("Olympia Group"), EXO, Num(30.0), Num(60.0), PAID, Text("Delegated Administrator"), Date(2024, 2, 2), NOW],
    [LAKESHORE, LAKESHORE_N, Text("L-06"), Text("Contoso, Ltd."), PREMIUM, Num(30.0), Num(40.0), PAID, Text("CPOR"), Date(2025, 1, 10), NOW],
    // A row a month past the as-of date: not known on 2026-09-30.
    [LAKESHORE, LAKESHORE_N, Text("L-05"), Text("Fabrikam Fiber"), EXO, Num(40.0), Num(50.0), PAID, Text("CSP Tier 1"), Blank, Date(2026, 10, 31)],
];

const TRANSCRIPT_COLUMNS: [(&str, f64); 5] = [
    ("Partner ID", 12.0),
    ("Person ID", 28.0),
    ("Person Name", 16.0),
    ("Credential", 42.0),
    ("Date Passed", 13.0),
];

#[rustfmt::skip]
const TRANSCRIPTS: [[Cell; 5]; 1] = [
    [LAKESHORE, Text("mia@lakeshore.example"), Text("Mia Moreau"), Text("Exam MS-700: Managing Microsoft Teams"), Date(2025, 12, 12)],
];

fn lakeshore(path: &Path) -> Result<(), XlsxError> {
    let mut workbook = new_workbook("Lakeshore Workplace - customers by quarter")?;
    let formats = Formats::new("yyyy-mm-dd");
    let sheet = workbook.add_worksheet().set_name("Customers")?;
    write_table(sheet, &formats, 0, &CUSTOMER_COLUMNS, &CUSTOMERS)?;
    let sheet = workbook.add_worksheet().set_name("Transcripts")?;
    write_table(sheet, &formats, 0, &TRANSCRIPT_COLUMNS, &TRANSCRIPTS)?;
    workbook.save(path)
}

/// Writes the whole sample under `root` (`samples/.modern-work-monthly`).
pub fn write(root: &Path) -> Result<(), Box<dyn std::error::Error>> {
    for partner in [&NORTHWIND, &TAILWIND, &FOURTH_COFFEE] {
        write_partner(root, partner)?;
    }
    let inbox = root.join("inbox");
    std::fs::create_dir_all(&inbox)?;
    lakeshore(&inbox.join("lakeshore-workplace.xlsx"))?;
    Ok(())
}
