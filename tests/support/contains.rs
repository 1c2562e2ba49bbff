//! The assertion most tests of printed text make.

/// `text` contains `wanted`; the message shows the whole text.
#[track_caller]
pub fn assert_contains(text: &str, wanted: &str) {
    assert!(text.contains(wanted), "`{wanted}` not in:\n{text}");
}
