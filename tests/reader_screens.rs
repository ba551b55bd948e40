//! The reader's screens through ratatui's `TestBackend`: every pane with the seed articles at
//! 120×40 and 60×20, an English article, a highlighted actor, help, and a terminal that is too
//! small. Screens are compared with golden text files in `tests/snapshots/` (rewrite them with
//! `SAHIFA_UPDATE_SNAPSHOTS=1 cargo test --test reader_screens`, then review the diff); where
//! colour carries meaning, the styled cells are asserted directly, since text hides styles.

use std::fs;
use std::path::PathBuf;
use std::sync::Arc;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;

use sahifa::actors::{Lexicon, Matcher};
use sahifa::app::{
    Action, App, Document, LineKind, Pane, STYLE_MENTION, STYLE_SEARCH, run_actor_jobs,
};
use sahifa::keymap::Keymap;
use sahifa::store::load::load_seed;
use sahifa::store::{ActorKey, Article, ArticleBuilder, LoadSummary, SourceRef};
use sahifa::text::{Alignment, VisualLine};
use sahifa::ui::{Screen, Theme, help_lines};

fn seeds() -> Vec<Article> {
    (0..5).flat_map(|i| load_seed(i).articles).collect()
}

fn english_article() -> Article {
    let mut builder = ArticleBuilder::new(SourceRef::Seed("english"));
    builder.push_line(1, "Talks resume as Putin and Trump speak by phone");
    let paragraphs = [
        "Vladimir Putin told Donald Trump on Saturday that Moscow was ready for a new round \
         of peace talks with Kyiv after June 22.",
        "Ukraine's leader Volodymyr Zelensky did not say whether Ukraine would agree to the \
         next round of talks.",
        "Trump said the call with Putin was long and very productive.",
    ];
    for (i, text) in paragraphs.iter().enumerate() {
        builder.push_line(i + 2, text);
    }
    builder.language("en");
    builder.build().expect("an article with a title")
}

/// The app after loading `articles` and finding their actors, as the runner would.
fn app_with(articles: Vec<Article>, width: u16, height: u16) -> App {
    let lexicon = Lexicon::built_in().expect("the built-in lexicon");
    let matcher = Matcher::new(&lexicon);
    let mut app = App::new(width, height, help_lines(&Keymap::default()).len());
    app.update(Action::LexiconReady(Arc::new(lexicon)));
    let effects = app.update(Action::ArticlesLoaded(articles));
    run_actor_jobs(&mut app, effects, &matcher);
    app.update(Action::LoadFinished(LoadSummary::default()));
    app
}

fn draw_with(app: &App, theme: &Theme) -> Buffer {
    let area = app.screen().area;
    let mut terminal =
        Terminal::new(TestBackend::new(area.width, area.height)).expect("a test terminal");
    let keymap = Keymap::default();
    terminal
        .draw(|frame| {
            let screen = Screen {
                app,
                keymap: &keymap,
                theme,
            };
            frame.render_widget(&screen, frame.area());
        })
        .expect("drawing into memory");
    terminal.backend().buffer().clone()
}

fn draw(app: &App) -> Buffer {
    draw_with(app, &Theme::basic())
}

/// The screen as text, one line per row, trailing spaces dropped.
fn text(buffer: &Buffer) -> String {
    let area = buffer.area;
    let mut out = String::new();
    for y in area.top()..area.bottom() {
        let mut row = String::new();
        for x in area.left()..area.right() {
            row.push_str(buffer[(x, y)].symbol());
        }
        out.push_str(row.trim_end());
        out.push('\n');
    }
    out
}

fn row_text(buffer: &Buffer, area: Rect, y: u16) -> String {
    (area.left()..area.right())
        .map(|x| buffer[(x, y)].symbol())
        .collect()
}

