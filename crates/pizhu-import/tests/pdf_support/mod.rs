//! Test support for the PDF importer: fixtures printed by Chromium at test
//! time (cached under target/) and fidelity figures against the sources.
#![allow(dead_code)]

pub mod fidelity;
pub mod fixtures;
