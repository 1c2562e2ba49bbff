//! The interactive assessment without a terminal: key sequences through the
//! key table and `update`, asserting on the state; and snapshots of every
//! screen drawn into a `TestBackend`, at 80×24 and 120×40.

use std::path::PathBuf;

use std::time::{Duration, Instant};

use aiact::storage::{Listing, Questionnaires, Store};
use aiact::tui::app::{App, Screen};
use aiact::tui::keymap;
use aiact::tui::open::{Open, View};
use aiact::tui::overlay::Overlay;
use aiact::tui::theme::Theme;
use aiact::tui::workspace::Workspace;
use aiact::tui::{action::Action, ui};
use aiact_core::{Answer, Applicability, Questionnaire};
use jiff::civil::date;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};

#[path = "support/contains.rs"]
mod contains;
#[path = "support/palette.rs"]
mod palette;

use contains::assert_contains;

fn toy() -> Questionnaire {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/toy.json");
    Questionnaire::load(&path).expect("the toy questionnaire loads")
}

/// An app over a store in a temporary directory, with the toy questionnaire.
struct TestApp {
    app: App,
    dir: tempfile::TempDir,
}

impl std::ops::Deref for TestApp {
    type Target = App;
    fn deref(&self) -> &App {
        &self.app
    }
}

impl std::ops::DerefMut for TestApp {
    fn deref_mut(&mut self) -> &mut App {
        &mut self.app
    }
}

fn store(dir: &std::path::Path, questionnaire: Questionnaire) -> Store {
    Store::at(dir).with_questionnaires(Questionnaires::built_in().with(questionnaire))
}

fn app_in(dir: tempfile::TempDir, width: u16, height: u16) -> TestApp {
    app_with(dir, toy(), width, height)
}

/// An app whose new assessments use `questionnaire`.
fn app_with(
    dir: tempfile::TempDir,
    questionnaire: Questionnaire,
    width: u16,
    height: u16,
) -> TestApp {
    let mut app = App::new(
        Workspace::new(store(dir.path(), questionnaire.clone()), questionnaire),
        date(2026, 11, 23),
        Theme::new(false),
        Rect::new(0, 0, width, height),
    );
    app.set_export_dir(dir.path().to_owned());
    settle(&mut app);
    TestApp { app, dir }
}

fn app(width: u16, height: u16) -> TestApp {
    app_in(tempfile::tempdir().expect("tempdir"), width, height)
}

/// A second app on the same data directory, as a second `aiact` would be.
fn second_app(first: &TestApp) -> App {
    let mut second = App::new(
        Workspace::new(store(first.dir.path(), toy()), toy()),
        date(2026, 11, 23),
        Theme::new(false),
        Rect::new(0, 0, 80, 24),
    );
    settle(&mut second);
    second
}

/// Takes the listings the app asked for (at the start, on coming home,
/// after a change made here) as the real loop does when they come: they
/// are read on a thread of their own.
fn settle(app: &mut App) {
    let deadline = Instant::now() + Duration::from_secs(20);
    while app.is_listing() {
        assert!(Instant::now() < deadline, "the listing never came");
        app.wait_for_listing(Duration::from_millis(100));
    }
}

/// Keys as a script: `<Enter>`, `<Esc>`, `<Space>`, `<Down>`, `<Up>`,
/// `<Left>`, `<Tab>`, `<C-c>`; any other character is typed as itself.
/// As in the real loop, a frame is drawn before each key: updates read
/// the layout that drawing recorded.
fn press(app: &mut App, script: &str) {
    let mut rest = script;
    while let Some(c) = rest.chars().next() {
        let (code, modifiers, length) = if c == '<' {
            let end = rest.find('>').expect("closing >");
            let name = &rest[1..end];
            let (code, modifiers) = match name {
                "Enter" => (KeyCode::Enter, KeyModifiers::NONE),
                "Esc" => (KeyCode::Esc, KeyModifiers::NONE),
                "Space" => (KeyCode::Char(' '), KeyModifiers::NONE),
                "Down" => (KeyCode::Down, KeyModifiers::NONE),
                "Up" => (KeyCode::Up, KeyModifiers::NONE),
                "Left" => (KeyCode::Left, KeyModifiers::NONE),
                "Tab" => (KeyCode::Tab, KeyModifiers::NONE),
                "PgDn" => (KeyCode::PageDown, KeyModifiers::NONE),
                "C-c" => (KeyCode::Char('c'), KeyModifiers::CONTROL),
                "C-u" => (KeyCode::Char('u'), KeyModifiers::CONTROL),
                other => panic!("unknown key <{other}>"),
            };
            (code, modifiers, end + 1)
        } else {
            (KeyCode::Char(c), KeyModifiers::NONE, c.len_utf8())
        };
        rest = &rest[length..];
        settle(app);
        draw(app);
        let event = KeyEvent::new(code, modifiers);
        if let Some(action) = keymap::action_for(&event, app.context()) {
            app.update(action);
        }
    }
    settle(app);
}

fn assessment(app: &App) -> &Open {
    app.open().expect("an assessment is open")
}

fn current_id(app: &App) -> Option<&str> {
    assessment(app).document.assessment().current_id()
}

fn answers(app: &App) -> &aiact_core::Answers {
    assessment(app).document.assessment().answers()
}

/// The verdict, which must be showing.
fn verdict(app: &App) -> &aiact_core::Verdict {
    assert_eq!(view(app), View::Verdict, "the verdict is showing");
    assessment(app).document.assessment().verdict()
}

/// The text of the message line, if any.
fn message(app: &App) -> String {
    app.message().map(|m| m.text()).unwrap_or_default()
}

fn view(app: &App) -> View {
    assessment(app).view
}

/// Starts an assessment named "Acme bot" from the home screen.
fn start(app: &mut App) {
    press(app, "nAcme bot<Enter>");
}

fn draw(app: &App) -> Terminal<TestBackend> {
    let area = app.area();
    let mut terminal = Terminal::new(TestBackend::new(area.width, area.height)).expect("terminal");
    terminal
        .draw(|frame| frame.render_widget(app, frame.area()))
        .expect("draw");
    terminal
}

fn screen_text(app: &App) -> String {
    draw(app).backend().to_string()
}

// ---- key sequences ----

#[test]
fn from_a_blank_assessment_to_a_verdict_with_keys_only() {
    let mut app = app(80, 24);
    start(&mut app);
    assert_eq!(current_id(&app), Some("is_ai"));
    press(&mut app, "<Enter>"); // Yes, the highlighted option
    assert_eq!(current_id(&app), Some("role"));
    press(&mut app, "<Space><Down><Space><Enter>"); // provider and deployer ticked
    assert_eq!(current_id(&app), Some("use_area"));
    press(&mut app, "4<Enter>"); // chatting with customers
    assert_eq!(current_id(&app), Some("chatbot"));
    press(&mut app, "1<Enter>");
    assert_eq!(current_id(&app), Some("users"));
    press(&mut app, "1 500<Enter>");
    assert_eq!(current_id(&app), Some("comment"));
    press(&mut app, "<Enter>"); // optional: left empty
    assert_eq!(view(&app), View::Verdict);
    let given = answers(&app);
    assert_eq!(
        given.get("role"),
        Some(&Answer::Choices(vec!["provider".into(), "deployer".into()]))
    );
    assert_eq!(given.get("users"), Some(&Answer::Number(1500.0)));
    assert_eq!(given.get("comment"), None);
    let verdict = verdict(&app);
    assert!(verdict.complete);
    assert_eq!(verdict.tier.id, "transparency");
    assert!(verdict.finding("large_user_base").is_some());
    // The plan says what to do by when: the duty under its step, now.
    let mut app = app;
    app.resize(Rect::new(0, 0, 120, 40));
    let text = screen_text(&app);
    let plan: Vec<&str> = text
        .lines()
        .skip_while(|line| !line.contains("WHAT YOU MUST DO, BY WHEN"))
        .take(3)
        .collect();
    assert!(plan.len() == 3 && plan[1].contains("○ Now"), "{text}");
    assert!(plan[2].contains("│ Disclose the AI"), "{text}");
}

#[test]
fn changing_an_answer_in_the_review_returns_there_and_marks_what_no_longer_applies() {
    let mut app = app(80, 24);
    start(&mut app);
    press(&mut app, "<Enter><Enter>");
    assert_eq!(
        current_id(&app),
        Some("role"),
        "Enter with nothing ticked does not guess"
    );
    assert!(message(&app).contains("Nothing is ticked"));
    press(&mut app, "<Space><Enter>"); // provider
    assert_eq!(current_id(&app), Some("use_area"));
    press(&mut app, "r");
    assert_eq!(view(&app), View::Review);
    press(&mut app, "<Up><Up><Enter>");
    assert_eq!(view(&app), View::Question);
    assert_eq!(current_id(&app), Some("is_ai"));
    press(&mut app, "2<Enter>"); // No: not an AI system, nothing else applies
    assert_eq!(view(&app), View::Review, "back where the change was made");
    assert_eq!(
        assessment(&app).review.selected,
        0,
        "the changed question stays selected"
    );
    press(&mut app, "v");
    assert_eq!(verdict(&app).tier.id, "not_ai_system");
    let a = assessment(&app).document.assessment();
    let role = a.questionnaire().question_position("role").expect("role");
    assert_eq!(
        a.snapshot().applicability(role),
        Applicability::NotApplicable
    );
    press(&mut app, "r");
    let review = screen_text(&app);
    assert_contains(&review, "no longer applies");
    // A change that opens questions goes on to them instead.
    press(&mut app, "g<Enter>1<Enter>");
    assert_eq!(view(&app), View::Question);
    assert_eq!(current_id(&app), Some("use_area"), "role kept its answer");
}

