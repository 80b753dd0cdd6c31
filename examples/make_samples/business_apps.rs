//! `.business-applications/`: the Solutions Partner for Business
//! Applications sample (`--as-of 2026-05-15`: month −1 is April 2026, month
//! −13 April 2025), Partner Center's two Business Applications downloads
//! over 13 months for two partners, and their transcripts:
//!
//! - `4000101 Contoso Dynamics/`: the revenue and usage downloads as CSV,
//!   as Partner Center writes them (UTF-8 with a byte-order mark, CRLF,
//!   fiscal month names); an Enterprise-track partner that qualifies.
//! - `4000102 Fabrikam Apps/business-applications.xlsx`: both downloads
//!   saved as one workbook (sheets `Revenue` and `Usage`, numbers as number
//!   cells); an SMB-track partner held back by its usage baseline.
//! - `transcripts.csv`: both partners' people.
//!
//! Only April 2025 and April 2026 decide the score; the months between are
//! the download's other rows, drawn on a straight line between a series'
//! first and last month. `samples/README.md` works every figure out by hand.

use std::path::Path;

use rust_xlsxwriter::{Format, XlsxError};

use super::business_apps_downloads::{REVENUE_COLUMNS, USAGE_COLUMNS, fiscal_month_name};
use super::new_workbook;

/// The partners: id, name.
const CONTOSO: (&str, &str) = ("4000101", "Contoso Dynamics");
const FABRIKAM: (&str, &str) = ("4000102", "Fabrikam Apps");

/// Months of the downloads, as (year, month): April 2025 to April 2026.
const FIRST: (i32, u32) = (2025, 4);
const MONTHS: u32 = 13;

/// One revenue series: a subscription's workload under one association,
/// from its first to its last month (index from April 2025), its revenue
/// going from `from` to `to` in a straight line.
struct Revenue {
    tenant: &'static str,
    tenant_name: &'static str,
    subscription: &'static str,
    category: &'static str,
    workload: &'static str,
    association: &'static str,
    months: (u32, u32),
    from: f64,
    to: f64,
}

/// One usage series, like [`Revenue`]: users (PAMAU) or, for a capacity
/// workload, profiles (MAC).
struct Usage {
    tenant: &'static str,
    tenant_name: &'static str,
    subscription: &'static str,
    metric: &'static str,
    category: &'static str,
    workload: &'static str,
    sku_group: &'static str,
    association: &'static str,
    months: (u32, u32),
    from: f64,
    to: f64,
    capacity: bool,
}

const ALL: (u32, u32) = (0, 12);

#[allow(clippy::too_many_arguments)]
const fn rev(
    tenant: (&'static str, &'static str),
    subscription: &'static str,
    category: &'static str,
    workload: &'static str,
    association: &'static str,
    months: (u32, u32),
    from: f64,
    to: f64,
) -> Revenue {
    Revenue {
        tenant: tenant.0,
        tenant_name: tenant.1,
        subscription,
        category,
        workload,
        association,
        months,
        from,
        to,
    }
}

#[allow(clippy::too_many_arguments)]
const fn use_(
    tenant: (&'static str, &'static str),
    subscription: &'static str,
    metric: &'static str,
    category: &'static str,
    workload: &'static str,
    sku_group: &'static str,
    association: &'static str,
    months: (u32, u32),
    from: f64,
    to: f64,
    capacity: bool,
) -> Usage {
    Usage {
        tenant: tenant.0,
        tenant_name: tenant.1,
        subscription,
        metric,
        category,
        workload,
        sku_group,
        association,
        months,
        from,
        to,
        capacity,
    }
}

const ALPINE: (&str, &str) = ("7a1c0001-0000-4000-8000-000000000001", "Alpine Ski House");
const BELLOWS: (&str, &str) = ("7a1c0001-0000-4000-8000-000000000002", "Bellows College");
const COHO: (&str, &str) = ("7a1c0001-0000-4000-8000-000000000003", "Coho Winery");
const DATUM: (&str, &str) = ("7a1c0001-0000-4000-8000-000000000004", "Datum Corporation");
const FOURTH: (&str, &str) = ("7a1c0001-0000-4000-8000-000000000005", "Fourth Coffee");
const GRAPHIC: (&str, &str) = (
    "7a1c0001-0000-4000-8000-000000000006",
    "Graphic Design Institute",
);
const HUMONGOUS: (&str, &str) = (
    "7a1c0001-0000-4000-8000-000000000007",
    "Humongous Insurance",
);

