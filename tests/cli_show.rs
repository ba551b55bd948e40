//! `sahifa show` and the read/starred marks of `sahifa list`, through the real binary with its
//! state in a temp dir.

use std::collections::HashMap;
use std::path::Path;
use std::process::{Command, Output};

use sahifa::state::{Change, Field, StateFile};
use sahifa::store::{ArticleId, SourceRef, load_all};

fn sahifa(home: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_sahifa"))
        .args(args)
        .env("XDG_STATE_HOME", home.join("state"))
        .env("HOME", home)
        .output()
        .unwrap()
}

fn stdout(output: &Output) -> String {
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout.clone()).unwrap()
}

fn seed_ids() -> Vec<ArticleId> {
    load_all(&[]).0.iter().map(|a| a.id()).collect()
}

fn mark(home: &Path, changes: &[Change]) {
    StateFile::in_dir(home.join("state/sahifa"))
        .commit(changes)
        .unwrap();
}

#[test]
fn list_shows_read_and_starred() {
    let home = tempfile::tempdir().unwrap();
    let ids = seed_ids();
    mark(
        home.path(),
        &[
            Change {
                article: ids[0],
                field: Field::Read(true),
            },
            Change {
                article: ids[1],
                field: Field::Starred(true),
            },
        ],
    );
    let json: serde_json::Value =
        serde_json::from_str(&stdout(&sahifa(home.path(), &["list", "--json"]))).unwrap();
    let marks: HashMap<String, (bool, bool)> = json
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            (
                a["id"].as_str().unwrap().to_string(),
                (
                    a["read"].as_bool().unwrap(),
                    a["starred"].as_bool().unwrap(),
                ),
            )
        })
        .collect();
    assert_eq!(marks[&ids[0].to_string()], (true, false));
    assert_eq!(marks[&ids[1].to_string()], (false, true));
    assert_eq!(marks[&ids[2].to_string()], (false, false));

    let text = stdout(&sahifa(home.path(), &["list"]));
    let lines: Vec<&str> = text.lines().collect();
    assert!(
        lines[0].starts_with(&format!("{}    ", ids[0])),
        "{}",
        lines[0]
    );
    assert!(
        lines[1].starts_with(&format!("{} •★ ", ids[1])),
        "{}",
        lines[1]
    );
    assert!(
        lines[2].starts_with(&format!("{} •  ", ids[2])),
        "{}",
        lines[2]
    );
}

#[test]
fn show_prints_one_article_in_logical_order() {
    let home = tempfile::tempdir().unwrap();
    let (articles, _) = load_all(&[]);
    let article = &articles[2];
    let id = article.id().to_string();
    mark(
        home.path(),
        &[Change {
            article: article.id(),
            field: Field::Starred(true),
        }],
    );
    let text = stdout(&sahifa(home.path(), &["show", &id[..6]]));
    let SourceRef::Seed(name) = article.source() else {
        panic!("a seed")
    };
    let mut expected = format!(
        "{}\nid: {id}\nsource: seed:{name}\nmarks: starred\n",
        article.title()
    );
    for paragraph in article.paragraphs() {
        expected.push_str(&format!("\n{}\n", paragraph.text()));
    }
    assert_eq!(text, expected);
    assert!(!text.chars().any(|c| c.is_control() && c != '\n'));
    // Logical Arabic letters, never the presentation forms the reader may draw.
    assert!(
        !text
            .chars()
            .any(|c| matches!(c, '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}'))
    );

    let json: serde_json::Value =
        serde_json::from_str(&stdout(&sahifa(home.path(), &["show", "--json", &id]))).unwrap();
    assert_eq!(json["id"], id);
    assert_eq!(json["title"], article.title());
    assert_eq!(json["source"], format!("seed:{name}"));
    assert_eq!(json["direction"], "rtl");
    assert_eq!(json["starred"], true);
    assert_eq!(json["read"], false);
    assert!(json["url"].is_null() && json["published"].is_null() && json["author"].is_null());
    assert_eq!(json["links"], serde_json::json!([]));
    let paragraphs: Vec<&str> = json["paragraphs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_str().unwrap())
        .collect();
    let stored: Vec<&str> = article.paragraphs().map(|p| p.text()).collect();
    assert_eq!(paragraphs, stored);
}

#[test]
fn show_reads_files_and_strips_escape_sequences() {
    let home = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.txt");
    std::fs::write(
        &path,
        "Title \x1b[31mred\x1b[0m\n\nFirst \x1b]52;c;aGk=\x07paragraph.\n\nمرحبا بالعالم\n",
    )
    .unwrap();
    let (articles, _) = load_all(&[sahifa::store::Source::from_arg(&path)]);
    let id = articles[0].id().to_string();
    let text = stdout(&sahifa(home.path(), &["show", &id, path.to_str().unwrap()]));
    assert!(!text.contains('\x1b') && !text.contains('\x07'), "{text:?}");
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "Title red");
    assert!(lines.contains(&"First paragraph."), "{lines:?}");
    assert_eq!(*lines.last().unwrap(), "مرحبا بالعالم");
}