#[test]
fn the_review_says_when_an_answer_is_not_needed() {
    let needed = || {
        let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/needed.json");
        Questionnaire::load(&path).expect("the fixture of questions not needed loads")
    };
    let mut app = app_with(tempfile::tempdir().expect("tempdir"), needed(), 80, 24);
    start(&mut app);
    // A provider; it scores people; not from unrelated data, but out of
    // proportion: banned.
    press(&mut app, "<Space><Enter><Space><Enter>2<Enter>1<Enter>");
    assert_eq!(current_id(&app), Some("pair_a"), "nothing else matters");
    // Unrelated data after all: the ban is certain before the proportion
    // question, which is no longer needed; its answer is kept.
    press(&mut app, "rg<Down><Down><Enter>1<Enter>");
    assert_eq!(view(&app), View::Review);
    let a = assessment(&app).document.assessment();
    let position = a.questionnaire().question_position("disproportionate");
    assert_eq!(
        position.map(|p| a.snapshot().applicability(p)),
        Some(Applicability::NotNeeded)
    );
    assert!(answers(&app).get("disproportionate").is_some());
    let review = screen_text(&app);
    assert_contains(&review, "not needed: every answer gives the same result");
}

#[test]
fn back_goes_to_the_previous_question_and_shows_its_answer() {
    let mut app = app(80, 24);
    start(&mut app);
    press(&mut app, "2"); // highlight No without answering
    press(&mut app, "<Left>");
    assert!(message(&app).contains("first question"));
    press(&mut app, "1<Enter><Space><Enter>");
    assert_eq!(current_id(&app), Some("use_area"));
    press(&mut app, "b");
    assert_eq!(current_id(&app), Some("role"));
    let state = &assessment(&app).question;
    assert_eq!(
        state.ticked,
        vec!["provider".to_owned()],
        "the given answer is shown"
    );
}

#[test]
fn back_from_an_unfinished_verdict_goes_to_the_first_unanswered_question() {
    let mut app = app(80, 24);
    start(&mut app);
    press(&mut app, "<Enter><Space><Enter>"); // yes, provider: on to use_area
    press(&mut app, "r<Up><Up><Enter>"); // back at is_ai, from the review
    assert_eq!(current_id(&app), Some("is_ai"));
    press(&mut app, "v");
    assert_eq!(view(&app), View::Verdict);
    assert!(!verdict(&app).complete);
    press(&mut app, "b");
    assert_eq!(view(&app), View::Question);
    assert_eq!(current_id(&app), Some("use_area"));
}

/// The toy questionnaire with twelve uses to choose from, and `question`
/// as the text of that question.
/// Founder trial F-2: the verdict of a system in development offers the
/// questions for its launch; `l` goes on to them, and after the last one
/// the verdict shows the launch's result beside today's.
#[test]
fn l_on_the_verdict_of_a_system_in_development_goes_on_to_its_launch() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/outcome.json");
    let outcome = Questionnaire::load(&path).expect("the outcome fixture loads");
    let mut app = app_over(outcome, 120, 40);
    start(&mut app);
    press(&mut app, "<Enter><Space><Enter>"); // an AI system, still in development
    assert_eq!(verdict(&app).tier.id, "out_of_scope");
    let text = screen_text(&app);
    assert_contains(&text, "l launch questions");
    assert_contains(&text, "Press l to go on with the questions");
    press(&mut app, "l");
    assert_eq!(view(&app), View::Question);
    assert_eq!(
        current_id(&app),
        Some("role"),
        "the launch's first question"
    );
    let text = screen_text(&app);
    assert_contains(&text, "question 1 for when you launch");
    // Today's questions are all answered; the bar follows the launch's.
    let bar = text
        .lines()
        .find(|line| line.contains("question 1 for when you launch"))
        .unwrap_or_default();
    assert!(!bar.contains('█'), "the launch's first question: {bar}");
    press(&mut app, "<Space><Enter>"); // provider
    assert_eq!(
        current_id(&app),
        Some("practices"),
        "on to the launch's next"
    );
    press(&mut app, "2<Enter>1<Enter>2<Enter>2<Enter>2<Enter>"); // none, hiring, no, no, no
    let today = verdict(&app);
    assert_eq!(today.tier.id, "out_of_scope", "today's result is unchanged");
    let launched = today.look_ahead.as_ref().and_then(|l| l.verdict.as_deref());
    assert_eq!(launched.map(|v| v.tier.id.as_str()), Some("high_risk"));
    let text = screen_text(&app);
    assert_contains(&text, "When you launch (not applying yet)");
    assert!(
        !text.contains("launch questions"),
        "every one answered: {text}"
    );
    press(&mut app, "l");
    assert_eq!(view(&app), View::Verdict, "nothing left to go on with");
    // The review lists the launch's answers as such, not as off the path.
    press(&mut app, "r");
    let text = screen_text(&app);
    assert_contains(&text, "Screening job applicants (for when you launch)");
    assert!(!text.contains("no longer applies"), "{text}");
}

/// `l` does nothing on a verdict that offers no launch questions.
#[test]
fn l_on_another_verdict_does_nothing() {
    let mut app = app(120, 40);
    start(&mut app);
    press(&mut app, "2<Enter>"); // not an AI system: the verdict
    assert_eq!(verdict(&app).tier.id, "not_ai_system");
    assert!(!screen_text(&app).contains("launch questions"));
    press(&mut app, "l");
    assert_eq!(view(&app), View::Verdict);
}

fn with_many_options(question: &str) -> Questionnaire {
    let mut doc = toy().doc().clone();
    let use_area = doc
        .questions
        .iter_mut()
        .find(|q| q.id == "use_area")
        .expect("use_area");
    let template = use_area.options[0].clone();
    for i in use_area.options.len()..12 {
        let mut option = template.clone();
        option.id = format!("extra_{i}");
        option.label = format!("Extra use {i}");
        use_area.options.push(option);
    }
    use_area.allow_not_sure = true;
    use_area.text = question.to_owned();
    Questionnaire::from_doc(doc).expect("valid")
}

/// An app at `width`×`height` over `questionnaire`, in a directory of its own.
fn app_over(questionnaire: Questionnaire, width: u16, height: u16) -> TestApp {
    app_with(
        tempfile::tempdir().expect("tempdir"),
        questionnaire,
        width,
        height,
    )
}

#[test]
fn options_after_the_ninth_and_not_sure_are_reached_with_j_k_end_and_home() {
    let many = with_many_options("What is it used for?");
    let rows = many
        .question("use_area")
        .map(|q| q.options.len() + 1)
        .expect("use_area");
    let mut app = app_over(many, 80, 24);
    press(&mut app, "nAcme<Enter><Enter><Space><Enter>");
    assert_eq!(current_id(&app), Some("use_area"));
    let cursor = |app: &App| assessment(app).question.cursor;
    press(&mut app, "9");
    assert_eq!(cursor(&app), 8);
    press(&mut app, "jj");
    assert_eq!(cursor(&app), 10, "past the ninth with j");
    press(&mut app, "G");
    assert_eq!(cursor(&app), rows - 1, "End/G: the last row");
    let text = screen_text(&app);
    let not_sure = text
        .lines()
        .find(|line| line.contains("Not sure"))
        .expect("Not sure is in view");
    assert!(not_sure.contains('›'), "{text}");
    press(&mut app, "kg");
    assert_eq!(cursor(&app), 0);
    press(&mut app, "G<Enter>");
    assert_eq!(answers(&app).get("use_area"), Some(&Answer::NotSure));
}

#[test]
fn the_explanation_scrolls_by_pages_within_its_length_and_links_stay_whole() {
    for (width, height) in [(80, 24), (100, 30), (120, 40)] {
        let mut app = app(width, height);
        start(&mut app);
        for _ in 0..30 {
            press(&mut app, "<PgDn>");
        }
        draw(&app);
        let max = assessment(&app)
            .question
            .layout
            .read(|layout| layout.explanation_max);
        let scroll = assessment(&app).question.explanation_scroll;
        assert!(assessment(&app).question.explanation_open);
        assert_eq!(scroll, max, "{width}x{height}: stops at the end");
        let text = screen_text(&app);
        for line in text.lines().filter(|line| line.contains("eur-lex")) {
            assert!(
                line.contains("#art_"),
                "{width}x{height}: a link was broken: {text}"
            );
        }
        app.update(Action::PageUp);
        assert!(
            assessment(&app).question.explanation_scroll < scroll || scroll == 0,
            "one page up moves at once"
        );
    }
}

#[test]
fn not_sure_leads_to_open_points_and_a_provisional_result() {
    let mut app = app(80, 24);
    start(&mut app);
    press(&mut app, "<Enter><Space><Enter>1<Enter>"); // yes, provider, hiring
    assert_eq!(current_id(&app), Some("narrow_task"));
    press(&mut app, "3<Enter>"); // not sure
    assert_eq!(current_id(&app), Some("profiling"));
    press(&mut app, "2<Enter>");
    press(&mut app, "1<Enter>"); // on_market: yes (asked because high-risk may hold)
    assert_eq!(current_id(&app), Some("comment"));
    press(&mut app, "<Enter>"); // optional, left empty
    assert_eq!(view(&app), View::Verdict, "{:?}", current_id(&app));
    let verdict = verdict(&app).clone();
    assert!(!verdict.open_points.is_empty());
    assert_eq!(
        verdict.tier.id, "high_risk",
        "the most demanding tier not ruled out"
    );
    let text = screen_text(&app);
    assert_contains(&text, "◀ High-risk  your result, provisional");
}

