//! The validator: every problem of a document in one pass.
//!
//! A data steward who sends a file should hear about every problem at once, with where it
//! is and how to fix it, in their own language. [`validate`] runs three layers:
//!
//! 1. **Structure.** The file is read as typed records (the fast path). When that fails,
//!    the committed JSON Schema is walked to list *every* structural problem, not only the
//!    first ([`Rule::Structure`]); a problem the schema cannot express (e.g. dates out of
//!    order inside a record) is reported from the typed reading ([`Rule::Record`]).
//! 2. **Semantics** (when the structure is sound): ids unique within each section,
//!    references between records resolve, measurements fit their instruments, dates lie
//!    in the document's period, and every indicator with observations is defined.
//! 3. **Privacy** (always): a personal identity code anywhere — ids, codes or free text —
//!    is an error; e-mail addresses and phone numbers in free text are warnings.
//!
//! Findings never quote free text or anything personal: their parameters are codes, record
//! ids, field names, numbers and dates. Locations are JSON Pointers (RFC 6901).

use std::collections::BTreeMap;

use rustc_hash::{FxBuildHasher, FxHashSet as HashSet};

use rakenne_metrics::InstrumentDefinition;
use rakenne_model::{
    CodeList, FreeText, InstrumentId, Lang, OpenCode, SocialReport,
    privacy::contact::{contains_email, contains_phone_number},
    privacy::hetu,
};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::measurement_screen::{self, Screened};
use crate::rule::render;
use crate::{Document, FormatVersion, Header, Rule, Section, Severity};

/// One problem found in a document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Finding {
    /// The rule broken.
    pub rule: Rule,
    /// Its severity.
    pub severity: Severity,
    /// Where: a JSON Pointer into the document (`""` for the whole document), or into the
    /// line for NDJSON.
    pub pointer: String,
    /// The 1-based line of an NDJSON stream the finding is on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<u64>,
    /// For a CSV sheet: the 1-based row as a spreadsheet shows it (the header is row 1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub row: Option<u64>,
    /// For a CSV sheet: the column's name (a dotted path such as `client.id`), when the
    /// finding is about one cell.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub column: Option<String>,
    /// For a CSV sheet: the cell as a spreadsheet names it (`F12`), when the finding is
    /// about one cell.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cell: Option<String>,
    /// The rule's parameters (codes, ids, field names, numbers; never personal data).
    #[serde(default, skip_serializing_if = "Map::is_empty")]
    pub params: Map<String, Value>,
    /// The message in the report's language.
    pub message: String,
    /// How to fix it, in the report's language.
    pub hint: String,
}

/// What a report was checked against.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct CheckedAgainst {
    /// The document's format version, if it could be read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub format_version: Option<String>,
    /// The `$id` of the schema used.
    pub schema_id: String,
    /// The version of rakenne that checked.
    pub rakenne_version: String,
    /// The geography code tables of the validator (valid on this date).
    pub geography_code_tables: String,
}

/// The result of validating a document: every finding, with counts.
///
/// # Example
/// ```
/// use rakenne_model::Lang;
/// use rakenne_schema::{Rule, validate};
///
/// let report = validate(br#"{"header": {}}"#, Lang::En);
/// assert!(!report.is_valid());
/// assert!(report.findings.iter().all(|f| f.rule == Rule::Structure));
///
/// let report = validate(b"{ not json", Lang::Fi);
/// assert_eq!(report.findings[0].rule, Rule::NotJson);
/// assert!(report.findings[0].message.starts_with("Tiedosto ei ole kelvollista JSONia"));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Report {
    /// The language of the messages.
    pub language: Lang,
    /// What the document was checked against.
    pub checked_against: CheckedAgainst,
    /// Number of findings by severity.
    pub by_severity: BTreeMap<Severity, u64>,
    /// Number of findings by rule id.
    pub by_rule: BTreeMap<Rule, u64>,
    /// Every finding, in document order within each layer.
    pub findings: Vec<Finding>,
    /// The NDJSON line being checked, given to the findings added meanwhile.
    #[serde(skip)]
    #[schemars(skip)]
    pub(crate) current_line: Option<u64>,
}

impl Report {
    /// Whether the document has no errors (warnings and advisories allowed).
    pub fn is_valid(&self) -> bool {
        !self.findings.iter().any(|f| f.severity == Severity::Error)
    }

