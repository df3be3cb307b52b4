//! CSV sheets: every section exported as a flat table, and sections imported back from
//! CSV and spreadsheet exports with findings that name the sheet's row and column. The
//! guide for spreadsheet users is `docs/csv.md` in the repository.
//!
//! # The table
//! One table per [`Section`]; one row per record. Column names are the dotted paths of
//! the record's fields (`client.id`, `client.age_group`); items of a list are numbered
//! from 0 (`themes.0`, `themes.1`, `responses.0.item`, `responses.0.value`). An empty cell
//! is a field the record does not have. The columns are the fields that occur in the
//! section's records, in the order of the record's fields.
//!
//! # Dialects
//! [`CsvDialect::Standard`] is RFC 4180: comma-separated, decimal point, UTF-8.
//! [`CsvDialect::ExcelFinnish`] is what Excel writes in a Finnish locale: semicolons and
//! decimal commas. The importer reads both (it tells them apart by the header row, and
//! honours Excel's `sep=;` first line), UTF-8 with or without a byte order mark and, when
//! the bytes are not UTF-8, Windows-1252 (said in an advisory). It also reads back what
//! spreadsheets do to values: codes that lost their leading zeros (`8` for the area `08`)
//! and Finnish dates (`14.3.2025`), each said in an advisory.
//!
//! Texts that a spreadsheet would take for a formula (starting with `=`, `+`, `-`, `@`,
//! a tab or a carriage return) are written with a leading apostrophe, which the importer
//! removes; a text that itself starts with an apostrophe and one of those characters gets
//! a second one. Plain numbers written as text (`-2.5`) are left alone.
//!
//! # Round trip
//! [`write_csv`] then [`import_csv`] gives back the same records (tested on generated
//! records of every section, in both dialects).
//!
//! # Findings
//! The imported records are checked by [`validate`](crate::validate) inside the document
//! they are imported into; each finding about a record of the sheet gets the sheet's
//! row (the header is row 1), and when it is about one cell the column and the cell's
//! name (`F12`). [`validate_csv`] checks a sheet on its own, without the document:
//! references to other sections are then left unchecked, and an advisory says so.

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt;
use std::io::Write;
use std::sync::OnceLock;

use rakenne_model::{Labels, Lang, ReportingPeriod};
use serde::de::{DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Number, Value};

use crate::validate::{MAX_DOCUMENT_BYTES, Report, params, validate_document};
use crate::{Document, Error, Header, Producer, Rule, Section};

/// The form of a CSV file.
///
/// # Example
/// ```
/// use rakenne_schema::CsvDialect;
///
/// assert_eq!(CsvDialect::detect("id;reported_on;area\n"), CsvDialect::ExcelFinnish);
/// assert_eq!(CsvDialect::detect("id,reported_on,area\n"), CsvDialect::Standard);
/// assert_eq!(CsvDialect::ExcelFinnish.delimiter(), b';');
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum CsvDialect {
    /// RFC 4180: comma-separated values with a decimal point.
    #[default]
    Standard,
    /// What Excel writes in a Finnish (or Swedish) locale: semicolon-separated values with
    /// a decimal comma.
    ExcelFinnish,
}

impl CsvDialect {
    /// The field delimiter.
    pub fn delimiter(self) -> u8 {
        match self {
            CsvDialect::Standard => b',',
            CsvDialect::ExcelFinnish => b';',
        }
    }

    /// The decimal separator of numbers.
    pub fn decimal_separator(self) -> char {
        match self {
            CsvDialect::Standard => '.',
            CsvDialect::ExcelFinnish => ',',
        }
    }

    /// The dialect of a sheet, from its first line (the header: column names contain
    /// neither commas nor semicolons): semicolons and no commas mean
    /// [`CsvDialect::ExcelFinnish`].
    pub fn detect(text: &str) -> CsvDialect {
        let first = text.lines().next().unwrap_or_default();
        if first.contains(';') && !first.contains(',') {
            CsvDialect::ExcelFinnish
        } else {
            CsvDialect::Standard
        }
    }
}

impl fmt::Display for CsvDialect {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            CsvDialect::Standard => "standard",
            CsvDialect::ExcelFinnish => "excel_finnish",
        })
    }
}

/// The result of [`import_csv`].
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct CsvImport {
    /// The document with the sheet's records appended to the section, when the sheet and
    /// the document together have no errors.
    pub document: Option<Document>,
    /// Every finding, those about the sheet's records with their row and column.
    pub report: Report,
    /// The dialect the sheet was read in (`None` when it could not be read at all).
    pub dialect: Option<CsvDialect>,
    /// The number of records read from the sheet.
    pub records: usize,
}

/// Writes one section of `document` as a CSV table; returns the number of records
/// written. A section without records is written as an empty file.
///
/// # Example
/// ```
/// use rakenne_schema::{CsvDialect, Sample, Section, write_csv};
///
/// let document = Sample::new(7).clients(3).document();
/// let mut out = Vec::new();
/// let rows = write_csv(&document, Section::SocialReports, CsvDialect::ExcelFinnish, &mut out)?;
/// assert_eq!(rows, document.social_reports.len());
/// let text = String::from_utf8(out).unwrap();
/// assert!(text.starts_with("id;reported_on;area;"), "{text}");
/// # Ok::<(), rakenne_schema::Error>(())
/// ```
pub fn write_csv(
    document: &Document,
    section: Section,
    dialect: CsvDialect,
    out: impl Write,
) -> Result<usize, Error> {
    // First pass: the columns.
    let mut columns = ColumnOrder::default();
    let mut cells = Vec::new();
    for_each_record(document, section, &mut |json| {
        cells.clear();
        flatten(json, &mut cells)?;
        columns.merge(&cells);
        Ok(())
    })?;
    if columns.names.is_empty() {
        return Ok(0);
    }
    let position: HashMap<&str, usize> = columns
        .names
        .iter()
        .enumerate()
        .map(|(i, name)| (name.as_str(), i))
        .collect();
    let mut writer = csv::WriterBuilder::new()
        .delimiter(dialect.delimiter())
        .from_writer(out);
    writer
        .write_record(&columns.names)
        .map_err(csv_to_io_error)?;
    // Second pass: the rows.
    let mut row = vec![String::new(); columns.names.len()];
    let mut count = 0;
    for_each_record(document, section, &mut |json| {
        cells.clear();
        flatten(json, &mut cells)?;
        row.iter_mut().for_each(String::clear);
        for (name, cell) in &cells {
            if let Some(&i) = position.get(name.as_str()) {
                row[i] = cell.written(dialect).into_owned();
            }
        }
        writer.write_record(&row).map_err(csv_to_io_error)?;
        count += 1;
        Ok(())
    })?;
    writer.flush()?;
    Ok(count)
}

