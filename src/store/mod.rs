//! The in-memory article store and its loaders. Knows nothing of the UI.
//!
//! Owns: articles (sanitised text, paragraphs, source mapping, metadata) and their stable
//! ids.
//!
//! May import: std, serde, xxhash-rust (stable ids) and unicode-segmentation (shortening
//! titles between grapheme clusters). Never ratatui, crossterm, or other sahifa modules.

mod article;
mod article_builder;
mod article_id;
mod paragraph;
mod residue;
mod sanitize;
mod source_ref;

pub use article::Article;
pub use article_builder::ArticleBuilder;
pub use article_id::{ArticleId, ParseArticleIdError};
pub use paragraph::Paragraph;
pub use residue::{ResidueParseError, ResidueParseErrorKind, ResidueRules};
pub use sanitize::{ColumnShift, Sanitized, sanitize_line};
pub use source_ref::SourceRef;
