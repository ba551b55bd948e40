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
use sahifa::config::Config;
use sahifa::text::{BaseDirection, Direction, LayoutOptions};

/// A terminal news reader built first for right-to-left languages.
#[derive(Debug, Parser)]
#[command(name = "sahifa", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    /// The config file [default: $XDG_CONFIG_HOME/sahifa/config.toml, else
    /// ~/.config/sahifa/config.toml, if present]
    #[arg(long, global = true, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Files or folders to read (- for standard input); none: the config file's sources, else
    /// the built-in seed articles
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
        /// Arabic letters into joined presentation forms [default: the config's shaping, else
        /// on]
        #[arg(long, value_enum)]
        shaping: Option<Switch>,
        /// Paragraph direction: auto = first strong character (UAX #9 P2/P3) [default: the
        /// config's direction, else auto]
        #[arg(long, value_enum)]
        direction: Option<DirectionArg>,
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
    /// Text files, folders (read recursively) or - for standard input [default: the config
    /// file's sources, else the five embedded seed articles]
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
    let config = match Config::load(cli.config.as_deref(), |name| std::env::var(name).ok()) {
        Ok(config) => config,
        Err(error) => {
            eprintln!("sahifa: {error}");
            return ExitCode::FAILURE;
        }
    };
    let preferences = config.preferences;
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
                direction: direction.map_or(preferences.direction, BaseDirection::from),
                neutral: Direction::Ltr,
                shaping: shaping.map_or(preferences.shaping, |s| matches!(s, Switch::On)),
            },
            input: file,
            logical_breaks,
        }),
        Some(Command::List { json, input }) => print_catalog(&input, &config, |catalog, out| {
            sahifa::cli::list::print(catalog, json, out)
        }),
        Some(Command::Actors { json, input }) => print_catalog(&input, &config, |catalog, out| {
            sahifa::cli::actors::print(catalog, json, out)
        }),
        None => sahifa::runner::run(cli.sources, &config),
    }
}

/// Load the catalog `input` names (no sources: the config's) and print it with `print`.
fn print_catalog(
    input: &Input,
    config: &Config,
    print: impl FnOnce(&Catalog, &mut BufWriter<io::StdoutLock<'static>>) -> io::Result<()>,
) -> ExitCode {
    let sources: Vec<PathBuf> = if input.sources.is_empty() {
        config.sources.iter().map(PathBuf::from).collect()
    } else {
        input.sources.clone()
    };
    let catalog = match load_catalog(&sources, input.actors.as_deref()) {
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
