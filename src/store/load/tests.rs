//! Loader tests on real files in temporary folders.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::mpsc;

use tempfile::TempDir;

use super::*;
use crate::store::ArticleId;
use crate::store::article::Article;

fn write(dir: &Path, rel: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(rel);
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).unwrap();
    }
    fs::write(&path, bytes).unwrap();
    path
}

/// A small article whose title names it.
fn article_text(name: &str) -> String {
    format!("{name}\nالفقرة الأولى من {name}.\nالفقرة الثانية.\n")
}

fn titles(articles: &[Article]) -> Vec<String> {
    articles.iter().map(|a| a.title().to_string()).collect()
}

fn kinds(warnings: &[LoadWarning]) -> Vec<(String, WarningKind)> {
    warnings
        .iter()
        .map(|w| {
            let name = w.source.path().and_then(Path::file_name).map_or_else(
                || w.source.to_string(),
                |n| n.to_string_lossy().into_owned(),
            );
            (name, w.kind.clone())
        })
        .collect()
}

fn is_root() -> bool {
    // Permission bits do not stop root; an unreadable-file test is meaningless then.
    fs::read_to_string("/proc/self/status").is_ok_and(|status| {
        status
            .lines()
            .find(|l| l.starts_with("Uid:"))
            .is_some_and(|l| l.split_whitespace().nth(1) == Some("0"))
    })
}

#[test]
fn folders_are_walked_recursively_in_path_order_skipping_hidden() {
    let tmp = TempDir::new().unwrap();
    let root = tmp.path();
    write(root, "b.txt", article_text("b").as_bytes());
    write(root, "a.txt", article_text("a").as_bytes());
    write(root, "sub/c.md", article_text("c").as_bytes());
    write(root, "sub/deeper/d.text", article_text("d").as_bytes());
    write(root, "sub/.hidden.txt", article_text("hidden").as_bytes());
    write(root, ".git/x.txt", article_text("x").as_bytes());
    write(root, ".hidden-dir/y.txt", article_text("y").as_bytes());
    write(root, "z", article_text("z").as_bytes());
    write(root, "img.png", b"\x89PNG\r\n\x1a\n\x00\x00");
    write(root, "feed.rss", b"<rss/>");

    let (articles, warnings) = load_all(&[Source::Path(root.to_path_buf())]);
    assert_eq!(titles(&articles), ["a", "b", "c", "d", "z"]);
    assert_eq!(
        kinds(&warnings),
        [(
            "feed.rss".to_string(),
            WarningKind::NotAFeed {
                reason: "no RSS, Atom or JSON Feed root element".to_string()
            }
        )]
    );
    let d = &articles[3];
    assert_eq!(
        d.source().path(),
        Some(root.join("sub/deeper/d.text").as_path())
    );
    assert_eq!(d.paragraph(0).unwrap().line(), 2);
}

#[test]
fn an_explicit_hidden_file_or_odd_extension_is_read() {
    let tmp = TempDir::new().unwrap();
    let hidden = write(tmp.path(), ".note", article_text("hidden").as_bytes());
    let odd = write(tmp.path(), "article.html", article_text("odd").as_bytes());
    let (articles, warnings) = load_all(&[Source::Path(hidden), Source::Path(odd)]);
    assert_eq!(titles(&articles), ["hidden", "odd"]);
    assert!(warnings.is_empty(), "{warnings:?}");
}

