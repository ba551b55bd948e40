//! `sahifa list`: one line per article — id, read and starred marks, paragraph count, number
//! of actors, title — or a JSON array with `--json`.

use std::io::{self, IsTerminal, Write};

use serde::Serialize;

use crate::catalog::{Catalog, article_direction};
use crate::search::Query;
use crate::state::ReadingState;
use crate::text::{Direction, LayoutOptions, layout};

#[derive(Serialize)]
struct ListedActor {
    id: String,
    count: usize,
}

#[derive(Serialize)]
struct ListedArticle {
    id: String,
    title: String,
    source: String,
    paragraphs: usize,
    direction: &'static str,
    read: bool,
    starred: bool,
    actors: Vec<ListedActor>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    published: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    author: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    feed: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    language: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    links: Vec<String>,
}

pub fn direction_name(direction: Direction) -> &'static str {
    if direction.is_rtl() { "rtl" } else { "ltr" }
}

/// The articles as listed, one at a time, with their marks from `state`.
fn listed<'a>(
    catalog: &'a Catalog,
    state: &'a ReadingState,
    search: Option<&'a Query>,
) -> impl Iterator<Item = ListedArticle> + 'a {
    chosen(catalog, search).map(|(index, article)| {
        let entry = state.get(article.id());
        ListedArticle {
            id: article.id().to_string(),
            title: article.title().to_string(),
            source: article.source().to_string(),
            paragraphs: article.paragraph_count(),
            direction: direction_name(article_direction(article)),
            read: entry.read,
            starred: entry.starred,
            actors: catalog
                .ranked_actors(index)
                .iter()
                .map(|&(key, count)| ListedActor {
                    id: catalog.actor_id(key),
                    count: count as usize,
                })
                .collect(),
            url: article.url().map(str::to_string),
            published: article.published().map(str::to_string),
            author: article.author().map(str::to_string),
            feed: article.feed().map(str::to_string),
            language: article.language().map(str::to_string),
            links: article.links().to_vec(),
        }
    })
}

/// The store's articles with their indices: all, or those that have `search` (found on
/// every core first).
fn chosen<'a>(
    catalog: &'a Catalog,
    search: Option<&'a Query>,
) -> impl Iterator<Item = (usize, &'a crate::store::Article)> + 'a {
    let store = catalog.store();
    let indices: Box<dyn Iterator<Item = usize>> = match search {
        Some(query) => Box::new(query.matching(store, 0..store.len()).into_iter()),
        None => Box::new(0..store.len()),
    };
    indices.filter_map(move |index| Some((index, store.get(index)?)))
}

/// Print the list, with read and starred marks from `state` (`•` unread, `★` starred); with
/// `search`, only the articles that have it. Titles go to a terminal in visual order (laid
/// out by the bidi layer), and to a pipe in logical order, as real text for other tools.
pub fn print(
    catalog: &Catalog,
    state: &ReadingState,
    json: bool,
    search: Option<&Query>,
    out: &mut impl Write,
) -> io::Result<()> {
    if json {
        return super::write_json(&super::JsonArray::new(listed(catalog, state, search)), out);
    }
    let visual = io::stdout().is_terminal();
    // Only what the line shows: building the JSON record of every article (its actors' ids
    // above all) took half a second for 100,000 articles.
    let mut title = String::new();
    for (index, article) in chosen(catalog, search) {
        title.clear();
        if visual {
            for line in layout(article.title(), &[], 0, &LayoutOptions::default()) {
                title.push_str(&line.text);
            }
        } else {
            title.push_str(&crate::text::sanitize::sanitize(article.title()).text);
        }
        let entry = state.get(article.id());
        writeln!(
            out,
            "{} {}{}  {:>3} ¶  {:>3} actors  {title}",
            article.id(),
            if entry.read { ' ' } else { '•' },
            if entry.starred { '★' } else { ' ' },
            article.paragraph_count(),
            catalog.ranked_actors(index).len()
        )?;
    }
    Ok(())
}