#[test]
fn show_explains_unknown_and_ambiguous_ids() {
    let home = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    // Forty articles: some first hex digit is shared by at least two of them.
    for n in 0..40 {
        std::fs::write(
            dir.path().join(format!("{n}.txt")),
            format!("Article {n}\n\nBody {n}.\n"),
        )
        .unwrap();
    }
    let (articles, _) = load_all(&[sahifa::store::Source::from_arg(dir.path())]);
    let mut by_digit: HashMap<char, usize> = HashMap::new();
    for article in &articles {
        *by_digit
            .entry(article.id().to_string().chars().next().unwrap())
            .or_default() += 1;
    }
    let (&shared, &count) = by_digit.iter().find(|(_, n)| **n >= 2).unwrap();
    let folder = dir.path().to_str().unwrap();
    let output = sahifa(home.path(), &["show", &shared.to_string(), folder]);
    assert!(!output.status.success());
    let error = String::from_utf8_lossy(&output.stderr);
    assert!(
        error.starts_with(&format!(
            "sahifa: {shared} is the start of {count} article ids ("
        )),
        "{error}"
    );
    assert!(error.trim_end().ends_with("give more digits"), "{error}");
    assert_eq!(error.lines().count(), 1);
    assert!(output.stdout.is_empty());

    let unused = "0123456789abcdef"
        .chars()
        .find(|c| !by_digit.contains_key(c));
    if let Some(digit) = unused {
        let output = sahifa(home.path(), &["show", &digit.to_string(), folder]);
        let error = String::from_utf8_lossy(&output.stderr);
        assert_eq!(
            error,
            format!("sahifa: no article id starts with {digit} (of 40; see `sahifa list`)\n")
        );
    }
    let output = sahifa(home.path(), &["show", "ffffffffffffffff", folder]);
    assert!(!output.status.success());
    let output = sahifa(home.path(), &["show", "not-hex", folder]);
    let error = String::from_utf8_lossy(&output.stderr);
    assert!(error.contains("is not an article id"), "{error}");
}

#[test]
fn list_search_keeps_the_articles_that_have_the_query() {
    let home = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("a.txt"),
        "وصول الوفد\nقال أَحْمَد إن الوفد وصل.\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("b.txt"), "Weather\nRain by noon.\n").unwrap();
    std::fs::write(dir.path().join("c.txt"), "احمد في القاهرة\nلا شيء.\n").unwrap();
    let folder = dir.path().to_str().unwrap();
    let titles = |query: &str| -> Vec<String> {
        let args = ["list", "--json", "--no-cache", "--search", query, folder];
        let json: serde_json::Value =
            serde_json::from_str(&stdout(&sahifa(home.path(), &args))).unwrap();
        let mut titles: Vec<String> = json
            .as_array()
            .unwrap()
            .iter()
            .map(|article| article["title"].as_str().unwrap().to_string())
            .collect();
        titles.sort();
        titles
    };
    // Harakat and the hamza form do not count; Latin case does not either.
    assert_eq!(titles("أحمد"), ["احمد في القاهرة", "وصول الوفد"]);
    assert_eq!(titles("RAIN"), ["Weather"]);
    assert!(titles("بوتين").is_empty());
    let text = stdout(&sahifa(
        home.path(),
        &["list", "--no-cache", "--search", "القاهره", folder],
    ));
    assert_eq!(text.lines().count(), 1, "{text}");
    assert!(text.contains("احمد في القاهرة"));

    let nothing = sahifa(home.path(), &["list", "--search", "\u{064E}ـ", folder]);
    assert!(!nothing.status.success());
    assert!(String::from_utf8_lossy(&nothing.stderr).contains("nothing to search for"));
}
