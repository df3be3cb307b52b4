//! Combining the welfare areas' files into one national document (kansallinen kooste).
//!
//! THL's national knowledge-production model brings the areas' structural social work data
//! together, produced the same way everywhere. [`combine`] reads the areas' documents,
//! validates each — a file with errors is reported and left out, never half-merged —
//! checks that they are comparable, and merges them into one national document:
//!
//! - **Ids stay unique**: the ids of an area's own records (social reports,
//!   implementations, measurements, goals, episodes, feedback, statements) and the
//!   pseudonymous client ids get the producer's area code as a prefix (`08:R-2025-000001`),
//!   and references to them follow. Operating models, instrument definitions and indicator
//!   definitions are shared between areas — the same model piloted in several areas is one
//!   model — so they keep their ids and are merged; a definition that differs from an
//!   earlier file's is reported ([`Rule::CombineConflict`]) and the earlier one kept.
//! - **Provenance**: the national header's `sources` list every combined file (name,
//!   producer, period, version, creation time) with runs of records ([`RecordRange`]):
//!   record *i* of a national section is record *j* of a source's same section, so a
//!   finding in the national file points back to the area's own file.
//! - **Comparability**, each a rule of the rule reference: the same major format version
//!   (older minors are read as the reader reads them), reporting periods that overlap the
//!   period most files cover, the same code-list versions, and one file per producer and
//!   period (a second one is a finding, not a silent overwrite).
//! - **Deterministic**: the files are ordered by producer and period, whatever the order
//!   they are given in, so the same files always give the same document and bytes.
//!
//! The combination holds the files and the national document in memory.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use rakenne_model::{Labels, Lang, ReportingPeriod};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use crate::validate::{Report, params};
use crate::{
    CodeListVersions, Document, FormatVersion, Header, Producer, RecordRange, Rule, Section,
    Severity, SourceFile,
};

/// One file to combine: its name (directories are dropped) and its bytes.
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub struct CombineInput<'a> {
    /// The file's name or path.
    pub file: &'a str,
    /// The file's content (a JSON exchange document).
    pub bytes: &'a [u8],
}

impl<'a> CombineInput<'a> {
    /// A file to combine.
    pub fn new(file: &'a str, bytes: &'a [u8]) -> Self {
        CombineInput { file, bytes }
    }
}

/// What [`combine`] made of the files.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Combination {
    /// The national document; `None` when no file could be combined.
    pub document: Option<Document>,
    /// Every file given, by name, with its findings (its own validation and the
    /// comparability checks) and whether it was combined.
    pub files: Vec<CombinedFile>,
}

/// One file of a combination.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct CombinedFile {
    /// The file's name, without directories.
    pub file: String,
    /// Whether its records are in the national document.
    pub included: bool,
    /// Its findings: its own validation, then the comparability checks.
    pub report: Report,
}

/// A file that passed validation, with its records namespaced.
struct Candidate<'a> {
    file: String,
    /// The file's content, the last tie-breaker of the order.
    bytes: &'a [u8],
    document: Document,
    report: Report,
}

