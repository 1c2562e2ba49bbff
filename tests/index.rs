//! The index of the assessments directory (`.index.bin`) is a cache: the
//! list it gives is always the list the files give. Each test changes
//! things behind its back (files added, edited in place with their size
//! and modification time kept, replaced, deleted, renamed, cut short,
//! replaced by a pipe, a directory or a link; the questionnaire changed;
//! an assessment open for editing elsewhere), or breaks the index itself
//! (deleted, cut short, garbage, another program's, a directory, a pipe, a
//! link, too large), and compares the list with the index against the list
//! without it. The same changes are made while the full-screen
//! interface shows the list: its home list, read on a thread of its own
//! and kept up to date by a watch on the directory, must come to the list
//! the files give without a key pressed.
//!
//! The index keeps only files left alone for `INDEX_SETTLE` (2.1 s), so the
//! tests that need entries in it wait that long once. The tests look into
//! it, and plant changed ones, through its JSON view (`index_as_json`),
//! whatever its encoding.

#![cfg(unix)]

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use aiact::report::summary;
use aiact::storage::{
    INDEX_FILE_NAME, INDEX_SETTLE, Listing, LockState, Mode, Questionnaires, Store, format,
    index_as_json,
};
use aiact::tui::app::{App, Screen};
use aiact::tui::theme::Theme;
use aiact::tui::workspace::Workspace;
use aiact_core::Questionnaire;
use jiff::civil::{Date, date};
use ratatui::layout::Rect;
use serde_json::Value;

#[path = "../benches/support/workshop.rs"]
mod workshop;

const TODAY: Date = date(2026, 11, 23);

/// A data directory with `count` realistic assessments (`team-<n>.json`),
/// left alone long enough for the index to keep them, and listed once.
fn indexed(count: usize) -> (tempfile::TempDir, Store, Vec<PathBuf>) {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::at(dir.path());
    let questionnaire = aiact::catalog::default_questionnaire().expect("built-in");
    let paths = workshop::fill(
        &store,
        &questionnaire,
        count,
        TODAY,
        workshop::TurnsOn::Left,
    );
    settle();
    store.list();
    assert_eq!(indexed_names(&store).len(), count, "every file indexed");
    (dir, store, paths)
}

fn settle() {
    std::thread::sleep(INDEX_SETTLE + std::time::Duration::from_millis(200));
}

fn index_path(store: &Store) -> PathBuf {
    store.assessments_dir().join(INDEX_FILE_NAME)
}

/// The index of `store`, as JSON.
fn index_json(store: &Store) -> Value {
    index_as_json::decode(&fs::read(index_path(store)).expect("index")).expect("an index")
}

/// The index file of that JSON.
fn index_bytes(index: &Value) -> Vec<u8> {
    index_as_json::encode(index).expect("the shape of an index")
}

/// The file names the index has entries for.
fn indexed_names(store: &Store) -> Vec<String> {
    let index = index_json(store);
    let mut names: Vec<String> = index["entries"]
        .as_array()
        .expect("entries")
        .iter()
        .map(|entry| entry["name"].as_str().expect("name").to_owned())
        .collect();
    names.sort();
    names
}

/// The list with the index as it is, then without it (deleted, so every
/// file is read): they must be the same. The list is returned.
fn same_as_without_index(store: &Store, context: &str) -> Vec<Listing> {
    let cached = store.list();
    let _ = fs::remove_file(index_path(store));
    let fresh = store.list();
    assert_eq!(cached, fresh, "{context}");
    cached
}

/// File and system names of the readable assessments, by file name.
fn readable(listings: &[Listing]) -> Vec<(String, String)> {
    let mut names: Vec<(String, String)> = listings
        .iter()
        .filter_map(|listing| match listing {
            Listing::Readable(summary) => {
                Some((file_name(&summary.path), summary.system_name.clone()))
            }
            Listing::Unreadable { .. } => None,
        })
        .collect();
    names.sort();
    names
}

