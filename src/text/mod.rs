//! The words the tool puts in front of people: sheet names, headers,
//! actions, reasons, labels.
//!
//! Every word lives in one table per language (`en::EN`, `de::DE`), each
//! a `Texts` value, so that the wording is consistent across the report,
//! the JSON summary and the terminal, and another language is one more table
//! rather than a hunt through the code. The functions here put the words
//! together; they never hold words of their own.
//!
//! The JSON summary and the terminal's errors and warnings stay English
//! (machine-readable and greppable); the Excel report, the mail and the
//! end-of-run summary follow `--lang`.

pub(crate) mod acr;
mod console;
pub(crate) mod de;
pub(crate) mod en;
pub(crate) mod findings;
pub(crate) mod mail;
mod paper;
pub(crate) mod points;
pub(crate) mod programme;
mod reasons;
pub(crate) mod revenue;
pub(crate) mod route;
pub(crate) mod security;

pub(crate) use findings::AlertTexts;
pub(crate) use paper::{paper_locale, paper_size};
pub(crate) use route::AdviceTexts;

use crate::input::SheetKind;
use crate::model::{Association, Level, Market, Sku, group_digits as group};
use crate::month::Change;
use crate::rules::RulesOrigin;

/// The language a report is written in.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, clap::ValueEnum, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// English (the default).
    #[default]
    En,
    /// German.
    De,
}

impl Lang {
    /// The words of this language.
    pub(crate) fn texts(self) -> &'static Texts {
        match self {
            Lang::En => &en::EN,
            Lang::De => &de::DE,
        }
    }
}

/// A message of the input stage as a report's cell shows it: the Markdown
/// backticks that set off names and commands on the terminal
/// (`--partner-id`) would show in Excel as they are, so they go.
pub(crate) fn for_cell(message: &str) -> std::borrow::Cow<'_, str> {
    if message.contains('`') {
        message.replace('`', "").into()
    } else {
        message.into()
    }
}

/// The report's sheet names (at most 31 characters, none of `[]:*?/\`).
#[derive(Debug)]
pub(crate) struct SheetNames {
    /// The overview sheet, first in the workbook.
    pub(crate) dashboard: &'static str,
    /// One row per partner.
    pub(crate) summary: &'static str,
    /// One row per partner: the figures behind its level.
    pub(crate) details: &'static str,
    /// What each partner below Gold can do next.
    pub(crate) next_steps: &'static str,
    /// Every customer row.
    pub(crate) customers: &'static str,
    /// A designation's tenants: why each counts, per path and association.
    pub(crate) tenants: &'static str,
    /// Every person.
    pub(crate) people: &'static str,
    /// Month by month, when history is kept.
    pub(crate) history: &'static str,
    /// Every input problem.
    pub(crate) problems: &'static str,
    /// Settings and inputs of the run.
    pub(crate) run_info: &'static str,
}