    /// The report as text for people: one line per finding (`error RS0301 at
    /// /social_reports/0/description: message — hint`), then the counts. With `colour`,
    /// severities are coloured with ANSI escapes (for terminals only).
    ///
    /// # Example
    /// ```
    /// use rakenne_model::Lang;
    ///
    /// let report = rakenne_schema::validate(b"[]", Lang::En);
    /// let text = report.to_text(false);
    /// assert!(text.starts_with("error RS0101 at (document):"), "{text}");
    /// assert!(text.ends_with("1 error, 0 warnings, 0 advisories\n"));
    /// ```
    pub fn to_text(&self, colour: bool) -> String {
        use std::fmt::Write as _;
        let mut out = String::new();
        for f in &self.findings {
            let (start, end) = match (colour, f.severity) {
                (false, _) => ("", ""),
                (true, Severity::Error) => ("\u{1b}[31m", "\u{1b}[0m"),
                (true, Severity::Warning) => ("\u{1b}[33m", "\u{1b}[0m"),
                (true, _) => ("\u{1b}[36m", "\u{1b}[0m"),
            };
            let at = match (&f.cell, &f.column, f.row) {
                (Some(cell), Some(column), _) => format!("{cell} ({column})"),
                (None, Some(column), Some(row)) => format!("row {row} ({column})"),
                (None, Some(column), None) => format!("column {column}"),
                (_, None, Some(row)) => format!("row {row}"),
                _ if f.line.is_some() => {
                    format!("line {} {}", f.line.unwrap_or_default(), f.pointer)
                        .trim_end()
                        .to_owned()
                }
                _ if f.pointer.is_empty() => "(document)".to_owned(),
                _ => f.pointer.clone(),
            };
            let _ = writeln!(
                out,
                "{start}{}{end} {} at {at}: {} — {}",
                f.severity, f.rule, f.message, f.hint
            );
        }
        let count = |s| self.by_severity.get(&s).copied().unwrap_or(0);
        let plural =
            |n: u64, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        let _ = writeln!(
            out,
            "{}, {}, {}",
            plural(count(Severity::Error), "error", "errors"),
            plural(count(Severity::Warning), "warning", "warnings"),
            plural(count(Severity::Advisory), "advisory", "advisories"),
        );
        out
    }

    /// The report on a JSON document of `size` bytes that is larger than
    /// [`MAX_DOCUMENT_BYTES`] and so is not read at all (one [`Rule::TooLarge`] error):
    /// for callers that know a file's size before reading it.
    ///
    /// # Example
    /// ```
    /// use rakenne_model::Lang;
    /// use rakenne_schema::{MAX_DOCUMENT_BYTES, Report, Rule};
    ///
    /// let report = Report::too_large(MAX_DOCUMENT_BYTES as u64 * 2, Lang::En);
    /// assert_eq!(report.findings[0].rule, Rule::TooLarge);
    /// ```
    pub fn too_large(size: u64, language: Lang) -> Self {
        let mut report = Report::empty(language);
        report.add(
            Rule::TooLarge,
            "",
            params([("size", size.into()), ("limit", MAX_DOCUMENT_BYTES.into())]),
        );
        report
    }

    pub(crate) fn empty(language: Lang) -> Self {
        Report {
            language,
            checked_against: CheckedAgainst {
                format_version: None,
                schema_id: FormatVersion::CURRENT.schema_id(),
                rakenne_version: env!("CARGO_PKG_VERSION").into(),
                geography_code_tables: rakenne_model::date::format(
                    rakenne_model::CODE_TABLES_VALID_ON,
                ),
            },
            by_severity: BTreeMap::new(),
            by_rule: BTreeMap::new(),
            findings: Vec::new(),
            current_line: None,
        }
    }

    /// Adds a finding made elsewhere (counted like [`Report::add`] counts).
    pub(crate) fn push(&mut self, finding: Finding) {
        *self.by_severity.entry(finding.severity).or_default() += 1;
        *self.by_rule.entry(finding.rule).or_default() += 1;
        self.findings.push(finding);
    }

    pub(crate) fn add(
        &mut self,
        rule: Rule,
        pointer: impl Into<String>,
        params: Map<String, Value>,
    ) {
        let finding = Finding {
            rule,
            severity: rule.severity(),
            pointer: pointer.into(),
            line: self.current_line,
            row: None,
            column: None,
            cell: None,
            message: render(rule.message_template(self.language), &params),
            hint: render(rule.hint(self.language), &params),
            params,
        };
        self.push(finding);
    }
}

/// Parameters from `(name, value)` pairs.
pub(crate) fn params<const N: usize>(pairs: [(&str, Value); N]) -> Map<String, Value> {
    pairs.into_iter().map(|(k, v)| (k.to_owned(), v)).collect()
}

/// The largest JSON document [`validate`] reads: 1 GiB. Larger data goes as NDJSON
/// ([`validate_ndjson`](crate::validate_ndjson) reads any size in constant memory).
pub const MAX_DOCUMENT_BYTES: usize = 1 << 30;