/// Compares the screen with `tests/snapshots/NAME.txt`.
fn assert_snapshot(name: &str, buffer: &Buffer) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/snapshots")
        .join(format!("{name}.txt"));
    let actual = text(buffer);
    let update = std::env::var_os("SAHIFA_UPDATE_SNAPSHOTS").is_some();
    match fs::read_to_string(&path) {
        Ok(expected) if !update => assert!(
            expected == actual,
            "screen {name} differs from {}:\n--- expected\n{expected}\n--- actual\n{actual}\n\
             (if the change is right: SAHIFA_UPDATE_SNAPSHOTS=1 cargo test --test reader_screens)",
            path.display()
        ),
        existing => {
            fs::create_dir_all(path.parent().expect("a folder")).expect("snapshot folder");
            fs::write(&path, &actual).expect("snapshot written");
            assert!(
                update || existing.is_ok(),
                "new snapshot {} written: review it and run again",
                path.display()
            );
        }
    }
}

/// The cells of `line` as drawn on row `y` of `area`, from where its alignment puts it.
fn drawn_cells(buffer: &Buffer, area: Rect, y: u16, line: &VisualLine) -> (u16, Vec<String>) {
    let start = match line.alignment {
        Alignment::Left => area.x,
        Alignment::Right => area.right() - line.width as u16,
    };
    let mut x = start;
    let mut cells = Vec::new();
    for cell in &line.cells {
        cells.push(buffer[(x, y)].symbol().to_string());
        x += cell.width as u16;
    }
    (start, cells)
}

fn layer_cells(line: &VisualLine) -> Vec<String> {
    (0..line.cells.len())
        .map(|i| line.cell_text(i).to_string())
        .collect()
}

fn focus(app: &mut App, pane: Pane) {
    for _ in 0..3 {
        if app.focus() == pane {
            return;
        }
        app.update(Action::FocusNext);
    }
    assert_eq!(app.focus(), pane);
}

/// Highlights `actor` by choosing it in the sidebar, as a person would.
fn highlight(app: &mut App, actor: ActorKey) {
    focus(app, Pane::Actors);
    app.update(Action::Top);
    for _ in 0..app.sidebar().rows.len() {
        if app.sidebar().selected_actor() == Some(actor) {
            app.update(Action::Activate);
            assert_eq!(app.filter(), Some(actor));
            return;
        }
        app.update(Action::Down);
    }
    panic!("{actor:?} is not in the sidebar");
}

/// The confirmed actor named most often in the open article.
fn most_named_actor(app: &App) -> ActorKey {
    let open = app.reader().article.expect("an open article");
    app.mentions(open)
        .and_then(|m| {
            m.actors
                .iter()
                .filter(|a| a.confirmed)
                .max_by_key(|a| a.count())
        })
        .map(|a| a.key)
        .expect("the article names actors")
}

fn document(app: &App) -> Arc<Document> {
    app.reader().document.clone().expect("a laid-out article")
}

/// A visible cell of the reading view: its layer style, whether it lies in the mention or hit
/// `n`/`N` went to, where it was drawn and what was drawn there.
struct ReaderCell {
    style: u16,
    is_current: bool,
    at: (u16, u16),
    drawn: ratatui::buffer::Cell,
}

/// Every visible cell of the reading view as drawn in `buffer`.
fn reader_cells(app: &App, buffer: &Buffer) -> Vec<ReaderCell> {
    let body = app.screen().reader.expect("a reader").body;
    let document = document(app);
    let current = app.reader().mention.and_then(|i| document.mentions.get(i));
    let mut cells = Vec::new();
    let visible = document.lines.iter().skip(app.reader().scroll);
    for (y, line) in (body.y..body.bottom()).zip(visible) {
        let (mut x, _) = drawn_cells(buffer, body, y, &line.visual);
        for cell in &line.visual.cells {
            let is_current = current.is_some_and(|m| {
                m.place.block() == line.block
                    && m.place.range().start < cell.logical.end
                    && cell.logical.start < m.place.range().end
            });
            cells.push(ReaderCell {
                style: cell.style,
                is_current,
                at: (x, y),
                drawn: buffer[(x, y)].clone(),
            });
            x += cell.width as u16;
        }
    }
    cells
}

#[test]
fn seeds_at_120x40() {
    let app = app_with(seeds(), 120, 40);
    let buffer = draw(&app);
    assert_snapshot("seeds_120x40", &buffer);
    let screen = text(&buffer);
    assert!(screen.contains("5 articles"));
    assert!(screen.contains("j/k move"), "status hints of the list");
    assert!(screen.contains(" Actors "));
    assert!(screen.contains("Unconfirmed"));
}

