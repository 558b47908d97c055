//! The built-in theme, embedded in the binary: the repository's own
//! `templates/` and `static/`, which also serve as the default dossier's.
//! A dossier overrides any of these by putting a file of the same name in its
//! own `templates/` or `static/`.

/// Built-in templates, by name.
pub(super) const TEMPLATES: &[(&str, &str)] = &[
    ("base.html", include_str!("../../templates/base.html")),
    ("macros.html", include_str!("../../templates/macros.html")),
    ("index.html", include_str!("../../templates/index.html")),
    (
        "articles.html",
        include_str!("../../templates/articles.html"),
    ),
    ("article.html", include_str!("../../templates/article.html")),
    ("claims.html", include_str!("../../templates/claims.html")),
    ("claim.html", include_str!("../../templates/claim.html")),
    (
        "claim-version.html",
        include_str!("../../templates/claim-version.html"),
    ),
    (
        "corrections.html",
        include_str!("../../templates/corrections.html"),
    ),
    (
        "timeline.html",
        include_str!("../../templates/timeline.html"),
    ),
    ("event.html", include_str!("../../templates/event.html")),
    (
        "entities.html",
        include_str!("../../templates/entities.html"),
    ),
    ("entity.html", include_str!("../../templates/entity.html")),
    (
        "long-list.html",
        include_str!("../../templates/long-list.html"),
    ),
    ("sources.html", include_str!("../../templates/sources.html")),
    ("search.html", include_str!("../../templates/search.html")),
];

/// Built-in static files, by path in the output.
pub(super) const ASSETS: &[(&str, &[u8])] = &[
    ("style.css", include_bytes!("../../static/style.css")),
    ("favicon.svg", include_bytes!("../../static/favicon.svg")),
    ("favicon.ico", include_bytes!("../../static/favicon.ico")),
    ("search.js", include_bytes!("../../static/search.js")),
];
