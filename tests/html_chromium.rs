//! The HTML report in a real browser: headless Chromium (Debian's
//! `chromium` package) loads an exported report without a console message
//! (the page's Content-Security-Policy makes any attempt to load a script,
//! font or image from elsewhere one), builds the expected page, and takes
//! a screenshot that shows the page, pyramid included; and a typical
//! high-risk report prints on about six A4 pages with no half-empty page.
//!
//! Skipped, saying so, where chromium is not installed; CI installs it
//! (`.ci/run`), and there a missing browser fails the test.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use aiact::storage::{NewAssessment, Questionnaires, Store};
use aiact_core::Questionnaire;
use jiff::civil::date;
use serde_json::json;

#[path = "support/answered.rs"]
mod answered;
#[path = "support/contains.rs"]
mod contains;
#[path = "support/run.rs"]
mod run;

use contains::assert_contains;

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

/// `aiact --data-dir DIR ARGS...`, which must succeed.
fn aiact(dir: &Path, args: &[&str], output: &Path) {
    run::assert_success(&run::run(run::aiact_in(dir).args(args).arg(output)));
}

/// A high-risk assessment with a hostile note, exported by the binary.
fn exported_report(dir: &Path) -> PathBuf {
    let toy_path = run::toy_path();
    let toy = Questionnaire::load(&toy_path).expect("toy");
    let store = Store::at(dir).with_questionnaires(Questionnaires::built_in().with(toy.clone()));
    let mut opened = answered::created(
        &store,
        &toy,
        NewAssessment {
            system_name: "Hiring <Helper>".to_owned(),
            organisation: Some("Acme & Co".to_owned()),
            assessor: None,
        },
        &json!({"is_ai": "yes", "role": ["provider"], "use_area": "hiring", "narrow_task": "no", "on_market": "no"}),
        date(2026, 11, 23),
    );
    opened
        .set_note(
            "use_area",
            Some("<script>document.title='owned'</script><img src=https://example.com/x.png>"),
            date(2026, 11, 23),
        )
        .expect("note");
    let page = dir.join("report.html");
    let toy_arg = toy_path.to_str().expect("utf-8");
    aiact(
        dir,
        &[
            "--questionnaire",
            toy_arg,
            "--today",
            "2026-11-23",
            "export",
            "hiring-helper",
            "--format",
            "html",
            "-o",
        ],
        &page,
    );
    page
}

/// Chromium is there, or the test says it is skipped (and fails on CI).
fn browser_or_skip() -> bool {
    if browser_available() {
        return true;
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "CI must have `{BROWSER}` installed (.ci/run installs it)"
    );
    eprintln!("SKIPPED: `{BROWSER}` is not installed; apt-get install chromium to run this test");
    false
}

/// A temporary directory for a test in the browser; `None` where the test
/// is skipped (see [`browser_or_skip`]).
fn browser_test_dir() -> Option<tempfile::TempDir> {
    browser_or_skip().then(|| tempfile::tempdir().expect("temp dir"))
}

/// The page as Chromium built it (`--dump-dom`), and the console
/// messages it gave doing so.
fn dump_dom(profile: &Path, page: &Path) -> (String, Vec<String>) {
    let output = chromium_ok(profile, &["--dump-dom"], page);
    let dom = String::from_utf8_lossy(&output.stdout).into_owned();
    (dom, console_messages(&output))
}

/// Chromium's print of `page` to `pdf`, without header and footer, which
/// must succeed.
fn print_to_pdf(profile: &Path, page: &Path, pdf: &Path) -> Output {
    chromium_ok(
        profile,
        &[
            "--no-pdf-header-footer",
            &format!("--print-to-pdf={}", pdf.display()),
        ],
        page,
    )
}

/// Chromium's screenshot of `page` in a window of `size`, which must
/// succeed.
fn screenshot(profile: &Path, page: &Path, size: &str, picture: &Path) -> Output {
    chromium_ok(
        profile,
        &[
            &format!("--window-size={size}"),
            &format!("--screenshot={}", picture.display()),
        ],
        page,
    )
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
    let Some(dir) = browser_test_dir() else {
        return;
    };
    let page = exported_report(dir.path());
    let profile = dir.path().join("profile");

    let (dom_text, console) = dump_dom(&profile, &page);
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
    assert_eq!(console, Vec::<String>::new());

    let picture_file = dir.path().join("report.png");
    let shot = screenshot(&profile, &page, "1000,1400", &picture_file);
    assert_eq!(console_messages(&shot), Vec::<String>::new());

    let picture = Picture::read(&picture_file);
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
    run::assert_success(&output);
    output
}

