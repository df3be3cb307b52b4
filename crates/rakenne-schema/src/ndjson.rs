//! The NDJSON form of a document, for data too large to hold in memory.
//!
//! One JSON object per line: the first line is the header, every other line one record
//! with its kind:
//!
//! ```text
//! {"kind":"header","record":{"format_version":"1.0.0", ...}}
//! {"kind":"social_report","record":{"id":"R-1", ...}}
//! {"kind":"measurement","record":{"id":"M-1", ...}}
//! ```
//!
//! The kind of a line is the singular of its section: `social_report`, `operating_model`,
//! `implementation`, `instrument`, `measurement`, `gas_goal`, `service_episode`,
//! `feedback`, `experience_statement`, `indicator_definition`, `indicator`, `result`.
//!
//! [`write_ndjson`] writes a [`Document`] in this form and [`validate_ndjson`] checks a
//! stream line by line: memory holds one line at a time plus the ids that cross-record
//! checks need (as 64-bit hashes), never the records. Findings name their line.
//!
//! References may point forward: a measurement may come before the definition of its
//! instrument, an indicator observation before the definition of its indicator. Those
//! not settled when they are read are checked at the end of the stream, so a stream has
//! an unresolved reference or an undefined indicator exactly when the same records as one
//! JSON document have ([`validate`](crate::validate)), reported on the line of the record
//! that refers (for an indicator, of its first observation).

use std::collections::HashSet;
use std::hash::{Hash, Hasher};
use std::io::{BufRead, Write};
use std::ops::ControlFlow;

use rakenne_metrics::InstrumentDefinition;
use rakenne_model::{
    ExperienceStatement, Feedback, GasGoal, Implementation, IndicatorDefinition,
    IndicatorObservation, InstrumentAdministration, Lang, OperatingModel, ServiceEpisode,
    SocialReport,
};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::validate::{
    Report, check_privacy, check_sources, check_structure_with, check_version, local_codes_in,
    local_codes_of_report, not_json, params, safe_detail, to_pointer, undefined_indicator,
};
use crate::{Document, Header, PublishedResult, Rule, Section};

/// One line of an NDJSON document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "kind", content = "record", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Line {
    /// The header (first line only).
    Header(Header),
    /// A social report.
    SocialReport(SocialReport),
    /// An operating model.
    OperatingModel(OperatingModel),
    /// An implementation.
    Implementation(Implementation),
    /// An instrument definition.
    Instrument(InstrumentDefinition),
    /// A measurement.
    Measurement(InstrumentAdministration),
    /// A GAS goal.
    GasGoal(GasGoal),
    /// A service episode.
    ServiceEpisode(ServiceEpisode),
    /// A client-feedback response.
    Feedback(Feedback),
    /// An experience statement.
    ExperienceStatement(ExperienceStatement),
    /// An indicator definition.
    IndicatorDefinition(IndicatorDefinition),
    /// An indicator observation.
    Indicator(IndicatorObservation),
    /// A published result.
    Result(PublishedResult),
}

impl Line {
    /// The section a record belongs to; `None` for the header.
    ///
    /// # Example
    /// ```
    /// use rakenne_schema::{Line, Sample, Section};
    ///
    /// let mut lines = Sample::new(1).clients(2).lines();
    /// assert_eq!(lines.next().unwrap().section(), None); // the header
    /// assert_eq!(lines.next().unwrap().section(), Some(Section::SocialReports));
    /// ```
    pub fn section(&self) -> Option<Section> {
        Some(match self {
            Line::Header(_) => return None,
            Line::SocialReport(_) => Section::SocialReports,
            Line::OperatingModel(_) => Section::OperatingModels,
            Line::Implementation(_) => Section::Implementations,
            Line::Instrument(_) => Section::Instruments,
            Line::Measurement(_) => Section::Measurements,
            Line::GasGoal(_) => Section::GasGoals,
            Line::ServiceEpisode(_) => Section::ServiceEpisodes,
            Line::Feedback(_) => Section::Feedback,
            Line::ExperienceStatement(_) => Section::ExperienceStatements,
            Line::IndicatorDefinition(_) => Section::IndicatorDefinitions,
            Line::Indicator(_) => Section::Indicators,
            Line::Result(_) => Section::Results,
        })
    }
}

