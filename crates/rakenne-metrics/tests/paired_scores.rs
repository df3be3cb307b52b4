//! The columnar fast paths — [`PairedScores`] and [`ClientGasScores`], and the tables made
//! of them — against the straightforward computations: pairing and GAS scoring written
//! out with a map per (client, implementation), and the tables of rows.

// The fixture builders below unwrap constants of this file.
#![allow(clippy::unwrap_used)]

use std::collections::BTreeMap;

use proptest::prelude::*;
use rakenne_metrics::disclosure::DisclosureRule;
use rakenne_metrics::{
    ClientGasScores, Dimension, EvaluationContext, GasScoring, GasSummary, OutcomeSummary,
    PairedScores, Pairing, Yardsticks, baseline_scores, builtin, pair_administrations,
};
use rakenne_model::{
    AgeGroup, Client, CodeList, GasGoal, GasLevel, GasWeight, Implementation,
    InstrumentAdministration, ItemResponse, ItemScore, MissingReason, Occasion,
};
use rust_decimal::Decimal;
use time::{Date, Duration, Month};

/// One administration, drawn: client, implementation (if any), instrument (PHQ-9 or
/// GAD-7), occasion, day of 2025, item score (0..=3, or 4 for a missing item).
type Drawn = (u8, Option<u8>, bool, u8, u16, u8);

fn day(d: u16) -> Date {
    Date::from_calendar_date(2025, Month::January, 1).unwrap() + Duration::days(i64::from(d))
}

fn client(c: u8) -> Client {
    let client = Client::new(format!("C{c}").parse().unwrap());
    if c.is_multiple_of(3) {
        client
    } else {
        client.with_age_group(AgeGroup::all()[usize::from(c) % AgeGroup::all().len()])
    }
}

fn administrations(drawn: &[Drawn]) -> Vec<InstrumentAdministration> {
    drawn
        .iter()
        .enumerate()
        .map(|(k, &(c, implementation, phq9, occasion, d, item))| {
            let (instrument, items) = if phq9 { ("PHQ-9", 9) } else { ("GAD-7", 7) };
            let responses = (1..=items)
                .map(|i| {
                    let id = format!("q{i}").parse().unwrap();
                    if item == 4 && i == 2 {
                        ItemResponse::missing(id, MissingReason::NotAnswered)
                    } else {
                        let score = (i16::from(item) + i) % 4;
                        ItemResponse::scored(id, ItemScore::from_int(score).unwrap())
                    }
                })
                .collect();
            let occasion = [Occasion::Baseline, Occasion::FollowUp, Occasion::Interim]
                [usize::from(occasion % 3)];
            let a = InstrumentAdministration::new(
                format!("M{k}").parse().unwrap(),
                instrument.parse().unwrap(),
                client(c),
                day(d),
                occasion,
                responses,
            )
            .unwrap();
            match implementation {
                Some(i) => a.with_implementation(format!("P{i}").parse().unwrap()),
                None => a,
            }
        })
        .collect()
}

fn drawn_administrations() -> impl Strategy<Value = Vec<Drawn>> {
    // Few clients and days, so that keys repeat apart and dates tie.
    let one = (
        0u8..25,
        prop::option::of(0u8..3),
        prop::bool::weighted(0.9),
        0u8..3,
        0u16..40,
        0u8..5,
    );
    prop::collection::vec(one, 0..300)
}

/// A pairing as plain values: the pairs (client, implementation, baseline and its date,
/// follow-up and its date), the drop-outs (client, implementation, baseline and its
/// date) and the count of invalid totals.
type Plain = (
    Vec<(Client, Option<String>, Decimal, Date, Decimal, Date)>,
    Vec<(Client, Option<String>, Decimal, Date)>,
    u64,
);

fn plain(pairing: &Pairing) -> Plain {
    let implementation =
        |i: Option<&rakenne_model::ImplementationId>| i.map(|i| i.as_str().to_owned());
    (
        pairing
            .pairs
            .iter()
            .map(|p| {
                (
                    p.client.clone(),
                    implementation(p.implementation.as_ref()),
                    p.baseline,
                    p.baseline_on,
                    p.follow_up,
                    p.follow_up_on,
                )
            })
            .collect(),
        pairing
            .dropouts
            .iter()
            .map(|d| {
                (
                    d.client.clone(),
                    implementation(d.implementation.as_ref()),
                    d.baseline,
                    d.baseline_on,
                )
            })
            .collect(),
        pairing.invalid_scores,
    )
}

