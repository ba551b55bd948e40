//! The `sahifa` command: parse the command line, then hand off to `sahifa::cli` or, with no
//! subcommand, to the reader (`sahifa::runner`).

use std::io::{self, BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use sahifa::catalog::Catalog;
use sahifa::cli::is_broken_pipe;
use sahifa::cli::render::{self, RenderArgs};
use sahifa::cli::sources::load_catalog;
use sahifa::text::{BaseDirection, Direction, LayoutOptions};

/// A terminal news reader built first for right-to-left languages.
#[derive(Debug, Parser)]
#[command(
    name = "sahifa",
    version,
    about,
    args_conflicts_with_subcommands = true
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    /// Text, feed (RSS, Atom, JSON Feed), JSON or OPML files, folders, http(s) feed URLs, or -
    /// for standard input; none: the built-in seed articles
    sources: Vec<PathBuf>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// One line per article: id, paragraphs, number of actors, title
    List {
        /// An array of {id, title, source, paragraphs, direction, actors: [{id, count}]}
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        input: Input,
    },
    /// Per article, the people, organisations and countries it names, by mention count
    Actors {
        /// An array of {article, source, actors: [{id, kind, name, confirmed, count,
        /// mentions: [{line, column, text}]}]}
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        input: Input,
    },
    /// Print text laid out for a terminal that does no bidi: one paragraph per input line,
    /// each as visual lines, right-to-left paragraphs right-aligned.
    Render {
        /// Line width in cells; 0 = no wrapping, no padding [default: the terminal's width,
        /// or 80 when not writing to a terminal]
        #[arg(long)]
        width: Option<usize>,
        /// Arabic letters into joined presentation forms
        #[arg(long, value_enum, default_value_t = Switch::On)]
        shaping: Switch,
        /// Paragraph direction: auto = first strong character (UAX #9 P2/P3)
        #[arg(long, value_enum, default_value_t = DirectionArg::Auto)]
        direction: DirectionArg,
        /// Print logical text with this character at each line break instead (for oracles)
        #[arg(long, hide = true)]
        logical_breaks: Option<char>,
        /// A UTF-8 text file, or - for standard input [default: -]
        file: Option<PathBuf>,
    },
}

/// What to read: sources and the actor lexicon.
#[derive(Debug, clap::Args)]
struct Input {
    /// An actor lexicon file that adds to or overrides the built-in one [default: the
    /// XDG config dir's sahifa/actors.json, if present]
    #[arg(long, value_name = "FILE")]
    actors: Option<PathBuf>,
    /// Text, feed (RSS, Atom, JSON Feed), JSON or OPML files, folders (read recursively),
    /// http(s) feed URLs, or - for standard input [default: the five embedded seed articles]
    sources: Vec<PathBuf>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum Switch {
    On,
    Off,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum DirectionArg {
    Auto,
    Rtl,
    Ltr,
}

impl From<DirectionArg> for BaseDirection {
    fn from(value: DirectionArg) -> Self {
        match value {
            DirectionArg::Auto => BaseDirection::Auto,
            DirectionArg::Rtl => BaseDirection::Rtl,
            DirectionArg::Ltr => BaseDirection::Ltr,
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Some(Command::Render {
            width,
            shaping,
            direction,
            logical_breaks,
            file,
        }) => render::run(&RenderArgs {
            width,
            options: LayoutOptions {
                direction: direction.into(),
                neutral: Direction::Ltr,
                shaping: matches!(shaping, Switch::On),
            },
            input: file,
            logical_breaks,
        }),
        Some(Command::List { json, input }) => print_catalog(&input, |catalog, out| {
            sahifa::cli::list::print(catalog, json, out)
        }),
        Some(Command::Actors { json, input }) => print_catalog(&input, |catalog, out| {
            sahifa::cli::actors::print(catalog, json, out)
        }),
        None => sahifa::runner::run(cli.sources),
    }
}

/// Load the catalog `input` names and print it with `print`.
fn print_catalog(
    input: &Input,
    print: impl FnOnce(&Catalog, &mut BufWriter<io::StdoutLock<'static>>) -> io::Result<()>,
) -> ExitCode {
    let catalog = match load_catalog(&input.sources, input.actors.as_deref()) {
        Ok(catalog) => catalog,
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::FAILURE;
        }
    };
    let mut out = BufWriter::new(io::stdout().lock());
    match print(&catalog, &mut out).and_then(|()| out.flush()) {
        Err(error) if !is_broken_pipe(&error) => {
            eprintln!("sahifa: {error}");
            ExitCode::FAILURE
        }
        _ => ExitCode::SUCCESS,
    }
}
