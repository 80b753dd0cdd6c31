//! `.azure/`: the sample for the designations scored from Azure consumed
//! revenue (Data & AI, Infrastructure, Digital & App Innovation) and for
//! Security, as of 2026-05-31 (last month: May 2026).
//!
//! Three partners, as Partner Center's downloads give them:
//!
//! - `AzureUsage-2026-06.csv`: the `AzureUsage` download taken in June 2026,
//!   13 months (2025-05 to 2026-05), every documented column, ISO months;
//! - `AzureUsage-2025-06.csv`: the same download a year earlier (2024-05 to
//!   2025-05, US dates), which the year-ago figures and Security's previous
//!   trailing 12 months need; it overlaps the newer one in 2025-05, where it
//!   still holds a figure the newer one restates;
//! - `TrainingCompletions.csv`: the partners' certifications;
//! - `M365-security-seats.csv`: Security's Microsoft 365 part, a customer list
//!   of two snapshots (2025-05-31 and 2026-05-31).
//!
//! Adatum (Enterprise track, CSP, DPOR and PAL) qualifies for Data & AI;
//! Proseware (SMB track) for Infrastructure; Trey (mostly PAL, security
//! services) for Security on its SMB path. `samples/README.md` works every
//! figure out by hand. The folder is hidden so that `--input samples` never
//! reads it.

use std::io::Write;
use std::path::Path;

use super::azure_usage::AZURE_USAGE_COLUMNS;

/// The month the report speaks for: offsets below count back from it.
const LAST_MONTH: (i32, u32) = (2026, 5);

/// A partner: MPN id and name.
struct Partner {
    id: &'static str,
    name: &'static str,
    city: &'static str,
}

const ADATUM: Partner = Partner {
    id: "4000001",
    name: "Adatum Cloud Services",
    city: "Seattle",
};
const PROSEWARE: Partner = Partner {
    id: "4000002",
    name: "Proseware Azure Partners",
    city: "Denver",
};
const TREY: Partner = Partner {
    id: "4000003",
    name: "Trey Security Group",
    city: "Boston",
};

/// How a line of revenue is attributed: PartnerAttributionType,
/// AssociationType, SalesChannel, AdminType.
#[derive(Clone, Copy)]
struct Attribution(&'static str, &'static str, &'static str, &'static str);

const CSP1: Attribution = Attribution("CSP", "CSP Tier 1", "Direct/CSP", "");
const CSP2: Attribution = Attribution("CSP", "CSP Tier 2", "Indirect/CSP", "");
const DPOR: Attribution = Attribution("DPOR", "Digital Partner of Record", "Direct", "");
const PAL: Attribution = Attribution("PAL", "Partner Admin Link", "Direct", "Owner");
const DAP: Attribution = Attribution("DAP", "Delegated Admin Privileges", "Direct", "");

/// One subscription's revenue on one service at one tenant: the amount per
/// month over ranges of month offsets (0 is the last month, -12 the same
/// month a year before).
struct Line {
    partner: &'static Partner,
    tenant: &'static str,
    customer: &'static str,
    segment: &'static str,
    industry: &'static str,
    /// ServiceLevel1 to ServiceLevel4.
    services: [&'static str; 4],
    attribution: Attribution,
    /// (first offset, last offset, amount written), inclusive.
    months: &'static [(i32, i32, &'static str)],
}

const VM: [&str; 4] = [
    "Compute",
    "Virtual Machines",
    "Virtual Machines",
    "General Purpose Virtual Machines",
];

