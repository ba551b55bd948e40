//! Feed, JSON and OPML sources, read from the fixtures in `tests/fixtures/feeds/` (written by
//! hand in the shapes real feeds have) through the public loader API and the real binary.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use sahifa::catalog::article_direction;
use sahifa::store::{Article, ArticleId, LoadWarning, Source, WarningKind, load_all};
use sahifa::text::Direction;
use tempfile::TempDir;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/feeds")
        .join(name)
}

fn load(paths: &[PathBuf]) -> (Vec<Article>, Vec<LoadWarning>) {
    let sources: Vec<Source> = paths.iter().map(Source::from_arg).collect();
    load_all(&sources)
}

fn texts(article: &Article) -> Vec<&str> {
    article.paragraphs().map(|p| p.text()).collect()
}

fn titles(articles: &[Article]) -> Vec<&str> {
    articles.iter().map(Article::title).collect()
}

#[test]
fn rss_with_cdata_html_becomes_paragraphs_links_and_metadata() {
    let (articles, warnings) = load(&[fixture("arabic_cdata.rss")]);
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(articles.len(), 3);
    let a = &articles[0];
    assert_eq!(a.title(), "الجزائر والبحرين توقعان اتفاقاً");
    assert_eq!(
        texts(a),
        [
            "وقّعت الجزائر والبحرين[1] اتفاقاً للتعاون.",
            "قال الوزير: \"هذه خطوة مهمة\"",
            "وأضاف أن \"التعاون\" سيستمر.",
            "البند الأول",
            "البند الثاني",
            "١٢٣ – ٤٥٦",
            "التفاصيل في التقرير الكامل[2].",
        ]
    );
    assert_eq!(
        a.links(),
        [
            "https://ar.example/bh",
            "https://ar.example/2025/07/details"
        ]
    );
    assert_eq!(a.url(), Some("https://ar.example/2025/07/accord"));
    assert_eq!(a.published(), Some("2025-07-03T09:30:00+00:00"));
    assert_eq!(a.author(), Some("مراسل الصحيفة"));
    assert_eq!(a.feed(), Some("أخبار & تقارير"));
    assert_eq!(a.language(), Some("ar"));
    // The guid is the id: the same entry from anywhere is the same article.
    assert_eq!(a.id(), ArticleId::from_key("ar-example-1001"));
    // Lines: the title is line 1, paragraph n is line n + 1.
    assert_eq!(a.title_paragraph().line(), 1);
    assert_eq!(a.paragraph(0).unwrap().line(), 2);
    assert_eq!(a.paragraph(6).unwrap().line(), 8);
}

#[test]
fn double_escaped_html_and_titles_are_decoded() {
    let (articles, _) = load(&[fixture("arabic_cdata.rss")]);
    let b = &articles[1];
    assert_eq!(b.title(), "خبر بعنوان مشفّر مرتين: \"عاجل\"");
    assert_eq!(texts(b), ["فقرة أولى من مصدر[1]", "فقرة ثانية"]);
    assert_eq!(b.links(), ["https://ar.example/x"]);
    // No guid: the link is the key.
    assert_eq!(
        b.id(),
        ArticleId::from_key("https://ar.example/2025/07/second")
    );
}

#[test]
fn the_feed_language_decides_the_direction_of_neutral_text() {
    let (articles, _) = load(&[fixture("arabic_cdata.rss"), fixture("persian.atom")]);
    let digits = articles.iter().find(|a| a.title() == "123").unwrap();
    assert_eq!(texts(digits), ["456 789"]);
    assert_eq!(digits.language(), Some("ar"));
    assert_eq!(article_direction(digits), Direction::Rtl);
    let english = articles
        .iter()
        .find(|a| a.title().starts_with("An English entry"))
        .unwrap();
    assert_eq!(english.language(), Some("en"));
    assert_eq!(article_direction(english), Direction::Ltr);
}

