//! Feed URLs against a server each test starts on 127.0.0.1 (no other network): success,
//! HTTP errors, redirects and redirect loops, gzip, a server that never answers, a body over
//! the size limit, the real binary given URLs, and the copies kept of feeds (conditional
//! fetches, reading offline).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::Command;
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::Duration;

use sahifa::store::WarningKind;
use sahifa::store::load::{FetchOptions, USER_AGENT, fetch, load_url};
use tempfile::TempDir;

/// What the test server does for one path.
enum Reply {
    /// Status, extra headers, body.
    Send(u16, Vec<(&'static str, String)>, Vec<u8>),
    /// Accepts, reads the request, and says nothing (until the test is long over).
    Hang,
}

/// A server on 127.0.0.1 answering by path. It serves at most `MAX_CONNECTIONS`
/// connections, then stops; a hanging connection is closed after `HANG`.
struct Server {
    base: String,
    /// The request heads received, in order.
    requests: Arc<Mutex<Vec<String>>>,
}

const MAX_CONNECTIONS: usize = 32;
const HANG: Duration = Duration::from_secs(5);

impl Server {
    fn start(route: fn(&str, &str, &str) -> Reply) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let requests = Arc::new(Mutex::new(Vec::new()));
        let seen = Arc::clone(&requests);
        let origin = base.clone();
        thread::spawn(move || {
            for stream in listener.incoming().take(MAX_CONNECTIONS) {
                let Ok(stream) = stream else { continue };
                let seen = Arc::clone(&seen);
                let origin = origin.clone();
                thread::spawn(move || serve(stream, route, &origin, &seen));
            }
        });
        Server { base, requests }
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }
}

fn serve(
    stream: TcpStream,
    route: fn(&str, &str, &str) -> Reply,
    origin: &str,
    seen: &Mutex<Vec<String>>,
) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut head = String::new();
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
            break;
        }
        head.push_str(&line);
    }
    let path = head.split_whitespace().nth(1).unwrap_or("/").to_string();
    seen.lock().unwrap().push(head.clone());
    let mut stream = stream;
    match route(&path, origin, &head) {
        Reply::Hang => thread::sleep(HANG),
        Reply::Send(status, headers, body) => {
            let mut out = format!(
                "HTTP/1.1 {status} Whatever\r\nContent-Length: {}\r\nConnection: close\r\n",
                body.len()
            );
            for (name, value) in headers {
                out.push_str(&format!("{name}: {value}\r\n"));
            }
            out.push_str("\r\n");
            let _ = stream.write_all(out.as_bytes());
            let _ = stream.write_all(&body);
        }
    }
}

const FEED: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>موجز الشبكة</title><language>ar</language>
<item><title>خبر من الشبكة</title><guid>net-1</guid>
<description>&lt;p&gt;نص عن &lt;a href="/more"&gt;الجزائر&lt;/a&gt;.&lt;/p&gt;</description></item>
</channel></rss>"#;

fn xml(body: &str) -> Reply {
    Reply::Send(
        200,
        vec![("Content-Type", "application/rss+xml".to_string())],
        body.as_bytes().to_vec(),
    )
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap()
}