#[test]
fn bad_files_are_skipped_with_a_warning_and_the_rest_load() {
    let tmp = TempDir::new().unwrap();
    let root = tmp.path();
    write(root, "1-good.txt", article_text("good").as_bytes());
    write(root, "2-empty.txt", b"");
    write(root, "3-blank.txt", b" \n\t\n\r\n");
    write(root, "4-binary.txt", b"\x7fELF\x02\x01\x01\x00\x00");
    write(root, "5-invalid.txt", b"title\nok\nbad \xff\xfe here\n");
    let locked = write(root, "6-locked.txt", article_text("locked").as_bytes());
    write(root, "7-good.txt", article_text("good too").as_bytes());
    let root_user = is_root();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(&locked, fs::Permissions::from_mode(0o000)).unwrap();
    }

    let (articles, warnings) = load_all(&[
        Source::Path(root.to_path_buf()),
        Source::Path(root.join("missing.txt")),
    ]);
    let mut expected_titles = vec!["good", "title"];
    if root_user || cfg!(not(unix)) {
        expected_titles.push("locked");
    }
    expected_titles.push("good too");
    assert_eq!(titles(&articles), expected_titles);
    assert_eq!(
        articles[1].paragraph(1).unwrap().text(),
        "bad \u{fffd}\u{fffd} here"
    );

    let found = kinds(&warnings);
    // In walk order: the folder's files, then the second source.
    assert_eq!(found[0], ("2-empty.txt".to_string(), WarningKind::Empty));
    assert_eq!(found[1], ("3-blank.txt".to_string(), WarningKind::Blank));
    assert!(matches!(
        &found[2],
        (name, WarningKind::Binary(BinaryEvidence::NulByte { offset: 7 })) if name == "4-binary.txt"
    ));
    assert_eq!(
        found[3],
        (
            "5-invalid.txt".to_string(),
            WarningKind::InvalidUtf8 { lines: 1 }
        )
    );
    assert_eq!(warnings[3].line, Some(3));
    let rest = &found[4..];
    if root_user || cfg!(not(unix)) {
        assert_eq!(rest.len(), 1, "{found:?}");
    } else {
        assert_eq!(rest.len(), 2, "{found:?}");
        assert_eq!(rest[0].0, "6-locked.txt");
        assert!(matches!(rest[0].1, WarningKind::Unreadable { .. }));
        assert!(warnings[4].to_string().contains("cannot read it"));
    }
    assert_eq!(
        rest.last(),
        Some(&("missing.txt".to_string(), WarningKind::NotFound))
    );
    for w in &warnings {
        assert!(!w.to_string().contains('\n'), "{w}");
    }
}

#[cfg(unix)]
#[test]
fn an_unreadable_folder_is_skipped_with_a_warning() {
    use std::os::unix::fs::PermissionsExt;
    if is_root() {
        return; // root reads it anyway
    }
    let tmp = TempDir::new().unwrap();
    write(tmp.path(), "a.txt", article_text("a").as_bytes());
    let locked = tmp.path().join("locked");
    write(&locked, "b.txt", article_text("b").as_bytes());
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o000)).unwrap();
    let (articles, warnings) = load_all(&[Source::Path(tmp.path().to_path_buf())]);
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o755)).unwrap();
    assert_eq!(titles(&articles), ["a"]);
    assert!(matches!(
        kinds(&warnings)[..],
        [(ref name, WarningKind::Unreadable { .. })] if name == "locked"
    ));
}

#[cfg(unix)]
#[test]
fn symlinks_are_followed_but_loops_are_not() {
    use std::os::unix::fs::symlink;
    let tmp = TempDir::new().unwrap();
    let root = tmp.path().join("root");
    write(&root, "a.txt", article_text("a").as_bytes());
    write(&root, "x/b.txt", article_text("b").as_bytes());
    write(tmp.path(), "outside/c.txt", article_text("c").as_bytes());
    symlink(&root, root.join("x/loop")).unwrap(); // back to an ancestor
    symlink(root.join("x"), root.join("y")).unwrap(); // a second way into x
    symlink(tmp.path().join("outside"), root.join("z")).unwrap(); // out of the tree
    symlink(root.join("a.txt"), root.join("link.txt")).unwrap(); // a file link
    symlink(root.join("nowhere.txt"), root.join("dead.txt")).unwrap();

    let (articles, warnings) = load_all(&[Source::Path(root.clone())]);
    // a.txt and link.txt are the same article: deduplicated; x is read once.
    assert_eq!(titles(&articles), ["a", "b", "c"]);
    assert_eq!(
        kinds(&warnings),
        [
            ("dead.txt".to_string(), WarningKind::BrokenSymlink),
            ("loop".to_string(), WarningKind::SymlinkLoop),
        ]
    );
}

#[cfg(unix)]
#[test]
fn pipes_in_folders_are_skipped_not_read() {
    let tmp = TempDir::new().unwrap();
    write(tmp.path(), "a.txt", article_text("a").as_bytes());
    let fifo = tmp.path().join("pipe.txt");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .is_ok_and(|s| s.success());
    if !made {
        return; // no mkfifo here; nothing to test
    }
    let (articles, warnings) = load_all(&[Source::Path(tmp.path().to_path_buf())]);
    assert_eq!(titles(&articles), ["a"]);
    assert_eq!(
        kinds(&warnings),
        [("pipe.txt".to_string(), WarningKind::NotRegularFile)]
    );
}

