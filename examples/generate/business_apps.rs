//! `--business-apps`: Partner Center's two Business Applications downloads
//! (`--rules solutions-partner-business-applications --as-of 2026-05-15`),
//! so that the benchmark can time that designation on data that exercises
//! it.
//!
//! File `NNN` is `BusinessApplicationsRevenue-NNN.csv` and
//! `BusinessApplicationsUsage-NNN.csv` for its block of partners, as Partner
//! Center writes them (UTF-8 with a byte-order mark, CRLF, fiscal month
//! names, the columns of `samples/.business-applications`): 13 months (April
//! 2025 to April 2026), 2 to 4 customer tenants per partner, 1 or 2
//! workloads per tenant (Dynamics 365 and Power Platform; Customer Insights
//! measured in profiles), each under a CSP tier, DPOR, PAL or a CPOR
//! association, its revenue and its users growing or shrinking over the
//! year, a series starting late now and then. About 117 rows per partner,
//! revenue and usage together: 8,500 partners make 1M. Transcripts are
//! `TrainingCompletions-NNN.csv`, 2 to 6 people per partner holding the
//! designation's certifications.

use super::business_apps_downloads::{REVENUE_COLUMNS, USAGE_COLUMNS, fiscal_month_name};
use super::{Config, Rng, Written, bom_csv, partner, write_training_completions};

const STREAM_TENANTS: u64 = 31;
const STREAM_PEOPLE: u64 = 32;

/// (category, workload in the revenue download, workload in the usage
/// download, SKU group, measured in profiles rather than users).
const WORKLOADS: &[(&str, &str, &str, &str, bool)] = &[
    (
        "Dynamics 365",
        "Business Central",
        "Business Central",
        "Essentials",
        false,
    ),
    (
        "Dynamics 365",
        "Dynamics 365 Sales",
        "Sales",
        "Enterprise",
        false,
    ),
    (
        "Dynamics 365",
        "Customer Service",
        "Customer Service",
        "Enterprise",
        false,
    ),
    ("Dynamics 365", "Finance", "Finance", "Finance", false),
    (
        "Dynamics 365",
        "Field Service",
        "Field Service",
        "Enterprise",
        false,
    ),
    (
        "Dynamics 365",
        "Customer Insights",
        "Customer Insights",
        "Profiles",
        true,
    ),
    (
        "Power Platform",
        "Power Apps",
        "Power Apps",
        "Per User",
        false,
    ),
    (
        "Power Platform",
        "Power Automate",
        "Power Automate",
        "Per User",
        false,
    ),
];

/// Partner Center's association types.
const ASSOCIATIONS: &[&str] = &[
    "CSP T1",
    "CSP T2",
    "DPOR",
    "PAL",
    "CPOR RevRec",
    "CPOR OSU",
    "CPOR OSA",
];

/// The designation's certifications, as transcripts name them.
const CREDENTIALS: &[&str] = &[
    "Microsoft Certified: Dynamics 365 Business Central Functional Consultant Associate",
    "Microsoft Certified: Dynamics 365 Business Central Developer Associate",
    "Microsoft Certified: Dynamics 365 Sales Functional Consultant Associate",
    "Microsoft Certified: Dynamics 365 Customer Service Functional Consultant Associate",
    "Microsoft Certified: Dynamics 365 Finance Functional Consultant Associate",
    "Microsoft Certified: Dynamics 365 Field Service Functional Consultant Associate",
    "Microsoft Certified: Dynamics 365 + Power Platform Solution Architect Expert",
    "Microsoft Certified: Power Automate RPA Developer Associate",
    "Microsoft Certified: Power BI Data Analyst Associate",
];

/// The months of the downloads: April 2025 to April 2026.
const MONTHS: u32 = 13;

/// Month `m` (0 = April 2025) as Partner Center's fiscal month name.
fn fiscal_month(m: u32) -> String {
    fiscal_month_name(2025 + ((3 + m) / 12) as i32, (3 + m) % 12 + 1)
}

/// Which download a row is for.
#[derive(Clone, Copy)]
enum Download {
    Revenue,
    Usage,
}

