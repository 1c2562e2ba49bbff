//! aiact: where does your AI product stand under the EU AI Act?
//!
//! The domain (questionnaire, engine, verdict) lives in `aiact-core`, which
//! has no terminal dependency. This crate adds the questionnaires that ship
//! with the program, saving and re-opening assessments (`storage`), the
//! command line, the readable reports and the interactive terminal UI
//! (`tui`).

#![forbid(unsafe_code)]

pub mod authoring;
pub mod catalog;
pub mod cli;
pub mod explanation;
pub mod output;
pub(crate) mod parallel;
pub mod report;
pub mod start;
pub mod storage;
pub mod strings;
pub mod tui;

pub use aiact_core as core;
