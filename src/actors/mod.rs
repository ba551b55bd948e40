//! Actor lexicon, Arabic-aware normalisation and mention finding. Knows nothing of the UI.

mod clitics;
mod lexicon;
mod lexicon_error;
pub mod normalize;
mod word_lists;
mod words;

pub use lexicon::{Actor, ActorIndex, ActorKind, ActorName, Lexicon, default_user_path};
pub use lexicon_error::LexiconError;
pub use normalize::{NormalizedText, normalize};
