//! Actor lexicon, Arabic-aware normalisation and mention finding. Knows nothing of the UI.
//!
//! `lexicon` owns the JSON lexicon files (`assets/actors/*.json`, see `SCHEMA.md` there),
//! `normalize` the folding rules, `patterns` the forms indexed by their first word, `matcher`
//! the search for lexicon actors in an article and `proposals` the unconfirmed actors
//! suggested by cues. May import std, serde, serde_json and
//! rustc-hash; nothing from the terminal or the other top-level modules.

mod clitics;
mod lexicon;
mod lexicon_error;
mod matcher;
mod mention;
mod normalize;
mod patterns;
mod proposals;
mod word_lists;
mod word_map;
mod words;

pub use lexicon::{Actor, ActorIndex, ActorKind, ActorName, Lexicon, default_user_path};
pub use lexicon_error::LexiconError;
pub use matcher::Matcher;
pub use mention::{ActorMentions, ActorRef, ArticleActors, Mention};
pub use normalize::{NormalizedText, normalize};
