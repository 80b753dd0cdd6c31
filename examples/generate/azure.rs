//! `--azure`: Partner Center downloads for the designations scored from Azure
//! consumed revenue (`--rules solutions-partner-data-ai --as-of 2026-06-30`,
//! and Infrastructure, Digital & App Innovation, Security), so that the
//! benchmark can time them on data that exercises them.
//!
//! File `NNN` is `AzureUsage-NNN.csv`, the `AzureUsage` download as Partner
//! Center writes it (UTF-8 with a byte-order mark, CRLF, its 38 columns,
//! one row per subscription, service and month), for its block of partners:
//! 13 months (2025-06 to 2026-06), 2 to 5 customer tenants per partner (an
//! SMB or an Enterprise segment, a tenant of a fifth of the partners in a
//! segment nobody lists), 1 to 5 services per tenant (Service Level 1 to 4;
//! Virtual Machines among them, and security services), under CSP tiers,
//! DPOR, PAL or none (which does not count); the ACR of a month in
//! dollars and cents, growing or shrinking over the year, a service missing
//! from some months. About 136 rows per partner: 7,400 partners make 1M.
//! With `--xlsx` beside `--azure` the same rows go into `AzureUsage-NNN.xlsx`
//! instead (sheet `AzureUsage`), to time reading them from a workbook.
//! Transcripts are `TrainingCompletions-NNN.csv`, 2 to 8 people per partner
//! holding the designations' certifications.

use rust_xlsxwriter::{Workbook, XlsxError};

use super::azure_usage::AZURE_USAGE_COLUMNS;
use super::{Config, Rng, Written, bom_csv, partner, write_training_completions};

const STREAM_TENANTS: u64 = 21;
const STREAM_PEOPLE: u64 = 22;

/// (Service Level 1, 2, 3, 4, usage unit).
const SERVICES: &[[&str; 5]] = &[
    [
        "Compute",
        "Virtual Machines",
        "Virtual Machines",
        "General Purpose Virtual Machines",
        "Hours",
    ],
    [
        "Databases",
        "SQL Database",
        "SQL Database",
        "Single SQL Database",
        "Units",
    ],
    ["Storage", "Storage", "Storage", "Blob Storage", "GB/Month"],
    [
        "AI + Machine Learning",
        "Azure OpenAI Service",
        "Azure OpenAI Service",
        "GPT Tokens",
        "Tokens",
    ],
    [
        "Analytics",
        "Azure Synapse Analytics",
        "Azure Synapse Analytics",
        "Dedicated SQL Pool",
        "Hours",
    ],
    ["Web", "App Service", "App Service", "Premium Plan", "Hours"],
    [
        "Containers",
        "Azure Kubernetes Service",
        "Azure Kubernetes Service",
        "Uptime SLA",
        "Hours",
    ],
    [
        "Databases",
        "Azure Cosmos DB",
        "Azure Cosmos DB",
        "Request Units",
        "Units",
    ],
    [
        "Security",
        "Key Vault",
        "Key Vault",
        "Operations",
        "Operations",
    ],
    [
        "Security",
        "Microsoft Defender for Cloud",
        "Microsoft Defender for Cloud",
        "Servers",
        "Nodes",
    ],
    [
        "Networking",
        "Azure Firewall",
        "Azure Firewall",
        "Standard Deployment",
        "Hours",
    ],
    ["Security", "Sentinel", "Sentinel", "Analysis", "GB"],
];

/// (segment, SMB): Partner Center's segments, one nobody lists last.
const SEGMENTS: &[(&str, bool)] = &[
    ("SMB Commercial", true),
    ("Small, Medium & Corporate Commercial", true),
    ("Major Commercial", false),
    ("Strategic Commercial", false),
    ("Enterprise Public Sector", false),
    ("Corporate Commercial", false),
];

/// (PartnerAttributionType, AssociationType); the last does not count.
const ATTRIBUTIONS: &[(&str, &str)] = &[
    ("CSP", "CSP Tier 1"),
    ("CSP", "CSP Tier 2"),
    ("DPOR", "DPOR"),
    ("PAL", "PAL"),
    ("PAL", "PAL"),
    ("None", "None"),
];

/// The designations' certifications, as `TrainingTitle`s.
const CREDENTIALS: &[&str] = &[
    "Microsoft Certified: Azure Administrator Associate",
    "Microsoft Certified: Azure Solutions Architect Expert",
    "Microsoft Certified: Azure Database Administrator Associate",
    "Microsoft Certified: Azure AI Engineer Associate",
    "Microsoft Certified: Azure Developer Associate",
    "Microsoft Certified: DevOps Engineer Expert",
    "Microsoft Certified: Fabric Data Engineer Associate",
    "Microsoft Certified: Azure Security Engineer Associate",
    "Microsoft Certified: Security Operations Analyst Associate",
    "Microsoft Certified: Cybersecurity Architect Expert",
    "Microsoft Certified: Azure Network Engineer Associate",
    "Microsoft Certified: Power BI Data Analyst Associate",
];

/// The months of the download: 2025-06 to 2026-06.
const MONTHS: u32 = 13;

