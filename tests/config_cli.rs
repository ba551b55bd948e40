//! The config file through the real binary: a mistake stops every command with one line
//! naming the file and line, the config's sources and settings are used when the command line
//! gives none, and the command line wins over them. Each run gets its own HOME and XDG dirs.

use std::path::Path;
use std::process::{Command, Output};

use tempfile::TempDir;

/// Runs sahifa with `args` in a fresh HOME whose default config is `config` (if any).
fn sahifa(home: &TempDir, config: Option<&str>, args: &[&str]) -> Output {
    let config_home = home.path().join("config");
    std::fs::create_dir_all(config_home.join("sahifa")).unwrap();
    if let Some(text) = config {
        std::fs::write(config_home.join("sahifa").join("config.toml"), text).unwrap();
    }
    Command::new(env!("CARGO_BIN_EXE_sahifa"))
        .args(args)
        .env_clear()
        .env("HOME", home.path())
        .env("XDG_CONFIG_HOME", &config_home)
        .env("XDG_DATA_HOME", home.path().join("data"))
        .env("XDG_CACHE_HOME", home.path().join("cache"))
        .current_dir(home.path())
        .output()
        .unwrap()
}

fn write(dir: &Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path.to_string_lossy().into_owned()
}

#[test]
fn a_bad_config_stops_every_command_with_one_line() {
    let home = TempDir::new().unwrap();
    let bad = "sources = []\n[settings]\ndirection = \"sideways\"\n";
    for args in [
        &["list"][..],
        &["actors"],
        &["render", "--width", "10"],
        &[],
    ] {
        let output = sahifa(&home, Some(bad), args);
        assert!(!output.status.success(), "{args:?}");
        assert!(output.stdout.is_empty(), "{args:?}: nothing else is done");
        let stderr = String::from_utf8(output.stderr).unwrap();
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        assert!(
            stderr.contains("config.toml:3:13: direction \"sideways\": expected auto, rtl or ltr"),
            "{stderr}"
        );
    }
}

#[test]
fn an_absent_config_is_fine_but_an_absent_named_one_is_not() {
    let home = TempDir::new().unwrap();
    let output = sahifa(&home, None, &["list"]);
    assert!(output.status.success());
    assert_eq!(
        String::from_utf8(output.stdout).unwrap().lines().count(),
        5,
        "the seeds"
    );

    let output = sahifa(&home, None, &["list", "--config", "nowhere.toml"]);
    assert!(!output.status.success());
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.starts_with("sahifa: config nowhere.toml: "),
        "{stderr}"
    );
}

#[test]
fn the_configs_sources_are_read_when_none_is_given() {
    let home = TempDir::new().unwrap();
    let news = home.path().join("news");
    std::fs::create_dir_all(&news).unwrap();
    write(&news, "a.txt", "First\nOne paragraph.\n");
    write(&news, "b.txt", "Second\nAnother paragraph.\n");
    let other = write(home.path(), "c.txt", "Third\nYet another.\n");
    let config = "sources = [\"~/news\"]\n";

    let titles = |output: Output| -> Vec<String> {
        assert!(output.status.success(), "{output:?}");
        String::from_utf8(output.stdout)
            .unwrap()
            .lines()
            .map(|line| line.rsplit("actors  ").next().unwrap().to_string())
            .collect()
    };
    assert_eq!(
        titles(sahifa(&home, Some(config), &["list"])),
        ["First", "Second"]
    );
    // The command line wins.
    assert_eq!(
        titles(sahifa(&home, Some(config), &["list", &other])),
        ["Third"]
    );
    // --config names another file, before or after the subcommand.
    let elsewhere = write(
        home.path(),
        "other.toml",
        &format!("sources = [{other:?}]\n"),
    );
    assert_eq!(
        titles(sahifa(
            &home,
            Some(config),
            &["--config", &elsewhere, "list"]
        )),
        ["Third"]
    );
    assert_eq!(
        titles(sahifa(
            &home,
            Some(config),
            &["list", "--config", &elsewhere]
        )),
        ["Third"]
    );
}

#[test]
fn render_takes_its_defaults_from_the_settings() {
    let home = TempDir::new().unwrap();
    let input = write(home.path(), "in.txt", "abc أب\n");
    let render = |config: &str, extra: &[&str]| {
        let mut args = vec!["render", "--width", "0"];
        args.extend_from_slice(extra);
        args.push(&input);
        let output = sahifa(&home, Some(config), &args);
        assert!(output.status.success(), "{output:?}");
        String::from_utf8(output.stdout).unwrap()
    };
    // Shaped and left-to-right by default: the Arabic word in presentation forms, after abc.
    assert_eq!(render("", &[]), "abc ﺏﺃ\n");
    assert_eq!(render("[settings]\nshaping = false\n", &[]), "abc بأ\n");
    assert_eq!(render("[settings]\ndirection = \"rtl\"\n", &[]), "ﺏﺃ abc\n");
    // Flags win over the config.
    assert_eq!(
        render("[settings]\nshaping = false\n", &["--shaping", "on"]),
        "abc ﺏﺃ\n"
    );
}
