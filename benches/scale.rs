//! Issue 15's targets, measured as the user meets them: the release binary
//! against `cat` of the same files, in the same run, in alternation.
//!
//! `cargo bench --bench scale` (or `scripts/measure-scale.sh`) builds a
//! data directory of 1,000 realistic assessments (15 to 51 KiB each; see
//! `support/workshop.rs`), lets the files settle (the index keeps only
//! files left alone for 2 seconds), lists once to build the index, then
//! runs every command and its floor in turn, round after round, and
//! prints the medians, the median of the per-round ratios, and whether
//! each target is met. The assessments are saved as of today, so that
//! `summary` uses their saved verdicts, as at the end of a workshop.
//! `summary` runs three ways: every row new (the rows it keeps between
//! runs removed first) as of 2031, when every verdict is worked out again;
//! every row new as of today; and again, reading the rows the run before
//! kept.
//!
//! The full-screen interface is timed in a pseudo-terminal against a
//! minimal ratatui program drawing one paragraph (`examples/minimal_frame.rs`),
//! in alternation: start to first frame and start to the list on screen,
//! at 20 and at 1,000 assessments; key to screen change on the home list
//! of 1,000 (Down and Up in turn); the peak resident memory of the
//! interface after those keys.
//!
//! Options after `--`: `--rounds N` (default 25), `--count N` (default
//! 1000), `--keep DIR` (build the data there and leave it), `--bin PATH`
//! (time another build of aiact, to compare), `--only cli|tui` (one part),
//! `--keys N` (keys timed, default 400), `--minimal PATH` (the minimal
//! program; by default built as the example `minimal_frame`).
//!
//! Method and figures: docs/benchmarks.md, "Workshop scale".

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use aiact::storage::{DATA_DIR_ENV, Store};

#[path = "support/pty.rs"]
mod pty;
#[path = "support/workshop.rs"]
mod workshop;

const AIACT: &str = env!("CARGO_BIN_EXE_aiact");

struct Options {
    rounds: usize,
    count: usize,
    keep: Option<PathBuf>,
    bin: String,
    only: Option<String>,
    keys: usize,
    minimal: Option<String>,
}

fn options() -> Options {
    let mut options = Options {
        rounds: 25,
        count: 1000,
        keep: None,
        bin: AIACT.to_owned(),
        only: None,
        keys: 400,
        minimal: None,
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || args.next().expect("a value after the option");
        match arg.as_str() {
            "--rounds" => options.rounds = value().parse().expect("a number of rounds"),
            "--count" => options.count = value().parse().expect("a number of assessments"),
            "--keep" => options.keep = Some(PathBuf::from(value())),
            "--bin" => options.bin = value(),
            "--only" => options.only = Some(value()),
            "--keys" => options.keys = value().parse().expect("a number of keys"),
            "--minimal" => options.minimal = Some(value()),
            // What cargo passes to every bench (`--bench`), and filters.
            _ => {}
        }
    }
    options
}

/// A command to time: its name and its argument list.
struct Run {
    name: &'static str,
    program: String,
    args: Vec<String>,
    /// Removed before each run, untimed: what the run must then work out.
    removed: Option<PathBuf>,
    times: Vec<Duration>,
}

impl Run {
    fn new(name: &'static str, program: &str, args: &[String]) -> Self {
        Self {
            name,
            program: program.to_owned(),
            args: args.to_vec(),
            removed: None,
            times: Vec::new(),
        }
    }

    fn without(mut self, path: PathBuf) -> Self {
        self.removed = Some(path);
        self
    }

    fn aiact(name: &'static str, bin: &str, data: &Path, args: &[&str]) -> Self {
        let mut all = vec!["--data-dir".to_owned(), data.display().to_string()];
        all.extend(args.iter().map(|arg| (*arg).to_owned()));
        Self::new(name, bin, &all)
    }

    /// Runs it once, output discarded; the wall time from start to exit.
    fn time(&mut self) {
        if let Some(path) = &self.removed {
            let _ = std::fs::remove_file(path);
        }
        let start = Instant::now();
        let status = Command::new(&self.program)
            .args(&self.args)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .expect("run");
        self.times.push(start.elapsed());
        assert!(status.success(), "{} failed: {status}", self.name);
    }

    fn median(&self) -> Duration {
        median(self.times.clone())
    }
}

