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
//!   and references to them follow; when a producer has files of several periods, the
//!   period follows the code (`08:2024:R-2024-000001`), since an area's ids are unique
//!   only within its file. Operating models, instrument definitions and indicator
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
//!   period (a second one, or one whose period overlaps it, is a finding, not a silent
//!   overwrite).
//! - **Deterministic**: the files are ordered by producer and period, whatever the order
//!   they are given in, so the same files always give the same document and bytes.
//!
//! - **Streaming**: [`Combiner`] takes one file at a time, keeps only its header, its
//!   findings and its shared definitions, and spools its own records — namespaced and
//!   serialized — to one temporary file per section ([`Combiner::spool_in`]); at the end
//!   it writes the national document (JSON or NDJSON) from the spools. Memory holds one
//!   file and its records while that file is read, whatever the number of files.
//!   [`combine`] is the same work in memory, for documents small enough to hold.

use std::collections::{BTreeMap, BTreeSet};
use std::fs::File;
use std::io::{BufRead, BufReader, BufWriter, Read, Seek, SeekFrom, Write};
use std::path::Path;

use rakenne_metrics::InstrumentDefinition;
use rakenne_model::{
    IndicatorDefinition, Labels, Lang, OperatingModel, ReportingPeriod, WelfareAreaCode,
};
use serde::Serialize;

use crate::validate::{Report, params};
use crate::{
    Document, Error, FormatVersion, Header, Producer, RecordRange, Rule, Section, Severity,
    SourceFile,
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

/// The form of the national document [`Combiner::finish`] writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum NationalForm {
    /// One JSON document, the bytes `serde_json::to_writer` gives the [`Document`].
    Json,
    /// NDJSON, the lines [`write_ndjson`](crate::write_ndjson) gives the [`Document`].
    Ndjson,
}

/// What [`Combiner::finish`] wrote.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct CombinedSummary {
    /// The national document's header (its `sources` give every file's runs of records);
    /// `None` when no file could be combined and nothing was written.
    pub header: Option<Header>,
    /// Every file given, by name, with its findings and whether it was combined.
    pub files: Vec<CombinedFile>,
}

impl CombinedSummary {
    /// The number of records written, over every section.
    pub fn records(&self) -> u64 {
        self.header
            .iter()
            .flat_map(|h| &h.sources)
            .flat_map(|s| &s.records)
            .map(|r| r.count)
            .sum()
    }
}

/// The sections whose records are an area's own: appended, never merged.
const OWN: [Section; 9] = [
    Section::SocialReports,
    Section::Implementations,
    Section::Measurements,
    Section::GasGoals,
    Section::ServiceEpisodes,
    Section::Feedback,
    Section::ExperienceStatements,
    Section::Indicators,
    Section::Results,
];

/// The place of a section among [`OWN`]; `None` for the shared sections.
fn own_index(section: Section) -> Option<usize> {
    OWN.iter().position(|s| *s == section)
}

/// Combines the areas' documents one file at a time, spooling their records, and writes
/// the national document at the end.
///
/// Memory holds the file being added (its bytes and typed records), and of every file
/// added before only its header, findings and shared definitions (operating models,
/// instrument and indicator definitions); the records themselves wait in the spool —
/// in memory by default, in temporary files after [`spool_in`](Combiner::spool_in).
///
/// # Example
/// ```
/// use rakenne_model::{Labels, Lang};
/// use rakenne_schema::{CombineInput, Combiner, NationalForm, Sample, validate};
///
/// let mut combiner = Combiner::new(&Labels::new("Terveyden ja hyvinvoinnin laitos")?, Lang::En)
///     .spool_in(&std::env::temp_dir())?;
/// for (seed, area) in [(1, "08"), (2, "21")] {
///     let file = serde_json::to_vec(&Sample::new(seed).area(area.parse()?).clients(20).document())?;
///     combiner.add(CombineInput::new(&format!("{area}.json"), &file))?;
///     // `file` can go: the combiner keeps what it needs.
/// }
/// let mut national = Vec::new();
/// let summary = combiner.finish(&mut national, NationalForm::Json)?;
/// assert!(summary.files.iter().all(|f| f.included));
/// assert_eq!(summary.header.expect("files were combined").sources.len(), 2);
/// assert!(validate(&national, Lang::En).is_valid());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug)]
pub struct Combiner {
    organisation: Labels,
    language: Lang,
    /// One spool per section of [`OWN`].
    spools: Vec<Spool>,
    admitted: Vec<Admitted>,
    /// The files left out before the end, with the digest of their content.
    refused: Vec<(CombinedFile, u128)>,
    /// Scratch buffer for a record's JSON.
    scratch: Vec<u8>,
}