const LAMNA: (&str, &str) = ("7a1c0002-0000-4000-8000-000000000001", "Lamna Healthcare");
const LITWARE: (&str, &str) = ("7a1c0002-0000-4000-8000-000000000002", "Litware Inc.");
const MARGIE: (&str, &str) = ("7a1c0002-0000-4000-8000-000000000003", "Margie's Travel");
const NOD: (&str, &str) = ("7a1c0002-0000-4000-8000-000000000004", "Nod Publishers");
const PROSEWARE: (&str, &str) = ("7a1c0002-0000-4000-8000-000000000005", "Proseware, Inc.");
const RELECLOUD: (&str, &str) = ("7a1c0002-0000-4000-8000-000000000006", "Relecloud");
const SCHOOL: (&str, &str) = ("7a1c0002-0000-4000-8000-000000000007", "School of Fine Art");

const D365: &str = "Dynamics 365";
const PP: &str = "Power Platform";

/// Contoso's revenue, in the order samples/README.md lists it.
#[rustfmt::skip]
const CONTOSO_REVENUE: &[Revenue] = &[
    rev(ALPINE, "A-BC", D365, "Business Central", "CSP T1", ALL, 6000.0, 6500.0),
    // The same subscription under a second attribution: counted once.
    rev(ALPINE, "A-BC", D365, "Business Central", "DPOR", ALL, 6000.0, 6500.0),
    rev(ALPINE, "A-SAL", D365, "Dynamics 365 Sales", "DPOR", ALL, 5500.0, 6000.0),
    rev(ALPINE, "A-PA", PP, "Power Apps", "CSP T1", (7, 12), 900.0, 1600.0),
    rev(BELLOWS, "B-FIN", D365, "Finance", "CPOR RevRec", ALL, 8000.0, 8200.0),
    rev(BELLOWS, "B-SCM", D365, "Supply Chain", "CPOR RevRec", ALL, 5200.0, 5000.0),
    rev(BELLOWS, "B-PO", D365, "Project Operations", "CPOR OSA", (5, 12), 3000.0, 5100.0),
    rev(COHO, "C-CS", D365, "Customer Service", "CSP T2", ALL, 5001.0, 5600.0),
    // A credit in April 2026.
    rev(COHO, "C-CS", D365, "Customer Service", "CSP T2", (12, 12), -300.0, -300.0),
    rev(DATUM, "D-PBI", PP, "Power BI", "CSP T1", ALL, 1499.99, 800.0),
    rev(DATUM, "D-PBI", PP, "Power BI", "DPOR", (12, 12), 800.0, 800.0),
    rev(FOURTH, "F-BC", D365, "Business Central", "DPOR", (9, 12), 1200.0, 2400.0),
    rev(FOURTH, "F-FS", D365, "Field Service", "DPOR", (11, 12), 1500.0, 1500.0),
    rev(GRAPHIC, "G-PAU", PP, "Power Automate", "PAL", ALL, 3000.0, 3000.0),
    rev(HUMONGOUS, "H-SAL", D365, "Sales", "CPOR OSU", ALL, 9000.0, 9000.0),
    // May 2026, the as-of date's own month: not complete, not read.
    rev(ALPINE, "A-BC", D365, "Business Central", "CSP T1", (13, 13), 6500.0, 6500.0),
];