/// A partner's rows: the revenue row and the usage row of each month of
/// each series, in the download's columns' order.
fn rows(seed: u64, index: u32, mut visit: impl FnMut(Download, &[&str])) {
    let p = partner(seed, index);
    let mut rng = Rng::new(seed, STREAM_TENANTS, index);
    let id = (1_000_000 + index).to_string();
    let months: Vec<String> = (0..MONTHS).map(fiscal_month).collect();
    for t in 0..2 + rng.below(3) {
        let tenant = format!("{index:08x}-7a1c-4000-8000-{t:012x}");
        let customer_id = format!("C-{index}-{t}");
        let customer = format!("Customer {index}-{t}");
        let small = rng.chance(2);
        for w in 0..1 + rng.below(2) {
            let (category, workload, usage_workload, sku, profiles) = *rng.pick(WORKLOADS);
            let association = *rng.pick(ASSOCIATIONS);
            let subscription = format!("S-{index}-{t}-{w}");
            let base = if small {
                100 + rng.below(900)
            } else {
                1_000 + rng.below(9_000)
            };
            let seats = if small {
                5 + rng.below(40)
            } else {
                40 + rng.below(400)
            };
            // Growth over the year, -30 % to +60 %, and a start month.
            let growth = i64::from(rng.below(90)) - 30;
            let from = if rng.chance(300) { rng.below(10) } else { 0 };
            for m in from..MONTHS {
                let scale = |v: u32| i64::from(v) * (100 + growth * i64::from(m) / 12) / 100;
                let cents = scale(base) * 100 + i64::from(rng.below(100));
                let amount = format!("{}.{:02}", cents / 100, cents % 100);
                let month = &months[m as usize];
                visit(
                    Download::Revenue,
                    &[
                        month,
                        &id,
                        &p.name,
                        association,
                        &customer_id,
                        &customer,
                        &tenant,
                        &customer,
                        &subscription,
                        "2024-07-01",
                        "United States",
                        category,
                        workload,
                        &amount,
                    ],
                );
                let users = scale(seats).max(1).to_string();
                let monthly = (scale(seats).max(1) + i64::from(rng.below(5))).to_string();
                let (pamau, mac) = if profiles {
                    ("", users.as_str())
                } else {
                    (users.as_str(), "")
                };
                visit(
                    Download::Usage,
                    &[
                        month,
                        &id,
                        &p.name,
                        association,
                        &customer_id,
                        &customer,
                        &tenant,
                        &customer,
                        &subscription,
                        "2024-07-01",
                        "Paid",
                        category,
                        usage_workload,
                        sku,
                        pamau,
                        mac,
                        &monthly,
                    ],
                );
            }
        }
    }
}

type Error = Box<dyn std::error::Error + Send + Sync>;

/// Writes file `f`'s two downloads; the revenue file is the one named, the
/// rows are both files'.
pub(super) fn write_downloads(cfg: &Config, f: u32) -> Result<Written, Error> {
    let path = cfg
        .out
        .join(format!("BusinessApplicationsRevenue-{f:03}.csv"));
    let usage_path = cfg
        .out
        .join(format!("BusinessApplicationsUsage-{f:03}.csv"));
    let mut revenue = bom_csv(&path)?;
    let mut usage = bom_csv(&usage_path)?;
    revenue.write_record(REVENUE_COLUMNS)?;
    usage.write_record(USAGE_COLUMNS)?;
    let mut count = 0u64;
    let mut failed: Option<csv::Error> = None;
    for index in cfg.block(f) {
        rows(cfg.seed, index, |download, cells| {
            let out = match download {
                Download::Revenue => &mut revenue,
                Download::Usage => &mut usage,
            };
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
    revenue.flush()?;
    usage.flush()?;
    Ok(Written {
        path,
        sheets: 2,
        rows: count,
    })
}

/// Writes file `f`'s `TrainingCompletions` rows: 2 to 6 people per partner.
pub(super) fn write_transcripts(cfg: &Config, f: u32) -> Result<Written, Error> {
    write_training_completions(cfg, f, STREAM_PEOPLE, 2..7, CREDENTIALS)
}