/// Validates a document given as bytes; messages in `language`.
///
/// The bytes must be UTF-8 JSON (a UTF-8 byte order mark is reported as a warning and
/// skipped; UTF-16, UTF-32 and 8-bit encodings are an error). A valid document is read
/// once, straight into typed records, and then checked for semantics and privacy; only a
/// document that fails that typed reading is parsed generically and walked against the
/// schema, so that every structural problem is listed. (A document whose measurements,
/// service episodes, GAS goals, feedback and social reports are all valid has them
/// checked straight from the text, without typed records: see `measurement_screen`. The
/// findings are the same.)
pub fn validate(bytes: &[u8], language: Lang) -> Report {
    let mut report = Report::empty(language);
    let Some(text) = decode(bytes, &mut report) else {
        return report;
    };
    if validate_screened(text, &mut report) {
        return report;
    }
    validate_document(bytes, language).0
}

/// The fastest path of [`validate`]: the measurements, service episodes, GAS goals,
/// feedback and social reports through the [screen](crate::measurement_screen), the rest
/// of the document as typed records, then the same privacy and semantic checks as
/// [`validate_document`]. Adds to `report` and says `true` only when it is sure the
/// findings are those of `validate_document`: when the rest reads, its version is readable
/// and the screened sections pass the screen. (Then none of their records has a finding,
/// so checking the rest with those sections empty, but the screened numbers of records,
/// gives the same findings in the same order.)
fn validate_screened(text: &str, report: &mut Report) -> bool {
    let Some(split) = measurement_screen::split(text) else {
        return false;
    };
    let Ok(document) = serde_json::from_str::<Document>(&split.rest) else {
        return false;
    };
    let version = document.header.format_version;
    if !version.is_readable() {
        return false;
    }
    let Some(screened) = split.facts.check(&document) else {
        return false;
    };
    check_version(version, "/header/format_version", report);
    check_privacy_of_document(&document, report);
    check_semantics(&document, screened, report);
    true
}

/// Validates a document like [`validate`] and gives it, read into typed records, when it
/// has no errors (warnings and advisories allowed): the way to load a document for use.
/// The text is parsed once.
///
/// # Example
/// ```
/// use rakenne_model::Lang;
/// use rakenne_schema::{Sample, read_valid};
///
/// let json = serde_json::to_vec(&Sample::new(5).clients(30).document())?;
/// let (report, document) = read_valid(&json, Lang::En);
/// assert!(report.is_valid());
/// assert!(document.is_some_and(|d| !d.social_reports.is_empty()));
///
/// let (report, document) = read_valid(br#"{"header": {}}"#, Lang::En);
/// assert!(!report.is_valid() && document.is_none());
/// # Ok::<(), serde_json::Error>(())
/// ```
pub fn read_valid(bytes: &[u8], language: Lang) -> (Report, Option<Document>) {
    let (report, document) = validate_document(bytes, language);
    let document = document.filter(|_| report.is_valid());
    (report, document)
}

/// [`validate`], also giving the typed document when it was read (the fast path) and its
/// version can be read, so that callers who need it do not parse the text again.
pub(crate) fn validate_document(bytes: &[u8], language: Lang) -> (Report, Option<Document>) {
    let mut report = Report::empty(language);
    let Some(text) = decode(bytes, &mut report) else {
        return (report, None);
    };
    // The fast path: typed records straight from the text.
    let fast_error = match serde_json::from_str::<Document>(text) {
        Ok(document) => {
            if !check_version(
                document.header.format_version,
                "/header/format_version",
                &mut report,
            ) {
                return (report, None);
            }
            check_privacy_of_document(&document, &mut report);
            check_semantics(&document, Screened::default(), &mut report);
            return (report, Some(document));
        }
        Err(e) => e,
    };
    validate_value(text, &fast_error, &mut report);
    (report, None)
}

/// The slow path: a generic parse, the schema walk and the typed reading of the value.
fn validate_value(text: &str, fast_error: &serde_json::Error, report: &mut Report) {
    let value: Value = match serde_json::from_str(text) {
        Ok(value) => value,
        Err(e) => {
            not_json(&e, e.line() as u64, report);
            return;
        }
    };
    let version = value
        .pointer("/header/format_version")
        .and_then(Value::as_str)
        .and_then(|v| v.parse::<FormatVersion>().ok());
    if let Some(version) = version
        && !check_version(version, "/header/format_version", report)
    {
        return;
    }
    // Privacy first: it applies whatever the structure.
    check_privacy(&value, "", None, report);
    match serde_path_to_error::deserialize::<_, Document>(&value) {
        Ok(document) => {
            // The value reads but the text did not: the text has something the value
            // hides, such as a repeated key (the value keeps the last one).
            text_only_problem(text, fast_error, report);
            check_semantics(&document, Screened::default(), report);
        }
        Err(e) => {
            let structural = check_structure(&value, report);
            if structural == 0 {
                // The schema is satisfied, so the record broke one of its own rules.
                let pointer = to_pointer(&e.path().to_string());
                report.add(
                    Rule::Record,
                    pointer,
                    params([("detail", safe_detail(&e.inner().to_string()).into())]),
                );
            }
        }
    }
}

