//! Dates as reports write them, for `check --todo`: the day, month and
//! year forms of English, French, German, Spanish, Chinese and Japanese
//! prose, ISO dates, and the weekdays ("on Monday") that reports use for
//! the days around an event and that so often disagree between them.
//!
//! A bare year is left out: it is a figure already, and most are context
//! ("since 2006") rather than something to check.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

/// Every form, in one automaton: a single pass over a report. Word
/// boundaries are ASCII ones (`(?-u:\b)`), which the regex crate's DFA
/// runs at full speed; Unicode ones would send every report with an
/// accent through its slower engine. Every boundary here touches a digit
/// or an ASCII letter, where the two agree.
static DATE: LazyLock<Regex> = LazyLock::new(|| {
    let en_month = "January|February|March|April|May|June|July|August|September|October|November|December\
                    |Jan\\.|Feb\\.|Mar\\.|Apr\\.|Jun\\.|Jul\\.|Aug\\.|Sept?\\.|Oct\\.|Nov\\.|Dec\\.";
    let fr_month =
        "janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre";
    let de_month =
        "Januar|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember";
    let es_month =
        "enero|febrero|marzo|abril|mayo|junio|julio|agosto|sep?tiembre|octubre|noviembre|diciembre";
    let weekday = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday\
                   |lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche\
                   |Montag|Dienstag|Mittwoch|Donnerstag|Freitag|Samstag|Sonntag\
                   |lunes|martes|miércoles|jueves|viernes|sábado|domingo";
    let day = "[0-3]?[0-9](?:st|nd|rd|th)?";
    let forms = [
        // 19 May 2014, 19th of May, May 19, 2014, May 2014
        format!(r"(?-u:\b){day}\s+(?:of\s+)?(?:{en_month})(?:,?\s+[12][0-9]{{3}})?"),
        format!(r"(?-u:\b)(?:{en_month})\s+{day}(?-u:\b)(?:,?\s+[12][0-9]{{3}})?"),
        format!(r"(?-u:\b)(?:{en_month})\s+[12][0-9]{{3}}(?-u:\b)"),
        // 19 mai 2014, 1er juin
        format!(r"(?-u:\b)[0-3]?[0-9](?:er)?\s+(?:{fr_month})(?:\s+[12][0-9]{{3}})?"),
        // 19. Mai 2014
        format!(r"(?-u:\b)[0-3]?[0-9]\.\s*(?:{de_month})(?:\s+[12][0-9]{{3}})?"),
        // 19 de mayo de 2014
        format!(r"(?-u:\b)[0-3]?[0-9]\s+de\s+(?:{es_month})(?:\s+de\s+[12][0-9]{{3}})?"),
        // 2014年5月19日, 5月19日, 2014年5月, 星期一, 周二
        r"(?:[0-9０-９]{4}年)?[0-9０-９]{1,2}月(?:[0-9０-９]{1,2}[日号])?".to_owned(),
        r"(?:星期|礼拜|周)[一二三四五六日天]|[月火水木金土日]曜日".to_owned(),
        // 2014-05-19, 19/05/2014
        r"(?-u:\b)[12][0-9]{3}-[01][0-9]-[0-3][0-9](?-u:\b)".to_owned(),
        r"(?-u:\b)[0-3]?[0-9]/[01]?[0-9]/(?:[12][0-9])?[0-9]{2}(?-u:\b)".to_owned(),
        format!(r"(?-u:\b)(?:{weekday})(?-u:\b)"),
    ];
    Regex::new(&forms.join("|")).expect("the date forms are valid patterns")
});

/// Where `text` writes a date, in order, longest form first at each place.
pub(super) fn dates(text: &str) -> Vec<Range<usize>> {
    DATE.find_iter(text)
        .map(|m| m.start()..m.end())
        .filter(|r| !text[r.clone()].chars().all(|c| c.is_ascii_digit()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<&str> {
        dates(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn dates_in_several_languages_and_forms() {
        assert_eq!(
            found("On Monday, 19 May 2014, officials met; on May 20 they left. In June 2015 too."),
            ["Monday", "19 May 2014", "May 20", "June 2015"]
        );
        assert_eq!(
            found("le traversier cessera le dimanche à partir du 1er juin"),
            ["dimanche", "1er juin"]
        );
        assert_eq!(found("am 19. Mai 2014 sagte er"), ["19. Mai 2014"]);
        assert_eq!(found("el 19 de mayo de 2014"), ["19 de mayo de 2014"]);
        assert_eq!(found("2014年5月19日，星期一"), ["2014年5月19日", "星期一"]);
        assert_eq!(
            found("filed 2014-05-19 or 19/05/2014"),
            ["2014-05-19", "19/05/2014"]
        );
    }

    #[test]
    fn words_that_only_look_like_months_are_not_dates() {
        assert!(found("It may rise. We may see 12 more. Mars is a planet.").is_empty());
        assert!(found("He said 2014 was hard.").is_empty());
    }
}