#[test]
fn a_note_is_kept_with_the_question_and_the_draft_survives_ctrl_c() {
    let mut app = app(80, 24);
    start(&mut app);
    press(&mut app, "nOur model is a classifier<Enter>");
    assert_eq!(
        assessment(&app).document.note("is_ai"),
        Some("Our model is a classifier")
    );
    press(&mut app, "<Enter>n<Esc>"); // opening and cancelling changes nothing
    assert_eq!(assessment(&app).document.note("role"), None);
    press(&mut app, "ndraft<C-c>");
    assert!(!app.is_running());
    let mut reopened = second_app(&app);
    press(&mut reopened, "<Down><Enter>");
    let a = assessment(&reopened);
    assert_eq!(a.document.note("role"), Some("draft"));
    assert_eq!(a.document.note("is_ai"), Some("Our model is a classifier"));
}

#[test]
fn leaving_and_reopening_an_assessment_resumes_at_the_first_open_question() {
    let mut app = app(80, 24);
    start(&mut app);
    press(&mut app, "<Enter><Space><Enter><Esc>");
    let Screen::Home(home) = app.screen() else {
        panic!("home");
    };
    assert_eq!(home.selected, 1, "the assessment just left is selected");
    let Some(Listing::Readable(summary)) = home.entries.first() else {
        panic!("listed");
    };
    assert_eq!(summary.system_name, "Acme bot");
    assert_eq!(summary.progress.answered, 2);
    press(&mut app, "<Enter>");
    assert_eq!(current_id(&app), Some("use_area"));
}

#[test]
fn a_number_that_is_not_one_is_refused_with_a_message_and_kept_for_editing() {
    let mut app = app(80, 24);
    start(&mut app);
    press(&mut app, "<Enter><Down><Space><Enter>5<Enter>1<Enter>"); // yes, deployer, chat, chatbot yes
    assert_eq!(current_id(&app), Some("users"));
    press(&mut app, "lots<Enter>");
    assert_eq!(current_id(&app), Some("users"));
    assert!(message(&app).contains("not a number"));
    assert_eq!(assessment(&app).question.field.text(), "lots");
    press(&mut app, "-5");
    press(&mut app, "<Enter>");
    // "lots-5" is not a number either; clear and give one below the minimum.
    for _ in 0..6 {
        app.update(Action::DeleteBack);
    }
    press(&mut app, "-5<Enter>");
    assert_contains(&message(&app), "below the minimum");
    assert_eq!(current_id(&app), Some("users"));
    for _ in 0..2 {
        app.update(Action::DeleteBack);
    }
    press(&mut app, "1,5<Enter>");
    assert_contains(&message(&app), "commas separate thousands");
    for _ in 0..3 {
        app.update(Action::DeleteBack);
    }
    press(&mut app, "10^3<Enter>");
    assert_eq!(answers(&app).get("users"), Some(&Answer::Number(1000.0)));
}

#[test]
fn letters_type_into_an_answer_field_until_esc_makes_them_commands_again() {
    let mut app = app(80, 24);
    start(&mut app);
    press(&mut app, "<Enter><Down><Space><Enter>5<Enter>1<Enter>");
    press(&mut app, "r");
    assert_eq!(view(&app), View::Question, "r is typed, not review");
    assert_eq!(assessment(&app).question.field.text(), "r");
    press(&mut app, "<Esc>r");
    assert_eq!(view(&app), View::Review);
}

#[test]
fn clicking_an_option_selects_it() {
    let mut app = app(80, 24);
    start(&mut app);
    // Header (1), section, progress, blank, question text, hint, blank: options from row 7.
    let text = screen_text(&app);
    let row = text
        .lines()
        .position(|line| line.contains("2. ( ) No"))
        .expect("the No option is drawn");
    app.update(Action::Click {
        column: 10,
        row: u16::try_from(row).expect("row"),
    });
    assert_eq!(assessment(&app).question.cursor, 1);
    press(&mut app, "<Enter>");
    assert_eq!(
        answers(&app).get("is_ai"),
        Some(&Answer::Choice("no".into()))
    );
}

#[test]
fn the_key_help_lists_the_keys_of_the_screen_it_was_opened_on() {
    let mut app = app(80, 24);
    start(&mut app);
    press(&mut app, "?");
    let text = screen_text(&app);
    assert_contains(&text, "Keys: question");
    assert_contains(&text, "Write a note on this question");
    press(&mut app, "<Esc>");
    assert!(app.overlay().is_none());
}

#[test]
fn a_new_assessment_needs_a_name() {
    let mut app = app(80, 24);
    press(&mut app, "n   <Enter>");
    assert!(matches!(app.screen(), Screen::Home(_)));
    assert!(screen_text(&app).contains("Give the AI system a name"));
}

#[test]
fn export_writes_the_report_as_markdown_html_and_json() {
    let mut app = app(80, 24);
    let dir = app.export_dir().to_owned();
    press(&mut app, "n*Acme* bot<Enter>2<Enter>e");
    let json = std::fs::read_to_string(dir.join("acme-bot-report.json")).expect("json");
    let report: serde_json::Value = serde_json::from_str(&json).expect("parses");
    assert_eq!(report["verdict"]["tier"]["id"], "not_ai_system");
    let markdown = std::fs::read_to_string(dir.join("acme-bot-report.md")).expect("md");
    assert!(
        markdown.starts_with("# EU AI Act assessment: \\*Acme\\* bot\n"),
        "{markdown}"
    );
    let html = std::fs::read_to_string(dir.join("acme-bot-report.html")).expect("html");
    assert_contains(&html, "<h1>*Acme* bot</h1>");
    let said = message(&app);
    assert!(
        said.starts_with("Exported to ") && said.contains("acme-bot-report.md"),
        "{said}"
    );
    // Again: the files are replaced, and the message says so.
    press(&mut app, "e");
    let text = screen_text(&app);
    assert_contains(&text, "Replaced existing files in");
    assert_contains(&text, "acme-bot-report.md, .html, .json");
}

/// The TUI built its report from a verdict without what it turns on, so
/// its export differed from `aiact export`'s: the same files now.
#[test]
fn the_export_is_what_aiact_export_writes_what_the_result_turns_on_included() {
    let mut app = app(80, 24);
    let dir = app.export_dir().to_owned();
    press(&mut app, PROVISIONAL_HIGH_RISK);
    press(&mut app, "e");
    let path = assessment(&app).document.path().to_owned();
    let store = store(app.dir.path(), toy());
    let opened = store
        .open(&path, aiact::storage::Mode::ReadOnly)
        .expect("opens");
    let report = aiact::report::model::Report::build(&opened, date(2026, 11, 23));
    for format in aiact::report::format::ExportFormat::ALL {
        let written =
            std::fs::read_to_string(dir.join(format!("acme-bot-report.{}", format.extension())))
                .expect("exported");
        let expected = format.render(&report).expect("renders");
        assert_eq!(written, expected, "{}", format.extension());
        assert!(
            written.contains("What this result turns on") || written.contains("\"turns_on\""),
            "{}",
            format.extension()
        );
    }
}

#[test]
fn the_export_message_shows_the_file_names_even_for_a_long_directory() {
    let mut app = app(80, 24);
    let deep = app
        .dir
        .path()
        .join("a rather long directory name for the reports of the team/and another one");
    std::fs::create_dir_all(&deep).expect("dir");
    app.set_export_dir(deep);
    press(&mut app, "nAcme bot<Enter>2<Enter>e");
    let text = screen_text(&app);
    let line = text
        .lines()
        .find(|line| line.contains("Exported to"))
        .expect("the message shows");
    assert_contains(line, "…");
    assert_contains(line, ": acme-bot-report.md, .html, .json");
}

#[test]
fn deleting_asks_first() {
    let mut app = app(80, 24);
    start(&mut app);
    press(&mut app, "<Esc>x");
    assert!(screen_text(&app).contains("Delete \"Acme bot\"?"));
    press(&mut app, "n");
    assert_eq!(app.workspace().list().len(), 1);
    press(&mut app, "xy");
    assert!(app.workspace().list().is_empty());
}

#[test]
fn after_a_delete_the_next_assessment_is_selected() {
    let mut app = app(80, 24);
    press(
        &mut app,
        "nFirst<Enter><Esc>nSecond<Enter><Esc>nThird<Enter><Esc>",
    );
    // Most recent first: Third (selected, just left), Second, First.
    press(&mut app, "<Down>xy");
    let Screen::Home(home) = app.screen() else {
        panic!("home");
    };
    let selected = home
        .selected_entry()
        .and_then(|i| home.entries.get(i))
        .expect("an assessment stays selected, not '+ New assessment'");
    let Listing::Readable(summary) = selected else {
        panic!("readable");
    };
    assert_eq!(summary.system_name, "First");
}

/// Two assessments of the toy questionnaire: "Acme bot" (a chatbot) and
/// "Hiring helper" (screening applicants), the home list showing, "Hiring
/// helper" (the last one left) selected.
const TWO_ASSESSMENTS: &str = "nAcme bot<Enter><Enter><Esc>nHiring helper<Tab>Acme GmbH<Enter><Enter><Space><Enter>1<Enter><Esc>";

