//! Writes the small, hand-checked sample input workbooks in `samples/`.
//!
//! Run from the repository root:
//!
//! ```text
//! cargo run --example make_samples -- samples
//! ```
//!
//! The single argument is the output directory (default `samples`); it is
//! created if missing. Three workbooks and one text export are written:
//!
//! - `northwind-distribution.xlsx`: English headers, numeric partner ids,
//!   sheets `Customers` (two title rows, a blank row, the header on row 4,
//!   three deliberately bad rows and a `Total` row), `Transcripts` and
//!   `Partners` (the partner master list).
//! - `partnerportal-de.xlsx`: German headers and values, partner ids stored
//!   as text, sheets `Kunden` (one title row) and `Prüfungen`.
//! - `.azure/`: the sample of the designations scored from Azure consumed
//!   revenue and of Security: two `AzureUsage` downloads a year apart,
//!   `TrainingCompletions` and Microsoft 365 security seats (see
//!   `make_samples/azure.rs`).
//! - `.modern-work-monthly/`: Modern Work month by month from Partner
//!   Center's Insights downloads, laid out as the routine's inbox and
//!   archive (see `make_samples/modern_work_monthly.rs`).
//! - `.business-applications/`: the Solutions Partner for Business
//!   Applications sample, Partner Center's revenue and usage downloads over
//!   13 months for two partners, and transcripts (see
//!   `make_samples/business_apps.rs`).
//! - `1000006 Wingtip Partners/LicenseUsage.csv`: a Partner Center license
//!   usage download as it comes (UTF-8 with a byte-order mark, Partner
//!   Center's own column names, two monthly snapshots, no Partner ID column:
//!   the folder's name says whose it is).
//!
//! The expected evaluation of every partner, and the expected problems with
//! their cells, are documented in `samples/README.md`; integration tests
//! assert them, so change the data here and the README together.

use std::path::{Path, PathBuf};

#[path = "make_samples/azure.rs"]
mod azure;
#[path = "shared/azure_usage.rs"]
mod azure_usage;
#[path = "make_samples/business_apps.rs"]
mod business_apps;
#[path = "shared/business_apps_downloads.rs"]
mod business_apps_downloads;
#[path = "make_samples/modern_work_monthly.rs"]
mod modern_work_monthly;

use rust_xlsxwriter::{
    DocProperties, ExcelDateTime, Format, FormatBorder, Workbook, Worksheet, XlsxError,
};

const EXAM_346: &str = "Exam 70-346: Managing Office 365 Identities and Requirements";
const EXAM_347: &str = "Exam 70-347: Enabling Office 365 Services";
const MCSA: &str = "MCSA: Office 365";
const EXAM_533: &str = "Exam 70-533: Implementing Microsoft Azure Infrastructure Solutions";