/// Every line, in the order of the hand-worked tables in samples/README.md.
#[rustfmt::skip]
const LINES: &[Line] = &[
    // Adatum Cloud Services: Enterprise customers.
    Line { partner: &ADATUM, tenant: "a1000001-5c2e-4b7a-9d10-000000000a01", customer: "Alpine Ski House", segment: "Major Commercial", industry: "Retail", services: VM, attribution: CSP1, months: &[(-24, 0, "2000.00")] },
    Line { partner: &ADATUM, tenant: "a1000001-5c2e-4b7a-9d10-000000000a01", customer: "Alpine Ski House", segment: "Major Commercial", industry: "Retail", services: ["Databases", "SQL Database", "SQL Database", "Single SQL Database"], attribution: CSP1, months: &[(-24, 0, "1500.00")] },
    Line { partner: &ADATUM, tenant: "a1000001-5c2e-4b7a-9d10-000000000a02", customer: "Bellows College", segment: "Major Public Sector", industry: "Education", services: ["AI + Machine Learning", "Azure Machine Learning", "Machine Learning", "Machine Learning Compute"], attribution: DPOR, months: &[(-6, 0, "3350.00")] },
    Line { partner: &ADATUM, tenant: "a1000001-5c2e-4b7a-9d10-000000000a03", customer: "Coho Winery", segment: "SMB Commercial", industry: "Agriculture", services: ["Storage", "Storage", "Blob Storage", "Hot Block Blob"], attribution: DPOR, months: &[(-24, 0, "800.00")] },
    Line { partner: &ADATUM, tenant: "a1000001-5c2e-4b7a-9d10-000000000a04", customer: "Datum Corporation", segment: "Major Commercial", industry: "Manufacturing", services: ["Containers", "Azure Kubernetes Service", "Azure Kubernetes Service", "Standard Tier"], attribution: PAL, months: &[(-24, -3, "2300.00")] },
    Line { partner: &ADATUM, tenant: "a1000001-5c2e-4b7a-9d10-000000000a05", customer: "Fourth Coffee", segment: "Major Commercial", industry: "Retail", services: ["Databases", "SQL Database", "SQL Database", "Elastic SQL Database"], attribution: CSP2, months: &[(-24, -1, "900.00"), (0, 0, "1100.00")] },
    Line { partner: &ADATUM, tenant: "a1000001-5c2e-4b7a-9d10-000000000a06", customer: "Graphic Design Institute", segment: "Major Commercial", industry: "Education", services: ["Management and Governance", "Azure Monitor", "Log Analytics", "Data Ingestion"], attribution: DAP, months: &[(-24, 0, "5000.00")] },
    Line { partner: &ADATUM, tenant: "a1000001-5c2e-4b7a-9d10-000000000a07", customer: "Humongous Insurance", segment: "Major Commercial", industry: "Insurance", services: ["AI + Machine Learning", "Azure Machine Learning", "Machine Learning", "Machine Learning Compute"], attribution: CSP1, months: &[(-24, 0, "2500.00")] },
    Line { partner: &ADATUM, tenant: "a1000001-5c2e-4b7a-9d10-000000000a08", customer: "Litware Inc.", segment: "Major Commercial", industry: "Technology", services: VM, attribution: DPOR, months: &[(-1, -1, "1000.00")] },
    // Proseware Azure Partners: SMB customers (four of its five last month).
    Line { partner: &PROSEWARE, tenant: "b2000002-6d3f-4c8b-8e21-000000000b01", customer: "Contoso Dental", segment: "SMB Commercial", industry: "Healthcare", services: ["Compute", "Azure Virtual Desktop", "Windows Virtual Desktop", "Pooled Host Pool"], attribution: CSP2, months: &[(-24, 0, "600.00")] },
    Line { partner: &PROSEWARE, tenant: "b2000002-6d3f-4c8b-8e21-000000000b02", customer: "Northwind Bakery", segment: "SMB Commercial", industry: "Retail", services: ["Management and Governance", "Azure Backup", "Backup", "Protected Instances"], attribution: CSP1, months: &[(-24, -2, "450.00"), (-1, -1, "700.00"), (0, 0, "450.00")] },
    Line { partner: &PROSEWARE, tenant: "b2000002-6d3f-4c8b-8e21-000000000b03", customer: "Wide World Travel", segment: "SMB Commercial", industry: "Hospitality", services: ["Management and Governance", "Azure Site Recovery", "Site Recovery", "Replicated Instances"], attribution: PAL, months: &[(-3, 0, "520.00")] },
    Line { partner: &PROSEWARE, tenant: "b2000002-6d3f-4c8b-8e21-000000000b04", customer: "Tailspin Toys", segment: "SMB Public Sector", industry: "Government", services: ["Compute", "Azure Functions", "Functions", "Consumption Plan"], attribution: PAL, months: &[(-24, -1, "300.00")] },
    Line { partner: &PROSEWARE, tenant: "b2000002-6d3f-4c8b-8e21-000000000b05", customer: "Woodgrove Bank", segment: "Major Commercial", industry: "Banking", services: VM, attribution: CSP2, months: &[(-24, -7, "2000.00"), (-6, 0, "2500.00")] },
    Line { partner: &PROSEWARE, tenant: "b2000002-6d3f-4c8b-8e21-000000000b06", customer: "Margie's Travel", segment: "SMB Commercial", industry: "Hospitality", services: ["Compute", "Virtual Machines Licenses", "Virtual Machines Licenses", "Windows Server"], attribution: CSP1, months: &[(-24, -6, "650.00")] },
    Line { partner: &PROSEWARE, tenant: "b2000002-6d3f-4c8b-8e21-000000000b07", customer: "Relecloud", segment: "SMB Commercial", industry: "Technology", services: ["Management and Governance", "Azure Monitor", "Log Analytics", "Data Ingestion"], attribution: DPOR, months: &[(0, 0, "500.00")] },
    // Trey Security Group: security services, mostly under PAL.
    Line { partner: &TREY, tenant: "c3000003-7e4a-4d9c-9f32-000000000c01", customer: "Adventure Works", segment: "Major Commercial", industry: "Manufacturing", services: ["Security", "Sentinel", "Microsoft Sentinel", "Analysis"], attribution: PAL, months: &[(-24, -13, "1200.00"), (-12, 0, "1500.00")] },
    Line { partner: &TREY, tenant: "c3000003-7e4a-4d9c-9f32-000000000c02", customer: "Blue Yonder Airlines", segment: "Major Commercial", industry: "Transportation", services: ["Security", "Microsoft Defender for Cloud", "Defender for Servers", "Plan 2"], attribution: PAL, months: &[(-9, 0, "700.00")] },
    Line { partner: &TREY, tenant: "c3000003-7e4a-4d9c-9f32-000000000c02", customer: "Blue Yonder Airlines", segment: "Major Commercial", industry: "Transportation", services: ["Security", "Key Vault", "Key Vault", "Operations"], attribution: PAL, months: &[(-9, 0, "100.00")] },
    Line { partner: &TREY, tenant: "c3000003-7e4a-4d9c-9f32-000000000c03", customer: "City Power & Light", segment: "Major Public Sector", industry: "Utilities", services: ["Networking", "Azure Firewall", "Azure Firewall", "Standard"], attribution: CSP1, months: &[(-24, -14, "1200.00")] },
    Line { partner: &TREY, tenant: "c3000003-7e4a-4d9c-9f32-000000000c04", customer: "Consolidated Messenger", segment: "SMB Commercial", industry: "Logistics", services: ["Security", "Key Vault", "Key Vault", "Operations"], attribution: PAL, months: &[(-24, -13, "40.00"), (-12, 0, "60.00")] },
    Line { partner: &TREY, tenant: "c3000003-7e4a-4d9c-9f32-000000000c05", customer: "Lucerne Publishing", segment: "Major Commercial", industry: "Media", services: ["Security", "Sentinel", "Microsoft Sentinel", "Analysis"], attribution: DPOR, months: &[(-24, 0, "2000.00")] },
    Line { partner: &TREY, tenant: "c3000003-7e4a-4d9c-9f32-000000000c06", customer: "Munson's Pickles", segment: "Major Commercial", industry: "Food", services: ["Containers", "Azure Kubernetes Service", "Azure Kubernetes Service", "Standard Tier"], attribution: PAL, months: &[(-24, 0, "4000.00")] },
    Line { partner: &TREY, tenant: "c3000003-7e4a-4d9c-9f32-000000000c07", customer: "Northwind Traders", segment: "Major Commercial", industry: "Distribution", services: ["Networking", "Azure DDoS Protection", "DDoS Protection", "Network Protection"], attribution: CSP2, months: &[(-11, 0, "1100.00")] },
    Line { partner: &TREY, tenant: "c3000003-7e4a-4d9c-9f32-000000000c08", customer: "Coho Vineyard", segment: "SMB Commercial", industry: "Agriculture", services: ["Networking", "Application Gateway", "Application Gateway", "WAF V2"], attribution: PAL, months: &[(-11, 0, "900.00")] },
];