fn routes(path: &str, origin: &str, _head: &str) -> Reply {
    match path {
        "/feed" | "/feed?again" => xml(FEED),
        "/missing" => Reply::Send(404, vec![], b"not here".to_vec()),
        "/broken" => Reply::Send(500, vec![], Vec::new()),
        "/moved" => Reply::Send(
            301,
            vec![("Location", format!("{origin}/feed"))],
            Vec::new(),
        ),
        "/loop-a" => Reply::Send(302, vec![("Location", "/loop-b".to_string())], Vec::new()),
        "/loop-b" => Reply::Send(302, vec![("Location", "/loop-a".to_string())], Vec::new()),
        "/gzip" => Reply::Send(
            200,
            vec![
                ("Content-Type", "application/rss+xml".to_string()),
                ("Content-Encoding", "gzip".to_string()),
            ],
            gzip(FEED.as_bytes()),
        ),
        "/hang" => Reply::Hang,
        "/list.opml" => Reply::Send(
            200,
            vec![("Content-Type", "text/x-opml".to_string())],
            b"<?xml version=\"1.0\"?><opml version=\"2.0\"><body>\
              <outline text=\"folder\"><outline xmlUrl=\"/feed\"/><outline xmlUrl=\"gzip\"/></outline>\
              <outline xmlUrl=\"file:///etc/local.rss\"/><outline xmlUrl=\"/list.opml\"/></body></opml>"
                .to_vec(),
        ),
        "/huge" => Reply::Send(200, vec![], vec![b' '; 3 * 1024 * 1024]),
        "/bomb" => Reply::Send(
            200,
            vec![("Content-Encoding", "gzip".to_string())],
            gzip(&vec![b' '; 8 * 1024 * 1024]),
        ),
        "/page" => Reply::Send(
            200,
            vec![("Content-Type", "text/html".to_string())],
            b"<!doctype html><html><body>Hello</body></html>".to_vec(),
        ),
        _ => Reply::Send(404, vec![], Vec::new()),
    }
}

/// Short limits so failing cases end quickly.
fn quick() -> FetchOptions {
    FetchOptions {
        cache: None,
        connect_timeout: Duration::from_secs(2),
        read_timeout: Duration::from_secs(1),
        total_timeout: Duration::from_secs(4),
        max_redirects: 3,
        max_bytes: 1024 * 1024,
    }
}

#[test]
fn a_feed_url_loads_with_links_resolved_against_it() {
    let server = Server::start(routes);
    let loaded = load_url(server.url("/feed"), &quick());
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
    assert_eq!(loaded.articles.len(), 1);
    let a = &loaded.articles[0];
    assert_eq!(a.title(), "خبر من الشبكة");
    assert_eq!(a.paragraph(0).unwrap().text(), "نص عن الجزائر[1].");
    assert_eq!(a.links(), [server.url("/more")]);
    assert_eq!(a.source().to_string(), server.url("/feed"));
    assert_eq!(a.language(), Some("ar"));
    let requests = server.requests.lock().unwrap();
    let head = requests[0].to_ascii_lowercase();
    assert!(
        head.contains(&format!("user-agent: {}", USER_AGENT.to_ascii_lowercase())),
        "{head}"
    );
    assert!(head.contains("accept-encoding: gzip"), "{head}");
}

#[test]
fn http_errors_are_one_line_each() {
    let server = Server::start(routes);
    let url = server.url("/missing");
    let loaded = load_url(url.clone(), &quick());
    assert!(loaded.articles.is_empty());
    assert_eq!(loaded.warnings.len(), 1);
    assert_eq!(
        loaded.warnings[0].to_string(),
        format!("{url}: skipped: the server answered HTTP 404 (not found)")
    );
    assert_eq!(
        fetch(&server.url("/broken"), &quick()).unwrap_err(),
        WarningKind::HttpStatus { status: 500 }
    );
    let page = load_url(server.url("/page"), &quick());
    assert_eq!(
        page.warnings[0].kind,
        WarningKind::NotAFeed {
            reason: "no RSS, Atom or JSON Feed root element".to_string()
        }
    );
    // A port nothing listens on any more.
    let closed = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap();
    let refused = fetch(&format!("http://{closed}/feed"), &quick()).unwrap_err();
    assert!(
        matches!(refused, WarningKind::Network { .. }),
        "{refused:?}"
    );
}

#[test]
fn redirects_are_followed_and_loops_end() {
    let server = Server::start(routes);
    let fetched = fetch(&server.url("/moved"), &quick()).unwrap();
    assert_eq!(fetched.final_url, server.url("/feed"));
    assert_eq!(fetched.body, FEED.as_bytes());
    assert_eq!(
        fetch(&server.url("/loop-a"), &quick()).unwrap_err(),
        WarningKind::TooManyRedirects { limit: 3 }
    );
}

