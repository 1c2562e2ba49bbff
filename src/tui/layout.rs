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
