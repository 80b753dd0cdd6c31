//! Generates large, realistic input workbooks for benchmarking
//! `competency-report`.
//!
//! ```text
//! cargo run --release --example generate -- --partners 50000 --files 8 --out /tmp/bench [--seed 42] [--expected /tmp/bench-expected.csv] [--no-master] [--csv | --designation | --azure [--xlsx] | --business-apps]
//! ```
//!
//! Writes into `--out` (created if missing):
//!
//! - `customers-NNN.xlsx`, `NNN` = 000 .. files-1: customer rows, about 20 per
//!   partner. Partners are split into `--files` contiguous blocks; file `NNN`
//!   holds its block's rows plus ~5% of the previous block's rows (so some
//!   partners span two files). A sheet holds at most 1,000,000 data rows;
//!   larger files get further sheets (`Customers 2`, `Kunden 2`, ...).
//! - `transcripts-NNN.xlsx`: exam transcript rows, about 4 per partner, same
//!   partner blocks (no spill-over).
//! - `partners.xlsx`: the master list (`Partner ID`, `Partner Name`, `Country`,
//!   `Market`, `Contact Email`) for all partners, with `Market` blank for ~20%
//!   of them (the country decides). Skipped with `--no-master`.
//!
//! Even-numbered files are English (`Customers` / `Transcripts`, partner ids
//! mostly numbers), odd-numbered ones German (`Kunden` / `Prüfungen`, German
//! headers, `Kostenpflichtig`/`Testversion`, `Keine`, German country names in
//! `Land`, a different column order, partner ids mostly text); ~15% of ids are
//! written as the other type. Files 0, 1 and 2 (mod 4) have title rows above
//! the header. Partner ids are 1000000 + index, countries ~70% mature and ~30%
//! emerging (India, Nigeria, Kenya, Viet Nam).
//!
//! Customer rows mix counted workloads with non-counted ones (`Microsoft
//! Teams`, `Dynamics 365`, `OneDrive for Business`, `Power BI`, `Intune`), have
//! ~10% trials and all associations including `None`/`Keine`. ~1% of rows
//! repeat a customer+workload with another count (possibly in the next file;
//! counts once, the larger), and ~0.1% are bad: Active Users `n/a`/`k. A.` or
//! negative, or association `Reseller`/`Wiederverkäufer`. Transcripts include
//! non-qualifying credentials, among them `MCSA: Windows Server 2016` (an MCSA
//! that is not `MCSA: Office 365`).
//!
//! With `--csv` the customer files are Partner Center-shaped text exports
//! instead, `customers-NNN.csv`: the same rows (so the same evaluation and
//! the same `--expected` file), in UTF-8 with a byte-order mark, comma-
//! separated, under Partner Center's column names (`MPNId`, `PartnerName`,
//! `customerTenantId`, `customerName`, `productName`, `workloadName`,
//! `licensesActive`, `licensesQualified`, `processedDateTime`) plus
//! `Association` and `Country`; a trial is a product named `... TRIAL`, and
//! every row is of one snapshot (`9/28/2017 12:00:00 AM`). Transcripts and the
//! master list stay workbooks.
//!
//! With `--designation` the customer and transcript files are shaped for a
//! Solutions Partner designation instead (`--rules
//! solutions-partner-modern-work --as-of 2026-09-30`): two snapshots,
//! qualified licences, customer-since dates and the designation's
//! credentials; see `generate/designation.rs`. The master list is the same.
//!
//! With `--azure` the files are Partner Center's `AzureUsage` and
//! `TrainingCompletions` downloads for the designations scored from Azure
//! consumed revenue (`--rules solutions-partner-data-ai --as-of
//! 2026-06-30`); `--xlsx` beside it writes the usage rows into workbooks
//! instead; see `generate/azure.rs`. No master list.
//!
//! With `--business-apps` the files are Partner Center's Business
//! Applications revenue and usage downloads and transcripts
//! (`--rules solutions-partner-business-applications --as-of 2026-05-15`);
//! see `generate/business_apps.rs`. No master list.
//!
//! Output is a pure function of `--partners` and `--seed` (which rows) and
//! `--files` (where they go); files are byte-identical between runs. Files are
//! written in parallel (rayon) with constant-memory worksheets, so memory stays
//! flat. With `--expected PATH` it also writes a CSV
//! (`partner_id,partner_name,country,market,best_workload,active_entitlements,qualified_people,level`)
//! of every partner's expected evaluation, computed from the same generated
//! rows, for cross-checking the tool.
//!
//! Timing on a 2-core machine, N = 50,000 (1,043,511 customer rows, 212,183
//! transcript rows, ~55 MB): about 3.6 s with `--files 8`, 6 s with `--files 1`
//! (one customer file with two sheets).

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::Instant;

use rayon::prelude::*;
use rust_xlsxwriter::{
    DocProperties, ExcelDateTime, Format, FormatBorder, Workbook, Worksheet, XlsxError,
};

#[path = "generate/azure.rs"]
mod azure;
#[path = "shared/azure_usage.rs"]
mod azure_usage;
#[path = "generate/business_apps.rs"]
mod business_apps;
#[path = "shared/business_apps_downloads.rs"]
mod business_apps_downloads;
#[path = "generate/designation.rs"]
mod designation;

/// Data rows per sheet; Excel allows 1,048,576 rows including header/title.
const MAX_DATA_ROWS: u32 = 1_000_000;

// ---------------------------------------------------------------------------
// Deterministic random numbers
// ---------------------------------------------------------------------------

/// SplitMix64 finaliser, used to derive independent seeds.
fn mix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// xorshift64* generator.
struct Rng(u64);