#[test]
fn the_same_article_from_two_sources_appears_once() {
    let tmp = TempDir::new().unwrap();
    let clean = "العنوان\nنص المقال.\nالفقرة الثانية.\n";
    let noisy = "\u{feff}العنوان\r\n\r\n  نص المقال.\r\n\u{1b}[0mالفقرة  الثانية.\r\nشاركها.\r\nExit mobile version\r\n";
    let a = write(tmp.path(), "a.txt", clean.as_bytes());
    let b = write(tmp.path(), "copy/b.txt", noisy.as_bytes());
    let (articles, warnings) = load_all(&[Source::Path(a.clone()), Source::Path(b)]);
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(articles.len(), 1);
    assert_eq!(articles[0].source().path(), Some(a.as_path()));
}

#[test]
fn no_sources_means_the_seeds() {
    let (articles, warnings) = load_all(&[]);
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(articles.len(), SEEDS.len());
    let names: Vec<String> = articles.iter().map(|a| a.source().to_string()).collect();
    let expected: Vec<String> = SEEDS.iter().map(|(n, _)| format!("seed:{n}")).collect();
    assert_eq!(names, expected);
}

/// Every event of one load, with the articles' ids in delivery order.
fn run(sources: &[Source], workers: usize) -> (Vec<ArticleId>, Vec<LoadWarning>, Vec<LoadEvent>) {
    let (tx, rx) = mpsc::channel();
    let summary = load_sources_parallel(sources, workers, &FetchOptions::default(), tx);
    let events: Vec<LoadEvent> = rx.into_iter().collect();
    let mut ids = Vec::new();
    let mut warnings = Vec::new();
    let mut others = Vec::new();
    for event in events {
        match event {
            LoadEvent::Batch(batch) => ids.extend(batch.iter().map(Article::id)),
            LoadEvent::Warning(w) => warnings.push(w),
            other => others.push(other),
        }
    }
    assert!(
        matches!(others.last(), Some(LoadEvent::Done(s)) if *s == summary),
        "Done must come last"
    );
    assert_eq!(summary.articles, ids.len());
    assert!(!summary.cancelled);
    (ids, warnings, others)
}

#[test]
fn parallel_loading_gives_the_same_order_whatever_the_worker_count() {
    let tmp = TempDir::new().unwrap();
    let root = tmp.path();
    // Uneven sizes so workers finish out of order.
    for i in 0..120 {
        let dir = format!("d{}", i % 7);
        let body = "نص طويل نسبيا للمقال. ".repeat(1 + (i * 37) % 400);
        let text = format!("article {i}\n{body}\n");
        write(root, &format!("{dir}/f{i:03}.txt"), text.as_bytes());
    }
    write(root, "d3/zz-empty.txt", b"");
    let other = TempDir::new().unwrap();
    write(other.path(), "first.txt", article_text("other").as_bytes());
    let sources = [
        Source::Path(other.path().to_path_buf()),
        Source::Path(root.to_path_buf()),
        Source::Seeds,
    ];

    let (one, warnings_one, _) = run(&sources, 1);
    assert_eq!(one.len(), 1 + 120 + SEEDS.len());
    for workers in [2, 3, 8] {
        for _ in 0..3 {
            let (ids, warnings, events) = run(&sources, workers);
            assert_eq!(ids, one, "{workers} workers");
            assert_eq!(warnings, warnings_one);
            let last_progress = events.iter().rev().find_map(|e| match e {
                LoadEvent::Progress { done, total } => Some((*done, *total)),
                _ => None,
            });
            assert_eq!(
                last_progress,
                Some((1 + 121 + SEEDS.len(), 1 + 121 + SEEDS.len()))
            );
        }
    }

    // And the order is source order, then path order.
    let (articles, _) = load_all(&sources);
    let paths: Vec<String> = articles[1..=120]
        .iter()
        .map(|a| a.source().to_string())
        .collect();
    let mut sorted = paths.clone();
    sorted.sort();
    assert_eq!(paths, sorted);
    assert_eq!(articles[0].title(), "other");
}

#[test]
fn loading_stops_when_nobody_listens() {
    let tmp = TempDir::new().unwrap();
    for i in 0..50 {
        write(
            tmp.path(),
            &format!("{i:02}.txt"),
            article_text(&i.to_string()).as_bytes(),
        );
    }
    let (tx, rx) = mpsc::channel();
    drop(rx);
    let summary = load_sources_parallel(
        &[Source::Path(tmp.path().to_path_buf())],
        2,
        &FetchOptions::default(),
        tx,
    );
    assert!(summary.cancelled);
    assert!(summary.files < 50, "{summary:?}");
}

