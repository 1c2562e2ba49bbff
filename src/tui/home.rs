//! The home screen's state: the list of saved assessments. Row 0 is "new
//! assessment"; the entries follow.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Weak};

use ratatui::layout::{Position, Rect};

use super::action::Action;
use super::effect::Effect;
use super::form::{Form, FormKind};
use super::keymap::{self, Context};
use super::layout::{Memo, Recorded};
use super::overlay::Overlay;
use super::refresh::Listings;
use crate::storage::Listing;
use crate::strings::tui as say;

/// How often "5 min ago" is brought up to date while nothing else changes.
pub const CLOCK: std::time::Duration = std::time::Duration::from_secs(15);

pub struct Home {
    /// Shared with the listing thread, which compares the next listing
    /// with it.
    pub entries: Listings,
    pub selected: usize,
    /// The list has been read (it is read off the UI thread, and comes
    /// after the first frame).
    pub listed: bool,
    /// To select once the list has it: an assessment just created,
    /// renamed or copied, before the list read since shows it.
    select: Option<PathBuf>,
    /// The time "5 min ago" is measured against.
    pub now: jiff::Timestamp,
    /// Where the list was drawn, and its first row drawn.
    pub layout: Recorded<ListLayout>,
    /// The assessment marked as A, to compare with another.
    pub marked: Option<PathBuf>,
    /// The width of the widest result in the list drawn last: worked out
    /// once a list, not on every key.
    pub result_width: Memo<ListKey, usize>,
}

/// Which list a value was worked out for: the very list (held weakly, so
/// that no other list can take its place in memory) at its length (a
/// deleted row shortens it in place).
#[derive(Debug)]
pub struct ListKey(Weak<Vec<Listing>>, usize);

impl ListKey {
    pub fn of(entries: &Listings) -> Self {
        Self(Arc::downgrade(entries), entries.len())
    }
}

impl PartialEq for ListKey {
    fn eq(&self, other: &Self) -> bool {
        self.0.ptr_eq(&other.0) && self.1 == other.1
    }
}

/// Where the home list was drawn.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ListLayout {
    pub list: Rect,
    /// The index of the first row drawn.
    pub first: usize,
}

impl Home {
    /// The home screen before its list is read.
    pub fn reading() -> Self {
        Self {
            entries: Listings::default(),
            selected: 0,
            listed: false,
            select: None,
            now: jiff::Timestamp::now(),
            layout: Recorded::default(),
            marked: None,
            result_width: Memo::default(),
        }
    }

    /// The list as last read, with the assessment at `select` selected, at
    /// once if it is there, else when a list that has it comes
    /// ([`Home::refresh`]).
    pub fn new(entries: Listings, select: Option<&Path>) -> Self {
        let mut home = Self::reading();
        home.listed = true;
        home.select = select.map(Path::to_owned);
        home.entries = entries;
        home.select_asked();
        home
    }

    /// Selects the assessment asked for, if the list has it.
    fn select_asked(&mut self) {
        let Some(path) = &self.select else {
            return;
        };
        if let Some(i) = self.entries.iter().position(|entry| entry.path() == path) {
            self.selected = i + 1;
            self.select = None;
        }
    }

    /// The entry under the selection (`None` on the "new" row).
    pub fn selected_entry(&self) -> Option<usize> {
        self.selected.checked_sub(1)
    }

    pub fn rows(&self) -> usize {
        self.entries.len() + 1
    }

    /// A fresh list, keeping the selected assessment selected (or
    /// selecting the one asked for).
    pub fn refresh(&mut self, entries: Listings) {
        let selected_path = self
            .selected_entry()
            .and_then(|i| self.entries.get(i))
            .map(|entry| entry.path().to_owned());
        let found = selected_path.and_then(|path| {
            entries
                .iter()
                .position(|entry| entry.path() == path)
                .map(|i| i + 1)
        });
        self.entries = entries;
        // A mark on an assessment that is gone (deleted, renamed) goes too.
        if let Some(marked) = &self.marked
            && !self.entries.iter().any(|entry| entry.path() == marked)
        {
            self.marked = None;
        }
        self.listed = true;
        self.now = jiff::Timestamp::now();
        self.selected = found.unwrap_or(self.selected).min(self.entries.len());
        self.select_asked();
    }

    /// The clock moved on: "just now" may have become "1 min ago".
    pub fn tick(&mut self) {
        self.now = jiff::Timestamp::now();
    }

    /// A deleted assessment leaves the list at once; the list read next
    /// confirms it.
    pub fn remove(&mut self, path: &Path) {
        Arc::make_mut(&mut self.entries).retain(|entry| entry.path() != path);
    }

    /// After a delete: the entry that took the deleted one's place is
    /// selected, as in a file manager; the last one if it was last.
    pub fn select_near(&mut self, row: usize) {
        self.selected = row.min(self.rows() - 1);
    }

    /// The list row under a mouse position, as last drawn.
    fn row_at(&self, column: u16, row: u16) -> Option<usize> {
        let ListLayout { list, first } = self.layout.get();
        if !list.contains(Position::new(column, row)) {
            return None;
        }
        let index = first + usize::from(row - list.y);
        (index < self.rows()).then_some(index)
    }

