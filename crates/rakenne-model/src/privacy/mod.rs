//! Privacy helpers: detection of personal data that must never be exchanged.
//!
//! rakenne exchanges pseudonymous data only. The types of this crate use these helpers at
//! the boundary: an id or a free text that contains a Finnish personal identity code
//! (henkilötunnus) cannot be constructed or deserialized. Reports and validators use the
//! same helpers to screen text before it is shown.

pub mod contact;
pub mod hetu;
