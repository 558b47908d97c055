//! The preview's HTTP side: the site from memory, the live-reload script,
//! and the endpoints it polls.

use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use percent_encoding::percent_decode_str;
use tiny_http::{Request, Response, Server};

use super::Shared;
use super::annotate::{self, Panel};
use super::reply::{header, with_type};
use crate::error::{Error, Result};
use crate::incremental::Body;
use std::path::Path;

/// How many ordinary requests (pages, files) are handled at once.
const WORKERS: usize = 16;
/// How many live-reload polls may wait at once, each on a thread of its
/// own so that open pages never hold up the workers; past this, a poll is
/// answered at once and the page polls again.
const MAX_POLLS: usize = 512;
/// How long a poll waits for a new build before answering "no change".
const POLL_TIMEOUT: Duration = Duration::from_secs(25);
/// The live-reload script, served at `/__gloss/live.js`.
const LIVE_JS: &str = include_str!("live.js");
/// The tag injected before `</body>` of every HTML page served.
const LIVE_TAG: &str = "<script src=\"/__gloss/live.js\" defer></script>";

/// Binds `address` and starts the workers; returns the bound address and
/// whether the annotation panel is offered there.
pub(super) fn start(address: SocketAddr, shared: Arc<Shared>) -> Result<(SocketAddr, bool)> {
    let server = Server::http(address).map_err(|e| {
        let in_use = e
            .downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::AddrInUse);
        if in_use {
            Error::AddressInUse { address }
        } else {
            crate::files::write_error(Path::new(&address.to_string()), std::io::Error::other(e))
        }
    })?;
    let bound = server.server_addr().to_ip().unwrap_or(address);
    let panel = Panel::new(bound).map(Arc::new);
    let offered = panel.is_some();
    let server = Arc::new(server);
    let polls = Arc::new(AtomicUsize::new(0));
    for _ in 0..WORKERS {
        let (server, shared, polls) =
            (Arc::clone(&server), Arc::clone(&shared), Arc::clone(&polls));
        let panel = panel.clone();
        std::thread::spawn(move || {
            while let Ok(mut request) = server.recv() {
                if request.url().starts_with("/__gloss/annotate") {
                    let response = annotate::respond(&mut request, &shared, panel.as_deref());
                    let _ = request.respond(response);
                    continue;
                }
                if is_poll(&request) && polls.fetch_add(1, Ordering::SeqCst) < MAX_POLLS {
                    let (shared, polls) = (Arc::clone(&shared), Arc::clone(&polls));
                    std::thread::spawn(move || {
                        let response = respond(&request, &shared, None, true);
                        let _ = request.respond(response);
                        polls.fetch_sub(1, Ordering::SeqCst);
                    });
                    continue;
                }
                if is_poll(&request) {
                    polls.fetch_sub(1, Ordering::SeqCst);
                }
                let response = respond(&request, &shared, panel.as_deref(), false);
                let _ = request.respond(response);
            }
        });
    }
    Ok((bound, offered))
}

/// Whether `request` is a live-reload long poll.
fn is_poll(request: &Request) -> bool {
    request.url().starts_with("/__gloss/poll")
}

/// The response to `request`; a poll waits for a new build only when it
/// may (`may_wait`), else it is answered at once. Report pages load the
/// annotation `panel`, if there is one.
fn respond(
    request: &Request,
    shared: &Shared,
    panel: Option<&Panel>,
    may_wait: bool,
) -> Response<std::io::Cursor<Vec<u8>>> {
    let url = request.url();
    let (path, query) = url.split_once('?').unwrap_or((url, ""));
    match path {
        "/__gloss/live.js" => with_type(Response::from_string(LIVE_JS), "text/javascript"),
        "/__gloss/status" => status(shared, None),
        "/__gloss/poll" => {
            let since = query.strip_prefix("since=").and_then(|n| n.parse().ok());
            status(shared, since.filter(|_| may_wait))
        }
        "/__gloss/todo/" => todo_page(shared),
        _ => page(path, shared, panel),
    }
}