/// One row's cells, in [`AZURE_USAGE_COLUMNS`]'s order.
fn rows(seed: u64, index: u32, mut visit: impl FnMut(&[&str])) {
    let p = partner(seed, index);
    let mut rng = Rng::new(seed, STREAM_TENANTS, index);
    let id = (1_000_000 + index).to_string();
    let tenants = 2 + rng.below(4);
    for t in 0..tenants {
        let (segment, smb) = if rng.chance(200) {
            ("Unlisted Segment", false)
        } else {
            *rng.pick(SEGMENTS)
        };
        let (attribution, association) = *rng.pick(ATTRIBUTIONS);
        let tenant = format!("{:08x}-5c2e-4b7a-9d10-{:012x}", index, t);
        let customer = format!("Customer {index}-{t}");
        let tpid = (90_000 + t).to_string();
        let services = 1 + rng.below(5);
        for s in 0..services {
            let service = rng.pick(SERVICES);
            let base = if smb {
                50 + rng.below(900)
            } else {
                400 + rng.below(7_600)
            };
            // Growth over the year, -30 % to +60 %, and a start month.
            let growth = i64::from(rng.below(90)) - 30;
            let from = if rng.chance(300) { rng.below(10) } else { 0 };
            let subscription = format!("{:08x}-{t:04x}-{s:04x}-9d10-{:012x}", index, index);
            for m in from..MONTHS {
                let cents = i64::from(base) * 100 * (100 + growth * i64::from(m) / 12) / 100
                    + i64::from(rng.below(100));
                let acr = format!("{}.{:02}", cents / 100, cents % 100);
                let month = if m < 7 {
                    format!("2025-{:02}-01", 6 + m)
                } else {
                    format!("2026-{:02}-01", m - 6)
                };
                let quantity = format!("{}.00", 10 + rng.below(5_000));
                visit(&[
                    &id,
                    &subscription,
                    "2024-01-01",
                    "",
                    "2024-01-01",
                    "Active",
                    &month,
                    service[0],
                    service[1],
                    service[2],
                    service[3],
                    "",
                    "",
                    "",
                    "",
                    "",
                    service[4],
                    &quantity,
                    &customer,
                    &tenant,
                    &tpid,
                    segment,
                    "United States",
                    &id,
                    &p.name,
                    "United States",
                    attribution,
                    "Direct/CSP",
                    "",
                    "0",
                    "",
                    "",
                    "Retail",
                    "Retail",
                    "",
                    "",
                    association,
                    &acr,
                ]);
            }
        }
    }
}

type Error = Box<dyn std::error::Error + Send + Sync>;

/// Writes file `f`'s `AzureUsage` rows, as CSV or (`--xlsx`) a workbook.
pub(super) fn write_usage(cfg: &Config, f: u32) -> Result<Written, Error> {
    if cfg.xlsx {
        return write_usage_xlsx(cfg, f).map_err(Into::into);
    }
    let path = cfg.out.join(format!("AzureUsage-{f:03}.csv"));
    let mut out = bom_csv(&path)?;
    out.write_record(AZURE_USAGE_COLUMNS)?;
    let mut count = 0u64;
    let mut failed = None;
    for index in cfg.block(f) {
        rows(cfg.seed, index, |cells| {
            if failed.is_none()
                && let Err(e) = out.write_record(cells)
            {
                failed = Some(e);
            }
            count += 1;
        });
    }
    if let Some(e) = failed {
        return Err(e.into());
    }
    out.flush()?;
    Ok(Written {
        path,
        sheets: 1,
        rows: count,
    })
}

/// The same rows in a workbook, ACR and quantities as numbers.
fn write_usage_xlsx(cfg: &Config, f: u32) -> Result<Written, XlsxError> {
    let path = cfg.out.join(format!("AzureUsage-{f:03}.xlsx"));
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet_with_constant_memory()?;
    sheet.set_name("AzureUsage")?;
    for (c, h) in AZURE_USAGE_COLUMNS.iter().enumerate() {
        sheet.write_string(0, c as u16, *h)?;
    }
    let mut row = 0u32;
    let mut failed = None;
    let numbers = [17usize, 37];
    for index in cfg.block(f) {
        rows(cfg.seed, index, |cells| {
            row += 1;
            for (c, cell) in cells.iter().enumerate() {
                if cell.is_empty() || failed.is_some() {
                    continue;
                }
                let written = match cell.parse::<f64>() {
                    Ok(n) if numbers.contains(&c) => sheet.write_number(row, c as u16, n),
                    _ => sheet.write_string(row, c as u16, *cell),
                };
                if let Err(e) = written {
                    failed = Some(e);
                }
            }
        });
    }
    if let Some(e) = failed {
        return Err(e);
    }
    workbook.save(&path)?;
    Ok(Written {
        path,
        sheets: 1,
        rows: u64::from(row),
    })
}

/// Writes file `f`'s `TrainingCompletions` rows: 2 to 8 people per partner.
pub(super) fn write_transcripts(cfg: &Config, f: u32) -> Result<Written, Error> {
    write_training_completions(cfg, f, STREAM_PEOPLE, 2..9, CREDENTIALS)
}
