//! Every published position of an outcome or GAS table is the summary of its own records.
//!
//! A table sums each pair once into its cell and computes the margins from the sums of
//! their cells when the scores lie on the grid of hundredths, and reads the pairs of every
//! position otherwise. Each published cell, row total, column total and the grand total
//! must be [`OutcomeSummary::of`] the pairs and drop-outs that fall in it: bit for bit on
//! the grid (exact sums do not depend on the order of the pairs), and to 1e-12 relative
//! off it (a column total reads its pairs row by row, so its floating-point sums add in
//! another order than the input's). Checked for whole scores, scores with decimals and
//! scores off the grid (means of seven items), with the scores read in parts on two
//! threads. A GAS table sums its T-scores exactly, so each of its positions is
//! [`GasSummary::of`] its clients bit for bit.

// Test data builders unwrap constants of this file.
#![allow(clippy::unwrap_used)]

use proptest::prelude::*;
use rakenne_metrics::disclosure::{CellPosition, DisclosureRule};
use rakenne_metrics::{
    ClientGasScores, Dimension, EvaluationContext, GasScoring, GasSummary, InstrumentDefinition,
    OutcomeSummary, PairedScores, Yardsticks, builtin,
};
use rakenne_model::{
    AgeGroup, Client, CodeList, GasGoal, GasLevel, GasWeight, Gender, InstrumentAdministration,
    ItemResponse, ItemScore, Occasion,
};
use time::{Date, Duration, Month};

/// The instruments of the cases: GAD-7 (whole scores), ORS (scores with decimals), and
/// GAD-7 scored as the mean of its items (scores off the grid, e.g. 10/7).
fn instrument(kind: u8) -> InstrumentDefinition {
    match kind {
        0 => builtin::gad7(),
        1 => builtin::ors(),
        _ => {
            let mut json = serde_json::to_value(builtin::gad7()).unwrap();
            json["scoring"] = serde_json::json!("mean");
            serde_json::from_value(json).unwrap()
        }
    }
}

/// One client, drawn: age group (or none), gender (or none), baseline day, an item
/// score seed for the baseline, and the follow-up (days after, score seed), if any.
type DrawnClient = (Option<u8>, Option<u8>, u16, u16, Option<(u8, u16)>);

fn drawn_clients() -> impl Strategy<Value = Vec<DrawnClient>> {
    let one = (
        prop::option::weighted(0.95, 0u8..3),
        prop::option::of(0u8..2),
        0u16..365,
        any::<u16>(),
        prop::option::weighted(0.8, (0u8..120, any::<u16>())),
    );
    prop::collection::vec(one, 0..250)
}

/// An administration of `definition` with item scores drawn from `seed`: on each item's
/// scale, in steps of a tenth where the scale is wider than four points (ORS).
fn administration(
    definition: &InstrumentDefinition,
    id: &str,
    client: &Client,
    on: Date,
    occasion: Occasion,
    seed: u16,
) -> InstrumentAdministration {
    let responses = definition
        .items
        .iter()
        .enumerate()
        .map(|(k, item)| {
            let (min, max) = (item.min.hundredths(), item.max.hundredths());
            let step = if max - min > 400 { 10 } else { 100 };
            let steps = (max - min) / step + 1;
            let turn = u32::try_from(5 * k % 32).unwrap();
            let mixed = u32::from(seed)
                .wrapping_mul(2_654_435_761)
                .rotate_left(turn);
            let hundredths = min + step * i32::try_from(mixed % steps.unsigned_abs()).unwrap();
            let score: ItemScore = format!("{}", f64::from(hundredths) / 100.0)
                .parse()
                .unwrap();
            ItemResponse::scored(item.id.clone(), score)
        })
        .collect();
    InstrumentAdministration::new(
        id.parse().unwrap(),
        definition.id.clone(),
        client.clone(),
        on,
        occasion,
        responses,
    )
    .unwrap()
}