impl Rng {
    /// A generator for one purpose (`stream`) of one partner under `seed`.
    fn new(seed: u64, stream: u64, partner: u32) -> Self {
        let s = mix(mix(seed ^ mix(stream)) ^ u64::from(partner));
        Rng(if s == 0 { 0x2545_F491_4F6C_DD1D } else { s })
    }

    fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// Uniform in `0..n` (n > 0).
    fn below(&mut self, n: u32) -> u32 {
        (((self.next_u64() >> 32) * u64::from(n)) >> 32) as u32
    }

    /// True with probability `per_mille` / 1000.
    fn chance(&mut self, per_mille: u32) -> bool {
        self.below(1000) < per_mille
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u32) as usize]
    }
}

const STREAM_PARTNER: u64 = 1;
const STREAM_CUSTOMERS: u64 = 2;
const STREAM_PEOPLE: u64 = 3;

// ---------------------------------------------------------------------------
// Vocabulary
// ---------------------------------------------------------------------------

struct Country {
    en: &'static str,
    de: &'static str,
    emerging: bool,
    suffix: &'static str,
}

/// Weighted by repetition: ~70% mature, ~30% emerging partners.
#[rustfmt::skip]
const COUNTRIES: &[Country] = &[
    Country { en: "United States", de: "Vereinigte Staaten", emerging: false, suffix: "Inc." },
    Country { en: "United States", de: "Vereinigte Staaten", emerging: false, suffix: "LLC" },
    Country { en: "Germany", de: "Deutschland", emerging: false, suffix: "GmbH" },
    Country { en: "Germany", de: "Deutschland", emerging: false, suffix: "AG" },
    Country { en: "United Kingdom", de: "Vereinigtes Königreich", emerging: false, suffix: "Ltd" },
    Country { en: "France", de: "Frankreich", emerging: false, suffix: "SAS" },
    Country { en: "Netherlands", de: "Niederlande", emerging: false, suffix: "B.V." },
    Country { en: "Australia", de: "Australien", emerging: false, suffix: "Pty Ltd" },
    Country { en: "Japan", de: "Japan", emerging: false, suffix: "K.K." },
    Country { en: "Canada", de: "Kanada", emerging: false, suffix: "Inc." },
    Country { en: "India", de: "Indien", emerging: true, suffix: "Pvt Ltd" },
    Country { en: "Nigeria", de: "Nigeria", emerging: true, suffix: "Ltd" },
    Country { en: "Kenya", de: "Kenia", emerging: true, suffix: "Ltd" },
    Country { en: "Viet Nam", de: "Vietnam", emerging: true, suffix: "JSC" },
];

const NAME_A: &[&str] = &[
    "Blue", "North", "Alpine", "Silver", "Red", "Bright", "Cloud", "Harbor", "Summit", "Cedar",
    "Falcon", "Granite", "Lakeside", "Nova", "Pioneer", "River", "Stone", "Sun", "Vertex", "West",
];
const NAME_B: &[&str] = &[
    "Bridge",
    "Wave",
    "Peak",
    "Point",
    "Field",
    "Gate",
    "Line",
    "Path",
    "Works",
    "Forge",
    "Port",
    "Spring",
    "Tech",
    "Logic",
    "Systems",
    "Networks",
    "Solutions",
    "Digital",
    "Data",
    "Sky",
];
const PARTNER_KIND: &[&str] = &[
    "IT",
    "Consulting",
    "Cloud Services",
    "Technologies",
    "Systems",
];
const CUSTOMER_KIND: &[&str] = &[
    "Bakery",
    "Logistics",
    "Insurance",
    "Airlines",
    "Winery",
    "Publishing",
    "Hospital",
    "Retail",
    "Engineering",
    "Law Firm",
    "Bank",
    "Hotels",
    "Motors",
    "Foods",
    "Pharma",
    "School District",
];
const FIRST: &[&str] = &[
    "Anna", "Ben", "Chloe", "David", "Elena", "Farid", "Grace", "Hiro", "Ines", "Jonas", "Kemi",
    "Lukas", "Maria", "Nikhil", "Olga", "Pedro", "Quynh", "Rahul", "Sofia", "Tobias", "Uchenna",
    "Vera", "Wanjiru", "Xavier", "Yuki", "Zoe", "Jürgen", "Søren", "Amélie", "Thanh",
];
const LAST: &[&str] = &[
    "Smith", "Müller", "Schmidt", "Okafor", "Patel", "Nguyen", "Kamau", "Tanaka", "Dubois",
    "Jansen", "Brown", "Garcia", "Weber", "Groß", "Sharma", "Adeyemi", "Otieno", "Tran", "Wilson",
    "Schäfer", "Rossi", "Kowalski", "Novak", "Ivanova", "Lee",
];

/// Workloads; the first five are counted. Weighted by repetition.
const WORKLOADS: &[&str] = &[
    "Exchange Online",
    "SharePoint Online",
    "Skype for Business",
    "Yammer",
    "Office 365 ProPlus",
    "Microsoft Teams",
    "Dynamics 365",
    "OneDrive for Business",
    "Power BI",
    "Intune",
];
const COUNTED_WORKLOADS: usize = 5;
/// Indices into `WORKLOADS` with weights (Exchange and SharePoint are common).
const WORKLOAD_WEIGHTS: &[usize] = &[0, 0, 0, 0, 1, 1, 1, 2, 2, 3, 4, 4, 5, 5, 6, 7, 8, 9];