/// The older download's figure for Datum Corporation in 2025-05 (offset
/// -12), which the newer download restates as 2,300.00: the newer figure
/// counts.
const RESTATED: (&str, i32, &str) = ("a1000001-5c2e-4b7a-9d10-000000000a04", -12, "2250.00");

/// The month `offset` months from the last month: (year, month).
fn month(offset: i32) -> (i32, u32) {
    let index = LAST_MONTH.0 * 12 + LAST_MONTH.1 as i32 - 1 + offset;
    (index.div_euclid(12), index.rem_euclid(12) as u32 + 1)
}

/// How each download writes a month.
#[derive(Clone, Copy)]
enum MonthStyle {
    /// `2026-05-01`.
    Iso,
    /// `5/1/2025 12:00:00 AM`, as US Excel saves it.
    Us,
}

fn write_month((y, m): (i32, u32), style: MonthStyle) -> String {
    match style {
        MonthStyle::Iso => format!("{y:04}-{m:02}-01"),
        MonthStyle::Us => format!("{m}/1/{y} 12:00:00 AM"),
    }
}

/// A CSV field, quoted where it must be.
fn field(s: &str) -> String {
    if s.contains([',', '"', '\n']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// Writes a CSV as Partner Center does: UTF-8 with a byte-order mark, CRLF.
fn write_csv(path: &Path, header: &[&str], rows: &[Vec<String>]) -> std::io::Result<()> {
    let mut out = Vec::new();
    out.extend_from_slice("\u{feff}".as_bytes());
    let line = |cells: Vec<String>| cells.join(",") + "\r\n";
    out.extend_from_slice(line(header.iter().map(|h| field(h)).collect()).as_bytes());
    for row in rows {
        out.extend_from_slice(line(row.iter().map(|c| field(c)).collect()).as_bytes());
    }
    let mut file = std::fs::File::create(path)?;
    file.write_all(&out)
}

/// The download's rows for the months `from..=to`, month by month.
fn azure_usage(from: i32, to: i32, style: MonthStyle, restated: bool) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    for offset in from..=to {
        for (n, line) in LINES.iter().enumerate() {
            let Some(&(_, _, amount)) = line
                .months
                .iter()
                .find(|(a, b, _)| (*a..=*b).contains(&offset))
            else {
                continue;
            };
            let amount = if restated && (line.tenant, offset) == (RESTATED.0, RESTATED.1) {
                RESTATED.2
            } else {
                amount
            };
            let first = line.months.iter().map(|(a, ..)| *a).min().unwrap_or(offset);
            let (fy, fm) = month(first);
            let started = format!("{fy:04}-{fm:02}-01");
            let p = line.partner;
            let Attribution(attribution, association_type, channel, admin) = line.attribution;
            let vm = line.services[1] == "Virtual Machines";
            let quantity = amount.parse::<f64>().unwrap_or(0.0) * 4.0;
            let reseller = line.attribution.1 == "CSP Tier 2";
            rows.push(vec![
                p.id.to_string(),
                format!("{}-{:04}", &line.tenant[..23], n + 1),
                started.clone(),
                String::new(),
                started,
                "Active".to_string(),
                write_month(month(offset), style),
                line.services[0].to_string(),
                line.services[1].to_string(),
                line.services[2].to_string(),
                line.services[3].to_string(),
                String::new(),
                String::new(),
                String::new(),
                if vm { "Windows" } else { "" }.to_string(),
                String::new(),
                if vm { "Hours" } else { "Units" }.to_string(),
                format!("{quantity:.2}"),
                line.customer.to_string(),
                line.tenant.to_string(),
                format!("{}", 90_000 + n),
                line.segment.to_string(),
                "United States".to_string(),
                p.id.to_string(),
                p.name.to_string(),
                "United States".to_string(),
                attribution.to_string(),
                channel.to_string(),
                String::new(),
                "0".to_string(),
                if reseller { p.id } else { "" }.to_string(),
                if reseller { p.name } else { "" }.to_string(),
                line.industry.to_string(),
                line.industry.to_string(),
                String::new(),
                admin.to_string(),
                association_type.to_string(),
                amount.to_string(),
            ]);
        }
    }
    rows
}

/// `TrainingCompletions`' columns, in the data definitions' order.
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

/// (partner, first name, last name, certification, completed, expires).
#[rustfmt::skip]
const TRAINING: &[(&Partner, &str, &str, &str, &str, &str)] = &[
    (&ADATUM, "Ann", "Lindqvist", "Azure Administrator Associate", "2024-02-12", "2027-02-12"),
    (&ADATUM, "Ann", "Lindqvist", "Azure Solutions Architect Expert", "2024-09-03", "2026-09-03"),
    (&ADATUM, "Ann", "Lindqvist", "Azure Data Scientist Associate", "2025-03-10", "2026-09-10"),
    (&ADATUM, "Bo", "Nakamura", "Azure Administrator Associate", "2025-01-20", "2027-01-20"),
    (&ADATUM, "Bo", "Nakamura", "Azure Solutions Architect Expert", "2025-06-30", "2026-06-30"),
    (&ADATUM, "Bo", "Nakamura", "Fabric Data Engineer Associate", "2026-01-15", "2027-01-15"),
    (&ADATUM, "Cy", "Okafor", "Azure AI Engineer Associate", "2025-11-04", "2026-11-04"),
    (&ADATUM, "Cy", "Okafor", "Power BI Data Analyst Associate", "2025-04-22", "2026-10-22"),
    (&ADATUM, "Di", "Rossi", "Azure Database Administrator Associate", "2025-08-19", "2026-08-19"),
    (&ADATUM, "Gus", "Meyer", "Fabric Analytics Engineer Associate", "2025-12-01", "2026-12-01"),
    (&ADATUM, "Hal", "Ibrahim", "Azure Cosmos DB Developer Specialty", "2025-07-07", "2026-07-07"),
    (&ADATUM, "Ivy", "Chen", "Azure Databricks Data Engineer Associate", "2026-02-27", "2027-02-27"),
    (&ADATUM, "Jo", "Alvarez", "SQL AI Developer Associate", "2026-03-18", "2027-03-18"),
    (&ADATUM, "Ed", "Walsh", "Azure Network Engineer Associate", "2025-10-10", "2026-10-10"),
    (&ADATUM, "Fay", "Dubois", "Azure Developer Associate", "2025-05-05", "2026-11-05"),
    (&ADATUM, "Fay", "Dubois", "Azure DevOps Engineer Expert", "2025-09-09", "2026-09-09"),
    // Expired on 2026-03-01: it no longer counts on 2026-05-31.
    (&ADATUM, "Kai", "Novak", "Azure AI Engineer Associate", "2025-03-01", "2026-03-01"),
    (&PROSEWARE, "Kim", "Sato", "Azure Administrator Associate", "2025-02-14", "2027-02-14"),
    (&PROSEWARE, "Kim", "Sato", "Windows Server Hybrid Administrator Associate", "2025-06-02", "2026-12-02"),
    (&PROSEWARE, "Lee", "Moreau", "Azure Network Engineer Associate", "2025-09-23", "2026-09-23"),
    (&PROSEWARE, "Max", "Kowalski", "Windows Server Hybrid Administrator Associate", "2026-01-08", "2027-01-08"),
    (&PROSEWARE, "Nia", "Osei", "Azure Solutions Architect Expert", "2025-11-30", "2026-11-30"),
    (&PROSEWARE, "Nia", "Osei", "Azure Virtual Desktop Specialty", "2026-02-02", "2027-02-02"),
    (&PROSEWARE, "Oli", "Haddad", "Azure for SAP Workloads Specialty", "2025-08-08", "2026-08-08"),
    (&TREY, "Pia", "Larsen", "Azure Security Engineer Associate", "2025-04-14", "2026-10-14"),
    (&TREY, "Pia", "Larsen", "Security Operations Analyst Associate", "2025-07-21", "2026-07-21"),
    (&TREY, "Pia", "Larsen", "Cybersecurity Architect Expert", "2026-01-12", "2027-01-12"),
    (&TREY, "Quinn", "Abara", "Cloud and AI Security Engineer Associate", "2026-03-03", "2027-03-03"),
    (&TREY, "Quinn", "Abara", "Security Operations Analyst Associate", "2025-12-15", "2026-12-15"),
    (&TREY, "Quinn", "Abara", "Identity and Access Administrator Associate", "2025-10-01", "2026-10-01"),
    (&TREY, "Ray", "Tanaka", "Information Security Administrator Associate", "2026-04-09", "2027-04-09"),
    (&TREY, "Tia", "Brennan", "Azure Security Engineer Associate", "2025-11-11", "2026-11-11"),
];

fn training() -> Vec<Vec<String>> {
    TRAINING
        .iter()
        .enumerate()
        .map(|(n, (p, first, last, title, done, expires))| {
            let domain = p.name.split(' ').next().unwrap_or("partner").to_lowercase();
            let email = format!("{}@{domain}.example", first.to_lowercase());
            vec![
                p.id.to_string(),
                format!("{}", 700_000 + n),
                format!("Microsoft Certified: {title}"),
                "Certification".to_string(),
                first.to_string(),
                last.to_string(),
                email.clone(),
                email,
                done.to_string(),
                expires.to_string(),
                "Active".to_string(),
                "2026-05-01".to_string(),
                "Yes".to_string(),
                format!("{}", 9_100_000 + n),
                p.id.to_string(),
                p.name.to_string(),
                p.city.to_string(),
                "United States".to_string(),
            ]
        })
        .collect()
}

const SEAT_COLUMNS: [&str; 10] = [
    "Partner ID",
    "Partner Name",
    "Customer ID",
    "Customer Name",
    "Workload",
    "Active Users",
    "Qualified Licences",
    "SKU Type",
    "Association",
    "Snapshot Date",
];

/// Active and paid seats of one workload at one customer.
type Seats = (u32, u32);

/// A customer's seats of one workload: (customer id, name, workload,
/// association, a year before, now).
type SeatRow = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    Option<Seats>,
    Seats,
);