/// Column headers, shared by every sheet that has the column.
#[derive(Debug)]
pub(crate) struct Headers {
    /// "File".
    pub(crate) file: &'static str,
    /// "Sheet".
    pub(crate) sheet: &'static str,
    /// "Row".
    pub(crate) row: &'static str,
    /// "Cell".
    pub(crate) cell: &'static str,
    /// "Partner ID".
    pub(crate) partner_id: &'static str,
    /// "Partner Name".
    pub(crate) partner_name: &'static str,
    /// "Customer ID".
    pub(crate) customer_id: &'static str,
    /// "Customer Name".
    pub(crate) customer_name: &'static str,
    /// "Workload".
    pub(crate) workload: &'static str,
    /// "Active Users".
    pub(crate) active_users: &'static str,
    /// "SKU Type".
    pub(crate) sku: &'static str,
    /// "Association".
    pub(crate) association: &'static str,
    /// "Counted".
    pub(crate) counted: &'static str,
    /// "Workload Total".
    pub(crate) workload_total: &'static str,
    /// "In Partner's Figure".
    pub(crate) in_figure: &'static str,
    /// "Not Counted Because".
    pub(crate) not_counted_because: &'static str,
    /// "Person ID".
    pub(crate) person_id: &'static str,
    /// "Person Name".
    pub(crate) person_name: &'static str,
    /// "Credentials".
    pub(crate) credentials: &'static str,
    /// "Qualifies".
    pub(crate) qualifies: &'static str,
    /// "Counted for Partner".
    pub(crate) counted_for_partner: &'static str,
    /// "Still Needs".
    pub(crate) still_needs: &'static str,
    /// "Message".
    pub(crate) message: &'static str,
    /// "Item".
    pub(crate) item: &'static str,
    /// "Read As".
    pub(crate) read_as: &'static str,
    /// "Header Row".
    pub(crate) header_row: &'static str,
    /// "Rows".
    pub(crate) rows: &'static str,
    /// "Rows Without Partner".
    pub(crate) rows_without_partner: &'static str,
    /// "Value / Status".
    pub(crate) value_status: &'static str,
    /// "Market".
    pub(crate) market: &'static str,
    /// "Level".
    pub(crate) level: &'static str,
    /// "Active Entitlements".
    pub(crate) active_entitlements: &'static str,
    /// "Best Workload".
    pub(crate) best_workload: &'static str,
    /// "Qualified People".
    pub(crate) qualified_people: &'static str,
    /// "Next Level".
    pub(crate) next_level: &'static str,
    /// "Entitlements Short".
    pub(crate) entitlements_short: &'static str,
    /// "People Short".
    pub(crate) people_short: &'static str,
    /// "Action".
    pub(crate) action: &'static str,
    /// "Cheapest Route".
    pub(crate) cheapest_route: &'static str,
    /// "Customer Rows" (a link to the partner's rows).
    pub(crate) customer_rows: &'static str,
    /// "People Rows" (a link to the partner's people).
    pub(crate) people_rows: &'static str,
    /// "Step".
    pub(crate) step: &'static str,
    /// "Who" (a person or a customer).
    pub(crate) who: &'static str,
    /// "What To Do".
    pub(crate) what_to_do: &'static str,
    /// "Entitlements After".
    pub(crate) entitlements_after: &'static str,
    /// "Input Row" (a link to the row on Customers).
    pub(crate) input_row: &'static str,
    /// "Progress" (percent of the way to the next level).
    pub(crate) progress: &'static str,
    /// "New Customers".
    pub(crate) new_customers: &'static str,
    /// "New Customers Short".
    pub(crate) new_customers_short: &'static str,
    /// "Partners".
    pub(crate) partners: &'static str,
    /// "Outcome".
    pub(crate) outcome: &'static str,
    /// "Change" (the level since the earlier report).
    pub(crate) change: &'static str,
    /// "Entitlements Change".
    pub(crate) entitlements_change: &'static str,
    /// "People Change".
    pub(crate) people_change: &'static str,
    /// "At Risk".
    pub(crate) at_risk: &'static str,
    /// "Product" (a text export's product or plan).
    pub(crate) product: &'static str,
    /// "Qualified Licences" (Partner Center's, shown, never counted).
    pub(crate) qualified_licences: &'static str,
    /// "Snapshot" (the date of the export's snapshot a row belongs to).
    pub(crate) snapshot: &'static str,
}