/// (English value, German value, counts?)
const ASSOCIATIONS: &[(&str, &str, bool)] = &[
    ("DAP", "DAP", true),
    ("DAP", "DAP", true),
    ("DAP", "DAP", true),
    ("Delegated Administrator", "Delegated Administrator", true),
    ("Transacting Partner", "Transacting Partner", true),
    ("Transacting Partner", "Transacting Partner", true),
    ("DPOR", "DPOR", true),
    ("DPOR", "DPOR", true),
    (
        "Digital Partner of Record",
        "Digital Partner of Record",
        true,
    ),
    ("Fast Track Partner", "Fast Track Partner", true),
    ("None", "Keine", false),
    ("None", "Keine", false),
];

const EXAM_346: &str = "Exam 70-346: Managing Office 365 Identities and Requirements";
const EXAM_347: &str = "Exam 70-347: Enabling Office 365 Services";
const MCSA: &str = "MCSA: Office 365";
const OTHER_EXAMS: &[&str] = &[
    "Exam 70-533: Implementing Microsoft Azure Infrastructure Solutions",
    "Exam 70-532: Developing Microsoft Azure Solutions",
    "Exam 70-339: Managing Microsoft SharePoint Server 2016",
    "Exam 70-345: Designing and Deploying Microsoft Exchange Server 2016",
    "Exam 70-697: Configuring Windows Devices",
    "MCSA: Windows Server 2016",
];

// ---------------------------------------------------------------------------
// Generated data
// ---------------------------------------------------------------------------

struct Partner {
    id: u32,
    name: String,
    country: &'static Country,
    /// Whether the master list fills in `Market` (else the cell is blank).
    market_filled: bool,
    domain: String,
}

fn partner(seed: u64, index: u32) -> Partner {
    let mut rng = Rng::new(seed, STREAM_PARTNER, index);
    let country = rng.pick(COUNTRIES);
    let a = rng.pick(NAME_A);
    let b = rng.pick(NAME_B);
    let kind = rng.pick(PARTNER_KIND);
    let id = 1_000_000 + index;
    Partner {
        id,
        name: format!("{a}{} {kind} {}", b.to_lowercase(), country.suffix),
        country,
        market_filled: !rng.chance(200),
        domain: format!("{}{}-{id}.example", a.to_lowercase(), b.to_lowercase()),
    }
}

#[derive(Clone, Copy)]
enum Users {
    Count(u32),
    Negative(i32),
    NotANumber,
}

struct CustomerRow {
    customer_no: u32,
    customer_name: String,
    workload: usize,
    users: Users,
    trial: bool,
    /// Index into `ASSOCIATIONS`, or `None` for the unrecognised `Reseller`.
    association: Option<usize>,
    /// Written to the next file instead of the partner's own.
    spill: bool,
}

/// All customer rows of one partner (about 20).
fn customer_rows(seed: u64, index: u32) -> Vec<CustomerRow> {
    let mut rng = Rng::new(seed, STREAM_CUSTOMERS, index);
    // Partner size: typical users per subscription, 100 .. 1,600.
    let scale = 100u32 << rng.below(5);
    let target = 10 + rng.below(21) as usize;
    let mut rows: Vec<CustomerRow> = Vec::with_capacity(target + 2);
    let mut customer_no = 0;
    while rows.len() < target {
        customer_no += 1;
        let customer_name = format!("{} {}", rng.pick(NAME_A), rng.pick(CUSTOMER_KIND));
        if rng.chance(2) {
            // A bad row on a customer of its own.
            let (users, association) = match rng.below(3) {
                0 => (Users::NotANumber, Some(0)),
                1 => (Users::Negative(-1 - rng.below(50) as i32), Some(0)),
                _ => (Users::Count(1 + rng.below(2 * scale)), None),
            };
            rows.push(CustomerRow {
                customer_no,
                customer_name,
                workload: 0,
                users,
                trial: false,
                association,
                spill: false,
            });
            continue;
        }
        let association = Some(rng.below(ASSOCIATIONS.len() as u32) as usize);
        let mut used = [false; WORKLOADS.len()];
        for _ in 0..1 + rng.below(4) {
            let workload = *rng.pick(WORKLOAD_WEIGHTS);
            if std::mem::replace(&mut used[workload], true) {
                continue;
            }
            let row = CustomerRow {
                customer_no,
                customer_name: customer_name.clone(),
                workload,
                users: Users::Count(1 + rng.below(2 * scale)),
                trial: rng.chance(100),
                association,
                spill: rng.chance(50),
            };
            if rng.chance(10) {
                // The same customer and workload again with another count.
                let duplicate = CustomerRow {
                    users: Users::Count(1 + rng.below(2 * scale)),
                    spill: rng.chance(50),
                    customer_name: customer_name.clone(),
                    ..row
                };
                rows.push(row);
                rows.push(duplicate);
            } else {
                rows.push(row);
            }
        }
    }
    rows
}

struct TranscriptRow {
    email: String,
    name: String,
    credential: &'static str,
    /// (year, month, day)
    date: (u16, u8, u8),
}