/// Imports a CSV sheet of `section` into a copy of `into`: the sheet's records are
/// appended to the section and the whole document is validated, so references from the
/// sheet to the document's other sections are checked. Findings about the sheet's
/// records name their row (the header is row 1) and, for one cell, the column and cell.
///
/// # Example
/// ```
/// use rakenne_model::Lang;
/// use rakenne_schema::{CsvDialect, Sample, Section, import_csv, write_csv};
///
/// let document = Sample::new(7).clients(3).document();
/// let mut sheet = Vec::new();
/// write_csv(&document, Section::Measurements, CsvDialect::ExcelFinnish, &mut sheet)?;
///
/// let mut without = document.clone();
/// without.measurements.clear();
/// let import = import_csv(&sheet, Section::Measurements, &without, Lang::Fi);
/// assert!(import.report.is_valid(), "{}", import.report.to_text(false));
/// assert_eq!(import.document, Some(document)); // a lossless round trip
/// # Ok::<(), rakenne_schema::Error>(())
/// ```
pub fn import_csv(bytes: &[u8], section: Section, into: &Document, language: Lang) -> CsvImport {
    let mut report = Report::empty(language);
    let Some(sheet) = read_sheet(bytes, section, &mut report) else {
        return CsvImport {
            document: None,
            report,
            dialect: None,
            records: 0,
        };
    };
    let dialect = Some(sheet.dialect);
    let records = sheet.records.len();
    if !report.is_valid() && sheet.fatal {
        return CsvImport {
            document: None,
            report,
            dialect,
            records,
        };
    }
    let combined = check_in_document(Base::Document(into), section, false, sheet, &mut report);
    let document = combined.filter(|_| report.is_valid());
    CsvImport {
        document,
        report,
        dialect,
        records,
    }
}

/// Checks a CSV sheet of `section` on its own: its cells, its records' structure, record
/// rules, ids, privacy and references to the built-in code tables and instruments.
/// References to records of other sections cannot be resolved without the document, so
/// they are not checked, nor whether the indicators of observations are defined (an
/// advisory, [`Rule::CsvReferencesNotChecked`], says which); use [`import_csv`] with the
/// document to check them.
///
/// # Example
/// ```
/// use rakenne_model::Lang;
/// use rakenne_schema::{Rule, Section, validate_csv};
///
/// let sheet = "id;reported_on;area;reporter_role;service_class;themes.0;prevalence;trend;\
///              description;follow_up\n\
///              R-1;14.3.2025;8;social_worker;social_work;housing;recurring;growing;\
///              Häätöuhat lisääntyvät.;new\n\
///              R-2;2025-03-20;08;social_worker;social_work;housing;recurring;growing;;\
///              new\n";
/// let report = validate_csv(sheet.as_bytes(), Section::SocialReports, Lang::En);
/// let rules: Vec<_> = report.findings.iter().map(|f| f.rule).collect();
/// assert!(rules.contains(&Rule::CsvLeadingZeros)); // `8` read as `08`
/// assert!(rules.contains(&Rule::CsvFinnishDates)); // `14.3.2025` as `2025-03-14`
/// let missing = report.findings.iter().find(|f| f.rule == Rule::Structure).unwrap();
/// assert_eq!(missing.row, Some(3)); // R-2 has no description
/// assert!(!report.is_valid());
/// ```
pub fn validate_csv(bytes: &[u8], section: Section, language: Lang) -> Report {
    let mut report = Report::empty(language);
    let Some(sheet) = read_sheet(bytes, section, &mut report) else {
        return report;
    };
    if !report.is_valid() && sheet.fatal {
        return report;
    }
    check_in_document(Base::Alone, section, true, sheet, &mut report);
    report
}

/// Checks a CSV sheet as the `section` of `document`: the sheet takes the place of the
/// records the document has in that section, and the whole is validated, so references
/// between the sheet and the document's other sections are checked both ways.
///
/// # Example
/// ```
/// use rakenne_model::Lang;
/// use rakenne_schema::{CsvDialect, Sample, Section, validate_csv_in, write_csv};
///
/// let document = Sample::new(3).clients(10).document();
/// let mut sheet = Vec::new();
/// write_csv(&document, Section::GasGoals, CsvDialect::Standard, &mut sheet)?;
/// let report = validate_csv_in(&sheet, Section::GasGoals, &document, Lang::En);
/// assert!(report.findings.is_empty(), "{}", report.to_text(false));
/// # Ok::<(), rakenne_schema::Error>(())
/// ```
pub fn validate_csv_in(
    bytes: &[u8],
    section: Section,
    document: &Document,
    language: Lang,
) -> Report {
    let mut report = Report::empty(language);
    let Some(sheet) = read_sheet(bytes, section, &mut report) else {
        return report;
    };
    if !report.is_valid() && sheet.fatal {
        return report;
    }
    check_in_document(Base::Document(document), section, true, sheet, &mut report);
    report
}

/// A header for checking a sheet on its own: a period that contains every date a record
/// may have, so that no date is reported outside it.
fn placeholder_header() -> Option<Header> {
    let first =
        time::Date::from_calendar_date(ReportingPeriod::MIN_YEAR, time::Month::January, 1).ok()?;
    let last = time::Date::from_calendar_date(ReportingPeriod::MAX_YEAR, time::Month::December, 31)
        .ok()?;
    let period = ReportingPeriod::range(first, last).ok()?;
    let producer = Producer::new(first_area(), Labels::new("CSV").ok()?);
    Some(Header::new(
        producer,
        period,
        time::OffsetDateTime::UNIX_EPOCH,
        Lang::Fi,
    ))
}

/// The first welfare area of the code tables (which are checked to be non-empty when
/// `rakenne-model` compiles).
fn first_area() -> rakenne_model::WelfareAreaCode {
    rakenne_model::WelfareArea::all()[0].code()
}

/// What a sheet is checked inside.
#[derive(Clone, Copy)]
enum Base<'a> {
    /// A document: its other sections, and its records of the sheet's section unless the
    /// sheet replaces them.
    Document(&'a Document),
    /// Nothing: the sheet on its own, under a placeholder header.
    Alone,
}

