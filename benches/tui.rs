//! TUI benchmarks: a keypress on the question screen, on the verdict of a
//! finished assessment and on a home list of 1,000 (update + render at
//! 120×40), and startup to the first frame and to the list on screen.
//! Targets and figures: docs/benchmarks.md.

use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

use aiact::storage::{INDEX_SETTLE, Store};
use aiact::tui::action::Action;
use aiact::tui::app::App;
use aiact::tui::keymap::Context;
use aiact::tui::theme::Theme;
use aiact::tui::workspace::Workspace;
use aiact_core::Questionnaire;
use aiact_core::model::QuestionKind;
use criterion::{Criterion, criterion_group, criterion_main};
use jiff::civil::date;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;

#[path = "support/workshop.rs"]
mod workshop;

const AREA: Rect = Rect::new(0, 0, 120, 40);
const SHIPPED: &str = include_str!("../questionnaires/eu-ai-act.json");

/// As `aiact --questionnaire FILE` starts: the questionnaire is parsed and
/// validated (not taken from the process's cache of built-in
/// questionnaires); the home list is read on a thread, and comes after.
fn new_app(data_dir: &Path) -> App {
    let questionnaire = Questionnaire::from_json(SHIPPED, "shipped").expect("valid");
    let workspace = Workspace::new(Store::at(data_dir), questionnaire);
    App::new(workspace, date(2026, 11, 23), Theme::new(true), AREA)
}

/// Starts an assessment. Names must differ: a name in use is refused.
fn start_assessment(app: &mut App, name: &str) {
    app.update(Action::NewAssessment);
    for c in name.chars() {
        app.update(Action::Insert(c));
    }
    app.update(Action::Confirm);
}

fn keypress(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut app = new_app(dir.path());
    start_assessment(&mut app, "Bench bot");
    // The highlight moves and the explanation panel follows it.
    down_and_up(c, "tui/keypress_question_120x40", &mut app);
}

/// One key per iteration, alternately Down and Up, each drawn in full.
fn down_and_up(c: &mut Criterion, name: &str, app: &mut App) {
    let mut terminal = Terminal::new(TestBackend::new(AREA.width, AREA.height)).expect("terminal");
    c.bench_function(name, |b| {
        let mut down = true;
        b.iter(|| {
            let key = if down { Action::Down } else { Action::Up };
            down = !down;
            app.update(black_box(key));
            terminal
                .draw(|frame| frame.render_widget(&*app, frame.area()))
                .expect("draw");
        });
    });
}

/// Scrolling the verdict of a finished assessment: its lines are built
/// once, then only drawn.
fn verdict_scroll(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut app = new_app(dir.path());
    start_assessment(&mut app, "Verdict bot");
    let mut terminal = Terminal::new(TestBackend::new(AREA.width, AREA.height)).expect("terminal");
    let mut draw = |app: &App| {
        terminal
            .draw(|frame| frame.render_widget(app, frame.area()))
            .expect("draw");
    };
    // Answer with what is highlighted (ticked on a multiple choice, 1 in a
    // field) until the verdict shows.
    for _ in 0..400 {
        draw(&app);
        match app.context() {
            Context::Verdict => break,
            Context::Entry => app.update(Action::Insert('1')),
            Context::Question => {
                let multi = app
                    .open()
                    .and_then(|open| open.document.assessment().current())
                    .is_some_and(|question| question.kind == QuestionKind::MultiChoice);
                if multi {
                    app.update(Action::Toggle);
                }
            }
            _ => {}
        }
        app.update(Action::Confirm);
    }
    assert_eq!(app.context(), Context::Verdict);
    c.bench_function("tui/keypress_verdict_120x40", |b| {
        let mut down = true;
        b.iter(|| {
            let key = if down { Action::Down } else { Action::Up };
            down = !down;
            app.update(black_box(key));
            draw(&app);
        });
    });
}

/// Waits for the list read on the listing thread.
fn listed(app: &mut App) {
    while app.is_listing() {
        app.wait_for_listing(Duration::from_secs(1));
    }
}

fn draw_once(app: &App) {
    let mut terminal = Terminal::new(TestBackend::new(AREA.width, AREA.height)).expect("terminal");
    terminal
        .draw(|frame| frame.render_widget(app, frame.area()))
        .expect("draw");
}

fn startup(c: &mut Criterion) {
    // A data directory with 20 saved assessments, as after a workshop.
    let dir = tempfile::tempdir().expect("tempdir");
    let mut app = new_app(dir.path());
    for n in 0..20 {
        start_assessment(&mut app, &format!("Bench bot {n}"));
        app.update(Action::Confirm); // answer the first question
        app.update(Action::Back); // home
    }
    assert_eq!(app.workspace().list().len(), 20);
    drop(app);
    // The index keeps what it lists once the files have settled.
    std::thread::sleep(INDEX_SETTLE);
    let workspace = || Workspace::built_in(Store::at(dir.path()), aiact::catalog::DEFAULT_ID);
    let new_app = || App::new(workspace(), date(2026, 11, 23), Theme::new(true), AREA);
    listed(&mut new_app());
    c.bench_function("tui/startup_to_first_frame_120x40", |b| {
        b.iter_custom(|iterations| {
            let mut total = Duration::ZERO;
            for _ in 0..iterations {
                let start = Instant::now();
                draw_once(&new_app());
                total += start.elapsed();
            }
            total
        });
    });
    c.bench_function("tui/startup_to_list_120x40", |b| {
        b.iter_custom(|iterations| {
            let mut total = Duration::ZERO;
            for _ in 0..iterations {
                let start = Instant::now();
                let mut app = new_app();
                draw_once(&app);
                listed(&mut app);
                draw_once(&app);
                total += start.elapsed();
            }
            total
        });
    });
}

/// Down and Up on a home list of 1,000 workshop assessments.
fn home_keypress(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::at(dir.path());
    let questionnaire = aiact::catalog::default_questionnaire().expect("built-in");
    workshop::fill(
        &store,
        &questionnaire,
        1000,
        date(2026, 11, 23),
        workshop::TurnsOn::Saved,
    );
    let workspace = Workspace::built_in(store, aiact::catalog::DEFAULT_ID);
    let mut app = App::new(workspace, date(2026, 11, 23), Theme::new(true), AREA);
    listed(&mut app);
    down_and_up(c, "tui/keypress_home_1000_120x40", &mut app);
}

criterion_group!(benches, keypress, verdict_scroll, startup, home_keypress);
criterion_main!(benches);