fn unreadable(listings: &[Listing], name: &str) -> String {
    listings
        .iter()
        .find_map(|listing| match listing {
            Listing::Unreadable { path, reason } if file_name(path) == name => Some(reason.clone()),
            _ => None,
        })
        .unwrap_or_else(|| panic!("{name} not listed as unreadable: {listings:?}"))
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .expect("name")
        .to_string_lossy()
        .into_owned()
}

fn json(path: &Path) -> Value {
    serde_json::from_slice(&fs::read(path).expect("read")).expect("JSON")
}

/// Writes an assessment's JSON as another program would: a new file moved
/// over the old one.
fn replace(path: &Path, value: &Value) {
    let temp = path.with_extension("tmp");
    fs::write(&temp, serde_json::to_vec_pretty(value).expect("encode")).expect("write");
    fs::rename(&temp, path).expect("rename");
}

/// Changes the last letter of an assessment's system name in its file,
/// written in place with the same size and modification time, so that only
/// the inode's change time tells; the new name.
fn rename_in_place(path: &Path) -> String {
    let before = fs::metadata(path).expect("metadata");
    let mut value = json(path);
    let name = value["metadata"]["system_name"]
        .as_str()
        .expect("name")
        .to_owned();
    let edited = format!("{}?", &name[..name.len() - 1]);
    value["metadata"]["system_name"] = edited.clone().into();
    let bytes =
        format::to_bytes(&serde_json::from_value(value).expect("assessment")).expect("encode");
    assert_eq!(bytes.len() as u64, before.len(), "same size");
    let mut file = fs::OpenOptions::new().write(true).open(path).expect("open");
    file.write_all(&bytes).expect("write");
    file.set_modified(before.modified().expect("mtime"))
        .expect("set mtime");
    drop(file);
    let after = fs::metadata(path).expect("metadata");
    assert_eq!(after.modified().ok(), before.modified().ok());
    edited
}

/// The store with the built-in questionnaire edited without a new version.
fn with_edited_questionnaire(store: &Store) -> Store {
    let mut doc: Value = serde_json::from_str(include_str!("../questionnaires/eu-ai-act.json"))
        .expect("questionnaire");
    doc["title"] = "Edited without a new version".into();
    let edited = Questionnaire::from_json(&doc.to_string(), "edited").expect("valid");
    Store::at(store.data_dir()).with_questionnaires(Questionnaires::built_in().with(edited))
}

/// Puts something in place of the index: given a victim file and the place.
type Plant = fn(&Path, &Path);

/// What may stand where aiact keeps a cache instead of a regular file,
/// planted at the second path; the links point to the first.
const SPECIALS: [(&str, Plant); 4] = [
    ("a directory", |_, at| fs::create_dir(at).expect("dir")),
    ("a named pipe", |_, at| mkfifo(at)),
    ("a link", |victim, at| {
        std::os::unix::fs::symlink(victim, at).expect("link")
    }),
    ("a dangling link", |victim, at| {
        std::os::unix::fs::symlink(victim.with_extension("gone"), at).expect("link")
    }),
];

/// The special file at `at` is still what was planted (`kind`), and the
/// file a link there points to still holds `stale`: never written through.
#[track_caller]
fn assert_left_alone(what: &str, at: &Path, kind: fs::FileType, victim: &Path, stale: &[u8]) {
    assert_eq!(
        fs::symlink_metadata(at).expect("there").file_type(),
        kind,
        "{what}"
    );
    assert_eq!(fs::read(victim).expect("victim"), stale, "{what}");
}

fn mkfifo(path: &Path) {
    let status = Command::new("mkfifo").arg(path).status().expect("mkfifo");
    assert!(status.success());
}

