//! The bidi layer: logical text → visual terminal cells. No ratatui inside.