    pub fn update(&mut self, action: Action) -> Vec<Effect> {
        let last = self.rows() - 1;
        // The user chose another row: the one asked for is not forced on them.
        if matches!(
            action,
            Action::Up
                | Action::Down
                | Action::Top
                | Action::Bottom
                | Action::ScrollUp { .. }
                | Action::ScrollDown { .. }
                | Action::Click { .. }
        ) {
            self.select = None;
        }
        match action {
            Action::Up | Action::ScrollUp { .. } => self.selected = self.selected.saturating_sub(1),
            Action::Down | Action::ScrollDown { .. } => {
                self.selected = (self.selected + 1).min(last);
            }
            Action::Top => self.selected = 0,
            Action::Bottom => self.selected = last,
            Action::Click { column, row } => match self.row_at(column, row) {
                Some(clicked) if clicked == self.selected => return self.update(Action::Confirm),
                Some(clicked) => self.selected = clicked,
                None => {}
            },
            Action::NewAssessment => {
                return vec![Effect::Show(Overlay::Form(Form::new(FormKind::New, "")))];
            }
            Action::OpenPath => {
                return vec![Effect::Show(Overlay::Form(Form::new(
                    FormKind::OpenPath,
                    "",
                )))];
            }
            Action::Confirm => return self.open_selected(),
            Action::Rename | Action::Duplicate | Action::Delete => return self.manage(action),
            Action::Compare => return self.compare(),
            Action::Back => return vec![Effect::Quit],
            _ => {}
        }
        Vec::new()
    }

    fn open_selected(&self) -> Vec<Effect> {
        let Some(entry) = self.selected_entry() else {
            return vec![Effect::Show(Overlay::Form(Form::new(FormKind::New, "")))];
        };
        match self.entries.get(entry) {
            Some(Listing::Unreadable { path, reason }) => {
                // The whole reason, wrapped: a status line would cut it.
                let delete = keymap::keys_for(Action::Delete, Context::Home);
                vec![Effect::Show(Overlay::Notice {
                    title: say::CANNOT_OPEN_TITLE.to_owned(),
                    lines: vec![
                        path.display().to_string(),
                        reason.clone(),
                        say::left_alone(delete),
                    ],
                    scroll: 0,
                })]
            }
            Some(Listing::Readable(summary)) => vec![Effect::Open(summary.path.clone())],
            None => Vec::new(),
        }
    }

    /// Marks the selected assessment as A; on another, compares A with it
    /// (A stays marked, to compare with others); on A, unmarks it.
    fn compare(&mut self) -> Vec<Effect> {
        let Some(entry) = self.selected_entry() else {
            return vec![Effect::info(say::SELECT_FIRST)];
        };
        let Some(Listing::Readable(summary)) = self.entries.get(entry) else {
            return vec![Effect::error(say::CANNOT_COMPARE)];
        };
        match &self.marked {
            None => {
                self.marked = Some(summary.path.clone());
                let key = keymap::keys_for(Action::Compare, Context::Home);
                vec![Effect::info(say::marked_to_compare(&key))]
            }
            Some(marked) if *marked == summary.path => {
                self.marked = None;
                vec![Effect::info(say::unmarked(&summary.system_name))]
            }
            Some(marked) => vec![Effect::Compare {
                a: marked.clone(),
                b: summary.path.clone(),
            }],
        }
    }

    /// Rename, duplicate or delete the selected entry (a file that cannot
    /// be read can only be deleted).
    fn manage(&self, action: Action) -> Vec<Effect> {
        let Some(entry) = self.selected_entry() else {
            return vec![Effect::info(say::SELECT_FIRST)];
        };
        let summary = match self.entries.get(entry) {
            Some(Listing::Readable(summary)) => summary,
            Some(Listing::Unreadable { path, .. }) if action == Action::Delete => {
                let name = path.file_name().map_or_else(
                    || path.display().to_string(),
                    |name| name.to_string_lossy().into_owned(),
                );
                let path = path.clone();
                return vec![Effect::Show(Overlay::ConfirmDelete { path, name })];
            }
            _ => {
                return vec![Effect::error(say::ONLY_DELETE)];
            }
        };
        let name = summary.system_name.clone();
        let path = summary.path.clone();
        let overlay = match action {
            Action::Rename => Overlay::Form(Form::new(FormKind::Rename { path }, &name)),
            Action::Duplicate => {
                let copy_name = free_copy_name(&name, &self.entries);
                Overlay::Form(Form::new(FormKind::Duplicate { path }, &copy_name))
            }
            _ => Overlay::ConfirmDelete { path, name },
        };
        vec![Effect::Show(overlay)]
    }
}

/// "Name (copy)", or "Name (copy 2)", ... : the first no assessment has yet
/// (two of the same name are refused).
fn free_copy_name(name: &str, entries: &[Listing]) -> String {
    let taken = |candidate: &str| {
        entries.iter().any(|entry| {
            matches!(entry, Listing::Readable(summary)
                if summary.system_name.trim().eq_ignore_ascii_case(candidate))
        })
    };
    (1..)
        .map(|n| {
            if n == 1 {
                format!("{name} (copy)")
            } else {
                format!("{name} (copy {n})")
            }
        })
        .find(|candidate| !taken(candidate))
        .unwrap_or_else(|| format!("{name} (copy)"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unreadable(name: &str) -> Listing {
        Listing::Unreadable {
            path: PathBuf::from(name),
            reason: "cut short".to_owned(),
        }
    }

    #[test]
    fn a_row_removed_from_the_screen_stays_in_the_listing_the_list_thread_keeps() {
        // The listing thread compares its next listing with what it sent:
        // a delete shown at once must not change that.
        let sent: Listings = Arc::new(vec![unreadable("a.json"), unreadable("b.json")]);
        let mut home = Home::new(Arc::clone(&sent), None);
        home.remove(Path::new("a.json"));
        assert_eq!(*home.entries, vec![unreadable("b.json")]);
        assert_eq!(*sent, vec![unreadable("a.json"), unreadable("b.json")]);
    }
}