/// The JSON text of the document the sheet is checked in: the base's header and
/// sections, with the sheet's records at the end of its section (after the base's own
/// records of that section, unless `replace`). Returns the text and the index of the
/// sheet's first record in the section. Written section by section, so the base is
/// neither cloned nor turned into a `Value`.
fn combined_json(
    base: Base<'_>,
    section: Section,
    replace: bool,
    records: &[Value],
) -> serde_json::Result<(Vec<u8>, usize)> {
    let mut out = Vec::with_capacity(records.len() * 256);
    out.extend_from_slice(b"{\"header\":");
    let mut offset = 0;
    let mut own = Vec::new();
    match base {
        Base::Alone => serde_json::to_writer(&mut out, &placeholder_header())?,
        Base::Document(document) => {
            // Every field, so that a field added to `Document` cannot be left out here.
            let Document {
                header,
                social_reports,
                operating_models,
                implementations,
                instruments,
                measurements,
                gas_goals,
                service_episodes,
                feedback,
                experience_statements,
                indicator_definitions,
                indicators,
                results,
            } = document;
            serde_json::to_writer(&mut out, header)?;
            let mut write =
                |this: Section,
                 count: usize,
                 json: &dyn Fn(&mut Vec<u8>) -> serde_json::Result<()>| {
                    if this == section {
                        if !replace && count > 0 {
                            offset = count;
                            json(&mut own)?;
                        }
                    } else if count > 0 {
                        out.extend_from_slice(format!(",\"{this}\":").as_bytes());
                        json(&mut out)?;
                    }
                    serde_json::Result::Ok(())
                };
            macro_rules! sections {
                ($($field:ident => $section:ident),+) => {$(
                    write(Section::$section, $field.len(), &|buffer| serde_json::to_writer(buffer, $field))?;
                )+};
            }
            sections!(
                social_reports => SocialReports,
                operating_models => OperatingModels,
                implementations => Implementations,
                instruments => Instruments,
                measurements => Measurements,
                gas_goals => GasGoals,
                service_episodes => ServiceEpisodes,
                feedback => Feedback,
                experience_statements => ExperienceStatements,
                indicator_definitions => IndicatorDefinitions,
                indicators => Indicators,
                results => Results
            );
        }
    }
    out.extend_from_slice(format!(",\"{section}\":").as_bytes());
    if own.is_empty() {
        out.push(b'[');
    } else {
        // The base's own records, without the closing bracket.
        own.pop();
        out.extend_from_slice(&own);
    }
    for (i, record) in records.iter().enumerate() {
        if i > 0 || offset > 0 {
            out.push(b',');
        }
        serde_json::to_writer(&mut out, record)?;
    }
    out.extend_from_slice(b"]}");
    Ok((out, offset))
}

/// Puts the sheet's records into the base document, validates the whole and moves the
/// findings to `report`, with their rows and cells. Returns the combined document when it
/// was read as typed records.
fn check_in_document(
    base: Base<'_>,
    section: Section,
    replace: bool,
    sheet: Sheet,
    report: &mut Report,
) -> Option<Document> {
    let Sheet {
        columns, records, ..
    } = sheet;
    let (rows, values): (Vec<u64>, Vec<Value>) =
        records.into_iter().map(|r| (r.row, r.value)).unzip();
    let standalone = matches!(base, Base::Alone);
    let (bytes, offset) = match combined_json(base, section, replace, &values) {
        Ok(combined) => combined,
        Err(e) => {
            // Typed records and JSON values always serialize; say so if they did not.
            report.add(
                Rule::Record,
                "",
                params([(
                    "detail",
                    crate::validate::safe_detail(&e.to_string()).into(),
                )]),
            );
            return None;
        }
    };
    drop(values);
    if bytes.len() > MAX_DOCUMENT_BYTES {
        report.push(
            Report::too_large(bytes.len() as u64, report.language)
                .findings
                .remove(0),
        );
        return None;
    }
    let (checked, document) = validate_document(&bytes, report.language);
    drop(bytes);
    report.checked_against = checked.checked_against;
    let prefix = format!("/{}/", section.code());
    let mut not_checked: Vec<String> = Vec::new();
    for mut finding in checked.findings {
        let place = finding
            .pointer
            .strip_prefix(&prefix)
            .and_then(|rest| {
                let (index, rest) = rest.split_once('/').unwrap_or((rest, ""));
                Some((index.parse::<usize>().ok()?, rest))
            })
            .filter(|(index, _)| *index >= offset);
        if standalone
            && matches!(
                finding.rule,
                Rule::UnresolvedReference | Rule::UndefinedIndicator
            )
        {
            // An indicator's definition lives in its own section, like the targets of
            // references.
            let field = match finding.rule {
                Rule::UndefinedIndicator => "indicator",
                _ => finding
                    .params
                    .get("field")
                    .and_then(Value::as_str)
                    .unwrap_or_default(),
            }
            .to_owned();
            if !not_checked.contains(&field) {
                not_checked.push(field);
            }
            continue;
        }
        if let Some((index, rest)) = place {
            let row = rows[index - offset];
            finding.row = Some(row);
            // A missing field is about the field's column, when the sheet has one.
            let missing = finding
                .params
                .get("detail")
                .and_then(Value::as_str)
                .and_then(|d| d.strip_prefix("required field \""))
                .and_then(|d| d.split_once('"'))
                .map(|(field, _)| field.to_owned());
            let pointer = match missing {
                Some(field) if rest.is_empty() => field,
                Some(field) => format!("{rest}/{field}"),
                None => rest.to_owned(),
            };
            if let Some(column) = column_of(&columns, &pointer) {
                finding.cell = Some(format!("{}{row}", column_letters(column)));
                finding.column = Some(shown_column_name(&columns[column].name, column));
            }
        }
        report.push(finding);
    }
    if !not_checked.is_empty() {
        report.add(
            Rule::CsvReferencesNotChecked,
            "",
            params([("fields", not_checked.join(", ").into())]),
        );
    }
    document
}

/// Gives the last finding of `report` its place in the sheet.
fn place_last(report: &mut Report, row: Option<u64>, column: Option<&str>, index: Option<usize>) {
    if let Some(finding) = report.findings.last_mut() {
        finding.row = row;
        finding.column = column.map(str::to_owned);
        finding.cell = row
            .zip(index)
            .map(|(row, index)| format!("{}{row}", column_letters(index)));
    }
}

/// The spreadsheet name of the 0-based column `index`: A, B, …, Z, AA, AB, …
fn column_letters(index: usize) -> String {
    let mut letters = Vec::new();
    let mut n = index + 1;
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(b'A' + u8::try_from(rem).unwrap_or(0));
        n = (n - 1) / 26;
    }
    letters.reverse();
    String::from_utf8(letters).unwrap_or_default()
}

/// A sheet read into JSON records.
struct Sheet {
    dialect: CsvDialect,
    columns: Vec<Column>,
    records: Vec<SheetRecord>,
    /// Whether the header was unusable (then there are no records).
    fatal: bool,
}

struct SheetRecord {
    /// The spreadsheet row (the header is row 1).
    row: u64,
    value: Value,
}

/// The column a pointer inside a record (`themes/0`) is about: the column with that path
/// or the longest one that contains it.
fn column_of(columns: &[Column], pointer: &str) -> Option<usize> {
    if pointer.is_empty() {
        return None;
    }
    let mut path: Vec<String> = pointer
        .split('/')
        .map(|s| s.replace("~1", "/").replace("~0", "~"))
        .collect();
    while !path.is_empty() {
        let name = path.join(".");
        if let Some(i) = columns.iter().position(|c| c.name == name) {
            return Some(i);
        }
        path.pop();
    }
    None
}

/// A column of a sheet: its name and what its path means in the schema.
struct Column {
    name: String,
    path: Vec<Step>,
    leaf: Leaf,
    /// Values with restored leading zeros, and Finnish dates, in this column.
    zeros_restored: u64,
    finnish_dates: u64,
}

/// A step of a column's path.
#[derive(Debug, Clone, PartialEq)]
enum Step {
    Field(String),
    Index(usize),
}