/// Reports a JSON syntax error on `line` (of the file, or of an NDJSON stream).
pub(crate) fn not_json(e: &serde_json::Error, line: u64, report: &mut Report) {
    let problem = match e.classify() {
        serde_json::error::Category::Io | serde_json::error::Category::Eof => {
            "the file ends too early"
        }
        serde_json::error::Category::Syntax if e.to_string().starts_with("recursion limit") => {
            "the values are nested more than 128 levels deep"
        }
        serde_json::error::Category::Syntax if e.to_string().starts_with("number out of") => {
            "a number is out of range"
        }
        serde_json::error::Category::Syntax => "a syntax error",
        serde_json::error::Category::Data => "an unexpected value",
    };
    report.add(
        Rule::NotJson,
        "",
        params([
            ("problem", problem.into()),
            ("line", line.into()),
            ("column", e.column().into()),
        ]),
    );
}

/// Records the version and reports it (at `pointer`) when it cannot be read; returns
/// whether it can.
pub(crate) fn check_version(version: FormatVersion, pointer: &str, report: &mut Report) -> bool {
    report.checked_against.format_version = Some(version.to_string());
    if version.is_readable() {
        return true;
    }
    report.add(
        Rule::UnsupportedVersion,
        pointer,
        params([
            ("found", version.to_string().into()),
            (
                "supported",
                format!(
                    "{}.0–{}.{}",
                    FormatVersion::CURRENT.major,
                    FormatVersion::CURRENT.major,
                    FormatVersion::CURRENT.minor
                )
                .into(),
            ),
        ]),
    );
    false
}

/// Reports what the typed reading of the text found that the value does not show.
fn text_only_problem(text: &str, fast_error: &serde_json::Error, report: &mut Report) {
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let (pointer, message) =
        match serde_path_to_error::deserialize::<_, Document>(&mut deserializer) {
            Err(e) => (to_pointer(&e.path().to_string()), e.inner().to_string()),
            Ok(_) => (String::new(), fast_error.to_string()),
        };
    if let Some(field) = message
        .strip_prefix("duplicate field `")
        .and_then(|rest| rest.split_once('`'))
        .map(|(field, _)| field)
    {
        let pointer = format!("{pointer}/{}", field.replace('~', "~0").replace('/', "~1"));
        report.add(
            Rule::DuplicateKey,
            pointer,
            params([
                ("field", field.into()),
                ("line", fast_error.line().into()),
                ("column", fast_error.column().into()),
            ]),
        );
    } else {
        report.add(
            Rule::Record,
            pointer,
            params([("detail", safe_detail(&message).into())]),
        );
    }
}

/// The UTF-16 or UTF-32 encoding the bytes are in, if they look like one: by the byte
/// order mark, or without one by the zero bytes beside a first ASCII character (JSON and
/// CSV texts start with one; RFC 4627, section 3). UTF-8 text has no zero bytes.
pub(crate) fn wide_encoding(bytes: &[u8]) -> Option<&'static str> {
    match bytes {
        [0xFF, 0xFE, 0, 0, ..] => Some("UTF-32LE"),
        [0, 0, 0xFE, 0xFF, ..] => Some("UTF-32BE"),
        [0xFF, 0xFE, ..] => Some("UTF-16LE"),
        [0xFE, 0xFF, ..] => Some("UTF-16BE"),
        [0, 0, 0, a, ..] if *a != 0 => Some("UTF-32BE"),
        [a, 0, 0, 0, ..] if *a != 0 => Some("UTF-32LE"),
        [0, a, ..] if *a != 0 => Some("UTF-16BE"),
        [a, 0, ..] if *a != 0 => Some("UTF-16LE"),
        _ => None,
    }
}

/// The bytes as UTF-8 text without a byte order mark, or `None` (with a finding) when
/// they are not UTF-8 or too large.
pub(crate) fn decode<'a>(bytes: &'a [u8], report: &mut Report) -> Option<&'a str> {
    if bytes.len() > MAX_DOCUMENT_BYTES {
        *report = Report::too_large(bytes.len() as u64, report.language);
        return None;
    }
    if let Some(encoding) = wide_encoding(bytes) {
        report.add(
            Rule::Encoding,
            "",
            params([("encoding", encoding.into()), ("byte", 0.into())]),
        );
        return None;
    }
    let (bytes, skipped) = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => {
            report.add(Rule::ByteOrderMark, "", Map::new());
            (rest, 3)
        }
        None => (bytes, 0),
    };
    match std::str::from_utf8(bytes) {
        Ok(text) => Some(text),
        Err(e) => {
            report.add(
                Rule::Encoding,
                "",
                params([
                    ("encoding", "an 8-bit encoding such as Windows-1252".into()),
                    ("byte", (skipped + e.valid_up_to()).into()),
                ]),
            );
            None
        }
    }
}