/// Combines the areas' documents in `inputs` into a national document produced by
/// `organisation`; messages in `language`.
///
/// # Example
/// ```
/// use rakenne_model::{Labels, Lang};
/// use rakenne_schema::{CombineInput, Sample, combine};
///
/// let pirkanmaa = serde_json::to_vec(&Sample::new(1).clients(20).document())?;
/// let lapland = serde_json::to_vec(&Sample::new(2).area("21".parse()?).clients(20).document())?;
/// let combination = combine(
///     &[CombineInput::new("08.json", &pirkanmaa), CombineInput::new("21.json", &lapland)],
///     &Labels::new("Terveyden ja hyvinvoinnin laitos")?,
///     Lang::En,
/// );
/// let national = combination.document.expect("both files are valid");
/// assert_eq!(national.header.sources.len(), 2);
/// assert!(national.social_reports[0].id().as_str().starts_with("08:"));
/// assert!(combination.files.iter().all(|f| f.included));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn combine(inputs: &[CombineInput<'_>], organisation: &Labels, language: Lang) -> Combination {
    // Every file with its content, which orders files of the same name.
    let mut files: Vec<(CombinedFile, &[u8])> = Vec::new();
    let mut candidates: Vec<Candidate<'_>> = Vec::new();
    for input in inputs {
        let file = file_name(input.file);
        match admit(&file, input.bytes, language) {
            Ok(candidate) => candidates.push(candidate),
            Err(report) => files.push((
                CombinedFile {
                    file,
                    included: false,
                    report: *report,
                },
                input.bytes,
            )),
        }
    }
    let (mut kept, left_out) = one_per_producer_and_period(candidates);
    files.extend(left_out);
    check_comparability(&mut kept);
    let document = (!kept.is_empty()).then(|| merge(&mut kept, organisation));
    files.extend(kept.into_iter().map(|c| {
        let file = CombinedFile {
            file: c.file,
            included: true,
            report: c.report,
        };
        (file, c.bytes)
    }));
    files.sort_by(|(a, a_bytes), (b, b_bytes)| {
        a.file
            .cmp(&b.file)
            .then(a.included.cmp(&b.included))
            .then_with(|| a_bytes.cmp(b_bytes))
    });
    Combination {
        document,
        files: files.into_iter().map(|(file, _)| file).collect(),
    }
}

/// The file name of a path (the whole text when it has none).
fn file_name(path: &str) -> String {
    Path::new(path)
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or(path)
        .to_owned()
}

/// Reads, validates and namespaces one file; its report when it is left out.
fn admit<'a>(file: &str, bytes: &'a [u8], language: Lang) -> Result<Candidate<'a>, Box<Report>> {
    if let Some(version) = peek_version(bytes)
        && version.major != FormatVersion::CURRENT.major
    {
        let mut report = Report::empty(language);
        report.add(
            Rule::CombineFormatVersion,
            "/header/format_version",
            params([
                ("file", file.into()),
                ("version", version.to_string().into()),
                ("major", FormatVersion::CURRENT.major.into()),
            ]),
        );
        return Err(Box::new(report));
    }
    let (mut report, document) = crate::read_valid(bytes, language);
    let Some(document) = document else {
        let errors = report
            .by_severity
            .get(&Severity::Error)
            .copied()
            .unwrap_or(0);
        report.add(
            Rule::CombineInvalid,
            "",
            params([("file", file.into()), ("errors", errors.into())]),
        );
        return Err(Box::new(report));
    };
    let Some(area) = document.header.producer.welfare_area else {
        report.add(
            Rule::CombineNational,
            "/header/producer",
            params([("file", file.into())]),
        );
        return Err(Box::new(report));
    };
    let prefix = format!("{area}:");
    match namespaced(document, &prefix) {
        Ok(document) => Ok(Candidate {
            file: file.to_owned(),
            bytes,
            document,
            report,
        }),
        Err(pointer) => {
            report.add(
                Rule::CombineIdTooLong,
                pointer,
                params([
                    ("file", file.into()),
                    ("prefix", prefix.clone().into()),
                    ("room", (MAX_ID_CHARS - prefix.len()).into()),
                ]),
            );
            Err(Box::new(report))
        }
    }
}

/// The format version in a document's header, if the header can be read at all.
fn peek_version(bytes: &[u8]) -> Option<FormatVersion> {
    #[derive(serde::Deserialize)]
    struct Peek {
        header: PeekHeader,
    }
    #[derive(serde::Deserialize)]
    struct PeekHeader {
        format_version: FormatVersion,
    }
    let text = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    serde_json::from_slice::<Peek>(text)
        .ok()
        .map(|p| p.header.format_version)
}

/// Longest id, in characters (as the model allows).
const MAX_ID_CHARS: usize = 128;

