//! The home list, read and kept up to date off the UI thread. A thread of
//! its own lists the assessments directory through the index
//! ([`Store::snapshot`]: milliseconds for a thousand assessments, more on
//! the first run of a build) when asked, and again whenever the directory
//! changes while the list shows: told by a watch ([`Store::watch`]) where
//! the platform has one, else by a look at the directory's entries on a
//! tick ([`Store::changed_since`], which reads no file). The watch begins
//! once the first list is on screen ([`Refresh::on_screen`]): it costs a
//! thread and a second look at the directory, which on two cores held
//! the drawing of that list back. A slow tick also
//! catches what no watch sees: an editor that died leaves its lock file
//! behind, unchanged ([`Snapshot::locks_changed`]). The UI thread takes
//! each new listing from a channel, woken for it by the waker it set.

use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use crate::storage::{DirStamp, DirWatch, Listing, Snapshot, Store};

/// How long the directory must be quiet after a change before it is
/// listed: a save is several events (a temporary file written, moved over
/// the old one).
const QUIET: Duration = Duration::from_millis(20);
/// A stream of changes is listed at least this often.
const AT_MOST_LATE: Duration = Duration::from_millis(250);
/// With a watch: how often stale locks, and what a watch may miss (a
/// network file system), are looked for.
const WATCHED_TICK: Duration = Duration::from_secs(5);
/// Without one: how often the directory's entries are looked at.
const UNWATCHED_TICK: Duration = Duration::from_millis(1500);

/// Called on the listing thread when a listing is ready.
type Waker = Arc<Mutex<Option<Box<dyn Fn() + Send>>>>;

/// The UI thread's end: asks for listings, takes them.
pub struct Refresh {
    control: Sender<Control>,
    listings: Receiver<Listed>,
    waker: Waker,
    /// The listing thread, until it is started ([`Refresh::begin`]).
    waiting: Option<Follower>,
    /// The last listing asked for, and the last one received.
    asked: u64,
    received: u64,
    /// The thread was told a list is on screen.
    told_on_screen: bool,
}

/// A listing, shared by the thread (to compare the next one with) and the
/// screen: a thousand rows are not copied on their way to the screen.
pub type Listings = Arc<Vec<Listing>>;

/// A listing, and the last request it answers.
struct Listed {
    listings: Listings,
    answers: u64,
}

enum Control {
    /// List now (the list shows again, or this program changed it); the
    /// request's number.
    List(u64),
    /// The list does not show: no listing until asked.
    Pause,
    /// The watch saw a change.
    Changed,
    /// A list is on screen: time to watch the directory.
    OnScreen,
    Stop,
}

impl Refresh {
    /// The listing thread, which lists at once when started
    /// ([`Refresh::begin`]).
    pub fn new(store: Store) -> Self {
        let (control, orders) = mpsc::channel();
        let (send, listings) = mpsc::channel();
        let waker: Waker = Arc::default();
        let follower = Follower {
            store,
            orders,
            control: control.clone(),
            send,
            waker: Arc::clone(&waker),
            watch: None,
            shown: None,
            paused: false,
            on_screen: false,
            asked: 1,
        };
        Self {
            control,
            listings,
            waker,
            waiting: Some(follower),
            asked: 1,
            received: 0,
            told_on_screen: false,
        }
    }

    /// Starts the listing thread, if it has not started. The interface
    /// starts it once its first frame is drawn: on two cores, a thousand
    /// files listed meanwhile doubled the time to that frame.
    pub fn begin(&mut self) {
        let Some(follower) = self.waiting.take() else {
            return;
        };
        let started = std::thread::Builder::new()
            .name("listing".to_owned())
            .spawn(move || follower.run());
        if started.is_err() {
            // No thread: nothing would ever answer.
            self.received = self.asked;
        }
    }

    /// Asks for a listing now.
    pub fn list(&mut self) {
        self.asked += 1;
        if let Some(follower) = &mut self.waiting {
            // Not started: its first listing answers this.
            follower.asked = self.asked;
        } else if self.control.send(Control::List(self.asked)).is_err() {
            self.received = self.asked;
        }
    }

    /// A listing is on screen: the thread begins watching the directory
    /// (until then it looks at the directory's entries every
    /// [`UNWATCHED_TICK`]). Once is enough.
    /// Whether this was the first time (a thread that is gone is not told
    /// again).
    pub fn on_screen(&mut self) -> bool {
        if self.told_on_screen {
            return false;
        }
        self.told_on_screen = true;
        let _ = self.control.send(Control::OnScreen);
        true
    }

    /// The list does not show: the thread lists nothing until asked.
    pub fn pause(&self) {
        let _ = self.control.send(Control::Pause);
    }

    /// Called (on the listing thread) whenever a listing is ready to take.
    pub fn set_waker(&self, wake: impl Fn() + Send + 'static) {
        *self.waker.lock().unwrap_or_else(PoisonError::into_inner) = Some(Box::new(wake));
    }

    /// Whether a listing asked for has not come yet.
    pub fn is_listing(&self) -> bool {
        self.received < self.asked
    }

    /// The newest listing that came since the last call, if any.
    pub fn take(&mut self) -> Option<Listings> {
        let mut newest = None;
        while let Ok(listed) = self.listings.try_recv() {
            newest = Some(self.received_one(listed));
        }
        newest
    }