#[rustfmt::skip]
const CONTOSO_USAGE: &[Usage] = &[
    use_(ALPINE, "A-BC", "Paid", D365, "Business Central", "Essentials", "CSP T1", ALL, 30.0, 36.0, false),
    use_(ALPINE, "A-BCT", "Trial", D365, "Business Central", "Essentials", "CSP T1", ALL, 5.0, 5.0, false),
    use_(ALPINE, "A-SAL", "Paid", D365, "Sales", "Enterprise", "CPOR RevRec", ALL, 50.0, 60.0, false),
    use_(BELLOWS, "B-FIN", "Paid", D365, "Finance", "Finance", "CPOR OSU", ALL, 150.0, 120.0, false),
    use_(BELLOWS, "B-PO", "Paid", D365, "Project Operations", "Project Operations", "CPOR OSU", (6, 12), 10.0, 30.0, false),
    use_(COHO, "C-CS", "Paid", D365, "Customer Service", "Enterprise", "CSP T2", ALL, 40.0, 45.0, false),
    use_(COHO, "C-FS", "Paid", D365, "Field Service", "Enterprise", "CSP T2", (10, 12), 6.0, 10.0, false),
    use_(GRAPHIC, "G-PA", "Paid", PP, "Power Apps", "Per User", "PAL", ALL, 20.0, 25.0, false),
    use_(GRAPHIC, "G-CI", "Paid", D365, "Customer Insights", "Profiles", "PAL", (8, 12), 30000.0, 60000.0, true),
    use_(FOURTH, "F-BC", "Paid", D365, "Business Central", "Essentials", "DPOR", (9, 12), 2.0, 4.0, false),
    use_(HUMONGOUS, "H-CI", "Paid", D365, "Customer Insights", "Profiles", "DPOR", ALL, 40000.0, 40000.0, true),
    use_(HUMONGOUS, "H-SAL", "Paid", D365, "Sales", "Enterprise", "CPOR OSU", ALL, 60.0, 60.0, false),
];

#[rustfmt::skip]
const FABRIKAM_REVENUE: &[Revenue] = &[
    rev(LAMNA, "L-BC", D365, "Business Central", "CSP T2", ALL, 5400.0, 5800.0),
    rev(LAMNA, "L-PBI", PP, "Power BI", "CSP T2", ALL, 300.0, 320.0),
    rev(LITWARE, "T-BC", D365, "Business Central", "CSP T2", ALL, 6000.0, 6100.0),
    rev(LITWARE, "T-PA", PP, "Power Apps", "DPOR", (4, 12), 2000.0, 5200.0),
    rev(MARGIE, "M-SAL", D365, "Sales", "CSP T1", ALL, 4800.0, 5500.0),
    rev(MARGIE, "M-CS", D365, "Customer Service", "CSP T1", (8, 12), 3000.0, 5050.0),
    rev(NOD, "N-BC", D365, "Business Central", "CSP T2", (6, 12), 2500.0, 5001.0),
    rev(NOD, "N-PAU", PP, "Power Automate", "CSP T2", (10, 12), 250.0, 250.0),
    rev(PROSEWARE, "P-PBI", PP, "Power BI", "CSP T2", (0, 8), 260.0, 200.0),
    rev(RELECLOUD, "R-PA", PP, "Power Apps", "CSP T2", (11, 12), 249.99, 249.99),
    rev(SCHOOL, "S-CS", PP, "Copilot Studio", "PAL", (9, 12), 900.0, 900.0),
];

#[rustfmt::skip]
const FABRIKAM_USAGE: &[Usage] = &[
    use_(LAMNA, "L-BC", "Paid", D365, "Business Central", "Essentials", "CSP T2", ALL, 12.0, 15.0, false),
    use_(LAMNA, "L-PBI", "Paid", PP, "Power BI", "Pro", "CSP T2", ALL, 10.0, 12.0, false),
    use_(LITWARE, "T-BC", "Paid", D365, "Business Central", "Essentials", "CSP T2", ALL, 8.0, 9.0, false),
    use_(LITWARE, "T-PA", "Paid", PP, "Power App", "Per App", "PAL", (4, 12), 10.0, 30.0, false),
    use_(LITWARE, "T-PAT", "Trial", PP, "Power App", "Per User", "PAL", ALL, 100.0, 100.0, false),
    use_(MARGIE, "M-SAL", "Paid", D365, "Sales", "Professional", "CSP T1", ALL, 10.0, 30.0, false),
    use_(MARGIE, "M-CS", "Paid", D365, "Customer Service", "Professional", "CSP T1", (8, 12), 2.0, 5.0, false),
    use_(NOD, "N-BC", "Paid", D365, "Business Central", "Premium", "CSP T2", (6, 12), 3.0, 6.0, false),
];

