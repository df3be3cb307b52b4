//! Publication tables end to end: records → pairing → table by area × quarter with
//! disclosure control. Small cells disappear from the JSON entirely; empty cells are
//! published as counts of zero; totals are computed over their own clients.

// The fixture builders below unwrap constants of this file.
#![allow(clippy::unwrap_used)]

use rakenne_metrics::disclosure::{CellPosition, DisclosureRule};
use rakenne_metrics::{
    Dimension, EvaluationContext, GasScoring, GasSummary, OutcomeSummary, Yardsticks,
    baseline_scores, builtin, pair_administrations,
};
use rakenne_model::{
    Client, GasGoal, GasLevel, Implementation, InstrumentAdministration, ItemResponse, Occasion,
};
use time::{Date, Duration, Month};

fn date(month: Month, day: u8) -> Date {
    Date::from_calendar_date(2025, month, day).unwrap()
}

/// A WHO-5 administration with every item scored `item`.
fn who5(
    id: &str,
    client: &str,
    implementation: &str,
    occasion: Occasion,
    on: Date,
    item: i16,
) -> InstrumentAdministration {
    let responses = (1..=5)
        .map(|i| {
            ItemResponse::scored(
                format!("q{i}").parse().unwrap(),
                rakenne_model::ItemScore::from_int(item).unwrap(),
            )
        })
        .collect();
    InstrumentAdministration::new(
        id.parse().unwrap(),
        "WHO-5".parse().unwrap(),
        Client::new(client.parse().unwrap()),
        on,
        occasion,
        responses,
    )
    .unwrap()
    .with_implementation(implementation.parse().unwrap())
}

struct Data {
    implementations: Vec<Implementation>,
    administrations: Vec<InstrumentAdministration>,
    goals: Vec<GasGoal>,
}

/// Area 08 has 12 clients starting in Q1 and 3 in Q2; area 19 has 20 clients in Q2 and
/// none in Q1. Every client improves from 2 to 3 points per item.
fn data() -> Data {
    let implementations: Vec<Implementation> = ["08", "19"]
        .iter()
        .map(|area| {
            Implementation::builder(
                format!("P{area}").parse().unwrap(),
                "olohuone".parse().unwrap(),
                area.parse().unwrap(),
                "2025".parse().unwrap(),
            )
            .build()
            .unwrap()
        })
        .collect();
    let mut administrations = Vec::new();
    let mut goals = Vec::new();
    let cohorts = [
        ("P08", Month::February, 12),
        ("P08", Month::May, 3),
        ("P19", Month::May, 20),
    ];
    let mut c = 0;
    for (implementation, month, clients) in cohorts {
        for _ in 0..clients {
            c += 1;
            let client = format!("C{c}");
            let start = date(month, 3);
            // Improvement varies a little so that the differences have a spread.
            let after = if c % 3 == 0 { 4 } else { 3 };
            administrations.push(who5(
                &format!("M{c}a"),
                &client,
                implementation,
                Occasion::Baseline,
                start,
                2,
            ));
            administrations.push(who5(
                &format!("M{c}b"),
                &client,
                implementation,
                Occasion::FollowUp,
                start + Duration::days(90),
                after,
            ));
            let goal = GasGoal::new(
                format!("G{c}").parse().unwrap(),
                Client::new(client.parse().unwrap()),
                "Tavoite".parse().unwrap(),
                start,
            )
            .unwrap()
            .with_implementation(implementation.parse().unwrap())
            .evaluated(
                GasLevel::new(i8::from(c % 2 == 0)).unwrap(),
                start + Duration::days(90),
            )
            .unwrap();
            goals.push(goal);
        }
    }
    Data {
        implementations,
        administrations,
        goals,
    }
}