#[test]
fn atom_xml_lang_and_xml_base_are_honoured() {
    let (articles, warnings) = load(&[fixture("persian.atom")]);
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(articles.len(), 3);
    let fa = &articles[0];
    assert_eq!(fa.title(), "می\u{200c}خواهم ایران را ببینم");
    assert_eq!(
        texts(fa),
        [
            "این یک متن فارسی است که در آن «نیم\u{200c}فاصله» به کار رفته است.",
            "برای جزئیات تماس[1] بگیرید.",
        ]
    );
    assert_eq!(fa.url(), Some("https://fa.example/news/2025/07/first.html"));
    // Relative to the feed's xml:base, not to the entry's link.
    assert_eq!(fa.links(), ["https://fa.example/about/contact"]);
    assert_eq!(fa.language(), Some("fa"));
    assert_eq!(fa.published(), Some("2025-07-04T04:30:00+00:00"));
    assert_eq!(fa.feed(), Some("خبرگزاری نمونه"));

    let en = &articles[1];
    assert_eq!(en.url(), Some("https://en.example/world/story"));
    assert_eq!(en.links(), ["https://en.example/world/more"]);
    assert_eq!(texts(en), ["12 & 13 are numbers. See more[1]."]);
    assert_eq!(en.language(), Some("en"));

    let text = &articles[2];
    assert_eq!(texts(text), ["۵۶۷", "۸۹۰"]);
}

#[test]
fn rss_091_rss_1_0_json_feed_and_rss_without_declaration() {
    let (articles, warnings) = load(&[
        fixture("classic.rss"),
        fixture("hebrew.rdf"),
        fixture("arabic_feed.json"),
        fixture("urdu_no_declaration.xml"),
    ]);
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(
        titles(&articles),
        [
            "Café opens & closes",
            "ישראל וירדן נפגשו",
            "خبر من موجز JSON",
            "سطر أول",
            "پاکستان میں بارش",
        ]
    );
    assert_eq!(texts(&articles[0]), ["The café opened on Monday."]);
    let he = &articles[1];
    assert_eq!(texts(he), ["הפגישה התקיימה בירושלים.", "2025"]);
    assert_eq!(he.language(), Some("he"));
    assert_eq!(he.author(), Some("כתב"));
    let json = &articles[2];
    assert_eq!(texts(json), ["نص الخبر الأول.", "فقرة ثانية[1]."]);
    assert_eq!(json.links(), ["https://json.example/more"]);
    assert_eq!(json.author(), Some("محرر"));
    assert_eq!(json.id(), ArticleId::from_key("json-1"));
    // No title: the first line of the text is the title.
    assert_eq!(texts(&articles[3]), ["سطر ثان"]);
    let ur = &articles[4];
    assert_eq!(
        texts(ur),
        ["لاہور میں شدید بارش ہوئی۔", "مزید", "شہری پریشان ہیں۔"]
    );
    assert_eq!(ur.language(), Some("ur-pk"));
    assert_eq!(article_direction(ur), Direction::Rtl);
}

#[test]
fn a_feed_in_a_legacy_arabic_encoding_is_decoded() {
    let (articles, warnings) = load(&[fixture("windows_1256.rss")]);
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(titles(&articles), ["خبر بترميز ويندوز العربي"]);
    assert_eq!(texts(&articles[0]), ["نص عربي بترميز قديم."]);
    assert_eq!(articles[0].feed(), Some("صحيفة قديمة"));
}

#[test]
fn feeds_are_recognised_by_content_without_a_telling_name() {
    let tmp = TempDir::new().unwrap();
    let urdu = fs::read(fixture("urdu_no_declaration.xml")).unwrap();
    let json = fs::read(fixture("arabic_feed.json")).unwrap();
    let atom = fs::read(fixture("persian.atom")).unwrap();
    fs::write(tmp.path().join("urdu"), &urdu).unwrap();
    fs::write(tmp.path().join("jsonfeed"), &json).unwrap();
    fs::write(tmp.path().join("atom.xml"), &atom).unwrap();
    fs::write(tmp.path().join("notes.xml"), b"<note><to>x</to></note>").unwrap();
    fs::write(tmp.path().join("plain"), "عنوان\nنص عادي.\n").unwrap();
    let (articles, warnings) = load(&[tmp.path().to_path_buf()]);
    assert_eq!(
        titles(&articles),
        [
            "می\u{200c}خواهم ایران را ببینم",
            "An English entry in a Persian feed",
            "۱۲۳۴",
            "خبر من موجز JSON",
            "سطر أول",
            "عنوان",
            "پاکستان میں بارش",
        ]
    );
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(
        warnings[0]
            .to_string()
            .ends_with("notes.xml: skipped: not a feed: no RSS, Atom or JSON Feed root element"),
        "{}",
        warnings[0]
    );
}