fn administrations(
    definition: &InstrumentDefinition,
    drawn: &[DrawnClient],
) -> Vec<InstrumentAdministration> {
    let start = Date::from_calendar_date(2025, Month::January, 1).unwrap();
    let mut out = Vec::new();
    for (c, &(age, gender, day, seed, follow_up)) in drawn.iter().enumerate() {
        let mut client = Client::new(format!("C{c:04}").parse().unwrap());
        if let Some(a) = age {
            client = client.with_age_group(AgeGroup::all()[usize::from(a)]);
        }
        if let Some(g) = gender {
            client = client.with_gender(Gender::all()[usize::from(g)]);
        }
        let on = start + Duration::days(i64::from(day));
        out.push(administration(
            definition,
            &format!("M{c}a"),
            &client,
            on,
            Occasion::Baseline,
            seed,
        ));
        if let Some((later, seed)) = follow_up {
            out.push(administration(
                definition,
                &format!("M{c}b"),
                &client,
                on + Duration::days(i64::from(later)),
                Occasion::FollowUp,
                seed,
            ));
        }
    }
    out
}

/// Whether a record keyed (`row`, `column`) falls in `position`, given the table's keys.
fn falls_in<K: PartialEq>(
    position: CellPosition,
    (row, column): (&K, &K),
    (rows, columns): (&[K], &[K]),
) -> bool {
    let row_index = rows.iter().position(|k| k == row);
    let column_index = columns.iter().position(|k| k == column);
    match position {
        CellPosition::Interior { row, column } => {
            row_index == Some(row) && column_index == Some(column)
        }
        CellPosition::RowTotal { row } => row_index == Some(row) && column_index.is_some(),
        CellPosition::ColumnTotal { column } => column_index == Some(column) && row_index.is_some(),
        CellPosition::GrandTotal => row_index.is_some() && column_index.is_some(),
    }
}

/// Whether two JSON values are equal but for numbers within 1e-12 relative (absolute
/// near zero).
fn close(a: &serde_json::Value, b: &serde_json::Value) -> bool {
    use serde_json::Value;
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => {
            let (x, y) = (x.as_f64().unwrap(), y.as_f64().unwrap());
            (x - y).abs() <= 1e-12 * x.abs().max(y.abs()).max(1.0)
        }
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(x, y)| close(x, y))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| close(v, w)))
        }
        _ => a == b,
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn every_published_position_is_the_summary_of_its_records(
        drawn in drawn_clients(),
        kind in 0u8..3,
        min_persons in 1u64..4,
    ) {
        let definition = instrument(kind);
        let data = administrations(&definition, &drawn);
        // On two threads the input is read in parts, whose results are joined.
        let two_threads = rayon::ThreadPoolBuilder::new().num_threads(2).build().unwrap();
        let scores = two_threads.install(|| PairedScores::new(&definition, &data).unwrap());
        let pairing = scores.to_pairing();
        prop_assume!(pairing.pairs.len() + pairing.dropouts.len() > 0);
        let context = EvaluationContext::new(&[], &[]);
        let yardsticks = Yardsticks::for_scores(&definition, &scores);
        let (rows, columns) = (Dimension::AgeGroup, Dimension::Quarter);
        let rule = DisclosureRule::new(min_persons).unwrap();
        let Ok(table) = OutcomeSummary::table_of_scores(
            &definition, &scores, &context, rows, columns, &yardsticks, rule,
        ) else {
            // Only a table with nothing placed is refused: every client lacks an age group.
            prop_assert!(drawn.iter().all(|d| d.0.is_none()));
            return Ok(());
        };
        let keys = |client: &Client, on: Date| {
            (context.key(rows, client, None, on), context.key(columns, client, None, on))
        };
        let n_rows = table.row_keys.len();
        let n_columns = table.column_keys.len();
        let table_keys = (table.row_keys.as_slice(), table.column_keys.as_slice());
        let mut published = 0;
        for position in positions(n_rows, n_columns) {
            let Some(result) = table.get(position) else { continue };
            published += 1;
            let inside = |client: &Client, on: Date| match keys(client, on) {
                (Some(r), Some(c)) => falls_in(position, (&r, &c), table_keys),
                _ => false,
            };
            let pairs: Vec<_> = pairing.pairs.iter().filter(|p| inside(&p.client, p.baseline_on)).collect();
            let dropouts: Vec<_> = pairing.dropouts.iter().filter(|d| inside(&d.client, d.baseline_on)).collect();
            let expected = OutcomeSummary::of(&definition.id, &pairs, &dropouts, &yardsticks).unwrap();
            if kind == 2 {
                let (got, want) = (serde_json::to_value(result).unwrap(), serde_json::to_value(&expected).unwrap());
                prop_assert!(close(&got, &want), "position {:?}: {} vs {}", position, got, want);
            } else {
                // Equal JSON: equal doubles, bit for bit.
                prop_assert_eq!(
                    serde_json::to_string(result).unwrap(),
                    serde_json::to_string(&expected).unwrap(),
                    "position {:?}", position
                );
            }
        }
        // With k = 1 nothing is suppressed, so every position was checked. A table
        // whose records none of its positions holds has no rows, and so publishes
        // nothing at all (not even a grand total: it would be the total of nothing).
        if n_rows == 0 {
            prop_assert_eq!(published, 0);
            prop_assert!(table.unplaced > 0);
        } else if min_persons == 1 {
            prop_assert_eq!(published, (n_rows + 1) * (n_columns + 1));
        }
    }
}