/// A person's transcript row: partner id, email, name, credential, passed.
type Transcript = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
);

#[rustfmt::skip]
const TRANSCRIPTS: &[Transcript] = &[
    ("4000101", "ana@contoso-dyn.example", "Ana Costa", "Microsoft Certified: Dynamics 365 Business Central Functional Consultant Associate", "2024-10-02"),
    ("4000101", "ana@contoso-dyn.example", "Ana Costa", "Microsoft Certified: Dynamics 365 Business Central Developer Associate", "2025-06-18"),
    ("4000101", "ben@contoso-dyn.example", "Ben Idowu", "Microsoft Certified: Dynamics 365 Finance Functional Consultant Associate", "2024-03-11"),
    ("4000101", "ben@contoso-dyn.example", "Ben Idowu", "Microsoft Certified: Dynamics 365 Supply Chain Management Functional Consultant Associate", "2025-01-21"),
    ("4000101", "chen@contoso-dyn.example", "Chen Wei", "Microsoft Certified: Power Platform Functional Consultant Associate", "2025-09-09"),
    ("4000101", "dara@contoso-dyn.example", "Dara Byrne", "Microsoft Certified: Power Platform Developer Associate", "2024-12-01"),
    ("4000101", "dara@contoso-dyn.example", "Dara Byrne", "Microsoft Certified: Power Platform Solution Architect Expert", "2025-11-14"),
    ("4000101", "eli@contoso-dyn.example", "Eli Sato", "Microsoft Certified: Power BI Data Analyst Associate", "2025-02-27"),
    ("4000101", "fay@contoso-dyn.example", "Fay Okafor", "Microsoft Certified: Dynamics 365 Customer Service Functional Consultant Associate", "2025-04-30"),
    ("4000101", "gus@contoso-dyn.example", "Gus Lind", "Microsoft Certified: Dynamics 365 Field Service Functional Consultant Associate", "2025-05-05"),
    ("4000101", "hana@contoso-dyn.example", "Hana Kim", "Microsoft Certified: Power Automate RPA Developer Associate", "2025-03-01"),
    ("4000101", "ivo@contoso-dyn.example", "Ivo Maric", "Microsoft Certified: Dynamics 365 Customer Experience Analyst Associate", "2025-08-19"),
    ("4000101", "jin@contoso-dyn.example", "Jin Park", "Microsoft Certified: Dynamics 365 Sales AI Consultant Associate", "2026-01-12"),
    ("4000101", "kai@contoso-dyn.example", "Kai Braun", "Microsoft Certified: Intelligent Applications Builder Associate", "2026-02-03"),
    ("4000101", "lea@contoso-dyn.example", "Lea Roth", "Microsoft Certified: Dynamics 365 Contact Center AI Engineer Associate", "2026-03-23"),
    ("4000101", "max@contoso-dyn.example", "Max Vidal", "Microsoft Certified: Dynamics 365: Finance and Operations Apps Developer Associate", "2024-07-15"),
    ("4000101", "noa@contoso-dyn.example", "Noa Levi", "Microsoft Certified: Data Analyst Associate", "2023-05-10"),
    ("4000101", "oto@contoso-dyn.example", "Oto Horvat", "Microsoft Certified: Dynamics 365: Finance and Operations Apps Solution Architect Expert", "2025-10-28"),
    ("4000101", "pia@contoso-dyn.example", "Pia Nieminen", "Microsoft Certified: Agentic AI Business Solutions Architect", "2026-04-09"),
    // Not counted: retired in 2021, not on the page's lists, passed after the as-of date.
    ("4000101", "quin@contoso-dyn.example", "Quin Adams", "Microsoft Certified: Dynamics 365 + Power Platform Solution Architect Expert", "2020-11-30"),
    ("4000101", "rui@contoso-dyn.example", "Rui Santos", "Microsoft Certified: Dynamics 365 Sales Functional Consultant Associate", "2024-02-14"),
    ("4000101", "sol@contoso-dyn.example", "Sol Ortega", "Microsoft Certified: Dynamics 365 Supply Chain Management Functional Consultant Expert", "2026-05-20"),
    ("4000102", "uma@fabrikam-apps.example", "Uma Rao", "Microsoft Certified: Dynamics 365 Business Central Functional Consultant Associate", "2025-07-07"),
    ("4000102", "vik@fabrikam-apps.example", "Vik Shah", "Microsoft Certified: Power Platform Functional Consultant Associate", "2025-12-02"),
    ("4000102", "wen@fabrikam-apps.example", "Wen Li", "Microsoft Certified: Power BI Data Analyst Associate", "2026-01-19"),
    ("4000102", "xia@fabrikam-apps.example", "Xia Chen", "Microsoft Certified: Power Platform Solution Architect Expert", "2026-02-25"),
];

