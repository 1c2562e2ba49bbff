//! The HTML report in a real browser: headless Chromium (Debian's
//! `chromium` package) loads an exported report without a console message
//! (the page's Content-Security-Policy makes any attempt to load a script,
//! font or image from elsewhere one), builds the expected page, and takes
//! a screenshot that shows the page, pyramid included.
//!
//! Skipped, saying so, where chromium is not installed; CI installs it
//! (`.ci/run`), and there a missing browser fails the test.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use aiact::storage::{NewAssessment, Questionnaires, Store};
use aiact_core::{AnswerValue, Questionnaire};
use jiff::civil::date;
use serde_json::json;

const BROWSER: &str = "chromium";

/// The headline level's fill in the report (`LEVEL_COLOURS[1]`).
const HIGH_RISK_ORANGE: [u8; 3] = [0xe8, 0x71, 0x0a];

fn browser_available() -> bool {
    Command::new(BROWSER)
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|status| status.success())
}

/// Whether the test is skipped, saying so: no browser here (never in CI).
fn skipped() -> bool {
    if browser_available() {
        return false;
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "CI must have `{BROWSER}` installed (.ci/run installs it)"
    );
    eprintln!("SKIPPED: `{BROWSER}` is not installed; apt-get install chromium to run this test");
    true
}

fn chromium(profile: &Path, args: &[&str], page: &Path) -> Output {
    Command::new(BROWSER)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
            "--enable-logging=stderr",
            "--v=0",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(args)
        .arg(format!("file://{}", page.display()))
        .stdin(Stdio::null())
        .output()
        .expect("chromium runs")
}

