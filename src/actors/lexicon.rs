//! The actor lexicon: who can be mentioned and by which written forms.
//!
//! Owns the JSON schema of `assets/actors/*.json` (documented in `assets/actors/SCHEMA.md`),
//! merging several files by id, the built-in files and the user's own file. Imports only std,
//! serde and serde_json.

use rustc_hash::FxHashMap as HashMap;
use std::ffi::OsString;
use std::fs;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::lexicon_error::LexiconError;

/// The built-in lexicon files, merged in this order (a later file wins): the broad world file
/// first, then the hand-checked seed file, whose names and notes were checked against the gold.
const BUILT_IN_FILES: &[(&str, &str)] = &[
    (
        "assets/actors/world.json",
        include_str!("../../assets/actors/world.json"),
    ),
    (
        "assets/actors/seeds.json",
        include_str!("../../assets/actors/seeds.json"),
    ),
];

/// Position of an actor in its [`Lexicon`]; only meaningful for the lexicon that issued it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct ActorIndex(usize);

impl ActorIndex {
    /// The position as a plain number.
    pub fn get(self) -> usize {
        self.0
    }
}

/// What sort of actor an entry names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ActorKind {
    Person,
    Organization,
    Country,
}

/// The canonical name of an actor, in Arabic and in English; either may be missing.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActorName {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ar: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub en: Option<String>,
}

/// One actor after all lexicon files were merged.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Actor {
    pub id: String,
    pub kind: ActorKind,
    pub name: ActorName,
    /// Forms that always count as a mention.
    pub aliases: Vec<String>,
    /// Ambiguous forms that count only when the same article also has a strong form.
    pub context_aliases: Vec<String>,
    pub note: Option<String>,
}

impl Actor {
    /// The forms that always count: both names and every alias.
    pub fn strong_forms(&self) -> impl Iterator<Item = &str> {
        self.name
            .ar
            .iter()
            .chain(self.name.en.iter())
            .chain(self.aliases.iter())
            .map(String::as_str)
    }

    /// A name to show a person: Arabic first, then English, then the id.
    pub fn display_name(&self) -> &str {
        self.name
            .ar
            .as_deref()
            .or(self.name.en.as_deref())
            .unwrap_or(&self.id)
    }
}

/// All known actors, in the order they were first defined.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Lexicon {
    actors: Vec<Actor>,
    index_by_id: HashMap<String, ActorIndex>,
}

/// One lexicon file as written.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LexiconFile {
    actors: Vec<ActorEntry>,
}

/// One entry as written: everything but the id may be left out when it overrides an earlier file.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ActorEntry {
    id: String,
    #[serde(default)]
    kind: Option<ActorKind>,
    #[serde(default)]
    name: ActorName,
    #[serde(default)]
    aliases: Vec<String>,
    #[serde(default)]
    context_aliases: Vec<String>,
    #[serde(default)]
    note: Option<String>,
}

impl Lexicon {
    /// A lexicon with no actors.
    pub fn empty() -> Self {
        Lexicon::default()
    }

    /// The lexicon shipped with sahifa (`assets/actors/*.json`, embedded at build time).
    pub fn built_in() -> Result<Self, LexiconError> {
        let mut lexicon = Lexicon::empty();
        for (source_name, json) in BUILT_IN_FILES {
            lexicon.merge_json(source_name, json)?;
        }
        Ok(lexicon)
    }

    /// A lexicon from one JSON document; `source_name` names it in errors.
    pub fn from_json(source_name: &str, json: &str) -> Result<Self, LexiconError> {
        let mut lexicon = Lexicon::empty();
        lexicon.merge_json(source_name, json)?;
        Ok(lexicon)
    }

    /// The built-in lexicon with the user's file at `path` merged over it.
    pub fn load_user(path: &Path) -> Result<Self, LexiconError> {
        let mut lexicon = Lexicon::built_in()?;
        lexicon.merge_file(path)?;
        Ok(lexicon)
    }

