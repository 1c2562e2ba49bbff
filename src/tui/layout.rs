//! What drawing leaves behind for the next update: each screen's state
//! holds a [`Recorded`] layout that its renderer writes (where the list
//! was, how far the text can scroll, where each row is), so that a click or
//! a scroll is read against what the user saw, and `update` never calls
//! into the drawing code (gitui's scroll state in a `Cell`, television's
//! recorded layout). A [`Memo`] keeps lines built for one key (a width, a
//! revision of the answers) until the key changes.

use std::cell::RefCell;
use std::rc::Rc;

use ratatui::layout::Rect;

/// Below this the screens cannot be drawn sensibly: a message says so,
/// and keys other than quitting do nothing.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 18;

/// Whether `area` is too small for the screens.
pub fn too_small(area: Rect) -> bool {
    area.width < MIN_WIDTH || area.height < MIN_HEIGHT
}

/// How tall a band of a [`stack`] is.
#[derive(Debug, Clone, Copy)]
pub enum Band {
    Rows(u16),
    /// What the other bands leave.
    Rest,
}

/// `area` cut into bands from the top: each as tall as it asks, the
/// [`Band::Rest`] what the others leave; a band that does not fit is cut
/// to what is left. Where the bands fit, a vertical `Layout` of `Length`s
/// and one `Fill` gives the same (a test holds them together), through a
/// constraint solver whose first solves in a process took a fifth of a
/// millisecond of the first frame.
pub fn stack<const N: usize>(area: Rect, bands: [Band; N]) -> [Rect; N] {
    let asked = |band: &Band| match band {
        Band::Rows(rows) => *rows,
        Band::Rest => 0,
    };
    let fixed = bands.iter().map(asked).fold(0, u16::saturating_add);
    let rest = area.height.saturating_sub(fixed);
    let mut y = area.y;
    bands.map(|band| {
        let wanted = match band {
            Band::Rows(rows) => rows,
            Band::Rest => rest,
        };
        let height = wanted.min(area.bottom().saturating_sub(y));
        let band = Rect::new(area.x, y, area.width, height);
        y += height;
        band
    })
}

/// `area` cut in two side by side, the right part `width` columns wide
/// (at most all of it): what a horizontal `Layout` of a `Fill` and a
/// `Length` gives, without its solver (see [`stack`]).
pub fn split_right(area: Rect, width: u16) -> [Rect; 2] {
    let width = width.min(area.width);
    let left = Rect::new(area.x, area.y, area.width - width, area.height);
    let right = Rect::new(left.right(), area.y, width, area.height);
    [left, right]
}

/// A layout written by drawing and read by updates. Until the first frame
/// it holds the default: nothing to click, nothing to scroll.
#[derive(Debug, Default)]
pub struct Recorded<T>(RefCell<T>);

impl<T> Recorded<T> {
    pub fn record(&self, value: T) {
        *self.0.borrow_mut() = value;
    }

    /// Reads the last recorded layout.
    pub fn read<R>(&self, read: impl FnOnce(&T) -> R) -> R {
        read(&self.0.borrow())
    }
}

impl<T: Clone> Recorded<T> {
    pub fn get(&self) -> T {
        self.0.borrow().clone()
    }
}

/// A value built for a key, kept until it is asked for with another key.
#[derive(Debug)]
pub struct Memo<K, V>(RefCell<Option<(K, Rc<V>)>>);

impl<K, V> Default for Memo<K, V> {
    fn default() -> Self {
        Self(RefCell::new(None))
    }
}

/// A copy starts empty and any two compare equal: what is kept is a
/// cache, not part of the value that holds it.
impl<K, V> Clone for Memo<K, V> {
    fn clone(&self) -> Self {
        Self::default()
    }
}

impl<K, V> PartialEq for Memo<K, V> {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl<K, V> Memo<K, V> {
    /// The value last built, if any.
    pub fn last(&self) -> Option<Rc<V>> {
        self.0.borrow().as_ref().map(|(_, value)| Rc::clone(value))
    }
}

impl<K: PartialEq, V> Memo<K, V> {
    /// The value for `key`, built if the last one was for another key.
    pub fn get(&self, key: K, build: impl FnOnce() -> V) -> Rc<V> {
        let mut slot = self.0.borrow_mut();
        match &*slot {
            Some((known, value)) if *known == key => Rc::clone(value),
            _ => {
                let value = Rc::new(build());
                *slot = Some((key, Rc::clone(&value)));
                value
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use std::cell::Cell;

    use super::*;

    #[test]
    fn a_stack_and_a_split_are_what_a_layout_gives() {
        use ratatui::layout::{Constraint, Layout};
        for height in 4..40 {
            for (x, y, width) in [(0, 0, 80), (2, 1, 61), (5, 3, 120)] {
                let area = Rect::new(x, y, width, height);
                for top in 0..height.saturating_sub(3).min(6) {
                    let bands = [Band::Rows(top), Band::Rows(1), Band::Rest, Band::Rows(1)];
                    let solved: [Rect; 4] = area.layout(&Layout::vertical([
                        Constraint::Length(top),
                        Constraint::Length(1),
                        Constraint::Fill(1),
                        Constraint::Length(1),
                    ]));
                    assert_eq!(stack(area, bands), solved, "{area:?}, {top} rows on top");
                }
                for right in [0, 1, 7, width] {
                    let solved: [Rect; 2] = area.layout(&Layout::horizontal([
                        Constraint::Fill(1),
                        Constraint::Length(right),
                    ]));
                    assert_eq!(
                        split_right(area, right),
                        solved,
                        "{area:?}, {right} on the right"
                    );
                }
            }
        }
    }

    #[test]
    fn a_band_that_does_not_fit_is_cut_and_the_rest_is_empty() {
        let area = Rect::new(0, 0, 10, 5);
        let [a, b, rest] = stack(area, [Band::Rows(3), Band::Rows(4), Band::Rest]);
        assert_eq!((a.height, b.height, rest.height), (3, 2, 0));
        assert_eq!((b.y, rest.y), (3, 5));
    }

    #[test]
    fn a_memo_builds_once_per_key() {
        let memo: Memo<u16, String> = Memo::default();
        let built = Cell::new(0);
        let build = |text: &str| {
            built.set(built.get() + 1);
            text.to_owned()
        };
        assert_eq!(*memo.get(80, || build("a")), "a");
        assert_eq!(*memo.get(80, || build("b")), "a", "same key: kept");
        assert_eq!(*memo.get(100, || build("c")), "c");
        assert_eq!(built.get(), 2);
    }
}