/// Reads the sheet's bytes into records; `None` (with findings) when it cannot be read.
fn read_sheet(bytes: &[u8], section: Section, report: &mut Report) -> Option<Sheet> {
    let text = decode_sheet(bytes, report)?;
    let (text, explicit) = match text.strip_prefix("sep=") {
        Some(rest) => {
            let delimiter = rest.chars().next();
            let rest = rest.split_once('\n').map_or("", |(_, rest)| rest);
            (rest, delimiter)
        }
        None => (&text[..], None),
    };
    let dialect = match explicit {
        Some(';') => CsvDialect::ExcelFinnish,
        Some(_) => CsvDialect::Standard,
        None => CsvDialect::detect(text),
    };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(dialect.delimiter())
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut rows = reader.records();
    let header = match rows.next() {
        None => {
            return Some(Sheet {
                dialect,
                columns: Vec::new(),
                records: Vec::new(),
                fatal: false,
            });
        }
        Some(Ok(header)) => header,
        Some(Err(e)) => {
            unreadable_row(report, 1, 0, &e);
            return None;
        }
    };
    let (mut columns, fatal) = plan_columns(&header, section, report);
    let mut records = Vec::new();
    if fatal {
        return Some(Sheet {
            dialect,
            columns,
            records,
            fatal,
        });
    }
    for (index, row) in rows.enumerate() {
        let number = index as u64 + 2;
        let row = match row {
            Ok(row) => row,
            Err(e) => {
                unreadable_row(report, number, columns.len(), &e);
                continue;
            }
        };
        if row.iter().all(str::is_empty) {
            continue;
        }
        if row.len() > columns.len() && row.iter().skip(columns.len()).any(|c| !c.is_empty()) {
            report.add(
                Rule::CsvRow,
                "",
                params([
                    ("row", number.into()),
                    ("cells", row.len().into()),
                    ("columns", columns.len().into()),
                ]),
            );
            place_last(report, Some(number), None, None);
        }
        let mut value = Value::Object(Map::new());
        for (column, cell) in columns.iter_mut().zip(row.iter()) {
            if cell.is_empty() {
                continue;
            }
            let cell = column.read(cell, dialect);
            insert(&mut value, &column.path, cell);
        }
        records.push(SheetRecord { row: number, value });
    }
    report_repairs(&columns, report);
    Some(Sheet {
        dialect,
        columns,
        records,
        fatal,
    })
}

/// Reports a row the CSV reader could not read. Reading from memory, that happens only
/// for text that is not UTF-8, which the decoded sheet never is; reported all the same.
fn unreadable_row(report: &mut Report, row: u64, columns: usize, e: &csv::Error) {
    report.add(
        Rule::CsvRow,
        "",
        params([
            ("row", row.into()),
            ("cells", 0.into()),
            ("columns", columns.into()),
            ("detail", e.to_string().into()),
        ]),
    );
    place_last(report, Some(row), None, None);
}

/// The advisories about values read in the format's form, one per column and kind.
fn report_repairs(columns: &[Column], report: &mut Report) {
    for column in columns {
        for (rule, count) in [
            (Rule::CsvLeadingZeros, column.zeros_restored),
            (Rule::CsvFinnishDates, column.finnish_dates),
        ] {
            if count > 0 {
                report.add(
                    rule,
                    "",
                    params([
                        ("column", column.name.clone().into()),
                        ("count", count.into()),
                    ]),
                );
                place_last(report, None, Some(&column.name), None);
            }
        }
    }
}

/// The sheet as text: UTF-8 (a byte order mark is skipped, as Excel's "CSV UTF-8" writes
/// one) or else Windows-1252; UTF-16 and UTF-32 are refused.
fn decode_sheet<'a>(bytes: &'a [u8], report: &mut Report) -> Option<Cow<'a, str>> {
    if bytes.len() > MAX_DOCUMENT_BYTES {
        *report = Report::too_large(bytes.len() as u64, report.language);
        return None;
    }
    if let Some(encoding) = crate::validate::wide_encoding(bytes) {
        report.add(
            Rule::Encoding,
            "",
            params([("encoding", encoding.into()), ("byte", 0.into())]),
        );
        return None;
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => Some(Cow::Borrowed(text)),
        Err(e) => {
            report.add(
                Rule::CsvWindows1252,
                "",
                params([("byte", e.valid_up_to().into())]),
            );
            let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes);
            Some(text)
        }
    }
}

/// The columns of a header, checked against the section's schema; `true` when the header
/// has an error (then the rows are not read).
fn plan_columns(
    header: &csv::StringRecord,
    section: Section,
    report: &mut Report,
) -> (Vec<Column>, bool) {
    let root = document_schema();
    let record_schema = root
        .pointer(&format!("/properties/{}/items", section.code()))
        .unwrap_or(&Value::Null);
    let mut columns: Vec<Column> = Vec::new();
    let mut fatal = false;
    for name in header {
        let name = name.trim().to_owned();
        let shown = shown_column_name(&name, columns.len());
        if let Some(other) = columns.iter().position(|c| c.name == name) {
            report.add(
                Rule::CsvRepeatedColumn,
                "",
                params([
                    ("column", shown.clone().into()),
                    ("other", shown_column_name(&name, other).into()),
                ]),
            );
            place_last(report, Some(1), Some(&shown), Some(columns.len()));
            fatal = true;
        }
        let (path, leaf) = if let Some(plan) = plan_column(root, record_schema, &name) {
            plan
        } else {
            report.add(
                Rule::CsvUnknownColumn,
                "",
                params([
                    ("column", shown.clone().into()),
                    ("section", section.code().into()),
                ]),
            );
            place_last(report, Some(1), Some(&shown), Some(columns.len()));
            fatal = true;
            (Vec::new(), Leaf::default())
        };
        columns.push(Column {
            name,
            path,
            leaf,
            zeros_restored: 0,
            finnish_dates: 0,
        });
    }
    let mut required = Vec::new();
    required_columns(root, record_schema, "", &mut required);
    for name in required {
        if !columns.iter().any(|c| c.name == name) {
            report.add(
                Rule::CsvMissingColumn,
                "",
                params([
                    ("column", name.clone().into()),
                    ("section", section.code().into()),
                ]),
            );
            place_last(report, Some(1), Some(&name), None);
            fatal = true;
        }
    }
    (columns, fatal)
}

/// A header cell's name as findings may show it: the name when it has the form of a field
/// path (lowercase letters, digits, `_` and `.`, at most 100 characters), otherwise the
/// column's letter, so that whatever was typed into a header is never echoed.
fn shown_column_name(name: &str, index: usize) -> String {
    let path_like = !name.is_empty()
        && name.len() <= 100
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'.');
    if path_like {
        name.to_owned()
    } else {
        column_letters(index)
    }
}