/// A file that passed validation: what the end of the combination needs of it.
#[derive(Debug)]
struct Admitted {
    file: String,
    /// Orders files of the same name, producer, period and creation time.
    digest: u128,
    /// The producer.
    area: WelfareAreaCode,
    /// What its ids get in front (decided when every file is in).
    prefix: String,
    header: Header,
    report: Report,
    operating_models: Vec<OperatingModel>,
    instruments: Vec<InstrumentDefinition>,
    indicator_definitions: Vec<IndicatorDefinition>,
    /// Where its records of each section of [`OWN`] lie in that section's spool.
    segments: [Segment; OWN.len()],
    /// Which of its records a prefix would make too long.
    longest: LongestIds,
}

/// A file's records of one section in a spool: one JSON record per line.
#[derive(Debug, Clone, Copy, Default)]
struct Segment {
    offset: u64,
    len: u64,
    count: u64,
}

/// Where the records of one section wait for the end.
#[derive(Debug)]
enum Spool {
    Memory(Vec<u8>),
    Disk { file: BufWriter<File>, len: u64 },
}

impl Spool {
    fn len(&self) -> u64 {
        match self {
            Spool::Memory(bytes) => bytes.len() as u64,
            Spool::Disk { len, .. } => *len,
        }
    }

    fn write(&mut self, bytes: &[u8]) -> std::io::Result<()> {
        match self {
            Spool::Memory(spool) => spool.extend_from_slice(bytes),
            Spool::Disk { file, len } => {
                file.write_all(bytes)?;
                *len += bytes.len() as u64;
            }
        }
        Ok(())
    }

    /// Stops writing: the spool as something segments can be read from.
    fn into_reader(self) -> std::io::Result<SpoolReader> {
        Ok(match self {
            Spool::Memory(bytes) => SpoolReader::Memory(bytes),
            Spool::Disk { file, .. } => SpoolReader::Disk(
                file.into_inner()
                    .map_err(std::io::IntoInnerError::into_error)?,
            ),
        })
    }
}

/// A spool being read back.
enum SpoolReader {
    Memory(Vec<u8>),
    Disk(File),
}

impl SpoolReader {
    /// Calls `each` with every record of `segment`, without its line end.
    fn records(
        &mut self,
        segment: Segment,
        mut each: impl FnMut(&[u8]) -> std::io::Result<()>,
    ) -> std::io::Result<()> {
        let mut from_lines = |lines: &mut dyn BufRead| -> std::io::Result<()> {
            let mut line = Vec::new();
            for _ in 0..segment.count {
                line.clear();
                lines.read_until(b'\n', &mut line)?;
                let Some(record) = line.strip_suffix(b"\n") else {
                    return Err(std::io::Error::new(
                        std::io::ErrorKind::UnexpectedEof,
                        "a spool file ended early: was the temporary folder cleaned while combining?",
                    ));
                };
                each(record)?;
            }
            Ok(())
        };
        match self {
            SpoolReader::Memory(bytes) => {
                let start = usize::try_from(segment.offset).unwrap_or(usize::MAX);
                let end = usize::try_from(segment.offset + segment.len).unwrap_or(usize::MAX);
                from_lines(&mut bytes.get(start..end).unwrap_or_default())
            }
            SpoolReader::Disk(file) => {
                file.seek(SeekFrom::Start(segment.offset))?;
                let mut lines =
                    BufReader::with_capacity(1 << 20, Read::by_ref(file).take(segment.len));
                from_lines(&mut lines)
            }
        }
    }
}

impl Combiner {
    /// A combination of no files yet, for a national document produced by
    /// `organisation`, with messages in `language`; records are spooled in memory.
    pub fn new(organisation: &Labels, language: Lang) -> Self {
        Combiner {
            organisation: organisation.clone(),
            language,
            spools: OWN.iter().map(|_| Spool::Memory(Vec::new())).collect(),
            admitted: Vec::new(),
            refused: Vec::new(),
            scratch: Vec::new(),
        }
    }

