//! Standard output for the printing commands. `print!` panics when the
//! reader has gone away (`aiact show x | head`); these return the error,
//! which the command line treats as a quiet success ([`is_broken_pipe`]).

use std::fmt;
use std::io::{self, Write};

/// `print!` that returns the error instead of panicking.
#[macro_export]
macro_rules! out {
    ($($arg:tt)*) => {
        $crate::output::write_fmt(format_args!($($arg)*))
    };
}

/// `println!` that returns the error instead of panicking.
#[macro_export]
macro_rules! outln {
    () => {
        $crate::output::write_fmt(format_args!("\n"))
    };
    ($($arg:tt)*) => {
        $crate::output::write_fmt(format_args!("{}\n", format_args!($($arg)*)))
    };
}

/// Writes to standard output and flushes, so that a closed pipe shows at
/// once.
pub fn write_fmt(args: fmt::Arguments<'_>) -> io::Result<()> {
    let mut stdout = io::stdout().lock();
    stdout.write_fmt(args)?;
    stdout.flush()
}

/// Writes bytes as they are (a file in another encoding) and flushes.
pub fn write_bytes(bytes: &[u8]) -> io::Result<()> {
    let mut stdout = io::stdout().lock();
    stdout.write_all(bytes)?;
    stdout.flush()
}

/// Whether an error comes from writing to a reader that has gone away.
pub fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error.chain().any(|cause| {
        cause
            .downcast_ref::<io::Error>()
            .is_some_and(|error| error.kind() == io::ErrorKind::BrokenPipe)
    })
}