#[test]
fn c_marks_an_assessment_and_c_on_another_compares_the_two() {
    let mut app = app(100, 30);
    press(&mut app, TWO_ASSESSMENTS);
    press(&mut app, "c");
    assert_contains(&message(&app), "Marked as A: press c on another assessment");
    assert_contains(&screen_text(&app), "[A] Hiring helper");
    assert!(app.overlay().is_none());

    press(&mut app, "<Down>c");
    let Some(Overlay::Comparison { compared, .. }) = app.overlay() else {
        panic!("the comparison opens: {}", screen_text(&app));
    };
    assert_eq!(compared.names.a, "Hiring helper (hiring-helper.json)");
    assert_eq!(compared.names.b, "Acme bot (acme-bot.json)");
    let text = screen_text(&app);
    assert_contains(&text, "ANSWERS THAT DIFFER");
    assert_contains(&text, "A: Hiring helper (hiring-helper.json)");

    // It scrolls, and Esc closes it; A stays marked for the next one.
    press(&mut app, "<Down><Down>");
    let Some(Overlay::Comparison { scroll, .. }) = app.overlay() else {
        panic!("still open");
    };
    assert_eq!(*scroll, 2);
    press(&mut app, "<Esc>");
    assert!(app.overlay().is_none());
    assert!(screen_text(&app).contains("[A] Hiring helper"));

    // c on A unmarks it; on the "new" row it asks for an assessment.
    press(&mut app, "<Up>c");
    assert_contains(&message(&app), "no longer marked");
    assert!(!screen_text(&app).contains("[A]"));
    press(&mut app, "<Up>c");
    assert!(app.overlay().is_none());
    assert_contains(&message(&app), "Select an assessment first");
}

#[test]
fn the_home_key_help_and_a_wide_footer_offer_compare() {
    let mut app = app(120, 40);
    press(&mut app, TWO_ASSESSMENTS);
    assert_contains(&screen_text(&app), "c compare");
    press(&mut app, "?");
    assert_contains(&screen_text(&app), "Compare two assessments");
}

#[test]
fn snapshot_comparison() {
    for (width, height) in [(80, 24), (120, 40)] {
        let mut app = app(width, height);
        press(&mut app, &format!("{TWO_ASSESSMENTS}c<Down>c"));
        snapshot(&format!("comparison_{width}x{height}"), &app);
    }
}

#[test]
fn keys_do_nothing_while_the_terminal_is_too_small_except_quit_and_resize() {
    use ratatui::crossterm::event::Event;
    let mut app = app(80, 24);
    start(&mut app);
    assert!(app.action_for_event(&Event::Resize(50, 12)).is_none());
    press(&mut app, "2<Enter>r<Esc>?");
    assert_eq!(current_id(&app), Some("is_ai"), "no answer was given");
    assert_eq!(view(&app), View::Question);
    assert!(app.overlay().is_none());
    assert!(
        app.action_for_event(&Event::Key(KeyEvent::new(
            KeyCode::Enter,
            KeyModifiers::NONE
        )))
        .is_none()
    );
    // Larger again: the keys act as before.
    assert!(app.action_for_event(&Event::Resize(80, 24)).is_none());
    press(&mut app, "2<Enter>");
    assert_eq!(view(&app), View::Verdict);
    // Ctrl-C quits even while too small.
    app.action_for_event(&Event::Resize(50, 12));
    press(&mut app, "<C-c>");
    assert!(!app.is_running());
}

#[test]
fn the_delete_confirmation_hides_the_list_below_it() {
    let mut app = app(80, 24);
    for i in 0..12 {
        press(
            &mut app,
            &format!("nAssessment number {i} with a long name<Enter><Esc>"),
        );
    }
    press(&mut app, "x");
    let text = screen_text(&app);
    let lines: Vec<&str> = text.lines().collect();
    let at = lines
        .iter()
        .position(|line| line.contains("Delete \"Assessment number"))
        .expect("the confirmation shows");
    // The blank line of the dialog is blank: nothing of the list shows through.
    let blank = lines[at + 1];
    let inside: String = blank
        .split('│')
        .nth(1)
        .expect("the dialog's borders")
        .to_owned();
    assert!(inside.trim().is_empty(), "{text}");
}

#[test]
fn long_names_on_the_home_list_are_cut_with_an_ellipsis_and_keep_a_gap() {
    let mut app = app(80, 24);
    press(
        &mut app,
        "nA very long system name that goes on and on<Tab>Some Organisation GmbH<Enter><Esc>",
    );
    let text = screen_text(&app);
    let line = text
        .lines()
        .find(|line| line.contains("A very long"))
        .expect("listed");
    assert_contains(line, "…  not started");
}

#[test]
fn a_long_section_title_and_system_name_end_in_an_ellipsis_and_the_title_stays() {
    let mut doc = toy().doc().clone();
    doc.sections[0].title =
        "High-risk uses, in full detail (Article 6(2) and Annex III of the Act)".into();
    let long = Questionnaire::from_doc(doc).expect("valid");
    let dir = tempfile::tempdir().expect("tempdir");
    let mut app = App::new(
        Workspace::new(store(dir.path(), long.clone()), long),
        date(2026, 11, 23),
        Theme::new(false),
        Rect::new(0, 0, 80, 24),
    );
    press(
        &mut app,
        "nThe extremely long name of our wonderful AI product, version two<Enter>",
    );
    let text = screen_text(&app);
    let lines: Vec<&str> = text.lines().collect();
    assert!(
        lines[0].contains("Toy questionnaire for engine tests"),
        "{text}"
    );
    assert!(lines[0].contains("The extremely long"), "{text}");
    assert!(lines[0].contains('…'), "{text}");
    let section = lines
        .iter()
        .find(|line| line.contains("Section 1 of 3"))
        .expect("the section line");
    assert_contains(section, "…");
    assert!(!section.contains("Annex II "), "{section}");
}

// ---- snapshots ----

/// Each screen at both sizes, named after the screen.
fn snapshot_both_sizes(name: &str, script: &str) {
    for (width, height) in [(80, 24), (120, 40)] {
        let mut app = app(width, height);
        press(&mut app, script);
        snapshot(&format!("{name}_{width}x{height}"), &app);
    }
}

/// A snapshot with the temporary data directory masked.
fn snapshot(name: &str, app: &App) {
    insta::with_settings!({filters => vec![(r"in /\S+", "in [DATA DIR]")]}, {
        insta::assert_snapshot!(name.to_owned(), draw(app).backend());
    });
}

#[test]
fn snapshot_home_empty() {
    snapshot_both_sizes("home_empty", "");
}

#[test]
fn snapshot_home_with_assessments() {
    snapshot_both_sizes(
        "home_list",
        "nAcme bot<Enter><Enter><Esc>nHiring helper<Tab>Acme GmbH<Enter><Enter><Space><Enter>1<Enter><Esc>",
    );
}

#[test]
fn snapshot_new_assessment_form() {
    snapshot_both_sizes("new_form", "nAcme bot<Tab>Acme GmbH");
}

#[test]
fn snapshot_question_single_choice() {
    snapshot_both_sizes(
        "question_single",
        "nAcme bot<Enter><Enter><Space><Enter><Down>",
    );
}

#[test]
fn snapshot_question_with_explanation() {
    // At 80 columns the explanation opens below, at 120 it is already open beside.
    for (width, height, keys) in [(80, 24, "h"), (120, 40, "")] {
        let mut app = app(width, height);
        press(&mut app, &format!("nAcme bot<Enter>{keys}"));
        snapshot(&format!("question_explained_{width}x{height}"), &app);
    }
}

#[test]
fn at_80x24_the_explanation_below_leaves_the_options_in_sight() {
    let mut app = app(80, 24);
    // The use question: five options and "Not sure".
    press(&mut app, "nAcme bot<Enter><Enter><Space><Enter>");
    if !screen_text(&app).contains("Explanation") {
        press(&mut app, "h");
    }
    let text = screen_text(&app);
    assert_contains(&text, "Explanation");
    for option in ["Screening job applicants", "Something else", "Not sure"] {
        assert!(
            text.contains(option),
            "{option} hidden by the panel: {text}"
        );
    }
}

/// Issue 13: the question scrolled away with its options, so that at
/// the last option of a long list nobody could see what was asked.
#[test]
fn the_question_stays_in_sight_while_its_options_scroll() {
    let question = "In that use, does the system profile people: automatically evaluate personal aspects of individuals (work performance, economic situation, health, preferences, reliability, behaviour, location or movements) to analyse or predict them?";
    for (width, height) in [(60, 18), (80, 24)] {
        let mut app = app_over(with_many_options(question), width, height);
        press(&mut app, "nAcme<Enter><Enter><Space><Enter>");
        assert_eq!(current_id(&app), Some("use_area"));
        for keys in ["", "G", "6", "kkk"] {
            press(&mut app, keys);
            let text = screen_text(&app);
            assert!(
                text.contains("In that use, does the system profile people"),
                "{width}x{height} after {keys:?}: {text}"
            );
            let cursor = assessment(&app).question.cursor;
            let highlighted = text.lines().filter(|line| line.contains('›')).count();
            assert_eq!(highlighted, 1, "{width}x{height}, row {cursor}: {text}");
        }
        press(&mut app, "G");
        snapshot(&format!("question_long_list_end_{width}x{height}"), &app);
    }
}

#[test]
fn snapshot_question_multiple_choice() {
    snapshot_both_sizes(
        "question_multi",
        "nAcme bot<Enter><Enter><Space><Down><Space>",
    );
}