#[test]
fn gzip_bodies_are_decompressed() {
    let server = Server::start(routes);
    let loaded = load_url(server.url("/gzip"), &quick());
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
    assert_eq!(loaded.articles[0].title(), "خبر من الشبكة");
}

#[test]
fn a_server_that_never_answers_times_out() {
    let server = Server::start(routes);
    let loaded = load_url(server.url("/hang"), &quick());
    assert_eq!(loaded.warnings.len(), 1);
    assert_eq!(loaded.warnings[0].kind, WarningKind::Timeout);
    assert!(
        loaded.warnings[0]
            .to_string()
            .ends_with("/hang: skipped: the server did not answer in time")
    );
}

#[test]
fn bodies_over_the_limit_are_refused_compressed_or_not() {
    let server = Server::start(routes);
    let too_large = WarningKind::ResponseTooLarge { limit: 1024 * 1024 };
    assert_eq!(
        fetch(&server.url("/huge"), &quick()).unwrap_err(),
        too_large
    );
    assert_eq!(
        fetch(&server.url("/bomb"), &quick()).unwrap_err(),
        too_large
    );
}

#[test]
fn the_same_feed_fetched_twice_appears_once() {
    let server = Server::start(routes);
    let sources =
        [server.url("/feed"), server.url("/feed?again")].map(sahifa::store::Source::from_arg);
    let (articles, warnings) = sahifa::store::load_all(&sources);
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(articles.len(), 1);
    assert_eq!(server.requests.lock().unwrap().len(), 2);
}

#[test]
fn an_opml_list_on_the_web_has_its_feeds_fetched_once() {
    let server = Server::start(routes);
    let list = server.url("/list.opml");
    let (articles, warnings) = sahifa::store::load_all(&[sahifa::store::Source::from_arg(&list)]);
    // /feed and /gzip serve the same entry: one article.
    assert_eq!(articles.len(), 1);
    assert_eq!(articles[0].source().to_string(), server.url("/feed"));
    let lines: Vec<String> = warnings.iter().map(ToString::to_string).collect();
    assert_eq!(
        lines,
        [
            format!(
                "{list}: record 3 skipped: a list on the web can only name web feeds, not file:///etc/local.rss"
            ),
            format!("{list}: not read again: the OPML list includes itself (a loop)"),
        ]
    );
}

#[test]
fn the_binary_reads_urls_files_and_opml_lists_naming_urls() {
    let server = Server::start(routes);
    let tmp = TempDir::new().unwrap();
    let opml = tmp.path().join("subs.opml");
    let list = format!(
        "<opml version=\"2.0\"><body><outline text=\"net\"><outline xmlUrl=\"{}\"/></outline></body></opml>",
        server.url("/gzip")
    );
    std::fs::write(&opml, list).unwrap();
    let home = tmp.path().join("home");
    let out = Command::new(env!("CARGO_BIN_EXE_sahifa"))
        .arg("list")
        .arg("--json")
        .arg(server.url("/missing"))
        .arg(&opml)
        .arg(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/feeds/classic.rss"
        ))
        .env("HOME", &home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_CACHE_HOME", home.join("cache"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let titles: Vec<&str> = json
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["title"].as_str().unwrap())
        .collect();
    assert_eq!(titles, ["خبر من الشبكة", "Café opens & closes"]);
    assert_eq!(json[0]["source"], server.url("/gzip"));
    assert_eq!(json[0]["direction"], "rtl");
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(
        stderr,
        format!(
            "sahifa: warning: {}: skipped: the server answered HTTP 404 (not found)\n",
            server.url("/missing")
        )
    );

    let out = Command::new(env!("CARGO_BIN_EXE_sahifa"))
        .arg("actors")
        .arg("--json")
        .arg(server.url("/feed"))
        .env("HOME", &home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_CACHE_HOME", home.join("cache"))
        .output()
        .unwrap();
    assert!(out.status.success());
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json[0]["source"], server.url("/feed"));
    assert_eq!(json[0]["actors"][0]["id"], "algeria");
    assert_eq!(json[0]["actors"][0]["mentions"][0]["line"], 2);
}

