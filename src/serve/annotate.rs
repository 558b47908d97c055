//! The annotation panel's side of the preview server: the script and
//! stylesheet injected into article pages, and the endpoints they call to
//! draft an annotation from a selection and save it.
//!
//! Saving writes to the editor's files, so every panel request must come
//! from the preview itself, which is bound to a loopback address (on any
//! other, the panel is off):
//! - the `Host` is the loopback address and port served (a page of another
//!   site whose name resolves to 127.0.0.1, "DNS rebinding", is refused);
//! - an `Origin`, which browsers send with every write, is this server's;
//! - the per-run token, written into the pages served and nowhere else,
//!   comes in the `X-Gloss-Token` header, which another site's page cannot
//!   set on a request here without a CORS preflight this server never
//!   grants.
//!
//! What is written and where is drafted by [`crate::authoring::draft`].

use std::io::Read;
use std::net::SocketAddr;
use std::sync::Arc;

use percent_encoding::percent_decode_str;
use serde::Serialize;
use tiny_http::{Method, Request, Response};

use super::Shared;
use super::reply::{header, with_type};
use crate::authoring::draft::{self, Request as DraftRequest};
use crate::dossier::Dossier;
use crate::vocabulary::ItemKind;

/// The panel's script, served at `/__gloss/annotate.js`.
const PANEL_JS: &str = include_str!("annotate.js");
/// The panel's stylesheet, served at `/__gloss/annotate.css`.
const PANEL_CSS: &str = include_str!("annotate.css");
/// The largest request body read: a selection with its context.
const MAX_BODY: u64 = 256 * 1024;

type Reply = Response<std::io::Cursor<Vec<u8>>>;

/// The panel's secret and the address it must be reached at.
#[derive(Debug)]
pub(super) struct Panel {
    token: String,
    hosts: Vec<String>,
}

impl Panel {
    /// The panel for a server bound to `address`, if it is a loopback
    /// address (the panel writes files; it is never offered to a network).
    pub(super) fn new(address: SocketAddr) -> Option<Panel> {
        if !address.ip().is_loopback() {
            return None;
        }
        let mut bytes = [0u8; 16];
        getrandom::fill(&mut bytes).ok()?;
        let token = bytes.iter().map(|b| format!("{b:02x}")).collect();
        let port = address.port();
        let hosts = [
            address.to_string(),
            format!("localhost:{port}"),
            format!("127.0.0.1:{port}"),
            format!("[::1]:{port}"),
        ]
        .into();
        Some(Panel { token, hosts })
    }

    /// The tags that load the panel into the page at site path `key`, if
    /// it is a report's page.
    pub(super) fn tags_for(&self, key: &str) -> Option<String> {
        let slug = key
            .strip_prefix(ItemKind::Article.dir())?
            .strip_prefix('/')?
            .strip_suffix("/index.html")?;
        if slug.is_empty() || slug.contains('/') {
            return None;
        }
        Some(format!(
            "<link rel=\"stylesheet\" href=\"/__gloss/annotate.css\">\
             <script src=\"/__gloss/annotate.js\" data-token=\"{}\" data-article=\"{}\" defer></script>",
            self.token,
            crate::escape::html(slug)
        ))
    }

    /// Whether `request` comes from a page this server served.
    fn admits(&self, request: &Request) -> Result<(), &'static str> {
        let value = |name: &'static str| {
            request
                .headers()
                .iter()
                .find(|h| h.field.equiv(name))
                .map(|h| h.value.as_str().to_owned())
        };
        let host = value("Host").unwrap_or_default();
        if !self.hosts.contains(&host) {
            return Err("the panel answers only at the preview's own loopback address");
        }
        if let Some(origin) = value("Origin")
            && origin != format!("http://{host}")
        {
            return Err("the request comes from another site");
        }
        let token = value("X-Gloss-Token").unwrap_or_default();
        if !same_secret(token.as_bytes(), self.token.as_bytes()) {
            return Err("the request does not carry this preview's token; reload the page");
        }
        Ok(())
    }
}

/// Compares a secret in time that does not depend on where it differs.
fn same_secret(given: &[u8], expected: &[u8]) -> bool {
    given.len() == expected.len()
        && given
            .iter()
            .zip(expected)
            .fold(0u8, |diff, (a, b)| diff | (a ^ b))
            == 0
}