/// The `Run info` sheet's labels and sentences.
#[derive(Debug)]
pub(crate) struct InfoTexts {
    /// "Tool".
    pub(crate) tool: &'static str,
    /// "As of".
    pub(crate) as_of: &'static str,
    /// "Generated".
    pub(crate) generated: &'static str,
    /// "Language".
    pub(crate) language: &'static str,
    /// "Rules file".
    pub(crate) rules_file: &'static str,
    /// A rule set shipped in the binary, by its name.
    pub(crate) shipped_rules: fn(&str) -> String,
    /// "Competency".
    pub(crate) competency: &'static str,
    /// "Source".
    pub(crate) source: &'static str,
    /// "Entitlements method".
    pub(crate) method: &'static str,
    /// The methods in words: best-workload, customer-max, sum (each with
    /// its name in the rules file).
    pub(crate) methods: [&'static str; 3],
    /// "Counted workloads".
    pub(crate) counted_workloads: &'static str,
    /// "Counted associations".
    pub(crate) counted_associations: &'static str,
    /// "Counted SKU types".
    pub(crate) counted_skus: &'static str,
    /// "A person qualifies with".
    pub(crate) qualifies_with: &'static str,
    /// "Emerging markets".
    pub(crate) emerging_markets: &'static str,
    /// "Partners".
    pub(crate) partners: &'static str,
    /// "Problems".
    pub(crate) problems: &'static str,
    /// "Note" (notes about the run, worded in English by the routine).
    pub(crate) note: &'static str,
    /// "Problem messages".
    pub(crate) problems_language: &'static str,
    /// The language problem messages are in: English, from the input stage.
    pub(crate) problems_language_value: &'static str,
    /// New customers a level asks for: (count, window in months), with its
    /// separator from what follows.
    pub(crate) new_customers: fn(&str, u32) -> String,
    /// Entitlements a level asks for, by market: (mature, emerging).
    pub(crate) entitlements_by_market: fn(&str, &str) -> String,
    /// Entitlements a level asks for, one figure.
    pub(crate) entitlements: fn(&str) -> String,
    /// A level's threshold: (new customers part, entitlements part, people).
    pub(crate) threshold: fn(&str, &str, u32) -> String,
    /// A route needing all of some credentials.
    pub(crate) all_of: fn(&str) -> String,
    /// A route needing one of some credentials.
    pub(crate) one_of: fn(&str) -> String,
    /// A route needing all of some and one of others.
    pub(crate) all_and_one_of: fn(&str, &str) -> String,
    /// Between two routes: "; or ".
    pub(crate) or_route: &'static str,
    /// The emerging-markets list's size.
    pub(crate) emerging_count: fn(usize) -> String,
    /// A file that could not be read, and why (the why stays English).
    pub(crate) not_read: fn(&str) -> String,
    /// A file that was skipped, and why (the why stays English).
    pub(crate) skipped: fn(&str) -> String,
    /// A sheet read as a kind: (kind).
    pub(crate) read_as: fn(&str) -> String,
    /// A sheet with no rows.
    pub(crate) sheet_empty: &'static str,
    /// A chart or dialog sheet, skipped.
    pub(crate) not_worksheet: &'static str,
    /// An Excel 4.0 macro sheet, skipped.
    pub(crate) macro_sheet: &'static str,
    /// A hidden sheet, skipped.
    pub(crate) sheet_hidden: &'static str,
    /// A sheet read only in part: (why, in English).
    pub(crate) stopped: fn(&str) -> String,
    /// How a text file was read: (encoding, delimiter name).
    pub(crate) text_file: fn(&str, &str) -> String,
    /// A sheet's partner given with `--partner-id`: (partner).
    pub(crate) partner_given: fn(&str) -> String,
    /// A sheet's partner from its folder's name: (partner, folder).
    pub(crate) partner_from_folder: fn(&str, &str) -> String,
    /// A sheet's partner from its file's name: (partner).
    pub(crate) partner_from_file_name: fn(&str) -> String,
    /// A sheet whose rows count as Transacting Partner (channel column).
    pub(crate) association_from_channel: &'static str,
}

/// The `Dashboard` sheet's titles and labels.
#[derive(Debug)]
pub(crate) struct DashboardTexts {
    /// The sheet's title: (competency, as-of date).
    pub(crate) title: fn(&str, &str) -> String,
    /// "Partners per level".
    pub(crate) per_level: &'static str,
    /// "Active users by outcome".
    pub(crate) by_outcome: &'static str,
    /// What the outcome table counts.
    pub(crate) by_outcome_note: &'static str,
    /// "Closest to the next level": (how many).
    pub(crate) closest: fn(usize) -> String,
    /// How the closest partners are ranked: what progress is, in one line.
    pub(crate) closest_rule: &'static str,
    /// "What each level needs" (the legend of thresholds).
    pub(crate) needs: &'static str,
    /// What the legend shows and where the rest is.
    pub(crate) needs_note: &'static str,
    /// "Total".
    pub(crate) total: &'static str,
    /// "Counted".
    pub(crate) counted: &'static str,
    /// "Trial or free".
    pub(crate) not_paid: &'static str,
    /// "Not associated".
    pub(crate) not_associated: &'static str,
    /// "Workload not counted".
    pub(crate) workload_not_counted: &'static str,
    /// "Duplicate".
    pub(crate) duplicate: &'static str,
    /// "Not the current snapshot": history, or after the as-of date.
    pub(crate) other_snapshot: &'static str,
    /// "Invalid input".
    pub(crate) invalid: &'static str,
    /// No partner is below the top level.
    pub(crate) nobody_below_top: &'static str,
}

/// All the words of one language.
#[derive(Debug)]
pub struct Texts {
    /// Which language this is.
    pub(crate) lang: Lang,
    /// The language's name, for `Run info`.
    pub(crate) language_name: &'static str,
    /// Groups thousands in counts written as text ("1,900" or "1.900").
    pub(crate) thousands_sep: char,
    /// Put before a cell's number format so that the cells group their
    /// thousands as the sentences do: `[$-407]` (German) makes LibreOffice
    /// (and so `--pdf`) show `1.800`; Excel takes the separators from the
    /// system, which in a German Excel is `1.800` anyway.
    pub(crate) number_locale: &'static str,
    /// The page numbers in a printed page's footer, in Excel's codes
    /// (`&P` the page, `&N` the pages).
    pub(crate) page_of: &'static str,
    /// Sheet names.
    pub(crate) sheets: SheetNames,
    /// Column headers.
    pub(crate) h: Headers,
    /// "Yes".
    pub(crate) yes: &'static str,
    /// "No".
    pub(crate) no: &'static str,
    /// Before the last item of a list: " and ".
    pub(crate) and: &'static str,
    /// Before the last of several alternatives: " or ".
    pub(crate) or: &'static str,
    /// Level names: none, silver, gold.
    pub(crate) levels: [&'static str; 3],
    /// Market names: mature, emerging.
    pub(crate) markets: [&'static str; 2],
    /// Level changes since the earlier report: new, gained Gold, gained
    /// Silver, lost Gold, lost Silver, unchanged.
    pub(crate) changes: [&'static str; 6],
    /// Input sheet kinds: customers, transcripts, partners, Azure
    /// consumption, Business Applications revenue, Business Applications
    /// usage.
    pub(crate) sheet_kinds: [&'static str; 6],
    /// SKU names: paid, trial, free.
    pub(crate) skus: [&'static str; 3],
    /// The "None" association (the others are proper names, kept as they are).
    pub(crate) association_none: &'static str,
    /// A partner at the top: (level).
    pub(crate) meets: fn(&str) -> String,
    /// What a partner needs: (needs, level).
    pub(crate) needs_for: fn(&str, &str) -> String,
    /// More active entitlements: (count, is one).
    pub(crate) more_entitlements: fn(&str, bool) -> String,
    /// More qualified people: (count, is one).
    pub(crate) more_people: fn(&str, bool) -> String,
    /// More new customers: (count, is one).
    pub(crate) more_new_customers: fn(&str, bool) -> String,
    /// A choice among credentials: "one of a, b or c".
    pub(crate) one_of_choice: fn(&str) -> String,
    /// A person part-way: (name, held, missing).
    pub(crate) person_hint: fn(&str, &str, &str) -> String,
    /// A bad row: (why, in English from the input stage).
    pub(crate) excl_invalid: fn(&str) -> String,
    /// A trial row.
    pub(crate) excl_trial: &'static str,
    /// A free (not paid) row: (sku).
    pub(crate) excl_not_paid: fn(&str) -> String,
    /// A row with no association.
    pub(crate) excl_not_associated: &'static str,
    /// A row whose association the rules do not count: (association).
    pub(crate) excl_association: fn(&str) -> String,
    /// A row whose workload is not counted.
    pub(crate) excl_workload: &'static str,
    /// A row that repeats a larger one.
    pub(crate) excl_duplicate: &'static str,
    /// The association of a row from Partner Center's `channel` column.
    pub(crate) association_via_channel: &'static str,
    /// A row of an earlier snapshot: (its date, the current snapshot's
    /// date, whether the customer's workload is gone from the current one).
    pub(crate) excl_earlier_snapshot: fn(&str, &str, bool) -> String,
    /// A row of a snapshot after the as-of date: (its date).
    pub(crate) excl_snapshot_after_as_of: fn(&str) -> String,
    /// A credential passed after the as-of date.
    pub(crate) after_as_of: &'static str,
    /// A person counted for another partner: (partner).
    pub(crate) counts_for: fn(&str) -> String,
    /// A credential past its expiration date: (credential, date).
    pub(crate) dropped_expired: fn(&str, &str) -> String,
    /// A credential past its "counts through" date: (credential, date).
    pub(crate) dropped_counts_through: fn(&str, &str) -> String,
    /// A credential passed on or after its retirement: (credential, date).
    pub(crate) dropped_retired: fn(&str, &str) -> String,
    /// An exam that earns a credential only beside another: (credential,
    /// the credentials one of which it needs).
    pub(crate) dropped_needs: fn(&str, &str) -> String,
    /// `Run info`.
    pub(crate) info: InfoTexts,
    /// `Dashboard`.
    pub(crate) dashboard: DashboardTexts,
    /// The cheapest route and `Next Steps`.
    pub(crate) advice: AdviceTexts,
    /// The emails.
    pub(crate) mail: mail::MailTexts,
    /// The words of a points-scored designation (partner capability score).
    pub(crate) points: points::PointsTexts,
    /// The words of a revenue-scored designation (Business Applications).
    pub(crate) revenue: revenue::RevenueTexts,
    /// The words of a designation scored from Azure consumed revenue.
    pub(crate) acr: acr::AcrTexts,
    /// The security family's words.
    pub(crate) security: security::SecurityTexts,
    /// The words of a report holding several rule sets.
    pub(crate) programme: programme::ProgrammeTexts,
    /// The `At Risk` alert.
    pub(crate) alerts: AlertTexts,
}

impl Texts {
    /// A count with thousands separators, as a reader expects (`1,900`, `1.900`).
    pub(crate) fn count(&self, n: u64) -> String {
        group(n, self.thousands_sep)
    }

    /// "Yes" or "No".
    pub(crate) fn yes_no(&self, b: bool) -> &'static str {
        if b { self.yes } else { self.no }
    }

    /// Where the rules came from: a shipped rule set in words, a file by its path.
    pub(crate) fn rules_origin(&self, origin: &RulesOrigin) -> String {
        match origin {
            RulesOrigin::Shipped(name) => (self.info.shipped_rules)(name),
            RulesOrigin::File(path) => path.display().to_string(),
        }
    }

    /// A level's name.
    pub(crate) fn level(&self, level: Level) -> &'static str {
        match level {
            Level::None => self.levels[0],
            Level::Qualified => self.points.qualified,
            Level::Silver => self.levels[1],
            Level::Gold => self.levels[2],
        }
    }

    /// An input sheet kind's name.
    pub(crate) fn sheet_kind(&self, kind: SheetKind) -> &'static str {
        match kind {
            SheetKind::Customers => self.sheet_kinds[0],
            SheetKind::Transcripts => self.sheet_kinds[1],
            SheetKind::Partners => self.sheet_kinds[2],
            SheetKind::AzureConsumption => self.sheet_kinds[3],
            SheetKind::BusinessAppsRevenue => self.sheet_kinds[4],
            SheetKind::BusinessAppsUsage => self.sheet_kinds[5],
        }
    }

    /// A level change's name.
    pub(crate) fn change(&self, change: Change) -> &'static str {
        match change {
            Change::New => self.changes[0],
            Change::GainedGold => self.changes[1],
            Change::GainedSilver => self.changes[2],
            Change::LostGold => self.changes[3],
            Change::LostSilver => self.changes[4],
            Change::Qualified => self.points.gained,
            Change::LostQualification => self.points.lost,
            Change::Unchanged => self.changes[5],
        }
    }

    /// A market's name.
    pub(crate) fn market(&self, market: Market) -> &'static str {
        match market {
            Market::Mature => self.markets[0],
            Market::Emerging => self.markets[1],
        }
    }

    /// A SKU type's name.
    pub(crate) fn sku(&self, sku: Sku) -> &'static str {
        match sku {
            Sku::Paid => self.skus[0],
            Sku::Trial => self.skus[1],
            Sku::Free => self.skus[2],
        }
    }

    /// An association's name.
    pub(crate) fn association(&self, association: Association) -> &'static str {
        match association {
            Association::None => self.association_none,
            other => other.label(),
        }
    }

    /// "a", "a and b", "a, b and c".
    pub(crate) fn join_and(&self, items: &[String]) -> String {
        match items {
            [] => String::new(),
            [one] => one.clone(),
            [rest @ .., last] => format!("{}{}{last}", rest.join(", "), self.and),
        }
    }

    /// "a", "a or b", "a, b or c".
    pub(crate) fn join_or(&self, items: &[String]) -> String {
        match items {
            [] => String::new(),
            [one] => one.clone(),
            [rest @ .., last] => format!("{}{}{last}", rest.join(", "), self.or),
        }
    }
}

#[cfg(test)]
mod tests;