#[test]
fn ctrl_u_clears_a_typed_answer() {
    let mut app = app(80, 24);
    press(
        &mut app,
        "nAcme bot<Enter><Enter><Down><Space><Enter>5<Enter>1<Enter>2,5<C-u>1500",
    );
    let text = screen_text(&app);
    assert_contains(&text, "Your answer: 1500 ");
}

#[test]
fn snapshot_question_number() {
    snapshot_both_sizes(
        "question_number",
        "nAcme bot<Enter><Enter><Down><Space><Enter>5<Enter>1<Enter>12",
    );
}

#[test]
fn snapshot_note_editor() {
    snapshot_both_sizes("note", "nAcme bot<Enter>nWe checked the model card");
}

#[test]
fn snapshot_review() {
    snapshot_both_sizes(
        "review",
        "nAcme bot<Enter><Enter><Space><Enter>nOur CTO checks this<Enter>6<Enter>r",
    );
}

#[test]
fn snapshot_verdict() {
    snapshot_both_sizes(
        "verdict",
        "nAcme bot<Enter><Enter><Space><Down><Space><Enter>4<Enter>1<Enter>1500<Enter><Enter>",
    );
}

#[test]
fn snapshot_verdict_provisional() {
    snapshot_both_sizes(
        "verdict_provisional",
        "nAcme bot<Enter><Enter><Space><Enter>1<Enter>3<Enter>2<Enter>1<Enter><Enter><PgDn>",
    );
}

#[test]
fn snapshot_verdict_so_far_with_nothing_decided() {
    // One answer in: the pyramid marks no tier and the result says so.
    snapshot_both_sizes("verdict_undecided", "nAcme bot<Enter><Enter>v");
}

#[test]
fn snapshot_verdict_outside_the_pyramid() {
    snapshot_both_sizes("verdict_not_ai", "nAcme bot<Enter>2<Enter>");
}

#[test]
fn snapshot_key_help() {
    snapshot_both_sizes("key_help", "nAcme bot<Enter>?");
}

#[test]
fn snapshot_terminal_too_small() {
    let app = app(50, 12);
    snapshot("too_small_50x12", &app);
}

#[test]
fn every_screen_draws_in_tiny_areas_without_panicking() {
    let scripts = [
        "",
        "nAcme",
        "nAcme bot<Enter>",
        "nAcme bot<Enter>h",
        "nAcme bot<Enter>r",
        "nAcme bot<Enter>2<Enter>",
        "nAcme bot<Enter>?",
    ];
    for script in scripts {
        for (width, height) in [
            (1, 1),
            (2, 3),
            (59, 17),
            (60, 18),
            (61, 19),
            (300, 5),
            (5, 300),
        ] {
            let mut app = app(80, 24);
            press(&mut app, script);
            app.resize(Rect::new(0, 0, width, height));
            let text = screen_text(&app);
            if width < ui::MIN_WIDTH || height < ui::MIN_HEIGHT {
                assert!(
                    width < 12 || height < 3 || text.contains("too small"),
                    "{width}x{height}: {text}"
                );
            }
        }
    }
}

/// The first line of the verdict's details, as drawn.
fn first_detail_line(app: &App) -> String {
    let text = screen_text(app);
    text.lines()
        .skip_while(|line| !line.contains("Details"))
        .nth(1)
        .unwrap_or_default()
        .trim_matches(|c: char| c == '"' || c.is_whitespace() || c == '█' || c == '║')
        .to_owned()
}

/// A high-risk verdict that rests on a "not sure": it turns on three answers.
const PROVISIONAL_HIGH_RISK: &str =
    "nAcme bot<Enter><Enter><Space><Enter>1<Enter>3<Enter>2<Enter>1<Enter><Enter>";

#[test]
fn tab_jumps_through_the_sections_of_the_verdict_and_the_answers_it_turns_on() {
    let mut app = app(80, 24);
    press(&mut app, PROVISIONAL_HIGH_RISK);
    assert_eq!(view(&app), View::Verdict);
    let items = shown_turns_on(&app).len();
    assert!(items >= 2, "{items}");
    let mut stops = Vec::new();
    for _ in 0..items + 4 {
        press(&mut app, "<Tab>");
        stops.push(first_detail_line(&app));
    }
    // The order of every surface (issue 13).
    assert_eq!(stops[0], "WHAT YOU MUST DO, BY WHEN", "{stops:#?}");
    assert_eq!(stops[1], "WHAT THIS RESULT TURNS ON", "{stops:#?}");
    for (i, stop) in stops[2..=items + 1].iter().enumerate() {
        assert!(stop.starts_with(&format!("› {}. ", i + 1)), "{stops:#?}");
    }
    assert_eq!(stops[items + 2], "OPEN POINTS", "{stops:#?}");
    // The last section is near the end: the details scroll as far as they go.
    assert!(screen_text(&app).contains("FINDINGS"), "{stops:#?}");
    press(&mut app, "<Tab>");
    assert!(screen_text(&app).contains("FINDINGS"), "stays at the end");
    // Back up past the open points to the last answer: it is selected again.
    for _ in 0..2 {
        app.update(Action::PreviousSection);
        draw(&app);
    }
    assert!(
        first_detail_line(&app).starts_with(&format!("› {items}. ")),
        "{}",
        screen_text(&app)
    );
}

#[test]
fn enter_on_an_answer_the_result_turns_on_opens_it_to_change_it() {
    let mut app = app(80, 24);
    press(&mut app, PROVISIONAL_HIGH_RISK);
    let turns_on = shown_turns_on(&app);
    assert_eq!(turns_on[0], "narrow_task", "the open point comes first");
    // The first answer is selected from the start, below the plan: out of
    // sight, Enter shows it first.
    assert!(!screen_text(&app).contains("› 1."));
    press(&mut app, "<Enter>");
    assert_eq!(view(&app), View::Verdict);
    assert!(
        first_detail_line(&app).starts_with("› 1. "),
        "{}",
        screen_text(&app)
    );
    press(&mut app, "<Enter>");
    assert_eq!(view(&app), View::Question);
    assert_eq!(current_id(&app), Some(turns_on[0].as_str()));

    // The second: Tab (past the plan and the section's heading) to it,
    // Enter opens it.
    press(&mut app, "v<Tab><Tab><Tab><Tab>");
    assert!(
        first_detail_line(&app).starts_with("› 2. "),
        "{}",
        screen_text(&app)
    );
    press(&mut app, "<Enter>");
    assert_eq!(current_id(&app), Some(turns_on[1].as_str()));

    // The first (narrow_task, answered "not sure"): Tab to it, Enter,
    // answer Yes (profiling is answered already: nothing new opens); the
    // review shows, that question selected.
    press(&mut app, "v<Tab><Tab><Tab>");
    assert!(
        first_detail_line(&app).starts_with("› 1. "),
        "{}",
        screen_text(&app)
    );
    press(&mut app, "<Enter>");
    assert_eq!(current_id(&app), Some("narrow_task"));
    press(&mut app, "1<Enter>");
    assert_eq!(view(&app), View::Review, "{}", screen_text(&app));
    assert_eq!(
        assessment(&app).review.selected,
        position_of(&app, "narrow_task")
    );
    assert_eq!(
        answers(&app).get("narrow_task"),
        Some(&Answer::Choice("yes".into()))
    );
    press(&mut app, "v");
    assert_eq!(verdict(&app).tier.id, "minimal");
}

/// The questions of "What this result turns on" as the verdict screen
/// shows them, in order.
fn shown_turns_on(app: &App) -> Vec<String> {
    let verdict = assessment(app)
        .document
        .assessment()
        .verdict_with_turns_on();
    aiact::report::turns_on::items(&verdict)
        .unwrap_or_default()
        .iter()
        .map(|item| item.question.to_owned())
        .collect()
}

fn position_of(app: &App, id: &str) -> usize {
    assessment(app)
        .document
        .questionnaire()
        .question_position(id)
        .expect("known question")
}

#[test]
fn clicking_an_answer_the_result_turns_on_selects_it_and_a_second_click_opens_it() {
    let mut app = app(80, 24);
    press(&mut app, PROVISIONAL_HIGH_RISK);
    press(&mut app, "<Tab><Tab>");
    let text = screen_text(&app);
    let row = text
        .lines()
        .position(|line| line.contains("  2. "))
        .expect("the second answer shows");
    let row = u16::try_from(row).expect("row");
    app.update(Action::Click { column: 10, row });
    assert_eq!(assessment(&app).verdict.selected, 1);
    assert_eq!(view(&app), View::Verdict);
    draw(&app);
    app.update(Action::Click { column: 10, row });
    let second = assessment(&app).document.assessment().turns_on()[1]
        .question
        .clone();
    assert_eq!(view(&app), View::Question);
    assert_eq!(current_id(&app), Some(second.as_str()));
}

// ---- storage ----

fn saved_files(app: &TestApp) -> Vec<std::path::PathBuf> {
    let dir = app.dir.path().join("assessments");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .expect("the assessments directory exists")
        .map(|entry| entry.expect("entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .collect();
    files.sort();
    files
}

#[test]
fn every_answer_and_note_is_on_disk_at_once() {
    let mut app = app(80, 24);
    start(&mut app);
    press(&mut app, "nwhy we think so<Enter><Enter>");
    let files = saved_files(&app);
    assert_eq!(files.len(), 1);
    let saved: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&files[0]).expect("read")).expect("json");
    assert_eq!(saved["metadata"]["system_name"], "Acme bot");
    assert_eq!(saved["answers"]["is_ai"]["value"], "yes", "{saved:#}");
    assert_eq!(saved["answers"]["is_ai"]["note"], "why we think so");
}