fn median(mut values: Vec<Duration>) -> Duration {
    values.sort();
    values.get(values.len() / 2).copied().unwrap_or_default()
}

/// The median over rounds of `a`'s time over `b`'s in the same round.
fn paired_ratio(a: &Run, b: &Run) -> f64 {
    let mut ratios: Vec<f64> = a
        .times
        .iter()
        .zip(&b.times)
        .map(|(a, b)| a.as_secs_f64() / b.as_secs_f64())
        .collect();
    ratios.sort_by(f64::total_cmp);
    ratios.get(ratios.len() / 2).copied().unwrap_or(f64::NAN)
}

/// Peak resident memory of a run in KiB, through GNU time where there is one.
fn peak_rss_kib(run: &Run) -> Option<u64> {
    let output = Command::new("/usr/bin/time")
        .args(["-f", "%M", &run.program])
        .args(&run.args)
        .stdout(Stdio::null())
        .output()
        .ok()?;
    let text = String::from_utf8_lossy(&output.stderr);
    text.lines().last()?.trim().parse().ok()
}

fn main() {
    let options = options();
    let temp = tempfile::tempdir().expect("temp dir");
    let data = options
        .keep
        .clone()
        .unwrap_or_else(|| temp.path().join("data"));
    // Saved today, as at the end of a workshop: the summary uses the saved
    // verdicts. Another run asks for a day past every milestone, when every
    // verdict is worked out again.
    let today = aiact_core::today();
    let questionnaire = aiact::catalog::default_questionnaire().expect("built-in");
    let store = Store::at(&data);
    if store.assessments_dir().exists() {
        std::fs::remove_dir_all(store.assessments_dir()).expect("clear the data directory");
    }
    let files = workshop::fill(
        &store,
        &questionnaire,
        options.count,
        today,
        workshop::TurnsOn::Saved,
    );
    let bytes: u64 = files
        .iter()
        .map(|path| std::fs::metadata(path).expect("file").len())
        .sum();
    println!(
        "{} assessments of {} KiB on average ({} MiB) in {}",
        files.len(),
        bytes / files.len().max(1) as u64 / 1024,
        bytes / 1024 / 1024,
        data.display()
    );
    // A second data directory, of 20: the size of one workshop.
    let small = data.with_file_name(format!(
        "{}-20",
        data.file_name()
            .map_or("data".into(), |name| name.to_string_lossy())
    ));
    let small_store = Store::at(&small);
    if small_store.assessments_dir().exists() {
        std::fs::remove_dir_all(small_store.assessments_dir()).expect("clear");
    }
    workshop::fill(
        &small_store,
        &questionnaire,
        20,
        today,
        workshop::TurnsOn::Saved,
    );
    // The index keeps files left alone for its settling time.
    std::thread::sleep(Duration::from_millis(2200));
    if options.only.as_deref() != Some("tui") {
        cli(&options, &data, &files);
    }
    if options.only.as_deref() != Some("cli") {
        tui(&options, &small, &data);
    }
    if options.keep.is_some() {
        println!("the data of 20 is in {}", small.display());
    } else {
        let _ = std::fs::remove_dir_all(&small);
    }
}