/// `document` with the ids of its own records (every section but the shared definitions,
/// indicators and results), their clients and their references to implementations
/// prefixed; the pointer of an id that would grow too long.
fn namespaced(mut document: Document, prefix: &str) -> Result<Document, String> {
    fn section<T: Serialize + DeserializeOwned>(
        records: &mut [T],
        name: &str,
        prefix: &str,
    ) -> Result<(), String> {
        for (i, record) in records.iter_mut().enumerate() {
            let mut value = serde_json::to_value(&*record).map_err(|_| format!("/{name}/{i}"))?;
            if let Some(object) = value.as_object_mut() {
                prefix_fields(object, prefix).map_err(|field| format!("/{name}/{i}/{field}"))?;
            }
            *record = serde_json::from_value(value).map_err(|_| format!("/{name}/{i}"))?;
        }
        Ok(())
    }
    let d = &mut document;
    section(&mut d.social_reports, "social_reports", prefix)?;
    section(&mut d.implementations, "implementations", prefix)?;
    section(&mut d.measurements, "measurements", prefix)?;
    section(&mut d.gas_goals, "gas_goals", prefix)?;
    section(&mut d.service_episodes, "service_episodes", prefix)?;
    section(&mut d.feedback, "feedback", prefix)?;
    section(
        &mut d.experience_statements,
        "experience_statements",
        prefix,
    )?;
    Ok(document)
}

/// Prefixes a record's `id`, `implementation` and `client.id`; the field of an id that
/// would grow too long.
fn prefix_fields(object: &mut Map<String, Value>, prefix: &str) -> Result<(), &'static str> {
    let prefix_one = |value: &mut Value, field: &'static str| {
        if let Value::String(id) = value {
            if id.len() + prefix.len() > MAX_ID_CHARS {
                return Err(field);
            }
            id.insert_str(0, prefix);
        }
        Ok(())
    };
    if let Some(id) = object.get_mut("id") {
        prefix_one(id, "id")?;
    }
    if let Some(implementation) = object.get_mut("implementation") {
        prefix_one(implementation, "implementation")?;
    }
    if let Some(Value::Object(client)) = object.get_mut("client")
        && let Some(id) = client.get_mut("id")
    {
        prefix_one(id, "client/id")?;
    }
    Ok(())
}

/// Keeps one file per producer and period — the latest created; on a tie the first by
/// name, then by content — and reports the others.
#[allow(clippy::type_complexity)] // the kept and the left out, each with its content
fn one_per_producer_and_period<'a>(
    candidates: Vec<Candidate<'a>>,
) -> (Vec<Candidate<'a>>, Vec<(CombinedFile, &'a [u8])>) {
    let mut groups: BTreeMap<(String, ReportingPeriod), Vec<Candidate<'a>>> = BTreeMap::new();
    for c in candidates {
        let area = c
            .document
            .header
            .producer
            .welfare_area
            .map(|a| a.to_string())
            .unwrap_or_default();
        groups
            .entry((area, c.document.header.period))
            .or_default()
            .push(c);
    }
    let mut kept = Vec::new();
    let mut left_out = Vec::new();
    for ((area, period), mut group) in groups {
        group.sort_by(|a, b| {
            b.document
                .header
                .created_at
                .cmp(&a.document.header.created_at)
                .then_with(|| a.file.cmp(&b.file))
                .then_with(|| a.bytes.cmp(b.bytes))
        });
        let mut group = group.into_iter();
        let Some(first) = group.next() else { continue };
        for mut other in group {
            other.report.add(
                Rule::CombineDuplicate,
                "/header/producer",
                params([
                    ("file", other.file.clone().into()),
                    ("area", area.clone().into()),
                    ("period", period.to_string().into()),
                    ("kept", first.file.clone().into()),
                ]),
            );
            let file = CombinedFile {
                file: other.file,
                included: false,
                report: other.report,
            };
            left_out.push((file, other.bytes));
        }
        kept.push(first);
    }
    // `groups` is ordered by producer and period: so is `kept`.
    (kept, left_out)
}