#[test]
fn every_pane_at_60x20() {
    let mut app = app_with(seeds(), 60, 20);
    assert_snapshot("seeds_60x20_list", &draw(&app));
    focus(&mut app, Pane::Reader);
    let reader = draw(&app);
    assert_snapshot("seeds_60x20_reader", &reader);
    assert!(text(&reader).contains("j/k scroll"));
    focus(&mut app, Pane::Actors);
    let actors = draw(&app);
    assert_snapshot("seeds_60x20_actors", &actors);
    assert!(text(&actors).contains("Enter filter"));
}

#[test]
fn reader_lines_are_the_layers_cells_right_aligned() {
    let app = app_with(seeds(), 120, 40);
    let buffer = draw(&app);
    let body = app.screen().reader.expect("a reader").body;
    let document = document(&app);
    let mut checked = 0;
    for (y, line) in (body.y..body.bottom()).zip(&document.lines) {
        if line.visual.cells.is_empty() {
            continue;
        }
        let (start, drawn) = drawn_cells(&buffer, body, y, &line.visual);
        assert_eq!(drawn, layer_cells(&line.visual), "row {y}");
        if line.kind == LineKind::Body {
            assert_eq!(line.visual.alignment, Alignment::Right);
            assert_eq!(start + line.visual.width as u16, body.right());
        }
        checked += 1;
    }
    assert!(checked > 20);
}

#[test]
fn list_titles_are_laid_out_and_shortened_at_their_logical_end() {
    let app = app_with(seeds(), 120, 40);
    let buffer = draw(&app);
    let list = app.screen().list.expect("a list");
    // The title column: after the unread mark and the star, before the actor count.
    let title_area = Rect {
        x: list.body.x + 3,
        width: list.body.width - 7,
        ..list.body
    };
    for row in 0..5u16 {
        let y = list.body.y + row;
        let drawn = row_text(&buffer, title_area, y);
        let drawn = drawn.trim();
        // Arabic titles are right-aligned; a shortened one shows its ellipsis on the left.
        assert!(drawn.starts_with('…'), "row {row}: {drawn}");
        assert_ne!(buffer[(title_area.right() - 1, y)].symbol(), " ");
    }
    // Nothing has been opened by the person yet: every article is unread.
    for row in 0..5u16 {
        assert_eq!(buffer[(list.body.x, list.body.y + row)].symbol(), "•");
    }
}

#[test]
fn read_and_starred_marks_and_the_view_in_the_header() {
    let mut app = app_with(seeds(), 120, 40);
    app.update(Action::Down);
    app.update(Action::Activate); // 1 read
    app.update(Action::FocusPrevious);
    app.update(Action::Down);
    app.update(Action::ToggleStarred); // 2 starred
    let buffer = draw(&app);
    let list = app.screen().list.expect("a list");
    let (x, y) = (list.body.x, list.body.y);
    let marks = |buffer: &Buffer, row: u16| {
        format!(
            "{}{}",
            buffer[(x, y + row)].symbol(),
            buffer[(x + 1, y + row)].symbol()
        )
    };
    assert_eq!(marks(&buffer, 0), "• ");
    assert_eq!(marks(&buffer, 1), "  ");
    assert_eq!(marks(&buffer, 2), "•★");
    assert_eq!(
        buffer[(x + 1, y + 2)].fg,
        Theme::basic().starred.fg.unwrap()
    );
    assert_eq!(
        row_text(&buffer, list.header, list.header.y).trim(),
        "5 articles"
    );

    app.update(Action::CycleView);
    let buffer = draw(&app);
    assert_eq!(
        row_text(&buffer, list.header, list.header.y).trim(),
        "4 unread of 5"
    );
    app.update(Action::CycleView);
    let buffer = draw(&app);
    assert_eq!(
        row_text(&buffer, list.header, list.header.y).trim(),
        "1 starred of 5"
    );
    assert_eq!(marks(&buffer, 0), "•★");
    assert_snapshot("starred_view_120x40", &buffer);
    // Unstarred in the starred view it stays until the view changes; then none are left.
    app.update(Action::ToggleStarred);
    app.update(Action::CycleView);
    app.update(Action::CycleView);
    app.update(Action::CycleView);
    let buffer = draw(&app);
    assert_eq!(
        row_text(&buffer, list.header, list.header.y).trim(),
        "0 starred of 5"
    );
    assert_eq!(
        row_text(&buffer, list.body, list.body.y).trim(),
        "no starred articles"
    );
}