#[test]
fn reading_the_body_of_a_stalled_response_times_out_too() {
    // Headers, then a body that stops half way.
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/stall", listener.local_addr().unwrap());
    thread::spawn(move || {
        if let Ok((mut stream, _)) = listener.accept() {
            let mut buf = [0u8; 1024];
            let _ = stream.read(&mut buf);
            let _ = stream.write_all(b"HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n<rss");
            thread::sleep(HANG);
        }
    });
    assert_eq!(fetch(&url, &quick()).unwrap_err(), WarningKind::Timeout);
}

#[test]
fn urls_arrive_in_the_background_with_progress() {
    use sahifa::store::{LoadEvent, Source, spawn_load};
    let server = Server::start(routes);
    let sources = vec![
        Source::from_arg(server.url("/feed")),
        Source::from_arg(server.url("/missing")),
        Source::from_arg(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/feeds/classic.rss"
        )),
    ];
    let (events, handle) = spawn_load(sources, 0, FetchOptions::default()).unwrap();
    let mut titles = Vec::new();
    let mut warnings = Vec::new();
    let mut last_progress = None;
    let mut done = None;
    for event in events {
        match event {
            LoadEvent::Batch(articles) => {
                titles.extend(articles.iter().map(|a| a.title().to_string()));
            }
            LoadEvent::Warning(warning) => warnings.push(warning.to_string()),
            LoadEvent::Progress { done, total } => last_progress = Some((done, total)),
            LoadEvent::Done(summary) => done = Some(summary),
        }
    }
    let summary = handle.join().unwrap();
    assert_eq!(titles, ["خبر من الشبكة", "Café opens & closes"]);
    assert_eq!(warnings.len(), 1);
    assert!(warnings[0].ends_with("/missing: skipped: the server answered HTTP 404 (not found)"));
    assert_eq!(last_progress, Some((3, 3)));
    assert_eq!(done, Some(summary));
    assert_eq!(
        (summary.files, summary.articles, summary.warnings),
        (3, 2, 1)
    );
    assert!(!summary.cancelled);
}

/// A feed that changes by validator: `/etag` answers 304 to `If-None-Match: "v1"`, `/dated`
/// to `If-Modified-Since` of its date; `/gone` is always a 503.
fn conditional_routes(path: &str, origin: &str, head: &str) -> Reply {
    const DATE: &str = "Wed, 02 Dec 2026 10:00:00 GMT";
    let has = |header: &str| head.lines().any(|line| line.eq_ignore_ascii_case(header));
    match path {
        "/etag" if has("if-none-match: \"v1\"") => Reply::Send(304, vec![], Vec::new()),
        "/etag" => Reply::Send(
            200,
            vec![("ETag", "\"v1\"".to_string())],
            FEED.as_bytes().to_vec(),
        ),
        "/dated" if has(&format!("if-modified-since: {DATE}")) => {
            Reply::Send(304, vec![], Vec::new())
        }
        "/dated" => Reply::Send(
            200,
            vec![("Last-Modified", DATE.to_string())],
            FEED.as_bytes().to_vec(),
        ),
        "/gone" => Reply::Send(503, vec![], Vec::new()),
        _ => routes(path, origin, head),
    }
}

fn with_cache(dir: &std::path::Path) -> FetchOptions {
    FetchOptions {
        cache: Some(sahifa::store::load::FeedCache::new(dir.join("feeds"))),
        ..quick()
    }
}

fn request_heads(server: &Server) -> Vec<String> {
    server.requests.lock().unwrap().clone()
}

