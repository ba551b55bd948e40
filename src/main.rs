//! The `sahifa` command: parse the command line, then hand off to `sahifa::cli` or, with no
//! subcommand, to the reader (`sahifa::runner`).

use std::io::{self, BufWriter, Write};

/// mimalloc instead of the system allocator: finding actors allocates many small strings on
/// every core at once, and glibc's malloc spent ~14% of `sahifa list` in its own bookkeeping.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use sahifa::actor_cache::ActorCache;
use sahifa::catalog::{Catalog, Detail};
use sahifa::cli::is_broken_pipe;
use sahifa::cli::render::{self, RenderArgs};
use sahifa::cli::sources::load_catalog;
use sahifa::config::Config;
use sahifa::search::Query;
use sahifa::store::load::{FeedCache, FetchOptions};
use sahifa::store::{Source, Store, load_all_with};
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
    /// Neither read nor write sahifa's caches ($XDG_CACHE_HOME/sahifa, else ~/.cache/sahifa):
    /// every article's actors are searched for (actors.bin), and every feed is fetched whole,
    /// with no copy to read offline when a fetch fails (feeds/)
    #[arg(long, global = true)]
    no_cache: bool,
    /// Text, feed (RSS, Atom, JSON Feed), JSON or OPML files, folders, http(s) feed URLs, or -
    /// for standard input; none: the config file's sources, else the built-in seed articles
    sources: Vec<PathBuf>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// One line per article: id, marks (• unread, ★ starred), paragraphs, number of actors,
    /// title
    List {
        /// An array of {id, title, source, paragraphs, direction, read, starred, actors:
        /// [{id, count}]}
        #[arg(long)]
        json: bool,
        /// Only the articles whose title or text has QUERY (as the reader's / finds it:
        /// harakat, hamza forms and Latin case do not count)
        #[arg(long, value_name = "QUERY")]
        search: Option<String>,
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
    /// One article as plain text in logical order: title, source, link, date, author, the
    /// paragraphs, then its numbered links
    Show {
        /// One object: {id, title, source, url, published, author, feed, direction, read,
        /// starred, paragraphs: [...], links: [...]}
        #[arg(long)]
        json: bool,
        /// The article's id as `sahifa list` prints it, or a unique prefix of it
        id: String,
        /// Text files, folders (read recursively) or - for standard input [default: the five
        /// embedded seed articles]
        sources: Vec<PathBuf>,
    },
    /// Test support: drive the reading-state file from another process
    #[command(hide = true)]
    StateStress {
        /// churn (save rounds until killed) or mark (one save per article)
        mode: String,
        /// Names the articles of a mark run
        #[arg(long, default_value = "a")]
        prefix: String,
        /// Articles per round (churn) or articles to mark (mark)
        #[arg(long, default_value_t = 100)]
        count: usize,
        /// read or star (mark)
        #[arg(long, default_value = "read")]
        field: String,
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
    /// Text, feed (RSS, Atom, JSON Feed), JSON or OPML files, folders (read recursively),
    /// http(s) feed URLs, or - for standard input [default: the config file's sources, else
    /// the five embedded seed articles]
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
        Some(Command::List {
            json,
            search,
            input,
        }) => {
            let query = match search.as_deref().map(Query::new) {
                Some(None) => {
                    eprintln!(
                        "sahifa: --search: nothing to search for (blank, or harakat and \
                         tatweel alone)"
                    );
                    return ExitCode::FAILURE;
                }
                Some(Some(query)) => Some(query),
                None => None,
            };
            print_catalog(
                &input,
                &config,
                cli.no_cache,
                Detail::Counts,
                |catalog, out| {
                    let state = sahifa::cli::reading_state();
                    sahifa::cli::list::print(catalog, &state, json, query.as_ref(), out)
                },
            )
        }
        Some(Command::Show { json, id, sources }) => show(
            &id,
            &sources_or_config(&sources, &config),
            json,
            &fetch_options(&config, cli.no_cache),
        ),
        Some(Command::StateStress {
            mode,
            prefix,
            count,
            field,
        }) => match sahifa::cli::state_stress::run(&mode, &prefix, count, &field) {
            Ok(()) => ExitCode::SUCCESS,
            Err(message) => {
                eprintln!("{message}");
                ExitCode::FAILURE
            }
        },
        Some(Command::Actors { json, input }) => print_catalog(
            &input,
            &config,
            cli.no_cache,
            Detail::Mentions,
            |catalog, out| sahifa::cli::actors::print(catalog, json, out),
        ),
        None => sahifa::runner::run(
            cli.sources,
            &config,
            actor_cache(cli.no_cache),
            fetch_options(&config, cli.no_cache),
        ),
    }
}