#[test]
fn highlighted_mentions_have_the_mention_style() {
    let mut app = app_with(seeds(), 120, 40);
    let actor = most_named_actor(&app);
    highlight(&mut app, actor);
    app.update(Action::NextMention);
    let theme = Theme::basic();
    let buffer = draw_with(&app, &theme);
    assert_snapshot("seeds_120x40_highlight", &buffer);

    let (mut mentions, mut currents, mut plain) = (0, 0, 0);
    for cell in reader_cells(&app, &buffer) {
        let ReaderCell {
            style,
            is_current,
            at,
            drawn,
        } = cell;
        if style == STYLE_MENTION && is_current {
            assert_eq!(drawn.bg, theme.current_mention.bg.unwrap(), "{at:?}");
            currents += 1;
        } else if style == STYLE_MENTION {
            assert_eq!(drawn.bg, theme.mention.bg.unwrap(), "{at:?}");
            assert_eq!(drawn.fg, theme.mention.fg.unwrap());
            mentions += 1;
        } else {
            assert_ne!(drawn.bg, theme.mention.bg.unwrap(), "{at:?} is no mention");
            plain += 1;
        }
    }
    assert!(
        mentions > 0 && currents > 0 && plain > 0,
        "{mentions} {currents} {plain}"
    );

    // The sidebar marks the highlighted actor.
    let sidebar = app.screen().sidebar.expect("a sidebar").body;
    let marked = (sidebar.y..sidebar.bottom())
        .filter(|&y| buffer[(sidebar.x, y)].symbol() == "▶")
        .count();
    assert_eq!(marked, 1);
}

#[test]
fn without_colour_mentions_are_underlined() {
    let mut app = app_with(seeds(), 120, 40);
    let actor = most_named_actor(&app);
    highlight(&mut app, actor);
    let theme = Theme::monochrome();
    let buffer = draw_with(&app, &theme);
    let underlined = buffer
        .content()
        .iter()
        .filter(|cell| cell.modifier.contains(Modifier::UNDERLINED))
        .count();
    assert!(underlined > 0);
    assert!(
        buffer
            .content()
            .iter()
            .all(|cell| cell.bg == ratatui::style::Color::Reset)
    );
}

#[test]
fn filtering_by_an_actor_shrinks_the_list() {
    let mut app = app_with(seeds(), 120, 40);
    let before = text(&draw(&app));
    assert!(before.contains("5 articles"));
    // An actor named in some seeds but not all.
    let (actor, articles) = app
        .store()
        .actors()
        .into_iter()
        .filter(|&(key, n)| matches!(key, ActorKey::Lexicon(_)) && n < 5)
        .filter(|&(key, _)| app.mentions(0).is_some_and(|m| m.get(key).is_some()))
        .max_by_key(|&(_, n)| n)
        .expect("the first seed names an actor some other seed does not");
    highlight(&mut app, actor);
    let buffer = draw(&app);
    let list = app.screen().list.expect("a list");
    let header = row_text(&buffer, list.header, list.header.y);
    assert!(
        header.starts_with(&format!("{articles} of 5 · ")),
        "{header}"
    );
    let rows = (list.body.y..list.body.bottom())
        .filter(|&y| !row_text(&buffer, list.body, y).trim().is_empty())
        .count();
    assert_eq!(rows, articles);
    assert!(rows < 5);
    app.update(Action::ClearFilter);
    let buffer = draw(&app);
    let rows = (list.body.y..list.body.bottom())
        .filter(|&y| !row_text(&buffer, list.body, y).trim().is_empty())
        .count();
    assert_eq!(rows, 5);
}

