//! The typed domain model of Finnish structural social work (rakenteellinen sosiaalityö).
//!
//! Welfare areas turn what social workers see in client work into knowledge for decisions
//! and report it to the national level in a comparable way. This crate is the vocabulary
//! every other part of rakenne speaks: the areas and municipalities, the services and
//! operating models, social reports, measurements, goals, service episodes, client
//! experience and indicators, with the code lists that classify them in Finnish, Swedish
//! and English.
//!
//! A value of a type in this crate is valid by construction. Codes, ids, periods, scores
//! and dates are checked when they are parsed, built or deserialized, so code that holds a
//! [`MunicipalityCode`] or a [`SocialReport`] never checks it again. Nothing here does I/O.
//!
//! # Example
//! ```
//! use rakenne_model::{
//!     CodeList, Lang, PhenomenonTheme, Prevalence, ReporterRole, SocialReport, Trend,
//! };
//! use time::macros::date;
//!
//! let report = SocialReport::builder(
//!     "R-2025-0001".parse()?,
//!     date!(2025 - 03 - 14),
//!     "08".parse()?,
//!     ReporterRole::SocialWorker,
//! )
//! .theme(PhenomenonTheme::Housing)
//! .prevalence(Prevalence::Recurring)
//! .trend(Trend::Growing)
//! .description("Nuorten häätöuhat ovat lisääntyneet.".parse()?)
//! .build()?;
//!
//! assert_eq!(report.area().area().name(Lang::Sv).text(), "Birkalands välfärdsområde");
//! assert_eq!(report.main_theme().label(Lang::En).text(), "Housing");
//! # Ok::<(), rakenne_model::Error>(())
//! ```
//!
//! # Map of the crate
//! | concept | types |
//! |---|---|
//! | geography (Statistics Finland, 2025-01-01) | [`WelfareArea`], [`WelfareAreaCode`], [`Municipality`], [`MunicipalityCode`], [`Region`] |
//! | time | [`ReportingPeriod`], [`PeriodKind`]; dates are [`time::Date`] |
//! | languages, labels and code lists | [`Lang`], [`Labels`], [`Label`], [`CodeList`], [`Openness`], [`OpenCode`], [`LocalCode`] |
//! | services and operating models | [`ServiceClass`], [`ModelTheme`], [`OperatingModel`], [`ProgramTheory`], [`LogicElement`], [`Measure`], [`Implementation`] |
//! | social reporting | [`SocialReport`], [`PhenomenonTheme`], [`Prevalence`], [`Trend`], [`ReporterRole`], [`TargetGroup`], [`Addressee`], [`FollowUpStatus`] |
//! | clients and measurements | [`Client`], [`ClientId`], [`AgeGroup`], [`Gender`], [`InstrumentAdministration`], [`Occasion`], [`ItemResponse`], [`ItemValue`], [`ItemScore`], [`MissingReason`] |
//! | goals and episodes | [`GasGoal`], [`GasLevel`], [`GasWeight`], [`ServiceEpisode`] |
//! | client experience | [`Feedback`], [`FeedbackAnswer`], [`Rating`], [`RatingScale`], [`ExperienceStatement`], [`ExperienceSource`] |
//! | indicators | [`IndicatorObservation`], [`IndicatorDefinition`], [`IndicatorSource`], [`IndicatorUnit`] |
//! | text and ids | [`FreeText`], [`ReportId`] and the other `*Id` types |
//! | privacy | [`privacy::hetu`]: personal identity code detection |
//! | dates and exact decimals in JSON | [`date`], [`decimal`]: the forms shared by all crates |
//!
//! # Serialization and schemas
//! Every data type implements `serde::Serialize`, `serde::Deserialize` and
//! `schemars::JsonSchema`; deserialization runs the same checks as construction, and the
//! JSON Schema describes the same shape (the crate's tests validate generated values
//! against it). Field names are `snake_case` English, codes are stable `snake_case`
//! strings, dates are `YYYY-MM-DD`, exact decimals are strings (`"12.5"`).
//!
//! # Cargo features
//! | feature | what it adds |
//! |---|---|
//! | `proptest` | `proptest::arbitrary::Arbitrary` for every data type, for property tests |
//!
//! # Sources
//! The geography tables are generated from Statistics Finland's classifications of
//! municipalities (`kunta_1_20250101`) and welfare areas (`hyvinvointialue_1_20250101`),
//! valid on 2025-01-01, as packaged by rOpenGov/geofi; see [`CODE_TABLES_VALID_ON`].
#![deny(missing_docs)]

mod addressee;
#[cfg(feature = "proptest")]
mod arbitrary;
mod client;
mod code_list;
pub mod date;
pub mod decimal;
mod episode;
mod error;
mod experience;
mod feedback;
mod gas;
mod geography_tables;
mod id;
mod implementation;
mod indicator;
mod indicator_definition;
mod invariant;
mod lang;
mod measurement;
mod municipality;
mod open_code;
mod operating_model;
mod period;
mod phenomenon;
pub mod privacy;
mod program_theory;
mod region;
mod reporter;
mod service;
mod social_report;
mod target_group;
mod text;
mod welfare_area;

pub use addressee::{Addressee, FollowUpStatus};
pub use client::{AgeGroup, Client, ClientId, Gender};
pub use code_list::CodeList;
pub use episode::{ServiceEpisode, ServiceEpisodeBuilder};
pub use error::Error;
pub use experience::{ExperienceSource, ExperienceStatement};
pub use feedback::{Feedback, FeedbackAnswer, Rating, RatingScale};
pub use gas::{GasGoal, GasLevel, GasWeight};
pub use id::{
    EpisodeId, FeedbackId, GoalId, ImplementationId, IndicatorId, InstrumentId, ItemId,
    MeasurementId, OperatingModelId, QuestionId, ReportId, StatementId,
};
pub use implementation::{Implementation, ImplementationBuilder};
pub use indicator::{IndicatorObservation, IndicatorSource, IndicatorUnit};
pub use indicator_definition::IndicatorDefinition;
pub use lang::{Label, Labels, Lang};
pub use measurement::{
    InstrumentAdministration, ItemResponse, ItemScore, ItemValue, MissingReason, Occasion,
};
pub use municipality::{CODE_TABLES_VALID_ON, Municipality, MunicipalityCode};
pub use open_code::{LocalCode, MAX_LOCAL_CODE_CHARS, OpenCode, Openness};
pub use operating_model::{ModelTheme, OperatingModel, OperatingModelBuilder};
pub use period::{PeriodKind, ReportingPeriod};
pub use phenomenon::{PhenomenonTheme, Prevalence, Trend};
pub use program_theory::{LogicElement, Measure, ProgramTheory};
pub use region::Region;
pub use reporter::ReporterRole;
pub use service::ServiceClass;
pub use social_report::{SocialReport, SocialReportBuilder};
pub use target_group::TargetGroup;
pub use text::{FreeText, MAX_FREE_TEXT_CHARS};
pub use welfare_area::{WelfareArea, WelfareAreaCode, WelfareAreaKind};
