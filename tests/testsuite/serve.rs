//! `gloss serve` end to end: a real server on a free loopback port, a real
//! file edit, the reload signal, a broken edit and its fix.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::process::Command;
use std::time::{Duration, Instant};

use super::support::{Fixture, Served, http, http_raw};

fn start(f: &Fixture) -> Served {
    let root = f.root().to_str().unwrap();
    Served::start(f.root(), &["serve", root, "--port", "0"])
}

/// GETs `path`; returns the whole response, headers included.
fn get_raw(address: SocketAddr, path: &str) -> String {
    http_raw(address, ("GET", path), &[("Host", "localhost")], "")
}

/// GETs `path`; returns the status code and body.
fn get(address: SocketAddr, path: &str) -> (u16, String) {
    http(address, ("GET", path), &[("Host", "localhost")], "")
}

fn status(address: SocketAddr) -> serde_json::Value {
    serde_json::from_str(&get(address, "/__gloss/status").1).unwrap()
}

/// Waits until `done` holds for the server's status, or fails after 20 s.
fn wait_for(
    address: SocketAddr,
    what: &str,
    done: impl Fn(&serde_json::Value) -> bool,
) -> serde_json::Value {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let s = status(address);
        if done(&s) {
            return s;
        }
        assert!(
            Instant::now() < deadline,
            "timed out waiting for {what}: {s}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn serve_rebuilds_reloads_reports_errors_and_recovers() {
    let f = Fixture::new();
    f.article("a", "The first version.\n");
    let server = start(&f);
    let address = server.address;
    assert!(address.ip().is_loopback());

    let (code, page) = get(address, "/articles/a/");
    assert_eq!(code, 200);
    assert!(page.contains("The first version.") && page.contains("/__gloss/live.js"));
    assert_eq!(get(address, "/__gloss/live.js").0, 200);
    assert_eq!(get(address, "/articles/a").0, 301);
    assert_eq!(get(address, "/no/such/page/").0, 404);
    let first = status(address)["generation"].as_u64().unwrap();

    let poll = std::thread::spawn(move || get(address, &format!("/__gloss/poll?since={first}")).1);
    std::thread::sleep(Duration::from_millis(200));
    f.article("a", "The second version.\n");
    let signal: serde_json::Value = serde_json::from_str(&poll.join().unwrap()).unwrap();
    assert!(signal["generation"].as_u64().unwrap() > first, "{signal}");
    assert!(signal["errors"].is_null(), "{signal}");
    assert!(
        get(address, "/articles/a/")
            .1
            .contains("The second version.")
    );

    f.annotations(
        "x",
        "[[claim]]\nid = \"c\"\ntitle = \"T\"\nstatus = \"maybe\"\n",
    );
    let broken = wait_for(address, "the error", |s| !s["errors"].is_null());
    assert!(
        broken["errors"]
            .as_str()
            .unwrap()
            .contains("content/annotations/x.toml:4:10"),
        "{broken}"
    );
    assert!(
        get(address, "/articles/a/")
            .1
            .contains("The second version."),
        "the last good site is still served"
    );

    f.annotations(
        "x",
        "[[claim]]\nid = \"c\"\ntitle = \"T\"\nstatus = \"opinion\"\n",
    );
    wait_for(address, "the fix", |s| s["errors"].is_null());
    assert_eq!(get(address, "/claims/c/").0, 200, "the new claim's page");
    let exported = (0..100).any(|_| {
        std::thread::sleep(Duration::from_millis(50));
        get(address, "/claims.json").1.contains("\"id\": \"c\"")
    });
    assert!(exported, "the exports follow the pages");
}

#[test]
fn redirects_never_leave_the_site() {
    let f = Fixture::new();
    f.article("a", "Text.\n");
    let server = start(&f);
    let address = server.address;
    assert_eq!(get(address, "/articles/a/").0, 200);
    let location = |path: &str| {
        let response = get_raw(address, path);
        let found = response.lines().find_map(|l| l.strip_prefix("Location: "));
        found.map(str::to_owned)
    };
    for path in ["/articles/a", "//articles/a", "///articles/a"] {
        assert_eq!(
            location(path).as_deref(),
            Some("/articles/a/"),
            "for {path}"
        );
    }
    // Not a page: no redirect at all, and never to another host.
    assert_eq!(location("/\\articles/a"), None);
}

#[test]
fn open_live_reload_polls_never_hold_up_pages() {
    let f = Fixture::new();
    f.article("a", "Text.\n");
    let server = start(&f);
    let address = server.address;
    let generation = status(address)["generation"].as_u64().unwrap();
    // More long polls than the server has workers, each waiting for a
    // build that does not come.
    let polls: Vec<TcpStream> = (0..40)
        .map(|_| {
            let mut stream = TcpStream::connect(address).unwrap();
            write!(
                stream,
                "GET /__gloss/poll?since={generation} HTTP/1.1\r\nHost: localhost\r\n\r\n"
            )
            .unwrap();
            stream
        })
        .collect();
    std::thread::sleep(Duration::from_millis(300));
    let mut stream = TcpStream::connect(address).unwrap();
    // A poll answers after 25 s; a page held up behind them would too.
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    write!(
        stream,
        "GET /articles/a/ HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut response = String::new();
    stream
        .read_to_string(&mut response)
        .expect("the page is served while the polls wait");
    assert!(response.starts_with("HTTP/1.1 200"), "{response}");
    drop(polls);
}

#[test]
fn a_busy_port_is_named_with_a_way_out() {
    let f = Fixture::new();
    f.article("a", "Text.\n");
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port();
    let out = Command::new(env!("CARGO_BIN_EXE_gloss"))
        .args(["serve", f.root().to_str().unwrap(), "--port"])
        .arg(port.to_string())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(&format!("`127.0.0.1:{port}` is already in use")),
        "{err}"
    );
    assert!(err.contains("`--port 0` for any free one"), "{err}");
}

/// A request to the annotation panel: the status and the JSON answer.
fn panel(
    address: SocketAddr,
    request: (&str, &str),
    headers: &[(&str, &str)],
    body: &serde_json::Value,
) -> (u16, serde_json::Value) {
    let mut headers = headers.to_vec();
    headers.push(("Content-Type", "application/json"));
    let (status, json) = http(address, request, &headers, &body.to_string());
    (status, serde_json::from_str(&json).unwrap_or_default())
}

/// The token a report page of the preview carries for its panel.
fn token(address: SocketAddr, article: &str) -> String {
    let page = get(address, &format!("/articles/{article}/")).1;
    let at = page.find("data-token=\"").expect("the panel's script tag") + 12;
    page[at..at + 32].to_owned()
}

/// A dossier whose report says one thing twice, with a claim on another.
fn repeating_dossier() -> Fixture {
    let f = Fixture::new();
    f.article(
        "depot",
        "The council said on Friday the depot will close in 2027. Drivers were told \
         that the depot will close in 2027, and that routes would change.\n",
    );
    f.annotations(
        "depot",
        "[[claim]]\nid = \"routes\"\ntitle = \"Routes will change\"\nstatus = \"unverified\"\n\
         allow = [\"unsourced-claim\"]\n\n  [[claim.appearance]]\n  article = \"depot\"\n  \
         quote = \"routes would change\"\n",
    );
    f
}

#[test]
fn the_annotation_panel_saves_what_it_drafted_and_refuses_forged_requests() {
    let f = repeating_dossier();
    let server = start(&f);
    let address = server.address;
    let host = address.to_string();
    let token = token(address, "depot");
    let request = serde_json::json!({
        "article": "depot",
        "quote": "the depot will close in 2027",
        "before": "Drivers were told that ",
        "after": ", and that routes",
        "action": { "kind": "claim", "id": "depot-closes", "verdict": "disputed" },
        "file": "depot.toml",
    });
    let save = ("POST", "/__gloss/annotate/save");
    let file = f.root().join("content/annotations/depot.toml");
    let before = std::fs::read_to_string(&file).unwrap();
    for forged in [
        vec![("Host", host.as_str())],
        vec![("Host", host.as_str()), ("X-Gloss-Token", "0123")],
        vec![
            ("Host", host.as_str()),
            ("X-Gloss-Token", &token),
            ("Origin", "http://evil.example"),
        ],
        vec![("Host", "evil.example"), ("X-Gloss-Token", &token)],
    ] {
        let (code, answer) = panel(address, save, &forged, &request);
        assert_eq!(code, 403, "{forged:?}: {answer}");
    }
    assert_eq!(std::fs::read_to_string(&file).unwrap(), before);

    let origin = format!("http://{host}");
    let ours = [
        ("Host", host.as_str()),
        ("X-Gloss-Token", &token),
        ("Origin", &origin),
    ];
    let (code, draft) = panel(
        address,
        ("POST", "/__gloss/annotate/draft"),
        &ours,
        &request,
    );
    assert_eq!(code, 200, "{draft}");
    assert_eq!(draft["quote"], "the depot will close in 2027");
    assert_eq!(draft["prefix"], "that", "{draft}");
    let toml = draft["toml"].as_str().unwrap();
    assert!(toml.contains("status = \"disputed\""), "{toml}");

    let generation = status(address)["generation"].as_u64().unwrap();
    let (code, saved) = panel(address, save, &ours, &request);
    assert_eq!(code, 200, "{saved}");
    assert_eq!(saved["saved"], "content/annotations/depot.toml");
    let written = std::fs::read_to_string(&file).unwrap();
    assert!(
        written.starts_with(&before) && written.ends_with(toml),
        "{written}"
    );
    wait_for(address, "the rebuild", |s| {
        s["generation"].as_u64() > Some(generation) && s["errors"].is_null()
    });
    assert_eq!(get(address, "/claims/depot-closes/").0, 200);

    let (code, again) = panel(address, save, &ours, &request);
    assert_eq!(code, 409, "the id is taken now: {again}");
    assert!(again["error"].as_str().unwrap().contains("already exists"));

    // The preview's list of what is left follows the build.
    let (code, todo) = get(address, "/__gloss/todo/");
    assert_eq!(code, 200);
    let todo = scraper::Html::parse_document(&todo);
    let items: Vec<String> = todo
        .select(&scraper::Selector::parse("section li").unwrap())
        .map(|li| li.text().collect())
        .collect();
    assert_eq!(
        items,
        ["date “Friday” (in ¶ p-the-council-said-on-friday-the) is in no claim"],
        "{items:?}"
    );
    let place = todo
        .select(&scraper::Selector::parse("section li a").unwrap())
        .next()
        .and_then(|a| a.value().attr("href"));
    assert_eq!(
        place,
        Some("/articles/depot/#p-the-council-said-on-friday-the")
    );
}

#[test]
fn a_file_edited_since_the_last_good_build_is_never_written_over() {
    let f = repeating_dossier();
    let server = start(&f);
    let address = server.address;
    let host = address.to_string();
    let token = token(address, "depot");
    let file = f.root().join("content/annotations/depot.toml");
    let edited = format!(
        "{}\n[[claim]\nid = \"half-written\"\n",
        std::fs::read_to_string(&file).unwrap()
    );
    std::fs::write(&file, &edited).unwrap();
    wait_for(address, "the broken build", |s| !s["errors"].is_null());
    let request = serde_json::json!({
        "article": "depot",
        "quote": "The council said",
        "action": { "kind": "appearance", "claim": "routes" },
    });
    let headers = [("Host", host.as_str()), ("X-Gloss-Token", &token)];
    let (code, answer) = panel(
        address,
        ("POST", "/__gloss/annotate/save"),
        &headers,
        &request,
    );
    assert_eq!(code, 409, "{answer}");
    assert!(
        answer["error"]
            .as_str()
            .unwrap()
            .contains("changed since gloss read it"),
        "{answer}"
    );
    assert_eq!(std::fs::read_to_string(&file).unwrap(), edited);
}