/// `sahifa show`: load `sources`, find the article `id` names, print it.
fn show(id: &str, sources: &[PathBuf], json: bool, fetch: &FetchOptions) -> ExitCode {
    let sources: Vec<Source> = sources.iter().map(Source::from_arg).collect();
    let (articles, warnings) = load_all_with(&sources, fetch);
    for warning in &warnings {
        eprintln!("sahifa: warning: {warning}");
    }
    let mut store = Store::new();
    store.extend(articles);
    let article = match sahifa::cli::show::find(&store, id) {
        Ok(article) => article,
        Err(message) => {
            eprintln!("sahifa: {message}");
            return ExitCode::FAILURE;
        }
    };
    let state = sahifa::cli::reading_state();
    let mut out = BufWriter::new(io::stdout().lock());
    finish_output(
        sahifa::cli::show::print(article, &state, json, &mut out).and_then(|()| out.flush()),
    )
}

/// The exit code after printing: a closed pipe is a normal way to stop.
fn finish_output(result: io::Result<()>) -> ExitCode {
    match result {
        Err(error) if !is_broken_pipe(&error) => {
            eprintln!("sahifa: {error}");
            ExitCode::FAILURE
        }
        _ => ExitCode::SUCCESS,
    }
}

/// The actor cache file, unless `--no-cache` was given (or no home is known).
fn actor_cache(no_cache: bool) -> Option<PathBuf> {
    if no_cache {
        None
    } else {
        ActorCache::default_path(|name| std::env::var(name).ok())
    }
}

/// How feeds are fetched: within the config's limits, through the cache of feed copies
/// unless `--no-cache` was given (or no home is known).
fn fetch_options(config: &Config, no_cache: bool) -> FetchOptions {
    let cache = if no_cache {
        None
    } else {
        FeedCache::default_dir(|name| std::env::var(name).ok()).map(FeedCache::new)
    };
    FetchOptions {
        cache,
        ..config.fetch.clone()
    }
}

/// The sources named on the command line, else the config file's.
fn sources_or_config(sources: &[PathBuf], config: &Config) -> Vec<PathBuf> {
    if sources.is_empty() {
        config.sources.iter().map(PathBuf::from).collect()
    } else {
        sources.to_vec()
    }
}

/// Load the catalog `input` names (no sources: the config's) and print it with `print`.
fn print_catalog(
    input: &Input,
    config: &Config,
    no_cache: bool,
    detail: Detail,
    print: impl FnOnce(&Catalog, &mut BufWriter<io::StdoutLock<'static>>) -> io::Result<()>,
) -> ExitCode {
    let sources = sources_or_config(&input.sources, config);
    let cache = actor_cache(no_cache);
    let catalog = match load_catalog(
        &sources,
        input.actors.as_deref(),
        detail,
        cache.as_deref(),
        fetch_options(config, no_cache),
    ) {
        Ok(catalog) => catalog,
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::FAILURE;
        }
    };
    let mut out = BufWriter::new(io::stdout().lock());
    finish_output(print(&catalog, &mut out).and_then(|()| out.flush()))
}