#[test]
fn outcome_table_suppresses_small_cells_and_publishes_empty_ones() {
    let data = data();
    let definition = builtin::who5();
    let context = EvaluationContext::new(&data.implementations, &[]);
    let pairing = pair_administrations(&definition, &data.administrations).unwrap();
    assert_eq!(pairing.pairs.len(), 35);
    let yardsticks = Yardsticks::for_instrument(&definition, &baseline_scores(&pairing));
    let table = OutcomeSummary::table(
        &definition,
        &pairing,
        &context,
        Dimension::Area,
        Dimension::Quarter,
        &yardsticks,
        DisclosureRule::default(),
    )
    .unwrap();
    assert_eq!(table.row_keys.len(), 2);
    assert_eq!(table.column_keys.len(), 2); // Q1 and Q2
    let cell = |row, column| table.get(CellPosition::Interior { row, column });
    // 08 × Q2 has 3 clients: suppressed.
    assert!(cell(0, 1).is_none());
    // Row 08 then needs a second hidden entry (its other cell or its total), and so does
    // column Q2, or the 3 could be worked out by subtraction.
    let row_08_hidden =
        cell(0, 0).is_none() || table.get(CellPosition::RowTotal { row: 0 }).is_none();
    let column_q2_hidden =
        cell(1, 1).is_none() || table.get(CellPosition::ColumnTotal { column: 1 }).is_none();
    assert!(
        row_08_hidden && column_q2_hidden,
        "the 3-client cell is exposed"
    );
    // Published cells carry their own clients; the grand total covers all 35.
    for (row, column, clients) in [(0, 0, 12), (1, 0, 0), (1, 1, 20)] {
        if let Some(summary) = cell(row, column) {
            assert_eq!(summary.clients_with_baseline, clients);
        }
    }
    let total = table
        .get(CellPosition::GrandTotal)
        .expect("35 clients are published");
    assert_eq!(total.clients_paired, 35);
    let paired = total.paired.as_ref().expect("35 pairs");
    // 35 clients, 11 (c divisible by 3) improved 10 points and 24 improved 5.
    assert!((paired.mean_difference.value - (11.0 * 10.0 + 24.0 * 5.0) / 35.0).abs() < 1e-12);

    let json = serde_json::to_value(&table).unwrap();
    let suppressed = &json["cells"][0][1];
    assert_eq!(suppressed, &serde_json::json!({"suppressed": true}));
}

#[test]
fn gas_table_publishes_empty_cells_as_zero() {
    let data = data();
    let context = EvaluationContext::new(&data.implementations, &[]);
    let clients = GasSummary::client_scores(&data.goals, &GasScoring::default());
    assert_eq!(clients.len(), 35);
    let table = GasSummary::table(
        &clients,
        &context,
        Dimension::Area,
        Dimension::Quarter,
        DisclosureRule::new(1).unwrap(), // nothing is small: every cell is published
    )
    .unwrap();
    let empty = table
        .get(CellPosition::Interior { row: 1, column: 0 })
        .expect("published");
    assert_eq!((empty.clients, empty.mean_t), (0, None));
    let full = table.get(CellPosition::GrandTotal).unwrap();
    assert_eq!(full.clients, 35);
    // 17 clients reached +1 (even c), 18 the expected 0: T = 50 + 10·x for one goal.
    let expected = 50.0 + 10.0 * 17.0 / 35.0;
    assert!((full.mean_t.unwrap() - expected).abs() < 1e-12);
}

#[test]
fn reach_margins_count_each_client_once() {
    use rakenne_metrics::ReachSummary;
    use rakenne_model::{ServiceClass, ServiceEpisode};
    // Ten clients with an episode in Q1 and another in Q2, all in area 08.
    let mut episodes = Vec::new();
    for c in 0..10 {
        for (q, month) in [(1, Month::February), (2, Month::May)] {
            episodes.push(
                ServiceEpisode::builder(
                    format!("E{c}-{q}").parse().unwrap(),
                    Client::new(format!("C{c}").parse().unwrap()),
                    ServiceClass::SocialWork,
                    "08".parse().unwrap(),
                    date(month, 1),
                )
                .contacts(2)
                .build()
                .unwrap(),
            );
        }
    }
    let context = EvaluationContext::new(&[], &[]);
    let table = ReachSummary::table(
        &episodes,
        &context,
        Dimension::Area,
        Dimension::Quarter,
        DisclosureRule::default(),
    )
    .unwrap();
    let q1 = table
        .get(CellPosition::Interior { row: 0, column: 0 })
        .unwrap();
    assert_eq!((q1.episodes, q1.clients_reached), (10, 10));
    let row = table.get(CellPosition::RowTotal { row: 0 }).unwrap();
    // 20 episodes, but 10 clients: the total is not the sum of its cells.
    assert_eq!((row.episodes, row.clients_reached), (20, 10));
    assert_eq!(
        row.contacts_per_client,
        Some(rust_decimal::Decimal::from(4))
    );
    assert_eq!(row.new_clients, None); // newness recorded for nobody
}
