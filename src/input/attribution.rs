//! Whose export is it? A Partner Center download has no Partner ID column:
//! it is the downloading partner's own data. Such a sheet's partner is, in
//! this order, the one given with `--partner-id` (`partner_id` in the config
//! file), else the nearest folder whose name starts with a partner id
//! (`inbox/1000021 Northwind Traders/LicenseUsage.csv`), else the file's own
//! name (`1000022-usage.csv`). Otherwise nothing of the sheet counts.

use std::path::{Component, Path};

use crate::model::PartnerId;

/// Where a sheet's partner came from, when the sheet has no partner id column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum PartnerOrigin {
    /// Given on the command line (`--partner-id`) or in the config file.
    Given,
    /// The name of the nearest folder holding the file.
    Folder(String),
    /// The file's own name.
    FileName,
}

/// A partner and where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Attribution {
    /// The partner every row of the sheet belongs to.
    pub(crate) partner: PartnerId,
    /// How the tool knows.
    pub(crate) origin: PartnerOrigin,
}

impl Attribution {
    /// The partner's name a folder gives after its id (`1000021 Northwind
    /// Traders` -> `Northwind Traders`), for a sheet without a Partner Name
    /// column. A file's name is not taken for one (`1000022-usage.csv`).
    pub(crate) fn partner_name(&self) -> Option<&str> {
        let PartnerOrigin::Folder(folder) = &self.origin else {
            return None;
        };
        let rest = folder
            .trim_start_matches(|c: char| c.is_ascii_digit())
            .trim_start_matches(|c: char| !c.is_alphanumeric())
            .trim_end();
        (!rest.is_empty()).then_some(rest)
    }
}

/// The fewest and most digits a partner id in a name may have: fewer would
/// take years (`2017`) for partners, more are not MPN ids.
const ID_DIGITS: std::ops::RangeInclusive<usize> = 5..=10;

/// The partner id a folder or file name starts with: 5 to 10 digits, then
/// the end of the name or a character that is not a letter or digit
/// (`1000021 Northwind`, `1000022-usage.csv`, `1000023_2017-09.csv`). An
/// eight-digit run that is a date (`20170930-usage.csv`) is not an id.
pub(crate) fn leading_partner_id(name: &str) -> Option<PartnerId> {
    let digits = name.bytes().take_while(u8::is_ascii_digit).count();
    if !ID_DIGITS.contains(&digits) {
        return None;
    }
    let rest = &name[digits..];
    if rest.chars().next().is_some_and(char::is_alphanumeric) {
        return None;
    }
    let id = &name[..digits];
    if digits == 8 && chrono::NaiveDate::parse_from_str(id, "%Y%m%d").is_ok_and(is_plausible_day) {
        return None;
    }
    PartnerId::parse(id)
}

fn is_plausible_day(d: chrono::NaiveDate) -> bool {
    use chrono::Datelike;
    (1990..=2100).contains(&d.year())
}

/// The partner a file's place names: the nearest folder whose name starts
/// with a partner id, else the file's name.
///
/// `shown` is the file as the report shows it: relative to the input folder
/// that held it, starting with that folder's own name (`inbox/1000021
/// Northwind/usage.csv`), or the path as given for a file named on its own.
/// Of an absolute path only the file's own folder is looked at, so that a
/// number somewhere up the tree (`/home/100200/...`) never names a partner.
pub(crate) fn from_path(shown: &str) -> Option<Attribution> {
    let path = Path::new(shown);
    let file_name = path.file_name()?.to_string_lossy();
    let folders: Vec<String> = path
        .parent()
        .map(|p| {
            p.components()
                .filter_map(|c| match c {
                    Component::Normal(name) => Some(name.to_string_lossy().into_owned()),
                    _ => None,
                })
                .collect()
        })
        .unwrap_or_default();
    let nearest = if path.is_absolute() {
        folders.len().saturating_sub(1)
    } else {
        0
    };
    folders[nearest..]
        .iter()
        .rev()
        .find_map(|folder| {
            leading_partner_id(folder).map(|partner| Attribution {
                partner,
                origin: PartnerOrigin::Folder(folder.clone()),
            })
        })
        .or_else(|| {
            leading_partner_id(&file_name).map(|partner| Attribution {
                partner,
                origin: PartnerOrigin::FileName,
            })
        })
}