/// The path of a column and what its values may be, or `None` when the name is not a
/// path to a value of the record. Every alternative of a union (a tagged enum) where the
/// path leads is taken into account.
fn plan_column(root: &Value, record: &Value, name: &str) -> Option<(Vec<Step>, Leaf)> {
    if name.is_empty() {
        return None;
    }
    let parts: Vec<&str> = name.split('.').collect();
    let mut leaf = Leaf::default();
    let mut found = None;
    walk(
        root,
        record,
        &parts,
        &mut Vec::new(),
        &mut leaf,
        &mut found,
        0,
    );
    found.filter(|_| leaf.is_value()).map(|path| (path, leaf))
}

/// Follows `parts` from `schema`; at the end, adds what the value may be to `leaf` and
/// records the path in `found` (the first one found).
fn walk(
    root: &Value,
    schema: &Value,
    parts: &[&str],
    steps: &mut Vec<Step>,
    leaf: &mut Leaf,
    found: &mut Option<Vec<Step>>,
    depth: usize,
) {
    if depth > 64 {
        return;
    }
    let node = resolve(root, schema);
    let Some((part, rest)) = parts.split_first() else {
        leaf.collect(root, node, 0);
        if found.is_none() {
            *found = Some(steps.clone());
        }
        return;
    };
    if let (Some(items), Ok(index)) = (
        node.get("items").filter(|items| items.is_object()),
        part.parse::<usize>(),
    ) && (part.len() == 1 || !part.starts_with('0'))
    {
        steps.push(Step::Index(index));
        walk(root, items, rest, steps, leaf, found, depth + 1);
        steps.pop();
    }
    let field = node
        .get("properties")
        .and_then(|p| p.get(*part))
        .or_else(|| node.get("additionalProperties").filter(|a| a.is_object()));
    if let Some(field) = field {
        steps.push(Step::Field((*part).to_owned()));
        walk(root, field, rest, steps, leaf, found, depth + 1);
        steps.pop();
    }
    for alt in alternatives(node) {
        walk(root, alt, parts, steps, leaf, found, depth + 1);
    }
}

/// Follows `$ref`s to `#/$defs/...`.
fn resolve<'a>(root: &'a Value, mut schema: &'a Value) -> &'a Value {
    for _ in 0..32 {
        match schema.get("$ref").and_then(Value::as_str) {
            Some(reference) => {
                let Some(target) = reference
                    .strip_prefix('#')
                    .and_then(|pointer| root.pointer(pointer))
                else {
                    return schema;
                };
                schema = target;
            }
            None => return schema,
        }
    }
    schema
}

/// The alternatives of a schema (`oneOf`, `anyOf`, `allOf`).
fn alternatives(schema: &Value) -> impl Iterator<Item = &Value> {
    ["oneOf", "anyOf", "allOf"]
        .into_iter()
        .filter_map(|key| schema.get(key).and_then(Value::as_array))
        .flatten()
}

/// The columns every record must have: required fields, through required objects and the
/// first item of lists that must not be empty. Fields of alternatives are not required.
fn required_columns(root: &Value, schema: &Value, prefix: &str, out: &mut Vec<String>) {
    let schema = resolve(root, schema);
    let (Some(required), Some(properties)) = (
        schema.get("required").and_then(Value::as_array),
        schema.get("properties").and_then(Value::as_object),
    ) else {
        return;
    };
    for name in required.iter().filter_map(Value::as_str) {
        let Some(field) = properties.get(name) else {
            continue;
        };
        let path = format!("{prefix}{name}");
        let field = resolve(root, field);
        if field.get("properties").is_some() {
            required_columns(root, field, &format!("{path}."), out);
        } else if let Some(items) = field.get("items").filter(|i| i.is_object()) {
            if field.get("minItems").and_then(Value::as_u64).unwrap_or(0) > 0 {
                let items_resolved = resolve(root, items);
                if items_resolved.get("properties").is_some() {
                    required_columns(root, items, &format!("{path}.0."), out);
                } else if !is_composite(root, items) {
                    out.push(format!("{path}.0"));
                }
            }
        } else if !is_composite(root, field) {
            out.push(path);
        }
    }
}

/// Whether a schema stands for objects or arrays (in any alternative).
fn is_composite(root: &Value, schema: &Value) -> bool {
    let mut leaf = Leaf::default();
    leaf.collect(root, schema, 0);
    leaf.composite
}

/// What the values of a column may be: a set of independent flags.
#[derive(Debug, Clone, Default)]
#[allow(clippy::struct_excessive_bools)]
struct Leaf {
    number: bool,
    boolean: bool,
    string: bool,
    date: bool,
    composite: bool,
    /// Every string the column may hold is this many digits (codes such as `08`, `091`).
    digits: Option<usize>,
    /// A string that is not all digits is allowed, so no zeros are restored.
    other_strings: bool,
}

impl Leaf {
    fn collect(&mut self, root: &Value, schema: &Value, depth: usize) {
        if depth > 32 {
            return;
        }
        let schema = resolve(root, schema);
        let mut typed = false;
        let declared: Vec<&str> = match schema.get("type") {
            Some(Value::String(t)) => vec![t.as_str()],
            Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).collect(),
            _ => Vec::new(),
        };
        for t in declared {
            typed = true;
            match t {
                "number" | "integer" => self.number = true,
                "boolean" => self.boolean = true,
                "string" => self.string = true,
                _ => self.composite = true,
            }
        }
        let constants = schema.get("const").into_iter().chain(
            schema
                .get("enum")
                .and_then(Value::as_array)
                .into_iter()
                .flatten(),
        );
        for constant in constants {
            typed = true;
            match constant {
                Value::String(s) => {
                    self.string = true;
                    self.note_string(s.bytes().all(|b| b.is_ascii_digit()).then_some(s.len()));
                }
                Value::Number(_) => self.number = true,
                Value::Bool(_) => self.boolean = true,
                _ => self.composite = true,
            }
        }
        let constrained = schema.get("const").is_some()
            || schema.get("enum").is_some()
            || alternatives(schema).next().is_some();
        if self.string && !constrained {
            let width = schema
                .get("pattern")
                .and_then(Value::as_str)
                .and_then(|p| p.strip_prefix("^[0-9]{"))
                .and_then(|p| p.strip_suffix("}$"))
                .and_then(|n| n.parse().ok());
            if schema.get("type").is_some() {
                self.note_string(width);
            }
        }
        if schema.get("format").and_then(Value::as_str) == Some("date") {
            self.date = true;
        }
        if schema.get("properties").is_some() || schema.get("items").is_some() {
            self.composite = true;
        }
        for alt in alternatives(schema) {
            typed = true;
            self.collect(root, alt, depth + 1);
        }
        if !typed && schema.get("properties").is_none() {
            // An unconstrained value: read it as text.
            self.string = true;
            self.other_strings = true;
        }
    }

    fn note_string(&mut self, digits: Option<usize>) {
        match (digits, self.digits) {
            (Some(width), None) if !self.other_strings => self.digits = Some(width),
            (Some(width), Some(current)) if width == current => {}
            _ => {
                self.digits = None;
                self.other_strings = true;
            }
        }
    }

    /// A column must hold scalar values.
    fn is_value(&self) -> bool {
        !self.composite && (self.number || self.boolean || self.string)
    }
}