/// Trey's Microsoft 365 security seats: (customer id, name, workload,
/// association, a year before (active, paid), now (active, paid)).
#[rustfmt::skip]
const SEATS: &[SeatRow] = &[
    ("d4000003-0001", "Contoso Pharmaceuticals", "Microsoft Entra ID P1", "CPOR", Some((400, 800)), (600, 1000)),
    ("d4000003-0002", "Fabrikam Residences", "Microsoft Defender for Endpoint P2", "CSP Tier 1", None, (50, 400)),
    ("d4000003-0003", "Trey Research", "Intune", "CPOR", Some((10, 100)), (100, 120)),
    ("d4000003-0004", "Wingtip Toys", "Microsoft Defender for Office 365", "CSP Tier 2", None, (30, 50)),
    ("d4000003-0005", "Litware Inc.", "Microsoft Entra ID P1", "DPOR", None, (400, 500)),
    ("d4000003-0006", "Tailwind Traders", "Microsoft Purview Information Protection", "CPOR", None, (200, 250)),
    ("d4000003-0007", "Proseware, Inc.", "Microsoft Defender for Identity", "CSP Tier 1", None, (150, 200)),
    ("d4000003-0008", "Bellows College", "Microsoft Defender for Endpoint P1", "CPOR", None, (80, 100)),
];

