//! The English words (the default language).

use super::{AdviceTexts, AlertTexts, DashboardTexts, Headers, InfoTexts, Lang, SheetNames, Texts};

/// English.
pub(crate) static EN: Texts = Texts {
    lang: Lang::En,
    language_name: "English (en)",
    thousands_sep: ',',
    number_locale: "",
    page_of: "Page &P of &N",
    sheets: SheetNames {
        dashboard: "Dashboard",
        summary: "Summary",
        details: "Partner Details",
        next_steps: "Next Steps",
        customers: "Customers",
        tenants: "Tenants",
        people: "People",
        history: "History",
        problems: "Problems",
        run_info: "Run info",
    },
    h: Headers {
        file: "File",
        sheet: "Sheet",
        row: "Row",
        cell: "Cell",
        partner_id: "Partner ID",
        partner_name: "Partner Name",
        customer_id: "Customer ID",
        customer_name: "Customer Name",
        workload: "Workload",
        active_users: "Active Users",
        sku: "SKU Type",
        association: "Association",
        counted: "Counted",
        workload_total: "Workload Total",
        in_figure: "In Partner's Figure",
        not_counted_because: "Not Counted Because",
        person_id: "Person ID",
        person_name: "Person Name",
        credentials: "Credentials",
        qualifies: "Qualifies",
        counted_for_partner: "Counted for Partner",
        still_needs: "Still Needs",
        message: "Message",
        item: "Item",
        read_as: "Read As",
        header_row: "Header Row",
        rows: "Rows",
        rows_without_partner: "Rows Without Partner",
        value_status: "Value / Status",
        market: "Market",
        level: "Level",
        active_entitlements: "Active Entitlements",
        best_workload: "Best Workload",
        qualified_people: "Qualified People",
        next_level: "Next Level",
        entitlements_short: "Entitlements Short",
        people_short: "People Short",
        action: "Action",
        cheapest_route: "Cheapest Route",
        customer_rows: "Customer Rows",
        people_rows: "People Rows",
        step: "Step",
        who: "Who",
        what_to_do: "What To Do",
        entitlements_after: "Entitlements After",
        input_row: "Input Row",
        progress: "Progress",
        new_customers: "New Customers",
        new_customers_short: "New Customers Short",
        partners: "Partners",
        outcome: "Outcome",
        change: "Change",
        entitlements_change: "Entitlements Change",
        people_change: "People Change",
        at_risk: "At Risk",
        product: "Product",
        qualified_licences: "Qualified Licences",
        snapshot: "Snapshot",
    },
    yes: "Yes",
    no: "No",
    and: " and ",
    or: " or ",
    levels: ["None", "Silver", "Gold"],
    markets: ["Mature", "Emerging"],
    changes: [
        "new",
        "gained Gold",
        "gained Silver",
        "lost Gold",
        "lost Silver",
        "unchanged",
    ],
    sheet_kinds: [
        "Customers",
        "Transcripts",
        "Partners",
        "Azure consumption",
        "Business Applications revenue",
        "Business Applications usage",
    ],
    skus: ["Paid", "Trial", "Free"],
    association_none: "None",
    meets: |level| format!("meets {level}"),
    needs_for: |needs, level| format!("needs {needs} for {level}"),
    more_entitlements: |n, one| {
        if one {
            format!("{n} more active entitlement")
        } else {
            format!("{n} more active entitlements")
        }
    },
    more_people: |n, one| {
        if one {
            format!("{n} more qualified person")
        } else {
            format!("{n} more qualified people")
        }
    },
    more_new_customers: |n, one| {
        if one {
            format!("{n} more new customer")
        } else {
            format!("{n} more new customers")
        }
    },
    one_of_choice: |items| format!("one of {items}"),
    person_hint: |name, held, missing| format!("{name} has passed {held} and needs {missing}"),
    excl_invalid: |why| format!("invalid input: {why}"),
    excl_trial: "trial SKU: trials never count",
    excl_not_paid: |sku| format!("{} SKU: only paid SKUs count", sku.to_lowercase()),
    excl_not_associated: "not associated: the partner is not DAP, Transacting Partner, DPOR or Fast Track Partner for this customer",
    excl_association: |a| format!("association '{a}' does not count under these rules"),
    excl_workload: "workload not counted by these rules",
    excl_duplicate: "duplicate: the same customer and workload appear on a larger row",
    association_via_channel: "Transacting Partner (channel)",
    excl_earlier_snapshot: |snapshot, latest, gone| {
        if gone {
            format!(
                "gone: not in the current snapshot of {latest} (last seen {snapshot}); history only, counted nowhere"
            )
        } else {
            format!(
                "earlier snapshot ({snapshot}): the current snapshot, of {latest}, counts; this one is history"
            )
        }
    },
    excl_snapshot_after_as_of: |snapshot| {
        format!("snapshot of {snapshot}, after the as-of date: an earlier one counts, if any")
    },
    after_as_of: " [after the as-of date: not counted]",
    counts_for: |other| format!("No: counts for {other}"),
    dropped_expired: |c, d| format!("{c}: expired on {d}"),
    dropped_counts_through: |c, d| format!("{c}: counted through {d} only (retired)"),
    dropped_retired: |c, d| format!("{c}: passed after its retirement on {d}"),
    dropped_needs: |c, needs| {
        format!("{c}: the exam alone does not earn it; it needs {needs} beside it")
    },
    info: InfoTexts {
        tool: "Tool",
        as_of: "As of",
        generated: "Generated",
        language: "Language",
        rules_file: "Rules file",
        shipped_rules: |name| format!("built-in {name} (templates/{name}.toml)"),
        competency: "Competency",
        source: "Source",
        method: "Entitlements method",
        methods: [
            "the best workload, summed over customers (best-workload)",
            "each customer's highest workload, summed (customer-max)",
            "every counted row added up (sum)",
        ],
        counted_workloads: "Counted workloads",
        counted_associations: "Counted associations",
        counted_skus: "Counted SKU types",
        qualifies_with: "A person qualifies with",
        emerging_markets: "Emerging markets",
        partners: "Partners",
        problems: "Problems",
        note: "Note",
        problems_language: "Problem messages",
        problems_language_value: "English",
        new_customers: |n, months| format!("{n} new customers (added within {months} months); "),
        entitlements_by_market: |mature, emerging| {
            format!("{mature} active entitlements (mature markets), {emerging} (emerging markets)")
        },
        entitlements: |n| format!("{n} active entitlements"),
        threshold: |new, entitlements, people| {
            format!(
                "{new}{entitlements}; {people} qualified {}",
                if people == 1 { "person" } else { "people" }
            )
        },
        all_of: |all| format!("all of {all}"),
        one_of: |any| format!("one of {any}"),
        all_and_one_of: |all, any| format!("all of {all} and one of {any}"),
        or_route: "; or ",
        emerging_count: |n| format!("{n} names and codes on the rules file's list"),
        not_read: |why| format!("not read: {why}"),
        skipped: |why| format!("skipped: {why}"),
        read_as: |kind| format!("read as {kind}"),
        sheet_empty: "empty",
        not_worksheet: "not a worksheet: skipped",
        macro_sheet: "an Excel 4.0 macro sheet (a program, not data): skipped",
        sheet_hidden: "hidden: skipped",
        stopped: |why| format!("the sheet could not be read to the end: {why}"),
        text_file: |encoding, delimiter| {
            format!("text file: {encoding}, fields separated by {delimiter}")
        },
        partner_given: |partner| format!("partner {partner} (given with --partner-id)"),
        partner_from_folder: |partner, folder| {
            format!("partner {partner} (from the folder '{folder}')")
        },
        partner_from_file_name: |partner| format!("partner {partner} (from the file's name)"),
        association_from_channel: "no Association column: its rows are the partner's own CSP customers (Partner Center's channel column) and count as Transacting Partner",
    },
    dashboard: DashboardTexts {
        title: |competency, as_of| format!("{competency} competency report, as of {as_of}"),
        per_level: "Partners per level",
        by_outcome: "Active users by outcome",
        by_outcome_note: "Customer rows and their active users: counted toward a partner's figure, or not counted and why.",
        closest: |n| format!("Closest to the next level (top {n})"),
        closest_rule: "Progress = the average of how much of each thing the next level asks for a partner has (active entitlements, qualified people; each counts up to 100 %). Ranked by progress, then partner ID.",
        needs: "What each level needs",
        needs_note: "The thresholds of the rules in force, per market; a partner's market is on Summary, the whole rules on Run info.",
        total: "Total",
        counted: "Counted",
        not_paid: "Trial or free",
        not_associated: "Not associated",
        workload_not_counted: "Workload not counted",
        duplicate: "Duplicate",
        other_snapshot: "Not the current snapshot",
        invalid: "Invalid input",
        nobody_below_top: "Every partner is at the top level.",
    },
    advice: AdviceTexts {
        people_step: "People",
        entitlements_step: "Entitlements",
        new_customers_step: "New customers",
        do_win_customers: |n, one| {
            if one {
                format!("win {n} new customer")
            } else {
                format!("win {n} new customers")
            }
        },
        route_for: |level| format!("for {level}: "),
        then: "; then ",
        nobody_part_way: "nobody on the transcripts is part-way",
        more_from_scratch: |n, _| format!("{n} more with no credential yet"),
        no_near_customer: "no customer on the inputs is close to counting",
        near_customer: |customer, users, workload, obstacle| {
            format!("{customer} ({users} {workload} users, {obstacle})")
        },
        would_reach: |figure| format!("would bring them to {figure}"),
        would_reach_part: |figure, threshold| {
            format!("would bring them to {figure} of {threshold}; the rest needs new customers")
        },
        when_paid: |sku| format!("{}: when paid", sku.to_lowercase()),
        when_associated: "not associated: when associated",
        do_pay: |sku| format!("convert the {} subscription to paid", sku.to_lowercase()),
        do_associate: |associations| format!("become {associations} for this customer"),
        do_pass: |credentials| format!("pass {credentials}"),
        do_win: |n| format!("win {n} more active users on one counted workload"),
        do_train: |n, one| {
            if one {
                format!("{n} more person to qualify from scratch")
            } else {
                format!("{n} more people to qualify from scratch")
            }
        },
    },
    mail: super::mail::EN,
    points: super::points::EN,
    revenue: super::revenue::EN,
    acr: super::acr::EN,
    security: super::security::EN,
    programme: super::programme::EN,
    alerts: AlertTexts {
        near_threshold: |entitlements, percent, level, threshold| {
            format!(
                "{entitlements} active entitlements are within {percent} % of the {level} {threshold} threshold"
            )
        },
        last_people: |n, one, level| {
            if one {
                format!("relies on exactly the {n} qualified person {level} needs")
            } else {
                format!("relies on exactly the {n} qualified people {level} needs")
            }
        },
        also: "; ",
        decimal_sep: '.',
    },
};