#[test]
fn a_second_aiact_opens_the_same_assessment_read_only_and_says_so() {
    let mut first = app(80, 24);
    start(&mut first);
    let mut second = second_app(&first);
    press(&mut second, "<Down><Enter>");
    let text = screen_text(&second);
    assert_contains(&text, "Open read-only");
    press(&mut second, "<Enter>"); // close the notice
    assert!(screen_text(&second).contains("READ-ONLY"));
    press(&mut second, "<Enter>");
    assert_contains(&message(&second), "read-only");
    assert_eq!(current_id(&second), Some("is_ai"), "nothing changed");
    press(&mut second, "n");
    assert_eq!(assessment(&second).question.note_editor, None);
    assert_contains(&message(&second), "Read-only: notes cannot be changed");
    // Usability test: "Close the other one to edit it here" did not say
    // how. The notice's steps work: close the other one, back to the
    // list, open it again.
    assert_contains(&text, "close the other one, then go back to the list");
    drop(first);
    press(&mut second, "<Esc><Down><Enter>");
    let text = screen_text(&second);
    assert!(!text.contains("READ-ONLY"), "{text}");
    assert!(!text.contains("Open read-only"), "{text}");
}

/// Takes listings as they come until `shown` holds of the screen's text;
/// how long that took. The list is read on a thread of its own, which a
/// change in the directory wakes.
fn wait_until(app: &mut App, what: &str, shown: impl Fn(&str) -> bool) -> Duration {
    let start = Instant::now();
    loop {
        let text = screen_text(app);
        if shown(&text) {
            return start.elapsed();
        }
        assert!(
            start.elapsed() < Duration::from_secs(15),
            "{what}: not shown after {:?}:\n{text}",
            start.elapsed()
        );
        app.wait_for_listing(Duration::from_millis(100));
    }
}

#[test]
fn the_home_list_shows_what_another_aiact_created_at_once() {
    let mut first = app(80, 24);
    start(&mut first);
    press(&mut first, "<Esc>");
    let mut second = second_app(&first);
    press(&mut second, "nOther bot<Enter><Esc>");
    wait_until(&mut first, "the new assessment", |text| {
        text.contains("Other bot")
    });
    let Screen::Home(home) = first.screen() else {
        panic!("home");
    };
    let selected = home
        .selected_entry()
        .and_then(|i| home.entries.get(i))
        .expect("an assessment is selected");
    let Listing::Readable(summary) = selected else {
        panic!("readable");
    };
    assert_eq!(summary.system_name, "Acme bot", "the selection stays");
}

/// What changes on disk while an assessment is open shows when home does;
/// an assessment deleted behind the list's back under its selection leaves
/// the list, and the selection on one that is there.
#[test]
fn the_home_list_follows_the_directory_while_an_assessment_is_open_and_after() {
    let mut first = app(80, 24);
    start(&mut first);
    let mut second = second_app(&first);
    press(&mut second, "nOther bot<Enter><Esc>");
    assert!(!screen_text(&first).contains("Other bot"), "still open");
    press(&mut first, "<Esc>");
    wait_until(&mut first, "the new assessment", |text| {
        text.contains("Other bot")
    });
    // Select the last assessment and delete its file behind the list.
    press(&mut first, "<Down><Down><Down>");
    let Screen::Home(home) = first.screen() else {
        panic!("home");
    };
    let Some(Listing::Readable(selected)) = home.selected_entry().and_then(|i| home.entries.get(i))
    else {
        panic!("an assessment is selected");
    };
    let (gone, name) = (selected.path.clone(), selected.system_name.clone());
    std::fs::remove_file(&gone).expect("delete");
    wait_until(&mut first, "the deleted one gone", |text| {
        !text.contains(&name)
    });
    let Screen::Home(home) = first.screen() else {
        panic!("home");
    };
    assert_eq!(home.entries.len(), 1, "{:?}", home.entries);
    let Some(Listing::Readable(left)) = home.selected_entry().and_then(|i| home.entries.get(i))
    else {
        panic!("the one left is selected");
    };
    assert_ne!(left.path, gone);
    press(&mut first, "<Enter>");
    assert!(matches!(first.screen(), Screen::Open(_)), "it opens");
}

#[test]
fn the_home_list_marks_a_provisional_result() {
    let mut app = app(80, 24);
    // The sequence of the provisional verdict snapshot, then home.
    press(
        &mut app,
        "nAcme bot<Enter><Enter><Space><Enter>1<Enter>3<Enter>2<Enter>1<Enter><Enter><Esc>",
    );
    let text = screen_text(&app);
    assert_contains(&text, "? High-risk");
    assert_contains(&text, "? = provisional");
}

#[test]
fn the_home_list_says_when_an_assessment_is_open_elsewhere() {
    let mut first = app(80, 24);
    start(&mut first);
    press(&mut first, "<Esc>");
    let mut second = second_app(&first);
    press(&mut second, "<Down><Enter>"); // the second aiact opens Acme bot
    wait_until(&mut first, "open elsewhere", |text| {
        text.contains("open elsewhere")
    });
    press(&mut second, "<Esc>"); // and closes it
    wait_until(&mut first, "closed", |text| {
        !text.contains("open elsewhere")
    });
}

#[test]
fn reopening_after_the_questionnaire_changed_lists_the_dropped_answers_and_the_old_result() {
    let mut first = app(80, 24);
    start(&mut first);
    press(&mut first, "<Enter><Space><Enter>3<Enter><Esc><Esc>"); // social scoring; Esc stops typing, Esc goes home
    // Version 2 of the toy questionnaire no longer has the social scoring option.
    let mut doc = toy().doc().clone();
    doc.version = "2.0.0".into();
    let use_area = doc
        .questions
        .iter_mut()
        .find(|q| q.id == "use_area")
        .expect("use_area");
    use_area.options.retain(|o| o.id != "scoring");
    doc.findings.retain(|f| f.id != "social_scoring");
    doc.obligations.retain(|o| o.id != "stop");
    let v2 = Questionnaire::from_doc(doc).expect("valid");
    let mut second = App::new(
        Workspace::new(store(first.dir.path(), v2.clone()), v2),
        date(2026, 11, 23),
        Theme::new(false),
        Rect::new(0, 0, 100, 30),
    );
    press(&mut second, "<Down><Enter>");
    let text = screen_text(&second);
    assert_contains(&text, "The questionnaire was updated");
    assert_contains(&text, "1.0.0 is now version 2.0.0");
    assert_contains(&text, "What is it used for?");
    assert_contains(&text, "Before the change the result was: Prohibited");
    press(&mut second, "<Enter>");
    assert_eq!(
        current_id(&second),
        Some("use_area"),
        "the dropped answer is asked again"
    );
    press(&mut second, "4<Enter>1<Enter>"); // chat, talks to people → verdict after the optional comment
    press(&mut second, "<Enter>");
    let text = screen_text(&second);
    assert_contains(
        &text,
        "Before the questionnaire update: PROHIBITED (changed)",
    );
}

#[test]
fn rename_and_duplicate_from_the_home_screen() {
    let mut app = app(80, 24);
    start(&mut app);
    press(&mut app, "<Esc>R");
    for _ in 0.."Acme bot".len() {
        app.update(Action::DeleteBack);
    }
    press(&mut app, "Acme assistant<Enter>");
    press(&mut app, "d<Enter>");
    let names: Vec<String> = app
        .workspace()
        .list()
        .into_iter()
        .filter_map(|entry| match entry {
            Listing::Readable(summary) => Some(summary.system_name),
            Listing::Unreadable { .. } => None,
        })
        .collect();
    assert_eq!(names.len(), 2, "{names:?}");
    assert!(names.contains(&"Acme assistant".to_owned()));
    assert!(names.contains(&"Acme assistant (copy)".to_owned()));
    assert_eq!(saved_files(&app).len(), 2);
    // Duplicating again offers a name nobody has; renaming onto a taken one
    // is refused with the reason, in the form.
    press(&mut app, "<Down>d<Enter>");
    assert_eq!(saved_files(&app).len(), 3);
    assert!(app.overlay().is_none());
    press(&mut app, "R");
    for _ in 0..40 {
        app.update(Action::DeleteBack);
    }
    press(&mut app, "acme ASSISTANT<Enter>");
    let text = screen_text(&app);
    assert_contains(&text, "already called");
}

#[test]
fn a_new_assessment_cannot_take_a_name_in_use_and_keeps_what_was_typed() {
    let mut app = app(80, 24);
    press(
        &mut app,
        "nAcme bot<Enter><Esc>nACME BOT<Tab>Acme GmbH<Enter>",
    );
    let text = screen_text(&app);
    assert!(
        text.contains("already called `Acme bot`"),
        "named as the other assessment spells it: {text}"
    );
    assert!(
        text.contains("Acme GmbH"),
        "the form keeps its fields: {text}"
    );
    assert_eq!(saved_files(&app).len(), 1);
    // Typing goes to the name again, the field to correct.
    press(&mut app, " 2<Enter>");
    assert_eq!(saved_files(&app).len(), 2);
    assert!(
        app.workspace().list().iter().any(|entry| matches!(
            entry,
            Listing::Readable(summary) if summary.system_name == "ACME BOT 2"
                && summary.organisation.as_deref() == Some("Acme GmbH")
        )),
        "{:?}",
        app.workspace().list()
    );
}

