//! Store tests: order, deduplication, actor indexes.

use super::*;

fn article(title: &str, body: &[&str]) -> Article {
    let mut b = ArticleBuilder::new(SourceRef::Stdin);
    b.push_line(1, title);
    for (i, line) in body.iter().enumerate() {
        b.push_line(i + 2, line);
    }
    b.build().unwrap()
}

fn store_of(n: usize) -> Store {
    let mut store = Store::new();
    for i in 0..n {
        let title = format!("article {i}");
        store.insert(article(&title, &["body"]));
    }
    store
}

fn indices(postings: &[Posting]) -> Vec<usize> {
    postings.iter().map(|p| p.article_index()).collect()
}

#[test]
fn insertion_order_is_kept_and_duplicates_dropped() {
    let mut store = Store::new();
    let a = article("a", &["x"]);
    let b = article("b", &["y"]);
    let a_again = article("a", &["x"]);
    assert_eq!(store.insert(a.clone()), InsertOutcome::Added(0));
    assert_eq!(store.insert(b.clone()), InsertOutcome::Added(1));
    assert_eq!(
        store.insert(a_again),
        InsertOutcome::Duplicate { existing: 0 }
    );
    let summary = store.extend([article("c", &[]), b.clone(), article("d", &[])]);
    assert_eq!(summary.added, 2..4);
    assert_eq!(summary.duplicates, 1);
    assert_eq!(store.duplicates_dropped(), 2);

    let titles: Vec<&str> = store.iter().map(Article::title).collect();
    assert_eq!(titles, ["a", "b", "c", "d"]);
    assert_eq!(store.len(), 4);
    assert_eq!(store.get(1).map(Article::id), Some(b.id()));
    assert_eq!(store.get_by_id(a.id()).map(Article::title), Some("a"));
    assert_eq!(store.index_of(b.id()), Some(1));
    assert!(store.get(4).is_none());
    assert_eq!((&store).into_iter().count(), 4);
}

#[test]
fn actor_postings_are_in_store_order_with_counts() {
    let mut store = store_of(5);
    let putin = ActorKey::Lexicon(7);
    let trump = ActorKey::Lexicon(3);
    // Set out of order, as parallel extraction might.
    store.set_actors(3, vec![(putin, 2), (trump, 1)]).unwrap();
    store.set_actors(0, vec![(putin, 5)]).unwrap();
    store.set_actors(4, vec![(trump, 4)]).unwrap();
    store.set_actors(1, vec![(putin, 1), (putin, 2)]).unwrap(); // summed

    assert_eq!(indices(store.articles_with_actor(putin)), [0, 1, 3]);
    let counts: Vec<u32> = store
        .articles_with_actor(putin)
        .iter()
        .map(|p| p.count)
        .collect();
    assert_eq!(counts, [5, 3, 2]);
    assert_eq!(indices(store.articles_with_actor(trump)), [3, 4]);
    assert!(store.articles_with_actor(ActorKey::Lexicon(99)).is_empty());
    assert_eq!(store.actors_of(3), [(trump, 1), (putin, 2)]);
    assert!(store.actors_of(2).is_empty());
    assert_eq!(store.actors(), [(trump, 2), (putin, 3)]);
}

#[test]
fn setting_actors_again_replaces_the_old_ones() {
    let mut store = store_of(3);
    let a = ActorKey::Lexicon(1);
    let b = ActorKey::Lexicon(2);
    store.set_actors(1, vec![(a, 1), (b, 1)]).unwrap();
    store.set_actors(1, vec![(b, 4), (a, 0)]).unwrap(); // zero counts drop out
    assert!(store.articles_with_actor(a).is_empty());
    assert_eq!(
        store.articles_with_actor(b),
        [Posting {
            article: 1,
            count: 4
        }]
    );
    assert!(!store.actors().iter().any(|&(k, _)| k == a));
    store.set_actors(1, vec![]).unwrap();
    assert!(store.actors().is_empty());
}

