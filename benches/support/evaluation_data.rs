//! Synthetic, seeded evaluation data at national scale, shared by `benches/evaluate.rs`
//! and `examples/evaluation_bench_data.rs` (which writes it as CSV for the Python
//! comparison pipeline in `benches/compare/evaluate_pandas.py`).
//!
//! One operating-model pilot in each of the 22 organisers of social care. Each client
//! answers the PHQ-9 at baseline (a date in 2025) and, unless they drop out (15 %), at
//! follow-up 60–150 days later; baseline severity varies by area and clients improve by
//! about 3 points on average. A few items are left unanswered (0.3 % each), which makes
//! some totals invalid. Each client also has 2–3 GAS goals evaluated at follow-up.
//! Nothing here is real data.

// Shared by a bench and an example, each of which uses a different part.
#![allow(dead_code)]

use std::fmt::Write as _;

use rakenne::model::{
    AgeGroup, Client, CodeList, GasGoal, GasLevel, GasWeight, Gender, Implementation,
    InstrumentAdministration, ItemResponse, ItemScore, MissingReason, ModelTheme, Occasion,
    OperatingModel, WelfareArea,
};
use rand::seq::SliceRandom;
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use time::{Date, Duration, Month};

/// The generated records.
pub(crate) struct EvaluationData {
    pub(crate) models: Vec<OperatingModel>,
    pub(crate) implementations: Vec<Implementation>,
    pub(crate) administrations: Vec<InstrumentAdministration>,
    pub(crate) goals: Vec<GasGoal>,
}

/// Clients needed for about `administrations` administrations (1.85 per client).
pub(crate) fn clients_for(administrations: usize) -> usize {
    administrations * 100 / 185
}

/// An approximately normal draw (sum of four uniforms, mean 0, SD 1).
fn normal(rng: &mut ChaCha8Rng) -> f64 {
    let sum: f64 = (0..4).map(|_| rng.random::<f64>()).sum();
    (sum - 2.0) * 3f64.sqrt()
}

/// PHQ-9 item scores for a latent total: each item near total/9, 0–3.
fn phq9_items(rng: &mut ChaCha8Rng, latent: f64) -> Vec<ItemResponse> {
    (1..=9)
        .map(|i| {
            let item = format!("q{i}").parse().expect("q1..q9 are item ids");
            if rng.random_bool(0.003) {
                ItemResponse::missing(item, MissingReason::NotAnswered)
            } else {
                let value = (latent / 9.0 + normal(rng) * 0.6).round().clamp(0.0, 3.0);
                // value is 0..=3, an exact small integer.
                #[allow(clippy::cast_possible_truncation)]
                let score = ItemScore::from_int(value as i16).expect("0..=3 is a valid score");
                ItemResponse::scored(item, score)
            }
        })
        .collect()
}

