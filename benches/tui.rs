//! TUI benchmarks: a keypress on the question screen (update + render at
//! 120×40) and startup to the first frame. Targets and figures:
//! docs/benchmarks.md.

use std::hint::black_box;

use aiact::catalog;
use aiact::tui::action::Action;
use aiact::tui::app::App;
use aiact::tui::theme::Theme;
use aiact::tui::workspace::Workspace;
use criterion::{Criterion, criterion_group, criterion_main};
use jiff::civil::date;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;

const AREA: Rect = Rect::new(0, 0, 120, 40);

fn new_app() -> App {
    let questionnaire = catalog::default_questionnaire().expect("the shipped questionnaire loads");
    App::new(
        Workspace::in_memory(questionnaire),
        date(2026, 11, 23),
        Theme::new(true),
        AREA,
    )
}

fn keypress(c: &mut Criterion) {
    let mut app = new_app();
    app.update(Action::NewAssessment);
    for c in "Bench bot".chars() {
        app.update(Action::Insert(c));
    }
    app.update(Action::Confirm);
    let mut terminal = Terminal::new(TestBackend::new(AREA.width, AREA.height)).expect("terminal");
    c.bench_function("tui/keypress_question_120x40", |b| {
        // One key per iteration, alternately Down and Up: the highlight moves
        // and the explanation panel follows it.
        let mut down = true;
        b.iter(|| {
            let key = if down { Action::Down } else { Action::Up };
            down = !down;
            app.update(black_box(key));
            terminal
                .draw(|frame| frame.render_widget(&app, frame.area()))
                .expect("draw");
        });
    });
}

fn startup(c: &mut Criterion) {
    c.bench_function("tui/startup_to_first_frame_120x40", |b| {
        b.iter(|| {
            let app = new_app();
            let mut terminal =
                Terminal::new(TestBackend::new(AREA.width, AREA.height)).expect("terminal");
            terminal
                .draw(|frame| frame.render_widget(&app, frame.area()))
                .expect("draw");
            black_box(terminal);
        });
    });
}

criterion_group!(benches, keypress, startup);
criterion_main!(benches);