/// The serde path `a.b[0].c` as a JSON Pointer `/a/b/0/c`.
pub(crate) fn to_pointer(path: &str) -> String {
    if path == "." {
        return String::new();
    }
    let mut pointer = String::new();
    for part in path.split('.') {
        let mut rest = part;
        let name_end = rest.find('[').unwrap_or(rest.len());
        if name_end > 0 {
            pointer.push('/');
            pointer.push_str(&rest[..name_end].replace('~', "~0").replace('/', "~1"));
        }
        rest = &rest[name_end..];
        while let Some(open) = rest.find('[') {
            let close = rest.find(']').unwrap_or(rest.len());
            pointer.push('/');
            pointer.push_str(&rest[open + 1..close]);
            rest = rest.get(close + 1..).unwrap_or("");
        }
    }
    pointer
}

/// A deserialization message without serde_json's position suffix. The messages of
/// `rakenne-model` never contain personal data (they name fields, codes and dates).
pub(crate) fn safe_detail(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(at) => message[..at].to_owned(),
        None => message.to_owned(),
    }
}

/// The compiled schema of the current document version.
fn schema_validator() -> &'static jsonschema::Validator {
    static VALIDATOR: std::sync::OnceLock<jsonschema::Validator> = std::sync::OnceLock::new();
    VALIDATOR.get_or_init(|| {
        jsonschema::options()
            .should_validate_formats(true)
            .build(&crate::document_schema())
            .expect("the generated schema compiles (tested)")
    })
}

/// Walks the document schema and reports every structural problem; returns how many.
fn check_structure(value: &Value, report: &mut Report) -> usize {
    check_structure_with(schema_validator(), value, report)
}

/// Walks `validator`'s schema over `value` and reports every structural problem; returns
/// how many.
pub(crate) fn check_structure_with(
    validator: &jsonschema::Validator,
    value: &Value,
    report: &mut Report,
) -> usize {
    let mut count = 0;
    for error in validator.iter_errors(value) {
        use jsonschema::error::ValidationErrorKind as Kind;
        let detail = match error.kind() {
            Kind::Required { property } => format!("required field {property} is missing"),
            Kind::AdditionalProperties { unexpected } => {
                format!("unknown field(s) {}", unexpected.join(", "))
            }
            Kind::Type { kind } => format!("expected a value of type {kind:?}"),
            Kind::Enum { .. }
            | Kind::Constant { .. }
            | Kind::OneOfNotValid { .. }
            | Kind::AnyOf { .. } => {
                "the value is not one of the allowed values or forms".to_owned()
            }
            Kind::OneOfMultipleValid { .. } => "the value matches more than one form".to_owned(),
            Kind::Pattern { pattern } => {
                format!("the text does not have the required form {pattern}")
            }
            Kind::Format { format } => format!("the text is not a valid {format}"),
            Kind::Minimum { limit } => format!("the value is below the minimum {limit}"),
            Kind::Maximum { limit } => format!("the value is above the maximum {limit}"),
            Kind::MinItems { limit } => format!("fewer than {limit} items"),
            Kind::MaxItems { limit } => format!("more than {limit} items"),
            Kind::MinLength { limit } => format!("shorter than {limit} characters"),
            Kind::MaxLength { limit } => format!("longer than {limit} characters"),
            Kind::UniqueItems => "an item is repeated".to_owned(),
            _ => "the value breaks a rule of the schema".to_owned(),
        };
        report.add(
            Rule::Structure,
            error.instance_path().to_string(),
            params([("detail", detail.into())]),
        );
        count += 1;
    }
    count
}

/// The fields that hold free text, where contact details are looked for.
const FREE_TEXT_FIELDS: &[&str] = &[
    "description",
    "root_causes",
    "proposed_action",
    "statement",
    "comment",
    "text",
    "goal",
];

/// Walks every string of the document for personal data.
pub(crate) fn check_privacy(value: &Value, pointer: &str, key: Option<&str>, report: &mut Report) {
    match value {
        Value::String(text) => {
            if hetu::contains(text) {
                report.add(Rule::PersonalIdentityCode, pointer, Map::new());
            }
            if key.is_some_and(|k| FREE_TEXT_FIELDS.contains(&k)) {
                if contains_email(text) {
                    report.add(Rule::EmailAddress, pointer, Map::new());
                }
                if contains_phone_number(text) {
                    report.add(Rule::PhoneNumber, pointer, Map::new());
                }
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                check_privacy(item, &format!("{pointer}/{i}"), key, report);
            }
        }
        Value::Object(fields) => {
            for (name, field) in fields {
                let escaped = name.replace('~', "~0").replace('/', "~1");
                check_privacy(field, &format!("{pointer}/{escaped}"), Some(name), report);
            }
        }
        _ => {}
    }
}