impl Column {
    /// The JSON value of a non-empty cell.
    fn read(&mut self, cell: &str, dialect: CsvDialect) -> Value {
        let leaf = &self.leaf;
        if leaf.number
            && let Some(number) = parse_number(cell, dialect)
        {
            return Value::Number(number);
        }
        if leaf.boolean {
            match cell.to_lowercase().as_str() {
                "true" | "tosi" | "sant" => return Value::Bool(true),
                "false" | "epätosi" | "falskt" => return Value::Bool(false),
                _ => {}
            }
        }
        if leaf.string {
            if let Some(width) = leaf.digits
                && cell.len() < width
                && !cell.is_empty()
                && cell.bytes().all(|b| b.is_ascii_digit())
            {
                self.zeros_restored += 1;
                return Value::String(format!("{cell:0>width$}"));
            }
            if leaf.date
                && let Some(iso) = finnish_date(cell)
            {
                self.finnish_dates += 1;
                return Value::String(iso);
            }
            return Value::String(unescape_text(cell).to_owned());
        }
        // Not a value the column may hold: kept as text, so the schema check names it.
        Value::String(cell.to_owned())
    }
}

/// A number written in `dialect` (a decimal point is read in either dialect).
fn parse_number(cell: &str, dialect: CsvDialect) -> Option<Number> {
    let text: Cow<'_, str> = if dialect == CsvDialect::ExcelFinnish && cell.contains(',') {
        Cow::Owned(cell.replacen(',', ".", 1))
    } else {
        Cow::Borrowed(cell)
    };
    let text = text.trim();
    if !is_json_number(text) {
        return None;
    }
    if let Ok(i) = text.parse::<i64>() {
        return Some(i.into());
    }
    if let Ok(u) = text.parse::<u64>() {
        return Some(u.into());
    }
    text.parse::<f64>().ok().and_then(Number::from_f64)
}

/// Whether `text` has the form of a JSON number: `-`, digits, `.digits`, `e±digits`.
fn is_json_number(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut i = usize::from(bytes.first() == Some(&b'-'));
    let digits = |i: &mut usize| {
        let start = *i;
        while bytes.get(*i).is_some_and(u8::is_ascii_digit) {
            *i += 1;
        }
        *i > start
    };
    if !digits(&mut i) {
        return false;
    }
    if bytes.get(i) == Some(&b'.') {
        i += 1;
        if !digits(&mut i) {
            return false;
        }
    }
    if matches!(bytes.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(bytes.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        if !digits(&mut i) {
            return false;
        }
    }
    i == bytes.len()
}

/// A Finnish date `d.m.yyyy` (day and month with or without a leading zero) as ISO 8601.
fn finnish_date(cell: &str) -> Option<String> {
    let mut parts = cell.split('.');
    let (day, month, year) = (parts.next()?, parts.next()?, parts.next()?);
    let digits = |s: &str, min: usize, max: usize| {
        (min..=max).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
    };
    if parts.next().is_some() || !digits(day, 1, 2) || !digits(month, 1, 2) || !digits(year, 4, 4) {
        return None;
    }
    Some(format!("{year}-{month:0>2}-{day:0>2}"))
}

/// Characters a spreadsheet takes for the start of a formula.
const FORMULA_START: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// Whether a text cell needs a protecting apostrophe.
fn needs_protection(text: &str) -> bool {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) if FORMULA_START.contains(&first) => !is_plain_number(text),
        Some('\'') => chars
            .next()
            .is_some_and(|second| second == '\'' || FORMULA_START.contains(&second)),
        _ => false,
    }
}

/// `-12`, `-2.5`, `+3`: numbers that a spreadsheet reads as numbers, not formulas.
fn is_plain_number(text: &str) -> bool {
    let digits = text.strip_prefix(['-', '+']).unwrap_or(text);
    !digits.is_empty()
        && digits.bytes().all(|b| b.is_ascii_digit() || b == b'.')
        && digits.bytes().filter(|&b| b == b'.').count() <= 1
        && digits.bytes().next().is_some_and(|b| b.is_ascii_digit())
}

/// A text cell without its protecting apostrophe.
fn unescape_text(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest)
            if rest
                .chars()
                .next()
                .is_some_and(|c| c == '\'' || FORMULA_START.contains(&c)) =>
        {
            rest
        }
        _ => cell,
    }
}

/// Puts `cell` at `path` in `record`, creating objects and lists on the way. Gaps in a
/// list become `null`, which the schema check reports at the missing item.
fn insert(record: &mut Value, path: &[Step], cell: Value) {
    let Some((last, steps)) = path.split_last() else {
        return;
    };
    let mut node = record;
    for (i, step) in steps.iter().enumerate() {
        let container = match path.get(i + 1) {
            Some(Step::Index(_)) => Value::Array(Vec::new()),
            _ => Value::Object(Map::new()),
        };
        node = match slot(node, step) {
            Some(slot) => {
                if slot.is_null() {
                    *slot = container;
                }
                slot
            }
            None => return,
        };
    }
    if let Some(slot) = slot(node, last) {
        *slot = cell;
    }
}

/// The place of `step` in `node` (created as `null`).
fn slot<'a>(node: &'a mut Value, step: &Step) -> Option<&'a mut Value> {
    match (node, step) {
        (Value::Object(map), Step::Field(name)) => {
            Some(map.entry(name.clone()).or_insert(Value::Null))
        }
        (Value::Array(items), Step::Index(index)) => {
            if items.len() <= *index {
                items.resize(index + 1, Value::Null);
            }
            items.get_mut(*index)
        }
        _ => None,
    }
}

/// The committed document schema, built once.
fn document_schema() -> &'static Value {
    static SCHEMA: OnceLock<Value> = OnceLock::new();
    SCHEMA.get_or_init(crate::document_schema)
}

/// Calls `each` with the JSON text of every record of `section`, in order.
fn for_each_record(
    document: &Document,
    section: Section,
    each: &mut dyn FnMut(&str) -> Result<(), Error>,
) -> Result<(), Error> {
    fn all<T: Serialize>(
        records: &[T],
        each: &mut dyn FnMut(&str) -> Result<(), Error>,
    ) -> Result<(), Error> {
        let mut buffer = Vec::new();
        for record in records {
            buffer.clear();
            serde_json::to_writer(&mut buffer, record).map_err(std::io::Error::from)?;
            each(std::str::from_utf8(&buffer).unwrap_or_default())?;
        }
        Ok(())
    }
    let d = document;
    match section {
        Section::SocialReports => all(&d.social_reports, each),
        Section::OperatingModels => all(&d.operating_models, each),
        Section::Implementations => all(&d.implementations, each),
        Section::Instruments => all(&d.instruments, each),
        Section::Measurements => all(&d.measurements, each),
        Section::GasGoals => all(&d.gas_goals, each),
        Section::ServiceEpisodes => all(&d.service_episodes, each),
        Section::Feedback => all(&d.feedback, each),
        Section::ExperienceStatements => all(&d.experience_statements, each),
        Section::IndicatorDefinitions => all(&d.indicator_definitions, each),
        Section::Indicators => all(&d.indicators, each),
        Section::Results => all(&d.results, each),
    }
}

