//! Loading what the user named, for the commands that print articles: sources → catalog,
//! with every load warning on stderr and a one-line error for a bad lexicon file.

use std::path::{Path, PathBuf};

use crate::actors::Lexicon;
use crate::catalog::{Catalog, Detail};
use crate::store::{Source, load_all};

/// Load `sources` (none: the embedded seeds) and find their actors with the built-in lexicon,
/// plus the user's file (`--actors FILE`, else the XDG config one if present), keeping
/// `detail` of what is found.
pub fn load_catalog(
    sources: &[PathBuf],
    actors_file: Option<&Path>,
    detail: Detail,
) -> Result<Catalog, String> {
    let lexicon = match actors_file {
        Some(path) => Lexicon::load_user(path),
        None => Lexicon::load_default(),
    }
    .map_err(|error| format!("sahifa: {error}"))?;
    let mut catalog = Catalog::with_detail(lexicon, detail);
    let sources: Vec<Source> = sources.iter().map(Source::from_arg).collect();
    let (articles, warnings) = load_all(&sources);
    for warning in &warnings {
        eprintln!("sahifa: warning: {warning}");
    }
    catalog.add(articles);
    Ok(catalog)
}