/// Writes `document` as NDJSON: the header line, then every record in section order.
///
/// # Example
/// ```
/// use rakenne_model::{Labels, Lang};
/// use rakenne_schema::{Document, Header, Producer, validate_ndjson, write_ndjson};
/// use time::macros::datetime;
///
/// let document = Document::new(Header::new(
///     Producer::new("08".parse()?, Labels::new("Sosiaalipalvelut")?),
///     "2025".parse()?, datetime!(2026-01-15 09:30 +02:00), Lang::Fi,
/// ));
/// let mut bytes = Vec::new();
/// write_ndjson(&document, &mut bytes).unwrap();
/// assert!(bytes.starts_with(br#"{"kind":"header","record":"#));
/// assert!(validate_ndjson(&bytes[..], Lang::En).is_valid());
/// # Ok::<(), rakenne_model::Error>(())
/// ```
pub fn write_ndjson(document: &Document, out: &mut impl Write) -> std::io::Result<()> {
    line(out, &Line::Header(document.header.clone()))?;
    macro_rules! section {
        ($field:ident, $variant:ident) => {
            for record in &document.$field {
                line(out, &Line::$variant(record.clone()))?;
            }
        };
    }
    section!(social_reports, SocialReport);
    section!(operating_models, OperatingModel);
    section!(implementations, Implementation);
    section!(instruments, Instrument);
    section!(measurements, Measurement);
    section!(gas_goals, GasGoal);
    section!(service_episodes, ServiceEpisode);
    section!(feedback, Feedback);
    section!(experience_statements, ExperienceStatement);
    section!(indicator_definitions, IndicatorDefinition);
    section!(indicators, Indicator);
    section!(results, Result);
    Ok(())
}

/// Writes one NDJSON line.
pub(crate) fn line<W: Write>(out: &mut W, line: &Line) -> std::io::Result<()> {
    serde_json::to_writer(&mut *out, line)?;
    out.write_all(b"\n")
}

/// A 64-bit hash of a (section, id) pair: what the streaming checks remember of an id.
/// `DefaultHasher::new` has fixed keys, so results are reproducible; two different ids
/// collide with probability 2⁻⁶⁴ per pair.
fn id_hash(section: &str, id: &str) -> u64 {
    let mut hasher = std::hash::DefaultHasher::new();
    section.hash(&mut hasher);
    id.hash(&mut hasher);
    hasher.finish()
}

/// A reference to check once the whole stream has been read.
struct Pending {
    line: u64,
    pointer: String,
    field: &'static str,
    target: &'static str,
    section: &'static str,
    id: String,
}

/// Validates an NDJSON document line by line; memory holds one line and the id hashes.
///
/// Every line gets the privacy screen; a line that does not read as a record is walked
/// against its record's schema for every structural problem; ids must be unique within
/// their kind and references resolve anywhere in the stream (a reference to something
/// defined earlier is settled at once, so well-ordered streams keep nothing pending).
/// An indicator with observations but no definition anywhere in the stream is reported
/// once, on the line of its first observation, as [`validate`](crate::validate) reports
/// it in a whole document ([`Rule::UndefinedIndicator`]). Findings carry their 1-based
/// line number.
pub fn validate_ndjson(input: impl BufRead, language: Lang) -> Report {
    let mut stream = StreamCheck {
        report: Report::empty(language),
        defined: HashSet::new(),
        pending: Vec::new(),
        pending_indicators: Vec::new(),
        waiting_indicators: HashSet::new(),
        header_seen: false,
        header: None,
        counts: [0; Section::ALL.len()],
        builtin: rakenne_metrics::builtin::all()
            .into_iter()
            .map(|d| d.id)
            .collect(),
    };
    for (index, line) in input.split(b'\n').enumerate() {
        let number = index as u64 + 1;
        stream.report.current_line = Some(number);
        match line {
            Ok(line) => {
                if stream.line(number, &line).is_break() {
                    return stream.report;
                }
            }
            Err(e) => {
                let problem = format!("the stream could not be read ({})", e.kind());
                let p = params([
                    ("problem", problem.into()),
                    ("line", number.into()),
                    ("column", 0.into()),
                ]);
                stream.report.add(Rule::NotJson, "", p);
                break;
            }
        }
    }
    stream.finish()
}

/// The state of a streaming check.
struct StreamCheck {
    report: Report,
    defined: HashSet<u64>,
    pending: Vec<Pending>,
    /// Indicators observed before (or without) their definition: the line of the first
    /// such observation and the id; one entry per indicator.
    pending_indicators: Vec<(u64, String)>,
    /// Hashes of the ids in `pending_indicators`.
    waiting_indicators: HashSet<u64>,
    header_seen: bool,
    /// The header and its line, for the checks of a national document's sources.
    header: Option<(u64, Header)>,
    /// Records read of each section, in the order of [`Section::ALL`].
    counts: [u64; Section::ALL.len()],
    /// Ids of the built-in instruments, which measurements may use without a definition.
    builtin: Vec<rakenne_model::InstrumentId>,
}