    /// The built-in lexicon with the user's file at [`default_user_path`] merged over it, if
    /// that file exists.
    pub fn load_default() -> Result<Self, LexiconError> {
        match default_user_path() {
            Some(path) if path.is_file() => Lexicon::load_user(&path),
            _ => Lexicon::built_in(),
        }
    }

    /// Merges the lexicon file at `path` over this one.
    pub fn merge_file(&mut self, path: &Path) -> Result<(), LexiconError> {
        let json = fs::read_to_string(path).map_err(|source| LexiconError::Read {
            path: path.to_owned(),
            source,
        })?;
        self.merge_json(&path.display().to_string(), &json)
    }

    /// Merges one JSON document over this lexicon: entries are matched by id, the new file wins
    /// for kind, names and note, and aliases are unioned. On error nothing changes.
    pub fn merge_json(&mut self, source_name: &str, json: &str) -> Result<(), LexiconError> {
        let file: LexiconFile =
            serde_json::from_str(json).map_err(|error| LexiconError::parse(source_name, &error))?;
        let mut merged = self.clone();
        for entry in file.actors {
            merged.merge_entry(source_name, entry)?;
        }
        *self = merged;
        Ok(())
    }

    fn merge_entry(&mut self, source_name: &str, entry: ActorEntry) -> Result<(), LexiconError> {
        let id = entry.id.clone();
        let invalid = |problem: &str| LexiconError::InvalidEntry {
            source_name: source_name.to_owned(),
            id: id.clone(),
            problem: problem.to_owned(),
        };
        if entry.id.trim().is_empty() {
            return Err(invalid("the id is empty"));
        }
        if let Some(&index) = self.index_by_id.get(&entry.id) {
            let actor = &mut self.actors[index.0];
            actor.kind = entry.kind.unwrap_or(actor.kind);
            actor.name.ar = entry.name.ar.or(actor.name.ar.take());
            actor.name.en = entry.name.en.or(actor.name.en.take());
            actor.note = entry.note.or(actor.note.take());
            union_into(&mut actor.aliases, entry.aliases);
            union_into(&mut actor.context_aliases, entry.context_aliases);
            return Ok(());
        }
        let Some(kind) = entry.kind else {
            return Err(invalid(
                "a new actor needs \"kind\": \"person\", \"organization\" or \"country\"",
            ));
        };
        let actor = Actor {
            id: entry.id.clone(),
            kind,
            name: entry.name,
            aliases: deduplicated(entry.aliases),
            context_aliases: deduplicated(entry.context_aliases),
            note: entry.note,
        };
        if actor.strong_forms().all(|form| form.trim().is_empty()) {
            return Err(invalid("a new actor needs a name or an alias to match"));
        }
        let index = ActorIndex(self.actors.len());
        self.index_by_id.insert(entry.id, index);
        self.actors.push(actor);
        Ok(())
    }

    /// Every actor, in index order.
    pub fn actors(&self) -> &[Actor] {
        &self.actors
    }

    /// Every actor with its index.
    pub fn iter(&self) -> impl Iterator<Item = (ActorIndex, &Actor)> {
        self.actors
            .iter()
            .enumerate()
            .map(|(position, actor)| (ActorIndex(position), actor))
    }

    /// The actor at `index`, if the index belongs to this lexicon.
    pub fn get(&self, index: ActorIndex) -> Option<&Actor> {
        self.actors.get(index.0)
    }

    /// The index of the actor with this id.
    pub fn index_of(&self, id: &str) -> Option<ActorIndex> {
        self.index_by_id.get(id).copied()
    }

    pub fn len(&self) -> usize {
        self.actors.len()
    }

    pub fn is_empty(&self) -> bool {
        self.actors.is_empty()
    }
}

/// Where the user's own lexicon file lives: `$XDG_CONFIG_HOME/sahifa/actors.json`, else
/// `~/.config/sahifa/actors.json`; `None` when neither variable is usable.
pub fn default_user_path() -> Option<PathBuf> {
    user_path_from(
        std::env::var_os("XDG_CONFIG_HOME"),
        std::env::var_os("HOME"),
    )
}