/// All transcript rows of one partner (about 4).
fn transcript_rows(seed: u64, index: u32, p: &Partner) -> Vec<TranscriptRow> {
    let mut rng = Rng::new(seed, STREAM_PEOPLE, index);
    let mut rows = Vec::new();
    let mut emails = HashSet::new();
    for _ in 0..1 + rng.below(3) {
        let first = *rng.pick(FIRST);
        let last = *rng.pick(LAST);
        let mut email = format!("{}.{}@{}", ascii(first), ascii(last), p.domain);
        while !emails.insert(email.clone()) {
            email.insert(
                email.find('@').unwrap(),
                char::from(b'0' + rng.below(10) as u8),
            );
        }
        let name = format!("{first} {last}");
        let credentials: &[&str] = match rng.below(20) {
            0..=6 => &[EXAM_346, EXAM_347],
            7..=10 => &[MCSA],
            11 => &[EXAM_346, EXAM_347, MCSA],
            12..=14 => &[EXAM_346],
            15 => &[EXAM_347],
            _ => &[],
        };
        let mut all: Vec<&'static str> = credentials.to_vec();
        for _ in 0..rng.below(5) / 2 {
            all.push(*rng.pick(OTHER_EXAMS));
        }
        if all.is_empty() {
            all.push(*rng.pick(OTHER_EXAMS));
        }
        for credential in all {
            let date = (
                2015 + rng.below(3) as u16,
                1 + rng.below(12) as u8,
                1 + rng.below(28) as u8,
            );
            rows.push(TranscriptRow {
                email: email.clone(),
                name: name.clone(),
                credential,
                date,
            });
        }
    }
    rows
}

/// Lower-case ASCII form of a name for an email address.
fn ascii(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.chars() {
        match c {
            'ä' => out.push_str("ae"),
            'ö' => out.push_str("oe"),
            'ü' => out.push_str("ue"),
            'ß' => out.push_str("ss"),
            'é' => out.push('e'),
            'ø' => out.push('o'),
            c if c.is_ascii_alphabetic() => out.push(c.to_ascii_lowercase()),
            _ => {}
        }
    }
    out
}

// ---------------------------------------------------------------------------
// Workbook writing
// ---------------------------------------------------------------------------

#[derive(Clone, Copy, PartialEq)]
enum Lang {
    En,
    De,
}

struct Formats {
    header: Format,
    title: Format,
    date: Format,
}

impl Formats {
    fn new(lang: Lang) -> Self {
        Formats {
            header: Format::new()
                .set_bold()
                .set_border_bottom(FormatBorder::Thin),
            title: Format::new().set_bold().set_font_size(14),
            date: Format::new().set_num_format(match lang {
                Lang::En => "yyyy-mm-dd",
                Lang::De => "dd.mm.yyyy",
            }),
        }
    }
}

/// A constant-memory workbook that starts a new sheet every
/// `MAX_DATA_ROWS` data rows.
struct SheetWriter {
    workbook: Workbook,
    formats: Formats,
    base_name: &'static str,
    columns: Vec<(&'static str, f64)>,
    titles: Vec<String>,
    sheet: Option<usize>,
    row: u32,
    rows_in_sheet: u32,
    sheets: usize,
    rows: u64,
}

impl SheetWriter {
    fn new(
        lang: Lang,
        base_name: &'static str,
        columns: Vec<(&'static str, f64)>,
        titles: Vec<String>,
    ) -> Result<Self, XlsxError> {
        // A fixed creation time keeps the output byte-identical per seed.
        let mut workbook = Workbook::new();
        let created = ExcelDateTime::from_ymd(2017, 9, 30)?.and_hms(8, 0, 0)?;
        workbook.set_properties(&DocProperties::new().set_creation_datetime(&created));
        Ok(SheetWriter {
            workbook,
            formats: Formats::new(lang),
            base_name,
            columns,
            titles,
            sheet: None,
            row: 0,
            rows_in_sheet: 0,
            sheets: 0,
            rows: 0,
        })
    }

    /// The sheet to write the next data row to, and its row number.
    fn next_row(&mut self) -> Result<(&mut Worksheet, &Formats, u32), XlsxError> {
        if self.sheet.is_none() || self.rows_in_sheet == MAX_DATA_ROWS {
            self.start_sheet()?;
        }
        let row = self.row;
        self.row += 1;
        self.rows_in_sheet += 1;
        self.rows += 1;
        let sheet = self.workbook.worksheet_from_index(self.sheet.unwrap())?;
        Ok((sheet, &self.formats, row))
    }

    fn start_sheet(&mut self) -> Result<(), XlsxError> {
        let index = self.sheets;
        self.sheets += 1;
        let name = if index == 0 {
            self.base_name.to_string()
        } else {
            format!("{} {}", self.base_name, index + 1)
        };
        let sheet = self.workbook.add_worksheet_with_constant_memory()?;
        sheet.set_name(name)?;
        let mut row = 0;
        if index == 0 && !self.titles.is_empty() {
            for title in &self.titles {
                if row == 0 {
                    sheet.write_string_with_format(row, 0, title, &self.formats.title)?;
                } else if !title.is_empty() {
                    sheet.write_string(row, 0, title)?;
                }
                row += 1;
            }
        }
        for (col, (name, width)) in (0u16..).zip(&self.columns) {
            sheet.set_column_width(col, *width)?;
            sheet.write_string_with_format(row, col, *name, &self.formats.header)?;
        }
        sheet.set_freeze_panes(row + 1, 0)?;
        self.row = row + 1;
        self.rows_in_sheet = 0;
        self.sheet = Some(self.workbook.worksheets_mut().len() - 1);
        Ok(())
    }

    fn save(mut self, path: &Path) -> Result<(usize, u64), XlsxError> {
        if self.sheet.is_none() {
            self.start_sheet()?;
        }
        self.workbook.save(path)?;
        Ok((self.sheets, self.rows))
    }
}

fn write_id(
    sheet: &mut Worksheet,
    row: u32,
    col: u16,
    id: u32,
    as_text: bool,
) -> Result<(), XlsxError> {
    if as_text {
        sheet.write_string(row, col, id.to_string())?;
    } else {
        sheet.write_number(row, col, f64::from(id))?;
    }
    Ok(())
}

/// Everything the run was asked to do.
struct Config {
    partners: u32,
    files: u32,
    out: PathBuf,
    seed: u64,
    expected: Option<PathBuf>,
    master: bool,
    /// Customer files as Partner Center-shaped CSV instead of workbooks.
    csv: bool,
    /// Customer and transcript files shaped for a designation.
    designation: bool,
    /// Partner Center's `AzureUsage` and `TrainingCompletions` downloads
    /// instead (see `generate/azure.rs`).
    azure: bool,
    /// With `azure`: the usage rows in workbooks instead of CSV.
    xlsx: bool,
    /// Partner Center's Business Applications revenue and usage downloads
    /// and transcripts instead (see `generate/business_apps.rs`).
    business_apps: bool,
}

impl Config {
    /// Partner indices whose home is file `f` (contiguous blocks).
    fn block(&self, f: u32) -> std::ops::Range<u32> {
        let start =
            |f: u32| (u64::from(f) * u64::from(self.partners) / u64::from(self.files)) as u32;
        start(f)..start(f + 1)
    }

