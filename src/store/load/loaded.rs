//! `Loaded`: what reading one input gave.
//!
//! Owns: the result of one loader call. Imports the store's own types.

use super::super::article::Article;
use super::load_warning::LoadWarning;

/// The articles and warnings from one input.
#[derive(Debug, Default)]
pub struct Loaded {
    /// Articles, in the input's order.
    pub articles: Vec<Article>,
    /// Problems found, in the input's order.
    pub warnings: Vec<LoadWarning>,
    /// Bytes read.
    pub bytes: u64,
}

impl Loaded {
    /// Nothing but one warning.
    pub fn warning(warning: LoadWarning) -> Self {
        Loaded {
            warnings: vec![warning],
            ..Loaded::default()
        }
    }
}