    /// Waits up to `timeout` for a listing (starting the thread if it has
    /// not started); the newest one that came.
    pub fn wait(&mut self, timeout: Duration) -> Option<Listings> {
        self.begin();
        let first = self.listings.recv_timeout(timeout).ok()?;
        let first = self.received_one(first);
        Some(self.take().unwrap_or(first))
    }

    fn received_one(&mut self, listed: Listed) -> Listings {
        self.received = self.received.max(listed.answers);
        listed.listings
    }
}

impl Drop for Refresh {
    fn drop(&mut self) {
        let _ = self.control.send(Control::Stop);
    }
}

/// The listing thread.
struct Follower {
    store: Store,
    orders: Receiver<Control>,
    /// For the watch, which wakes the thread through its orders.
    control: Sender<Control>,
    send: Sender<Listed>,
    waker: Waker,
    watch: Option<DirWatch>,
    /// The listing last sent, and the state of the directory it was read
    /// from.
    shown: Option<Shown>,
    paused: bool,
    /// A listing is on screen ([`Control::OnScreen`]): watch from now on.
    on_screen: bool,
    /// The last request received.
    asked: u64,
}

/// What the thread last sent.
struct Shown {
    stamp: DirStamp,
    listings: Listings,
}

/// Why the thread lists.
#[derive(PartialEq, Eq)]
enum Why {
    Asked,
    Changed,
}

impl Follower {
    fn run(mut self) {
        // Listed first, watched once it shows: the list shows the sooner.
        if !self.list(Why::Asked) {
            return;
        }
        loop {
            if self.on_screen {
                self.keep_watching();
            }
            let tick = if self.watch.is_some() {
                WATCHED_TICK
            } else {
                UNWATCHED_TICK
            };
            let why = match self.orders.recv_timeout(tick) {
                Ok(Control::List(asked)) => {
                    self.asked = asked;
                    self.paused = false;
                    Why::Asked
                }
                Ok(Control::Pause) => {
                    self.paused = true;
                    continue;
                }
                Ok(Control::OnScreen) => {
                    self.on_screen = true;
                    continue;
                }
                Ok(Control::Changed) if self.paused => continue,
                Ok(Control::Changed) => match self.quiet() {
                    Some(why) => why,
                    None => return,
                },
                Err(RecvTimeoutError::Timeout) if self.paused => continue,
                Err(RecvTimeoutError::Timeout) => {
                    if !self.changed() {
                        continue;
                    }
                    Why::Changed
                }
                Ok(Control::Stop) | Err(RecvTimeoutError::Disconnected) => return,
            };
            if !self.list(why) {
                return;
            }
        }
    }

    /// Watches the directory if it is not watched (yet, or any more: it
    /// was removed or replaced); a change before the watch began is looked
    /// for.
    fn keep_watching(&mut self) {
        if self.watch.as_ref().is_some_and(DirWatch::holds) {
            return;
        }
        let control = self.control.clone();
        self.watch = self.store.watch(move || {
            let _ = control.send(Control::Changed);
        });
        if self.watch.is_some() && !self.paused && self.changed() {
            let _ = self.control.send(Control::Changed);
        }
    }

    /// Whether the list may have changed since it was last sent.
    fn changed(&self) -> bool {
        self.shown.as_ref().is_none_or(|shown| {
            self.store.changed_since(&shown.stamp) || Snapshot::locks_changed(&shown.listings)
        })
    }

    /// Waits until the directory is quiet (or has changed for too long);
    /// why to list then, or `None` to stop.
    fn quiet(&mut self) -> Option<Why> {
        let since = Instant::now();
        let mut why = Why::Changed;
        while since.elapsed() < AT_MOST_LATE {
            match self.orders.recv_timeout(QUIET) {
                Ok(Control::Changed) => {}
                Ok(Control::List(asked)) => {
                    self.asked = asked;
                    self.paused = false;
                    why = Why::Asked;
                }
                Ok(Control::Pause) => self.paused = true,
                Ok(Control::OnScreen) => self.on_screen = true,
                Err(RecvTimeoutError::Timeout) => break,
                Ok(Control::Stop) | Err(RecvTimeoutError::Disconnected) => return None,
            }
        }
        Some(why)
    }

    /// Lists, and sends the listing if it was asked for or differs from
    /// the one shown. Whether the other end is still there.
    fn list(&mut self, why: Why) -> bool {
        // Paused meanwhile: listed when asked again.
        if self.paused && why == Why::Changed {
            return true;
        }
        let Snapshot { stamp, listings } = self.store.snapshot();
        let same = (self.shown.as_ref()).is_some_and(|shown| *shown.listings == listings);
        if same && why == Why::Changed {
            if let Some(shown) = &mut self.shown {
                shown.stamp = stamp;
            }
            return true;
        }
        let listings = Arc::new(listings);
        self.shown = Some(Shown {
            stamp,
            listings: Arc::clone(&listings),
        });
        let listed = Listed {
            listings,
            answers: self.asked,
        };
        if self.send.send(listed).is_err() {
            return false;
        }
        if let Some(wake) = self
            .waker
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .as_ref()
        {
            wake();
        }
        true
    }
}
