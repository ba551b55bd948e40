//! sahifa: a terminal news reader built first for right-to-left languages.
//!
//! Data flows one way: sources → `store` → (`text` layout, `actors` index) → app state → ui →
//! terminal. `text`, `store` and `actors` know nothing of the terminal; `app` holds the reader's
//! state, `ui` draws it, `keymap` turns keys into actions and `runner` owns the terminal.

pub mod actor_cache;
pub mod actors;
pub mod app;
pub mod catalog;
pub mod cli;
pub mod config;
pub mod corpus;
mod escapes;
pub mod files;
pub mod keymap;
pub mod runner;
pub mod search;
pub mod state;
pub mod store;
#[cfg(test)]
mod test_support;
pub mod text;
pub mod ui;