    /// Spools the records in temporary files in `dir` instead of memory: one unnamed file
    /// per section, removed by the system when the combiner is dropped. Give it before
    /// adding files; records already spooled move to the files.
    pub fn spool_in(mut self, dir: &Path) -> Result<Self, Error> {
        for spool in &mut self.spools {
            let file = tempfile::tempfile_in(dir).map_err(|source| Error::Spool {
                dir: dir.display().to_string(),
                source,
            })?;
            let mut disk = Spool::Disk {
                file: BufWriter::with_capacity(1 << 20, file),
                len: 0,
            };
            if let Spool::Memory(bytes) = spool {
                disk.write(bytes).map_err(|source| Error::Spool {
                    dir: dir.display().to_string(),
                    source,
                })?;
            }
            *spool = disk;
        }
        Ok(self)
    }

    /// Reads, validates and spools one file. A file with errors, of another major
    /// version or a national document is left out (its report says why); the error is
    /// only for a spool that cannot be written.
    pub fn add(&mut self, input: CombineInput<'_>) -> Result<(), Error> {
        let file = file_name(input.file);
        let digest = twox_hash::XxHash3_128::oneshot(input.bytes);
        let (document, report, area) = match admit(&file, input.bytes, self.language) {
            Ok(admitted) => admitted,
            Err(report) => {
                let file = CombinedFile {
                    file,
                    included: false,
                    report: *report,
                };
                self.refused.push((file, digest));
                return Ok(());
            }
        };
        let (segments, longest) = self.spool(&document).map_err(Error::Write)?;
        let Document {
            header,
            operating_models,
            instruments,
            indicator_definitions,
            ..
        } = document;
        self.admitted.push(Admitted {
            file,
            digest,
            area,
            prefix: String::new(),
            header,
            report,
            operating_models,
            instruments,
            indicator_definitions,
            segments,
            longest,
        });
        Ok(())
    }

    /// Records a file the caller validated without reading it whole — one too large
    /// ([`Report::too_large`]) — as left out, with its report.
    ///
    /// # Example
    /// ```
    /// use rakenne_model::{Labels, Lang};
    /// use rakenne_schema::{Combiner, MAX_DOCUMENT_BYTES, NationalForm, Report, Rule};
    ///
    /// let mut combiner = Combiner::new(&Labels::new("THL")?, Lang::En);
    /// combiner.leave_out("huge.json", Report::too_large(2 * MAX_DOCUMENT_BYTES as u64, Lang::En));
    /// let summary = combiner.finish(&mut std::io::sink(), NationalForm::Json)?;
    /// let rules: Vec<Rule> = summary.files[0].report.findings.iter().map(|f| f.rule).collect();
    /// assert_eq!(rules, [Rule::TooLarge, Rule::CombineInvalid]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn leave_out(&mut self, file: &str, mut report: Report) {
        let file = file_name(file);
        add_invalid(&mut report, &file);
        let digest = twox_hash::XxHash3_128::oneshot(file.as_bytes());
        let file = CombinedFile {
            file,
            included: false,
            report,
        };
        self.refused.push((file, digest));
    }

    /// Writes the records of the document's own sections to the spools, as they are:
    /// the producer's prefix is put before their ids when they are written out.
    fn spool(&mut self, d: &Document) -> std::io::Result<([Segment; OWN.len()], LongestIds)> {
        let mut out = Spooler {
            spools: &mut self.spools,
            json: &mut self.scratch,
            segments: [Segment::default(); OWN.len()],
            longest: LongestIds::default(),
        };
        out.section(Section::SocialReports, &d.social_reports)?;
        out.section(Section::Implementations, &d.implementations)?;
        out.section(Section::Measurements, &d.measurements)?;
        out.section(Section::GasGoals, &d.gas_goals)?;
        out.section(Section::ServiceEpisodes, &d.service_episodes)?;
        out.section(Section::Feedback, &d.feedback)?;
        out.section(Section::ExperienceStatements, &d.experience_statements)?;
        out.section(Section::Indicators, &d.indicators)?;
        out.section(Section::Results, &d.results)?;
        Ok((out.segments, out.longest))
    }
}

/// Whether the records of an area's own `section` have ids (and client ids and references
/// to implementations) that get its prefix: all but indicators and results, which carry
/// no such ids.
fn namespaced(section: Section) -> bool {
    own_index(section).is_some() && !matches!(section, Section::Indicators | Section::Results)
}

/// Writes one file's records to the spools.
struct Spooler<'a> {
    spools: &'a mut [Spool],
    json: &'a mut Vec<u8>,
    segments: [Segment; OWN.len()],
    longest: LongestIds,
}