/// Every position of a table of `n_rows` × `n_columns`, margins included.
fn positions(n_rows: usize, n_columns: usize) -> Vec<CellPosition> {
    let mut positions: Vec<CellPosition> = (0..n_rows)
        .flat_map(|row| (0..n_columns).map(move |column| CellPosition::Interior { row, column }))
        .collect();
    positions.extend((0..n_rows).map(|row| CellPosition::RowTotal { row }));
    positions.extend((0..n_columns).map(|column| CellPosition::ColumnTotal { column }));
    positions.push(CellPosition::GrandTotal);
    positions
}

/// One client's goals, drawn: age group (or none), day the goals were set, and per goal
/// its weight and level at follow-up (−2..=2, or 3 for not evaluated).
type DrawnGoals = (Option<u8>, u16, Vec<(u8, i8)>);

fn goals(drawn: &[DrawnGoals]) -> Vec<GasGoal> {
    let start = Date::from_calendar_date(2025, Month::January, 1).unwrap();
    let mut out = Vec::new();
    for (c, (age, day, goals)) in drawn.iter().enumerate() {
        let mut client = Client::new(format!("C{c:04}").parse().unwrap());
        if let Some(a) = age {
            client = client.with_age_group(AgeGroup::all()[usize::from(*a)]);
        }
        let set_on = start + Duration::days(i64::from(*day));
        for (k, &(weight, level)) in goals.iter().enumerate() {
            let goal = GasGoal::new(
                format!("G{c}-{k}").parse().unwrap(),
                client.clone(),
                "Tavoite".parse().unwrap(),
                set_on,
            )
            .unwrap()
            .with_weight(GasWeight::new(weight).unwrap());
            out.push(if level == 3 {
                goal
            } else {
                goal.evaluated(GasLevel::new(level).unwrap(), set_on + Duration::days(90))
                    .unwrap()
            });
        }
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn every_published_gas_position_is_the_summary_of_its_clients(
        drawn in prop::collection::vec(
            (
                prop::option::weighted(0.95, 0u8..3),
                0u16..365,
                prop::collection::vec((1u8..=3, -2i8..=3), 1..4),
            ),
            0..200,
        ),
        rho in prop::sample::select(vec![0.0, 0.3, 0.5]),
        min_persons in 1u64..4,
    ) {
        let goals = goals(&drawn);
        let scoring = GasScoring::new(rho).unwrap();
        let scores = ClientGasScores::new(&goals, &scoring);
        let clients = scores.to_clients();
        prop_assume!(!clients.is_empty());
        let context = EvaluationContext::new(&[], &[]);
        let (rows, columns) = (Dimension::AgeGroup, Dimension::Quarter);
        let rule = DisclosureRule::new(min_persons).unwrap();
        let Ok(table) = GasSummary::table_of_scores(&scores, &context, rows, columns, rule) else {
            prop_assert!(clients.iter().all(|c| c.client.age_group().is_none()));
            return Ok(());
        };
        let table_keys = (table.row_keys.as_slice(), table.column_keys.as_slice());
        for position in positions(table.row_keys.len(), table.column_keys.len()) {
            let Some(result) = table.get(position) else { continue };
            let inside: Vec<_> = clients
                .iter()
                .filter(|c| {
                    let key = |d| context.key(d, &c.client, None, c.set_on);
                    match (key(rows), key(columns)) {
                        (Some(r), Some(k)) => falls_in(position, (&r, &k), table_keys),
                        _ => false,
                    }
                })
                .collect();
            let expected = GasSummary::of(&inside).unwrap();
            prop_assert_eq!(
                serde_json::to_string(result).unwrap(),
                serde_json::to_string(&expected).unwrap(),
                "position {:?}", position
            );
        }
    }
}
