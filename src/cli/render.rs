//! `sahifa render`: a bidi-aware `cat` for terminals that do not do bidi. Reads UTF-8 text,
//! one paragraph per line, and prints each paragraph's visual lines as plain text.

use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::text::{Alignment, LayoutOptions, PreparedParagraph};

/// What `sahifa render` was asked to do.
#[derive(Debug, Clone)]
pub struct RenderArgs {
    /// Line width in cells; 0 = no wrapping and no padding. `None`: the terminal's width when
    /// stdout is a terminal, else 80.
    pub width: Option<usize>,
    pub options: LayoutOptions,
    /// A file, or `None`/`-` for standard input.
    pub input: Option<PathBuf>,
    /// Instead of visual lines, print each paragraph in logical order with this character
    /// where the lines break (what `tests/golden/regenerate.sh` feeds to FriBidi).
    pub logical_breaks: Option<char>,
}

/// The width to lay out at when none was given.
pub fn default_width() -> usize {
    if io::stdout().is_terminal()
        && let Ok((columns, _)) = ratatui::crossterm::terminal::size()
    {
        return usize::from(columns);
    }
    80
}

/// Run `sahifa render`; errors are one line on stderr and a non-zero exit.
pub fn run(args: &RenderArgs) -> ExitCode {
    let width = args.width.unwrap_or_else(default_width);
    let (name, reader): (String, Box<dyn Read>) = match args.input.as_deref() {
        None => ("<stdin>".into(), Box::new(io::stdin().lock())),
        Some(path) if path == Path::new("-") => ("<stdin>".into(), Box::new(io::stdin().lock())),
        Some(path) => match File::open(path) {
            Ok(file) => (path.display().to_string(), Box::new(file)),
            Err(error) => {
                eprintln!("sahifa: cannot read {}: {error}", path.display());
                return ExitCode::FAILURE;
            }
        },
    };
    let stdout = io::stdout();
    let mut out = BufWriter::with_capacity(1 << 16, stdout.lock());
    match render(
        BufReader::with_capacity(1 << 16, reader),
        &name,
        width,
        args,
        &mut out,
    )
    .and_then(|()| out.flush())
    {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) if super::is_broken_pipe(&error) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("sahifa: {name}: {error}");
            ExitCode::FAILURE
        }
    }
}

/// Lay out every line of `input` and write the result to `out`; warnings go to stderr.
pub fn render(
    mut input: impl BufRead,
    name: &str,
    width: usize,
    args: &RenderArgs,
    out: &mut impl Write,
) -> io::Result<()> {
    let mut raw = Vec::new();
    let mut line_number = 0usize;
    loop {
        raw.clear();
        if input.read_until(b'\n', &mut raw)? == 0 {
            return Ok(());
        }
        line_number += 1;
        if raw.last() == Some(&b'\n') {
            raw.pop();
            if raw.last() == Some(&b'\r') {
                raw.pop();
            }
        }
        let text = match std::str::from_utf8(&raw) {
            Ok(text) => std::borrow::Cow::Borrowed(text),
            Err(_) => {
                eprintln!("sahifa: warning: {name}:{line_number}: invalid UTF-8, shown as U+FFFD");
                String::from_utf8_lossy(&raw)
            }
        };
        write_paragraph(&text, width, args, out)?;
    }
}

fn write_paragraph(
    text: &str,
    width: usize,
    args: &RenderArgs,
    out: &mut impl Write,
) -> io::Result<()> {
    if text.is_empty() {
        return out.write_all(b"\n");
    }
    let paragraph = PreparedParagraph::new(text, &args.options);
    let lines = paragraph.lines(width, &[]);
    if let Some(marker) = args.logical_breaks {
        // The whole paragraph in logical order (whitespace consumed at breaks included), with
        // the marker where each line after the first begins.
        let mut logical = String::with_capacity(text.len() + 4 * lines.len());
        let mut from = 0;
        for line in lines.iter().skip(1) {
            logical.push_str(&text[from..line.logical.start]);
            logical.push(marker);
            from = line.logical.start;
        }
        logical.push_str(&text[from..]);
        return writeln!(out, "{}", crate::text::sanitize::sanitize(&logical).text);
    }
    for line in &lines {
        if width > 0 && line.alignment == Alignment::Right && line.width < width {
            write!(out, "{:1$}", "", width - line.width)?;
        }
        out.write_all(line.text.as_bytes())?;
        out.write_all(b"\n")?;
    }
    Ok(())
}

/// The five seed articles, embedded so the binary needs no files at run time.
const SEEDS: [&str; 5] = [
    include_str!("../../seeds/000_3ed9818d08fa67ef.txt"),
    include_str!("../../seeds/001_d658753dde14569f.txt"),
    include_str!("../../seeds/002_da240b10efe9935a.txt"),
    include_str!("../../seeds/003_bbd0f24a46bbe061.txt"),
    include_str!("../../seeds/004_8a44721905b9b7bd.txt"),
];

/// Until the reader exists, `sahifa` with no arguments prints the seeds through render.
pub fn run_seeds() -> ExitCode {
    let args = RenderArgs {
        width: None,
        options: LayoutOptions::default(),
        input: None,
        logical_breaks: None,
    };
    let width = default_width();
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let result = SEEDS.iter().try_for_each(|seed| {
        render(seed.as_bytes(), "seed", width, &args, &mut out)?;
        out.write_all(b"\n")
    });
    match result.and_then(|()| out.flush()) {
        Err(error) if !super::is_broken_pipe(&error) => {
            eprintln!("sahifa: {error}");
            ExitCode::FAILURE
        }
        _ => ExitCode::SUCCESS,
    }
}