/// Pairing written out: per (client, implementation) in order of first appearance, the
/// valid totals by `InstrumentDefinition::score`; the earliest baseline (first on a
/// tie) and the latest follow-up on or after it (last on a tie).
fn naive_pairing(administrations: &[InstrumentAdministration]) -> Plain {
    let phq9 = builtin::phq9();
    let mut order: Vec<(String, Option<String>)> = Vec::new();
    let mut tracks: BTreeMap<(String, Option<String>), Vec<&InstrumentAdministration>> =
        BTreeMap::new();
    for a in administrations {
        let key = (
            a.client().id().as_str().to_owned(),
            a.implementation().map(|i| i.as_str().to_owned()),
        );
        if !tracks.contains_key(&key) {
            order.push(key.clone());
        }
        tracks.entry(key).or_default().push(a);
    }
    let (mut pairs, mut dropouts, mut invalid) = (Vec::new(), Vec::new(), 0);
    for key in order {
        let mut valid: Vec<(&InstrumentAdministration, Decimal)> = Vec::new();
        for &a in &tracks[&key] {
            if a.instrument() != &phq9.id || a.occasion() == Occasion::Interim {
                continue;
            }
            match phq9.score(a).unwrap().total.valid_value() {
                Some(total) => valid.push((a, total)),
                None => invalid += 1,
            }
        }
        let mut baseline: Option<(&InstrumentAdministration, Decimal)> = None;
        for &(a, total) in &valid {
            if a.occasion() == Occasion::Baseline
                && baseline.is_none_or(|(b, _)| a.administered_on() < b.administered_on())
            {
                baseline = Some((a, total));
            }
        }
        let Some((b, baseline_total)) = baseline else {
            continue;
        };
        // `max_by_key` takes the last of equal maxima.
        let follow_up = valid
            .iter()
            .filter(|(a, _)| {
                a.occasion() == Occasion::FollowUp && a.administered_on() >= b.administered_on()
            })
            .max_by_key(|(a, _)| a.administered_on());
        let (client, implementation) = (b.client().clone(), key.1.clone());
        match follow_up {
            Some(&(f, follow_up_total)) => pairs.push((
                client,
                implementation,
                baseline_total,
                b.administered_on(),
                follow_up_total,
                f.administered_on(),
            )),
            None => dropouts.push((client, implementation, baseline_total, b.administered_on())),
        }
    }
    (pairs, dropouts, invalid)
}

fn implementations() -> Vec<Implementation> {
    ["08", "19", "11"]
        .iter()
        .enumerate()
        .map(|(i, area)| {
            Implementation::builder(
                format!("P{i}").parse().unwrap(),
                "olohuone".parse().unwrap(),
                area.parse().unwrap(),
                "2025".parse().unwrap(),
            )
            .build()
            .unwrap()
        })
        .collect()
}

/// How drawn records are laid out in the input.
#[derive(Debug, Clone, Copy)]
enum Layout {
    /// As drawn: a key's records apart.
    Drawn,
    /// Grouped by key (the usual layout, which the one-pass grouping reads).
    Grouped,
    /// Grouped, but the first record moved to the end, so that one key has two runs and
    /// the one-pass grouping has to give up.
    GroupedButOne,
}

fn layouts() -> impl Strategy<Value = Layout> {
    prop_oneof![
        Just(Layout::Drawn),
        Just(Layout::Grouped),
        Just(Layout::GroupedButOne)
    ]
}

/// Lays out `drawn` records with the key `key` (client, implementation) as `layout` says.
fn lay_out<T>(drawn: &mut [T], layout: Layout, key: impl Fn(&T) -> (u8, Option<u8>)) {
    match layout {
        Layout::Drawn => {}
        Layout::Grouped => drawn.sort_by_key(key),
        Layout::GroupedButOne => {
            drawn.sort_by_key(key);
            drawn.rotate_left(1.min(drawn.len()));
        }
    }
}