#[test]
fn the_index_answers_for_files_left_alone_and_files_changed_are_read_again() {
    let (_dir, store, paths) = indexed(6);
    // An entry the index holds is what the list shows, without reading the
    // file: the proof that it is used.
    let mut index = index_json(&store);
    let target = file_name(&paths[2]);
    for entry in index["entries"].as_array_mut().expect("entries") {
        if entry["name"] == target.as_str() {
            entry["listed"]["system_name"] = "From the index".into();
        }
    }
    fs::write(index_path(&store), index_bytes(&index)).expect("write");
    let names = readable(&store.list());
    assert!(
        names.contains(&(target.clone(), "From the index".to_owned())),
        "{names:?}"
    );
    // Once the file changes (here: the same bytes written again), it is
    // read, and the list shows what it says.
    let bytes = fs::read(&paths[2]).expect("read");
    fs::write(&paths[2], &bytes).expect("rewrite");
    let names = readable(&same_as_without_index(&store, "rewritten"));
    let real = json(&paths[2])["metadata"]["system_name"]
        .as_str()
        .expect("name")
        .to_owned();
    assert!(names.contains(&(target, real)), "{names:?}");
}

#[test]
fn files_changed_behind_its_back_are_never_hidden_lost_nor_misreported() {
    let (_dir, store, paths) = indexed(8);
    let dir = store.assessments_dir();

    // Added: a copy under another file and system name.
    let mut added = json(&paths[0]);
    added["metadata"]["system_name"] = "Added later".into();
    added["id"] = "00000000-0000-4000-8000-00000000aaaa".into();
    replace(&dir.join("added.json"), &added);
    let listed = same_as_without_index(&store, "added");
    assert!(readable(&listed).contains(&("added.json".into(), "Added later".into())));

    // Edited in place with the same size and modification time: only the
    // inode's change time tells.
    let edited_name = rename_in_place(&paths[1]);
    let listed = same_as_without_index(&store, "edited in place");
    assert!(readable(&listed).contains(&(file_name(&paths[1]), edited_name)));

    // Replaced by a new file (a new inode), with another tier.
    let mut value = json(&paths[2]);
    value["verdict"] = Value::Null;
    value["progress"] = serde_json::json!({"answered": 0, "on_path": 1});
    value["answers"] = serde_json::json!({});
    replace(&paths[2], &value);
    let listed = same_as_without_index(&store, "replaced");
    let Some(Listing::Readable(summary)) = listed.iter().find(|l| l.path() == paths[2]) else {
        panic!("{listed:?}");
    };
    assert_eq!(
        (summary.tier.as_ref(), summary.progress.answered),
        (None, 0)
    );

    // Deleted, and renamed (listed once, under its new name).
    fs::remove_file(&paths[3]).expect("delete");
    fs::rename(&paths[4], dir.join("moved.json")).expect("rename");
    let listed = same_as_without_index(&store, "deleted and renamed");
    assert!(
        listed
            .iter()
            .all(|l| l.path() != paths[3] && l.path() != paths[4])
    );
    assert_eq!(
        listed
            .iter()
            .filter(|l| file_name(l.path()) == "moved.json")
            .count(),
        1
    );

    // Cut short, a pipe, a directory and a link where assessments were:
    // listed as unreadable, with what they are.
    let bytes = fs::read(&paths[5]).expect("read");
    fs::write(&paths[5], &bytes[..bytes.len() / 2]).expect("truncate");
    fs::remove_file(&paths[6]).expect("remove");
    mkfifo(&paths[6]);
    fs::remove_file(&paths[7]).expect("remove");
    fs::create_dir(&paths[7]).expect("directory");
    std::os::unix::fs::symlink(&paths[0], dir.join("link.json")).expect("link");
    let listed = same_as_without_index(&store, "bad files");
    assert!(unreadable(&listed, &file_name(&paths[5])).contains("truncated"));
    assert!(unreadable(&listed, &file_name(&paths[6])).contains("named pipe"));
    assert!(unreadable(&listed, &file_name(&paths[7])).contains("directory"));
    assert!(unreadable(&listed, "link.json").contains("symbolic link"));
    // Nothing read from them is kept.
    let kept = indexed_names(&store);
    for bad in [&paths[5], &paths[6], &paths[7], &dir.join("link.json")] {
        assert!(!kept.contains(&file_name(bad)), "{bad:?} in {kept:?}");
    }
    assert_eq!(listed.len(), 9, "{listed:?}");
}

/// The full-screen interface's home list, read on a thread of its own
/// and kept up to date by a watch on the directory.
fn home_entries(app: &App) -> &[Listing] {
    let Screen::Home(home) = app.screen() else {
        panic!("home");
    };
    &home.entries
}