fn user_path_from(config_home: Option<OsString>, home: Option<OsString>) -> Option<PathBuf> {
    // The XDG spec says a relative XDG_CONFIG_HOME is invalid and must be ignored.
    let config_dir = config_home
        .map(PathBuf::from)
        .filter(|path| path.is_absolute())
        .or_else(|| {
            home.filter(|home| !home.is_empty())
                .map(|home| PathBuf::from(home).join(".config"))
        })?;
    Some(config_dir.join("sahifa").join("actors.json"))
}

fn union_into(existing: &mut Vec<String>, additions: Vec<String>) {
    for addition in additions {
        if !existing.contains(&addition) {
            existing.push(addition);
        }
    }
}

fn deduplicated(forms: Vec<String>) -> Vec<String> {
    let mut unique = Vec::with_capacity(forms.len());
    union_into(&mut unique, forms);
    unique
}

#[cfg(test)]
mod tests {
    use super::*;

    const PUTIN: &str = r#"{ "actors": [ { "id": "vladimir-putin", "kind": "person",
        "name": {"ar": "فلاديمير بوتين", "en": "Vladimir Putin"},
        "aliases": ["بوتين", "Putin"], "context_aliases": [], "note": "President of Russia" } ] }"#;

    #[test]
    fn parses_the_documented_schema() {
        let lexicon = Lexicon::from_json("inline", PUTIN).expect("valid lexicon");
        let index = lexicon.index_of("vladimir-putin").expect("known id");
        let actor = lexicon.get(index).expect("valid index");
        assert_eq!(actor.kind, ActorKind::Person);
        assert_eq!(actor.display_name(), "فلاديمير بوتين");
        let forms: Vec<&str> = actor.strong_forms().collect();
        assert_eq!(forms, ["فلاديمير بوتين", "Vladimir Putin", "بوتين", "Putin"]);
    }

    #[test]
    fn later_file_wins_for_names_kind_and_note_and_aliases_are_unioned() {
        let mut lexicon = Lexicon::from_json("first", PUTIN).expect("valid lexicon");
        lexicon
            .merge_json(
                "second",
                r#"{ "actors": [ { "id": "vladimir-putin", "name": {"ar": "ف. بوتين"},
                    "aliases": ["بوتين", "بوتن"], "context_aliases": ["القيصر"],
                    "note": "changed" } ] }"#,
            )
            .expect("valid override");
        assert_eq!(lexicon.len(), 1);
        let actor = &lexicon.actors()[0];
        assert_eq!(actor.name.ar.as_deref(), Some("ف. بوتين"));
        assert_eq!(actor.name.en.as_deref(), Some("Vladimir Putin"));
        assert_eq!(actor.kind, ActorKind::Person);
        assert_eq!(actor.note.as_deref(), Some("changed"));
        assert_eq!(actor.aliases, ["بوتين", "Putin", "بوتن"]);
        assert_eq!(actor.context_aliases, ["القيصر"]);
    }

    #[test]
    fn a_new_entry_is_appended_after_existing_ones() {
        let mut lexicon = Lexicon::from_json("first", PUTIN).expect("valid lexicon");
        lexicon
            .merge_json(
                "second",
                r#"{ "actors": [ { "id": "russia", "kind": "country", "name": {"ar": "روسيا"} } ] }"#,
            )
            .expect("valid addition");
        assert_eq!(lexicon.index_of("russia").map(ActorIndex::get), Some(1));
    }

    #[test]
    fn a_syntax_error_names_the_file_line_and_column() {
        let error = Lexicon::from_json("my.json", "{\n  \"actors\": [\n    { \"id\": 3 }\n  ]\n}")
            .expect_err("bad id type");
        match &error {
            LexiconError::Parse {
                source_name,
                line,
                column,
                ..
            } => {
                assert_eq!(source_name, "my.json");
                assert_eq!((*line, *column), (3, 13));
            }
            other => panic!("unexpected error {other:?}"),
        }
        assert_eq!(
            error.to_string(),
            "actor file my.json, line 3, column 13: invalid type: integer `3`, expected a \
             string (see assets/actors/SCHEMA.md for the format)"
        );
    }

    #[test]
    fn an_unknown_field_is_an_error_not_silently_ignored() {
        let error = Lexicon::from_json(
            "typo.json",
            r#"{ "actors": [ { "id": "x", "kind": "person", "alias": ["x"] } ] }"#,
        )
        .expect_err("unknown field");
        assert!(
            error.to_string().contains("unknown field `alias`"),
            "{error}"
        );
    }

    #[test]
    fn a_new_actor_without_kind_or_forms_is_rejected() {
        let no_kind = Lexicon::from_json(
            "user.json",
            r#"{ "actors": [ { "id": "x", "name": {"ar": "س"} } ] }"#,
        )
        .expect_err("missing kind");
        assert!(no_kind.to_string().contains("\"x\""), "{no_kind}");
        let no_forms = Lexicon::from_json(
            "user.json",
            r#"{ "actors": [ { "id": "x", "kind": "country" } ] }"#,
        )
        .expect_err("nothing to match");
        assert!(matches!(no_forms, LexiconError::InvalidEntry { .. }));
    }

    #[test]
    fn a_failed_merge_leaves_the_lexicon_unchanged() {
        let mut lexicon = Lexicon::from_json("first", PUTIN).expect("valid lexicon");
        let before = lexicon.clone();
        let result = lexicon.merge_json(
            "bad",
            r#"{ "actors": [ { "id": "vladimir-putin", "aliases": ["x"] }, { "id": "y" } ] }"#,
        );
        assert!(result.is_err());
        assert_eq!(lexicon, before);
    }

    #[test]
    fn load_user_reports_the_path_of_a_bad_file() {
        let directory = std::env::temp_dir().join(format!("sahifa-lexicon-{}", std::process::id()));
        fs::create_dir_all(&directory).expect("temp dir");
        let path = directory.join("actors.json");
        fs::write(&path, "{ \"actors\": [ }").expect("write temp file");
        let error = Lexicon::load_user(&path).expect_err("bad json");
        assert!(error.to_string().contains(&path.display().to_string()));
        assert!(error.to_string().contains("line 1"));
        let missing = Lexicon::load_user(&directory.join("missing.json")).expect_err("missing");
        assert!(matches!(missing, LexiconError::Read { .. }));
        fs::remove_dir_all(&directory).expect("clean temp dir");
    }

    #[test]
    fn load_user_merges_over_the_built_in_lexicon() {
        let directory =
            std::env::temp_dir().join(format!("sahifa-lexicon-ok-{}", std::process::id()));
        fs::create_dir_all(&directory).expect("temp dir");
        let path = directory.join("actors.json");
        fs::write(
            &path,
            r#"{ "actors": [ { "id": "my-mayor", "kind": "person", "name": {"ar": "عمدة مدينتي"} } ] }"#,
        )
        .expect("write temp file");
        let built_in = Lexicon::built_in().expect("built-in lexicon");
        let lexicon = Lexicon::load_user(&path).expect("valid user file");
        assert_eq!(lexicon.len(), built_in.len() + 1);
        assert!(lexicon.index_of("my-mayor").is_some());
        fs::remove_dir_all(&directory).expect("clean temp dir");
    }

    #[test]
    fn the_built_in_lexicon_loads() {
        let lexicon = Lexicon::built_in().expect("built-in lexicon");
        assert!(lexicon.index_of("vladimir-putin").is_some());
    }

    #[test]
    fn user_path_prefers_an_absolute_xdg_config_home() {
        assert_eq!(
            user_path_from(Some("/xdg".into()), Some("/home/u".into())),
            Some(PathBuf::from("/xdg/sahifa/actors.json"))
        );
        assert_eq!(
            user_path_from(Some("relative".into()), Some("/home/u".into())),
            Some(PathBuf::from("/home/u/.config/sahifa/actors.json"))
        );
        assert_eq!(
            user_path_from(None, Some("/home/u".into())),
            Some(PathBuf::from("/home/u/.config/sahifa/actors.json"))
        );
        assert_eq!(user_path_from(None, None), None);
    }
}
