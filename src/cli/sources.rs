//! Loading what the user named, for the commands that print articles: sources → catalog,
//! with every load warning on stderr and a one-line error for a bad lexicon file.

use std::path::{Path, PathBuf};

use crate::actor_cache::ActorCache;
use crate::actors::Lexicon;
use crate::catalog::{Catalog, Detail, FIND_SLICE};
use crate::store::load::FetchOptions;
use crate::store::{LoadEvent, Source, spawn_load};

/// Load `sources` (none: the embedded seeds) and find their actors with the built-in lexicon,
/// plus the user's file (`--actors FILE`, else the XDG config one if present), keeping
/// `detail` of what is found. With a `cache` file, what it holds is not searched again, and
/// what was searched is saved in it (a cache that cannot be read or written is a warning).
/// URLs are fetched as `fetch` says (through its cache of feeds, if it has one).
pub fn load_catalog(
    sources: &[PathBuf],
    actors_file: Option<&Path>,
    detail: Detail,
    cache: Option<&Path>,
    fetch: FetchOptions,
) -> Result<Catalog, String> {
    let lexicon = match actors_file {
        Some(path) => Lexicon::load_user(path),
        None => Lexicon::load_default(),
    }
    .map_err(|error| format!("sahifa: {error}"))?;
    let mut catalog = Catalog::with_detail(lexicon, detail);
    if let Some(path) = cache {
        let (cache, warning) = ActorCache::load(path, catalog.matcher(), catalog.lexicon());
        if let Some(warning) = warning {
            eprintln!("sahifa: warning: {warning}");
        }
        catalog.use_cache(cache);
    }
    let sources: Vec<Source> = sources.iter().map(Source::from_arg).collect();
    // Actors are found while loading goes on, a slice at a time: the loader's threads and
    // the finder's share the cores instead of taking turns.
    let (events, loader) = spawn_load(sources, 0, fetch)
        .map_err(|error| format!("sahifa: cannot start loading: {error}"))?;
    // Batches of FIND_SLICE articles, the warnings printed as they come.
    let mut pending = Vec::new();
    let mut events = events.into_iter();
    let batches = std::iter::from_fn(|| {
        for event in events.by_ref() {
            match event {
                LoadEvent::Batch(articles) => {
                    pending.extend(articles);
                    if pending.len() >= FIND_SLICE {
                        return Some(std::mem::take(&mut pending));
                    }
                }
                LoadEvent::Warning(warning) => eprintln!("sahifa: warning: {warning}"),
                LoadEvent::Progress { .. } | LoadEvent::Done(_) => {}
            }
        }
        (!pending.is_empty()).then(|| std::mem::take(&mut pending))
    });
    catalog.add_batches(batches);
    loader
        .join()
        .map_err(|_| "sahifa: the loading thread panicked".to_string())?;
    if let (Some(path), Some(cache)) = (cache, catalog.take_cache())
        && cache.added() > 0
        && let Err(error) = cache.save(path, catalog.lexicon())
    {
        eprintln!(
            "sahifa: warning: cannot save the actor cache {}: {error}",
            path.display()
        );
    }
    Ok(catalog)
}