/// Takes the listings the open interface reads as they come, until its
/// home list is the list the files give (read without the index): a
/// change behind its back shows without a key, and nothing else does.
fn home_shows_the_files(app: &mut App, store: &Store, context: &str) -> Vec<Listing> {
    let fresh = Store::at(store.data_dir());
    let start = Instant::now();
    loop {
        let _ = fs::remove_file(index_path(&fresh));
        let truth = fresh.list();
        if home_entries(app) == truth.as_slice() {
            return truth;
        }
        assert!(
            start.elapsed() < Duration::from_secs(15),
            "{context}: the home list is not the files' after {:?}:\n{:?}\nfiles:\n{truth:?}",
            start.elapsed(),
            home_entries(app)
        );
        app.wait_for_listing(Duration::from_millis(50));
    }
}

/// The same changes behind the index's back while the interface shows
/// the list: each shows, as the files say, with no key pressed.
#[test]
fn files_changed_while_the_interface_is_open_show_as_they_are() {
    let (_dir, store, paths) = indexed(8);
    let dir = store.assessments_dir();
    let questionnaire = aiact::catalog::default_questionnaire().expect("built-in");
    let mut app = App::new(
        Workspace::new(Store::at(store.data_dir()), questionnaire),
        TODAY,
        Theme::new(false),
        Rect::new(0, 0, 100, 30),
    );
    let listed = home_shows_the_files(&mut app, &store, "at the start");
    assert_eq!(readable(&listed).len(), 8);

    let mut added = json(&paths[0]);
    added["metadata"]["system_name"] = "Added later".into();
    added["id"] = "00000000-0000-4000-8000-00000000aaaa".into();
    replace(&dir.join("added.json"), &added);
    let listed = home_shows_the_files(&mut app, &store, "added");
    assert!(readable(&listed).contains(&("added.json".into(), "Added later".into())));

    let edited_name = rename_in_place(&paths[1]);
    let listed = home_shows_the_files(&mut app, &store, "edited in place");
    assert!(readable(&listed).contains(&(file_name(&paths[1]), edited_name)));

    fs::remove_file(&paths[3]).expect("delete");
    fs::rename(&paths[4], dir.join("moved.json")).expect("rename");
    let listed = home_shows_the_files(&mut app, &store, "deleted and renamed");
    assert!(
        listed
            .iter()
            .all(|l| l.path() != paths[3] && l.path() != paths[4])
    );

    let bytes = fs::read(&paths[5]).expect("read");
    fs::write(&paths[5], &bytes[..bytes.len() / 2]).expect("truncate");
    let listed = home_shows_the_files(&mut app, &store, "cut short");
    assert!(unreadable(&listed, &file_name(&paths[5])).contains("truncated"));

    // Mended again: listed as before, not kept as unreadable.
    fs::write(&paths[5], &bytes).expect("mend");
    let listed = home_shows_the_files(&mut app, &store, "mended");
    // Eight, one added, one deleted.
    assert_eq!(readable(&listed).len(), 8, "{listed:?}");
    assert_eq!(listed.len(), 8);
}

#[test]
fn a_changed_questionnaire_is_seen_for_files_the_index_knows() {
    let (_dir, store, _paths) = indexed(3);
    // The same id, other content: every file's questionnaire changed.
    let other = with_edited_questionnaire(&store);
    let listed = same_as_without_index(&other, "another questionnaire");
    assert!(
        listed
            .iter()
            .all(|l| matches!(l, Listing::Readable(s) if s.questionnaire_changed))
    );
    // And back: up to date again, the answers checked again.
    let listed = same_as_without_index(&store, "the built-in one again");
    assert!(
        listed
            .iter()
            .all(|l| matches!(l, Listing::Readable(s) if !s.questionnaire_changed))
    );
}