#[test]
fn proposed_names_are_interned_once() {
    let mut store = store_of(2);
    let k1 = store.intern_proposed("ستيف ويتكوف").unwrap();
    let k2 = store.intern_proposed("كير ستارمر").unwrap();
    assert_eq!(store.intern_proposed("ستيف ويتكوف").unwrap(), k1);
    assert_ne!(k1, k2);
    assert_eq!(store.proposed_name(k1), Some("ستيف ويتكوف"));
    assert_eq!(store.proposed_name(ActorKey::Lexicon(0)), None);
    // Shown as first written; the name stays the identity.
    assert_eq!(store.proposed_display(k2), Some("كير ستارمر"));
    let written = store
        .intern_proposed_as("كير ستارمر", Some("كِير ستارمر"))
        .unwrap();
    assert_eq!(written, k2);
    store
        .intern_proposed_as("كير ستارمر", Some("وكير ستارمر"))
        .unwrap();
    assert_eq!(store.proposed_display(k2), Some("كِير ستارمر"));
    assert_eq!(store.proposed_name(k2), Some("كير ستارمر"));
    assert_eq!(store.proposed_display(ActorKey::Lexicon(0)), None);
    store
        .set_actors(0, vec![(k1, 1), (ActorKey::Lexicon(0), 2)])
        .unwrap();
    assert_eq!(indices(store.articles_with_actor(k1)), [0]);

    // A key from another store is refused, not misread.
    let mut other = Store::new();
    other.intern_proposed("a").unwrap();
    other.intern_proposed("b").unwrap();
    let foreign = other.intern_proposed("c").unwrap();
    let ActorKey::Proposed(id) = foreign else {
        panic!("interning gives proposed keys")
    };
    assert_eq!(
        store.set_actors(1, vec![(foreign, 1)]),
        Err(StoreError::UnknownProposedActor(id))
    );
}

#[test]
fn set_actors_on_a_missing_article_is_an_error() {
    let mut store = store_of(2);
    let err = store
        .set_actors(2, vec![(ActorKey::Lexicon(0), 1)])
        .unwrap_err();
    assert_eq!(err, StoreError::NoSuchArticle { index: 2, len: 2 });
    assert_eq!(
        err.to_string(),
        "no article number 2: the store has 2 (numbered from 0)"
    );
}

#[test]
fn co_occurrence_counts_shared_articles() {
    let mut store = store_of(6);
    let putin = ActorKey::Lexicon(1);
    let trump = ActorKey::Lexicon(2);
    let zelensky = ActorKey::Lexicon(3);
    let starmer = ActorKey::Lexicon(4);
    let witkoff = store.intern_proposed("ويتكوف").unwrap();
    store.set_actors(0, vec![(putin, 3), (trump, 2)]).unwrap();
    store
        .set_actors(1, vec![(putin, 1), (trump, 1), (zelensky, 1)])
        .unwrap();
    store
        .set_actors(2, vec![(putin, 1), (zelensky, 5), (witkoff, 1)])
        .unwrap();
    store.set_actors(3, vec![(trump, 1), (starmer, 1)]).unwrap();
    store.set_actors(4, vec![(putin, 1)]).unwrap();

    let with_putin = store.co_occurrences(putin);
    let pairs: Vec<(ActorKey, u32)> = with_putin.iter().map(|c| (c.actor, c.articles)).collect();
    assert_eq!(pairs, [(trump, 2), (zelensky, 2), (witkoff, 1)]);
    let with_starmer: Vec<_> = store
        .co_occurrences(starmer)
        .iter()
        .map(|c| c.actor)
        .collect();
    assert_eq!(with_starmer, [trump]);
    assert!(store.co_occurrences(ActorKey::Lexicon(42)).is_empty());
}

#[test]
fn heap_bytes_counts_the_text() {
    let store = store_of(10);
    let text: usize = store.iter().map(Article::text_len).sum();
    assert!(store.heap_bytes() >= text);
}