impl StreamCheck {
    /// Checks one line; `Break` when the stream cannot be read further.
    fn line(&mut self, number: u64, line: &[u8]) -> ControlFlow<()> {
        if line.iter().all(u8::is_ascii_whitespace) {
            return ControlFlow::Continue(());
        }
        let value: Value = match serde_json::from_slice(line) {
            Ok(value) => value,
            Err(e) => {
                not_json(&e, number, &mut self.report);
                return ControlFlow::Continue(());
            }
        };
        check_privacy(&value, "", None, &mut self.report);
        match serde_path_to_error::deserialize::<_, Line>(&value) {
            Ok(record) => self.record(number, &record),
            Err(e) => {
                if check_line_structure(&value, &mut self.report) == 0 {
                    let pointer = to_pointer(&e.path().to_string());
                    let detail = safe_detail(&e.inner().to_string());
                    self.report
                        .add(Rule::Record, pointer, params([("detail", detail.into())]));
                }
                ControlFlow::Continue(())
            }
        }
    }

    /// Checks a line that reads as a record.
    fn record(&mut self, number: u64, record: &Line) -> ControlFlow<()> {
        if let Line::Header(header) = record {
            if self.header_seen {
                self.misplaced_header();
                return ControlFlow::Continue(());
            }
            self.header_seen = true;
            self.header = Some((number, header.clone()));
            if !check_version(
                header.format_version,
                "/record/format_version",
                &mut self.report,
            ) {
                return ControlFlow::Break(());
            }
            return ControlFlow::Continue(());
        }
        if !self.header_seen {
            self.misplaced_header();
        }
        if let Some(section) = record.section()
            && let Some(i) = Section::ALL.iter().position(|&s| s == section)
        {
            self.counts[i] += 1;
        }
        match record {
            Line::SocialReport(r) => {
                self.define(number, "social_reports", r.id().as_str());
                local_codes_of_report(r, "/record", &mut self.report);
            }
            Line::OperatingModel(m) => {
                self.define(number, "operating_models", m.id().as_str());
                local_codes_in(m.target_groups(), "/record/target_groups", &mut self.report);
            }
            Line::Implementation(i) => {
                self.define(number, "implementations", i.id().as_str());
                self.refer(
                    number,
                    "operating_model",
                    "operating model",
                    "operating_models",
                    i.operating_model().as_str(),
                );
            }
            Line::Instrument(d) => self.define(number, "instruments", d.id.as_str()),
            Line::Measurement(m) => {
                self.define(number, "measurements", m.id().as_str());
                self.refer_implementation(number, m.implementation());
                if !self.builtin.contains(m.instrument()) {
                    self.refer(
                        number,
                        "instrument",
                        "instrument definition",
                        "instruments",
                        m.instrument().as_str(),
                    );
                }
            }
            Line::GasGoal(g) => {
                self.define(number, "gas_goals", g.id().as_str());
                self.refer_implementation(number, g.implementation());
            }
            Line::ServiceEpisode(e) => {
                self.define(number, "service_episodes", e.id().as_str());
                self.refer_implementation(number, e.implementation());
            }
            Line::Feedback(f) => self.define(number, "feedback", f.id().as_str()),
            Line::ExperienceStatement(s) => {
                self.define(number, "experience_statements", s.id().as_str());
            }
            Line::IndicatorDefinition(d) => {
                self.define(number, "indicator_definitions", d.id().as_str());
            }
            Line::Indicator(o) => self.observe_indicator(number, o.indicator().as_str()),
            Line::Header(_) | Line::Result(_) => {}
        }
        ControlFlow::Continue(())
    }

    fn misplaced_header(&mut self) {
        let p = params([(
            "detail",
            "the header must be the first line, and only the first".into(),
        )]);
        self.report.add(Rule::Structure, "/kind", p);
    }

    fn define(&mut self, number: u64, section: &'static str, id: &str) {
        if !self.defined.insert(id_hash(section, id)) {
            self.report.current_line = Some(number);
            let p = params([("section", section.into()), ("id", id.into())]);
            self.report.add(Rule::DuplicateId, "/record/id", p);
        }
    }

    fn refer_implementation(&mut self, number: u64, id: Option<&rakenne_model::ImplementationId>) {
        if let Some(id) = id {
            self.refer(
                number,
                "implementation",
                "implementation",
                "implementations",
                id.as_str(),
            );
        }
    }

    /// A reference to something already defined is settled at once; only forward
    /// references wait for the end of the stream.
    fn refer(
        &mut self,
        line: u64,
        field: &'static str,
        target: &'static str,
        section: &'static str,
        id: &str,
    ) {
        if !self.defined.contains(&id_hash(section, id)) {
            self.pending.push(Pending {
                line,
                pointer: format!("/record/{field}"),
                field,
                target,
                section,
                id: id.to_owned(),
            });
        }
    }