#[test]
fn a_bad_index_is_never_trusted_never_breaks_the_list_and_only_a_file_is_replaced() {
    let (dir, store, paths) = indexed(4);
    let expected = store.list();
    let index = index_path(&store);
    let good = fs::read(&index).expect("index");
    let mut foreign = index_json(&store);
    foreign["program"] = "aiact 0.0.1 another build".into();
    for entry in foreign["entries"].as_array_mut().expect("entries") {
        entry["listed"]["system_name"] = "Stale".into();
    }
    let mut newer = index_json(&store);
    newer["format"] = "aiact-index/999".into();
    newer["entries"][0]["listed"]["system_name"] = "Stale".into();
    let regular: [(&str, Vec<u8>); 7] = [
        ("empty", Vec::new()),
        ("cut short", good[..good.len() / 2].to_vec()),
        ("garbage", b"\x00\xff{{not an index at all".to_vec()),
        (
            "JSON, as earlier builds wrote it",
            serde_json::to_vec(&index_json(&store)).expect("encode"),
        ),
        ("another program's", index_bytes(&foreign)),
        ("a newer format", index_bytes(&newer)),
        ("too large", vec![b' '; 9 * 1024 * 1024]),
    ];
    for (what, bytes) in regular {
        fs::write(&index, &bytes).expect("write index");
        assert_eq!(store.list(), expected, "{what}");
        assert_eq!(
            indexed_names(&store).len(),
            paths.len(),
            "{what}: replaced by a good one"
        );
    }
    fs::remove_file(&index).expect("remove");
    assert_eq!(store.list(), expected, "deleted");
    assert!(index.is_file(), "written again");

    // Anything but a regular file is left as it is: never read, never
    // written through, never replaced. Read through the link, the index
    // it points to would show stale names.
    let mut stale = index_json(&store);
    for entry in stale["entries"].as_array_mut().expect("entries") {
        entry["listed"]["system_name"] = "Stale".into();
    }
    let stale = index_bytes(&stale);
    let victim = dir.path().join("victim");
    fs::write(&victim, &stale).expect("victim");
    for (what, plant) in SPECIALS {
        fs::remove_file(&index).expect("remove");
        plant(&victim, &index);
        let kind = fs::symlink_metadata(&index).expect("there").file_type();
        // Changed since the index was made: read again, and not from the victim.
        fs::write(&paths[0], fs::read(&paths[0]).expect("read")).expect("touch");
        assert_eq!(readable(&store.list()), readable(&expected), "{what}");
        assert_left_alone(what, &index, kind, &victim, &stale);
        let _ = fs::remove_dir(&index);
        let _ = fs::remove_file(&index);
        fs::write(&index, b"").expect("placeholder");
    }
}

/// Earlier builds kept the index as JSON in `.index.json`: once the index
/// is written anew, that file goes, if it is a regular file; anything else
/// of that name is left as it is.
#[test]
fn the_json_index_of_earlier_builds_goes_when_the_index_is_written() {
    let (dir, store, _paths) = indexed(2);
    let expected = store.list();
    let earlier = store.assessments_dir().join(".index.json");
    let written_anew = || fs::remove_file(index_path(&store)).expect("remove the index");
    fs::write(
        &earlier,
        serde_json::to_vec(&index_json(&store)).expect("encode"),
    )
    .expect("plant");
    written_anew();
    assert_eq!(store.list(), expected);
    assert!(index_path(&store).is_file(), "written again");
    assert!(
        !earlier.exists(),
        "the JSON index of earlier builds is gone"
    );

    let victim = dir.path().join("victim");
    fs::write(&victim, b"stale").expect("victim");
    for (what, plant) in SPECIALS {
        plant(&victim, &earlier);
        let kind = fs::symlink_metadata(&earlier).expect("there").file_type();
        written_anew();
        assert_eq!(store.list(), expected, "{what}");
        assert_left_alone(what, &earlier, kind, &victim, b"stale");
        let _ = fs::remove_dir(&earlier);
        let _ = fs::remove_file(&earlier);
    }
}