/// The privacy screen of a document that read as typed records.
///
/// Ids, client ids, labels and free texts of `rakenne-model` refuse anything shaped like a
/// personal identity code when they are read, so a document that reads has none in them;
/// what is left is contact details in free text, and the strings of the instrument
/// definitions and published results, which are screened like the generic walk does.
/// Gives the same findings as [`check_privacy`] on the same document (tested).
fn check_privacy_of_document(document: &Document, report: &mut Report) {
    let mut text = |pointer: &dyn Fn() -> String, text: &FreeText| {
        let text = text.as_str();
        if contains_email(text) {
            report.add(Rule::EmailAddress, pointer(), Map::new());
        }
        if contains_phone_number(text) {
            report.add(Rule::PhoneNumber, pointer(), Map::new());
        }
    };
    for (i, r) in document.social_reports.iter().enumerate() {
        text(
            &|| format!("/social_reports/{i}/description"),
            r.description(),
        );
        if let Some(t) = r.root_causes() {
            text(&|| format!("/social_reports/{i}/root_causes"), t);
        }
        if let Some(t) = r.proposed_action() {
            text(&|| format!("/social_reports/{i}/proposed_action"), t);
        }
    }
    for (i, m) in document.operating_models.iter().enumerate() {
        if let Some(t) = m.description() {
            text(&|| format!("/operating_models/{i}/description"), t);
        }
        let theory = m.program_theory();
        for (part, elements) in [
            ("needs", theory.needs()),
            ("resources", theory.resources()),
            ("activities", theory.activities()),
            ("outputs", theory.outputs()),
            ("short_term_outcomes", theory.short_term_outcomes()),
            ("long_term_outcomes", theory.long_term_outcomes()),
        ] {
            for (j, e) in elements.iter().enumerate() {
                text(
                    &|| format!("/operating_models/{i}/program_theory/{part}/{j}/text"),
                    e.text(),
                );
            }
        }
    }
    for (i, m) in document.implementations.iter().enumerate() {
        if let Some(t) = m.description() {
            text(&|| format!("/implementations/{i}/description"), t);
        }
    }
    for (i, g) in document.gas_goals.iter().enumerate() {
        text(&|| format!("/gas_goals/{i}/goal"), g.goal());
    }
    for (i, f) in document.feedback.iter().enumerate() {
        for (j, a) in f.answers().iter().enumerate() {
            if let Some(t) = a.comment() {
                text(&|| format!("/feedback/{i}/answers/{j}/comment"), t);
            }
        }
    }
    for (i, s) in document.experience_statements.iter().enumerate() {
        text(
            &|| format!("/experience_statements/{i}/statement"),
            s.statement(),
        );
    }
    // Small sections with plain strings: screened generically.
    for (i, definition) in document.instruments.iter().enumerate() {
        if let Ok(value) = serde_json::to_value(definition) {
            check_privacy(&value, &format!("/instruments/{i}"), None, report);
        }
    }
    for (i, result) in document.results.iter().enumerate() {
        if let Ok(value) = serde_json::to_value(result) {
            check_privacy(&value, &format!("/results/{i}"), None, report);
        }
    }
}

/// Semantic checks of a structurally sound document, whose sections have the `screened`
/// records beside their own (records that passed the measurement screen; none when the
/// document was read as typed records).
fn check_semantics(document: &Document, screened: Screened, report: &mut Report) {
    let d = document;
    unique_ids(report, "social_reports", &d.social_reports, |r| {
        r.id().as_str()
    });
    let models = unique_ids(report, "operating_models", &d.operating_models, |r| {
        r.id().as_str()
    });
    let implementations = unique_ids(report, "implementations", &d.implementations, |r| {
        r.id().as_str()
    });
    unique_ids(report, "measurements", &d.measurements, |r| r.id().as_str());
    unique_ids(report, "gas_goals", &d.gas_goals, |r| r.id().as_str());
    unique_ids(report, "service_episodes", &d.service_episodes, |r| {
        r.id().as_str()
    });
    unique_ids(report, "feedback", &d.feedback, |r| r.id().as_str());
    unique_ids(
        report,
        "experience_statements",
        &d.experience_statements,
        |r| r.id().as_str(),
    );
    let indicators = unique_ids(
        report,
        "indicator_definitions",
        &d.indicator_definitions,
        |r| r.id().as_str(),
    );
    for (i, r) in d.social_reports.iter().enumerate() {
        local_codes_of_report(r, &format!("/social_reports/{i}"), report);
    }
    for (i, m) in d.operating_models.iter().enumerate() {
        local_codes_in(
            m.target_groups(),
            &format!("/operating_models/{i}/target_groups"),
            report,
        );
    }
    check_references(document, &models, &implementations, report);
    check_sources(
        &document.header,
        |section| {
            let screened = match section {
                Section::Measurements => screened.measurements,
                Section::ServiceEpisodes => screened.service_episodes,
                Section::GasGoals => screened.gas_goals,
                Section::Feedback => screened.feedback,
                Section::SocialReports => screened.social_reports,
                _ => 0,
            };
            section_len(document, section) + screened as u64
        },
        report,
    );
    check_measurements(document, report);
    check_periods(document, report);
    check_indicator_definitions(document, &indicators, report);
}

