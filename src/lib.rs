//! errdocs: reads MyST error-code catalogs exactly as Sphinx + MyST-Parser do,
//! checks them like a compiler, and renders them as a static site.
//!
//! Data flow: [`source`] → [`parse`] → [`catalog`] → [`export`].

pub mod anchors;
pub mod catalog;
pub mod cli;
pub mod export;
pub mod parse;
pub mod source;
pub mod synth;