/// A high-risk assessment with a hostile note, exported by the binary.
fn exported_report(dir: &Path) -> PathBuf {
    let toy_path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/toy.json");
    let toy = Questionnaire::load(&toy_path).expect("toy");
    let store = Store::at(dir).with_questionnaires(Questionnaires::built_in().with(toy.clone()));
    let mut opened = store
        .create(
            NewAssessment {
                system_name: "Hiring <Helper>".to_owned(),
                organisation: Some("Acme & Co".to_owned()),
                assessor: None,
            },
            &toy,
        )
        .expect("create");
    let answers = json!({"is_ai": "yes", "role": ["provider"], "use_area": "hiring", "narrow_task": "no", "on_market": "no"});
    for (question, value) in answers.as_object().expect("object") {
        let value: AnswerValue = serde_json::from_value(value.clone()).expect("value");
        opened
            .set_answer(question, &value, date(2026, 11, 23))
            .expect("answer");
    }
    opened
        .set_note(
            "use_area",
            Some("<script>document.title='owned'</script><img src=https://example.com/x.png>"),
            date(2026, 11, 23),
        )
        .expect("note");
    let page = dir.join("report.html");
    let output = Command::new(env!("CARGO_BIN_EXE_aiact"))
        .arg("--data-dir")
        .arg(dir)
        .arg("--questionnaire")
        .arg(&toy_path)
        .args([
            "--today",
            "2026-11-23",
            "export",
            "hiring-helper",
            "--format",
            "html",
            "-o",
        ])
        .arg(&page)
        .output()
        .expect("aiact runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    page
}

fn console_messages(output: &Output) -> Vec<String> {
    String::from_utf8_lossy(&output.stderr)
        .lines()
        .filter(|line| line.contains(":CONSOLE") || line.contains("Content Security Policy"))
        .map(str::to_owned)
        .collect()
}

#[test]
fn the_html_report_renders_in_chromium_without_errors_and_is_not_blank() {
    if skipped() {
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let page = exported_report(dir.path());
    let profile = dir.path().join("profile");

    let dom = chromium(&profile, &["--dump-dom"], &page);
    assert!(
        dom.status.success(),
        "{}",
        String::from_utf8_lossy(&dom.stderr)
    );
    let dom_text = String::from_utf8_lossy(&dom.stdout);
    assert!(
        dom_text.contains("<h1>Hiring &lt;Helper&gt;</h1>"),
        "{dom_text}"
    );
    assert!(dom_text.contains("<title>EU AI Act assessment: Hiring &lt;Helper&gt;</title>"));
    assert_eq!(
        dom_text.matches("<polygon").count(),
        4,
        "the pyramid's levels"
    );
    assert!(dom_text.contains("YOUR RESULT: High-risk"));
    assert!(!dom_text.contains("<script"), "the note stays text");
    assert!(!dom_text.contains("<img"), "the note stays text");
    assert_eq!(console_messages(&dom), Vec::<String>::new());

    let screenshot = dir.path().join("report.png");
    let shot = chromium(
        &profile,
        &[
            "--window-size=1000,1400",
            &format!("--screenshot={}", screenshot.display()),
        ],
        &page,
    );
    assert!(
        shot.status.success(),
        "{}",
        String::from_utf8_lossy(&shot.stderr)
    );
    assert_eq!(console_messages(&shot), Vec::<String>::new());

    let picture = Picture::read(&screenshot);
    assert_eq!((picture.width, picture.height), (1000, 1400));
    let colours = picture.distinct_colours();
    assert!(colours > 50, "only {colours} colours: a blank page?");
    let inked = picture.share(|[r, g, b]| u16::from(r) + u16::from(g) + u16::from(b) < 600);
    assert!(
        inked > 0.01,
        "only {:.2}% of the page is not white",
        inked * 100.0
    );
    let orange = picture.share(|pixel| {
        pixel
            .iter()
            .zip(HIGH_RISK_ORANGE)
            .all(|(&got, want)| got.abs_diff(want) <= 12)
    });
    assert!(
        orange > 0.001,
        "the pyramid's high-risk level is drawn in full colour ({:.3}% of pixels)",
        orange * 100.0
    );
}

/// Chromium run as [`chromium`], which must succeed.
fn chromium_ok(profile: &Path, args: &[&str], page: &Path) -> Output {
    let output = chromium(profile, args, page);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

/// Ten assessments of the toy questionnaire, one with a hostile name, and
/// `aiact summary --format html` of them.
fn summary_handout(dir: &Path) -> PathBuf {
    let toy_path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/toy.json");
    let toy = Questionnaire::load(&toy_path).expect("toy");
    let store = Store::at(dir).with_questionnaires(Questionnaires::built_in().with(toy.clone()));
    let hiring = json!({"is_ai": "yes", "role": ["provider"], "use_area": "hiring", "narrow_task": "not_sure", "profiling": "no", "on_market": "no"});
    let chat = json!({"is_ai": "yes", "role": ["provider"], "use_area": "chat", "chatbot": "yes"});
    for i in 0..10 {
        let name = if i == 0 {
            "Hiring <script>alert(1)</script>".to_owned()
        } else {
            format!("System {i}")
        };
        let mut opened = store
            .create(
                NewAssessment {
                    system_name: name,
                    organisation: Some("Acme & Co".to_owned()),
                    assessor: None,
                },
                &toy,
            )
            .expect("create");
        let answers = if i % 2 == 0 { &hiring } else { &chat };
        for (question, value) in answers.as_object().expect("object") {
            let value: AnswerValue = serde_json::from_value(value.clone()).expect("value");
            opened
                .set_answer(question, &value, date(2026, 11, 23))
                .expect("answer");
        }
    }
    let output = Command::new(env!("CARGO_BIN_EXE_aiact"))
        .arg("--data-dir")
        .arg(dir)
        .arg("--questionnaire")
        .arg(&toy_path)
        .args(["--today", "2026-11-23", "summary", "--format", "html"])
        .output()
        .expect("aiact runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let page = dir.join("summary.html");
    std::fs::write(&page, &output.stdout).expect("write the handout");
    page
}

/// The workshop handout: loads without a console message, shows its table,
/// is not blank, and prints ten rows on at most two A4 pages.
#[test]
fn the_summary_handout_renders_in_chromium_and_prints_ten_rows_on_two_pages() {
    if skipped() {
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let page = summary_handout(dir.path());
    let profile = dir.path().join("profile");

    let dom = chromium_ok(&profile, &["--dump-dom"], &page);
    let dom_text = String::from_utf8_lossy(&dom.stdout);
    assert!(
        dom_text.contains("<h1>EU AI Act assessments</h1>"),
        "{dom_text}"
    );
    assert_eq!(
        dom_text.matches("<th scope=\"row\">").count(),
        10,
        "a row per assessment: {dom_text}"
    );
    assert!(dom_text.contains("Hiring &lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(!dom_text.contains("<script"), "the name stays text");
    assert!(dom_text.contains("Questions to settle"));
    assert_eq!(console_messages(&dom), Vec::<String>::new());

    let screenshot = dir.path().join("summary.png");
    chromium_ok(
        &profile,
        &[
            "--window-size=1400,900",
            &format!("--screenshot={}", screenshot.display()),
        ],
        &page,
    );
    let picture = Picture::read(&screenshot);
    let inked = picture.share(|[r, g, b]| u16::from(r) + u16::from(g) + u16::from(b) < 600);
    assert!(
        inked > 0.01,
        "only {:.2}% of the page is not white",
        inked * 100.0
    );
    assert!(picture.distinct_colours() > 20, "a blank page?");

    let pdf = dir.path().join("summary.pdf");
    chromium_ok(
        &profile,
        &[
            "--no-pdf-header-footer",
            &format!("--print-to-pdf={}", pdf.display()),
        ],
        &page,
    );
    let bytes = std::fs::read(&pdf).expect("the PDF is written");
    assert!(bytes.starts_with(b"%PDF"), "a PDF");
    let pages = pdf_pages(&pdf, &bytes);
    assert!((1..=2).contains(&pages), "ten rows print on {pages} pages");
}

/// A PDF's page count: pdfinfo's where it is installed, else the page
/// objects counted in the file (Chromium writes them uncompressed).
fn pdf_pages(path: &Path, bytes: &[u8]) -> usize {
    if let Ok(output) = Command::new("pdfinfo").arg(path).output()
        && output.status.success()
    {
        let info = String::from_utf8_lossy(&output.stdout);
        if let Some(pages) = info
            .lines()
            .find_map(|line| line.strip_prefix("Pages:"))
            .and_then(|pages| pages.trim().parse().ok())
        {
            return pages;
        }
    }
    let text = String::from_utf8_lossy(bytes);
    text.matches("/Type /Page").count() - text.matches("/Type /Pages").count()
}

/// An RGB screenshot.
struct Picture {
    width: u32,
    height: u32,
    pixels: Vec<[u8; 3]>,
}

impl Picture {
    fn read(path: &Path) -> Self {
        let file = std::fs::File::open(path).expect("screenshot written");
        let mut decoder = png::Decoder::new(std::io::BufReader::new(file));
        decoder.set_transformations(png::Transformations::normalize_to_color8());
        let mut reader = decoder.read_info().expect("a PNG");
        let mut buffer = vec![0; reader.output_buffer_size().expect("size")];
        let info = reader.next_frame(&mut buffer).expect("a frame");
        let channels = info.color_type.samples();
        let pixels = buffer[..info.buffer_size()]
            .chunks_exact(channels)
            .map(|pixel| match pixel {
                [grey] | [grey, _] => [*grey; 3],
                [r, g, b, ..] => [*r, *g, *b],
                [] => [0; 3],
            })
            .collect();
        Self {
            width: info.width,
            height: info.height,
            pixels,
        }
    }

    fn distinct_colours(&self) -> usize {
        let mut colours: Vec<[u8; 3]> = self.pixels.clone();
        colours.sort_unstable();
        colours.dedup();
        colours.len()
    }

    fn share(&self, matches: impl Fn([u8; 3]) -> bool) -> f64 {
        let count = self.pixels.iter().filter(|&&pixel| matches(pixel)).count();
        count as f64 / self.pixels.len() as f64
    }
}
