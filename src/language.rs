//! What a BCP 47 language tag (`[book] language`, an article's `language`)
//! tells gloss about text in that language beyond its words: which way it
//! runs.

use std::borrow::Cow;

/// The primary subtag of `tag`, lower-cased (`fr` for `fr-CA`); borrowed
/// when it is lower case already, as tags are written: the figures of
/// every wording are read in their report's language.
pub fn primary(tag: &str) -> Cow<'_, str> {
    let primary = tag.split(['-', '_']).next().unwrap_or("");
    match primary.bytes().any(|b| b.is_ascii_uppercase()) {
        true => Cow::Owned(primary.to_ascii_lowercase()),
        false => Cow::Borrowed(primary),
    }
}

/// Whether text in the language `tag` runs right to left, so that its pages
/// (or its article) carry `dir="rtl"` and sidenotes sit in the left margin.
/// A script subtag decides when there is one (`az-Arab`, `ku-Latn`).
pub fn is_right_to_left(tag: &str) -> bool {
    const RTL_SCRIPTS: &[&str] = &["arab", "hebr", "syrc", "thaa", "nkoo", "adlm", "rohg"];
    const RTL_LANGUAGES: &[&str] = &[
        "ar", "he", "iw", "fa", "ur", "ps", "yi", "dv", "sd", "ug", "ckb", "ku", "syr",
    ];
    let mut parts = tag.split(['-', '_']);
    let language = parts.next().unwrap_or("").to_ascii_lowercase();
    if let Some(script) = parts.find(|p| p.len() == 4 && p.chars().all(|c| c.is_ascii_alphabetic()))
    {
        return RTL_SCRIPTS.contains(&script.to_ascii_lowercase().as_str());
    }
    RTL_LANGUAGES.contains(&language.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn direction_follows_the_script_of_the_language() {
        assert!(is_right_to_left("ar"));
        assert!(is_right_to_left("he-IL"));
        assert!(is_right_to_left("az-Arab"));
        assert!(!is_right_to_left("ku-Latn"));
        assert!(!is_right_to_left("en"));
        assert!(!is_right_to_left("zh-Hans"));
        assert_eq!(primary("fr-CA"), "fr");
        assert_eq!(primary("DE_at"), "de");
    }
}