/// Reports the local codes of a social report's open-list fields (at `pointer`).
pub(crate) fn local_codes_of_report(r: &SocialReport, pointer: &str, report: &mut Report) {
    local_codes_in(
        r.target_groups(),
        &format!("{pointer}/target_groups"),
        report,
    );
    local_codes_in(r.addressees(), &format!("{pointer}/addressees"), report);
}

/// Reports every local code of an open-list field (at `pointer`), one advisory each.
pub(crate) fn local_codes_in<L: CodeList>(
    codes: &[OpenCode<L>],
    pointer: &str,
    report: &mut Report,
) {
    for (i, code) in codes.iter().enumerate() {
        if let Some(local) = code.local() {
            report.add(
                Rule::LocalCode,
                format!("{pointer}/{i}"),
                params([("code", local.as_str().into()), ("list", L::NAME.into())]),
            );
        }
    }
}

/// Reports ids that repeat within a section; returns the ids.
fn unique_ids<'a, T>(
    report: &mut Report,
    section: &str,
    records: &'a [T],
    id: impl Fn(&'a T) -> &'a str,
) -> HashSet<&'a str> {
    let mut seen = HashSet::with_capacity_and_hasher(records.len(), FxBuildHasher);
    for (i, record) in records.iter().enumerate() {
        let id = id(record);
        if !seen.insert(id) {
            report.add(
                Rule::DuplicateId,
                format!("/{section}/{i}/id"),
                params([("section", section.into()), ("id", id.into())]),
            );
        }
    }
    seen
}

fn unresolved(report: &mut Report, pointer: String, field: &str, target: &str, id: &str) {
    report.add(
        Rule::UnresolvedReference,
        pointer,
        params([
            ("field", field.into()),
            ("target", target.into()),
            ("id", id.into()),
        ]),
    );
}

/// References to operating models and implementations resolve in the document.
fn check_references(
    document: &Document,
    models: &HashSet<&str>,
    implementations: &HashSet<&str>,
    report: &mut Report,
) {
    for (i, implementation) in document.implementations.iter().enumerate() {
        let model = implementation.operating_model().as_str();
        if !models.contains(model) {
            let pointer = format!("/implementations/{i}/operating_model");
            unresolved(report, pointer, "operating_model", "operating model", model);
        }
    }
    let mut check = |section: &str, i: usize, id: Option<&rakenne_model::ImplementationId>| {
        if let Some(id) = id
            && !implementations.contains(id.as_str())
        {
            let pointer = format!("/{section}/{i}/implementation");
            unresolved(
                report,
                pointer,
                "implementation",
                "implementation",
                id.as_str(),
            );
        }
    };
    for (i, m) in document.measurements.iter().enumerate() {
        check("measurements", i, m.implementation());
    }
    for (i, g) in document.gas_goals.iter().enumerate() {
        check("gas_goals", i, g.implementation());
    }
    for (i, e) in document.service_episodes.iter().enumerate() {
        check("service_episodes", i, e.implementation());
    }
    for (i, f) in document.feedback.iter().enumerate() {
        check("feedback", i, f.implementation());
    }
    for (i, s) in document.experience_statements.iter().enumerate() {
        check("experience_statements", i, s.implementation());
    }
}

/// Measurements fit their instruments: the document's own definitions first, then the
/// built-in ones.
fn check_measurements(document: &Document, report: &mut Report) {
    let builtin = rakenne_metrics::builtin::all();
    let definition = |id: &InstrumentId| -> Option<&InstrumentDefinition> {
        document
            .instruments
            .iter()
            .chain(builtin.iter())
            .find(|d| &d.id == id)
    };
    for (i, m) in document.measurements.iter().enumerate() {
        match definition(m.instrument()) {
            None => unresolved(
                report,
                format!("/measurements/{i}/instrument"),
                "instrument",
                "instrument definition",
                m.instrument().as_str(),
            ),
            Some(d) => {
                // `valid_total` gives the errors of `score` without building the scores.
                if let Err(e) = d.valid_total(m) {
                    report.add(
                        Rule::Measurement,
                        format!("/measurements/{i}"),
                        params([("detail", e.to_string().into())]),
                    );
                }
            }
        }
    }
}