impl Spooler<'_> {
    fn section<T: Serialize>(&mut self, section: Section, records: &[T]) -> std::io::Result<()> {
        let index = own_index(section).expect("called with the sections of OWN only");
        let spool = &mut self.spools[index];
        let namespaced = namespaced(section);
        let offset = spool.len();
        for (i, record) in records.iter().enumerate() {
            self.json.clear();
            serde_json::to_writer(&mut *self.json, record)?;
            if namespaced {
                self.longest.note(self.json, section, i);
            }
            self.json.push(b'\n');
            spool.write(self.json)?;
        }
        self.segments[index] = Segment {
            offset,
            len: spool.len() - offset,
            count: records.len() as u64,
        };
        Ok(())
    }
}

impl Combiner {
    /// Decides which files are combined — one per producer and period — checks that they
    /// are comparable, and writes the national document to `out` in `form`. Nothing is
    /// written when no file could be combined. The error is only for a spool that cannot
    /// be read back or an output that cannot be written.
    pub fn finish(
        self,
        out: &mut impl Write,
        form: NationalForm,
    ) -> Result<CombinedSummary, Error> {
        let Combiner {
            organisation,
            spools,
            admitted,
            mut refused,
            ..
        } = self;
        let (kept, left_out) = one_per_producer_and_period(admitted);
        refused.extend(left_out);
        let (mut kept, too_long) = with_prefixes(kept);
        refused.extend(too_long);
        check_comparability(&mut kept);
        let header = if kept.is_empty() {
            None
        } else {
            let national = National::of(&mut kept, &organisation);
            let mut readers = spools
                .into_iter()
                .map(Spool::into_reader)
                .collect::<std::io::Result<Vec<_>>>()
                .map_err(Error::Write)?;
            national
                .write(&kept, &mut readers, out, form)
                .map_err(Error::Write)?;
            Some(national.header)
        };
        let mut files = refused;
        files.extend(kept.into_iter().map(|a| {
            let file = CombinedFile {
                file: a.file,
                included: true,
                report: a.report,
            };
            (file, a.digest)
        }));
        files.sort_by(|(a, a_digest), (b, b_digest)| {
            a.file
                .cmp(&b.file)
                .then(a.included.cmp(&b.included))
                .then(a_digest.cmp(b_digest))
                .then_with(|| report_json(&a.report).cmp(&report_json(&b.report)))
        });
        Ok(CombinedSummary {
            header,
            files: files.into_iter().map(|(file, _)| file).collect(),
        })
    }
}