    fn lang(&self, f: u32) -> Lang {
        if f.is_multiple_of(2) {
            Lang::En
        } else {
            Lang::De
        }
    }
}

/// What one job wrote.
struct Written {
    path: PathBuf,
    sheets: usize,
    rows: u64,
}

/// Calls `visit` with every customer row file `f` holds, in order: its own
/// block's rows and the rows the previous block spills into it.
fn for_each_customer_row(
    cfg: &Config,
    f: u32,
    mut visit: impl FnMut(
        &Partner,
        &CustomerRow,
    ) -> Result<(), Box<dyn std::error::Error + Send + Sync>>,
) -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let prev = (f + cfg.files - 1) % cfg.files;
    // (file whose block to read, take spilled rows?)
    let mut passes = vec![(f, false)];
    if prev != f {
        passes.insert(0, (prev, true));
    }
    for (block_file, spilled) in passes {
        for index in cfg.block(block_file) {
            let p = partner(cfg.seed, index);
            for r in customer_rows(cfg.seed, index) {
                if cfg.files > 1 && r.spill != spilled {
                    continue;
                }
                visit(&p, &r)?;
            }
        }
    }
    Ok(())
}

/// Writes file `f`'s customer rows as a Partner Center-shaped CSV.
fn write_customers_csv(
    cfg: &Config,
    f: u32,
) -> Result<Written, Box<dyn std::error::Error + Send + Sync>> {
    let path = cfg.out.join(format!("customers-{f:03}.csv"));
    let mut file = std::io::BufWriter::with_capacity(1 << 20, std::fs::File::create(&path)?);
    std::io::Write::write_all(&mut file, b"\xEF\xBB\xBF")?;
    let mut out = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(file);
    out.write_record([
        "MPNId",
        "PartnerName",
        "customerTenantId",
        "customerName",
        "productName",
        "workloadName",
        "licensesActive",
        "licensesQualified",
        "Association",
        "Country",
        "processedDateTime",
    ])?;
    let mut rows = 0u64;
    let (mut id, mut customer_id, mut users) = (String::new(), String::new(), String::new());
    for_each_customer_row(cfg, f, |p, r| {
        id.clear();
        let _ = write!(id, "{}", p.id);
        customer_id.clear();
        let _ = write!(customer_id, "{}-{:04}", p.id, r.customer_no);
        users.clear();
        match r.users {
            Users::Count(n) => {
                let _ = write!(users, "{n}");
            }
            Users::Negative(n) => {
                let _ = write!(users, "{n}");
            }
            Users::NotANumber => users.push_str("n/a"),
        }
        let product = if r.trial {
            "OFFICE 365 E3 TRIAL"
        } else {
            "OFFICE 365 E3"
        };
        let association = r.association.map_or("Reseller", |a| ASSOCIATIONS[a].0);
        out.write_record([
            id.as_str(),
            p.name.as_str(),
            customer_id.as_str(),
            r.customer_name.as_str(),
            product,
            WORKLOADS[r.workload],
            users.as_str(),
            // Qualified licences only where the active figure is one: a bad
            // row is one problem, as in the workbooks.
            if matches!(r.users, Users::Count(_)) {
                users.as_str()
            } else {
                ""
            },
            association,
            p.country.en,
            "9/28/2017 12:00:00 AM",
        ])?;
        rows += 1;
        Ok(())
    })?;
    out.flush()?;
    Ok(Written {
        path,
        sheets: 1,
        rows,
    })
}

fn write_customers(
    cfg: &Config,
    f: u32,
) -> Result<Written, Box<dyn std::error::Error + Send + Sync>> {
    let lang = cfg.lang(f);
    // Column order: the English files follow the portal export, the German
    // ones a different order; `cols` maps logical column -> sheet column.
    // Logical: 0 id, 1 partner name, 2 customer id, 3 customer name,
    // 4 country, 5 workload, 6 users, 7 sku, 8 association.
    let (base, columns, cols): (&str, Vec<(&str, f64)>, [u16; 9]) = match lang {
        Lang::En => (
            "Customers",
            vec![
                ("Partner ID", 12.0),
                ("Partner Name", 34.0),
                ("Customer ID", 15.0),
                ("Customer Name", 24.0),
                ("Workload", 20.0),
                ("Active Users", 13.0),
                ("SKU Type", 10.0),
                ("Association", 25.0),
                ("Country", 20.0),
            ],
            [0, 1, 2, 3, 8, 4, 5, 6, 7],
        ),
        Lang::De => (
            "Kunden",
            vec![
                ("Kunden-ID", 15.0),
                ("Kundenname", 24.0),
                ("Partner-ID", 12.0),
                ("Partnername", 34.0),
                ("Land", 22.0),
                ("Arbeitslast", 20.0),
                ("Aktive Benutzer", 16.0),
                ("SKU-Typ", 16.0),
                ("Zuordnung", 25.0),
            ],
            [2, 3, 0, 1, 4, 5, 6, 7, 8],
        ),
    };
    let titles = match (lang, f % 4) {
        (Lang::En, 0) => vec![
            format!("Partner Center export {} - Office 365 customers", f),
            "Exported 2017-09-30".to_string(),
            String::new(),
        ],
        (Lang::De, 1) => vec![format!(
            "Partnerportal – Kundenexport {f} (Stand 30.09.2017)"
        )],
        _ => vec![],
    };
    let mut w = SheetWriter::new(lang, base, columns, titles)?;
    let number = Format::new().set_num_format("#,##0");
    let (paid, trial) = match lang {
        Lang::En => ("Paid", "Trial"),
        Lang::De => ("Kostenpflichtig", "Testversion"),
    };
    let not_a_number = match lang {
        Lang::En => "n/a",
        Lang::De => "k. A.",
    };
    let reseller = match lang {
        Lang::En => "Reseller",
        Lang::De => "Wiederverkäufer",
    };
    let mut id_rng = Rng::new(cfg.seed, 100 + u64::from(f), 0);
    let mut customer_id = String::new();
    for_each_customer_row(cfg, f, |p, r| {
        let country = match lang {
            Lang::En => p.country.en,
            Lang::De => p.country.de,
        };
        let id_as_text = (lang == Lang::De) != id_rng.chance(150);
        let (sheet, _, row) = w.next_row()?;
        customer_id.clear();
        let _ = write!(customer_id, "{}-{:04}", p.id, r.customer_no);
        write_id(sheet, row, cols[0], p.id, id_as_text)?;
        sheet.write_string(row, cols[1], &p.name)?;
        sheet.write_string(row, cols[2], &customer_id)?;
        sheet.write_string(row, cols[3], &r.customer_name)?;
        sheet.write_string(row, cols[4], country)?;
        sheet.write_string(row, cols[5], WORKLOADS[r.workload])?;
        match r.users {
            Users::Count(n) => {
                sheet.write_number_with_format(row, cols[6], f64::from(n), &number)?
            }
            Users::Negative(n) => {
                sheet.write_number_with_format(row, cols[6], f64::from(n), &number)?
            }
            Users::NotANumber => sheet.write_string(row, cols[6], not_a_number)?,
        };
        sheet.write_string(row, cols[7], if r.trial { trial } else { paid })?;
        let association = match (r.association, lang) {
            (None, _) => reseller,
            (Some(a), Lang::En) => ASSOCIATIONS[a].0,
            (Some(a), Lang::De) => ASSOCIATIONS[a].1,
        };
        sheet.write_string(row, cols[8], association)?;
        Ok(())
    })?;
    let path = cfg.out.join(format!("customers-{f:03}.xlsx"));
    let (sheets, rows) = w.save(&path)?;
    Ok(Written { path, sheets, rows })
}

fn write_transcripts(cfg: &Config, f: u32) -> Result<Written, XlsxError> {
    let lang = cfg.lang(f);
    let (base, columns) = match lang {
        Lang::En => (
            "Transcripts",
            vec![
                ("Partner ID", 12.0),
                ("Person ID", 40.0),
                ("Person Name", 22.0),
                ("Credential", 66.0),
                ("Date Passed", 13.0),
            ],
        ),
        Lang::De => (
            "Prüfungen",
            vec![
                ("Partner-ID", 12.0),
                ("Personen-ID", 40.0),
                ("Name", 22.0),
                ("Prüfung", 66.0),
                ("Bestanden am", 14.0),
            ],
        ),
    };
    let titles = if f % 4 == 2 {
        vec!["Exam transcripts".to_string(), String::new()]
    } else {
        vec![]
    };
    let mut w = SheetWriter::new(lang, base, columns, titles)?;
    let mut id_rng = Rng::new(cfg.seed, 200 + u64::from(f), 0);
    for index in cfg.block(f) {
        let p = partner(cfg.seed, index);
        for t in transcript_rows(cfg.seed, index, &p) {
            let id_as_text = (lang == Lang::De) != id_rng.chance(150);
            let (sheet, formats, row) = w.next_row()?;
            write_id(sheet, row, 0, p.id, id_as_text)?;
            sheet.write_string(row, 1, &t.email)?;
            sheet.write_string(row, 2, &t.name)?;
            sheet.write_string(row, 3, t.credential)?;
            let (y, m, d) = t.date;
            let date = ExcelDateTime::from_ymd(y, m, d)?;
            sheet.write_datetime_with_format(row, 4, &date, &formats.date)?;
        }
    }
    let path = cfg.out.join(format!("transcripts-{f:03}.xlsx"));
    let (sheets, rows) = w.save(&path)?;
    Ok(Written { path, sheets, rows })
}

fn write_master(cfg: &Config) -> Result<Written, XlsxError> {
    let columns = vec![
        ("Partner ID", 12.0),
        ("Partner Name", 34.0),
        ("Country", 20.0),
        ("Market", 10.0),
        ("Contact Email", 44.0),
    ];
    let mut w = SheetWriter::new(Lang::En, "Partners", columns, vec![])?;
    for index in 0..cfg.partners {
        let p = partner(cfg.seed, index);
        let (sheet, _, row) = w.next_row()?;
        sheet.write_number(row, 0, f64::from(p.id))?;
        sheet.write_string(row, 1, &p.name)?;
        sheet.write_string(row, 2, p.country.en)?;
        if p.market_filled {
            let market = if p.country.emerging {
                "Emerging"
            } else {
                "Mature"
            };
            sheet.write_string(row, 3, market)?;
        }
        sheet.write_string(row, 4, format!("competency@{}", p.domain))?;
    }
    let path = cfg.out.join("partners.xlsx");
    let (sheets, rows) = w.save(&path)?;
    Ok(Written { path, sheets, rows })
}

// ---------------------------------------------------------------------------
// Expected results
// ---------------------------------------------------------------------------

/// Expected evaluation of one partner, from the same rules as the tool.
fn expected_line(seed: u64, index: u32) -> (String, &'static str) {
    let p = partner(seed, index);
    let mut best: HashMap<(u32, usize), u32> = HashMap::new();
    for r in customer_rows(seed, index) {
        let (Users::Count(n), Some(a)) = (r.users, r.association) else {
            continue; // bad row
        };
        if r.trial || !ASSOCIATIONS[a].2 || r.workload >= COUNTED_WORKLOADS {
            continue;
        }
        let e = best.entry((r.customer_no, r.workload)).or_insert(0);
        *e = (*e).max(n);
    }
    let mut per_workload = [0u64; COUNTED_WORKLOADS];
    for ((_, w), n) in best {
        per_workload[w] += u64::from(n);
    }
    let (best_w, entitlements) =
        per_workload.iter().enumerate().fold(
            (None, 0),
            |acc, (w, &n)| if n > acc.1 { (Some(w), n) } else { acc },
        );
    let mut held: HashMap<String, (bool, bool, bool)> = HashMap::new();
    for t in transcript_rows(seed, index, &p) {
        let e = held.entry(t.email).or_default();
        e.0 |= t.credential == EXAM_346;
        e.1 |= t.credential == EXAM_347;
        e.2 |= t.credential == MCSA;
    }
    let qualified = held.values().filter(|(a, b, m)| (*a && *b) || *m).count();
    let silver = if p.country.emerging { 1000 } else { 2000 };
    let level = if entitlements >= 4000 && qualified >= 2 {
        "Gold"
    } else if entitlements >= silver && qualified >= 1 {
        "Silver"
    } else {
        "None"
    };
    let line = format!(
        "{},\"{}\",{},{},{},{},{},{}\n",
        p.id,
        p.name,
        p.country.en,
        if p.country.emerging {
            "Emerging"
        } else {
            "Mature"
        },
        best_w.map_or("", |w| WORKLOADS[w]),
        entitlements,
        qualified,
        level
    );
    (line, level)
}

fn write_expected(cfg: &Config, path: &Path) -> std::io::Result<[u32; 3]> {
    let lines: Vec<(String, &str)> = (0..cfg.partners)
        .into_par_iter()
        .map(|i| expected_line(cfg.seed, i))
        .collect();
    let mut text = String::from(
        "partner_id,partner_name,country,market,best_workload,active_entitlements,qualified_people,level\n",
    );
    let mut counts = [0u32; 3];
    for (line, level) in lines {
        text.push_str(&line);
        counts[match level {
            "Gold" => 0,
            "Silver" => 1,
            _ => 2,
        }] += 1;
    }
    std::fs::write(path, text)?;
    Ok(counts)
}

// ---------------------------------------------------------------------------
// Command line
// ---------------------------------------------------------------------------

const USAGE: &str = "usage: generate --partners N --files F --out DIR [--seed S] [--expected CSV] [--no-master] [--csv | --designation | --azure [--xlsx] | --business-apps]";

fn parse_args() -> Result<Config, String> {
    let mut args = std::env::args().skip(1);
    let (mut partners, mut files, mut out, mut seed, mut expected, mut master) =
        (None, None, None, 42u64, None, true);
    let (mut csv, mut designation, mut azure, mut xlsx) = (false, false, false, false);
    let mut business_apps = false;
    while let Some(arg) = args.next() {
        let mut value = |name: &str| args.next().ok_or(format!("{name} needs a value"));
        match arg.as_str() {
            "--partners" => {
                partners = Some(
                    value("--partners")?
                        .parse::<u32>()
                        .map_err(|e| format!("--partners: {e}"))?,
                )
            }
            "--files" => {
                files = Some(
                    value("--files")?
                        .parse::<u32>()
                        .map_err(|e| format!("--files: {e}"))?,
                )
            }
            "--out" => out = Some(PathBuf::from(value("--out")?)),
            "--seed" => {
                seed = value("--seed")?
                    .parse()
                    .map_err(|e| format!("--seed: {e}"))?
            }
            "--expected" => expected = Some(PathBuf::from(value("--expected")?)),
            "--no-master" => master = false,
            "--csv" => csv = true,
            "--designation" => designation = true,
            "--azure" => azure = true,
            "--xlsx" => xlsx = true,
            "--business-apps" => business_apps = true,
            "-h" | "--help" => return Err(String::new()),
            other => return Err(format!("unknown argument {other:?}")),
        }
    }
    let partners = partners.ok_or("--partners is required")?;
    let files = files.ok_or("--files is required")?;
    let out = out.ok_or("--out is required")?;
    if partners == 0 || files == 0 {
        return Err("--partners and --files must be at least 1".into());
    }
    if designation && (csv || expected.is_some()) {
        return Err("--designation makes workbooks without an --expected file: leave out --csv and --expected".into());
    }
    if azure && (csv || designation || expected.is_some()) {
        return Err("--azure makes Partner Center downloads without an --expected file: leave out --csv, --designation and --expected".into());
    }
    if business_apps && (csv || designation || azure || expected.is_some()) {
        return Err("--business-apps makes Partner Center downloads without an --expected file: leave out --csv, --designation, --azure and --expected".into());
    }
    if xlsx && !azure {
        return Err("--xlsx goes with --azure".into());
    }
    if partners > 8_999_999 {
        return Err("--partners must be below 9,000,000 (ids are 7 digits)".into());
    }
    Ok(Config {
        partners,
        files,
        out,
        seed,
        expected,
        master,
        csv,
        designation,
        azure,
        xlsx,
        business_apps,
    })
}

/// A CSV file as Partner Center writes one: a byte-order mark, CRLF.
fn bom_csv(
    path: &std::path::Path,
) -> Result<csv::Writer<std::io::BufWriter<std::fs::File>>, Box<dyn std::error::Error + Send + Sync>>
{
    let mut file = std::io::BufWriter::with_capacity(1 << 20, std::fs::File::create(path)?);
    std::io::Write::write_all(&mut file, "\u{feff}".as_bytes())?;
    Ok(csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(file))
}

/// Writes file `f`'s transcripts as Partner Center's `TrainingCompletions`
/// download: `people` people per partner (drawn from RNG stream `stream`),
/// each with one to three of `credentials`.
fn write_training_completions(
    cfg: &Config,
    f: u32,
    stream: u64,
    people: std::ops::Range<u32>,
    credentials: &[&str],
) -> Result<Written, Box<dyn std::error::Error + Send + Sync>> {
    let path = cfg.out.join(format!("TrainingCompletions-{f:03}.csv"));
    let mut out = bom_csv(&path)?;
    out.write_record([
        "MpnId",
        "Email",
        "TrainingTitle",
        "TrainingType",
        "TrainingCompletionDate",
    ])?;
    let mut count = 0u64;
    for index in cfg.block(f) {
        let mut rng = Rng::new(cfg.seed, stream, index);
        let id = (1_000_000 + index).to_string();
        for person in 0..people.start + rng.below(people.end - people.start) {
            let email = format!("p{person}@partner{index}.example");
            for _ in 0..1 + rng.below(3) {
                let date = format!("20{}-{:02}-15", 23 + rng.below(3), 1 + rng.below(12));
                let credential = *rng.pick(credentials);
                out.write_record([id.as_str(), &email, credential, "Certification", &date])?;
                count += 1;
            }
        }
    }
    out.flush()?;
    Ok(Written {
        path,
        sheets: 1,
        rows: count,
    })
}

/// One unit of parallel work.
#[derive(Clone, Copy)]
enum Job {
    Customers(u32),
    Transcripts(u32),
    Master,
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let cfg = match parse_args() {
        Ok(cfg) => cfg,
        Err(message) => {
            if !message.is_empty() {
                eprintln!("error: {message}");
            }
            eprintln!("{USAGE}");
            std::process::exit(2);
        }
    };
    std::fs::create_dir_all(&cfg.out)?;
    let started = Instant::now();

