//! The JSON Schemas of the exchange format, generated from the Rust types.
//!
//! The types are the source of truth; their schemas are generated with `schemars` (draft
//! 2020-12) and committed under `schemas/` at the repository root, where consumers in
//! any language find them. A test regenerates them and fails when they differ from the
//! committed files, so the two never drift apart.
//!
//! Two transforms make the generated schemas fit for strict validators and for people:
//! - **No nulls.** Optional fields are *absent* when they have no value; a writer never
//!   writes `null`. The schema says exactly that: an optional field's schema is its
//!   value's schema, without `anyOf [..., {"type": "null"}]` or `"type": [..., "null"]`
//!   (union types that strict validators such as ajv in strict mode refuse).
//! - **Descriptions for readers of schemas.** Doc comments are written for rustdoc; the
//!   `# Example` sections and intra-doc link targets are removed from descriptions.

use schemars::generate::SchemaSettings;
use schemars::transform::transform_subschemas;
use schemars::{JsonSchema, Schema};
use serde_json::{Map, Value};

use crate::{Document, FormatVersion};

/// The record types whose schemas are published as components, with their file names.
fn components() -> Vec<(&'static str, Schema)> {
    fn component<T: JsonSchema>(name: &'static str) -> (&'static str, Schema) {
        (name, schema_of::<T>())
    }
    vec![
        component::<rakenne_model::SocialReport>("social-report"),
        component::<rakenne_model::OperatingModel>("operating-model"),
        component::<rakenne_model::Implementation>("implementation"),
        component::<rakenne_metrics::InstrumentDefinition>("instrument-definition"),
        component::<rakenne_model::InstrumentAdministration>("measurement"),
        component::<rakenne_model::GasGoal>("gas-goal"),
        component::<rakenne_model::ServiceEpisode>("service-episode"),
        component::<rakenne_model::Feedback>("feedback"),
        component::<rakenne_model::ExperienceStatement>("experience-statement"),
        component::<rakenne_model::IndicatorDefinition>("indicator-definition"),
        component::<rakenne_model::IndicatorObservation>("indicator-observation"),
        component::<crate::PublishedResult>("published-result"),
    ]
}

/// The schema of `T` with the transforms of this module.
pub(crate) fn schema_of<T: JsonSchema>() -> Schema {
    SchemaSettings::draft2020_12()
        .with_transform(|schema: &mut Schema| strict(schema))
        .into_generator()
        .into_root_schema_for::<T>()
}

/// The JSON Schema of the document of the current format version, with its `$id`.
///
/// # Example
/// ```
/// let schema = rakenne_schema::document_schema();
/// assert_eq!(
///     schema["$id"],
///     "https://github.com/rakenne/rakenne/schemas/document-1.0.schema.json"
/// );
/// assert_eq!(schema["$schema"], "https://json-schema.org/draft/2020-12/schema");
/// ```
pub fn document_schema() -> Value {
    let mut schema = schema_of::<Document>().to_value();
    if let Some(object) = schema.as_object_mut() {
        object.insert("$id".into(), FormatVersion::CURRENT.schema_id().into());
        object.insert(
            "title".into(),
            format!(
                "rakenne exchange document, format {}.{}",
                FormatVersion::CURRENT.major,
                FormatVersion::CURRENT.minor
            )
            .into(),
        );
    }
    schema
}

/// Every schema file under `schemas/`: its path relative to that folder and its content
/// (pretty-printed JSON with a final newline). The document schema of the current version,
/// one component schema per record type, and the code lists as CSV.
pub fn schema_files() -> Vec<(String, String)> {
    let pretty = |value: &Value| {
        let mut text = serde_json::to_string_pretty(value).unwrap_or_default();
        text.push('\n');
        text
    };
    let version = FormatVersion::CURRENT;
    let mut files = vec![(
        format!("document-{}.{}.schema.json", version.major, version.minor),
        pretty(&document_schema()),
    )];
    for (name, schema) in components() {
        let mut value = schema.to_value();
        if let Some(object) = value.as_object_mut() {
            object.insert(
                "$id".into(),
                format!(
                    "https://github.com/rakenne/rakenne/schemas/components/{}.{}/{name}.schema.json",
                    version.major, version.minor
                )
                .into(),
            );
        }
        files.push((
            format!(
                "components/{}.{}/{name}.schema.json",
                version.major, version.minor
            ),
            pretty(&value),
        ));
    }
    for (name, csv) in crate::code_lists::all_code_lists() {
        files.push((format!("code-lists/{name}.csv"), csv));
    }
    files
}