/// Answers a request for a path under `/__gloss/annotate`.
pub(super) fn respond(request: &mut Request, shared: &Shared, panel: Option<&Panel>) -> Reply {
    let url = request.url().to_owned();
    let (path, query) = url.split_once('?').unwrap_or((&url, ""));
    let Some(panel) = panel else {
        return refusal(
            404,
            "the annotation panel is only offered on a loopback address",
        );
    };
    match path {
        "/__gloss/annotate.js" => {
            return with_type(Response::from_string(PANEL_JS), "text/javascript");
        }
        "/__gloss/annotate.css" => {
            return with_type(Response::from_string(PANEL_CSS), "text/css; charset=utf-8");
        }
        _ => {}
    }
    if let Err(why) = panel.admits(request) {
        return refusal(403, why);
    }
    let dossier = shared
        .snapshot
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .dossier
        .clone();
    let Some(dossier) = dossier else {
        return refusal(
            503,
            "the dossier has not built yet; fix the errors shown first",
        );
    };
    match (request.method(), path) {
        (Method::Get, "/__gloss/annotate/choices") => {
            match draft::choices(&dossier, &parameter(query, "article")) {
                Ok(choices) => json(200, &choices),
                Err(draft::Unusable(why)) => refusal(404, &why),
            }
        }
        (Method::Get, "/__gloss/annotate/claims") => {
            let found =
                draft::claims_like(&dossier, &parameter(query, "q"), &parameter(query, "quote"));
            json(200, &found)
        }
        (Method::Post, "/__gloss/annotate/draft") => {
            with_request(request, |r| match draft::draft(&dossier, r) {
                Ok(draft) => json(200, &draft),
                Err(draft::Unusable(why)) => refusal(422, &why),
            })
        }
        (Method::Post, "/__gloss/annotate/save") => with_request(request, |r| save(&dossier, r)),
        _ => refusal(404, "no such panel request"),
    }
}

/// Saves the drafted annotation, under the lock that keeps two saves from
/// interleaving.
fn save(dossier: &Arc<Dossier>, request: &DraftRequest) -> Reply {
    static SAVING: std::sync::Mutex<()> = std::sync::Mutex::new(());
    let _one_at_a_time = SAVING.lock().unwrap_or_else(|e| e.into_inner());
    match draft::save(dossier, request) {
        Ok(file) => json(200, &serde_json::json!({ "saved": file })),
        Err(why) => refusal(409, &why),
    }
}

/// Reads the JSON body of `request` and answers it with `answer`.
fn with_request(request: &mut Request, answer: impl FnOnce(&DraftRequest) -> Reply) -> Reply {
    let mut body = String::new();
    let read = request
        .as_reader()
        .take(MAX_BODY + 1)
        .read_to_string(&mut body);
    if read.is_err() || body.len() as u64 > MAX_BODY {
        return refusal(413, "the request is too large or not UTF-8");
    }
    match serde_json::from_str::<DraftRequest>(&body) {
        Ok(parsed) => answer(&parsed),
        Err(e) => refusal(400, &format!("the request is not one the panel sends: {e}")),
    }
}

/// The decoded value of `name` in a query string.
fn parameter(query: &str, name: &str) -> String {
    query
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| {
            percent_decode_str(&value.replace('+', " "))
                .decode_utf8_lossy()
                .into_owned()
        })
        .unwrap_or_default()
}

fn json(status: u16, value: &impl Serialize) -> Reply {
    let body = serde_json::to_string(value).expect("panel answers serialise");
    with_type(Response::from_string(body), "application/json")
        .with_status_code(status)
        .with_header(header("Cache-Control", "no-store"))
}

fn refusal(status: u16, why: &str) -> Reply {
    json(status, &serde_json::json!({ "error": why }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_compare_whole() {
        assert!(same_secret(b"abc", b"abc"));
        assert!(!same_secret(b"abd", b"abc"));
        assert!(!same_secret(b"ab", b"abc"));
    }

    #[test]
    fn the_panel_is_offered_on_report_pages_of_a_loopback_preview_only() {
        assert!(Panel::new("0.0.0.0:3000".parse().unwrap()).is_none());
        let panel = Panel::new("127.0.0.1:3000".parse().unwrap()).unwrap();
        assert_eq!(panel.token.len(), 32);
        assert!(panel.tags_for("articles/a-b/index.html").is_some());
        assert!(panel.tags_for("articles/index.html").is_none());
        assert!(panel.tags_for("claims/a/index.html").is_none());
        assert!(panel.tags_for("articles/a/b/index.html").is_none());
    }

    #[test]
    fn query_parameters_are_decoded() {
        assert_eq!(
            parameter("article=a&q=mayor+said%20so", "q"),
            "mayor said so"
        );
        assert_eq!(parameter("article=a", "q"), "");
    }
}