/// The most frequent of `values`; on a tie the smallest.
fn mode<T: Ord + Clone>(values: impl Iterator<Item = T>) -> Option<T> {
    let mut counts: BTreeMap<T, usize> = BTreeMap::new();
    for v in values {
        *counts.entry(v).or_default() += 1;
    }
    // `max_by_key` keeps the last of equal counts: walk from the largest value down.
    counts
        .into_iter()
        .rev()
        .max_by_key(|(_, n)| *n)
        .map(|(v, _)| v)
}

/// Reports the files whose period does not overlap the most common one, and those whose
/// code lists differ from the most common ones.
fn check_comparability(kept: &mut [Candidate<'_>]) {
    let Some(common) = mode(kept.iter().map(|c| c.document.header.period)) else {
        return;
    };
    let geography = |c: &CodeListVersions| c.geography;
    let common_lists = mode(
        kept.iter()
            .map(|c| geography(&c.document.header.code_lists)),
    );
    for c in kept.iter_mut() {
        let header = &c.document.header;
        if !header.period.overlaps(&common) {
            let p = params([
                ("file", c.file.clone().into()),
                ("period", header.period.to_string().into()),
                ("common", common.to_string().into()),
            ]);
            c.report.add(Rule::CombinePeriod, "/header/period", p);
        }
        let own = geography(&header.code_lists);
        if let Some(common_lists) = common_lists
            && own != common_lists
        {
            let p = params([
                ("file", c.file.clone().into()),
                ("geography", own.to_string().into()),
                ("common", common_lists.to_string().into()),
            ]);
            c.report
                .add(Rule::CombineCodeLists, "/header/code_lists", p);
        }
    }
}

/// The national document of the kept files (in producer and period order), with the
/// provenance of every record.
fn merge(kept: &mut [Candidate<'_>], organisation: &Labels) -> Document {
    let headers: Vec<Header> = kept.iter().map(|c| c.document.header.clone()).collect();
    let mut national = Document::new(Header::new(
        Producer::national(organisation.clone()),
        national_period(&headers),
        headers
            .iter()
            .map(|h| h.created_at)
            .max()
            .unwrap_or(time::OffsetDateTime::UNIX_EPOCH),
        mode(headers.iter().map(|h| h.language)).unwrap_or(Lang::Fi),
    ));
    if let Some(lists) = mode(headers.iter().map(|h| h.code_lists.geography)) {
        national.header.code_lists.geography = lists;
    }
    let mut sources: Vec<SourceFile> = Vec::with_capacity(kept.len());
    let mut shared_from: BTreeMap<(Section, String), String> = BTreeMap::new();
    for c in kept.iter_mut() {
        let mut runs = Runs::default();
        let header = c.document.header.clone();
        let d = std::mem::replace(&mut c.document, Document::new(header));
        let n = &mut national;
        let mut intake = Intake {
            file: &c.file,
            from: &mut shared_from,
            report: &mut c.report,
            runs: &mut runs,
        };
        intake.append(
            Section::SocialReports,
            &mut n.social_reports,
            d.social_reports,
        );
        intake.merge(
            Section::OperatingModels,
            &mut n.operating_models,
            d.operating_models,
            |r| r.id().as_str(),
        );
        intake.append(
            Section::Implementations,
            &mut n.implementations,
            d.implementations,
        );
        intake.merge(
            Section::Instruments,
            &mut n.instruments,
            d.instruments,
            |r| r.id.as_str(),
        );
        intake.append(Section::Measurements, &mut n.measurements, d.measurements);
        intake.append(Section::GasGoals, &mut n.gas_goals, d.gas_goals);
        intake.append(
            Section::ServiceEpisodes,
            &mut n.service_episodes,
            d.service_episodes,
        );
        intake.append(Section::Feedback, &mut n.feedback, d.feedback);
        intake.append(
            Section::ExperienceStatements,
            &mut n.experience_statements,
            d.experience_statements,
        );
        intake.merge(
            Section::IndicatorDefinitions,
            &mut n.indicator_definitions,
            d.indicator_definitions,
            |r| r.id().as_str(),
        );
        intake.append(Section::Indicators, &mut n.indicators, d.indicators);
        intake.append(Section::Results, &mut n.results, d.results);
        let header = &headers[sources.len()];
        sources.push(SourceFile {
            file: c.file.clone(),
            producer: header.producer.clone(),
            period: header.period,
            format_version: header.format_version,
            created_at: header.created_at,
            records: runs.0,
        });
    }
    national.header.sources = sources;
    national
}

/// One source file's records going into the national document.
struct Intake<'a> {
    file: &'a str,
    /// The first file that gave each shared id, for conflict reports.
    from: &'a mut BTreeMap<(Section, String), String>,
    report: &'a mut Report,
    runs: &'a mut Runs,
}

impl Intake<'_> {
    /// Appends the records of an area's own section.
    fn append<T>(&mut self, section: Section, national: &mut Vec<T>, records: Vec<T>) {
        self.runs.all(section, national.len(), records.len());
        national.extend(records);
    }

    /// Merges the records of a shared section by id: a new id is added, an equal record
    /// is already there, a differing one is reported and the earlier one kept.
    fn merge<T: PartialEq>(
        &mut self,
        section: Section,
        national: &mut Vec<T>,
        records: Vec<T>,
        id: impl Fn(&T) -> &str,
    ) {
        for (i, record) in records.into_iter().enumerate() {
            let key = id(&record).to_owned();
            match national.iter().position(|r| id(r) == key) {
                None => {
                    self.runs.one(section, national.len(), i);
                    self.from.insert((section, key), self.file.to_owned());
                    national.push(record);
                }
                Some(at) if national[at] == record => {}
                Some(_) => {
                    let kept = self
                        .from
                        .get(&(section, key.clone()))
                        .cloned()
                        .unwrap_or_default();
                    self.report.add(
                        Rule::CombineConflict,
                        format!("/{}/{i}", section.code()),
                        params([
                            ("file", self.file.into()),
                            ("section", section.code().into()),
                            ("id", key.into()),
                            ("kept", kept.into()),
                        ]),
                    );
                }
            }
        }
    }
}