fn csv_to_io_error(e: csv::Error) -> std::io::Error {
    match e.into_kind() {
        csv::ErrorKind::Io(e) => e,
        other => std::io::Error::other(format!("{other:?}")),
    }
}

/// A value of a flattened record, as the JSON had it.
#[derive(Debug, Clone, PartialEq)]
enum Cell {
    Text(String),
    Number(String),
    Bool(bool),
}

impl Cell {
    /// The cell as written in `dialect`.
    fn written(&self, dialect: CsvDialect) -> Cow<'_, str> {
        match self {
            Cell::Text(text) if needs_protection(text) => Cow::Owned(format!("'{text}")),
            Cell::Text(text) => Cow::Borrowed(text),
            Cell::Number(n) if dialect == CsvDialect::ExcelFinnish => {
                Cow::Owned(n.replace('.', ","))
            }
            Cell::Number(n) => Cow::Borrowed(n),
            Cell::Bool(true) => Cow::Borrowed("true"),
            Cell::Bool(false) => Cow::Borrowed("false"),
        }
    }
}

/// The record's values with their dotted paths, in the order of the JSON text (which is
/// the order of the record's fields).
fn flatten(json: &str, out: &mut Vec<(String, Cell)>) -> Result<(), Error> {
    let mut deserializer = serde_json::Deserializer::from_str(json);
    Flatten {
        path: String::new(),
        out,
    }
    .deserialize(&mut deserializer)
    .map_err(std::io::Error::from)?;
    Ok(())
}

/// Visits a JSON value and collects its scalars with their paths.
struct Flatten<'a> {
    path: String,
    out: &'a mut Vec<(String, Cell)>,
}

impl Flatten<'_> {
    fn child(&mut self, part: &str) -> Flatten<'_> {
        let path = if self.path.is_empty() {
            part.to_owned()
        } else {
            format!("{}.{part}", self.path)
        };
        Flatten {
            path,
            out: self.out,
        }
    }
}

impl<'de> DeserializeSeed<'de> for Flatten<'_> {
    type Value = ();

    fn deserialize<D: serde::Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Flatten<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<(), E> {
        self.out.push((self.path, Cell::Bool(v)));
        Ok(())
    }

    fn visit_i64<E>(self, v: i64) -> Result<(), E> {
        self.out.push((self.path, Cell::Number(v.to_string())));
        Ok(())
    }

    fn visit_u64<E>(self, v: u64) -> Result<(), E> {
        self.out.push((self.path, Cell::Number(v.to_string())));
        Ok(())
    }

    fn visit_f64<E>(self, v: f64) -> Result<(), E> {
        let text = Number::from_f64(v).map_or_else(|| v.to_string(), |n| n.to_string());
        self.out.push((self.path, Cell::Number(text)));
        Ok(())
    }

    fn visit_str<E>(self, v: &str) -> Result<(), E> {
        self.out.push((self.path, Cell::Text(v.to_owned())));
        Ok(())
    }

    fn visit_string<E>(self, v: String) -> Result<(), E> {
        self.out.push((self.path, Cell::Text(v)));
        Ok(())
    }

    fn visit_unit<E>(self) -> Result<(), E> {
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(mut self, mut seq: A) -> Result<(), A::Error> {
        let mut index = 0usize;
        loop {
            let seed = self.child(&index.to_string());
            if seq.next_element_seed(seed)?.is_none() {
                return Ok(());
            }
            index += 1;
        }
    }

    fn visit_map<A: MapAccess<'de>>(mut self, mut map: A) -> Result<(), A::Error> {
        while let Some(key) = map.next_key::<Cow<'de, str>>()? {
            map.next_value_seed(self.child(&key))?;
        }
        Ok(())
    }
}

/// The column order of a table: the fields of every record, merged so that a field first
/// seen in a later record goes right after the field before it in that record (so the
/// columns follow the record's field order even when early records lack a field).
#[derive(Default)]
struct ColumnOrder {
    names: Vec<String>,
    known: std::collections::HashSet<String>,
}