#[test]
fn an_assessment_open_for_editing_elsewhere_and_saved_there_is_listed_as_it_is() {
    let (_dir, store, paths) = indexed(3);
    let snapshot = store.snapshot();
    assert!(
        !store.changed_since(&snapshot.stamp),
        "listing changes nothing"
    );

    let editor = store.open(&paths[1], Mode::Edit).expect("open for editing");
    assert!(store.changed_since(&snapshot.stamp), "opened elsewhere");
    let listed = same_as_without_index(&store, "open elsewhere");
    let Some(Listing::Readable(summary)) = listed.iter().find(|l| l.path() == paths[1]) else {
        panic!("{listed:?}");
    };
    assert!(
        matches!(summary.lock, LockState::Held { .. }),
        "{:?}",
        summary.lock
    );

    // The editor saves (as aiact saves: a new file moved into place).
    let snapshot = store.snapshot();
    let mut value = json(&paths[1]);
    value["metadata"]["organisation"] = "Saved while open".into();
    replace(&paths[1], &value);
    assert!(store.changed_since(&snapshot.stamp), "saved");
    let listed = same_as_without_index(&store, "saved while open");
    let Some(Listing::Readable(summary)) = listed.iter().find(|l| l.path() == paths[1]) else {
        panic!("{listed:?}");
    };
    assert_eq!(summary.organisation.as_deref(), Some("Saved while open"));

    let snapshot = store.snapshot();
    drop(editor);
    assert!(store.changed_since(&snapshot.stamp), "closed");
    let listed = same_as_without_index(&store, "closed");
    assert!(
        listed
            .iter()
            .all(|l| matches!(l, Listing::Readable(s) if s.lock == LockState::Free))
    );
}

#[test]
fn a_file_just_changed_is_read_until_it_has_settled() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::at(dir.path());
    let questionnaire = aiact::catalog::default_questionnaire().expect("built-in");
    let paths = workshop::fill(&store, &questionnaire, 2, TODAY, workshop::TurnsOn::Left);
    store.list();
    // Changed this recently, a file could change again without its stamp
    // changing (within one tick of the file system's clock).
    assert!(!index_path(&store).exists() || indexed_names(&store).is_empty());
    settle();
    store.list();
    let mut names: Vec<String> = paths.iter().map(|path| file_name(path)).collect();
    names.sort();
    assert_eq!(indexed_names(&store), names);
}

#[test]
fn looking_a_name_up_sees_what_changed_and_brings_a_stale_index_up_to_date() {
    let (_dir, store, paths) = indexed(4);
    let name_of = |path: &Path| {
        json(path)["metadata"]["system_name"]
            .as_str()
            .expect("name")
            .to_owned()
    };
    let first = name_of(&paths[0]);
    assert_eq!(store.resolve(&first).expect("found"), paths[0]);

    // A system name edited by hand in place: found by the new name only.
    let old = name_of(&paths[1]);
    let mut value = json(&paths[1]);
    value["metadata"]["system_name"] = "Renamed by hand".into();
    fs::write(
        &paths[1],
        serde_json::to_vec_pretty(&value).expect("encode"),
    )
    .expect("write");
    assert_eq!(store.resolve("renamed by hand").expect("found"), paths[1]);
    assert!(store.resolve(&old).is_err(), "the old name is gone");

    // Without an index, a lookup reads every file and writes it again.
    fs::remove_file(index_path(&store)).expect("remove");
    assert_eq!(store.resolve(&first).expect("found"), paths[0]);
    let mut names: Vec<String> = paths.iter().map(|path| file_name(path)).collect();
    names.retain(|name| *name != file_name(&paths[1]));
    names.sort();
    assert_eq!(
        indexed_names(&store),
        names,
        "all but the file just changed"
    );
}

fn summary_cache(store: &Store) -> PathBuf {
    store.assessments_dir().join(".summary.json")
}

/// The workshop table with what it keeps between runs, then without it:
/// they must be the same. The rows are returned.
fn rows_same_as_without_cache(store: &Store, today: Date, context: &str) -> Vec<summary::Row> {
    let cached = summary::rows(store, today);
    let _ = fs::remove_file(summary_cache(store));
    let fresh = summary::rows(store, today);
    assert_eq!(cached, fresh, "{context}");
    cached
}