/// The number of records in `section` of `document`.
pub(crate) fn section_len(document: &Document, section: Section) -> u64 {
    let d = document;
    let len = match section {
        Section::SocialReports => d.social_reports.len(),
        Section::OperatingModels => d.operating_models.len(),
        Section::Implementations => d.implementations.len(),
        Section::Instruments => d.instruments.len(),
        Section::Measurements => d.measurements.len(),
        Section::GasGoals => d.gas_goals.len(),
        Section::ServiceEpisodes => d.service_episodes.len(),
        Section::Feedback => d.feedback.len(),
        Section::ExperienceStatements => d.experience_statements.len(),
        Section::IndicatorDefinitions => d.indicator_definitions.len(),
        Section::Indicators => d.indicators.len(),
        Section::Results => d.results.len(),
    };
    len as u64
}

/// The header's producer and sources agree — a national document (no producing area)
/// lists its sources, an area's own lists none — and in a national document the sources'
/// runs of records name every record of every section exactly once (`section_len` gives
/// the sections' lengths).
pub(crate) fn check_sources(
    header: &Header,
    section_len: impl Fn(Section) -> u64,
    report: &mut Report,
) {
    match (header.producer.welfare_area, header.sources.is_empty()) {
        (None, true) => {
            report.add(Rule::NationalWithoutSources, "/header/producer", Map::new());
            return;
        }
        (Some(area), false) => {
            report.add(
                Rule::SourcesOfAreaDocument,
                "/header/sources",
                params([("area", area.to_string().into())]),
            );
            return;
        }
        (Some(_), true) => return,
        (None, false) => {}
    }
    for section in Section::ALL {
        let records = section_len(section);
        // (first, end, pointer) of every run of the section, in order of first record.
        let mut runs: Vec<(u64, u64, String)> = Vec::new();
        for (s, source) in header.sources.iter().enumerate() {
            for (r, run) in source.records.iter().enumerate() {
                if run.section == section {
                    let end = run.first.saturating_add(run.count);
                    runs.push((run.first, end, format!("/header/sources/{s}/records/{r}")));
                }
            }
        }
        runs.sort();
        let finding = |report: &mut Report, rule, pointer: String, first: u64, end: u64| {
            let p = params([
                ("section", section.code().into()),
                ("first", first.into()),
                ("last", end.saturating_sub(1).into()),
                ("records", records.into()),
            ]);
            report.add(rule, pointer, p);
        };
        let mut next = 0;
        for (first, end, pointer) in runs {
            if end <= first || end > records {
                finding(report, Rule::ProvenanceOutside, pointer, first, end);
                continue;
            }
            if first < next {
                finding(
                    report,
                    Rule::ProvenanceOverlap,
                    pointer,
                    first,
                    end.min(next),
                );
            } else if first > next {
                finding(report, Rule::ProvenanceGap, pointer, next, first);
            }
            next = next.max(end);
        }
        if next < records {
            let pointer = "/header/sources".to_owned();
            finding(report, Rule::ProvenanceGap, pointer, next, records);
        }
    }
}

/// Every indicator with observations has a definition in the document: one advisory per
/// undefined indicator, at the first of its observations.
fn check_indicator_definitions(document: &Document, defined: &HashSet<&str>, report: &mut Report) {
    let mut reported: HashSet<&str> = HashSet::default();
    for (i, observation) in document.indicators.iter().enumerate() {
        let id = observation.indicator().as_str();
        if !defined.contains(id) && reported.insert(id) {
            undefined_indicator(report, format!("/indicators/{i}/indicator"), id);
        }
    }
}

/// Reports observations of an indicator the document does not define (at `pointer`, the
/// first observation's indicator field).
pub(crate) fn undefined_indicator(report: &mut Report, pointer: String, id: &str) {
    report.add(
        Rule::UndefinedIndicator,
        pointer,
        params([("indicator", id.into())]),
    );
}

/// Dates lie in the period of the document.
fn check_periods(document: &Document, report: &mut Report) {
    let period = document.header.period;
    let mut in_period = |pointer: String, field: &str, date: time::Date| {
        if !period.contains_date(date) {
            report.add(
                Rule::OutsidePeriod,
                pointer,
                params([
                    ("field", field.into()),
                    ("date", rakenne_model::date::format(date).into()),
                    ("period", period.to_string().into()),
                ]),
            );
        }
    };
    for (i, r) in document.social_reports.iter().enumerate() {
        in_period(
            format!("/social_reports/{i}/reported_on"),
            "reported_on",
            r.reported_on(),
        );
    }
    for (i, m) in document.measurements.iter().enumerate() {
        in_period(
            format!("/measurements/{i}/administered_on"),
            "administered_on",
            m.administered_on(),
        );
    }
    for (i, f) in document.feedback.iter().enumerate() {
        in_period(format!("/feedback/{i}/given_on"), "given_on", f.given_on());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serde_paths_become_json_pointers() {
        assert_eq!(
            to_pointer("social_reports[3].themes[0]"),
            "/social_reports/3/themes/0"
        );
        assert_eq!(to_pointer("header.period"), "/header/period");
        assert_eq!(to_pointer("."), "");
    }
}
