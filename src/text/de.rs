//! Die deutschen Wörter (`--lang de`).
//!
//! Proper names stay as Microsoft writes them in German material too:
//! workloads (Exchange Online), associations (Delegated Administrator, DPOR),
//! exam numbers and "Active Entitlements" where it names the requirement.

use super::{AdviceTexts, AlertTexts, DashboardTexts, Headers, InfoTexts, Lang, SheetNames, Texts};

/// Deutsch.
pub(crate) static DE: Texts = Texts {
    lang: Lang::De,
    language_name: "Deutsch (de)",
    thousands_sep: '.',
    number_locale: "[$-407]",
    page_of: "Seite &P von &N",
    sheets: SheetNames {
        dashboard: "Überblick",
        summary: "Partner",
        details: "Partnerdetails",
        next_steps: "Nächste Schritte",
        customers: "Kunden",
        tenants: "Mandanten",
        people: "Personen",
        history: "Verlauf",
        problems: "Probleme",
        run_info: "Laufinfo",
    },
    h: Headers {
        file: "Datei",
        sheet: "Blatt",
        row: "Zeile",
        cell: "Zelle",
        partner_id: "Partner-ID",
        partner_name: "Partnername",
        customer_id: "Kunden-ID",
        customer_name: "Kundenname",
        workload: "Arbeitslast",
        active_users: "Aktive Benutzer",
        sku: "SKU-Typ",
        association: "Zuordnung",
        counted: "Gezählt",
        workload_total: "Summe Arbeitslast",
        in_figure: "In der Partnerzahl",
        not_counted_because: "Nicht gezählt, weil",
        person_id: "Personen-ID",
        person_name: "Name",
        credentials: "Prüfungen und Zertifizierungen",
        qualifies: "Qualifiziert",
        counted_for_partner: "Zählt für Partner",
        still_needs: "Fehlt noch",
        message: "Meldung",
        item: "Eintrag",
        read_as: "Gelesen als",
        header_row: "Kopfzeile",
        rows: "Zeilen",
        rows_without_partner: "Zeilen ohne Partner",
        value_status: "Wert / Status",
        market: "Markt",
        level: "Stufe",
        active_entitlements: "Aktive Berechtigungen",
        best_workload: "Beste Arbeitslast",
        qualified_people: "Qualifizierte Personen",
        next_level: "Nächste Stufe",
        entitlements_short: "Fehlende Berechtigungen",
        people_short: "Fehlende Personen",
        action: "Maßnahme",
        cheapest_route: "Günstigster Weg",
        customer_rows: "Kundenzeilen",
        people_rows: "Personenzeilen",
        step: "Schritt",
        who: "Wer",
        what_to_do: "Was zu tun ist",
        entitlements_after: "Berechtigungen danach",
        input_row: "Eingabezeile",
        progress: "Fortschritt",
        new_customers: "Neukunden",
        new_customers_short: "Fehlende Neukunden",
        partners: "Partner",
        outcome: "Ergebnis",
        change: "Veränderung",
        entitlements_change: "Veränderung Berechtigungen",
        people_change: "Veränderung Personen",
        at_risk: "Gefährdet",
        product: "Produkt",
        qualified_licences: "Qualifizierte Lizenzen",
        snapshot: "Stand",
    },
    yes: "Ja",
    no: "Nein",
    and: " und ",
    or: " oder ",
    levels: ["Keine", "Silber", "Gold"],
    markets: ["Industrieland", "Schwellenland"],
    changes: [
        "neu",
        "Gold erreicht",
        "Silber erreicht",
        "Gold verloren",
        "Silber verloren",
        "unverändert",
    ],
    sheet_kinds: [
        "Kunden",
        "Prüfungen",
        "Partner",
        "Azure-Verbrauch",
        "Business Applications: Umsatz",
        "Business Applications: Nutzung",
    ],
    skus: ["Kostenpflichtig", "Testversion", "Kostenlos"],
    association_none: "Keine",
    meets: |level| format!("erfüllt {level}"),
    needs_for: |needs, level| format!("braucht {needs} für {level}"),
    more_entitlements: |n, one| {
        if one {
            format!("{n} weitere aktive Berechtigung")
        } else {
            format!("{n} weitere aktive Berechtigungen")
        }
    },
    more_people: |n, one| {
        if one {
            format!("{n} weitere qualifizierte Person")
        } else {
            format!("{n} weitere qualifizierte Personen")
        }
    },
    more_new_customers: |n, one| {
        if one {
            format!("{n} weiteren Neukunden")
        } else {
            format!("{n} weitere Neukunden")
        }
    },
    one_of_choice: |items| format!("eine von {items}"),
    person_hint: |name, held, missing| format!("{name} hat {held} bestanden und braucht {missing}"),
    excl_invalid: |why| format!("ungültige Eingabe: {why}"),
    excl_trial: "Testversion: Testversionen zählen nie",
    excl_not_paid: |sku| format!("SKU-Typ {sku}: nur kostenpflichtige SKUs zählen"),
    excl_not_associated: "nicht zugeordnet: der Partner ist für diesen Kunden weder DAP, Transacting Partner, DPOR noch Fast Track Partner",
    excl_association: |a| format!("Zuordnung '{a}' zählt nach diesen Regeln nicht"),
    excl_workload: "Arbeitslast zählt nach diesen Regeln nicht",
    excl_duplicate: "doppelt: derselbe Kunde mit derselben Arbeitslast steht in einer größeren Zeile",
    association_via_channel: "Transacting Partner (Kanal)",
    excl_earlier_snapshot: |snapshot, latest, gone| {
        if gone {
            format!(
                "entfallen: nicht im aktuellen Stand vom {latest} (zuletzt {snapshot}); nur Verlauf, zählt nirgends"
            )
        } else {
            format!(
                "früherer Stand ({snapshot}): es zählt der aktuelle Stand vom {latest}; dieser ist nur Verlauf"
            )
        }
    },
    excl_snapshot_after_as_of: |snapshot| {
        format!("Stand vom {snapshot}, nach dem Stichtag: es zählt ein früherer, sofern vorhanden")
    },
    after_as_of: " [nach dem Stichtag: nicht gezählt]",
    counts_for: |other| format!("Nein: zählt für {other}"),
    dropped_expired: |c, d| format!("{c}: abgelaufen am {d}"),
    dropped_counts_through: |c, d| format!("{c}: zählte nur bis {d} (eingestellt)"),
    dropped_retired: |c, d| format!("{c}: nach der Einstellung am {d} abgelegt"),
    dropped_needs: |c, needs| {
        format!("{c}: die Prüfung allein genügt nicht; dazu ist {needs} nötig")
    },
    info: InfoTexts {
        tool: "Programm",
        as_of: "Stichtag",
        generated: "Erstellt",
        language: "Sprache",
        rules_file: "Regeldatei",
        shipped_rules: |name| format!("mitgeliefert: {name} (templates/{name}.toml)"),
        competency: "Kompetenz",
        source: "Quelle",
        method: "Zählweise der Berechtigungen",
        methods: [
            "die stärkste Arbeitslast, über die Kunden summiert (best-workload)",
            "je Kunde die stärkste Arbeitslast, summiert (customer-max)",
            "alle gezählten Zeilen addiert (sum)",
        ],
        counted_workloads: "Gezählte Arbeitslasten",
        counted_associations: "Gezählte Zuordnungen",
        counted_skus: "Gezählte SKU-Typen",
        qualifies_with: "Eine Person qualifiziert sich mit",
        emerging_markets: "Schwellenländer",
        partners: "Partner",
        problems: "Probleme",
        note: "Hinweis",
        problems_language: "Problemmeldungen",
        problems_language_value: "Englisch (so wie sie beim Einlesen entstehen)",
        new_customers: |n, months| {
            format!("{n} Neukunden (gewonnen in den letzten {months} Monaten); ")
        },
        entitlements_by_market: |mature, emerging| {
            format!(
                "{mature} aktive Berechtigungen (Industrieländer), {emerging} (Schwellenländer)"
            )
        },
        entitlements: |n| format!("{n} aktive Berechtigungen"),
        threshold: |new, entitlements, people| {
            format!(
                "{new}{entitlements}; {people} {}",
                if people == 1 {
                    "qualifizierte Person"
                } else {
                    "qualifizierte Personen"
                }
            )
        },
        all_of: |all| format!("alle von {all}"),
        one_of: |any| format!("eine von {any}"),
        all_and_one_of: |all, any| format!("alle von {all} und eine von {any}"),
        or_route: "; oder ",
        emerging_count: |n| format!("{n} Namen und Codes auf der Liste der Regeldatei"),
        not_read: |why| format!("nicht gelesen (Grund auf Englisch): {why}"),
        skipped: |why| format!("übersprungen (Grund auf Englisch): {why}"),
        read_as: |kind| format!("gelesen als {kind}"),
        sheet_empty: "leer",
        not_worksheet: "kein Tabellenblatt: übersprungen",
        macro_sheet: "Excel-4.0-Makrovorlage (ein Programm, keine Daten): übersprungen",
        sheet_hidden: "ausgeblendet: übersprungen",
        stopped: |why| format!("nicht bis zum Ende gelesen (Grund auf Englisch): {why}"),
        text_file: |encoding, delimiter| {
            format!("Textdatei: {encoding}, getrennt durch {delimiter}")
        },
        partner_given: |partner| format!("Partner {partner} (angegeben mit --partner-id)"),
        partner_from_folder: |partner, folder| {
            format!("Partner {partner} (aus dem Ordner '{folder}')")
        },
        partner_from_file_name: |partner| format!("Partner {partner} (aus dem Dateinamen)"),
        association_from_channel: "keine Spalte Zuordnung: die Zeilen sind die eigenen CSP-Kunden des Partners (Spalte channel aus Partner Center) und zählen als Transacting Partner",
    },
    dashboard: DashboardTexts {
        title: |competency, as_of| format!("Kompetenzbericht {competency}, Stichtag {as_of}"),
        per_level: "Partner je Stufe",
        by_outcome: "Aktive Benutzer nach Ergebnis",
        by_outcome_note: "Kundenzeilen und ihre aktiven Benutzer: für die Zahl eines Partners gezählt, oder nicht gezählt und warum.",
        closest: |n| format!("Am nächsten an der nächsten Stufe (beste {n})"),
        closest_rule: "Fortschritt = der Durchschnitt dessen, was ein Partner von jeder Anforderung der nächsten Stufe erfüllt (aktive Berechtigungen, qualifizierte Personen; jede zählt bis 100 %). Rangfolge nach Fortschritt, dann Partner-ID.",
        needs: "Was jede Stufe verlangt",
        needs_note: "Die Schwellen der geltenden Regeln je Markt; der Markt eines Partners steht im Blatt Partner, die vollständigen Regeln in der Laufinfo.",
        total: "Summe",
        counted: "Gezählt",
        not_paid: "Testversion oder kostenlos",
        not_associated: "Nicht zugeordnet",
        workload_not_counted: "Arbeitslast zählt nicht",
        duplicate: "Doppelt",
        other_snapshot: "Nicht der aktuelle Stand",
        invalid: "Ungültige Eingabe",
        nobody_below_top: "Alle Partner haben die höchste Stufe.",
    },
    advice: AdviceTexts {
        people_step: "Personen",
        entitlements_step: "Berechtigungen",
        new_customers_step: "Neukunden",
        do_win_customers: |n, _| format!("{n} Neukunden gewinnen"),
        route_for: |level| format!("für {level}: "),
        then: "; dann ",
        nobody_part_way: "niemand in den Prüfungslisten ist auf halbem Weg",
        more_from_scratch: |n, _| format!("{n} weitere noch ohne Prüfung"),
        no_near_customer: "kein Kunde in den Eingaben steht kurz davor zu zählen",
        near_customer: |customer, users, workload, obstacle| {
            format!("{customer} ({users} Benutzer {workload}, {obstacle})")
        },
        would_reach: |figure| format!("ergäben {figure}"),
        would_reach_part: |figure, threshold| {
            format!("ergäben {figure} von {threshold}; der Rest braucht neue Kunden")
        },
        when_paid: |sku| format!("{sku}: sobald kostenpflichtig"),
        when_associated: "nicht zugeordnet: sobald zugeordnet",
        do_pay: |sku| format!("{sku} in ein kostenpflichtiges Abonnement umwandeln"),
        do_associate: |associations| format!("für diesen Kunden {associations} werden"),
        do_pass: |credentials| format!("{credentials} bestehen"),
        do_win: |n| format!("{n} weitere aktive Benutzer auf einer gezählten Arbeitslast gewinnen"),
        do_train: |n, one| {
            if one {
                format!("{n} weitere Person von Grund auf qualifizieren")
            } else {
                format!("{n} weitere Personen von Grund auf qualifizieren")
            }
        },
    },
    mail: super::mail::DE,
    points: super::points::DE,
    revenue: super::revenue::DE,
    acr: super::acr::DE,
    security: super::security::DE,
    programme: super::programme::DE,
    alerts: AlertTexts {
        near_threshold: |entitlements, percent, level, threshold| {
            format!(
                "{entitlements} aktive Berechtigungen liegen weniger als {percent} % über der {level}-Schwelle von {threshold}"
            )
        },
        last_people: |n, one, level| {
            if one {
                format!("hängt an genau der {n} qualifizierten Person, die {level} verlangt")
            } else {
                format!("hängt an genau den {n} qualifizierten Personen, die {level} verlangt")
            }
        },
        also: "; ",
        decimal_sep: ',',
    },
};