/// Generates the data for `clients` clients with `seed`.
pub(crate) fn generate(clients: usize, seed: u64) -> EvaluationData {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let model = OperatingModel::builder(
        "olohuone".parse().expect("valid id"),
        rakenne::model::Labels::new("Sosiaalityön olohuone").expect("valid label"),
        ModelTheme::LowThreshold,
    )
    .build()
    .expect("valid model");
    let year: rakenne::model::ReportingPeriod = "2025".parse().expect("valid period");
    let areas: Vec<&WelfareArea> = WelfareArea::organisers().collect();
    let implementations: Vec<Implementation> = areas
        .iter()
        .map(|area| {
            Implementation::builder(
                format!("{}-olohuone", area.code())
                    .parse()
                    .expect("valid id"),
                model.id().clone(),
                area.code(),
                year,
            )
            .build()
            .expect("valid implementation")
        })
        .collect();
    let start = Date::from_calendar_date(2025, Month::January, 1).expect("valid date");
    let mut administrations = Vec::with_capacity(clients * 2);
    let mut goals = Vec::with_capacity(clients * 3);
    for c in 0..clients {
        let a = rng.random_range(0..areas.len());
        // Areas differ: baseline severity 9–14 by area, improvement 2–4 points.
        let area_severity = 9.0 + f64::from(u8::try_from(a % 6).expect("below 6"));
        let area_effect = 2.0 + f64::from(u8::try_from(a % 3).expect("below 3"));
        let mut client = Client::new(format!("C{c:07}").parse().expect("valid id"));
        client = client.with_age_group(*rng_choice(&mut rng, AgeGroup::all()));
        if rng.random_bool(0.9) {
            client = client.with_gender(*rng_choice(&mut rng, Gender::all()));
        }
        let implementation = implementations[a].id().clone();
        let baseline_on = start + Duration::days(rng.random_range(0..365));
        let latent = (area_severity + normal(&mut rng) * 5.0).clamp(0.0, 27.0);
        administrations.push(
            InstrumentAdministration::new(
                format!("M{c:07}a").parse().expect("valid id"),
                "PHQ-9".parse().expect("valid id"),
                client.clone(),
                baseline_on,
                Occasion::Baseline,
                phq9_items(&mut rng, latent),
            )
            .expect("valid administration")
            .with_implementation(implementation.clone()),
        );
        let followed = rng.random_bool(0.85);
        let follow_up_on = baseline_on + Duration::days(rng.random_range(60..150));
        if followed {
            let latent = (latent - area_effect + normal(&mut rng) * 4.0).clamp(0.0, 27.0);
            administrations.push(
                InstrumentAdministration::new(
                    format!("M{c:07}b").parse().expect("valid id"),
                    "PHQ-9".parse().expect("valid id"),
                    client.clone(),
                    follow_up_on,
                    Occasion::FollowUp,
                    phq9_items(&mut rng, latent),
                )
                .expect("valid administration")
                .with_implementation(implementation.clone()),
            );
        }
        for g in 0..rng.random_range(2..=3) {
            let goal = GasGoal::new(
                format!("G{c:07}-{g}").parse().expect("valid id"),
                client.clone(),
                "Tavoite".parse().expect("valid text"),
                baseline_on,
            )
            .expect("valid goal")
            .with_implementation(implementation.clone())
            .with_weight(GasWeight::new(rng.random_range(1..=3)).expect("1..=3"));
            let goal = if followed {
                let level =
                    GasLevel::new([-2i8, -1, -1, 0, 0, 0, 0, 1, 1, 2][rng.random_range(0..10)])
                        .expect("-2..=2");
                goal.evaluated(level, follow_up_on)
                    .expect("evaluated after set")
            } else {
                goal
            };
            goals.push(goal);
        }
    }
    EvaluationData {
        models: vec![model],
        implementations,
        administrations,
        goals,
    }
}

/// Shuffles the administrations and the goals (seeded), so that a client's records are
/// no longer together. The records are then copied in their new order, so that their
/// heap parts (item responses) lie in memory in that order too, as they would for records
/// read from a file in that order.
pub(crate) fn shuffle(data: &mut EvaluationData, seed: u64) {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    data.administrations.shuffle(&mut rng);
    data.goals.shuffle(&mut rng);
    data.administrations = data.administrations.clone();
    data.goals = data.goals.clone();
}

fn rng_choice<'a, T>(rng: &mut ChaCha8Rng, items: &'a [T]) -> &'a T {
    &items[rng.random_range(0..items.len())]
}

/// The administrations as CSV: one row per administration, items `q1`…`q9` empty when
/// missing; and the goals as CSV.
pub(crate) fn to_csv(data: &EvaluationData) -> (String, String) {
    let mut admin = String::from(
        "measurement_id,client,implementation,area,administered_on,occasion,q1,q2,q3,q4,q5,q6,q7,q8,q9\n",
    );
    let area_of = |implementation: &str| {
        implementation
            .split('-')
            .next()
            .unwrap_or_default()
            .to_owned()
    };
    for a in &data.administrations {
        let implementation = a
            .implementation()
            .map(ToString::to_string)
            .unwrap_or_default();
        let _ = write!(
            admin,
            "{},{},{},{},{},{}",
            a.id(),
            a.client().id(),
            implementation,
            area_of(&implementation),
            a.administered_on(),
            a.occasion()
        );
        for i in 1..=9 {
            let item = format!("q{i}").parse().expect("valid id");
            let value = a
                .response(&item)
                .and_then(|r| r.value().score())
                .map(|s| s.to_string())
                .unwrap_or_default();
            let _ = write!(admin, ",{value}");
        }
        admin.push('\n');
    }
    let mut goals = String::from(
        "goal_id,client,implementation,area,set_on,weight,follow_up_level,evaluated_on\n",
    );
    for g in &data.goals {
        let implementation = g
            .implementation()
            .map(ToString::to_string)
            .unwrap_or_default();
        let _ = writeln!(
            goals,
            "{},{},{},{},{},{},{},{}",
            g.id(),
            g.client().id(),
            implementation,
            area_of(&implementation),
            g.set_on(),
            g.weight().value(),
            g.follow_up_level()
                .map(|l| l.value().to_string())
                .unwrap_or_default(),
            g.evaluated_on().map(|d| d.to_string()).unwrap_or_default(),
        );
    }
    (admin, goals)
}
