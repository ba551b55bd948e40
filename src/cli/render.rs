//! `sahifa render`: a bidi-aware `cat` for terminals that do not do bidi. Reads UTF-8 text,
//! one paragraph per line, and prints each paragraph's visual lines as plain text.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::{Arc, Mutex, mpsc};

use crate::text::{Alignment, LayoutOptions, layout, push_unwrapped};

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
    let (name, reader): (String, Box<dyn Read + Send>) = match args.input.as_deref() {
        None => ("<stdin>".into(), Box::new(io::stdin())),
        Some(path) if path == Path::new("-") => ("<stdin>".into(), Box::new(io::stdin())),
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

/// Lines are laid out in blocks of about this many bytes, one block per worker at a time.
const BLOCK_BYTES: usize = 1 << 17;

/// A block of whole input lines and the 1-based number of its first line.
struct Block {
    sequence: usize,
    first_line: usize,
    bytes: Vec<u8>,
}

/// A laid-out block: its output and its warnings, to be written in input order.
struct Rendered {
    sequence: usize,
    output: Vec<u8>,
    warnings: Vec<String>,
}

/// Lay out every line of `input` and write the result to `out`, in input order; warnings go
/// to stderr. Paragraphs are independent, so blocks of lines are laid out on every core.
pub fn render(
    mut input: impl BufRead + Send,
    name: &str,
    width: usize,
    args: &RenderArgs,
    out: &mut impl Write,
) -> io::Result<()> {
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get().min(8));
    std::thread::scope(|scope| {
        let (block_sender, block_receiver) = mpsc::sync_channel::<Block>(workers * 2);
        // Shared by the workers and dropped with the last of them, which stops the reader.
        let block_receiver = Arc::new(Mutex::new(block_receiver));
        let (rendered_sender, rendered_receiver) = mpsc::sync_channel::<Rendered>(workers * 2);
        let reader = scope.spawn(move || read_blocks(&mut input, &block_sender));
        for _ in 0..workers {
            let rendered_sender = rendered_sender.clone();
            let block_receiver = Arc::clone(&block_receiver);
            scope.spawn(move || {
                loop {
                    let next = match block_receiver.lock() {
                        Ok(receiver) => receiver.recv(),
                        Err(_) => return,
                    };
                    let Ok(block) = next else { return };
                    let rendered = render_block(&block, name, width, args);
                    if rendered_sender.send(rendered).is_err() {
                        return;
                    }
                }
            });
        }
        drop(rendered_sender);
        drop(block_receiver);
        let written = write_in_order(&rendered_receiver, out);
        // Dropping the receiver stops the workers, which stops the reader.
        drop(rendered_receiver);
        let read = reader
            .join()
            .unwrap_or_else(|_| Err(io::Error::other("the reader thread panicked")));
        written.and(read)
    })
}

/// Read `input` into blocks of whole lines and send them on, numbered.
fn read_blocks(input: &mut impl BufRead, sender: &mpsc::SyncSender<Block>) -> io::Result<()> {
    let mut line_number = 1;
    for sequence in 0.. {
        let mut bytes = Vec::with_capacity(BLOCK_BYTES + 1024);
        let mut lines = 0;
        while bytes.len() < BLOCK_BYTES && input.read_until(b'\n', &mut bytes)? > 0 {
            lines += 1;
        }
        if lines == 0 {
            return Ok(());
        }
        let block = Block {
            sequence,
            first_line: line_number,
            bytes,
        };
        line_number += lines;
        if sender.send(block).is_err() {
            return Ok(());
        }
    }
    Ok(())
}

/// Write rendered blocks as they come, holding back any that arrive before their turn.
fn write_in_order(receiver: &mpsc::Receiver<Rendered>, out: &mut impl Write) -> io::Result<()> {
    let mut waiting = BTreeMap::new();
    let mut next = 0;
    for rendered in receiver {
        waiting.insert(rendered.sequence, rendered);
        while let Some(rendered) = waiting.remove(&next) {
            for warning in &rendered.warnings {
                eprintln!("{warning}");
            }
            out.write_all(&rendered.output)?;
            next += 1;
        }
    }
    Ok(())
}

/// Lay out one block of lines.
fn render_block(block: &Block, name: &str, width: usize, args: &RenderArgs) -> Rendered {
    let mut output = Vec::with_capacity(block.bytes.len() * 2);
    let mut warnings = Vec::new();
    let mut unwrapped = String::new();
    let mut raw_lines = block.bytes.split_inclusive(|&b| b == b'\n');
    for (line_number, raw) in (block.first_line..).zip(&mut raw_lines) {
        let raw = raw.strip_suffix(b"\n").unwrap_or(raw);
        let raw = raw.strip_suffix(b"\r").unwrap_or(raw);
        let text = match simdutf8::basic::from_utf8(raw) {
            Ok(text) => std::borrow::Cow::Borrowed(text),
            Err(_) => {
                warnings.push(format!(
                    "sahifa: warning: {name}:{line_number}: invalid UTF-8, shown as U+FFFD"
                ));
                String::from_utf8_lossy(raw)
            }
        };
        if width == 0 && args.logical_breaks.is_none() {
            // One unwrapped line per paragraph: only its text is needed, not its cells.
            unwrapped.clear();
            push_unwrapped(&text, &args.options, &mut unwrapped);
            output.extend_from_slice(unwrapped.as_bytes());
            output.push(b'\n');
            continue;
        }
        // Writing to a Vec cannot fail.
        let _ = write_paragraph(&text, width, args, &mut output);
    }
    Rendered {
        sequence: block.sequence,
        output,
        warnings,
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
    let lines = layout(text, &[], width, &args.options);
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