/// Every dimension a table can have.
const DIMENSIONS: [Dimension; 10] = [
    Dimension::Area,
    Dimension::Municipality,
    Dimension::Year,
    Dimension::HalfYear,
    Dimension::Quarter,
    Dimension::Month,
    Dimension::OperatingModel,
    Dimension::ModelTheme,
    Dimension::AgeGroup,
    Dimension::Gender,
];

/// Runs `f` on one thread and on two, and checks that both give the same.
fn on_one_and_two_threads<T>(f: impl Fn() -> T + Send + Sync) -> T
where
    T: PartialEq + std::fmt::Debug + Send,
{
    let pool = |n| {
        rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .build()
            .unwrap()
    };
    let one = pool(1).install(&f);
    let two = pool(2).install(&f);
    assert_eq!(one, two);
    one
}

/// The JSON of a value: equal JSON means equal doubles, bit for bit (serde_json writes
/// the shortest text that reads back as the same double).
fn json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap()
}

/// One GAS goal, drawn: client, implementation (if any), day set, weight, level reached
/// (−2..=2, or 3 for not evaluated).
type DrawnGoal = (u8, Option<u8>, u16, u8, i8);

fn goals(drawn: &[DrawnGoal]) -> Vec<GasGoal> {
    drawn
        .iter()
        .enumerate()
        .map(|(k, &(c, implementation, d, weight, level))| {
            let goal = GasGoal::new(
                format!("G{k}").parse().unwrap(),
                client(c),
                "Tavoite".parse().unwrap(),
                day(d),
            )
            .unwrap()
            .with_weight(GasWeight::new(weight).unwrap());
            let goal = match implementation {
                Some(i) => goal.with_implementation(format!("P{i}").parse().unwrap()),
                None => goal,
            };
            if level == 3 {
                goal
            } else {
                goal.evaluated(GasLevel::new(level).unwrap(), day(d + 60))
                    .unwrap()
            }
        })
        .collect()
}

