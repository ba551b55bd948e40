//! `sahifa actors`: per article, its actors by mention count — or, with `--json`, every
//! mention with its source line and code-point column.

use std::io::{self, Write};

use serde::Serialize;

use crate::actors::{ActorKind, ActorMentions, ActorName, ActorRef};
use crate::catalog::Catalog;

#[derive(Serialize)]
struct MentionOut {
    line: usize,
    column: usize,
    text: String,
}

#[derive(Serialize)]
struct ActorOut {
    id: String,
    kind: Option<ActorKind>,
    name: ActorName,
    confirmed: bool,
    count: usize,
    mentions: Vec<MentionOut>,
}

#[derive(Serialize)]
struct ArticleOut {
    article: String,
    source: String,
    actors: Vec<ActorOut>,
}

fn actor_out(catalog: &Catalog, index: usize, group: &ActorMentions) -> ActorOut {
    let known = match &group.actor {
        ActorRef::Known(actor) => catalog.lexicon().get(*actor),
        ActorRef::Proposed(_) => None,
    };
    let name = match (known, &group.actor) {
        (Some(actor), _) => actor.name.clone(),
        // A proposed name is as it was written: Arabic or Latin script.
        (None, ActorRef::Proposed(_)) => {
            let text = group.proposed_display().unwrap_or_default().to_string();
            if text.chars().any(|c| c.is_ascii_alphabetic()) {
                ActorName {
                    ar: None,
                    en: Some(text),
                }
            } else {
                ActorName {
                    ar: Some(text),
                    en: None,
                }
            }
        }
        (None, ActorRef::Known(_)) => ActorName::default(),
    };
    ActorOut {
        id: group.actor.id(catalog.lexicon()),
        kind: known.map(|a| a.kind),
        name,
        confirmed: group.confirmed,
        count: group.count,
        mentions: group
            .mentions
            .iter()
            .filter_map(|m| {
                let at = catalog.position(index, m)?;
                Some(MentionOut {
                    line: at.line,
                    column: at.column,
                    text: m.text.clone(),
                })
            })
            .collect(),
    }
}

fn articles_out(catalog: &Catalog) -> Vec<ArticleOut> {
    catalog
        .store()
        .iter()
        .enumerate()
        .map(|(index, article)| {
            let found = catalog.actors_of(index);
            ArticleOut {
                article: article.id().to_string(),
                source: article.source().to_string(),
                actors: found
                    .groups()
                    .map(|group| actor_out(catalog, index, group))
                    .collect(),
            }
        })
        .collect()
}

/// Print every article's actors.
pub fn print(catalog: &Catalog, json: bool, out: &mut impl Write) -> io::Result<()> {
    let articles = articles_out(catalog);
    if json {
        return super::write_json(&articles, out);
    }
    for article in &articles {
        writeln!(out, "{}  {}", article.article, article.source)?;
        for actor in &article.actors {
            let kind = actor.kind.map_or("unconfirmed", |k| match k {
                ActorKind::Person => "person",
                ActorKind::Organization => "organization",
                ActorKind::Country => "country",
            });
            let en = actor.name.en.as_deref().unwrap_or("");
            writeln!(
                out,
                "  {:>4}  {:<12}  {:<28}  {en}",
                actor.count, kind, actor.id
            )?;
        }
    }
    Ok(())
}