    let mut jobs: Vec<Job> = Vec::new();
    if cfg.master && !cfg.azure && !cfg.business_apps {
        jobs.push(Job::Master);
    }
    for f in 0..cfg.files {
        jobs.push(Job::Customers(f));
        jobs.push(Job::Transcripts(f));
    }
    let written: Vec<(Job, Written)> = jobs
        .par_iter()
        .map(|&job| {
            let w = match job {
                Job::Customers(f) if cfg.azure => azure::write_usage(&cfg, f),
                Job::Customers(f) if cfg.business_apps => business_apps::write_downloads(&cfg, f),
                Job::Transcripts(f) if cfg.business_apps => {
                    business_apps::write_transcripts(&cfg, f)
                }
                Job::Transcripts(f) if cfg.azure => azure::write_transcripts(&cfg, f),
                Job::Customers(f) if cfg.csv => write_customers_csv(&cfg, f),
                Job::Customers(f) if cfg.designation => designation::write_customers(&cfg, f),
                Job::Customers(f) => write_customers(&cfg, f),
                Job::Transcripts(f) if cfg.designation => {
                    designation::write_transcripts(&cfg, f).map_err(Into::into)
                }
                Job::Transcripts(f) => write_transcripts(&cfg, f).map_err(Into::into),
                Job::Master => write_master(&cfg).map_err(Into::into),
            }?;
            Ok((job, w))
        })
        .collect::<Result<_, Box<dyn std::error::Error + Send + Sync>>>()
        .map_err(|e| e as Box<dyn std::error::Error>)?;

    let (mut customer_rows, mut transcript_rows, mut bytes) = (0u64, 0u64, 0u64);
    for (job, w) in &written {
        let size = std::fs::metadata(&w.path)?.len();
        bytes += size;
        match job {
            Job::Customers(_) => customer_rows += w.rows,
            Job::Transcripts(_) => transcript_rows += w.rows,
            Job::Master => {}
        }
        println!(
            "wrote {} ({} sheet{}, {} data rows, {:.1} MB)",
            w.path.display(),
            w.sheets,
            if w.sheets == 1 { "" } else { "s" },
            w.rows,
            size as f64 / 1e6
        );
    }
    println!(
        "{} partners in {} files: {customer_rows} customer rows, {transcript_rows} transcript rows, {:.1} MB, {:.2} s",
        cfg.partners,
        written.len(),
        bytes as f64 / 1e6,
        started.elapsed().as_secs_f64()
    );
    if let Some(path) = &cfg.expected {
        let [gold, silver, none] = write_expected(&cfg, path)?;
        println!(
            "wrote {} (expected: {gold} Gold, {silver} Silver, {none} None)",
            path.display()
        );
    }
    Ok(())
}