fn drawn_goals() -> impl Strategy<Value = Vec<DrawnGoal>> {
    let one = (
        0u8..25,
        prop::option::of(0u8..3),
        0u16..200,
        1u8..=3,
        -2i8..=3,
    );
    prop::collection::vec(one, 0..300)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn paired_scores_are_the_naive_pairing(
        mut drawn in drawn_administrations(),
        layout in layouts(),
    ) {
        lay_out(&mut drawn, layout, |d| (d.0, d.1));
        let data = administrations(&drawn);
        let phq9 = builtin::phq9();
        let expected = naive_pairing(&data);
        let pairing = on_one_and_two_threads(|| {
            PairedScores::new(&phq9, &data).unwrap().to_pairing()
        });
        prop_assert_eq!(plain(&pairing), expected);
        prop_assert_eq!(&pair_administrations(&phq9, &data).unwrap(), &pairing);
        let scores = PairedScores::new(&phq9, &data).unwrap();
        prop_assert_eq!(scores.baselines(), baseline_scores(&pairing));
        // SD₀ read from the scores is that of the list, bit for bit (PHQ-9 has no norms).
        prop_assert_eq!(
            Yardsticks::for_scores(&phq9, &scores),
            Yardsticks::for_instrument(&phq9, &scores.baselines())
        );
        prop_assert_eq!(scores.invalid_scores(), pairing.invalid_scores);
        prop_assert_eq!(
            (scores.pair_count(), scores.dropout_count()),
            (pairing.pairs.len(), pairing.dropouts.len())
        );
    }

    #[test]
    fn outcome_table_of_scores_is_the_table_of_rows(
        drawn in drawn_administrations(),
        dimensions in (prop::sample::select(&DIMENSIONS[..]), prop::sample::select(&DIMENSIONS[..])),
    ) {
        let data = administrations(&drawn);
        let phq9 = builtin::phq9();
        let implementations = implementations();
        let context = EvaluationContext::new(&implementations, &[]);
        let rule = DisclosureRule::default();
        let pairing = pair_administrations(&phq9, &data).unwrap();
        let yardsticks = Yardsticks::for_instrument(&phq9, &baseline_scores(&pairing));
        for (rows, columns) in [
            (Dimension::Area, Dimension::Month),
            (Dimension::AgeGroup, Dimension::Quarter),
            dimensions,
        ] {
            let of_rows = OutcomeSummary::table(
                &phq9, &pairing, &context, rows, columns, &yardsticks, rule,
            );
            let of_scores = on_one_and_two_threads(|| {
                let scores = PairedScores::new(&phq9, &data).unwrap();
                OutcomeSummary::table_of_scores(
                    &phq9, &scores, &context, rows, columns, &yardsticks, rule,
                )
                .map(|t| json(&t))
                .map_err(|e| e.to_string())
            });
            prop_assert_eq!(
                of_scores,
                of_rows.map(|t| json(&t)).map_err(|e| e.to_string())
            );
        }
    }

    #[test]
    fn client_gas_scores_are_the_naive_t_scores(
        mut drawn in drawn_goals(),
        layout in layouts(),
    ) {
        lay_out(&mut drawn, layout, |d| (d.0, d.1));
        let data = goals(&drawn);
        let scoring = GasScoring::default();
        // Per (client, implementation) in order of first appearance: the goal set first
        // (first on a tie) and the T-score of the evaluated goals.
        let mut order: Vec<(String, Option<String>)> = Vec::new();
        let mut tracks: BTreeMap<(String, Option<String>), Vec<&GasGoal>> = BTreeMap::new();
        for g in &data {
            let key = (
                g.client().id().as_str().to_owned(),
                g.implementation().map(|i| i.as_str().to_owned()),
            );
            if !tracks.contains_key(&key) {
                order.push(key.clone());
            }
            tracks.entry(key).or_default().push(g);
        }
        let expected: Vec<(String, Option<String>, Date, u64)> = order
            .iter()
            .filter_map(|key| {
                let goals = &tracks[key];
                let t = scoring.follow_up_t_score(goals.iter().copied()).ok()?;
                let first = goals.iter().min_by_key(|g| g.set_on())?;
                Some((key.0.clone(), key.1.clone(), first.set_on(), t.to_bits()))
            })
            .collect();
        let clients = on_one_and_two_threads(|| {
            ClientGasScores::new(&data, &scoring).to_clients()
        });
        prop_assert_eq!(&clients, &GasSummary::client_scores(&data, &scoring));
        let got: Vec<(String, Option<String>, Date, u64)> = clients
            .iter()
            .map(|c| (
                c.client.id().as_str().to_owned(),
                c.implementation.as_ref().map(|i| i.as_str().to_owned()),
                c.set_on,
                c.t_score.to_bits(),
            ))
            .collect();
        prop_assert_eq!(got, expected);
        let scores = ClientGasScores::new(&data, &scoring);
        prop_assert_eq!(scores.len(), clients.len());
        prop_assert!(scores.t_scores().map(f64::to_bits).eq(clients.iter().map(|c| c.t_score.to_bits())));
    }

    #[test]
    fn gas_table_of_scores_is_the_table_of_rows(
        drawn in drawn_goals(),
        dimensions in (prop::sample::select(&DIMENSIONS[..]), prop::sample::select(&DIMENSIONS[..])),
    ) {
        let data = goals(&drawn);
        let scoring = GasScoring::default();
        let implementations = implementations();
        let context = EvaluationContext::new(&implementations, &[]);
        let rule = DisclosureRule::default();
        let clients = GasSummary::client_scores(&data, &scoring);
        for (rows, columns) in [
            (Dimension::Area, Dimension::Month),
            (Dimension::AgeGroup, Dimension::Quarter),
            dimensions,
        ] {
            let of_rows = GasSummary::table(&clients, &context, rows, columns, rule);
            let of_scores = on_one_and_two_threads(|| {
                let scores = ClientGasScores::new(&data, &scoring);
                GasSummary::table_of_scores(&scores, &context, rows, columns, rule)
                    .map(|t| json(&t))
                    .map_err(|e| e.to_string())
            });
            prop_assert_eq!(
                of_scores,
                of_rows.map(|t| json(&t)).map_err(|e| e.to_string())
            );
        }
    }
}