/// One cell value of a data row.
#[derive(Clone, Copy)]
enum Cell {
    /// A number, shown with a thousands separator.
    Num(f64),
    /// A partner id stored as a number, shown without separators.
    Id(f64),
    /// A text cell.
    Text(&'static str),
    /// A date (year, month, day), written with the workbook's date format.
    Date(u16, u8, u8),
    /// An empty cell.
    Blank,
}

use Cell::{Blank, Date, Id, Num, Text};

/// Cell formats shared by all sheets of a workbook.
struct Formats {
    title: Format,
    header: Format,
    number: Format,
    date: Format,
    total: Format,
    total_number: Format,
}

impl Formats {
    fn new(date_format: &str) -> Self {
        Formats {
            title: Format::new().set_bold().set_font_size(14),
            header: Format::new()
                .set_bold()
                .set_border_bottom(FormatBorder::Thin),
            number: Format::new().set_num_format("#,##0"),
            date: Format::new().set_num_format(date_format),
            total: Format::new().set_bold(),
            total_number: Format::new().set_bold().set_num_format("#,##0"),
        }
    }
}

/// A workbook with fixed document properties, so that rerunning this example
/// produces byte-identical files (no "created now" timestamp).
fn new_workbook(title: &str) -> Result<Workbook, XlsxError> {
    let mut workbook = Workbook::new();
    let created = ExcelDateTime::from_ymd(2017, 9, 30)?.and_hms(8, 0, 0)?;
    let properties = DocProperties::new()
        .set_title(title)
        .set_author("competency-report make_samples")
        .set_creation_datetime(&created);
    workbook.set_properties(&properties);
    Ok(workbook)
}

/// Writes a bold header row at zero-based `row`, the data rows below it, sets
/// the column widths and freezes the header. Returns the zero-based index of
/// the row after the last data row.
fn write_table<const N: usize>(
    sheet: &mut Worksheet,
    formats: &Formats,
    row: u32,
    columns: &[(&str, f64); N],
    rows: &[[Cell; N]],
) -> Result<u32, XlsxError> {
    for (col, (name, width)) in (0u16..).zip(columns) {
        sheet.set_column_width(col, *width)?;
        sheet.write_string_with_format(row, col, *name, &formats.header)?;
    }
    let mut r = row + 1;
    for cells in rows {
        for (col, cell) in (0u16..).zip(cells) {
            match *cell {
                Num(n) => {
                    sheet.write_number_with_format(r, col, n, &formats.number)?;
                }
                Id(n) => {
                    sheet.write_number(r, col, n)?;
                }
                Text(s) => {
                    sheet.write_string(r, col, s)?;
                }
                Date(y, m, d) => {
                    let date = ExcelDateTime::from_ymd(y, m, d)?;
                    sheet.write_datetime_with_format(r, col, &date, &formats.date)?;
                }
                Blank => {}
            }
        }
        r += 1;
    }
    sheet.set_freeze_panes(row + 1, 0)?;
    Ok(r)
}

// ---------------------------------------------------------------------------
// northwind-distribution.xlsx (English)
// ---------------------------------------------------------------------------

const FAB: Cell = Id(1_000_001.0);
const FAB_N: Cell = Text("Fabrikam Cloud Services");
const FAB_C: Cell = Text("United States");
const TAIL: Cell = Id(1_000_002.0);
const TAIL_N: Cell = Text("Tailspin IT");
const TAIL_C: Cell = Text("Germany");
const LAGOS: Cell = Id(1_000_003.0);
const LAGOS_N: Cell = Text("Contoso Lagos");
const LAGOS_C: Cell = Text("Nigeria");
const LIT: Cell = Id(1_000_004.0);
const LIT_N: Cell = Text("Litware UK");
const LIT_C: Cell = Text("United Kingdom");
const EXO: Cell = Text("Exchange Online");
const SPO: Cell = Text("SharePoint Online");
const PAID: Cell = Text("Paid");
const DAP: Cell = Text("DAP");
const TRANSACTING: Cell = Text("Transacting Partner");

/// Customers sheet columns. Active Users is column F, Association column H;
/// `samples/README.md` names cells in these columns.
const CUSTOMER_COLUMNS: [(&str, f64); 9] = [
    ("Partner ID", 12.0),
    ("Partner Name", 25.0),
    ("Customer ID", 13.0),
    ("Customer Name", 26.0),
    ("Workload", 20.0),
    ("Active Users", 13.0),
    ("SKU Type", 10.0),
    ("Association", 26.0),
    ("Country", 16.0),
];

/// Customers data. The header is on Excel row 4, so the first entry here is
/// Excel row 5; the comments give the Excel row of the entry that follows.
#[rustfmt::skip]
const CUSTOMERS: [[Cell; 9]; 19] = [
    // row 5
    [FAB, FAB_N, Text("C-1001"), Text("Alpine Ski House"), EXO, Num(2500.0), PAID, DAP, FAB_C],
    [FAB, FAB_N, Text("C-1001"), Text("Alpine Ski House"), SPO, Num(3000.0), PAID, DAP, FAB_C],
    [FAB, FAB_N, Text("C-1002"), Text("Blue Yonder Airlines"), EXO, Num(1800.0), PAID, TRANSACTING, FAB_C],
    [FAB, FAB_N, Text("C-1002"), Text("Blue Yonder Airlines"), Text("Office 365 ProPlus"), Num(1200.0), PAID, TRANSACTING, FAB_C],
    [FAB, FAB_N, Text("C-1002"), Text("Blue Yonder Airlines"), Text("Dynamics 365"), Num(800.0), PAID, TRANSACTING, FAB_C],
    // row 10: BAD, negative Active Users (F10)
    [FAB, FAB_N, Text("C-1003"), Text("Coho Winery"), EXO, Num(-5.0), PAID, DAP, FAB_C],
    // row 11
    [TAIL, TAIL_N, Text("C-2001"), Text("Fourth Coffee"), SPO, Num(1400.0), PAID, Text("DPOR"), TAIL_C],
    [TAIL, TAIL_N, Text("C-2001"), Text("Fourth Coffee"), Text("Microsoft Teams"), Num(5000.0), PAID, Text("DPOR"), TAIL_C],
    [TAIL, TAIL_N, Text("C-2002"), Text("Graphic Design Institute"), SPO, Num(700.0), PAID, Text("Fast Track Partner"), TAIL_C],
    [TAIL, TAIL_N, Text("C-2003"), Text("Humongous Insurance"), EXO, Num(1900.0), PAID, Text("Digital Partner of Record"), TAIL_C],
    // row 15: BAD, Active Users is text (F15)
    [TAIL, TAIL_N, Text("C-2004"), Text("Lucerne Publishing"), EXO, Text("n/a"), PAID, Text("Delegated Administrator"), TAIL_C],
    // row 16
    [LAGOS, LAGOS_N, Text("C-3001"), Text("Adventure Works Nigeria"), EXO, Num(1200.0), PAID, TRANSACTING, LAGOS_C],
    [LAGOS, LAGOS_N, Text("C-3001"), Text("Adventure Works Nigeria"), Text("Yammer"), Num(300.0), PAID, TRANSACTING, LAGOS_C],
    // row 18: BAD, unrecognised Association (H18)
    [LAGOS, LAGOS_N, Text("C-3002"), Text("Wide World Importers"), EXO, Num(900.0), PAID, Text("Reseller"), LAGOS_C],
    // row 19
    [LIT, LIT_N, Text("C-4001"), Text("Margie's Travel"), EXO, Num(1200.0), PAID, DAP, LIT_C],
    [LIT, LIT_N, Text("C-4001"), Text("Margie's Travel"), Text("Skype for Business"), Num(400.0), PAID, DAP, LIT_C],
    [LIT, LIT_N, Text("C-4002"), Text("Northwind Traders"), EXO, Num(750.0), PAID, TRANSACTING, LIT_C],
    [LIT, LIT_N, Text("C-4003"), Text("Proseware"), EXO, Num(600.0), Text("Trial"), DAP, LIT_C],
    [LIT, LIT_N, Text("C-4004"), Text("Relecloud"), EXO, Num(300.0), PAID, Text("None"), LIT_C],
    // row 24: the Total row, written separately
];

const TRANSCRIPT_COLUMNS: [(&str, f64); 5] = [
    ("Partner ID", 12.0),
    ("Person ID", 30.0),
    ("Person Name", 16.0),
    ("Credential", 64.0),
    ("Date Passed", 13.0),
];

#[rustfmt::skip]
const TRANSCRIPTS: [[Cell; 5]; 8] = [
    [FAB, Text("alice@fabrikam.example"), Text("Alice Wong"), Text(EXAM_346), Date(2017, 3, 14)],
    [FAB, Text("alice@fabrikam.example"), Text("Alice Wong"), Text(EXAM_347), Date(2017, 4, 20)],
    [FAB, Text("bob@fabrikam.example"), Text("Bob Kelly"), Text(MCSA), Date(2016, 11, 2)],
    [FAB, Text("erin@fabrikam.example"), Text("Erin Hagens"), Text(EXAM_533), Date(2017, 6, 8)],
    [TAIL, Text("carol@tailspin.example"), Text("Carol Philips"), Text(MCSA), Date(2017, 1, 25)],
    [LAGOS, Text("dave@contoso-lagos.example"), Text("Dave Adeyemi"), Text(EXAM_346), Date(2017, 2, 10)],
    [LAGOS, Text("dave@contoso-lagos.example"), Text("Dave Adeyemi"), Text(EXAM_347), Date(2017, 5, 18)],
    [LIT, Text("dan@litware.example"), Text("Dan Park"), Text(EXAM_346), Date(2017, 8, 1)],
];

const PARTNER_COLUMNS: [(&str, f64); 5] = [
    ("Partner ID", 12.0),
    ("Partner Name", 25.0),
    ("Country", 16.0),
    ("Market", 10.0),
    ("Contact Email", 34.0),
];

/// The master list. Market is blank for Tailspin (Germany: mature) and
/// Contoso Lagos (Nigeria: emerging), so those come from the country.
#[rustfmt::skip]
const PARTNERS: [[Cell; 5]; 4] = [
    [FAB, FAB_N, FAB_C, Text("Mature"), Text("competency@fabrikam.example")],
    [TAIL, TAIL_N, TAIL_C, Blank, Text("competency@tailspin.example")],
    [LAGOS, LAGOS_N, LAGOS_C, Blank, Text("competency@contoso-lagos.example")],
    [LIT, LIT_N, LIT_C, Text("Mature"), Text("competency@litware.example")],
];

/// Writes `northwind-distribution.xlsx`.
fn northwind(path: &Path) -> Result<(), XlsxError> {
    let mut workbook = new_workbook("Northwind Distribution - Office 365 customers")?;
    let formats = Formats::new("yyyy-mm-dd");

    let sheet = workbook.add_worksheet().set_name("Customers")?;
    let title = "Northwind Distribution - Office 365 customers";
    sheet.write_string_with_format(0, 0, title, &formats.title)?;
    sheet.write_string(1, 0, "Exported 2017-09-30")?;
    let next = write_table(sheet, &formats, 3, &CUSTOMER_COLUMNS, &CUSTOMERS)?;
    // The export's own total below the data: no partner id, the word Total in
    // Customer Name and the sum of every numeric Active Users cell.
    let total: f64 = CUSTOMERS
        .iter()
        .filter_map(|r| match r[5] {
            Num(n) => Some(n),
            _ => None,
        })
        .sum();
    sheet.write_string_with_format(next, 3, "Total", &formats.total)?;
    sheet.write_number_with_format(next, 5, total, &formats.total_number)?;

    let sheet = workbook.add_worksheet().set_name("Transcripts")?;
    write_table(sheet, &formats, 0, &TRANSCRIPT_COLUMNS, &TRANSCRIPTS)?;

    let sheet = workbook.add_worksheet().set_name("Partners")?;
    write_table(sheet, &formats, 0, &PARTNER_COLUMNS, &PARTNERS)?;

    workbook.save(path)
}

// ---------------------------------------------------------------------------
// partnerportal-de.xlsx (German, partner ids as text)
// ---------------------------------------------------------------------------

const ADATUM: Cell = Text("1000005");
const ADATUM_N: Cell = Text("Adatum GmbH");
const DE: Cell = Text("Deutschland");
const PAID_DE: Cell = Text("Kostenpflichtig");

/// Kunden columns, deliberately in a different order from the English file.
/// Aktive Benutzer is column G.
const KUNDEN_COLUMNS: [(&str, f64); 9] = [
    ("Kunden-ID", 11.0),
    ("Kundenname", 24.0),
    ("Partner-ID", 12.0),
    ("Partnername", 16.0),
    ("Land", 13.0),
    ("Arbeitslast", 18.0),
    ("Aktive Benutzer", 16.0),
    ("SKU-Typ", 16.0),
    ("Zuordnung", 12.0),
];

/// Kunden data. Title on Excel row 1, header on row 2, data from row 3.
#[rustfmt::skip]
const KUNDEN: [[Cell; 9]; 5] = [
    // row 3
    [Text("K-5001"), Text("Bäckerei Müller KG"), ADATUM, ADATUM_N, DE, EXO, Num(1100.0), PAID_DE, DAP],
    [Text("K-5002"), Text("Schreinerei Weiß GmbH"), ADATUM, ADATUM_N, DE, EXO, Num(1100.0), PAID_DE, DAP],
    [Text("K-5003"), Text("Autohaus Köhler"), ADATUM, ADATUM_N, DE, EXO, Num(2000.0), Text("Testversion"), DAP],
    [Text("K-5001"), Text("Bäckerei Müller KG"), ADATUM, ADATUM_N, DE, Text("Yammer"), Num(400.0), PAID_DE, Text("Keine")],
    // row 7: same partner, customer and workload as row 4; counts once (1,100)
    [Text("K-5002"), Text("Schreinerei Weiß GmbH"), ADATUM, ADATUM_N, DE, EXO, Num(900.0), PAID_DE, DAP],
];

const PRUEFUNGEN_COLUMNS: [(&str, f64); 5] = [
    ("Partner-ID", 12.0),
    ("Personen-ID", 32.0),
    ("Name", 16.0),
    ("Prüfung", 64.0),
    ("Bestanden am", 14.0),
];

#[rustfmt::skip]
const PRUEFUNGEN: [[Cell; 5]; 5] = [
    [ADATUM, Text("juergen.gross@adatum.example"), Text("Jürgen Groß"), Text(EXAM_346), Date(2017, 3, 2)],
    [ADATUM, Text("juergen.gross@adatum.example"), Text("Jürgen Groß"), Text(EXAM_347), Date(2017, 5, 11)],
    [ADATUM, Text("sabine.mueller@adatum.example"), Text("Sabine Müller"), Text(EXAM_346), Date(2017, 4, 6)],
    [ADATUM, Text("sabine.mueller@adatum.example"), Text("Sabine Müller"), Text(EXAM_347), Date(2017, 6, 22)],
    // Tailspin IT (also in the English file) gains a second qualified person.
    [Text("1000002"), Text("lena.schaefer@tailspin.example"), Text("Lena Schäfer"), Text(MCSA), Date(2017, 7, 19)],
];

/// Writes `partnerportal-de.xlsx`.
fn partnerportal_de(path: &Path) -> Result<(), XlsxError> {
    let mut workbook = new_workbook("Partnerportal Kundenexport")?;
    let formats = Formats::new("dd.mm.yyyy");

    let sheet = workbook.add_worksheet().set_name("Kunden")?;
    let title = "Partnerportal – Kundenexport (Stand 30.09.2017)";
    sheet.write_string_with_format(0, 0, title, &formats.title)?;
    write_table(sheet, &formats, 1, &KUNDEN_COLUMNS, &KUNDEN)?;

    let sheet = workbook.add_worksheet().set_name("Prüfungen")?;
    write_table(sheet, &formats, 0, &PRUEFUNGEN_COLUMNS, &PRUEFUNGEN)?;

    workbook.save(path)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let out = std::env::args_os()
        .nth(1)
        .map_or_else(|| PathBuf::from("samples"), PathBuf::from);
    std::fs::create_dir_all(&out)?;

    let path = out.join("northwind-distribution.xlsx");
    northwind(&path)?;
    println!("wrote {}", path.display());

    let path = out.join("partnerportal-de.xlsx");
    partnerportal_de(&path)?;
    println!("wrote {}", path.display());

    let folder = out.join("1000006 Wingtip Partners");
    std::fs::create_dir_all(&folder)?;
    let path = folder.join("LicenseUsage.csv");
    license_usage(&path)?;
    println!("wrote {}", path.display());

    let path = out.join(".azure");
    azure::write(&path)?;
    println!("wrote {}", path.display());

    let path = out.join(".modern-work-monthly");
    modern_work_monthly::write(&path)?;
    println!("wrote {}", path.display());
    for path in business_apps::write(&out.join(".business-applications"))? {
        println!("wrote {}", path.display());
    }
    Ok(())
}

/// Partner Center's license-usage columns, as its analytics API names them.
const LICENSE_USAGE_COLUMNS: [&str; 9] = [
    "customerTenantId",
    "customerName",
    "productName",
    "workloadCode",
    "workloadName",
    "channel",
    "licensesActive",
    "licensesQualified",
    "processedDateTime",
];

/// Wingtip Partners' license usage: an August and a September snapshot.
const LICENSE_USAGE: [[&str; 9]; 8] = [
    [
        "7f3c2a10-5d1e-4c8a-9b2f-000000006001",
        "Trey Research",
        "OFFICE 365 E3",
        "EXO",
        "Exchange",
        "Reseller",
        "1100",
        "1200",
        "8/31/2017 12:00:00 AM",
    ],
    [
        "7f3c2a10-5d1e-4c8a-9b2f-000000006002",
        "Woodgrove Bank",
        "OFFICE 365 E1",
        "EXO",
        "Exchange",
        "Reseller",
        "900",
        "950",
        "8/31/2017 12:00:00 AM",
    ],
    [
        "7f3c2a10-5d1e-4c8a-9b2f-000000006001",
        "Trey Research",
        "OFFICE 365 E3",
        "EXO",
        "Exchange",
        "Reseller",
        "1450",
        "1500",
        "9/28/2017 12:00:00 AM",
    ],
    [
        "7f3c2a10-5d1e-4c8a-9b2f-000000006001",
        "Trey Research",
        "OFFICE 365 E3",
        "SPO",
        "SharePoint",
        "Reseller",
        "900",
        "1500",
        "9/28/2017 12:00:00 AM",
    ],
    [
        "7f3c2a10-5d1e-4c8a-9b2f-000000006002",
        "Woodgrove Bank",
        "OFFICE 365 E1",
        "EXO",
        "Exchange",
        "Reseller",
        "700",
        "750",
        "9/28/2017 12:00:00 AM",
    ],
    [
        "7f3c2a10-5d1e-4c8a-9b2f-000000006003",
        "Southridge Video",
        "OFFICE 365 E3 TRIAL",
        "EXO",
        "Exchange",
        "Reseller",
        "400",
        "400",
        "9/28/2017 12:00:00 AM",
    ],
    [
        "7f3c2a10-5d1e-4c8a-9b2f-000000006004",
        "Lamna Healthcare",
        "YAMMER ENTERPRISE",
        "YAM",
        "Yammer",
        "Direct",
        "250",
        "250",
        "9/28/2017 12:00:00 AM",
    ],
    [
        "7f3c2a10-5d1e-4c8a-9b2f-000000006005",
        "Lamna Healthcare, Inc.",
        "DYNAMICS 365 FOR SALES",
        "CRM",
        "Dynamics 365",
        "Reseller",
        "80",
        "100",
        "9/28/2017 12:00:00 AM",
    ],
];

/// Writes the Partner Center download.
fn license_usage(path: &Path) -> Result<(), Box<dyn std::error::Error>> {
    write_csv(path, &LICENSE_USAGE_COLUMNS, &LICENSE_USAGE)
}

/// Writes a Partner Center download as it comes: UTF-8 with a byte-order
/// mark and CRLF line ends.
fn write_csv<R: AsRef<[S]>, S: AsRef<[u8]>>(
    path: &Path,
    columns: &[&str],
    rows: &[R],
) -> Result<(), Box<dyn std::error::Error>> {
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    {
        let mut writer = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(&mut bytes);
        writer.write_record(columns)?;
        for row in rows {
            writer.write_record(row.as_ref())?;
        }
        writer.flush()?;
    }
    std::fs::write(path, bytes)?;
    Ok(())
}
