//! `--designation`: inputs shaped for a Solutions Partner designation
//! (`--rules solutions-partner-modern-work --as-of 2026-09-30`), so that the
//! benchmark can time a points-scored rule set on data that exercises it.
//!
//! Customer files hold two Partner Center snapshots in one sheet, the
//! `Snapshot Date` 2025-09-30 (a year before) and 2026-09-30 (now), with
//! `Qualified Licences` and `Customer Since` beside the competency's
//! columns. About 20 rows per partner, as for the competency: 4 to 12
//! customers, each with 1 to 3 workloads (mostly eligible ones: Exchange,
//! SharePoint, Teams, Microsoft 365 Apps, Intune, Viva Engage, Copilot; some
//! not, such as Dynamics 365 Sales or Power BI), present in the earlier
//! snapshot about 3 times in 4 and now about 9 times in 10 (so customers are
//! added and lost), seats sized for an Enterprise (over 300) or an SMB
//! customer, active users from 10 % to all of the qualified licences, every
//! association type (CPOR, DPOR, CSP tiers, a delegated administrator that
//! does not count, none) and about 1 row in 1,000 with `n/a` users. Trials are
//! about 1 row in 100. Transcripts hold the designation's intermediate and
//! advanced credentials besides others, passed from 2023 to 2026 (a few after
//! the as-of date, which do not count yet).
//!
//! German files (odd-numbered) use German headers (`Qualifizierte Lizenzen`,
//! `Kunde seit`, `Stichtag`) and values, as for the competency.

use rust_xlsxwriter::{ExcelDateTime, Format, XlsxError};

use super::{Config, Lang, Rng, SheetWriter, Written, partner, write_id};

const STREAM_DESIGNATION: u64 = 11;
const STREAM_DESIGNATION_PEOPLE: u64 = 12;

/// Workloads; the first seven are eligible. Weighted by repetition.
const WORKLOADS: &[&str] = &[
    "Exchange Online",
    "SharePoint Online",
    "Microsoft Teams",
    "Microsoft 365 Apps",
    "Microsoft Intune",
    "Viva Engage",
    "Microsoft 365 Copilot",
    "Dynamics 365 Sales",
    "Power BI",
];
const WORKLOAD_WEIGHTS: &[usize] = &[0, 0, 0, 1, 1, 2, 2, 2, 3, 3, 4, 5, 6, 7, 8];

/// (English, German) association values; the last two do not count.
const ASSOCIATIONS: &[(&str, &str)] = &[
    ("CPOR", "CPOR"),
    ("CPOR", "CPOR"),
    ("DPOR", "DPOR"),
    ("DPOR", "DPOR"),
    ("CSP Tier 1", "CSP Tier 1"),
    ("CSP Tier 2", "CSP Tier 2"),
    ("Transacting Partner", "Transacting Partner"),
    ("Delegated Administrator", "Delegated Administrator"),
    ("None", "Keine"),
];

const CREDENTIALS: &[&str] = &[
    "Exam MD-102: Endpoint Administrator",
    "Exam MS-700: Managing Microsoft Teams",
    "Exam MS-721: Collaboration Communications Systems Engineer",
    "Microsoft 365 Certified: Teams Administrator Associate",
    "Exam MS-102: Microsoft 365 Administrator",
    "Microsoft 365 Certified: Administrator Expert",
    "Exam AZ-104: Microsoft Azure Administrator",
    "Exam SC-300: Microsoft Identity and Access Administrator",
];

/// (year, month, day) of the two snapshots.
const THEN: (u16, u8, u8) = (2025, 9, 30);
const NOW: (u16, u8, u8) = (2026, 9, 30);

/// One row of one snapshot.
struct Row {
    customer_no: u32,
    customer_name: String,
    workload: usize,
    /// Active users, or `None` for an unreadable `n/a`.
    users: Option<u32>,
    licences: u32,
    trial: bool,
    association: usize,
    since: Option<(u16, u8, u8)>,
    snapshot: (u16, u8, u8),
}