/// The period of the national document: the files' common period, or the span from the
/// earliest start to the latest end.
fn national_period(headers: &[Header]) -> ReportingPeriod {
    let periods: BTreeSet<ReportingPeriod> = headers.iter().map(|h| h.period).collect();
    let mut iter = periods.iter();
    let (Some(&first), None) = (iter.next(), iter.next()) else {
        let start = periods.iter().map(ReportingPeriod::start).min();
        let end = periods.iter().map(ReportingPeriod::end).max();
        return match (start, end) {
            (Some(start), Some(end)) => ReportingPeriod::range(start, end)
                .ok()
                .or_else(|| mode(headers.iter().map(|h| h.period)))
                .unwrap_or(headers[0].period),
            _ => headers[0].period,
        };
    };
    first
}

/// The runs of records of one source, built section by section.
#[derive(Default)]
struct Runs(Vec<RecordRange>);

impl Runs {
    /// All `count` records of a section, placed from national index `first`.
    fn all(&mut self, section: Section, first: usize, count: usize) {
        if count > 0 {
            self.0.push(RecordRange {
                section,
                first: first as u64,
                source_first: 0,
                count: count as u64,
            });
        }
    }

    /// Source record `source` of a section, placed at national index `at`: extends the last
    /// run when it continues it.
    fn one(&mut self, section: Section, at: usize, source: usize) {
        if let Some(last) = self.0.last_mut()
            && last.section == section
            && last.first + last.count == at as u64
            && last.source_first + last.count == source as u64
        {
            last.count += 1;
            return;
        }
        self.0.push(RecordRange {
            section,
            first: at as u64,
            source_first: source as u64,
            count: 1,
        });
    }
}