#[test]
fn an_unchanged_feed_is_fetched_conditionally_and_read_from_its_copy() {
    let server = Server::start(conditional_routes);
    let tmp = TempDir::new().unwrap();
    let options = with_cache(tmp.path());
    for path in ["/etag", "/dated"] {
        let url = server.url(path);
        let first = load_url(url.clone(), &options);
        let second = load_url(url.clone(), &options);
        assert!(first.warnings.is_empty(), "{:?}", first.warnings);
        assert!(second.warnings.is_empty(), "{:?}", second.warnings);
        assert_eq!(first.articles.len(), 1);
        assert_eq!(second.articles, first.articles, "{path}");
    }
    let heads = request_heads(&server);
    assert_eq!(heads.len(), 4);
    let lower: Vec<String> = heads.iter().map(|h| h.to_ascii_lowercase()).collect();
    assert!(!lower[0].contains("if-none-match"), "{}", heads[0]);
    assert!(lower[1].contains("if-none-match: \"v1\""), "{}", heads[1]);
    assert!(!lower[2].contains("if-modified-since"), "{}", heads[2]);
    assert!(
        lower[3].contains("if-modified-since: wed, 02 dec 2026"),
        "{}",
        heads[3]
    );
}

#[test]
fn a_feed_that_cannot_be_fetched_is_read_from_its_copy_with_a_warning() {
    let server = Server::start(conditional_routes);
    let tmp = TempDir::new().unwrap();
    let options = with_cache(tmp.path());
    let url = server.url("/etag");
    let fresh = load_url(url.clone(), &options);
    assert_eq!(fresh.articles.len(), 1);
    // The same cache, now asked for by a server that is down: copy the file over.
    let down = server.url("/gone");
    let cache = options.cache.as_ref().unwrap();
    let mut copy = cache.get(&url).unwrap();
    copy.url = down.clone();
    cache.save(&copy).unwrap();
    let offline = load_url(down.clone(), &options);
    assert_eq!(offline.articles.len(), 1);
    assert_eq!(offline.articles[0].title(), fresh.articles[0].title());
    let lines: Vec<String> = offline.warnings.iter().map(ToString::to_string).collect();
    assert_eq!(lines.len(), 1, "{lines:?}");
    // Its age is a second or two at most, whichever side of a second the test runs.
    let age = lines[0]
        .strip_prefix(&format!("{down}: showing the copy fetched "))
        .and_then(|rest| {
            rest.strip_suffix(" ago: the server answered HTTP 503 (service unavailable)")
        });
    assert!(
        matches!(age, Some("0 seconds" | "1 second" | "2 seconds")),
        "{}",
        lines[0]
    );
    assert!(!offline.warnings[0].skipped());
    // Without a copy, the same failure skips the feed.
    let other = TempDir::new().unwrap();
    let none = load_url(down, &with_cache(other.path()));
    assert!(none.articles.is_empty());
    assert!(none.warnings[0].skipped());
}

#[test]
fn the_binary_keeps_copies_unless_told_not_to() {
    let server = Server::start(conditional_routes);
    let tmp = TempDir::new().unwrap();
    let home = tmp.path().join("home");
    let list = |extra: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_sahifa"))
            .arg("list")
            .args(extra)
            .arg(server.url("/etag"))
            .env("HOME", &home)
            .env("XDG_CONFIG_HOME", home.join("config"))
            .env("XDG_DATA_HOME", home.join("data"))
            .env("XDG_CACHE_HOME", home.join("cache"))
            .output()
            .unwrap()
    };
    let first = list(&[]);
    assert!(first.status.success());
    let feeds = home.join("cache/sahifa/feeds");
    assert_eq!(std::fs::read_dir(&feeds).unwrap().count(), 1);
    let second = list(&[]);
    assert_eq!(second.stdout, first.stdout);
    let third = list(&["--no-cache"]);
    assert_eq!(third.stdout, first.stdout);
    let lower: Vec<String> = request_heads(&server)
        .iter()
        .map(|head| head.to_ascii_lowercase())
        .collect();
    assert_eq!(lower.len(), 3);
    assert!(lower[1].contains("if-none-match"));
    assert!(
        !lower[2].contains("if-none-match"),
        "--no-cache sent validators"
    );
}
