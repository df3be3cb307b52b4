//! The social-reporting exchange format (sosiaalisen raportoinnin tiedonsiirtomuoto).
//!
//! **Status: not yet implemented.** This crate is reserved in the workspace so that the
//! dependency graph is fixed from the start (`rakenne-model`, `rakenne-metrics` ←
//! `rakenne-schema`); it has no public items yet. It will own:
//!
//! - the exchange `Document` (header and sections of `rakenne-model` records) and its
//!   versions;
//! - the versioned JSON Schemas generated from the Rust types, committed under `schemas/`;
//! - validation that reports every finding in one pass (structure, semantics, privacy),
//!   with stable rule ids and messages in Finnish, Swedish and English;
//! - readers and writers for JSON, streaming NDJSON and CSV, with source positions in
//!   every finding.
#![deny(missing_docs)]