#[test]
fn spawn_load_delivers_in_the_background() {
    let (rx, handle) = spawn_load(vec![Source::Seeds], 2, FetchOptions::default()).unwrap();
    let mut count = 0;
    for event in rx {
        if let LoadEvent::Batch(batch) = event {
            count += batch.len();
        }
    }
    let summary = handle.join().unwrap();
    assert_eq!(count, SEEDS.len());
    assert_eq!(summary.articles, SEEDS.len());
}

#[test]
fn inputs_over_the_size_limit_are_refused() {
    let mut buf = Vec::new();
    let mut read = |bytes: &[u8], expected: Option<u64>| {
        let mut reader = bytes;
        read_into(&mut reader, expected, &mut buf, 10).map(|n| buf[..n].to_vec())
    };
    assert_eq!(read(b"0123456789", None), Ok(b"0123456789".to_vec()));
    assert_eq!(read(b"0123456789", Some(10)), Ok(b"0123456789".to_vec()));
    let too_large = Err(WarningKind::TooLarge { limit: 10 });
    assert_eq!(read(b"0123456789x", None), too_large);
    assert_eq!(read(b"0123456789x", Some(11)), too_large);
    // Grown since it was found: still refused past the limit, still read whole below it.
    assert_eq!(read(b"0123456789x", Some(3)), too_large);
    assert_eq!(read(b"012345", Some(3)), Ok(b"012345".to_vec()));
    // Shrunk since: what is there.
    assert_eq!(read(b"01", Some(5)), Ok(b"01".to_vec()));
    assert_eq!(read(b"", Some(0)), Ok(vec![]));
}

#[test]
fn reading_a_file_whose_size_is_known_takes_one_read() {
    /// Counts `read` calls.
    struct Counting<'a>(&'a [u8], usize);
    impl std::io::Read for Counting<'_> {
        fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
            self.1 += 1;
            self.0.read(out)
        }
    }
    let mut buf = Vec::new();
    let mut reader = Counting(b"hello", 0);
    assert_eq!(read_into(&mut reader, Some(5), &mut buf, 100), Ok(5));
    assert_eq!(reader.1, 1);
    let mut reader = Counting(b"hello", 0);
    assert_eq!(read_into(&mut reader, None, &mut buf, 100), Ok(5));
    assert_eq!(reader.1, 2);
}

#[test]
fn a_feed_without_entries_says_so() {
    let tmp = TempDir::new().unwrap();
    let feed = write(
        tmp.path(),
        "news.atom",
        b"<feed xmlns=\"http://www.w3.org/2005/Atom\"/>",
    );
    let (articles, warnings) = load_all(&[Source::Path(feed)]);
    assert!(articles.is_empty());
    assert_eq!(warnings.len(), 1);
    assert!(
        warnings[0]
            .to_string()
            .ends_with("news.atom: the feed has no entries"),
        "{}",
        warnings[0]
    );
}

/// Run as a child process by `stdin_is_read_as_one_article`, with a pipe on its stdin.
#[test]
#[ignore = "run only as a child process of stdin_is_read_as_one_article"]
fn stdin_child() {
    if std::env::var_os("SAHIFA_STDIN_CHILD").is_none() {
        return;
    }
    let (articles, warnings) = load_all(&[Source::from_arg("-")]);
    for a in &articles {
        println!(
            "article {} | {} | {}",
            a.source(),
            a.title(),
            a.paragraph_count()
        );
    }
    for w in &warnings {
        println!("warning {w}");
    }
}

#[test]
fn stdin_is_read_as_one_article() {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let Ok(exe) = std::env::current_exe() else {
        return;
    };
    let mut child = Command::new(exe)
        .args([
            "store::load::tests::stdin_child",
            "--exact",
            "--ignored",
            "--nocapture",
        ])
        .env("SAHIFA_STDIN_CHILD", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let text = "عنوان من الأنبوب\r\nفقرة \u{1b}[31mأولى\r\nbad \u{ff}\r\n".as_bytes();
    let mut input = text.to_vec();
    input.extend(b"\xff\n");
    child.stdin.take().unwrap().write_all(&input).unwrap();
    let output = child.wait_with_output().unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.contains("article - | عنوان من الأنبوب | 3"),
        "{stdout}"
    );
    assert!(
        stdout.contains("warning -:4: invalid UTF-8 on this line"),
        "{stdout}"
    );
}
