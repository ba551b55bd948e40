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
}

pub fn direction_name(direction: Direction) -> &'static str {
    if direction.is_rtl() { "rtl" } else { "ltr" }
}

/// The articles as listed, one at a time.
fn listed(catalog: &Catalog) -> impl Iterator<Item = ListedArticle> + '_ {
    catalog.store().iter().enumerate().map(|(index, article)| {
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
        }
    })
}

/// Print the list. Titles go to a terminal in visual order (laid out by the bidi layer), and
/// to a pipe in logical order, as real text for other tools.
pub fn print(catalog: &Catalog, json: bool, out: &mut impl Write) -> io::Result<()> {
    if json {
        return super::write_json(&super::JsonArray::new(listed(catalog)), out);
    }
    let visual = io::stdout().is_terminal();
    for article in listed(catalog) {
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