/// Month `i` after April 2025: its calendar (year, month).
fn month(i: u32) -> (i32, u32) {
    let index = FIRST.0 * 12 + FIRST.1 as i32 - 1 + i as i32;
    (index.div_euclid(12), index.rem_euclid(12) as u32 + 1)
}

/// Month `i` after April 2025 as Partner Center's fiscal month name.
fn fiscal_name(i: u32) -> String {
    let (year, m) = month(i);
    fiscal_month_name(year, m)
}

/// A series' value in month `i` (on the line from its first to last month).
fn value_at(months: (u32, u32), from: f64, to: f64, i: u32) -> Option<f64> {
    if i < months.0 || i > months.1 {
        return None;
    }
    if months.1 == months.0 {
        return Some(to);
    }
    let t = f64::from(i - months.0) / f64::from(months.1 - months.0);
    Some(from + (to - from) * t)
}

/// One download row's cells: text, or a number.
enum Out {
    Text(String),
    Number(f64),
    Blank,
}

fn revenue_rows(partner: (&str, &str), series: &[Revenue]) -> Vec<Vec<Out>> {
    let mut rows = Vec::new();
    for i in 0..=MONTHS {
        for s in series {
            let Some(v) = value_at(s.months, s.from, s.to, i) else {
                continue;
            };
            rows.push(vec![
                Out::Text(fiscal_name(i)),
                Out::Text(partner.0.into()),
                Out::Text(partner.1.into()),
                Out::Text(s.association.into()),
                Out::Text(format!("C-{}", &s.tenant[s.tenant.len() - 4..])),
                Out::Text(s.tenant_name.into()),
                Out::Text(s.tenant.into()),
                Out::Text(s.tenant_name.into()),
                Out::Text(s.subscription.into()),
                Out::Text("2024-07-01".into()),
                Out::Text("United States".into()),
                Out::Text(s.category.into()),
                Out::Text(s.workload.into()),
                Out::Number((v * 100.0).round() / 100.0),
            ]);
        }
    }
    rows
}

fn usage_rows(partner: (&str, &str), series: &[Usage]) -> Vec<Vec<Out>> {
    let mut rows = Vec::new();
    for i in 0..MONTHS {
        for s in series {
            let Some(v) = value_at(s.months, s.from, s.to, i) else {
                continue;
            };
            let v = v.round();
            let (pamau, mac, mau) = if s.capacity {
                (Out::Blank, Out::Number(v), Out::Blank)
            } else {
                // All monthly active users: a few more than the partner's.
                (
                    Out::Number(v),
                    Out::Blank,
                    Out::Number(v + (v / 10.0).ceil()),
                )
            };
            rows.push(vec![
                Out::Text(fiscal_name(i)),
                Out::Text(partner.0.into()),
                Out::Text(partner.1.into()),
                Out::Text(s.association.into()),
                Out::Text(format!("C-{}", &s.tenant[s.tenant.len() - 4..])),
                Out::Text(s.tenant_name.into()),
                Out::Text(s.tenant.into()),
                Out::Text(s.tenant_name.into()),
                Out::Text(s.subscription.into()),
                Out::Text("2024-07-01".into()),
                Out::Text(s.metric.into()),
                Out::Text(s.category.into()),
                Out::Text(s.workload.into()),
                Out::Text(s.sku_group.into()),
                pamau,
                mac,
                mau,
            ]);
        }
    }
    rows
}