#[test]
fn an_unreadable_file_is_listed_with_its_reason_and_left_alone() {
    let mut app = app(80, 24);
    let dir = app.dir.path().join("assessments");
    std::fs::create_dir_all(&dir).expect("dir");
    std::fs::write(dir.join("broken.json"), "{ not json").expect("write");
    press(&mut app, "nx<Enter><Esc>"); // back to a fresh list
    let text = screen_text(&app);
    assert_contains(&text, "cannot read");
    assert_eq!(
        text.matches("broken.json").count(),
        1,
        "the row names the file once: {text}"
    );
    press(&mut app, "<Down><Down><Enter>");
    let text = screen_text(&app);
    assert_contains(&text, "Cannot open this file");
    assert!(
        text.contains("not JSON") || text.contains("JSON"),
        "the whole reason shows: {text}"
    );
    assert_contains(&text, "deletes it");
    press(&mut app, "<Enter>");
    assert!(app.overlay().is_none());
    assert_eq!(
        std::fs::read_to_string(dir.join("broken.json")).expect("read"),
        "{ not json"
    );
}

/// Usability test: `x` on an unreadable file said only readable assessments
/// can be changed, so a bad file could not be cleaned up.
#[test]
fn an_unreadable_file_can_be_deleted_after_confirmation_and_nothing_else() {
    let mut app = app(80, 24);
    let dir = app.dir.path().join("assessments");
    std::fs::create_dir_all(&dir).expect("dir");
    let broken = dir.join("broken.json");
    std::fs::write(&broken, "{ not json").expect("write");
    press(&mut app, "nx<Enter><Esc>");
    press(&mut app, "<Down><Down>R");
    assert_contains(&message(&app), "can only be deleted");
    assert!(app.overlay().is_none());
    press(&mut app, "x");
    let text = screen_text(&app);
    assert_contains(&text, "Delete \"broken.json\"?");
    press(&mut app, "n");
    assert!(broken.exists(), "not without a yes");
    press(&mut app, "xy");
    assert!(!broken.exists());
    assert_contains(&message(&app), "Deleted \"broken.json\"");
}

#[test]
fn snapshot_read_only_notice() {
    let mut first = app(80, 24);
    start(&mut first);
    for (width, height) in [(80, 24), (120, 40)] {
        let mut second = second_app(&first);
        second.resize(Rect::new(0, 0, width, height));
        press(&mut second, "<Down><Enter>");
        let text = draw(&second).backend().to_string();
        // The process id varies in length: mask it with the padding after it.
        insta::with_settings!({filters => vec![(r"process \d+\.\) +", "process [PID].) ")]}, {
            insta::assert_snapshot!(format!("read_only_notice_{width}x{height}"), text);
        });
    }
}

#[test]
fn the_first_frame_shows_the_saved_assessments() {
    let mut first = app(80, 24);
    start(&mut first);
    press(&mut first, "<Esc>");
    // The questionnaire loads in a few milliseconds: the list is read
    // before the first frame, with nothing to wait for.
    let text = screen_text(&second_app(&first));
    assert_contains(&text, "Acme bot");
}

/// Usability test: the open-a-file form said "no assessment called
/// `/tmp/nope.json` here" for a missing file, format jargon for an exported
/// report, offered Tab for its one field, and had no way to clear it.
#[test]
fn the_open_file_form_says_what_is_wrong_in_plain_words() {
    let mut app = app(80, 24);
    let missing = app.dir.path().join("nope.json");
    press(&mut app, "o");
    for c in missing.display().to_string().chars() {
        press(&mut app, &c.to_string());
    }
    press(&mut app, "<Enter>");
    let error = match app.overlay() {
        Some(Overlay::Form(form)) => form.error.clone().unwrap_or_default(),
        _ => panic!("the form stays open"),
    };
    assert_contains(&error, "nope.json: the file does not exist");

    let report = app.dir.path().join("report.json");
    std::fs::write(&report, r#"{"format": "aiact-report/1", "assessment": {}}"#).expect("write");
    press(&mut app, "<C-u>");
    match app.overlay() {
        Some(Overlay::Form(form)) => assert_eq!(form.fields[0].1.text(), ""),
        _ => panic!("the form stays open"),
    }
    for c in report.display().to_string().chars() {
        press(&mut app, &c.to_string());
    }
    press(&mut app, "<Enter>");
    let text = screen_text(&app);
    assert_contains(&text, "exported report");
    let error = match app.overlay() {
        Some(Overlay::Form(form)) => form.error.clone().unwrap_or_default(),
        _ => panic!("the form stays open"),
    };
    assert!(
        error.ends_with(
            "this is an exported report, not an assessment: open the assessment it was made from"
        ),
        "{error}"
    );
    assert!(!text.contains("next field"), "one field: no Tab: {text}");
    assert!(
        keymap::help_entries(app.context(), app.offered())
            .iter()
            .any(|(keys, description)| keys == "Ctrl-U"
                && description.starts_with("Clear what is typed")),
    );
    // A form of several fields still offers Tab, and Ctrl-U there too.
    press(&mut app, "<Esc>nAcme<C-u>");
    let text = screen_text(&app);
    assert_contains(&text, "next field");
    match app.overlay() {
        Some(Overlay::Form(form)) => assert_eq!(form.fields[0].1.text(), ""),
        _ => panic!("the form stays open"),
    }
}

/// A save that failed kept the answer "in memory, saved with the next
/// change"; leaving the assessment before any next change lost it. Leaving
/// now writes it. A note whose save failed is kept the same way (it said
/// "not saved" while the next save wrote it).
#[test]
fn a_change_that_could_not_be_saved_is_written_on_leaving() {
    let mut app = app(80, 24);
    start(&mut app);
    press(&mut app, "<Enter>"); // is_ai: yes, saved
    let file = saved_files(&app).pop().expect("saved");
    // Saving replaces the file; a directory in its place makes that fail.
    std::fs::remove_file(&file).expect("remove");
    std::fs::create_dir_all(file.join("in the way")).expect("dir");
    press(&mut app, "nasked the vendor<Enter>");
    assert_contains(&message(&app), "Not saved to disk yet");
    assert_eq!(
        assessment(&app).question.note_editor,
        None,
        "the note is kept"
    );
    press(&mut app, "<Space><Enter>"); // role: provider
    assert_contains(&message(&app), "Not saved to disk yet");
    std::fs::remove_dir_all(&file).expect("out of the way");
    press(&mut app, "<Esc><Esc>");
    let saved: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&file).expect("written on leaving"))
            .expect("json");
    assert_eq!(
        saved["answers"]["role"]["value"],
        serde_json::json!(["provider"])
    );
    assert_eq!(saved["answers"]["role"]["note"], "asked the vendor");
    // With what its verdict turns on, for the workshop table to reuse.
    assert!(saved["verdict"]["turns_on"].is_array(), "{saved}");
}

/// One Enter used to check its answer three times and evaluate the
/// answers four times or more (screen, memory, disk, verdict). Now once
/// each, drawing included.
#[test]
fn an_answer_is_checked_once_and_evaluated_once() {
    let mut app = app(80, 24);
    start(&mut app);
    for key in ["<Enter>", "<Space><Enter>", "1<Enter>"] {
        draw(&app);
        let before = aiact_core::Work::so_far();
        press(&mut app, key);
        draw(&app);
        assert_eq!(
            aiact_core::Work::since(before),
            aiact_core::Work {
                evaluations: 1,
                answer_checks: 1
            },
            "{key}"
        );
    }
    assert_eq!(current_id(&app), Some("narrow_task"));
    // The verdict screen shows the snapshot's verdict, and works out what
    // it turns on once (a few dozen evaluations); scrolling it, leaving
    // and coming back evaluate nothing.
    let before = aiact_core::Work::so_far();
    press(&mut app, "v");
    draw(&app);
    let shown = aiact_core::Work::since(before);
    assert!(shown.evaluations > 1, "{shown:?}");
    let before = aiact_core::Work::so_far();
    press(&mut app, "<Down><Down><Tab>r<Esc>v<Down>");
    draw(&app);
    assert_eq!(aiact_core::Work::since(before), aiact_core::Work::default());
}

/// The verdict's lines were built three times per key (to draw, to know
/// how far to scroll, where the sections start), and the explanation was
/// wrapped again for every character typed into an answer. Now once per
/// verdict and width, and once per question, highlighted row and width.
#[test]
fn scrolling_and_typing_do_not_build_the_text_again() {
    let mut app = app(120, 40);
    // A number question, with its explanation beside it.
    press(
        &mut app,
        "nAcme bot<Enter><Enter><Down><Space><Enter>5<Enter>1<Enter>",
    );
    assert_eq!(current_id(&app), Some("users"));
    draw(&app);
    let explanation = |app: &App| assessment(app).question.explanation.last().expect("drawn");
    let before = explanation(&app);
    press(&mut app, "1234");
    draw(&app);
    assert!(std::rc::Rc::ptr_eq(&before, &explanation(&app)));

    press(&mut app, "<Esc>v");
    draw(&app);
    let lines = |app: &App| assessment(app).verdict.lines.last().expect("drawn");
    let before = lines(&app);
    press(&mut app, "<Down><Down><Tab><PgDn><Up>");
    draw(&app);
    assert_eq!(view(&app), View::Verdict);
    assert!(std::rc::Rc::ptr_eq(&before, &lines(&app)));
}

// ---- colours ----

