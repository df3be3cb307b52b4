//! `docs/rules.md` is the generated rule reference; it must match the rules in the code.
//! Regenerate with `RAKENNE_REGENERATE=1 cargo test -p rakenne-schema --test rules_reference`.

#[test]
fn committed_rule_reference_matches_the_rules() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/rules.md");
    let page = rakenne_schema::rules_markdown();
    if std::env::var_os("RAKENNE_REGENERATE").is_some() {
        std::fs::create_dir_all(concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs"))
            .expect("docs folder");
        std::fs::write(path, &page).expect("writable docs folder");
    }
    let committed = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        committed == page,
        "docs/rules.md differs from the rules; regenerate it with \
         RAKENNE_REGENERATE=1 cargo test -p rakenne-schema --test rules_reference"
    );
}
