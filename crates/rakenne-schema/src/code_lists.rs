//! The code lists of the format as CSV, for spreadsheet users.
//!
//! Every closed code list (service classes, phenomenon themes, ...) is published beside the
//! schemas as `schemas/code-lists/<list>.csv` with the columns
//! `code,title_fi,title_sv,title_en,description`, so that a data steward can build a
//! drop-down list or check a column without reading JSON Schema.

use rakenne_model::Openness;
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

/// The index of the code lists as CSV: `list,openness,codes`.
fn index_csv(lists: &[(&'static str, Openness, usize)]) -> String {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let _ = writer.write_record(["list", "openness", "codes"]);
    for (name, openness, count) in lists {
        let _ = writer.write_record([(*name).to_owned(), openness.to_string(), count.to_string()]);
    }
    let bytes = writer.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}

/// Every code list: its name and CSV, then the index (`index`).
pub(crate) fn all_code_lists() -> Vec<(&'static str, String)> {
    let mut index = Vec::new();
    let mut list_files = code_list_files(&mut index);
    list_files.push(("index", index_csv(&index)));
    list_files
}

/// Every code list's CSV, noting each list in `index`.
fn code_list_files(
    index: &mut Vec<(&'static str, Openness, usize)>,
) -> Vec<(&'static str, String)> {
    let mut list = |csv: fn() -> String, name: &'static str, openness: Openness, count: usize| {
        index.push((name, openness, count));
        (name, csv())
    };
    macro_rules! list {
        ($l:ty) => {
            list(
                code_list_csv::<$l>,
                <$l>::NAME,
                <$l>::OPENNESS,
                <$l>::all().len(),
            )
        };
    }
    vec![
        list!(Addressee),
        list!(AgeGroup),
        list!(ExperienceSource),
        list!(FollowUpStatus),
        list!(Gender),
        list!(IndicatorSource),
        list!(IndicatorUnit),
        list!(MissingReason),
        list!(ModelTheme),
        list!(Occasion),
        list!(PhenomenonTheme),
        list!(Prevalence),
        list!(ReporterRole),
        list!(ServiceClass),
        list!(TargetGroup),
        list!(Trend),
        list!(WelfareAreaKind),
    ]
}