fn row_names(rows: &[summary::Row]) -> Vec<(String, String)> {
    let mut names: Vec<(String, String)> = rows
        .iter()
        .filter_map(|row| match &row.content {
            summary::RowContent::Assessment(a) => Some((row.name.clone(), a.system_name.clone())),
            summary::RowContent::Unreadable { .. } => None,
        })
        .collect();
    names.sort();
    names
}

/// Rewrites the system name of every row the summary keeps.
fn tamper_rows(store: &Store, name: &str) -> Vec<u8> {
    let mut kept: Value =
        serde_json::from_slice(&fs::read(summary_cache(store)).expect("kept rows")).expect("JSON");
    for entry in kept["entries"].as_array_mut().expect("entries") {
        entry["value"]["system_name"] = name.into();
    }
    serde_json::to_vec(&kept).expect("encode")
}

#[test]
fn the_summary_keeps_a_row_only_while_its_file_questionnaire_and_dates_are_the_same() {
    let (_dir, store, paths) = indexed(3);
    let rows = rows_same_as_without_cache(&store, TODAY, "first");
    assert_eq!(rows.len(), 3);
    // Kept rows are what the table shows, without reading the files.
    summary::rows(&store, TODAY);
    fs::write(summary_cache(&store), tamper_rows(&store, "Kept")).expect("write");
    assert!(
        row_names(&summary::rows(&store, TODAY))
            .iter()
            .all(|(_, name)| name == "Kept")
    );

    // A day past a milestone: every row worked out again.
    fs::write(summary_cache(&store), tamper_rows(&store, "Kept")).expect("write");
    let later = date(2026, 12, 3);
    let names = row_names(&rows_same_as_without_cache(
        &store,
        later,
        "past a milestone",
    ));
    assert!(names.iter().all(|(_, name)| name != "Kept"), "{names:?}");

    // A file edited in place (size and modification time kept).
    summary::rows(&store, TODAY);
    let edited = rename_in_place(&paths[0]);
    let names = row_names(&rows_same_as_without_cache(
        &store,
        TODAY,
        "edited in place",
    ));
    assert!(names.contains(&(file_stem(&paths[0]), edited)), "{names:?}");

    // Another questionnaire of the same id: every row worked out again.
    summary::rows(&store, TODAY);
    fs::write(summary_cache(&store), tamper_rows(&store, "Kept")).expect("write");
    let other = with_edited_questionnaire(&store);
    let names = row_names(&rows_same_as_without_cache(
        &other,
        TODAY,
        "another questionnaire",
    ));
    assert!(names.iter().all(|(_, name)| name != "Kept"), "{names:?}");
}

#[test]
fn a_bad_summary_cache_is_never_trusted_and_only_a_file_is_replaced() {
    let (dir, store, _paths) = indexed(3);
    let expected = summary::rows(&store, TODAY);
    let cache = summary_cache(&store);
    let stale = tamper_rows(&store, "Stale");
    for (what, bytes) in [
        ("garbage", b"\x00{{ not JSON".to_vec()),
        ("cut short", stale[..stale.len() / 2].to_vec()),
        ("empty", Vec::new()),
    ] {
        fs::write(&cache, &bytes).expect("write");
        assert_eq!(summary::rows(&store, TODAY), expected, "{what}");
        let kept: Value = serde_json::from_slice(&fs::read(&cache).expect("kept")).expect("JSON");
        assert_eq!(
            kept["entries"].as_array().map(Vec::len),
            Some(3),
            "{what}: replaced"
        );
    }
    let victim = dir.path().join("victim");
    fs::write(&victim, &stale).expect("victim");
    for (what, plant) in SPECIALS {
        let _ = fs::remove_file(&cache);
        plant(&victim, &cache);
        let kind = fs::symlink_metadata(&cache).expect("there").file_type();
        assert_eq!(summary::rows(&store, TODAY), expected, "{what}");
        assert_left_alone(what, &cache, kind, &victim, &stale);
        let _ = fs::remove_dir(&cache);
    }
}

fn file_stem(path: &Path) -> String {
    path.file_stem()
        .expect("stem")
        .to_string_lossy()
        .into_owned()
}
