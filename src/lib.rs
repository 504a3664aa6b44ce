//! errdocs: reads MyST error-code catalogs exactly as Sphinx + MyST-Parser do,
//! checks them like a compiler, and renders them as a static site.
//!
//! Data flow: [`source`] → [`parse`] → [`catalog`] → [`check`] → [`diag`];
//! if there are no errors, [`render`] → [`output`] (staging folder, swap).
//! [`export`] for machine-readable output. [`config`] reads `errdocs.toml`.

pub mod anchors;
pub mod catalog;
pub mod check;
pub mod cli;
pub mod codegen;
pub mod config;
pub mod contract;
pub mod diag;
pub mod diff;
pub mod drift;
pub mod explain;
pub mod export;
pub mod html;
pub mod output;
pub mod parse;
pub mod render;
pub mod rule_docs;
pub mod rules;
pub mod serve;
pub mod source;
pub mod synth;
pub mod text;
pub mod timings;
pub mod translation;
pub mod urls;
