//! `.modern-work/modern-work.xlsx`: the Solutions Partner for Modern Work
//! sample (`--rules solutions-partner-modern-work --as-of 2026-09-30`).
//!
//! Three partners, two Partner Center snapshots (2025-09-30 and 2026-09-30)
//! in one `Customers` sheet, and their transcripts: one that qualifies on
//! the Enterprise path, one on the SMB path, and one with more than 70
//! points that fails only the per-metric minimum. `samples/README.md` works
//! every figure out by hand.
//!
//! The folder is hidden so that `--input samples` (the competency samples)
//! never reads it: a hidden folder is passed over unless named.

use std::path::Path;

use rust_xlsxwriter::XlsxError;

use super::Cell::{self, Date, Id, Num, Text};
use super::{Formats, new_workbook, write_table};

const CONTOSO: Cell = Id(2_000_001.0);
const CONTOSO_N: Cell = Text("Contoso Modern Work");
const FABRIKAM: Cell = Id(2_000_002.0);
const FABRIKAM_N: Cell = Text("Fabrikam SMB Services");
const LAKESHORE: Cell = Id(2_000_003.0);
const LAKESHORE_N: Cell = Text("Lakeshore Workplace");

const EXO: Cell = Text("Exchange Online");
const SPO: Cell = Text("SharePoint Online");
const TEAMS: Cell = Text("Microsoft Teams");
const APPS: Cell = Text("Microsoft 365 Apps");
const PAID: Cell = Text("Paid");
const CPOR: Cell = Text("CPOR");
const DPOR: Cell = Text("DPOR");
const TIER1: Cell = Text("CSP Tier 1");
const TIER2: Cell = Text("CSP Tier 2");
const THEN: Cell = Date(2025, 9, 30);
const NOW: Cell = Date(2026, 9, 30);

const CUSTOMER_COLUMNS: [(&str, f64); 11] = [
    ("Partner ID", 12.0),
    ("Partner Name", 24.0),
    ("Customer ID", 12.0),
    ("Customer Name", 26.0),
    ("Workload", 20.0),
    ("Active Users", 13.0),
    ("Qualified Licences", 18.0),
    ("SKU Type", 10.0),
    ("Association", 13.0),
    ("Customer Since", 15.0),
    ("Snapshot Date", 14.0),
];