/// All rows of one partner, both snapshots (about 20).
fn rows(seed: u64, index: u32) -> Vec<Row> {
    let mut rng = Rng::new(seed, STREAM_DESIGNATION, index);
    let enterprise_partner = rng.chance(400);
    let customers = 4 + rng.below(9);
    let mut rows = Vec::new();
    for customer_no in 1..=customers {
        let customer_name = format!(
            "{} {}",
            rng.pick(super::NAME_A),
            rng.pick(super::CUSTOMER_KIND)
        );
        let seats = if enterprise_partner == rng.chance(800) {
            301 + rng.below(3000)
        } else {
            5 + rng.below(296)
        };
        let association = rng.below(ASSOCIATIONS.len() as u32) as usize;
        let then = rng.chance(750);
        let now = rng.chance(900);
        let since = if rng.chance(100) {
            None
        } else if then {
            Some((2018 + rng.below(7) as u16, 1 + rng.below(12) as u8, 1))
        } else {
            Some((2025, 10 + rng.below(3) as u8, 1 + rng.below(28) as u8))
        };
        let mut used = [false; WORKLOADS.len()];
        for _ in 0..1 + rng.below(3) {
            let workload = *rng.pick(WORKLOAD_WEIGHTS);
            if std::mem::replace(&mut used[workload], true) {
                continue;
            }
            let trial = rng.chance(10);
            for (present, snapshot, grown) in [(then, THEN, 0), (now, NOW, 1)] {
                if !present {
                    continue;
                }
                let licences = seats + grown * rng.below(seats / 4 + 1);
                let share = 10 + rng.below(91);
                let users = (!rng.chance(1)).then_some((licences * share / 100).max(1));
                rows.push(Row {
                    customer_no,
                    customer_name: customer_name.clone(),
                    workload,
                    users,
                    licences,
                    trial,
                    association,
                    since,
                    snapshot,
                });
            }
        }
    }
    rows
}

/// Writes file `f`'s customer rows (its block of partners, both snapshots).
pub(super) fn write_customers(
    cfg: &Config,
    f: u32,
) -> Result<Written, Box<dyn std::error::Error + Send + Sync>> {
    let lang = cfg.lang(f);
    let (base, headers): (&str, [&str; 12]) = match lang {
        Lang::En => (
            "Customers",
            [
                "Partner ID",
                "Partner Name",
                "Customer ID",
                "Customer Name",
                "Workload",
                "Active Users",
                "Qualified Licences",
                "SKU Type",
                "Association",
                "Customer Since",
                "Snapshot Date",
                "Country",
            ],
        ),
        Lang::De => (
            "Kunden",
            [
                "Partner-ID",
                "Partnername",
                "Kunden-ID",
                "Kundenname",
                "Arbeitslast",
                "Aktive Benutzer",
                "Qualifizierte Lizenzen",
                "SKU-Typ",
                "Zuordnung",
                "Kunde seit",
                "Stichtag",
                "Land",
            ],
        ),
    };
    let columns = headers.iter().map(|h| (*h, 16.0)).collect();
    let mut w = SheetWriter::new(lang, base, columns, vec![])?;
    let number = Format::new().set_num_format("#,##0");
    let (paid, trial, not_a_number) = match lang {
        Lang::En => ("Paid", "Trial", "n/a"),
        Lang::De => ("Kostenpflichtig", "Testversion", "k. A."),
    };
    let mut id_rng = Rng::new(cfg.seed, 300 + u64::from(f), 0);
    let mut customer_id = String::new();
    for index in cfg.block(f) {
        let p = partner(cfg.seed, index);
        let country = match lang {
            Lang::En => p.country.en,
            Lang::De => p.country.de,
        };
        for r in rows(cfg.seed, index) {
            let id_as_text = (lang == Lang::De) != id_rng.chance(150);
            let (sheet, formats, row) = w.next_row()?;
            customer_id.clear();
            use std::fmt::Write as _;
            let _ = write!(customer_id, "{}-{:04}", p.id, r.customer_no);
            write_id(sheet, row, 0, p.id, id_as_text)?;
            sheet.write_string(row, 1, &p.name)?;
            sheet.write_string(row, 2, &customer_id)?;
            sheet.write_string(row, 3, &r.customer_name)?;
            sheet.write_string(row, 4, WORKLOADS[r.workload])?;
            match r.users {
                Some(n) => sheet.write_number_with_format(row, 5, f64::from(n), &number)?,
                None => sheet.write_string(row, 5, not_a_number)?,
            };
            sheet.write_number_with_format(row, 6, f64::from(r.licences), &number)?;
            sheet.write_string(row, 7, if r.trial { trial } else { paid })?;
            let (en, de) = ASSOCIATIONS[r.association];
            sheet.write_string(row, 8, if lang == Lang::En { en } else { de })?;
            if let Some((y, m, d)) = r.since {
                let date = ExcelDateTime::from_ymd(y, m, d)?;
                sheet.write_datetime_with_format(row, 9, &date, &formats.date)?;
            }
            let (y, m, d) = r.snapshot;
            let date = ExcelDateTime::from_ymd(y, m, d)?;
            sheet.write_datetime_with_format(row, 10, &date, &formats.date)?;
            sheet.write_string(row, 11, country)?;
        }
    }
    let path = cfg.out.join(format!("customers-{f:03}.xlsx"));
    let (sheets, rows) = w.save(&path)?;
    Ok(Written { path, sheets, rows })
}

