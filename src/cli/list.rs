//! `sahifa list`: one line per article — id, paragraph count, number of actors, title — or a
//! JSON array with `--json`.

use std::io::{self, IsTerminal, Write};

use serde::Serialize;

use crate::catalog::{Catalog, article_direction};
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

fn listed(catalog: &Catalog) -> Vec<ListedArticle> {
    catalog
        .store()
        .iter()
        .enumerate()
        .map(|(index, article)| {
            let found = catalog.actors_of(index);
            ListedArticle {
                id: article.id().to_string(),
                title: article.title().to_string(),
                source: article.source().to_string(),
                paragraphs: article.paragraph_count(),
                direction: direction_name(article_direction(article)),
                actors: found
                    .groups()
                    .map(|group| ListedActor {
                        id: group.actor.id(catalog.lexicon()),
                        count: group.count,
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
        .collect()
}

/// Print the list. Titles go to a terminal in visual order (laid out by the bidi layer), and
/// to a pipe in logical order, as real text for other tools.
pub fn print(catalog: &Catalog, json: bool, out: &mut impl Write) -> io::Result<()> {
    let articles = listed(catalog);
    if json {
        return super::write_json(&articles, out);
    }
    let visual = io::stdout().is_terminal();
    for article in &articles {
        let title = if visual {
            layout(&article.title, &[], 0, &LayoutOptions::default())
                .into_iter()
                .map(|line| line.text)
                .collect::<String>()
        } else {
            crate::text::sanitize::sanitize(&article.title)
                .text
                .into_owned()
        };
        writeln!(
            out,
            "{}  {:>3} ¶  {:>3} actors  {title}",
            article.id,
            article.paragraphs,
            article.actors.len()
        )?;
    }
    Ok(())
}