#[test]
fn an_english_article_is_left_aligned() {
    let mut articles = seeds();
    articles.insert(0, english_article());
    let mut app = app_with(articles, 120, 40);
    let actor = most_named_actor(&app);
    highlight(&mut app, actor);
    let buffer = draw(&app);
    assert_snapshot("english_120x40", &buffer);
    let body = app.screen().reader.expect("a reader").body;
    let document = document(&app);
    for (y, line) in (body.y..body.bottom()).zip(&document.lines) {
        if line.visual.cells.is_empty() {
            continue;
        }
        assert_eq!(line.visual.alignment, Alignment::Left);
        let (start, drawn) = drawn_cells(&buffer, body, y, &line.visual);
        assert_eq!(start, body.x);
        assert_eq!(drawn, layer_cells(&line.visual));
    }
    let title = row_text(&buffer, body, body.y);
    assert!(title.starts_with("Talks resume as Putin"), "{title}");
    assert!(
        !document.mentions.is_empty(),
        "Putin is found in English too"
    );
}

#[test]
fn all_actors_and_co_occurrences() {
    let mut app = app_with(seeds(), 120, 40);
    focus(&mut app, Pane::Actors);
    app.update(Action::ToggleAllActors);
    let buffer = draw(&app);
    assert_snapshot("all_actors_120x40", &buffer);
    let screen = text(&buffer);
    assert!(screen.contains(" All actors "));
    assert!(screen.contains("Often with"));
}

#[test]
fn help_lists_the_keymap() {
    let mut app = app_with(seeds(), 120, 40);
    app.update(Action::ToggleHelp);
    let buffer = draw(&app);
    assert_snapshot("help_120x40", &buffer);
    let screen = text(&buffer);
    for line in [
        "Everywhere",
        "Article list",
        "Reading",
        "j ↓",
        "Ctrl-d Ctrl-u",
    ] {
        assert!(screen.contains(line), "{line}");
    }
    assert!(
        screen.contains("search titles and text"),
        "/ is in the help"
    );
    let mut small = app_with(seeds(), 60, 20);
    small.update(Action::ToggleHelp);
    assert_snapshot("help_60x20", &draw(&small));
}

#[test]
fn mirrored_layout_puts_the_list_on_the_right() {
    let mut app = app_with(seeds(), 120, 40);
    app.update(Action::ToggleMirrored);
    let buffer = draw(&app);
    let list = app.screen().list.expect("a list");
    assert_eq!(list.outer.right(), 120);
    assert!(row_text(&buffer, list.outer, 0).contains("Articles"));
}

#[test]
fn a_tiny_terminal_gets_a_message() {
    let app = app_with(seeds(), 20, 5);
    let buffer = draw(&app);
    assert_snapshot("tiny_20x5", &buffer);
    let screen = text(&buffer)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        screen.contains("Make the terminal at least 30×8 (it is 20×5)"),
        "{screen}"
    );
}

#[test]
fn search_hits_have_their_own_style_and_the_prompt_shows_the_query() {
    let mut app = app_with(seeds(), 120, 40);
    app.update(Action::StartSearch);
    for character in "ترامب".chars() {
        app.update(Action::SearchInput(character));
    }
    let prompt = text(&draw(&app));
    let status = prompt.lines().last().expect("a status bar");
    assert!(
        status.contains("/▏ﺐﻣﺍﺮﺗ") && status.contains("Enter search"),
        "the query in visual order, the caret at its logical end: {status}"
    );
    app.update(Action::SubmitSearch);
    while app.is_counting() {
        app.update_all([]);
    }
    app.update(Action::FocusNext);
    app.update(Action::NextMention);
    let theme = Theme::basic();
    let buffer = draw_with(&app, &theme);
    assert_snapshot("seeds_120x40_search", &buffer);
    assert!(text(&buffer).contains("5 of 5 · /ﺐﻣﺍﺮﺗ"));

    let (mut hits, mut currents) = (0, 0);
    for hit in reader_cells(&app, &buffer) {
        let (style, at, drawn) = (hit.style, hit.at, &hit.drawn);
        let is_current = hit.is_current;
        if style == STYLE_SEARCH && is_current {
            assert_eq!(drawn.bg, theme.current_mention.bg.unwrap(), "{at:?}");
            currents += 1;
        } else if style == STYLE_SEARCH {
            assert_eq!(drawn.bg, theme.search_hit.bg.unwrap(), "{at:?}");
            hits += 1;
        } else {
            assert_ne!(drawn.bg, theme.search_hit.bg.unwrap(), "{at:?} is no hit");
        }
    }
    assert!(hits > 0 && currents > 0, "{hits} {currents}");
}
