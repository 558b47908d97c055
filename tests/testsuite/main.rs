//! gloss's integration tests: one binary, a module per feature. Fixture
//! dossiers are written into temporary directories, built through the
//! library (or the binary, for the CLI), and the output is parsed as HTML.

mod citing;
mod cli;
mod confinement;
mod default_dossier;
mod drawn;
mod editing;
mod errors;
mod floor_plan;
mod golden;
mod history;
mod hostile;
mod importing;
mod incremental;
mod invalid;
mod output;
mod quoting;
mod reading;
mod rendering;
mod search;
mod serve;
mod support;
mod trust;
mod walkthrough;
mod writes;