/// The transforms of this module, applied to every subschema.
fn strict(schema: &mut Schema) {
    transform_subschemas(&mut |s: &mut Schema| strict(s), schema);
    let Some(object) = schema.as_object_mut() else {
        return;
    };
    remove_null(object);
    if let Some(Value::String(description)) = object.get_mut("description") {
        *description = clean_description(description);
    }
}

/// Removes `null` from a schema object: `"type": [X, "null"]` becomes `"type": X`, and
/// `anyOf [S, {"type": "null"}]` becomes S (with the object's other keywords kept).
fn remove_null(object: &mut Map<String, Value>) {
    if let Some(Value::Array(types)) = object.get_mut("type") {
        types.retain(|t| t != "null");
        if types.len() == 1 {
            let only = types.remove(0);
            object.insert("type".into(), only);
        }
    }
    let is_null = |v: &Value| {
        v.get("type").is_some_and(|t| t == "null") && v.as_object().is_some_and(|o| o.len() == 1)
    };
    if let Some(Value::Array(alternatives)) = object.get("anyOf")
        && alternatives.len() == 2
        && alternatives.iter().any(is_null)
    {
        let Some(Value::Array(alternatives)) = object.remove("anyOf") else {
            return;
        };
        if let Some(Value::Object(other)) = alternatives.into_iter().find(|v| !is_null(v)) {
            for (key, value) in other {
                object.entry(key).or_insert(value);
            }
        }
    }
}

/// A doc comment as a schema description: without `# Example` sections and with
/// intra-doc links reduced to their text.
fn clean_description(text: &str) -> String {
    let mut kept = Vec::new();
    let mut in_example = false;
    let mut in_code = false;
    for line in text.lines() {
        if line.starts_with("```") {
            in_code = !in_code;
            if in_example {
                continue;
            }
        }
        if !in_code && line.starts_with('#') {
            in_example = line
                .trim_start_matches('#')
                .trim()
                .eq_ignore_ascii_case("example")
                || line
                    .trim_start_matches('#')
                    .trim()
                    .eq_ignore_ascii_case("examples");
            if in_example {
                continue;
            }
        }
        if !in_example {
            kept.push(line);
        }
    }
    strip_link_targets(kept.join("\n").trim())
}

/// `[`Name`](path)` → `` `Name` ``, and `[`Name`]` → `` `Name` `` (intra-doc links).
fn strip_link_targets(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find('[') {
        out.push_str(&rest[..start]);
        let after = &rest[start + 1..];
        match after.find(']') {
            Some(end) if !after[..end].contains('[') => {
                out.push_str(&after[..end]);
                let tail = &after[end + 1..];
                rest = match tail
                    .strip_prefix('(')
                    .and_then(|t| t.find(')').map(|close| &t[close + 1..]))
                {
                    Some(after_target) => after_target,
                    None => tail,
                };
            }
            _ => {
                out.push('[');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn descriptions_lose_examples_and_link_targets() {
        let doc = "A [`Foo`](crate::Foo) and [`Bar`].\n\n# Example\n```\nlet x = 1;\n```\nGone.";
        assert_eq!(clean_description(doc), "A `Foo` and `Bar`.");
        assert_eq!(clean_description("Plain [text] here."), "Plain text here.");
    }

    #[test]
    fn nulls_are_removed() {
        let mut object = serde_json::json!({
            "description": "x",
            "anyOf": [{"$ref": "#/$defs/A"}, {"type": "null"}]
        });
        remove_null(object.as_object_mut().unwrap());
        assert_eq!(
            object,
            serde_json::json!({"description": "x", "$ref": "#/$defs/A"})
        );
        let mut object = serde_json::json!({"type": ["string", "null"], "format": "date"});
        remove_null(object.as_object_mut().unwrap());
        assert_eq!(
            object,
            serde_json::json!({"type": "string", "format": "date"})
        );
    }

    #[test]
    fn no_null_is_left_in_the_document_schema() {
        let text = serde_json::to_string(&document_schema()).unwrap();
        assert!(!text.contains("\"null\""), "a null type is left");
        assert!(!text.contains("# Example"));
    }
}
