//! Domain types shared by every stage: identifiers, levels, markets and the
//! closed vocabularies (association, SKU) that Partner Center itself defines.
//!
//! Everything here is parsed once, at the edge where a cell becomes a row, so
//! the later stages never compare raw strings.
//!
//! The rooms: `ids` (partner, customer, person, workload, credential),
//! `vocab` (level, market, association, SKU), `points` (a score's points),
//! `calendar` (calendar and fiscal months), `amount` (exact decimals:
//! revenue in US dollars, capacity, rates).

mod amount;
mod calendar;
mod ids;
mod points;
mod vocab;

pub(crate) use amount::MAX_WHOLE;
pub use amount::{Amount, Dollars};
pub use calendar::CalendarMonth;
pub use ids::{CredentialId, CustomerId, PartnerId, PersonId, Workload};
pub use points::Centi;
pub(crate) use points::{points_value, show_points};
pub use vocab::{Association, AssociationSource, Level, Market, Sku};

/// Folds text for lenient matching: lowercase, German umlauts spelled out,
/// and everything but letters and digits dropped.
///
/// Headers and vocabulary values arrive as "Partner-ID", "partner id",
/// "PARTNER_ID" or "Prüfung"/"Pruefung"; all must meet.
pub(crate) fn fold(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    for c in raw.chars() {
        match c {
            'ä' | 'Ä' => out.push_str("ae"),
            'ö' | 'Ö' => out.push_str("oe"),
            'ü' | 'Ü' => out.push_str("ue"),
            'ß' | 'ẞ' => out.push_str("ss"),
            c if c.is_alphanumeric() => out.extend(c.to_lowercase()),
            _ => {}
        }
    }
    out
}