#[test]
fn a_broken_feed_is_one_clear_line_and_the_others_load() {
    let (articles, warnings) = load(&[
        fixture("broken.rss"),
        fixture("classic.rss"),
        fixture("missing.rss"),
    ]);
    assert_eq!(titles(&articles), ["Café opens & closes"]);
    assert_eq!(warnings.len(), 2, "{warnings:?}");
    let broken = warnings[0].to_string();
    assert!(
        broken.contains("broken.rss: skipped: not a feed: "),
        "{broken}"
    );
    assert!(!broken.contains('\n'));
    assert!(matches!(warnings[1].kind, WarningKind::NotFound));
}

#[test]
fn entity_expansion_is_not_performed() {
    let (articles, warnings) = load(&[fixture("billion_laughs.xml")]);
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(articles.len(), 1);
    assert_eq!(articles[0].title(), "Laugh &lol9;");
    assert!(articles[0].heap_bytes() < 4096);
}

#[test]
fn garbage_invalid_utf8_huge_and_deep_feeds_never_panic() {
    let tmp = TempDir::new().unwrap();
    let dir = tmp.path();
    let garbage: Vec<u8> = (0..20_000u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    fs::write(dir.join("a_garbage.xml"), &garbage).unwrap();
    let mut bad_utf8 = b"<rss version=\"2.0\"><channel><title>t</title><item><title>x \xff\xfe y</title><description>ok</description></item></channel></rss>".to_vec();
    bad_utf8.extend_from_slice(b"\n");
    fs::write(dir.join("b_bad_utf8.rss"), &bad_utf8).unwrap();
    let mut huge = String::from("<rss version=\"2.0\"><channel><title>Huge</title>");
    for i in 0..20_000 {
        huge.push_str(&format!(
            "<item><guid>g{i}</guid><title>Item {i}</title><description>&lt;p&gt;Body {i}&lt;/p&gt;</description></item>"
        ));
    }
    huge.push_str("</channel></rss>");
    fs::write(dir.join("c_huge.rss"), &huge).unwrap();
    let deep = format!(
        "<rss version=\"2.0\"><channel><title>Deep</title><item><title>deep</title><description>{}x{}</description></item></channel></rss>",
        "&lt;div&gt;".repeat(50_000),
        "&lt;/div&gt;".repeat(50_000)
    );
    fs::write(dir.join("d_deep.rss"), &deep).unwrap();
    let nested_xml = format!(
        "<rss version=\"2.0\"><channel><title>Nest</title><item><title>n</title>{}{}</item></channel></rss>",
        "<x>".repeat(20_000),
        "</x>".repeat(20_000)
    );
    fs::write(dir.join("e_nested.rss"), &nested_xml).unwrap();

    let (articles, warnings) = load(&[dir.to_path_buf()]);
    let garbage_warning = warnings
        .iter()
        .find(|w| w.to_string().contains("a_garbage.xml"))
        .expect("a warning for the garbage");
    assert!(garbage_warning.skipped());
    assert_eq!(
        articles
            .iter()
            .filter(|a| a.title().starts_with("Item "))
            .count(),
        20_000
    );
    // Invalid UTF-8 in a UTF-8 feed: read with U+FFFD, one warning naming the line.
    let bad = articles
        .iter()
        .find(|a| a.title().starts_with("x "))
        .unwrap();
    assert_eq!(bad.title(), "x \u{fffd}\u{fffd} y");
    let utf8 = warnings
        .iter()
        .find(|w| w.to_string().contains("b_bad_utf8.rss"))
        .unwrap();
    assert_eq!(utf8.kind, WarningKind::InvalidUtf8 { lines: 1 });
    assert_eq!(utf8.line, Some(1));
    let deep = articles.iter().find(|a| a.title() == "deep").unwrap();
    assert_eq!(texts(deep), ["x"]);
    for w in &warnings {
        assert!(!w.to_string().chars().any(char::is_control), "{w}");
    }
    for a in &articles {
        assert!(
            !a.title().chars().any(|c| c.is_control()),
            "{:?}",
            a.title()
        );
    }
}

#[test]
fn json_and_jsonl_articles_with_a_bad_record_each() {
    let (articles, warnings) = load(&[fixture("articles.json"), fixture("articles.jsonl")]);
    assert_eq!(
        titles(&articles),
        [
            "مقال من ملف JSON",
            "מאמר בעברית",
            "خبر أول في JSONL",
            "Third line record"
        ]
    );
    let a = &articles[0];
    assert_eq!(texts(a), ["الفقرة الأولى عن الجزائر.", "الفقرة الثانية."]);
    assert_eq!(a.url(), Some("https://files.example/a1"));
    assert_eq!(a.published(), Some("2025-06-30"));
    assert_eq!(a.author(), Some("كاتب"));
    assert_eq!(a.feed(), Some("ملف محلي"));
    assert_eq!(a.language(), Some("ar"));
    assert_eq!(a.id(), ArticleId::from_key("https://files.example/a1"));
    assert_eq!(texts(&articles[1]), ["פסקה ראשונה.", "פסקה שנייה."]);
    assert_eq!(articles[1].language(), Some("he"));
    assert_eq!(articles[2].id(), ArticleId::from_key("jsonl-1"));
    let lines: Vec<String> = warnings.iter().map(ToString::to_string).collect();
    let json = fixture("articles.json").display().to_string();
    let jsonl = fixture("articles.jsonl").display().to_string();
    assert_eq!(
        lines,
        [
            format!("{json}: record 2 skipped: \"title\" is a number, not a string"),
            format!(
                "{jsonl}:3: record 2 skipped: \"paragraphs\" is a string, not an array of strings"
            ),
            format!(
                "{jsonl}:5: record 4 skipped: not JSON: key must be a string at line 1 column 2"
            ),
        ]
    );
}

#[test]
fn opml_lists_load_their_feeds_and_never_loop() {
    let (articles, warnings) = load(&[fixture("subscriptions.opml")]);
    assert_eq!(
        titles(&articles),
        [
            "الجزائر والبحرين توقعان اتفاقاً",
            "خبر بعنوان مشفّر مرتين: \"عاجل\"",
            "123",
            "خبر من موجز JSON",
            "سطر أول",
            "ישראל וירדן נפגשו",
            "می\u{200c}خواهم ایران را ببینم",
            "An English entry in a Persian feed",
            "۱۲۳۴",
        ]
    );
    let lines: Vec<String> = warnings.iter().map(ToString::to_string).collect();
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert!(
        lines[0].ends_with(
            "subscriptions.opml: not read again: the OPML list includes itself (a loop)"
        ),
        "{}",
        lines[0]
    );
    assert!(
        lines[1].ends_with(
            "subscriptions.opml: not read again: the OPML list includes itself (a loop)"
        ),
        "{}",
        lines[1]
    );
}

#[test]
fn the_same_entry_from_two_feeds_appears_once() {
    let tmp = TempDir::new().unwrap();
    let copy = tmp.path().join("mirror.rss");
    fs::copy(fixture("arabic_cdata.rss"), &copy).unwrap();
    let (articles, warnings) = load(&[fixture("arabic_cdata.rss"), copy]);
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(articles.len(), 3);
    assert!(
        articles
            .iter()
            .all(|a| a.source().to_string().ends_with("arabic_cdata.rss"))
    );
}

fn sahifa(args: &[&std::ffi::OsStr]) -> std::process::Output {
    let home = TempDir::new().unwrap();
    Command::new(env!("CARGO_BIN_EXE_sahifa"))
        .args(args)
        .env("HOME", home.path())
        .env("XDG_CONFIG_HOME", home.path().join("config"))
        .env("XDG_DATA_HOME", home.path().join("data"))
        .env("XDG_CACHE_HOME", home.path().join("cache"))
        .env("XDG_STATE_HOME", home.path().join("state"))
        .output()
        .unwrap()
}

#[test]
fn list_json_shows_feed_articles_with_their_metadata() {
    let feeds = fixture("");
    let out = sahifa(&["list".as_ref(), "--json".as_ref(), feeds.as_os_str()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let list = json.as_array().unwrap();
    let first = list
        .iter()
        .find(|a| a["title"] == "الجزائر والبحرين توقعان اتفاقاً")
        .unwrap();
    assert_eq!(first["direction"], "rtl");
    assert_eq!(first["paragraphs"], 7);
    assert_eq!(first["url"], "https://ar.example/2025/07/accord");
    assert_eq!(first["published"], "2025-07-03T09:30:00+00:00");
    assert_eq!(first["author"], "مراسل الصحيفة");
    assert_eq!(first["feed"], "أخبار & تقارير");
    assert_eq!(first["language"], "ar");
    assert_eq!(
        first["links"],
        serde_json::json!([
            "https://ar.example/bh",
            "https://ar.example/2025/07/details"
        ])
    );
    let ids: Vec<&str> = first["actors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["algeria", "bahrain"]);
    // Every article once, though the OPML lists name feeds of the folder again.
    let mut all: Vec<&str> = list.iter().map(|a| a["id"].as_str().unwrap()).collect();
    let count = all.len();
    all.sort_unstable();
    all.dedup();
    assert_eq!(all.len(), count);
    assert_eq!(count, 17);
    let stderr = String::from_utf8(out.stderr).unwrap();
    let warnings: Vec<&str> = stderr.lines().collect();
    assert!(
        warnings
            .iter()
            .any(|l| l.starts_with("sahifa: warning: ")
                && l.contains("broken.rss: skipped: not a feed")),
        "{stderr}"
    );
    assert!(
        warnings.iter().all(|l| l.starts_with("sahifa: warning: ")),
        "{stderr}"
    );
}

#[test]
fn actors_json_places_mentions_by_paragraph_line() {
    let feed = fixture("arabic_cdata.rss");
    let out = sahifa(&["actors".as_ref(), "--json".as_ref(), feed.as_os_str()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let first = &json.as_array().unwrap()[0];
    let algeria = first["actors"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["id"] == "algeria")
        .unwrap();
    let places: Vec<(u64, u64)> = algeria["mentions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| (m["line"].as_u64().unwrap(), m["column"].as_u64().unwrap()))
        .collect();
    // In the title (line 1, column 0) and in the first paragraph (line 2, after "وقّعت ").
    assert_eq!(places, [(1, 0), (2, 6)]);
}

#[test]
fn escape_sequences_in_any_field_never_reach_an_article() {
    let tmp = TempDir::new().unwrap();
    let feed = tmp.path().join("escapes.atom");
    fs::write(
        &feed,
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"ar\u{1b}[31m\">\
         <title>Feed\u{1b}]0;pwned\u{7} name</title>\
         <entry><id>e1</id><title>Title \u{1b}[2J&#x9b;1m here</title>\
         <author><name>Au\u{1b}[5mthor</name></author>\
         <link href=\"https://a.example/\u{1b}[2J\"/>\
         <content type=\"html\">&lt;p&gt;text &amp;#27;]52;c;eA==&amp;#7; and &lt;a href=\"https://b.example/&amp;#27;x\"&gt;link&lt;/a&gt;&lt;/p&gt;</content>\
         </entry></feed>",
    )
    .unwrap();
    let (articles, warnings) = load(&[feed]);
    assert!(warnings.is_empty(), "{warnings:?}");
    let a = &articles[0];
    assert_eq!(a.title(), "Title  here");
    // The sanitiser removes sequences and keeps the spaces around them.
    assert_eq!(texts(a), ["text  and link[1]"]);
    assert_eq!(a.feed(), Some("Feed name"));
    assert_eq!(a.author(), Some("Author"));
    let fields = [a.url(), a.author(), a.feed(), a.language(), a.published()];
    for field in fields
        .into_iter()
        .flatten()
        .chain(a.links().iter().map(String::as_str))
    {
        assert!(!field.chars().any(char::is_control), "{field:?}");
    }
}