/// What is left to annotate in the last good build, with the live-reload
/// tag so that it follows the next.
fn todo_page(shared: &Shared) -> Response<std::io::Cursor<Vec<u8>>> {
    let (generation, dossier) = {
        let snapshot = shared.snapshot.lock().unwrap_or_else(|e| e.into_inner());
        (snapshot.generation, snapshot.dossier.clone())
    };
    let Some(dossier) = dossier else {
        return page("/__gloss/todo/", shared, None);
    };
    let html = super::todo::page(&shared.todo_page, generation, &dossier);
    let body = inject_tags(html.as_bytes(), "");
    with_type(Response::from_data(body), "text/html; charset=utf-8")
        .with_header(header("Cache-Control", "no-store"))
}

/// The current build's generation and errors as JSON; with `since`, waits
/// until the generation differs from it (or the poll times out).
fn status(shared: &Shared, since: Option<u64>) -> Response<std::io::Cursor<Vec<u8>>> {
    let snapshot = shared.snapshot.lock().unwrap_or_else(|e| e.into_inner());
    let snapshot = match since {
        Some(since) => {
            shared
                .changed
                .wait_timeout_while(snapshot, POLL_TIMEOUT, |s| s.generation == since)
                .unwrap_or_else(|e| e.into_inner())
                .0
        }
        None => snapshot,
    };
    let body = serde_json::json!({ "generation": snapshot.generation, "errors": snapshot.errors });
    let response = Response::from_string(body.to_string());
    with_type(response, "application/json").with_header(header("Cache-Control", "no-store"))
}

/// A file of the last good build, with the live-reload tag in HTML pages
/// (and the annotation panel's in report pages).
fn page(path: &str, shared: &Shared, panel: Option<&Panel>) -> Response<std::io::Cursor<Vec<u8>>> {
    let files = Arc::clone(
        &shared
            .snapshot
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .files,
    );
    let decoded = percent_decode_str(path.trim_start_matches('/')).decode_utf8_lossy();
    let key = if decoded.is_empty() || decoded.ends_with('/') {
        format!("{decoded}index.html")
    } else {
        decoded.into_owned()
    };
    if let Some(body) = files.get(key.as_str()) {
        let panel_tags = panel.and_then(|p| p.tags_for(&key));
        return served(&key, body, panel_tags.as_deref().unwrap_or_default());
    }
    if files.contains_key(format!("{key}/index.html").as_str()) {
        // One leading slash, whatever the request had: `//host` and `/\host`
        // would send the browser to another site.
        let local = path.trim_start_matches(['/', '\\']);
        return Response::from_string("")
            .with_status_code(301)
            .with_header(header("Location", &format!("/{local}/")));
    }
    let message = if files.is_empty() {
        "The dossier has not built yet: see the errors."
    } else {
        "Not found."
    };
    let html = format!(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{message}</title></head><body><p>{message}</p>{LIVE_TAG}</body></html>"
    );
    with_type(Response::from_string(html), "text/html; charset=utf-8").with_status_code(404)
}

/// A file served with its type; an HTML page gets the live-reload tag and
/// `extra_tags`.
fn served(key: &str, body: &Body, extra_tags: &str) -> Response<std::io::Cursor<Vec<u8>>> {
    let content_type = content_type(key);
    let bytes = body.bytes();
    let body = if content_type.starts_with("text/html") {
        inject_tags(&bytes, extra_tags)
    } else {
        bytes.into_owned()
    };
    with_type(Response::from_data(body), content_type)
        .with_header(header("Cache-Control", "no-store"))
}

/// Adds the live-reload tag and `extra` before `</body>`, or at the end if
/// there is none, and lets the page's Content-Security-Policy run them
/// (same-origin scripts only: the built site allows none).
fn inject_tags(html: &[u8], extra: &str) -> Vec<u8> {
    let text = String::from_utf8_lossy(html).replace("script-src 'none'", "script-src 'self'");
    match text.rfind("</body>") {
        Some(at) => format!("{}{LIVE_TAG}{extra}{}", &text[..at], &text[at..]).into_bytes(),
        None => format!("{text}{LIVE_TAG}{extra}").into_bytes(),
    }
}

fn content_type(path: &str) -> &'static str {
    match path.rsplit('.').next().unwrap_or_default() {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript",
        "json" | "jsonld" => "application/json",
        "xml" => "application/xml",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "txt" => "text/plain; charset=utf-8",
        "woff2" => "font/woff2",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_live_tag_goes_before_the_body_ends() {
        let html = inject_tags(b"<html><body><p>x</p></body></html>", "");
        assert_eq!(
            String::from_utf8(html).unwrap(),
            format!("<html><body><p>x</p>{LIVE_TAG}</body></html>")
        );
    }
}