/// Digits grouped by threes with `sep` (`1,900`, `1.900`): the one way
/// counts are written for people, in the report and on the terminal.
pub(crate) fn group_digits(n: u64, sep: char) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::ids::caseless_cmp;
    use super::*;

    #[test]
    fn partner_ids_from_numbers_and_text_meet() {
        let a = PartnerId::parse("1000001").unwrap();
        assert_eq!(PartnerId::parse(" 1000001 ").unwrap(), a);
        assert_eq!(PartnerId::parse("0001000001").unwrap(), a);
        assert_eq!(PartnerId::parse("1 000 001").unwrap(), a);
        assert_ne!(PartnerId::parse("1000002").unwrap(), a);
        assert_eq!(PartnerId::parse("ab-12").unwrap().as_str(), "AB-12");
        assert!(PartnerId::parse("   ").is_none());
        assert_eq!(PartnerId::parse("000").unwrap().as_str(), "0");
    }

    #[test]
    fn caseless_order_is_the_order_of_the_lower_cased_text() {
        let texts = [
            "",
            "a",
            "A",
            "ab",
            "aB",
            "abc-1000377-0006",
            "ABC-1000377-0007",
            "abc-1000377-000",
            "Z",
            "z@",
            "[",
            "`",
            "@",
            "1000377-0006",
            "1000377-0006x",
            "ABCDEFGHIJKLMNOPQRSTUVWXYZ",
            "abcdefghijklmnopqrstuvwxyz",
            "abcdefghijklmnopqrstuvwxyY",
            "\x7f",
            "~~~~~~~~~~",
            // Beyond ASCII, early and late, and where ASCII ends mid-chunk.
            "Ärger",
            "ärger",
            "abcdefghÄ",
            "abcdefghä",
            "abcdefgha",
            "abcdefg\u{e9}z",
            "ABCDEFG\u{c9}",
            "M\u{fc}ller-1000377",
            "MÜLLER-1000377",
            "\u{130}stanbul",
        ];
        for a in texts {
            for b in texts {
                let lower = |t: &str| t.chars().flat_map(char::to_lowercase).collect::<String>();
                let expected = lower(a).cmp(&lower(b));
                assert_eq!(caseless_cmp(a, b), expected, "{a:?} {b:?}");
            }
        }
    }

    #[test]
    fn ids_compare_ignoring_case_and_keep_their_spelling() {
        let upper = CustomerId::parse(" C-1001 ").unwrap();
        let lower = CustomerId::parse("c-1001").unwrap();
        assert_eq!(upper, lower);
        assert_eq!(upper.as_str(), "C-1001");
        assert_eq!(lower.to_string(), "c-1001");
        assert_eq!(upper.cmp(&lower), std::cmp::Ordering::Equal);
        assert!(CustomerId::parse("C-1000").unwrap() < lower);
        assert!(CustomerId::parse("   ").is_none());
        use std::hash::BuildHasher;
        let state = std::collections::hash_map::RandomState::new();
        let a = PersonId::parse("Dan.Park@Contoso.com").unwrap();
        let b = PersonId::parse("dan.park@contoso.com").unwrap();
        assert_eq!(state.hash_one(&a), state.hash_one(&b));
        assert_eq!(a, b);
        assert_eq!(a.as_str(), "Dan.Park@Contoso.com");
        // Beyond ASCII too: Ä and ä are one letter in two cases.
        let umlaut = PersonId::parse("MÜLLER@example.de").unwrap();
        assert_eq!(umlaut, PersonId::parse("müller@example.de").unwrap());
        assert_eq!(
            state.hash_one(&umlaut),
            state.hash_one(PersonId::parse("Müller@Example.DE").unwrap())
        );
        assert!(PersonId::parse("a@x").unwrap() < PersonId::parse("B@x").unwrap());
        // The Kelvin sign lower-cases to an ASCII k: equal ids hash alike,
        // however long (the hash goes through a buffer).
        let long = "k".repeat(150);
        let kelvin = PersonId::parse(&"\u{212A}".repeat(150)).unwrap();
        assert_eq!(kelvin, PersonId::parse(&long).unwrap());
        assert_eq!(
            state.hash_one(&kelvin),
            state.hash_one(PersonId::parse(&long).unwrap())
        );
    }

    #[test]
    fn fold_ignores_case_punctuation_and_umlauts() {
        assert_eq!(fold("Partner-ID"), "partnerid");
        assert_eq!(fold("PARTNER_ID "), "partnerid");
        assert_eq!(fold("Prüfung"), fold("Pruefung"));
        assert_eq!(fold("Straße"), "strasse");
    }

    #[test]
    fn associations_parse_in_english_and_german() {
        use Association::*;
        assert_eq!(Association::parse("DAP"), Some(DelegatedAdministrator));
        assert_eq!(
            Association::parse("Delegated Administrator"),
            Some(DelegatedAdministrator)
        );
        assert_eq!(
            Association::parse("Transacting Partner"),
            Some(TransactingPartner)
        );
        assert_eq!(Association::parse("DPOR"), Some(DigitalPartnerOfRecord));
        assert_eq!(
            Association::parse("Digital Partner of Record"),
            Some(DigitalPartnerOfRecord)
        );
        assert_eq!(
            Association::parse("Fast Track Partner"),
            Some(FastTrackPartner)
        );
        assert_eq!(
            Association::parse("Claiming Partner of Record"),
            Some(ClaimingPartnerOfRecord)
        );
        assert_eq!(Association::parse("CPOR"), Some(ClaimingPartnerOfRecord));
        assert_eq!(Association::parse("CSP Tier 1"), Some(CspTier1));
        assert_eq!(Association::parse("csp-tier-2"), Some(CspTier2));
        assert_eq!(Association::parse("Indirect reseller"), Some(CspTier2));
        assert_eq!(Association::parse("Keine"), Some(None));
        assert_eq!(Association::parse(""), Some(None));
        assert_eq!(Association::parse("Reseller"), Option::None);
    }

    #[test]
    fn download_association_types_parse_as_partner_center_writes_them() {
        use Association::*;
        // The Business Applications downloads' PartnerAssociationType and
        // the AzureUsage download's PartnerAttributionType.
        assert_eq!(Association::parse("CSP T1"), Some(CspTier1));
        assert_eq!(Association::parse("CSP T2"), Some(CspTier2));
        for pal in [
            "PAL",
            "Partner Admin Link",
            "Partner Admin Link (PAL)",
            "(PAL)",
        ] {
            assert_eq!(Association::parse(pal), Some(PartnerAdminLink), "{pal}");
        }
        // Plain CSP (Azure's attribution without a tier) is the
        // transacting partner.
        assert_eq!(Association::parse("CSP"), Some(TransactingPartner));
        assert_eq!(
            Association::parse("Cloud Solution Provider (CSP)"),
            Some(TransactingPartner)
        );
        assert_eq!(
            Association::parse("Digital Partner of Record (DPOR)"),
            Some(DigitalPartnerOfRecord)
        );
        assert_eq!(PartnerAdminLink.label(), "Partner Admin Link");
        // The page's CPOR claim types are told apart: which of them count
        // differs between net customer adds and customer success.
        assert_eq!(Association::parse("CPOR RevRec"), Some(CporRevRec));
        assert_eq!(Association::parse("CPOR OSA"), Some(CporOsa));
        assert_eq!(
            Association::parse("CPOR RevRec Performance"),
            Some(CporRevRecPerformance)
        );
        assert_eq!(Association::parse("cpor-osu"), Some(CporOsu));
        assert_eq!(Association::parse("CPOR"), Some(ClaimingPartnerOfRecord));
        assert_eq!(Association::parse("CPOR XYZ"), Option::None);
        assert_eq!(Association::parse("Reseller (RSL)"), Option::None);
        // The rules file names them by their kebab-case ids.
        let ids: Vec<Association> =
            serde_json::from_str(r#"["partner-admin-link","cpor-revrec","cpor-osa","cpor-revrec-performance","cpor-osu"]"#)
                .unwrap();
        assert_eq!(
            ids,
            [
                PartnerAdminLink,
                CporRevRec,
                CporOsa,
                CporRevRecPerformance,
                CporOsu
            ]
        );
        assert_eq!(CporRevRecPerformance.label(), "CPOR RevRec Performance");
    }

    #[test]
    fn sku_and_market_parse_in_english_and_german() {
        assert_eq!(Sku::parse("Kostenpflichtig"), Some(Sku::Paid));
        assert_eq!(Sku::parse("Testversion"), Some(Sku::Trial));
        assert_eq!(Sku::parse(" "), Some(Sku::Paid));
        assert_eq!(Sku::parse("Trial"), Some(Sku::Trial));
        assert_eq!(Sku::parse("maybe"), None);
        assert_eq!(Market::parse("Industrieländer"), Some(Market::Mature));
        assert_eq!(Market::parse("Entwicklungsland"), Some(Market::Emerging));
        assert_eq!(Market::parse("Emerging"), Some(Market::Emerging));
        assert_eq!(Market::parse("somewhere"), None);
    }

    #[test]
    fn levels_step_up_to_gold() {
        assert_eq!(Level::None.next(), Some(Level::Silver));
        assert_eq!(Level::Silver.next(), Some(Level::Gold));
        assert_eq!(Level::Gold.next(), None);
        assert!(Level::Gold > Level::Silver && Level::Silver > Level::None);
    }
}