/// The colours a style shows on a palette: its foreground and background,
/// the terminal's own where it sets none, swapped by reverse video.
fn shown(style: Style, palette: &palette::Palette) -> (palette::Rgb, palette::Rgb) {
    let resolve = |colour: Option<Color>, default: palette::Rgb| match colour {
        None | Some(Color::Reset) => default,
        Some(Color::Indexed(index)) => palette.indexed(index),
        Some(Color::Rgb(r, g, b)) => [r, g, b],
        Some(named) => {
            let basic = [
                Color::Black,
                Color::Red,
                Color::Green,
                Color::Yellow,
                Color::Blue,
                Color::Magenta,
                Color::Cyan,
                Color::Gray,
                Color::DarkGray,
                Color::LightRed,
                Color::LightGreen,
                Color::LightYellow,
                Color::LightBlue,
                Color::LightMagenta,
                Color::LightCyan,
                Color::White,
            ];
            let index = basic.iter().position(|c| *c == named).unwrap_or(0);
            palette.indexed(u8::try_from(index).unwrap_or(0))
        }
    };
    let fg = resolve(style.fg, palette.fg);
    let bg = resolve(style.bg, palette.bg);
    if style.add_modifier.contains(Modifier::REVERSED) {
        (bg, fg)
    } else {
        (fg, bg)
    }
}

/// Issue 13: headings in blue were unreadable on a dark xterm, titles in
/// cyan on a light one, and your tier in the pyramid was invisible.
#[test]
fn every_style_reads_on_light_and_dark_terminals_and_your_tier_shows() {
    use palette::{PALETTES, READABLE, assert_readable, contrast};
    for palette in PALETTES {
        for color in [true, false] {
            let theme = Theme::new(color);
            for style in theme.styles() {
                let (fg, bg) = shown(style, palette);
                assert_readable(fg, bg, format!("{} ({color}): {style:?}", palette.name));
            }
            // A full block shows its foreground against the screen's background.
            for bar in [theme.tier_bar, theme.other_tier] {
                let (glyph, _) = shown(bar, palette);
                assert_readable(glyph, palette.bg, format!("{}: {bar:?}", palette.name));
            }
        }
    }
    // What was there before fails the same checks.
    let [light, dark] = [&PALETTES[0], &PALETTES[1]];
    let bold = Style::new().add_modifier(Modifier::BOLD);
    let old_bar = bold.add_modifier(Modifier::REVERSED).fg(Color::Yellow);
    assert_eq!(
        shown(old_bar, light).0,
        light.bg,
        "the block took the background colour"
    );
    let old_heading = shown(bold.fg(Color::Blue), dark);
    assert!(contrast(old_heading.0, old_heading.1) < READABLE);
    let old_title = shown(bold.fg(Color::Cyan), light);
    assert!(contrast(old_title.0, old_title.1) < READABLE);
}

// ---- text beside a scrollbar ----

/// The text inside the frame titled `title` that is drawn over the screen,
/// its lines joined by spaces, the scrollbar left out: a word the
/// scrollbar covers does not read whole.
fn framed_prose(app: &App, title: &str) -> String {
    let text = screen_text(app);
    let rows: Vec<Vec<char>> = text
        .lines()
        .map(|line| line.trim_matches('"').chars().collect())
        .collect();
    let top = rows
        .iter()
        .position(|row| row.iter().collect::<String>().contains(title))
        .expect("the frame is drawn");
    let left = rows[top]
        .iter()
        .position(|c| *c == '┌')
        .expect("its corner");
    let right = rows[top]
        .iter()
        .position(|c| *c == '┐')
        .expect("its corner");
    let mut words = Vec::new();
    for row in &rows[top + 1..] {
        if row.get(left) == Some(&'└') {
            break;
        }
        let inside: String = row[left + 1..right].iter().collect();
        let inside = inside.trim_end_matches([' ', '█', '║']);
        words.extend(inside.split_whitespace().map(str::to_owned));
    }
    words.join(" ")
}

/// `text` with its whitespace collapsed, as [`framed_prose`] gives it.
fn prose(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Presses PgDn until `wanted` reads whole in the frame, or the frame
/// stops scrolling.
fn scroll_until_read(app: &mut App, wanted: &str) -> String {
    let wanted = prose(wanted);
    let mut seen = String::new();
    for _ in 0..12 {
        let now = framed_prose(app, "Keys:");
        if now.contains(&wanted) {
            return now;
        }
        if now == seen {
            break;
        }
        seen = now;
        press(app, "<PgDn>");
    }
    seen
}

#[test]
fn text_beside_a_scrollbar_is_wrapped_to_the_columns_left_of_it() {
    // The verdict's key help at 80x24 and 60x18.
    for (width, height) in [(80, 24), (60, 18)] {
        for (_, description) in
            keymap::help_entries(keymap::Context::Verdict, keymap::Offered::default())
        {
            let mut verdict_help = app(width, height);
            press(&mut verdict_help, &format!("{PROVISIONAL_HIGH_RISK}?"));
            assert!(matches!(
                verdict_help.overlay(),
                Some(Overlay::KeyHelp { .. })
            ));
            let read = scroll_until_read(&mut verdict_help, &description);
            assert!(
                read.contains(&prose(&description)),
                "{width}x{height}: {description}\n{read}"
            );
        }
    }
    // A question's key help at 100x30: the mouse line at its end.
    let mut question_help = app(100, 30);
    start(&mut question_help);
    press(&mut question_help, "?");
    let read = scroll_until_read(&mut question_help, aiact::strings::tui::MOUSE);
    assert_contains(&read, &prose(aiact::strings::tui::MOUSE));
    // The comparison at 60x18: its first sentence.
    let mut comparison = app(60, 18);
    press(&mut comparison, &format!("{TWO_ASSESSMENTS}c<Down>c"));
    let read = framed_prose(&comparison, aiact::strings::tui::COMPARE_TITLE.trim());
    assert_contains(
        &read,
        "Comparing two assessments, verdicts as of 23 November 2026.",
    );
}

fn comparison_scroll(app: &App) -> u16 {
    match app.overlay() {
        Some(Overlay::Comparison { scroll, .. }) => *scroll,
        other => panic!("the comparison is open: {other:?}"),
    }
}

#[test]
fn the_comparison_scrolls_like_other_text_and_has_its_key_help() {
    let mut app = app(80, 24);
    press(&mut app, &format!("{TWO_ASSESSMENTS}c<Down>c"));
    let footer = screen_text(&app)
        .lines()
        .last()
        .unwrap_or_default()
        .to_owned();
    assert_contains(&footer, "↓/j scroll");
    assert_contains(&footer, "? keys");
    press(&mut app, "G");
    let bottom = comparison_scroll(&app);
    assert!(bottom > 0, "the comparison is longer than 80x24");
    press(&mut app, "j");
    assert_eq!(comparison_scroll(&app), bottom, "not past the end");
    press(&mut app, "k");
    assert_eq!(comparison_scroll(&app), bottom - 1, "back up at once");
    press(&mut app, "g");
    assert_eq!(comparison_scroll(&app), 0);
    press(&mut app, "jj?");
    assert_contains(&screen_text(&app), "Close the comparison");
    press(&mut app, "<Esc>");
    assert_eq!(
        comparison_scroll(&app),
        2,
        "the help closes onto the comparison"
    );
    press(&mut app, "<Esc>");
    assert!(app.overlay().is_none());
}

#[test]
fn the_mark_a_stays_while_another_assessment_is_opened_and_left() {
    let mut app = app(100, 30);
    press(&mut app, TWO_ASSESSMENTS);
    press(&mut app, "c<Down><Enter>");
    assert!(app.open().is_some(), "Acme bot is open");
    press(&mut app, "<Esc>");
    assert!(app.open().is_none());
    assert_contains(&screen_text(&app), "[A] Hiring helper");
    press(&mut app, "c");
    let Some(Overlay::Comparison { compared, .. }) = app.overlay() else {
        panic!("c compares with A: {}", screen_text(&app));
    };
    assert_eq!(compared.names.a, "Hiring helper (hiring-helper.json)");
    assert_eq!(compared.names.b, "Acme bot (acme-bot.json)");
}

#[test]
fn the_message_after_marking_fits_the_line_and_names_the_key() {
    for (width, height) in [(80, 24), (60, 18)] {
        let mut app = app(width, height);
        press(&mut app, &format!("{TWO_ASSESSMENTS}c"));
        let said = message(&app);
        assert_contains(&said, "press c");
        assert!(
            screen_text(&app).contains(&said),
            "{width}x{height}: {said}\n{}",
            screen_text(&app)
        );
    }
}

#[test]
fn at_60_columns_the_home_list_gives_names_and_results_the_room() {
    let mut app = app(60, 18);
    press(&mut app, TWO_ASSESSMENTS);
    let text = screen_text(&app);
    // "Hiring he…" before: Changed kept its full width.
    assert_contains(&text, "Hiring helper (Acme");
    assert_contains(&text, "not finished  3 of 6 answered");
    assert!(!text.contains("Changed"), "{text}");
    snapshot("home_list_60x18", &app);
}

#[path = "support/on_hold.rs"]
mod on_hold;

#[test]
fn the_home_list_marks_a_headline_that_rests_on_a_not_sure() {
    let dir = tempfile::tempdir().expect("tempdir");
    on_hold::cv_ranker_on_hold(dir.path());
    let app = app_in(dir, 100, 30);
    let text = screen_text(&app);
    assert_contains(&text, "? High-risk — duties on hold");
    assert_contains(&text, "? = provisional");
}
