//! `timeline.json`: the timeline in Knight Lab TimelineJS's format, with
//! each date at its own precision.

use std::io;

use serde::Serialize;

use crate::date::PartialDate;
use crate::dossier::Dossier;
use crate::error::Result;
use crate::escape;
use crate::render::Sink;
use crate::timeline::{self, Item};
use crate::urls::{PagePath, Urls};
use crate::vocabulary::ItemKind;

/// `timeline.json`, in TimelineJS's format, written into `sink` as it is
/// serialised. Written from typed values rather than a tree of them
/// (`serve` makes it again after every edit); their fields are in
/// alphabetical order, as a tree would print them.
pub(crate) fn write(dossier: &Dossier, urls: &Urls<'_>, sink: &dyn Sink) -> Result<()> {
    let events: Vec<TimelineEvent> = timeline::build(dossier)
        .into_iter()
        .map(|entry| {
            let (unique_id, headline, page, group) = match &entry.item {
                Item::Event(id) => (
                    format!("event-{id}"),
                    dossier.events[id].title.as_str(),
                    PagePath::item(ItemKind::Event, id),
                    "Events",
                ),
                Item::Publication(slug) => (
                    format!("report-{slug}"),
                    dossier.articles[slug].meta.title.as_str(),
                    PagePath::item(ItemKind::Article, slug),
                    "Reports",
                ),
            };
            let link = format!(
                "<a href=\"{}\">{}</a>",
                escape::html(&urls.page(&page)),
                group.trim_end_matches('s')
            );
            TimelineEvent {
                end_date: entry.end.map(timeline_date),
                group,
                start_date: timeline_date(entry.date),
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
    sink.put_streamed("timeline.json".into(), &mut |out| {
        serde_json::to_writer_pretty(&mut *out, &timeline).map_err(io::Error::from)?;
        out.write_all(b"\n")
    })
}

/// The whole of `timeline.json`.
#[derive(Serialize)]
struct Timeline {
    events: Vec<TimelineEvent>,
    title: TimelineTitle,
}

/// The timeline's title slide.
#[derive(Serialize)]
struct TimelineTitle {
    text: TimelineText<Option<String>>,
}

/// One event or report on the timeline.
#[derive(Serialize)]
struct TimelineEvent {
    #[serde(skip_serializing_if = "Option::is_none")]
    end_date: Option<TimelineDate>,
    group: &'static str,
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

/// A TimelineJS date with only the parts the dossier knows.
#[derive(Debug, PartialEq, Serialize)]
struct TimelineDate {
    #[serde(skip_serializing_if = "Option::is_none")]
    day: Option<u8>,
    display_date: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    month: Option<u8>,
    year: u16,
}

fn timeline_date(date: PartialDate) -> TimelineDate {
    let iso = date.iso();
    let mut parts = iso.split('-').skip(1);
    let mut part = || parts.next().map(|part| part.parse().unwrap_or_default());
    TimelineDate {
        year: date.year(),
        month: part(),
        day: part(),
        display_date: date.human(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn timeline_dates_keep_their_precision() {
        let month = timeline_date(PartialDate::parse("2014-05").unwrap());
        assert_eq!(
            serde_json::to_value(month).unwrap(),
            json!({"year": 2014, "month": 5, "display_date": "May 2014"})
        );
    }
}