impl ColumnOrder {
    fn merge(&mut self, cells: &[(String, Cell)]) {
        let mut previous: Option<&str> = None;
        for (name, _) in cells {
            if !self.known.contains(name) {
                // A new field goes right after the field before it in this record.
                let at = previous
                    .and_then(|p| self.names.iter().position(|n| n == p))
                    .map_or(0, |i| i + 1);
                self.names.insert(at, name.clone());
                self.known.insert(name.clone());
            }
            previous = Some(name);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_letters_are_spreadsheet_names() {
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
        assert_eq!(column_letters(51), "AZ");
        assert_eq!(column_letters(52), "BA");
        assert_eq!(column_letters(701), "ZZ");
        assert_eq!(column_letters(702), "AAA");
    }

    #[test]
    fn numbers_in_both_dialects() {
        let fi = CsvDialect::ExcelFinnish;
        assert_eq!(parse_number("4,5", fi), Number::from_f64(4.5));
        assert_eq!(parse_number("4.5", fi), Number::from_f64(4.5));
        assert_eq!(parse_number("-1", fi), Some((-1).into()));
        assert_eq!(parse_number("4,5", CsvDialect::Standard), None);
        assert_eq!(parse_number("not_answered", fi), None);
        assert_eq!(
            parse_number("1e-7", CsvDialect::Standard),
            Number::from_f64(1e-7)
        );
        assert_eq!(parse_number("", fi), None);
        assert_eq!(parse_number("1.2.3", CsvDialect::Standard), None);
    }

    #[test]
    fn finnish_dates() {
        assert_eq!(finnish_date("14.3.2025").as_deref(), Some("2025-03-14"));
        assert_eq!(finnish_date("01.12.2025").as_deref(), Some("2025-12-01"));
        assert_eq!(finnish_date("2025-03-14"), None);
        assert_eq!(finnish_date("14.3.25"), None);
        assert_eq!(finnish_date("1.2.3.2025"), None);
    }

    #[test]
    fn formula_protection_round_trips() {
        let texts = [
            "=SUM(A1)",
            "+358",
            "-asunnottomuus",
            "@user",
            "\tx",
            "'=x",
            "''",
            "'a",
            "'",
            "a'",
            "-2.5",
            "-12",
            "+3",
            "plain",
            "",
        ];
        for text in texts {
            let written = Cell::Text(text.to_owned())
                .written(CsvDialect::Standard)
                .into_owned();
            assert_eq!(
                unescape_text(&written),
                text,
                "{text:?} written as {written:?}"
            );
            if written != text {
                assert!(written.starts_with('\''));
            }
        }
        assert_eq!(
            Cell::Text("=1+1".into()).written(CsvDialect::Standard),
            "'=1+1"
        );
        assert_eq!(
            Cell::Text("-2.5".into()).written(CsvDialect::Standard),
            "-2.5"
        );
    }

    #[test]
    fn records_flatten_in_field_order() {
        let mut cells = Vec::new();
        flatten(
            r#"{"id":"M-1","client":{"id":"C-1","gender":"male"},"responses":[{"item":"a","value":4.5},{"item":"b","value":"refused"}],"flag":true,"none":null}"#,
            &mut cells,
        )
        .unwrap();
        let names: Vec<&str> = cells.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(
            names,
            [
                "id",
                "client.id",
                "client.gender",
                "responses.0.item",
                "responses.0.value",
                "responses.1.item",
                "responses.1.value",
                "flag"
            ]
        );
        assert_eq!(cells[4].1, Cell::Number("4.5".into()));
        assert_eq!(cells[7].1, Cell::Bool(true));
    }

    #[test]
    fn columns_merge_in_record_order() {
        let mut order = ColumnOrder::default();
        let cells = |names: &[&str]| -> Vec<(String, Cell)> {
            names
                .iter()
                .map(|n| ((*n).to_owned(), Cell::Bool(true)))
                .collect()
        };
        order.merge(&cells(&["id", "area", "themes.0", "description"]));
        order.merge(&cells(&[
            "id",
            "area",
            "municipality",
            "themes.0",
            "themes.1",
            "description",
            "trend",
        ]));
        assert_eq!(
            order.names,
            [
                "id",
                "area",
                "municipality",
                "themes.0",
                "themes.1",
                "description",
                "trend"
            ]
        );
    }

    #[test]
    fn column_plans_follow_the_schema() {
        let root = document_schema();
        let measurement = root.pointer("/properties/measurements/items").unwrap();
        let (path, leaf) = plan_column(root, measurement, "responses.3.value").unwrap();
        assert_eq!(
            path,
            [
                Step::Field("responses".into()),
                Step::Index(3),
                Step::Field("value".into())
            ]
        );
        assert!(leaf.number && leaf.string && leaf.digits.is_none());
        let report = root.pointer("/properties/social_reports/items").unwrap();
        let (_, area) = plan_column(root, report, "area").unwrap();
        assert_eq!(area.digits, Some(2));
        let (_, municipality) = plan_column(root, report, "municipality").unwrap();
        assert_eq!(municipality.digits, Some(3));
        let (_, date) = plan_column(root, report, "reported_on").unwrap();
        assert!(date.date && !date.number);
        assert!(
            plan_column(root, report, "themes").is_none(),
            "a list is not a value"
        );
        assert!(plan_column(root, report, "themes.01").is_none());
        assert!(plan_column(root, report, "nosuch").is_none());
        let mut required = Vec::new();
        required_columns(root, measurement, "", &mut required);
        assert!(required.contains(&"client.id".to_owned()), "{required:?}");
        assert!(
            required.contains(&"responses.0.item".to_owned()),
            "{required:?}"
        );
        assert!(!required.contains(&"implementation".to_owned()));
    }

    #[test]
    fn cells_become_values_by_path() {
        let mut record = Value::Object(Map::new());
        insert(
            &mut record,
            &[
                Step::Field("responses".into()),
                Step::Index(1),
                Step::Field("item".into()),
            ],
            Value::String("b".into()),
        );
        insert(
            &mut record,
            &[Step::Field("id".into())],
            Value::String("M-1".into()),
        );
        assert_eq!(
            record,
            serde_json::json!({"responses": [null, {"item": "b"}], "id": "M-1"})
        );
    }

    mod round_trip {
        use proptest::prelude::*;
        use rakenne_model::{
            ExperienceStatement, Feedback, GasGoal, Implementation, IndicatorDefinition,
            IndicatorObservation, InstrumentAdministration, Labels, OperatingModel, ServiceEpisode,
            SocialReport,
        };
        use serde::Serialize;
        use serde::de::DeserializeOwned;

        use super::super::*;

        fn empty_document() -> Document {
            Document::new(Header::new(
                Producer::new(first_area(), Labels::new("Testi").unwrap()),
                "2025".parse().unwrap(),
                time::OffsetDateTime::UNIX_EPOCH,
                Lang::Fi,
            ))
        }

        /// Writes the records as the section's sheet, reads the sheet back and checks that
        /// every record is the same JSON and the same typed value, with no finding.
        fn check<T>(
            records: &[T],
            section: Section,
            dialect: CsvDialect,
        ) -> Result<(), TestCaseError>
        where
            T: Serialize + DeserializeOwned + PartialEq + std::fmt::Debug,
        {
            let mut document = empty_document();
            let value = serde_json::to_value(records).unwrap();
            let mut json = serde_json::to_value(&document).unwrap();
            json[section.code()] = value.clone();
            document = serde_json::from_value(json).unwrap();
            let mut bytes = Vec::new();
            let written = write_csv(&document, section, dialect, &mut bytes).unwrap();
            prop_assert_eq!(written, records.len());
            let mut report = Report::empty(Lang::En);
            let sheet = read_sheet(&bytes, section, &mut report).unwrap();
            prop_assert!(report.findings.is_empty(), "{}", report.to_text(false));
            prop_assert_eq!(sheet.dialect, dialect);
            let read: Vec<Value> = sheet.records.into_iter().map(|r| r.value).collect();
            prop_assert_eq!(&Value::Array(read.clone()), &value);
            let typed: Vec<T> = serde_json::from_value(Value::Array(read)).unwrap();
            prop_assert_eq!(typed.as_slice(), records);
            Ok(())
        }

        fn dialect() -> impl Strategy<Value = CsvDialect> {
            prop_oneof![Just(CsvDialect::Standard), Just(CsvDialect::ExcelFinnish)]
        }

        /// One property per section: `name(record type, section, most records)`.
        macro_rules! round_trips {
            ($($name:ident($record:ty, $section:expr, $most:literal)),+ $(,)?) => {
                proptest! {
                    #![proptest_config(ProptestConfig::with_cases(64))]
                    $(
                        #[test]
                        fn $name(
                            records in prop::collection::vec(any::<$record>(), 1..$most),
                            d in dialect(),
                        ) {
                            check(&records, $section, d)?;
                        }
                    )+
                }
            };
        }

        round_trips! {
            social_reports(SocialReport, Section::SocialReports, 6),
            measurements(InstrumentAdministration, Section::Measurements, 6),
            operating_models(OperatingModel, Section::OperatingModels, 4),
            implementations(Implementation, Section::Implementations, 4),
            gas_goals(GasGoal, Section::GasGoals, 6),
            service_episodes(ServiceEpisode, Section::ServiceEpisodes, 6),
            feedback(Feedback, Section::Feedback, 4),
            experience_statements(ExperienceStatement, Section::ExperienceStatements, 4),
            indicator_definitions(IndicatorDefinition, Section::IndicatorDefinitions, 4),
            indicators(IndicatorObservation, Section::Indicators, 6),
        }
    }
}