/// Ten assessments of the toy questionnaire, one with a hostile name, and
/// `aiact summary --format html` of them.
fn summary_handout(dir: &Path) -> PathBuf {
    let toy_path = run::toy_path();
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
        let answers = if i % 2 == 0 { &hiring } else { &chat };
        let details = NewAssessment {
            system_name: name,
            organisation: Some("Acme & Co".to_owned()),
            assessor: None,
        };
        drop(answered::created(
            &store,
            &toy,
            details,
            answers,
            date(2026, 11, 23),
        ));
    }
    let output = run::run(
        run::aiact_in(dir)
            .arg("--questionnaire")
            .arg(&toy_path)
            .args(["--today", "2026-11-23", "summary", "--format", "html"]),
    );
    run::assert_success(&output);
    let page = dir.join("summary.html");
    std::fs::write(&page, &output.stdout).expect("write the handout");
    page
}

/// The workshop handout: loads without a console message, shows its table,
/// is not blank, and prints ten rows on at most two A4 pages.
#[test]
fn the_summary_handout_renders_in_chromium_and_prints_ten_rows_on_two_pages() {
    let Some(dir) = browser_test_dir() else {
        return;
    };
    let page = summary_handout(dir.path());
    let profile = dir.path().join("profile");

    let (dom_text, console) = dump_dom(&profile, &page);
    assert_contains(&dom_text, "<h1>EU AI Act assessments</h1>");
    assert_eq!(
        dom_text.matches("<th scope=\"row\">").count(),
        10,
        "a row per assessment: {dom_text}"
    );
    assert!(dom_text.contains("Hiring &lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(!dom_text.contains("<script"), "the name stays text");
    assert!(dom_text.contains("Questions to settle"));
    assert_eq!(console, Vec::<String>::new());

    let picture_file = dir.path().join("summary.png");
    screenshot(&profile, &page, "1400,900", &picture_file);
    let picture = Picture::read(&picture_file);
    let inked = picture.share(|[r, g, b]| u16::from(r) + u16::from(g) + u16::from(b) < 600);
    assert!(
        inked > 0.01,
        "only {:.2}% of the page is not white",
        inked * 100.0
    );
    assert!(picture.distinct_colours() > 20, "a blank page?");

    let pdf = dir.path().join("summary.pdf");
    print_to_pdf(&profile, &page, &pdf);
    let bytes = std::fs::read(&pdf).expect("the PDF is written");
    assert!(bytes.starts_with(b"%PDF"), "a PDF");
    let pages = pdf_pages(&bytes);
    if let Some(counted) = pdfinfo_pages(&pdf) {
        assert_eq!(pages, counted, "pdfinfo agrees");
    }
    assert!((1..=2).contains(&pages), "ten rows print on {pages} pages");
}

/// Facilitator trial 3's assessments on the shipped questionnaire: a
/// provider's CV ranker placed on the market before the rules apply, not
/// sure of a redesign (provisional, duties on hold), an emotion camera at
/// work (banned), a shop chatbot (minimal risk).
fn trial_answers() -> [serde_json::Value; 3] {
    [
        json!({"subject": "system", "how_it_works": ["learned"], "eu_reach": "eu_based",
               "exclusions": ["none"], "role": ["provider"], "what_it_does": ["none"],
               "used_for": ["employment"], "use_work": ["a"], "first_placed": "before_dec_2027",
               "hr_design_changed": "not_sure", "public_customers": ["none"]}),
        json!({"subject": "system", "how_it_works": ["learned"], "eu_reach": "eu_based",
               "exclusions": ["none"], "role": ["deployer"], "what_it_does": ["biometrics"],
               "biometric_uses": ["emotion"], "emotion_setting": ["workplace"],
               "emotion_purpose": ["other_uses"]}),
        json!({"subject": "system", "how_it_works": ["learned"], "eu_reach": "eu_based",
               "exclusions": ["none"], "role": ["deployer"], "used_for": ["none"],
               "what_it_does": ["converses", "generates_text"], "content_use": ["neither"]}),
    ]
}

/// Trial 3: a row with a "not sure" ran to ~30 lines, the question spelled
/// out three times; four rows filled two pages. Ten rows of the trial's
/// assessments, four of them the provisional CV ranker, print on at most
/// two pages.
#[test]
fn ten_rows_with_questions_to_settle_print_on_two_pages() {
    let Some(dir) = browser_test_dir() else {
        return;
    };
    let store = Store::at(dir.path());
    let questionnaire = store.questionnaires().get("eu-ai-act").expect("built in");
    let answers = trial_answers();
    for i in 0..10 {
        let kind = match i % 4 {
            0 | 1 if i < 8 => 0,
            2 => 1,
            _ => 2,
        };
        drop(answered::created(
            &store,
            &questionnaire,
            NewAssessment {
                system_name: format!("System {i}"),
                organisation: Some("Acme GmbH".to_owned()),
                assessor: None,
            },
            &answers[kind],
            date(2026, 12, 7),
        ));
    }
    let page = dir.path().join("workshop.html");
    aiact(
        dir.path(),
        &["--today", "2026-12-07", "summary", "-o"],
        &page,
    );
    let html = std::fs::read_to_string(&page).expect("written");
    assert_eq!(html.matches("duties on hold (provisional)").count(), 4 * 2);
    let pdf = dir.path().join("workshop.pdf");
    print_to_pdf(&dir.path().join("profile"), &page, &pdf);
    let pages = pdf_pages(&std::fs::read(&pdf).expect("PDF written"));
    eprintln!("ten trial rows: {pages} A4 landscape pages");
    if let Some(keep) = std::env::var_os("AIACT_KEEP_PRINT") {
        std::fs::copy(&pdf, Path::new(&keep).join("workshop.pdf")).expect("keep the PDF");
    }
    assert!((1..=2).contains(&pages), "ten rows print on {pages} pages");
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

/// The typical high-risk report: scenario 056 (a CV-ranking SaaS,
/// provider, launched after the rules apply), printed to A4.
const TYPICAL_HIGH_RISK: &str = "tests/scenarios/056-cv-ranking-saas.json";
/// Issue 13: "a typical high-risk report of 5 findings fits in about 6
/// pages". 13 A4 pages before the report was reordered and compacted.
const MAX_PAGES: usize = 7;
/// No half-empty page: every page but the last has at least this share of
/// the lines of the fullest page (pdftotext, where installed).
const MIN_FILL: f64 = 0.6;

/// The typical high-risk assessment saved with the shipped questionnaire
/// and exported by the binary, the format taken from the file's extension.
fn exported_typical_report(dir: &Path) -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let scenario: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(root.join(TYPICAL_HIGH_RISK)).expect("scenario"),
    )
    .expect("scenario JSON");
    exported_shipped_report(dir, &scenario["answers"], date(2026, 12, 6))
}

/// An assessment of the shipped questionnaire with `answers`, saved and
/// exported by the binary as of `today`, the format taken from the file's
/// extension.
fn exported_shipped_report(
    dir: &Path,
    answers: &serde_json::Value,
    today: jiff::civil::Date,
) -> PathBuf {
    let store = Store::at(dir);
    let questionnaire = store.questionnaires().get("eu-ai-act").expect("built in");
    drop(answered::created(
        &store,
        &questionnaire,
        NewAssessment {
            system_name: "CV Ranker".to_owned(),
            organisation: Some("Acme GmbH".to_owned()),
            assessor: Some("Jo Example".to_owned()),
        },
        answers,
        today,
    ));
    let page = dir.join("cv-ranker.html");
    let today = today.to_string();
    aiact(
        dir,
        &["--today", &today, "export", "cv-ranker", "-o"],
        &page,
    );
    page
}

/// Pages in a PDF: the page objects (`/Type /Page`, not `/Pages`).
/// Chromium writes no object streams, so they can be counted in the bytes.
fn pdf_pages(pdf: &[u8]) -> usize {
    let text = String::from_utf8_lossy(pdf);
    text.match_indices("/Type")
        .filter(|(at, tag)| {
            let rest = text[at + tag.len()..].trim_start();
            rest.starts_with("/Page") && !rest.starts_with("/Pages")
        })
        .count()
}

/// The page count pdfinfo gives, where it is installed.
fn pdfinfo_pages(pdf: &Path) -> Option<usize> {
    let output = Command::new("pdfinfo").arg(pdf).output().ok()?;
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .find_map(|line| line.strip_prefix("Pages:"))
        .and_then(|count| count.trim().parse().ok())
}

/// Lines of text on each page, where pdftotext is installed.
fn lines_per_page(pdf: &Path, pages: usize) -> Option<Vec<usize>> {
    (1..=pages)
        .map(|page| {
            let page = page.to_string();
            let output = Command::new("pdftotext")
                .args(["-layout", "-f", &page, "-l", &page])
                .arg(pdf)
                .arg("-")
                .output()
                .ok()?;
            output.status.success().then(|| {
                String::from_utf8_lossy(&output.stdout)
                    .lines()
                    .filter(|line| !line.trim().is_empty())
                    .count()
            })
        })
        .collect()
}

#[test]
fn a_typical_high_risk_report_prints_on_about_six_a4_pages_none_half_empty() {
    let Some(dir) = browser_test_dir() else {
        return;
    };
    let page = exported_typical_report(dir.path());
    let pages = printed_pages(dir.path(), &page, 2..=MAX_PAGES);
    eprintln!("typical high-risk report: {pages} A4 pages");
}

/// Facilitator trial 3: the provisional CV ranker (on the market before
/// the rules apply, not sure of a redesign: duties on hold) printed on 10
/// pages, page 1 three-quarters blank (the at-a-glance box held whole and
/// pushed to page 2), the 16 duties described twice.
#[test]
fn a_provisional_legacy_high_risk_report_prints_on_at_most_eight_pages_none_half_empty() {
    let Some(dir) = browser_test_dir() else {
        return;
    };
    let answers = &trial_answers()[0];
    let page = exported_shipped_report(dir.path(), answers, date(2026, 12, 7));
    let html = std::fs::read_to_string(&page).expect("exported");
    assert!(html.contains("(provisional)"), "a provisional verdict");
    let pages = printed_pages(dir.path(), &page, 2..=8);
    eprintln!("provisional legacy high-risk report: {pages} A4 pages");
}

/// Prints `page` to A4 in Chromium: its page count in `bounds`, and (where
/// pdftotext is installed) no page but the last half empty. The count.
fn printed_pages(dir: &Path, page: &Path, bounds: std::ops::RangeInclusive<usize>) -> usize {
    let html = std::fs::read_to_string(page).expect("exported");
    assert!(
        html.starts_with("<!DOCTYPE html>"),
        "the extension chose HTML"
    );
    assert!(html.contains("size: A4"), "the page asks for A4");
    let pdf = page.with_extension("pdf");
    print_to_pdf(&dir.join("profile"), page, &pdf);
    // To look at the print: AIACT_KEEP_PRINT=DIR keeps the page and its PDF.
    if let Some(keep) = std::env::var_os("AIACT_KEEP_PRINT") {
        let keep = Path::new(&keep);
        let name = |path: &Path| path.file_name().expect("a file name").to_owned();
        std::fs::copy(page, keep.join(name(page))).expect("keep the page");
        std::fs::copy(&pdf, keep.join(name(&pdf))).expect("keep the PDF");
    }
    let pages = pdf_pages(&std::fs::read(&pdf).expect("PDF written"));
    if let Some(counted) = pdfinfo_pages(&pdf) {
        assert_eq!(pages, counted, "pdfinfo agrees");
    }
    assert!(bounds.contains(&pages), "{pages} pages, {bounds:?} wanted");
    match lines_per_page(&pdf, pages) {
        None => eprintln!("pdftotext is not installed: the pages' fill is not checked"),
        Some(lines) => {
            eprintln!("lines per page: {lines:?}");
            let fullest = lines.iter().copied().max().unwrap_or(0) as f64;
            for (n, &count) in lines.iter().enumerate().take(pages - 1) {
                assert!(
                    count as f64 >= MIN_FILL * fullest,
                    "page {} has {count} lines of {fullest}: half empty ({lines:?})",
                    n + 1
                );
            }
        }
    }
    pages
}
