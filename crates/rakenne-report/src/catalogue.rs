//! The texts of the built-in templates in Finnish, Swedish and English.
//!
//! Templates write `{{ t("digest.title") }}`; the texts live in one table,
//! `templates/messages.csv` (`key,fi,sv,en`), so a translator works in a spreadsheet and
//! the templates stay the same for every language. A text may hold `{name}` placeholders
//! that the template fills: `{{ t("method.min_persons", k=5) }}`. When the parameter `n`
//! or `count` is one and the table has a key `….one` (`digest.n_reports.one`), that
//! singular text is used: `1 raportti`, `2 raporttia`.

use std::collections::HashMap;
use std::sync::OnceLock;

use rakenne_model::Lang;

/// The message table, embedded.
pub(crate) const MESSAGES_CSV: &str = include_str!("../templates/messages.csv");

/// Messages by key: Finnish, Swedish, English.
type Table = HashMap<String, [String; 3]>;

fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| parse(MESSAGES_CSV).unwrap_or_default())
}

/// Reads the table; an error names the line that is wrong (the committed table is
/// checked by a test, so the built-in one always reads).
fn parse(csv_text: &str) -> Result<Table, String> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(csv_text.as_bytes());
    let mut table = Table::new();
    for record in reader.records() {
        let record = record.map_err(|e| e.to_string())?;
        let line = record.position().map_or(0, csv::Position::line);
        let [key, fi, sv, en] = [0, 1, 2, 3].map(|i| record.get(i).unwrap_or("").to_owned());
        if key.is_empty() || fi.is_empty() || sv.is_empty() || en.is_empty() {
            return Err(format!("line {line}: every key needs fi, sv and en texts"));
        }
        if table.insert(key.clone(), [fi, sv, en]).is_some() {
            return Err(format!("line {line}: key {key} is repeated"));
        }
    }
    Ok(table)
}

/// The text of `key` in `lang`, if the table has the key.
pub(crate) fn message(key: &str, lang: Lang) -> Option<&'static str> {
    let texts = table().get(key)?;
    Some(match lang {
        Lang::Fi => &texts[0],
        Lang::Sv => &texts[1],
        _ => &texts[2],
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn committed_table_reads_and_has_every_language() {
        let table = parse(MESSAGES_CSV).unwrap();
        assert!(table.len() > 50, "{} keys", table.len());
        for (key, texts) in &table {
            // Placeholders must be the same in every language.
            let placeholders = |t: &str| {
                let mut names: Vec<String> = t
                    .split('{')
                    .skip(1)
                    .filter_map(|s| s.split_once('}').map(|(name, _)| name.to_owned()))
                    .collect();
                names.sort();
                names
            };
            assert_eq!(placeholders(&texts[0]), placeholders(&texts[1]), "{key}");
            assert_eq!(placeholders(&texts[0]), placeholders(&texts[2]), "{key}");
        }
    }

    #[test]
    fn bad_tables_are_refused_with_the_line() {
        let missing = parse("key,fi,sv,en\na,yksi,ett,\n").unwrap_err();
        assert!(missing.contains("line 2"), "{missing}");
        let repeated = parse("key,fi,sv,en\na,1,1,1\na,2,2,2\n").unwrap_err();
        assert!(repeated.contains("repeated"), "{repeated}");
    }
}