/// The command line against `cat`, round after round.
fn cli(options: &Options, data: &Path, files: &[PathBuf]) {
    let store = Store::at(data);
    let files: Vec<String> = files.iter().map(|p| p.display().to_string()).collect();
    let middle = options.count / 2;
    let kept = store.assessments_dir().join(".summary.json");
    let bin = options.bin.as_str();
    println!("timing {bin}");
    let by_path = files[middle].clone();
    let by_name = format!("team-{middle}");
    let mut runs = vec![
        Run::new("cat of the files", "cat", &files),
        Run::aiact("list", bin, data, &["list"]),
        Run::aiact("list --json", bin, data, &["list", "--json"]),
        // Every row worked out: as of 2031 (every verdict worked out too),
        // then as of today (the saved verdicts used), which leaves its rows
        // for the next run, which only reads them.
        Run::aiact(
            "summary, 2031, new",
            bin,
            data,
            &["--today", "2031-01-01", "summary"],
        )
        .without(kept.clone()),
        Run::aiact("summary, new", bin, data, &["summary"]).without(kept),
        Run::aiact("summary", bin, data, &["summary"]),
        Run::aiact("export by path", bin, data, &["export", &by_path]),
        Run::aiact("export by name", bin, data, &["export", &by_name]),
    ];
    // Warm up: the page cache, and the index (built by the first listing).
    for run in &mut runs {
        run.time();
        run.times.clear();
    }
    for _ in 0..options.rounds {
        for run in &mut runs {
            run.time();
        }
    }
    println!(
        "\n{} rounds; medians (wall time of the process, start to exit):",
        options.rounds
    );
    for run in &runs {
        println!(
            "  {:<18} {:>9.2} ms",
            run.name,
            run.median().as_secs_f64() * 1e3
        );
    }
    let [
        cat,
        list,
        list_json,
        later_new,
        summary_new,
        summary,
        by_path,
        by_name,
    ] = &runs[..]
    else {
        unreachable!("eight runs");
    };
    println!("\ntargets (issue 15), as the median of the ratios within each round:");
    let check = |what: &str, ratio: f64, target: f64| {
        let verdict = if ratio <= target { "met" } else { "MISSED" };
        println!("  {what:<36} {ratio:>6.2}×  (target ≤ {target}×) {verdict}");
    };
    check("list / cat", paired_ratio(list, cat), 0.5);
    check("list --json / cat", paired_ratio(list_json, cat), 0.5);
    check("summary (rows kept) / cat", paired_ratio(summary, cat), 3.0);
    check(
        "summary, every row new / cat",
        paired_ratio(summary_new, cat),
        3.0,
    );
    check(
        "summary, 2031, every row new / cat",
        paired_ratio(later_new, cat),
        3.0,
    );
    check(
        "export by name / by path",
        paired_ratio(by_name, by_path),
        1.5,
    );
    match peak_rss_kib(list_json) {
        Some(kib) => {
            let bytes = kib * 1024;
            println!(
                "  {:<36} {:>6.1} MB (target ≤ 12 MB) {}",
                "peak RSS of list --json",
                bytes as f64 / 1e6,
                if bytes <= 12_000_000 { "met" } else { "MISSED" }
            )
        }
        None => println!("  peak RSS of list --json: not measured (no /usr/bin/time)"),
    }
}

