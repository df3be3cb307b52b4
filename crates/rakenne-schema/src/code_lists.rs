//! The code lists of the format as CSV, for spreadsheet users.
//!
//! Every closed code list (service classes, phenomenon themes, ...) is published beside the
//! schemas as `schemas/code-lists/<list>.csv` with the columns
//! `code,title_fi,title_sv,title_en,description`, so that a data steward can build a
//! drop-down list or check a column without reading JSON Schema.

use rakenne_model::{
    Addressee, AgeGroup, CodeList, ExperienceSource, FollowUpStatus, Gender, IndicatorSource,
    IndicatorUnit, MissingReason, ModelTheme, Occasion, PhenomenonTheme, Prevalence, ReporterRole,
    ServiceClass, TargetGroup, Trend, WelfareAreaKind,
};

/// The CSV of one code list.
///
/// # Example
/// ```
/// use rakenne_model::Trend;
///
/// let csv = rakenne_schema::code_list_csv::<Trend>();
/// assert!(csv.starts_with("code,title_fi,title_sv,title_en,description\n"));
/// assert!(csv.contains("\ngrowing,Kasvava,Ökar,Growing,Becoming more common or more severe.\n"));
/// ```
pub fn code_list_csv<L: CodeList>() -> String {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let mut write = |row: [&str; 5]| {
        // Writing to a Vec cannot fail.
        let _ = writer.write_record(row);
    };
    write(["code", "title_fi", "title_sv", "title_en", "description"]);
    for code in L::all() {
        let labels = code.labels();
        write([
            code.code(),
            labels.fi(),
            labels.sv().unwrap_or_default(),
            labels.en().unwrap_or_default(),
            code.description(),
        ]);
    }
    let bytes = writer.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}

/// Every code list: its name and CSV.
pub(crate) fn all_code_lists() -> Vec<(&'static str, String)> {
    fn list<L: CodeList>() -> (&'static str, String) {
        (L::NAME, code_list_csv::<L>())
    }
    vec![
        list::<Addressee>(),
        list::<AgeGroup>(),
        list::<ExperienceSource>(),
        list::<FollowUpStatus>(),
        list::<Gender>(),
        list::<IndicatorSource>(),
        list::<IndicatorUnit>(),
        list::<MissingReason>(),
        list::<ModelTheme>(),
        list::<Occasion>(),
        list::<PhenomenonTheme>(),
        list::<Prevalence>(),
        list::<ReporterRole>(),
        list::<ServiceClass>(),
        list::<TargetGroup>(),
        list::<Trend>(),
        list::<WelfareAreaKind>(),
    ]
}