fn seats() -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    for (snapshot, year_before) in [("2025-05-31", true), ("2026-05-31", false)] {
        for (id, name, workload, association, then, now) in SEATS {
            let figures = if year_before { *then } else { Some(*now) };
            let Some((active, paid)) = figures else {
                continue;
            };
            rows.push(vec![
                TREY.id.to_string(),
                TREY.name.to_string(),
                id.to_string(),
                name.to_string(),
                workload.to_string(),
                active.to_string(),
                paid.to_string(),
                "Paid".to_string(),
                association.to_string(),
                snapshot.to_string(),
            ]);
        }
    }
    rows
}

/// Writes the sample's files into `dir` (made if missing).
pub fn write(dir: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    write_csv(
        &dir.join("AzureUsage-2026-06.csv"),
        &AZURE_USAGE_COLUMNS,
        &azure_usage(-12, 0, MonthStyle::Iso, false),
    )?;
    write_csv(
        &dir.join("AzureUsage-2025-06.csv"),
        &AZURE_USAGE_COLUMNS,
        &azure_usage(-24, -12, MonthStyle::Us, true),
    )?;
    write_csv(
        &dir.join("TrainingCompletions.csv"),
        &TRAINING_COLUMNS,
        &training(),
    )?;
    write_csv(
        &dir.join("M365-security-seats.csv"),
        &SEAT_COLUMNS,
        &seats(),
    )
}