/// The minimal ratatui program: given, or built as the example.
fn minimal_program(options: &Options) -> String {
    if let Some(path) = &options.minimal {
        return path.clone();
    }
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let status = Command::new(cargo)
        .args(["build", "--release", "--example", "minimal_frame"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdout(Stdio::null())
        .status()
        .expect("cargo runs");
    assert!(status.success(), "building the minimal program failed");
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("target/release/examples/minimal_frame")
        .display()
        .to_string()
}

const WAIT: Duration = Duration::from_secs(20);
/// What the minimal program's frame says, and what shows that aiact drew
/// its first frame (the header) and its list (a system name).
const MINIMAL_TEXT: &str = "A minimal ratatui program";
const FIRST_FRAME: &str = "your assessments";
const LISTED: &str = "Team ";
const DOWN: &str = "\x1b[B";
const UP: &str = "\x1b[A";

/// One start of the minimal program: start to its frame.
fn minimal_start(minimal: &str) -> Duration {
    let session = pty::Session::start(minimal, &[], &[]);
    let frame = session
        .shows(MINIMAL_TEXT, session.started, WAIT)
        .expect("the minimal program draws");
    session.quit("q");
    frame
}

/// One start of aiact on `data`: start to the first frame, and to the list.
/// It starts as a founder starts it, without arguments, the data directory
/// given by the environment (`AIACT_DATA_DIR`, as a user's own is found
/// without one).
fn aiact_start(bin: &str, data: &Path) -> (Duration, Duration) {
    let data = data.display().to_string();
    let session = pty::Session::start(bin, &[], &[(DATA_DIR_ENV, &data)]);
    let first = session.shows(FIRST_FRAME, session.started, WAIT);
    let listed = session.shows(LISTED, session.started, WAIT);
    let (Some(first), Some(listed)) = (first, listed) else {
        panic!("aiact did not show its list:\n{}", session.text());
    };
    session.quit("q");
    (first, listed)
}

/// `keys` keys, Down and Up in turn, each once the screen is quiet: the
/// time from each to the first change of the screen.
fn key_times(session: &mut pty::Session, keys: usize) -> Vec<Duration> {
    (0..keys)
        .map(|i| {
            session.settle(Duration::from_millis(3));
            let key = if i % 2 == 0 { DOWN } else { UP };
            session
                .key_to_change(key, WAIT)
                .expect("the screen changes after a key")
        })
        .collect()
}

fn ms(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1e3
}

/// The median of `a[i] / b[i]`.
fn median_ratio(a: &[Duration], b: &[Duration]) -> f64 {
    let mut ratios: Vec<f64> = (a.iter().zip(b))
        .map(|(a, b)| a.as_secs_f64() / b.as_secs_f64())
        .collect();
    ratios.sort_by(f64::total_cmp);
    ratios.get(ratios.len() / 2).copied().unwrap_or(f64::NAN)
}

/// The full-screen interface in a pseudo-terminal against the minimal
/// ratatui program, in alternation.
fn tui(options: &Options, small: &Path, large: &Path) {
    let minimal = minimal_program(options);
    let bin = options.bin.as_str();
    println!("\nfull-screen interface: {bin} against {minimal}, in a pseudo-terminal");
    let sizes = [("20", small), ("1,000", large)];
    // Warm up: the page cache, the index of each directory.
    minimal_start(&minimal);
    for (_, data) in sizes {
        aiact_start(bin, data);
    }
    let mut floor: [Vec<Duration>; 2] = Default::default();
    let mut first: [Vec<Duration>; 2] = Default::default();
    let mut listed: [Vec<Duration>; 2] = Default::default();
    for _ in 0..options.rounds {
        for (i, (_, data)) in sizes.iter().enumerate() {
            floor[i].push(minimal_start(&minimal));
            let (frame, list) = aiact_start(bin, data);
            first[i].push(frame);
            listed[i].push(list);
        }
    }
    println!(
        "\n{} rounds; medians (from starting the process):",
        options.rounds
    );
    for (i, (size, _)) in sizes.iter().enumerate() {
        println!(
            "  {size:>5} assessments: minimal program's frame {:>6.2} ms, aiact's first frame {:>6.2} ms, its list {:>6.2} ms",
            ms(pty::percentile(&floor[i], 0.5)),
            ms(pty::percentile(&first[i], 0.5)),
            ms(pty::percentile(&listed[i], 0.5)),
        );
    }

    // Keys: on aiact's home list of 1,000, and on the minimal program.
    let large = large.display().to_string();
    let mut session = pty::Session::start(bin, &[], &[(DATA_DIR_ENV, &large)]);
    session
        .shows(LISTED, session.started, WAIT)
        .expect("listed");
    let aiact_keys = key_times(&mut session, options.keys);
    let rss = session.peak_rss_kib();
    session.quit("q");
    let mut session = pty::Session::start(&minimal, &[], &[]);
    session
        .shows(MINIMAL_TEXT, session.started, WAIT)
        .expect("drawn");
    let minimal_keys = key_times(&mut session, options.keys);
    session.quit("q");
    println!(
        "\nkey to screen change, {} keys (Down and Up in turn):",
        options.keys
    );
    for (who, times) in [
        ("aiact, home of 1,000", &aiact_keys),
        ("minimal program", &minimal_keys),
    ] {
        println!(
            "  {who:<22} median {:>5.2} ms, p99 {:>5.2} ms, max {:>6.2} ms",
            ms(pty::percentile(times, 0.5)),
            ms(pty::percentile(times, 0.99)),
            ms(pty::percentile(times, 1.0)),
        );
    }

    println!("\ntargets (issue 15), as the median of the ratios within each round:");
    let check = |what: &str, value: f64, target: f64, unit: &str| {
        let verdict = if value <= target { "met" } else { "MISSED" };
        println!("  {what:<44} {value:>6.2}{unit}  (target ≤ {target}{unit}) {verdict}");
    };
    for (i, (size, _)) in sizes.iter().enumerate() {
        check(
            &format!("first frame / minimal, {size}"),
            median_ratio(&first[i], &floor[i]),
            1.3,
            "×",
        );
        check(
            &format!("list on screen / minimal's frame, {size}"),
            median_ratio(&listed[i], &floor[i]),
            3.0,
            "×",
        );
    }
    check(
        "key to screen p99, home of 1,000",
        ms(pty::percentile(&aiact_keys, 0.99)),
        2.0,
        " ms",
    );
    match rss {
        Some(kib) => check(
            "peak RSS of the interface, 1,000",
            (kib * 1024) as f64 / 1e6,
            12.0,
            " MB",
        ),
        None => println!("  peak RSS of the interface: not measured (no /proc)"),
    }
}
