//! The actor cache through the binary: `sahifa list` gives the same answer with a cold cache,
//! a warm one, a damaged one and none, with HOME and XDG_CACHE_HOME in a temp dir.

use std::path::Path;
use std::process::{Command, Output};

fn sahifa(home: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_sahifa"))
        .args(args)
        .env_clear()
        .env("HOME", home)
        .env("XDG_CACHE_HOME", home.join("cache"))
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_STATE_HOME", home.join("state"))
        .output()
        .expect("sahifa runs")
}

fn listed(home: &Path, args: &[&str]) -> (String, String) {
    let output = sahifa(home, args);
    assert!(output.status.success(), "{output:?}");
    (
        String::from_utf8(output.stdout).expect("UTF-8 output"),
        String::from_utf8(output.stderr).expect("UTF-8 errors"),
    )
}

#[test]
fn list_answers_the_same_with_and_without_the_cache() {
    let home = tempfile::tempdir().expect("temp dir");
    let cache = home.path().join("cache/sahifa/actors.bin");

    let (uncached, warnings) = listed(home.path(), &["list", "--json", "--no-cache"]);
    assert_eq!(warnings, "");
    assert!(!cache.exists(), "--no-cache wrote {}", cache.display());
    assert!(uncached.contains("vladimir-putin"), "{uncached}");

    let (cold, warnings) = listed(home.path(), &["list", "--json"]);
    assert_eq!((cold.as_str(), warnings.as_str()), (uncached.as_str(), ""));
    // Saving renames a new file over the old one: a new inode.
    let inode =
        |path: &Path| std::os::unix::fs::MetadataExt::ino(&std::fs::metadata(path).unwrap());
    let written = inode(&cache);

    let (warm, warnings) = listed(home.path(), &["list", "--json"]);
    assert_eq!((warm.as_str(), warnings.as_str()), (uncached.as_str(), ""));
    // Nothing new to add: the file is left alone.
    assert_eq!(inode(&cache), written);

    // Cut short, as by a full disk: said, rebuilt, and the answer is the same.
    let bytes = std::fs::read(&cache).unwrap();
    std::fs::write(&cache, &bytes[..bytes.len() / 2]).unwrap();
    let (rebuilt, warnings) = listed(home.path(), &["list", "--json"]);
    assert_eq!(rebuilt, uncached);
    assert!(
        warnings.contains("actor cache") && warnings.contains("damaged"),
        "{warnings}"
    );
    assert_eq!(std::fs::read(&cache).unwrap(), bytes);
    assert_ne!(inode(&cache), written);
}

#[test]
fn a_cache_that_cannot_be_written_is_a_warning_only() {
    let home = tempfile::tempdir().expect("temp dir");
    // A file where the cache directory should be.
    std::fs::write(home.path().join("cache"), "not a directory").unwrap();
    let (listed_text, warnings) = listed(home.path(), &["list"]);
    assert_eq!(listed_text.lines().count(), 5, "{listed_text}");
    assert!(
        warnings.contains("cannot save the actor cache"),
        "{warnings}"
    );
}
