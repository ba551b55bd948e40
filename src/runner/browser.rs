//! Opening a web address in the person's browser.
//!
//! Owns: which program is started, and how. `$BROWSER` names it when set: the first of its
//! `:`-separated commands, split on spaces (no shell), `%s` replaced by the address, or the
//! address appended when there is no `%s`. Else `xdg-open` (`open` on macOS). The program
//! is started detached from the terminal (no input, output dropped), so the reader keeps its
//! screen; a terminal browser (w3m, lynx) cannot run that way and is not supported yet.
//! Imports std only.

use std::process::{Command, Stdio};

/// The program and its arguments for `url`, given `$BROWSER`.
pub fn command_for(url: &str, browser: Option<&str>) -> (String, Vec<String>) {
    let chosen = browser.and_then(|value| {
        value
            .split(':')
            .map(str::trim)
            .find(|part| !part.is_empty())
    });
    let Some(chosen) = chosen else {
        let opener = if cfg!(target_os = "macos") {
            "open"
        } else {
            "xdg-open"
        };
        return (opener.to_string(), vec![url.to_string()]);
    };
    let mut words = chosen.split_whitespace().map(str::to_string);
    let program = words.next().unwrap_or_default();
    let mut args: Vec<String> = words.collect();
    if args.iter().any(|arg| arg.contains("%s")) {
        for arg in &mut args {
            *arg = arg.replace("%s", url);
        }
    } else {
        args.push(url.to_string());
    }
    (program, args)
}

/// Starts the browser on `url` and returns at once (a thread waits for it, so that it leaves
/// no zombie); the error says which program could not be started.
pub fn open(url: &str) -> Result<(), String> {
    let (program, args) = command_for(url, std::env::var("BROWSER").ok().as_deref());
    let mut child = Command::new(&program)
        .args(&args)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|error| format!("could not start the browser {program}: {error}"))?;
    std::thread::Builder::new()
        .name("sahifa-browser".to_string())
        .spawn(move || {
            let _ = child.wait();
        })
        .map_err(|error| format!("could not wait for the browser: {error}"))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn command(url: &str, browser: Option<&str>) -> Vec<String> {
        let (program, args) = command_for(url, browser);
        std::iter::once(program).chain(args).collect()
    }

    #[test]
    fn browser_names_the_program_and_where_the_address_goes() {
        let url = "https://example.com/a?b=1&c=2";
        assert_eq!(command(url, Some("firefox")), ["firefox", url]);
        assert_eq!(
            command(url, Some("  :chromium --new-window:firefox")),
            ["chromium", "--new-window", url]
        );
        assert_eq!(
            command(url, Some("my-open --url=%s --quiet")),
            ["my-open", &format!("--url={url}"), "--quiet"]
        );
        // The address is one argument: no shell reads it.
        assert_eq!(
            command("https://x.example/;rm", Some("b")),
            ["b", "https://x.example/;rm"]
        );
        let opener = if cfg!(target_os = "macos") {
            "open"
        } else {
            "xdg-open"
        };
        assert_eq!(command(url, None), [opener, url]);
        assert_eq!(command(url, Some(" : ")), [opener, url]);
    }
}