/// Every customer row of both snapshots; the hand-worked table in
/// samples/README.md follows this order.
#[rustfmt::skip]
const CUSTOMERS: [[Cell; 11]; 37] = [
    // Contoso: Enterprise customers (more than 300 seats).
    [CONTOSO, CONTOSO_N, Text("E-01"), Text("Alpine Ski House"), EXO, Num(1500.0), Num(2000.0), PAID, DPOR, Date(2019, 5, 1), THEN],
    [CONTOSO, CONTOSO_N, Text("E-05"), Text("Coho Vineyard"), EXO, Num(700.0), Num(900.0), PAID, DPOR, Date(2020, 2, 1), THEN],
    [CONTOSO, CONTOSO_N, Text("E-06"), Text("Lamna Healthcare"), TEAMS, Num(400.0), Num(900.0), PAID, CPOR, Date(2018, 4, 9), THEN],
    [CONTOSO, CONTOSO_N, Text("E-01"), Text("Alpine Ski House"), EXO, Num(2400.0), Num(2500.0), PAID, DPOR, Date(2019, 5, 1), NOW],
    [CONTOSO, CONTOSO_N, Text("E-01"), Text("Alpine Ski House"), TEAMS, Num(1200.0), Num(2500.0), PAID, DPOR, Date(2019, 5, 1), NOW],
    [CONTOSO, CONTOSO_N, Text("E-02"), Text("Bellows College"), EXO, Num(1000.0), Num(1200.0), PAID, CPOR, Date(2026, 1, 15), NOW],
    [CONTOSO, CONTOSO_N, Text("E-03"), Text("Contoso Pharmaceuticals"), SPO, Num(250.0), Num(600.0), PAID, DPOR, Date(2025, 11, 3), NOW],
    [CONTOSO, CONTOSO_N, Text("E-04"), Text("Datum Corporation"), EXO, Num(100.0), Num(400.0), PAID, TIER1, Cell::Blank, NOW],
    [CONTOSO, CONTOSO_N, Text("E-06"), Text("Lamna Healthcare"), TEAMS, Num(420.0), Num(900.0), PAID, CPOR, Date(2018, 4, 9), NOW],
    [CONTOSO, CONTOSO_N, Text("E-07"), Text("Litware Inc."), Text("Dynamics 365 Sales"), Num(800.0), Num(900.0), PAID, CPOR, Date(2026, 2, 2), NOW],
    // Fabrikam: SMB customers (11 to 300 seats).
    [FABRIKAM, FABRIKAM_N, Text("S-06"), Text("Margie's Travel"), EXO, Num(60.0), Num(300.0), PAID, CPOR, Date(2021, 3, 1), THEN],
    [FABRIKAM, FABRIKAM_N, Text("S-07"), Text("Northwind Traders"), SPO, Num(60.0), Num(200.0), PAID, TIER2, Date(2022, 6, 1), THEN],
    [FABRIKAM, FABRIKAM_N, Text("S-09"), Text("Proseware"), EXO, Num(30.0), Num(40.0), PAID, TIER2, Date(2023, 1, 10), THEN],
    [FABRIKAM, FABRIKAM_N, Text("S-01"), Text("Adventure Works"), EXO, Num(40.0), Num(50.0), PAID, TIER2, Date(2026, 2, 1), NOW],
    [FABRIKAM, FABRIKAM_N, Text("S-02"), Text("Blue Yonder Airlines"), EXO, Num(15.0), Num(60.0), PAID, TIER2, Date(2025, 12, 10), NOW],
    [FABRIKAM, FABRIKAM_N, Text("S-03"), Text("City Power & Light"), TEAMS, Num(90.0), Num(120.0), PAID, CPOR, Date(2026, 6, 20), NOW],
    [FABRIKAM, FABRIKAM_N, Text("S-04"), Text("Fourth Coffee"), APPS, Num(25.0), Num(25.0), PAID, TIER2, Date(2026, 3, 5), NOW],
    [FABRIKAM, FABRIKAM_N, Text("S-05"), Text("Graphic Design Institute"), EXO, Num(8.0), Num(12.0), PAID, TIER2, Date(2026, 8, 1), NOW],
    [FABRIKAM, FABRIKAM_N, Text("S-06"), Text("Margie's Travel"), EXO, Num(280.0), Num(300.0), PAID, CPOR, Date(2021, 3, 1), NOW],
    [FABRIKAM, FABRIKAM_N, Text("S-07"), Text("Northwind Traders"), SPO, Num(150.0), Num(200.0), PAID, TIER2, Date(2022, 6, 1), NOW],
    [FABRIKAM, FABRIKAM_N, Text("S-08"), Text("Relecloud"), EXO, Num(8.0), Num(8.0), PAID, TIER2, Date(2026, 4, 1), NOW],
    [FABRIKAM, FABRIKAM_N, Text("S-10"), Text("School of Fine Art"), EXO, Num(30.0), Num(35.0), PAID, TIER2, Date(2026, 5, 12), NOW],
    [FABRIKAM, FABRIKAM_N, Text("S-11"), Text("Southridge Video"), TEAMS, Num(45.0), Num(60.0), PAID, TIER2, Date(2025, 10, 20), NOW],
    [FABRIKAM, FABRIKAM_N, Text("S-12"), Text("Trey Research"), EXO, Num(50.0), Num(50.0), Text("Trial"), TIER2, Date(2026, 7, 1), NOW],
    // Lakeshore: SMB customers; more than 70 points, no advanced certification.
    [LAKESHORE, LAKESHORE_N, Text("W-01"), Text("Woodgrove Bank"), EXO, Num(50.0), Num(300.0), PAID, CPOR, Date(2020, 9, 1), THEN],
    [LAKESHORE, LAKESHORE_N, Text("W-02"), Text("Wide World Importers"), TEAMS, Num(40.0), Num(290.0), PAID, CPOR, Date(2021, 1, 4), THEN],
    [LAKESHORE, LAKESHORE_N, Text("W-01"), Text("Woodgrove Bank"), EXO, Num(300.0), Num(300.0), PAID, CPOR, Date(2020, 9, 1), NOW],
    [LAKESHORE, LAKESHORE_N, Text("W-02"), Text("Wide World Importers"), TEAMS, Num(290.0), Num(290.0), PAID, CPOR, Date(2021, 1, 4), NOW],
    [LAKESHORE, LAKESHORE_N, Text("W-03"), Text("A. Datum Logistics"), EXO, Num(20.0), Num(25.0), PAID, TIER1, Date(2025, 10, 1), NOW],
    [LAKESHORE, LAKESHORE_N, Text("W-04"), Text("Consolidated Messenger"), EXO, Num(30.0), Num(40.0), PAID, TIER1, Date(2025, 11, 1), NOW],
    [LAKESHORE, LAKESHORE_N, Text("W-05"), Text("Fabrikam Residences"), SPO, Num(25.0), Num(50.0), PAID, TIER1, Date(2025, 12, 1), NOW],
    [LAKESHORE, LAKESHORE_N, Text("W-06"), Text("Humongous Insurance"), EXO, Num(45.0), Num(60.0), PAID, TIER1, Date(2026, 1, 1), NOW],
    [LAKESHORE, LAKESHORE_N, Text("W-07"), Text("Lucerne Publishing"), TEAMS, Num(18.0), Num(30.0), PAID, TIER1, Date(2026, 2, 1), NOW],
    [LAKESHORE, LAKESHORE_N, Text("W-08"), Text("Munson's Pickles"), APPS, Num(12.0), Num(15.0), PAID, TIER1, Date(2026, 3, 1), NOW],
    [LAKESHORE, LAKESHORE_N, Text("W-09"), Text("Nod Publishers"), EXO, Num(55.0), Num(70.0), PAID, TIER1, Date(2026, 4, 1), NOW],
    [LAKESHORE, LAKESHORE_N, Text("W-10"), Text("Olympia Group"), EXO, Num(5.0), Num(40.0), PAID, Text("Delegated Administrator"), Date(2026, 5, 1), NOW],
    [LAKESHORE, LAKESHORE_N, Text("W-11"), Text("Tailspin Toys"), EXO, Num(20.0), Num(24.0), PAID, TIER1, Date(2026, 10, 3), Date(2026, 10, 31)],
];