/// Combines the areas' documents in `inputs` into a national document produced by
/// `organisation`, in memory; messages in `language`. [`Combiner`] does the same with
/// one file in memory at a time.
///
/// # Panics
/// Only on a bug of rakenne: the spools and the output are in memory, which cannot fail
/// to be written, and the national document read back is the one just written.
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
    let mut combiner = Combiner::new(organisation, language);
    for input in inputs {
        combiner
            .add(*input)
            .expect("a spool in memory cannot fail to be written");
    }
    let mut json = Vec::new();
    let summary = combiner
        .finish(&mut json, NationalForm::Json)
        .expect("a spool and an output in memory cannot fail to be written");
    let document = summary.header.is_some().then(|| {
        serde_json::from_slice(&json).expect(
            "the national document is written from records and headers that were read \
             as a Document, and the namespaced ids stay within the id length (checked)",
        )
    });
    Combination {
        document,
        files: summary.files,
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

/// Reads and validates one file: its document, report and producer's area; its report
/// when it is left out.
fn admit(
    file: &str,
    bytes: &[u8],
    language: Lang,
) -> Result<(Document, Report, WelfareAreaCode), Box<Report>> {
    let (mut report, document) = crate::read_valid(bytes, language);
    let Some(document) = document else {
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
        add_invalid(&mut report, file);
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
    Ok((document, report, area))
}

/// A report as JSON, the last tie-breaker of the order of files (two files left out
/// unread with the same name).
fn report_json(report: &Report) -> String {
    serde_json::to_string(report).unwrap_or_default()
}

/// Adds the finding that `file` is left out for the errors its report has.
fn add_invalid(report: &mut Report, file: &str) {
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

/// Calls `each` with the field and the text range of the record's ids that get the
/// producer's prefix: its top-level `id` and `implementation` and its `client`'s `id`,
/// when they are strings. `json` is compact JSON as `serde_json` writes it.
fn scan_ids(json: &[u8], mut each: impl FnMut(&'static str, std::ops::Range<usize>)) {
    let mut depth = 0usize;
    // The depth of the `client` object while inside it.
    let mut client: Option<usize> = None;
    // The last key read, as a range of `json`.
    let mut key = 0..0;
    let mut i = 0;
    while i < json.len() {
        match json[i] {
            b'{' | b'[' => {
                if json[i] == b'{'
                    && depth == 1
                    && i > 0
                    && json[i - 1] == b':'
                    && &json[key.clone()] == b"client"
                {
                    client = Some(depth + 1);
                }
                depth += 1;
                i += 1;
            }
            b'}' | b']' => {
                if client == Some(depth) {
                    client = None;
                }
                depth = depth.saturating_sub(1);
                i += 1;
            }
            b'"' => {
                let end = string_end(json, i + 1);
                if json.get(end + 1) == Some(&b':') {
                    key = i + 1..end;
                } else if i > 0 && json[i - 1] == b':' {
                    let field = match (depth, &json[key.clone()]) {
                        (1, b"id") => Some("id"),
                        (1, b"implementation") => Some("implementation"),
                        (2, b"id") if client == Some(2) => Some("client/id"),
                        _ => None,
                    };
                    if let Some(field) = field {
                        each(field, i + 1..end);
                    }
                }
                i = end + 1;
            }
            _ => i += 1,
        }
    }
}

/// Copies a record's compact JSON to `out` with `prefix` put before the ids
/// [`scan_ids`] finds.
fn prefix_ids(json: &[u8], prefix: &str, out: &mut Vec<u8>) {
    out.clear();
    let mut copied = 0;
    scan_ids(json, |_, id| {
        out.extend_from_slice(&json[copied..id.start]);
        out.extend_from_slice(prefix.as_bytes());
        copied = id.start;
    });
    out.extend_from_slice(&json[copied..]);
}

/// The first record of a file with an id longer than any before it, for each such
/// length: which records a prefix would make too long.
#[derive(Debug, Default)]
struct LongestIds(Vec<(usize, String)>);

impl LongestIds {
    /// Notes the ids of record `index` of `section`.
    fn note(&mut self, json: &[u8], section: Section, index: usize) {
        scan_ids(json, |field, id| {
            if self.0.last().is_none_or(|(longest, _)| id.len() > *longest) {
                self.0
                    .push((id.len(), format!("/{section}/{index}/{field}")));
            }
        });
    }

    /// The pointer of the first id that `prefix` would make longer than ids may be.
    fn too_long_with(&self, prefix: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(len, _)| len + prefix.len() > MAX_ID_CHARS)
            .map(|(_, pointer)| pointer.as_str())
    }
}

/// The index of the quote that ends the JSON string whose text starts at `from`.
fn string_end(json: &[u8], from: usize) -> usize {
    let mut i = from;
    while i < json.len() {
        match json[i] {
            b'\\' => i += 2,
            b'"' => return i,
            _ => i += 1,
        }
    }
    json.len()
}

/// Keeps one file per producer and period: of a producer's files whose periods overlap,
/// the latest created (on a tie the first by name, then by content); the others are
/// reported and left out. The kept files come in producer and period order.
fn one_per_producer_and_period(
    admitted: Vec<Admitted>,
) -> (Vec<Admitted>, Vec<(CombinedFile, u128)>) {
    let mut producers: BTreeMap<WelfareAreaCode, Vec<Admitted>> = BTreeMap::new();
    for a in admitted {
        producers.entry(a.area).or_default().push(a);
    }
    let mut kept = Vec::new();
    let mut left_out = Vec::new();
    for (area, mut files) in producers {
        files.sort_by(|a, b| {
            b.header
                .created_at
                .cmp(&a.header.created_at)
                .then_with(|| a.file.cmp(&b.file))
                .then(a.digest.cmp(&b.digest))
        });
        let mut own: Vec<Admitted> = Vec::new();
        for mut other in files {
            let period = other.header.period;
            let Some(first) = own.iter().find(|k| k.header.period.overlaps(&period)) else {
                own.push(other);
                continue;
            };
            other.report.add(
                Rule::CombineDuplicate,
                "/header/producer",
                params([
                    ("file", other.file.clone().into()),
                    ("area", area.to_string().into()),
                    ("period", period.to_string().into()),
                    ("kept", first.file.clone().into()),
                    ("kept_period", first.header.period.to_string().into()),
                ]),
            );
            let file = CombinedFile {
                file: other.file,
                included: false,
                report: other.report,
            };
            left_out.push((file, other.digest));
        }
        own.sort_by_key(|k| k.header.period);
        kept.extend(own);
    }
    (kept, left_out)
}

/// Gives each kept file its prefix — the producer's code, followed by the period when
/// the producer has files of several periods (`90:2024:`) — and leaves out a file whose
/// ids the prefix would make too long.
fn with_prefixes(kept: Vec<Admitted>) -> (Vec<Admitted>, Vec<(CombinedFile, u128)>) {
    let mut per_producer: BTreeMap<WelfareAreaCode, usize> = BTreeMap::new();
    for a in &kept {
        *per_producer.entry(a.area).or_default() += 1;
    }
    let mut with = Vec::with_capacity(kept.len());
    let mut too_long = Vec::new();
    for mut a in kept {
        a.prefix = if per_producer[&a.area] > 1 {
            // Ids may not have `/`, which a range of dates has.
            format!(
                "{}:{}:",
                a.area,
                a.header.period.to_string().replace('/', "_")
            )
        } else {
            format!("{}:", a.area)
        };
        let Some(pointer) = a.longest.too_long_with(&a.prefix) else {
            with.push(a);
            continue;
        };
        let pointer = pointer.to_owned();
        a.report.add(
            Rule::CombineIdTooLong,
            pointer,
            params([
                ("file", a.file.clone().into()),
                ("prefix", a.prefix.clone().into()),
                ("room", (MAX_ID_CHARS - a.prefix.len()).into()),
            ]),
        );
        let file = CombinedFile {
            file: a.file,
            included: false,
            report: a.report,
        };
        too_long.push((file, a.digest));
    }
    (with, too_long)
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
fn check_comparability(kept: &mut [Admitted]) {
    let Some(common) = mode(kept.iter().map(|a| a.header.period)) else {
        return;
    };
    let common_lists = mode(kept.iter().map(|a| a.header.code_lists.geography));
    for a in kept.iter_mut() {
        let header = &a.header;
        if !header.period.overlaps(&common) {
            let p = params([
                ("file", a.file.clone().into()),
                ("period", header.period.to_string().into()),
                ("common", common.to_string().into()),
            ]);
            a.report.add(Rule::CombinePeriod, "/header/period", p);
        }
        let own = header.code_lists.geography;
        if let Some(common_lists) = common_lists
            && own != common_lists
        {
            let p = params([
                ("file", a.file.clone().into()),
                ("geography", own.to_string().into()),
                ("common", common_lists.to_string().into()),
            ]);
            a.report
                .add(Rule::CombineCodeLists, "/header/code_lists", p);
        }
    }
}

/// The national document but for the areas' own records, which wait in the spools.
struct National {
    header: Header,
    operating_models: Vec<OperatingModel>,
    instruments: Vec<InstrumentDefinition>,
    indicator_definitions: Vec<IndicatorDefinition>,
}

impl National {
    /// The national header and shared definitions of the kept files (in producer and
    /// period order), with the provenance of every record.
    fn of(kept: &mut [Admitted], organisation: &Labels) -> National {
        let headers: Vec<&Header> = kept.iter().map(|a| &a.header).collect();
        let mut header = Header::new(
            Producer::national(organisation.clone()),
            national_period(&headers),
            headers
                .iter()
                .map(|h| h.created_at)
                .max()
                .unwrap_or(time::OffsetDateTime::UNIX_EPOCH),
            mode(headers.iter().map(|h| h.language)).unwrap_or(Lang::Fi),
        );
        if let Some(lists) = mode(headers.iter().map(|h| h.code_lists.geography)) {
            header.code_lists.geography = lists;
        }
        let mut national = National {
            header,
            operating_models: Vec::new(),
            instruments: Vec::new(),
            indicator_definitions: Vec::new(),
        };
        let mut totals = [0u64; OWN.len()];
        let mut shared_from: BTreeMap<(Section, String), String> = BTreeMap::new();
        let mut sources = Vec::with_capacity(kept.len());
        for a in kept.iter_mut() {
            let mut runs = Runs::default();
            let mut intake = Intake {
                file: &a.file,
                from: &mut shared_from,
                report: &mut a.report,
                runs: &mut runs,
            };
            for section in Section::ALL {
                if let Some(i) = own_index(section) {
                    intake.runs.all(section, totals[i], a.segments[i].count);
                    totals[i] += a.segments[i].count;
                    continue;
                }
                match section {
                    Section::OperatingModels => intake.merge(
                        section,
                        &mut national.operating_models,
                        std::mem::take(&mut a.operating_models),
                        |r| r.id().as_str(),
                    ),
                    Section::Instruments => intake.merge(
                        section,
                        &mut national.instruments,
                        std::mem::take(&mut a.instruments),
                        |r| r.id.as_str(),
                    ),
                    Section::IndicatorDefinitions => intake.merge(
                        section,
                        &mut national.indicator_definitions,
                        std::mem::take(&mut a.indicator_definitions),
                        |r| r.id().as_str(),
                    ),
                    _ => unreachable!("every section but the shared ones is in OWN"),
                }
            }
            let header = &a.header;
            sources.push(SourceFile {
                file: a.file.clone(),
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

    /// Writes the national document: the header, the shared definitions and the kept
    /// files' records from the spools, section by section.
    fn write(
        &self,
        kept: &[Admitted],
        spools: &mut [SpoolReader],
        out: &mut impl Write,
        form: NationalForm,
    ) -> std::io::Result<()> {
        let mut out = BufWriter::with_capacity(1 << 20, out);
        match form {
            NationalForm::Json => out.write_all(b"{\"header\":")?,
            NationalForm::Ndjson => out.write_all(b"{\"kind\":\"header\",\"record\":")?,
        }
        serde_json::to_writer(&mut out, &self.header)?;
        if form == NationalForm::Ndjson {
            out.write_all(b"}\n")?;
        }
        let mut record = Vec::new();
        for section in Section::ALL {
            let mut emit = Emit {
                out: &mut out,
                form,
                section,
                first: true,
            };
            if let Some(i) = own_index(section) {
                let namespaced = namespaced(section);
                for a in kept {
                    spools[i].records(a.segments[i], |r| {
                        if namespaced {
                            prefix_ids(r, &a.prefix, &mut record);
                            emit.record(&record)
                        } else {
                            emit.record(r)
                        }
                    })?;
                }
            } else {
                match section {
                    Section::OperatingModels => emit.all(&self.operating_models, &mut record)?,
                    Section::Instruments => emit.all(&self.instruments, &mut record)?,
                    Section::IndicatorDefinitions => {
                        emit.all(&self.indicator_definitions, &mut record)?;
                    }
                    _ => unreachable!("every section but the shared ones is in OWN"),
                }
            }
            emit.end()?;
        }
        if form == NationalForm::Json {
            out.write_all(b"}")?;
        }
        out.flush()
    }
}

/// Writes the records of one section in the national document's form.
struct Emit<'a, W: Write> {
    out: &'a mut W,
    form: NationalForm,
    section: Section,
    first: bool,
}

impl<W: Write> Emit<'_, W> {
    fn record(&mut self, record: &[u8]) -> std::io::Result<()> {
        match self.form {
            NationalForm::Json => {
                if self.first {
                    write!(self.out, ",\"{}\":[", self.section.code())?;
                } else {
                    self.out.write_all(b",")?;
                }
                self.out.write_all(record)?;
            }
            NationalForm::Ndjson => {
                write!(
                    self.out,
                    "{{\"kind\":\"{}\",\"record\":",
                    self.section.line_kind()
                )?;
                self.out.write_all(record)?;
                self.out.write_all(b"}\n")?;
            }
        }
        self.first = false;
        Ok(())
    }

    /// Writes typed records, each through `buffer`.
    fn all<T: Serialize>(&mut self, records: &[T], buffer: &mut Vec<u8>) -> std::io::Result<()> {
        for record in records {
            buffer.clear();
            serde_json::to_writer(&mut *buffer, record)?;
            self.record(buffer)?;
        }
        Ok(())
    }

    /// Closes the section (a JSON array) when it had records.
    fn end(self) -> std::io::Result<()> {
        if self.form == NationalForm::Json && !self.first {
            self.out.write_all(b"]")?;
        }
        Ok(())
    }
}

/// One source file's shared definitions going into the national document.
struct Intake<'a> {
    file: &'a str,
    /// The first file that gave each shared id, for conflict reports.
    from: &'a mut BTreeMap<(Section, String), String>,
    report: &'a mut Report,
    runs: &'a mut Runs,
}

impl Intake<'_> {
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
                    self.runs.one(section, national.len() as u64, i as u64);
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
fn national_period(headers: &[&Header]) -> ReportingPeriod {
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
    fn all(&mut self, section: Section, first: u64, count: u64) {
        if count > 0 {
            self.0.push(RecordRange {
                section,
                first,
                source_first: 0,
                count,
            });
        }
    }

    /// Source record `source` of a section, placed at national index `at`: extends the last
    /// run when it continues it.
    fn one(&mut self, section: Section, at: u64, source: u64) {
        if let Some(last) = self.0.last_mut()
            && last.section == section
            && last.first + last.count == at
            && last.source_first + last.count == source
        {
            last.count += 1;
            return;
        }
        self.0.push(RecordRange {
            section,
            first: at,
            source_first: source,
            count: 1,
        });
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use proptest::prelude::*;
    use rakenne_model::{
        ExperienceStatement, Feedback, GasGoal, Implementation, InstrumentAdministration,
        ServiceEpisode, SocialReport,
    };
    use serde_json::{Map, Value};

    use super::*;

    /// The oracle: the fields prefixed on the record's `serde_json::Value`.
    fn prefixed_value(record: &impl Serialize, prefix: &str) -> Value {
        let mut value = serde_json::to_value(record).unwrap();
        let object: &mut Map<String, Value> = value.as_object_mut().unwrap();
        for field in ["id", "implementation"] {
            if let Some(Value::String(id)) = object.get_mut(field) {
                id.insert_str(0, prefix);
            }
        }
        if let Some(Value::Object(client)) = object.get_mut("client")
            && let Some(Value::String(id)) = client.get_mut("id")
        {
            id.insert_str(0, prefix);
        }
        value
    }

    /// `prefix_ids` on the record's compact JSON, read back.
    fn prefixed_text(record: &impl Serialize, prefix: &str) -> Value {
        let json = serde_json::to_vec(record).unwrap();
        let mut out = Vec::new();
        prefix_ids(&json, prefix, &mut out);
        serde_json::from_slice(&out).unwrap()
    }

    macro_rules! agrees_with_the_value_oracle {
        ($($name:ident: $ty:ty),* $(,)?) => {
            proptest! {
                #![proptest_config(ProptestConfig::with_cases(64))]
                $(
                    #[test]
                    fn $name(record in any::<$ty>()) {
                        prop_assert_eq!(prefixed_text(&record, "08:"), prefixed_value(&record, "08:"));
                    }
                )*
            }
        };
    }

    agrees_with_the_value_oracle! {
        social_reports: SocialReport,
        implementations: Implementation,
        measurements: InstrumentAdministration,
        gas_goals: GasGoal,
        service_episodes: ServiceEpisode,
        feedback: Feedback,
        experience_statements: ExperienceStatement,
    }

    #[test]
    fn only_the_ids_of_the_record_and_its_client_get_the_prefix() {
        let json = br#"{"id":"M\"1","client":{"id":"C-1","age_group":"18_24","x":{"id":"deep"}},"implementation":"I-1","items":[{"id":"q1"}],"note":{"id":"n"},"other":"id"}"#;
        let mut out = Vec::new();
        prefix_ids(json, "21:", &mut out);
        assert_eq!(
            std::str::from_utf8(&out).unwrap(),
            r#"{"id":"21:M\"1","client":{"id":"21:C-1","age_group":"18_24","x":{"id":"deep"}},"implementation":"21:I-1","items":[{"id":"q1"}],"note":{"id":"n"},"other":"id"}"#
        );
        // A client given as a string, and no ids at all.
        prefix_ids(br#"{"client":"C-1","score":1}"#, "21:", &mut out);
        assert_eq!(out, br#"{"client":"C-1","score":1}"#);
    }

    #[test]
    fn the_first_id_a_prefix_makes_too_long_is_named() {
        let mut longest = LongestIds::default();
        let record = |id: usize, client: usize| {
            format!(
                r#"{{"id":"{}","client":{{"id":"{}"}}}}"#,
                "x".repeat(id),
                "c".repeat(client)
            )
        };
        longest.note(record(10, 120).as_bytes(), Section::Measurements, 0);
        longest.note(record(124, 5).as_bytes(), Section::Measurements, 1);
        longest.note(record(126, 126).as_bytes(), Section::Measurements, 2);
        // Ids may have 128 characters: with 3 more, only record 2's 126 are too many.
        assert_eq!(longest.too_long_with("21:"), Some("/measurements/2/id"));
        assert_eq!(longest.too_long_with("1:"), None);
        assert_eq!(longest.too_long_with(""), None);
        // With 8 more, record 1's 124; with 11 more, already record 0's client's 120.
        assert_eq!(
            longest.too_long_with("21:2025:"),
            Some("/measurements/1/id")
        );
        assert_eq!(
            longest.too_long_with("21:2025-Q1:"),
            Some("/measurements/0/client/id")
        );
    }
}
