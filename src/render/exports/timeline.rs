//! `timeline.json`: the timeline in Knight Lab TimelineJS's format, with
//! each date at its own precision.

use std::io;

use serde::Serialize;

use crate::date::{Moment, PartialDate};
use crate::dossier::Dossier;
use crate::error::Result;
use crate::escape;
use crate::render::Sink;
use crate::render::shown::Shown;
use crate::render::strings::Strings;
use crate::timeline::{self, Item};
use crate::urls::{PagePath, Urls};
use crate::vocabulary::ItemKind;

/// The path of `timeline.json` in the site.
pub(crate) const FILE: &str = "timeline.json";

/// What `timeline.json` shows of the dossier: its events' titles and
/// dates and its reports' headlines and times of publication. After an
/// edit that changed none of them, `serve` keeps the file as it was.
pub const SHOWN: &[Shown<'static>] = &[
    Shown::Every(ItemKind::Event),
    Shown::Every(ItemKind::Article),
];

/// `timeline.json`, in TimelineJS's format, written into `sink` as it is
/// serialised. Written from typed values rather than a tree of them
/// (`serve` makes it again after an edit to an event or report); their
/// fields are in alphabetical order, as a tree would print them. Its
/// groups, links and dates are in the words of `strings`, since
/// TimelineJS shows them.
pub(crate) fn write(
    dossier: &Dossier,
    urls: &Urls<'_>,
    strings: &Strings,
    sink: &dyn Sink,
) -> Result<()> {
    let events: Vec<TimelineEvent> = timeline::build(dossier)
        .into_iter()
        .map(|entry| {
            let (unique_id, headline, page, group, kind) = match &entry.item {
                Item::Event(id) => (
                    format!("event-{id}"),
                    dossier.events[id].title.as_str(),
                    PagePath::item(ItemKind::Event, id),
                    "events-heading",
                    "item-event",
                ),
                Item::Publication(slug) => (
                    format!("report-{slug}"),
                    dossier.articles[slug].meta.title.as_str(),
                    PagePath::item(ItemKind::Article, slug),
                    "section-reports",
                    "item-report",
                ),
            };
            let link = format!(
                "<a href=\"{}\">{}</a>",
                escape::html(&urls.page(&page)),
                escape::html(strings.get(kind))
            );
            // A report's slide keeps its time of publication.
            let start_date = match &entry.item {
                Item::Publication(slug) => {
                    timeline_moment(&dossier.articles[slug].meta.published, strings)
                }
                Item::Event(_) => timeline_date(entry.date, strings),
            };
            TimelineEvent {
                end_date: entry.end.map(|end| timeline_date(end, strings)),
                group: strings.get(group),
                start_date,
                text: TimelineText {
                    headline: escape::html(headline),
                    text: link,
                },
                unique_id,
            }
        })
        .collect();
    let book = &dossier.config.book;
    let timeline = Timeline {
        events,
        title: TimelineTitle {
            text: TimelineText {
                headline: escape::html(&book.title),
                text: book.description.as_deref().map(escape::html),
            },
        },
    };
    sink.put_streamed(FILE.into(), &mut |out| {
        serde_json::to_writer_pretty(&mut *out, &timeline).map_err(io::Error::from)?;
        out.write_all(b"\n")
    })
}

/// The whole of `timeline.json`.
#[derive(Serialize)]
struct Timeline<'s> {
    events: Vec<TimelineEvent<'s>>,
    title: TimelineTitle,
}

/// The timeline's title slide.
#[derive(Serialize)]
struct TimelineTitle {
    text: TimelineText<Option<String>>,
}

/// One event or report on the timeline.
#[derive(Serialize)]
struct TimelineEvent<'s> {
    #[serde(skip_serializing_if = "Option::is_none")]
    end_date: Option<TimelineDate>,
    group: &'s str,
    start_date: TimelineDate,
    text: TimelineText<String>,
    unique_id: String,
}

/// A slide's headline and text, both HTML: TimelineJS renders them as
/// such, so the dossier's text in them is escaped (a title is text, never
/// markup).
#[derive(Serialize)]
struct TimelineText<T> {
    headline: String,
    text: T,
}

/// A TimelineJS date with only the parts the dossier knows. TimelineJS
/// has no time zones: a time is the report's own clock, and
/// `display_date` says which zone that is.
#[derive(Debug, PartialEq, Serialize)]
struct TimelineDate {
    #[serde(skip_serializing_if = "Option::is_none")]
    day: Option<u8>,
    display_date: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    hour: Option<u8>,
    #[serde(skip_serializing_if = "Option::is_none")]
    minute: Option<u8>,
    #[serde(skip_serializing_if = "Option::is_none")]
    month: Option<u8>,
    year: u16,
}

fn timeline_date(date: PartialDate, strings: &Strings) -> TimelineDate {
    TimelineDate {
        year: date.year(),
        month: date.month(),
        day: date.day(),
        hour: None,
        minute: None,
        display_date: strings.date(date),
    }
}

/// [`timeline_date`] with the time of day, when the moment has one.
fn timeline_moment(moment: &Moment, strings: &Strings) -> TimelineDate {
    let mut date = timeline_date(moment.date, strings);
    if let Some(time) = moment.time.filter(|_| date.day.is_some()) {
        date.hour = Some(time.hour());
        date.minute = Some(time.minute());
        date.display_date = strings.moment(*moment);
    }
    date
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_reports_slide_keeps_its_time_and_names_its_zone() {
        let table: toml::Table = toml::from_str("m = 2014-05-20T07:09:00+08:00").unwrap();
        let moment = crate::date::moment_from_toml(&table["m"]).unwrap();
        assert_eq!(
            serde_json::to_value(timeline_moment(&moment, &Strings::built_in("en"))).unwrap(),
            json!({"year": 2014, "month": 5, "day": 20, "hour": 7, "minute": 9,
                   "display_date": "20 May 2014, 07:09 UTC+08:00"})
        );
    }

    #[test]
    fn timeline_dates_keep_their_precision_in_the_dossiers_language() {
        let may = PartialDate::parse("2014-05").unwrap();
        let first = PartialDate::parse("2014-05-01").unwrap();
        for (language, date, shown) in [
            ("en", may, "May 2014"),
            ("fr", may, "mai 2014"),
            ("fr", first, "1er mai 2014"),
        ] {
            let value = serde_json::to_value(timeline_date(date, &Strings::built_in(language)));
            assert_eq!(value.unwrap()["display_date"], shown, "{language}");
        }
        let month = timeline_date(may, &Strings::built_in("en"));
        assert_eq!(
            serde_json::to_value(month).unwrap(),
            json!({"year": 2014, "month": 5, "display_date": "May 2014"})
        );
    }
}
