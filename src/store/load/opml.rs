//! OPML subscription lists: the feeds they name.
//!
//! Owns: reading an OPML document's `outline` elements, at any depth (folders of feeds are
//! nested outlines), for their `xmlUrl` attribute (any case: `xmlurl` is common), in document
//! order. What each entry becomes (a URL to fetch, or a path relative to the list) and
//! loop detection are the walk's business. Imports quick-xml and the store's own types.

use quick_xml::Reader;
use quick_xml::events::Event;

/// The `xmlUrl` of every outline in `bytes`, in order, trimmed, blanks dropped; or why the
/// document is not an OPML list.
pub fn opml_feeds(bytes: &[u8]) -> Result<Vec<String>, String> {
    let mut reader = Reader::from_reader(bytes);
    reader.config_mut().check_end_names = true;
    let mut buf = Vec::new();
    let mut feeds = Vec::new();
    let mut saw_root = false;
    loop {
        let event = reader
            .read_event_into(&mut buf)
            .map_err(|e| format!("{e} (at byte {})", reader.error_position()))?;
        match event {
            Event::Start(ref e) | Event::Empty(ref e) => {
                let name = e.local_name();
                if !saw_root {
                    if !name.as_ref().eq_ignore_ascii_case("opml") {
                        return Err(format!(
                            "the root element is <{}>, not <opml>",
                            name.as_ref()
                        ));
                    }
                    saw_root = true;
                } else if name.as_ref().eq_ignore_ascii_case("outline") {
                    for attr in e.attributes().flatten() {
                        if attr
                            .key
                            .local_name()
                            .as_ref()
                            .eq_ignore_ascii_case("xmlurl")
                        {
                            let value = attr
                                .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                                .map_err(|e| e.to_string())?;
                            let value = value.trim();
                            if !value.is_empty() {
                                feeds.push(value.to_string());
                            }
                        }
                    }
                }
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    if saw_root {
        Ok(feeds)
    } else {
        Err("no <opml> element".to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nested_outlines_in_order() {
        let doc = br#"<?xml version="1.0"?>
<opml version="2.0"><head><title>subs</title></head><body>
  <outline text="News">
    <outline text="A" type="rss" xmlUrl="https://a.example/feed?x=1&amp;y=2"/>
    <outline text="Deeper"><outline text="B" xmlurl=" b.rss "/></outline>
  </outline>
  <outline text="no url"/>
  <outline text="C" xmlUrl="http://c.example/atom"></outline>
</body></opml>"#;
        assert_eq!(
            opml_feeds(doc).unwrap(),
            [
                "https://a.example/feed?x=1&y=2",
                "b.rss",
                "http://c.example/atom"
            ]
        );
    }

    #[test]
    fn not_opml_is_an_error() {
        assert!(
            opml_feeds(b"<rss version=\"2.0\"></rss>")
                .unwrap_err()
                .contains("<rss>")
        );
        assert!(opml_feeds(b"<opml><body><outline></body></opml>").is_err());
        assert!(opml_feeds(b"").is_err());
    }
}
