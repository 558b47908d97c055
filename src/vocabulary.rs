//! The words the site is made of: the kinds of dossier item and the
//! sections of the site, each an enum, so that every name a page, a link,
//! a check or an export uses is written once, here, and a misspelt one is
//! a compile error rather than a page drawn by the wrong template.

use serde::Serialize;

/// The four kinds of dossier item, each with a page of its own
/// (`claims/<id>/`) and a namespace of ids.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ItemKind {
    /// A source report (`content/articles/<slug>.md`).
    Article,
    /// A claim, with its verdict and the passages that carry it.
    Claim,
    /// An event on the timeline.
    Event,
    /// A person or organisation.
    Entity,
}

impl ItemKind {
    /// Every kind, in the order the site lists them.
    pub const ALL: [ItemKind; 4] = [
        ItemKind::Article,
        ItemKind::Claim,
        ItemKind::Event,
        ItemKind::Entity,
    ];

    /// The kind's name as an editor writes it: before the colon of a link
    /// (`claim:id`), and in messages.
    pub fn name(self) -> &'static str {
        match self {
            ItemKind::Article => "article",
            ItemKind::Claim => "claim",
            ItemKind::Event => "event",
            ItemKind::Entity => "entity",
        }
    }

    /// The site directory that holds the kind's pages (`claims`).
    pub fn dir(self) -> &'static str {
        match self {
            ItemKind::Article => "articles",
            ItemKind::Claim => "claims",
            ItemKind::Event => "events",
            ItemKind::Entity => "entities",
        }
    }

    /// The kind whose [`ItemKind::name`] is `name`.
    pub fn named(name: &str) -> Option<ItemKind> {
        ItemKind::ALL.into_iter().find(|k| k.name() == name)
    }

    /// The kind whose pages are in the site directory `dir`.
    pub fn in_dir(dir: &str) -> Option<ItemKind> {
        ItemKind::ALL.into_iter().find(|k| k.dir() == dir)
    }

    /// The section of the site an item's page belongs to, which the
    /// navigation marks as current: an event's is the timeline.
    pub fn section(self) -> Section {
        match self {
            ItemKind::Article => Section::Articles,
            ItemKind::Claim => Section::Claims,
            ItemKind::Event => Section::Timeline,
            ItemKind::Entity => Section::Entities,
        }
    }
}

/// The sections of the site, as its navigation lists them: the overview at
/// the root, and each other a top-level directory with its own index.
/// Templates see a page's section by [`Section::name`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Section {
    /// The overview: the first reports, the verdicts' tally, the totals.
    Home,
    /// The search page.
    Search,
    /// The reports, oldest first.
    Articles,
    /// The claims index, by title.
    Claims,
    /// The people and organisations.
    Entities,
    /// The reports as sources, and the sources cited for claims.
    Sources,
    /// The timeline, and the events' pages.
    Timeline,
    /// The corrections log: every correction and change of verdict.
    Corrections,
}

impl Section {
    /// Every section, in the order the site lists them.
    pub const ALL: [Section; 8] = [
        Section::Home,
        Section::Search,
        Section::Articles,
        Section::Claims,
        Section::Entities,
        Section::Sources,
        Section::Timeline,
        Section::Corrections,
    ];

    /// The section's name, as templates compare it (`section ==
    /// "claims"`), and its directory but for the overview's.
    pub fn name(self) -> &'static str {
        match self {
            Section::Home => "home",
            Section::Search => "search",
            Section::Articles => "articles",
            Section::Claims => "claims",
            Section::Entities => "entities",
            Section::Sources => "sources",
            Section::Timeline => "timeline",
            Section::Corrections => "corrections",
        }
    }

    /// The section's directory in the site (`claims/`), empty for the
    /// overview at the root.
    pub fn dir(self) -> &'static str {
        match self {
            Section::Home => "",
            other => other.name(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_directories_find_their_kind() {
        for kind in ItemKind::ALL {
            assert_eq!(ItemKind::named(kind.name()), Some(kind));
            assert_eq!(ItemKind::in_dir(kind.dir()), Some(kind));
        }
        assert_eq!(ItemKind::named("claims"), None);
        assert_eq!(ItemKind::in_dir("claim"), None);
    }

    #[test]
    fn sections_serialise_as_templates_compare_them() {
        for section in Section::ALL {
            let json = serde_json::to_string(&section).unwrap();
            assert_eq!(json, format!("\"{}\"", section.name()));
        }
        assert_eq!(Section::Home.dir(), "");
        assert_eq!(Section::Claims.dir(), "claims");
    }
}