const TRANSCRIPT_COLUMNS: [(&str, f64); 5] = [
    ("Partner ID", 12.0),
    ("Person ID", 30.0),
    ("Person Name", 18.0),
    ("Credential", 62.0),
    ("Date Passed", 13.0),
];

#[rustfmt::skip]
const TRANSCRIPTS: [[Cell; 5]; 12] = [
    [CONTOSO, Text("ana@contoso.example"), Text("Ana Costa"), Text("Exam MS-102: Microsoft 365 Administrator"), Date(2025, 3, 4)],
    [CONTOSO, Text("ana@contoso.example"), Text("Ana Costa"), Text("Exam MD-102: Endpoint Administrator"), Date(2024, 11, 20)],
    [CONTOSO, Text("ben@contoso.example"), Text("Ben Idowu"), Text("Microsoft 365 Certified: Enterprise Administrator Expert"), Date(2023, 6, 12)],
    [CONTOSO, Text("chen@contoso.example"), Text("Chen Wei"), Text("Exam MS-700: Managing Microsoft Teams"), Date(2026, 2, 17)],
    [CONTOSO, Text("dara@contoso.example"), Text("Dara Byrne"), Text("Exam MS-721: Collaboration Communications Systems Engineer"), Date(2026, 7, 8)],
    [FABRIKAM, Text("eva@fabrikam-smb.example"), Text("Eva Novak"), Text("Exam MS-700: Managing Microsoft Teams"), Date(2025, 9, 1)],
    [FABRIKAM, Text("finn@fabrikam-smb.example"), Text("Finn Berg"), Text("Microsoft 365 Certified: Endpoint Administrator Associate"), Date(2026, 1, 30)],
    [FABRIKAM, Text("gia@fabrikam-smb.example"), Text("Gia Russo"), Text("Exam MS-102: Microsoft 365 Administrator"), Date(2026, 4, 14)],
    [LAKESHORE, Text("hugo@lakeshore.example"), Text("Hugo Lenz"), Text("Exam MS-700: Managing Microsoft Teams"), Date(2025, 10, 2)],
    [LAKESHORE, Text("ines@lakeshore.example"), Text("Ines Duarte"), Text("Exam MD-102: Endpoint Administrator"), Date(2026, 3, 19)],
    [LAKESHORE, Text("ines@lakeshore.example"), Text("Ines Duarte"), Text("Exam MS-102: Microsoft 365 Administrator"), Date(2026, 10, 6)],
    [LAKESHORE, Text("jon@lakeshore.example"), Text("Jon Park"), Text("Exam AZ-104: Microsoft Azure Administrator"), Date(2026, 5, 5)],
];

/// Writes the Modern Work sample workbook at `path` (its folder is made).
pub fn write(path: &Path) -> Result<(), XlsxError> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(XlsxError::IoError)?;
    }
    let mut workbook = new_workbook("Modern Work - Partner Center snapshots")?;
    let formats = Formats::new("yyyy-mm-dd");
    let sheet = workbook.add_worksheet().set_name("Customers")?;
    write_table(sheet, &formats, 0, &CUSTOMER_COLUMNS, &CUSTOMERS)?;
    let sheet = workbook.add_worksheet().set_name("Transcripts")?;
    write_table(sheet, &formats, 0, &TRANSCRIPT_COLUMNS, &TRANSCRIPTS)?;
    workbook.save(path)
}