/// Writes a download as Partner Center does: UTF-8 with a byte-order mark,
/// CRLF line ends, amounts with two decimals.
fn write_csv(
    path: &Path,
    columns: &[&str],
    rows: &[Vec<Out>],
) -> Result<(), Box<dyn std::error::Error>> {
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    {
        let mut writer = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(&mut bytes);
        writer.write_record(columns)?;
        for row in rows {
            let fields: Vec<String> = row
                .iter()
                .zip(columns)
                .map(|(cell, column)| match cell {
                    Out::Text(t) => t.clone(),
                    Out::Number(n) if *column == "AdjustedRevenueAmtCD" => format!("{n:.2}"),
                    Out::Number(n) => format!("{n}"),
                    Out::Blank => String::new(),
                })
                .collect();
            writer.write_record(&fields)?;
        }
        writer.flush()?;
    }
    std::fs::write(path, bytes)?;
    Ok(())
}

/// A sheet to write: its name, columns and rows.
type Sheet<'a> = (&'a str, &'a [&'a str], &'a [Vec<Out>]);

/// Writes both downloads into one workbook, a sheet each.
fn write_workbook(path: &Path, sheets: [Sheet<'_>; 2]) -> Result<(), XlsxError> {
    let mut workbook = new_workbook("Business Applications revenue and usage")?;
    let bold = Format::new().set_bold();
    let money = Format::new().set_num_format("#,##0.00");
    for (name, columns, rows) in sheets {
        let sheet = workbook.add_worksheet().set_name(name)?;
        for (c, header) in columns.iter().enumerate() {
            sheet.write_string_with_format(0, c as u16, *header, &bold)?;
            sheet.set_column_width(c as u16, header.len().max(12) as f64 + 2.0)?;
        }
        for (r, row) in rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                let (r, c) = (r as u32 + 1, c as u16);
                match cell {
                    Out::Text(t) => sheet.write_string(r, c, t)?,
                    Out::Number(n) if columns[c as usize] == "AdjustedRevenueAmtCD" => {
                        sheet.write_number_with_format(r, c, *n, &money)?
                    }
                    Out::Number(n) => sheet.write_number(r, c, *n)?,
                    Out::Blank => continue,
                };
            }
        }
    }
    workbook.save(path)
}

/// Writes the sample folder `dir` (made if missing); returns what it wrote.
pub fn write(dir: &Path) -> Result<Vec<std::path::PathBuf>, Box<dyn std::error::Error>> {
    let contoso = dir.join(format!("{} {}", CONTOSO.0, CONTOSO.1));
    let fabrikam = dir.join(format!("{} {}", FABRIKAM.0, FABRIKAM.1));
    std::fs::create_dir_all(&contoso)?;
    std::fs::create_dir_all(&fabrikam)?;
    let mut written = Vec::new();

    let path = contoso.join("BusinessApplicationsRevenue.csv");
    write_csv(
        &path,
        &REVENUE_COLUMNS,
        &revenue_rows(CONTOSO, CONTOSO_REVENUE),
    )?;
    written.push(path);
    let path = contoso.join("BusinessApplicationsUsage.csv");
    write_csv(&path, &USAGE_COLUMNS, &usage_rows(CONTOSO, CONTOSO_USAGE))?;
    written.push(path);

    let path = fabrikam.join("business-applications.xlsx");
    let revenue = revenue_rows(FABRIKAM, FABRIKAM_REVENUE);
    let usage = usage_rows(FABRIKAM, FABRIKAM_USAGE);
    write_workbook(
        &path,
        [
            ("Revenue", &REVENUE_COLUMNS, &revenue),
            ("Usage", &USAGE_COLUMNS, &usage),
        ],
    )?;
    written.push(path);

    let path = dir.join("transcripts.csv");
    let mut text = String::from("Partner ID,Person ID,Person Name,Credential,Date Passed\r\n");
    for (partner, email, name, credential, passed) in TRANSCRIPTS {
        text.push_str(&format!(
            "{partner},{email},{name},\"{credential}\",{passed}\r\n"
        ));
    }
    std::fs::write(&path, text)?;
    written.push(path);
    Ok(written)
}
