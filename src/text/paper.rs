//! The paper a report prints on, which the language and the locale decide
//! rather than any word.

use super::Lang;

/// Excel's paper sizes (`Worksheet::set_paper_size`).
const LETTER: u8 = 1;
const A4: u8 = 9;

/// Countries whose paper is Letter; everywhere else it is A4.
const LETTER_COUNTRIES: &[&str] = &["US", "CA", "MX", "PH", "CL", "CO", "VE", "GT", "CR", "PR"];

/// The paper a report prints on: A4 for a German report; otherwise what
/// the locale's country uses (`LC_ALL`, `LC_PAPER`, `LANG`: `en_GB.UTF-8`
/// is A4, `en_US.UTF-8` Letter); `None` (the printer's default) when the
/// environment names no country, as on Windows.
pub(crate) fn paper_size(lang: Lang, locale: Option<&str>) -> Option<u8> {
    if lang == Lang::De {
        return Some(A4);
    }
    let country = locale?
        .split(['.', '@'])
        .next()?
        .split_once('_')?
        .1
        .to_ascii_uppercase();
    Some(if LETTER_COUNTRIES.contains(&country.as_str()) {
        LETTER
    } else {
        A4
    })
}

/// The locale that decides the paper, as POSIX orders the variables.
pub(crate) fn paper_locale() -> Option<String> {
    ["LC_ALL", "LC_PAPER", "LANG"]
        .iter()
        .filter_map(|v| std::env::var(v).ok())
        .find(|v| !v.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn german_is_a4_else_the_locales_country_decides() {
        assert_eq!(paper_size(Lang::De, None), Some(A4));
        assert_eq!(paper_size(Lang::De, Some("en_US.UTF-8")), Some(A4));
        assert_eq!(paper_size(Lang::En, Some("en_GB.UTF-8")), Some(A4));
        assert_eq!(paper_size(Lang::En, Some("de_AT@euro")), Some(A4));
        assert_eq!(paper_size(Lang::En, Some("en_US.UTF-8")), Some(LETTER));
        assert_eq!(paper_size(Lang::En, Some("fr_CA")), Some(LETTER));
        assert_eq!(paper_size(Lang::En, Some("C.UTF-8")), None);
        assert_eq!(paper_size(Lang::En, Some("POSIX")), None);
        assert_eq!(paper_size(Lang::En, None), None);
    }
}
