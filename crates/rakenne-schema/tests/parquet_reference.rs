//! `docs/parquet.md` is the generated reference of the Parquet export; it must match the
//! columns the writer writes. Regenerate with
//! `RAKENNE_REGENERATE=1 cargo test -p rakenne-schema --features parquet --test parquet_reference`.

#[test]
fn committed_parquet_reference_matches_the_writer() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/parquet.md");
    let page = rakenne_schema::parquet_markdown();
    if std::env::var_os("RAKENNE_REGENERATE").is_some() {
        std::fs::write(path, &page).expect("writable docs folder");
    }
    let committed = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        committed == page,
        "docs/parquet.md differs from the Parquet export's columns; regenerate it with \
         RAKENNE_REGENERATE=1 cargo test -p rakenne-schema --features parquet --test \
         parquet_reference"
    );
}