    /// An observation of an indicator that is not defined yet waits for the end of the
    /// stream, once per indicator: the first such observation is the one reported.
    fn observe_indicator(&mut self, line: u64, id: &str) {
        let hash = id_hash("indicator_definitions", id);
        if !self.defined.contains(&hash) && self.waiting_indicators.insert(hash) {
            self.pending_indicators.push((line, id.to_owned()));
        }
    }

    fn finish(mut self) -> Report {
        if !self.header_seen {
            self.report.current_line = None;
            let p = params([("detail", "the stream has no header line".into())]);
            self.report.add(Rule::Structure, "", p);
        }
        for p in std::mem::take(&mut self.pending) {
            if !self.defined.contains(&id_hash(p.section, &p.id)) {
                self.report.current_line = Some(p.line);
                let params = params([
                    ("field", p.field.into()),
                    ("target", p.target.into()),
                    ("id", p.id.into()),
                ]);
                self.report
                    .add(Rule::UnresolvedReference, p.pointer, params);
            }
        }
        for (line, id) in std::mem::take(&mut self.pending_indicators) {
            if !self
                .defined
                .contains(&id_hash("indicator_definitions", &id))
            {
                self.report.current_line = Some(line);
                undefined_indicator(&mut self.report, "/record/indicator".to_owned(), &id);
            }
        }
        if let Some((line, header)) = self.header.take() {
            self.report.current_line = Some(line);
            let counts = self.counts;
            check_sources(
                &header,
                |section| {
                    Section::ALL
                        .iter()
                        .position(|&s| s == section)
                        .map_or(0, |i| counts[i])
                },
                &mut self.report,
            );
        }
        self.report.current_line = None;
        self.report
    }
}

/// Reports every structural problem of a line. A line of a known kind is checked against
/// its record's schema, so that findings point into the record (`/record/themes/0`);
/// otherwise against the schema of a line.
fn check_line_structure(value: &Value, report: &mut Report) -> usize {
    let kind = value
        .get("kind")
        .and_then(Value::as_str)
        .unwrap_or_default();
    let record = value.get("record");
    match (record_validator(kind), record) {
        (Some(validator), Some(record)) => {
            let before = report.findings.len();
            let count = check_structure_with(validator, record, report);
            for finding in &mut report.findings[before..] {
                finding.pointer = format!("/record{}", finding.pointer);
            }
            count
        }
        _ => check_structure_with(line_validator(), value, report),
    }
}

/// The compiled schema of the record of a line of `kind`, for the known kinds.
fn record_validator(kind: &str) -> Option<&'static jsonschema::Validator> {
    static VALIDATORS: std::sync::OnceLock<
        std::collections::HashMap<&'static str, jsonschema::Validator>,
    > = std::sync::OnceLock::new();
    let validators = VALIDATORS.get_or_init(|| {
        use crate::schemas::schema_of;
        let compile = |schema: schemars::Schema| {
            jsonschema::options()
                .should_validate_formats(true)
                .build(&schema.to_value())
                .expect("the generated schemas compile (tested)")
        };
        [
            ("header", compile(schema_of::<Header>())),
            ("social_report", compile(schema_of::<SocialReport>())),
            ("operating_model", compile(schema_of::<OperatingModel>())),
            ("implementation", compile(schema_of::<Implementation>())),
            ("instrument", compile(schema_of::<InstrumentDefinition>())),
            (
                "measurement",
                compile(schema_of::<InstrumentAdministration>()),
            ),
            ("gas_goal", compile(schema_of::<GasGoal>())),
            ("service_episode", compile(schema_of::<ServiceEpisode>())),
            ("feedback", compile(schema_of::<Feedback>())),
            (
                "experience_statement",
                compile(schema_of::<ExperienceStatement>()),
            ),
            (
                "indicator_definition",
                compile(schema_of::<IndicatorDefinition>()),
            ),
            ("indicator", compile(schema_of::<IndicatorObservation>())),
            ("result", compile(schema_of::<PublishedResult>())),
        ]
        .into_iter()
        .collect()
    });
    validators.get(kind)
}

/// The compiled schema of one NDJSON line.
fn line_validator() -> &'static jsonschema::Validator {
    static VALIDATOR: std::sync::OnceLock<jsonschema::Validator> = std::sync::OnceLock::new();
    VALIDATOR.get_or_init(|| {
        let schema = crate::schemas::schema_of::<Line>().to_value();
        jsonschema::options()
            .should_validate_formats(true)
            .build(&schema)
            .expect("the generated schema compiles (tested)")
    })
}