/// Writes file `f`'s transcripts: 1 to 5 people a partner, each with 1 to 3
/// credentials.
pub(super) fn write_transcripts(cfg: &Config, f: u32) -> Result<Written, XlsxError> {
    let lang = cfg.lang(f);
    let (base, headers): (&str, [&str; 5]) = match lang {
        Lang::En => (
            "Transcripts",
            [
                "Partner ID",
                "Person ID",
                "Person Name",
                "Credential",
                "Date Passed",
            ],
        ),
        Lang::De => (
            "Prüfungen",
            [
                "Partner-ID",
                "Personen-ID",
                "Name",
                "Prüfung",
                "Bestanden am",
            ],
        ),
    };
    let columns = headers.iter().map(|h| (*h, 20.0)).collect();
    let mut w = SheetWriter::new(lang, base, columns, vec![])?;
    let mut id_rng = Rng::new(cfg.seed, 400 + u64::from(f), 0);
    for index in cfg.block(f) {
        let p = partner(cfg.seed, index);
        let mut rng = Rng::new(cfg.seed, STREAM_DESIGNATION_PEOPLE, index);
        for person in 0..1 + rng.below(5) {
            let first = *rng.pick(super::FIRST);
            let last = *rng.pick(super::LAST);
            let email = format!(
                "{}.{}{person}@{}",
                super::ascii(first),
                super::ascii(last),
                p.domain
            );
            let name = format!("{first} {last}");
            for _ in 0..1 + rng.below(3) {
                let id_as_text = (lang == Lang::De) != id_rng.chance(150);
                let (sheet, formats, row) = w.next_row()?;
                write_id(sheet, row, 0, p.id, id_as_text)?;
                sheet.write_string(row, 1, &email)?;
                sheet.write_string(row, 2, &name)?;
                sheet.write_string(row, 3, *rng.pick(CREDENTIALS))?;
                let date = ExcelDateTime::from_ymd(
                    2023 + rng.below(4) as u16,
                    1 + rng.below(12) as u8,
                    1 + rng.below(28) as u8,
                )?;
                sheet.write_datetime_with_format(row, 4, &date, &formats.date)?;
            }
        }
    }
    let path = cfg.out.join(format!("transcripts-{f:03}.xlsx"));
    let (sheets, rows) = w.save(&path)?;
    Ok(Written { path, sheets, rows })
}
