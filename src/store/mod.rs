//! The in-memory article store and its loaders. Knows nothing of the UI.