/// The partner of a sheet without a partner id column: the one given, else
/// the one the file's place names.
pub(crate) fn attribute(given: Option<&PartnerId>, shown: &str) -> Option<Attribution> {
    match given {
        Some(partner) => Some(Attribution {
            partner: partner.clone(),
            origin: PartnerOrigin::Given,
        }),
        None => from_path(shown),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(s: &str) -> PartnerId {
        PartnerId::parse(s).unwrap()
    }

    #[test]
    fn names_that_start_with_a_partner_id() {
        assert_eq!(
            leading_partner_id("1000021 Northwind Traders"),
            Some(id("1000021"))
        );
        assert_eq!(leading_partner_id("1000022-usage.csv"), Some(id("1000022")));
        assert_eq!(
            leading_partner_id("1000023_2017-09.csv"),
            Some(id("1000023"))
        );
        assert_eq!(leading_partner_id("1000024"), Some(id("1000024")));
        assert_eq!(leading_partner_id("0001000025 x"), Some(id("1000025")));
        for not_an_id in [
            "2017-09",
            "2017",
            "20170930-usage.csv",
            "1000021abc.csv",
            "inbox",
            "usage 1000021.csv",
            "12345678901 too long",
            "",
        ] {
            assert_eq!(leading_partner_id(not_an_id), None, "{not_an_id}");
        }
    }

    #[test]
    fn the_nearest_folder_wins_then_the_file_name() {
        let a = from_path("inbox/1000021 Northwind Traders/LicenseUsage.csv").unwrap();
        assert_eq!(a.partner, id("1000021"));
        assert_eq!(
            a.origin,
            PartnerOrigin::Folder("1000021 Northwind Traders".into())
        );
        let nested = from_path("inbox/1000021 Northwind/1000099 sub/2017-09/u.csv").unwrap();
        assert_eq!(nested.partner, id("1000099"));
        let file = from_path("inbox/1000022-usage.csv").unwrap();
        assert_eq!(
            (file.partner, file.origin),
            (id("1000022"), PartnerOrigin::FileName)
        );
        // A folder wins over the file's name.
        let both = from_path("inbox/1000021 N/1000022-usage.csv").unwrap();
        assert_eq!(both.partner, id("1000021"));
        assert_eq!(from_path("inbox/archive/2017-09/usage.csv"), None);
    }

    #[test]
    fn of_an_absolute_path_only_the_own_folder_counts() {
        assert_eq!(from_path("/home/1000777/inbox/usage.csv"), None);
        assert_eq!(
            from_path("/srv/x/1000021 N/usage.csv").map(|a| a.partner),
            Some(id("1000021"))
        );
        assert_eq!(
            from_path("/srv/1000777/inbox/1000022-usage.csv").map(|a| a.partner),
            Some(id("1000022"))
        );
    }

    #[test]
    fn a_folder_names_the_partner_too() {
        let a = from_path("inbox/1000021 - Northwind Traders/u.csv").unwrap();
        assert_eq!(a.partner_name(), Some("Northwind Traders"));
        assert_eq!(
            from_path("inbox/1000021/u.csv").unwrap().partner_name(),
            None
        );
        assert_eq!(from_path("1000022-usage.csv").unwrap().partner_name(), None);
    }

    #[test]
    fn a_given_partner_wins() {
        let given = id("1000005");
        let a = attribute(Some(&given), "inbox/1000021 N/usage.csv").unwrap();
        assert_eq!((a.partner, a.origin), (given, PartnerOrigin::Given));
        assert_eq!(attribute(None, "usage.csv"), None);
    }
}
