//! Actor lexicon, Arabic-aware normalisation and mention finding. Knows nothing of the UI.

pub mod normalize;

pub use normalize::{NormalizedText, normalize};
