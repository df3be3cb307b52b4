//! Built-in instrument definitions.
//!
//! Only the *structure and scoring* of instruments are defined here: item ids, scales,
//! scoring rule, direction and published psychometrics. Item wording is never reproduced.
//! Instruments that are free to use are marked so in their `source`; for licensed ones,
//! the `licence` field names the licence holder, and users need their own licence to
//! administer them.
//!
//! | function | instrument | items | total | better |
//! |---|---|---|---|---|
//! | [`phq9`] | Patient Health Questionnaire-9 (depression) | 9 × 0–3 | 0–27 | lower |
//! | [`gad7`] | Generalized Anxiety Disorder-7 | 7 × 0–3 | 0–21 | lower |
//! | [`who5`] | WHO-5 Well-Being Index | 5 × 0–5 | 0–25 | higher |
//! | [`k10`] | Kessler Psychological Distress Scale | 10 × 1–5 | 10–50 | lower |
//! | [`ors`] | Outcome Rating Scale (licensed) | 4 × 0–10 | 0–40 | higher |
//!
//! Goal Attainment Scaling has no items; its scoring is [`GasScoring`](crate::GasScoring).
//! Reliability is given only where the instrument's own validation paper reports it; the
//! others can be completed by the user (the definitions are plain data).

// The `expect`s below are on constants of this module, every one exercised by its tests;
// the functions cannot panic.
#![allow(clippy::missing_panics_doc)]

use rakenne_model::{ItemScore, Labels};
use rust_decimal::Decimal;

use crate::{
    Cutoff, Direction, InstrumentDefinition, ItemDefinition, Reliability, ReliabilityKind,
    ScoringRule,
};

/// Every built-in definition.
pub fn all() -> Vec<InstrumentDefinition> {
    vec![phq9(), gad7(), who5(), k10(), ors()]
}

/// Items `q1` … `q{n}` scored `min`–`max`.
fn numbered_items(n: u32, min: i16, max: i16) -> Vec<ItemDefinition> {
    (1..=n)
        .map(|i| {
            ItemDefinition::new(
                format!("q{i}").parse().expect("q1…q99 are valid item ids"),
                ItemScore::from_int(min).expect("built-in scale bounds are valid scores"),
                ItemScore::from_int(max).expect("built-in scale bounds are valid scores"),
            )
        })
        .collect()
}

fn labels(fi: &'static str, sv: &'static str, en: &'static str) -> Labels {
    Labels::from_static(fi, Some(sv), Some(en))
}

fn cutoff(score: i64, label: Labels) -> Cutoff {
    Cutoff {
        score: Decimal::from(score),
        label,
    }
}

/// Builds a built-in definition; the definitions are constants of this module, checked by
/// its tests, so failing here is a bug in rakenne.
fn definition(
    id: &str,
    name: Labels,
    items: Vec<ItemDefinition>,
    scoring: ScoringRule,
    direction: Direction,
) -> InstrumentDefinition {
    InstrumentDefinition::new(
        id.parse().expect("built-in instrument ids are valid"),
        "1.0",
        name,
        items,
        scoring,
        direction,
    )
    .expect("built-in definitions are valid (tested)")
}

/// PHQ-9, the Patient Health Questionnaire depression module: 9 items scored 0–3, total
/// 0–27, lower is better. Severity bands 5, 10, 15, 20; Cronbach's α = 0.89 (Kroenke,
/// Spitzer & Williams 2001). Free to use (developed with a grant from Pfizer, which
/// requires no permission).
///
/// # Example
/// ```
/// use rakenne_metrics::builtin;
/// use rust_decimal::Decimal;
///
/// let phq9 = builtin::phq9();
/// assert_eq!(phq9.score_range(), (Decimal::ZERO, Decimal::from(27)));
/// assert_eq!(phq9.cutoffs.len(), 4);
/// ```
pub fn phq9() -> InstrumentDefinition {
    let mut d = definition(
        "PHQ-9",
        labels(
            "PHQ-9 masennusoirekysely",
            "PHQ-9 depressionsformulär",
            "Patient Health Questionnaire-9",
        ),
        numbered_items(9, 0, 3),
        ScoringRule::Sum,
        Direction::LowerIsBetter,
    );
    d.reliability = Some(Reliability {
        coefficient: 0.89,
        kind: ReliabilityKind::CronbachAlpha,
        source:
            "Kroenke K, Spitzer RL, Williams JBW (2001). The PHQ-9. J Gen Intern Med 16:606–613."
                .into(),
    });
    d.clinical_cutoff = Some(Decimal::from(10));
    d.cutoffs = vec![
        cutoff(5, labels("Lievä", "Lindrig", "Mild")),
        cutoff(10, labels("Kohtalainen", "Måttlig", "Moderate")),
        cutoff(15, labels("Melko vaikea", "Medelsvår", "Moderately severe")),
        cutoff(20, labels("Vaikea", "Svår", "Severe")),
    ];
    d.source = Some(
        "Kroenke K, Spitzer RL, Williams JBW (2001). J Gen Intern Med 16:606–613. Free to use."
            .into(),
    );
    d
}

/// GAD-7, the Generalized Anxiety Disorder scale: 7 items scored 0–3, total 0–21, lower is
/// better. Bands 5, 10, 15; Cronbach's α = 0.92 (Spitzer, Kroenke, Williams & Löwe 2006).
/// Free to use.
///
/// # Example
/// ```
/// use rakenne_metrics::builtin;
/// use rust_decimal::Decimal;
///
/// assert_eq!(builtin::gad7().score_range(), (Decimal::ZERO, Decimal::from(21)));
/// ```
pub fn gad7() -> InstrumentDefinition {
    let mut d = definition(
        "GAD-7",
        labels(
            "GAD-7 ahdistuneisuusoirekysely",
            "GAD-7 ångestformulär",
            "Generalized Anxiety Disorder-7",
        ),
        numbered_items(7, 0, 3),
        ScoringRule::Sum,
        Direction::LowerIsBetter,
    );
    d.reliability = Some(Reliability {
        coefficient: 0.92,
        kind: ReliabilityKind::CronbachAlpha,
        source:
            "Spitzer RL, Kroenke K, Williams JBW, Löwe B (2006). Arch Intern Med 166:1092–1097."
                .into(),
    });
    d.clinical_cutoff = Some(Decimal::from(10));
    d.cutoffs = vec![
        cutoff(5, labels("Lievä", "Lindrig", "Mild")),
        cutoff(10, labels("Kohtalainen", "Måttlig", "Moderate")),
        cutoff(15, labels("Vaikea", "Svår", "Severe")),
    ];
    d.source = Some(
        "Spitzer RL, Kroenke K, Williams JBW, Löwe B (2006). Arch Intern Med 166:1092–1097. \
         Free to use."
            .into(),
    );
    d
}

/// WHO-5 Well-Being Index: 5 items scored 0–5, raw total 0–25 (× 4 gives the 0–100
/// percentage score), higher is better. A raw score below 13 indicates poor wellbeing
/// (Topp, Østergaard, Søndergaard & Bech 2015). Free to use (WHO Collaborating Centre in
/// Mental Health, Psychiatric Centre North Zealand).
///
/// # Example
/// ```
/// use rakenne_metrics::{Direction, builtin};
///
/// assert_eq!(builtin::who5().direction, Direction::HigherIsBetter);
/// ```
pub fn who5() -> InstrumentDefinition {
    let mut d = definition(
        "WHO-5",
        labels(
            "WHO-5 hyvinvointi-indeksi",
            "WHO-5 välbefinnandeindex",
            "WHO-5 Well-Being Index",
        ),
        numbered_items(5, 0, 5),
        ScoringRule::Sum,
        Direction::HigherIsBetter,
    );
    d.clinical_cutoff = Some(Decimal::from(13));
    d.cutoffs = vec![cutoff(
        13,
        labels(
            "Ei viitettä heikentyneestä hyvinvoinnista",
            "Inget tecken på nedsatt välbefinnande",
            "No indication of poor wellbeing",
        ),
    )];
    d.source = Some(
        "Topp CW, Østergaard SD, Søndergaard S, Bech P (2015). The WHO-5 Well-Being Index: a \
         systematic review of the literature. Psychother Psychosom 84:167–176. Free to use."
            .into(),
    );
    d
}

/// K10, the Kessler Psychological Distress Scale: 10 items scored 1–5, total 10–50, lower
/// is better. Bands 16 (moderate), 22 (high), 30 (very high) (Andrews & Slade 2001).
/// Free to use.
///
/// # Example
/// ```
/// use rakenne_metrics::builtin;
/// use rust_decimal::Decimal;
///
/// assert_eq!(builtin::k10().score_range(), (Decimal::from(10), Decimal::from(50)));
/// ```
pub fn k10() -> InstrumentDefinition {
    let mut d = definition(
        "K10",
        labels(
            "K10 psyykkisen kuormittuneisuuden mittari",
            "K10 skala för psykisk belastning",
            "Kessler Psychological Distress Scale",
        ),
        numbered_items(10, 1, 5),
        ScoringRule::Sum,
        Direction::LowerIsBetter,
    );
    d.cutoffs = vec![
        cutoff(16, labels("Kohtalainen", "Måttlig", "Moderate")),
        cutoff(22, labels("Korkea", "Hög", "High")),
        cutoff(30, labels("Erittäin korkea", "Mycket hög", "Very high")),
    ];
    d.source = Some(
        "Kessler RC et al. (2002). Psychol Med 32:959–976; bands: Andrews G, Slade T (2001). \
         Aust N Z J Public Health 25:494–497. Free to use."
            .into(),
    );
    d
}

/// ORS, the Outcome Rating Scale: 4 visual-analogue items (individual, interpersonal,
/// social, overall wellbeing) read 0–10 to one decimal, total 0–40, higher is better.
/// Clinical cut-off 25 for adults; Cronbach's α = 0.93 (Miller, Duncan, Brown, Sparks &
/// Claud 2003). **Licensed**: © Scott D. Miller and Barry L. Duncan; only the structure is
/// given here.
///
/// # Example
/// ```
/// use rakenne_metrics::builtin;
///
/// let ors = builtin::ors();
/// assert!(ors.licence.is_some());
/// assert_eq!(ors.items.len(), 4);
/// ```
pub fn ors() -> InstrumentDefinition {
    let items = ["individual", "interpersonal", "social", "overall"]
        .into_iter()
        .map(|id| {
            ItemDefinition::new(
                id.parse().expect("ORS item ids are valid"),
                ItemScore::from_int(0).expect("0 is a valid score"),
                ItemScore::from_int(10).expect("10 is a valid score"),
            )
        })
        .collect();
    let mut d = definition(
        "ORS",
        labels(
            "ORS – Outcome Rating Scale",
            "ORS – Outcome Rating Scale",
            "Outcome Rating Scale",
        ),
        items,
        ScoringRule::Sum,
        Direction::HigherIsBetter,
    );
    d.reliability = Some(Reliability {
        coefficient: 0.93,
        kind: ReliabilityKind::CronbachAlpha,
        source: "Miller SD, Duncan BL, Brown J, Sparks JA, Claud DA (2003). J Brief Ther 2:91–100."
            .into(),
    });
    d.clinical_cutoff = Some(Decimal::from(25));
    d.source = Some(
        "Miller SD, Duncan BL, Brown J, Sparks JA, Claud DA (2003). The Outcome Rating Scale. \
         J Brief Ther 2:91–100."
            .into(),
    );
    d.licence = Some(
        "© Scott D. Miller and Barry L. Duncan. Licensed: organisations need a licence to use \
         the ORS; item wording is not included here."
            .into(),
    );
    d
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_builtin_is_valid_and_round_trips() {
        for d in all() {
            d.check().unwrap();
            let json = serde_json::to_string(&d).unwrap();
            let back: InstrumentDefinition = serde_json::from_str(&json).unwrap();
            assert_eq!(back, d, "{}", d.id);
        }
    }

    #[test]
    fn score_ranges_are_the_published_ones() {
        let range = |d: InstrumentDefinition| {
            let (lo, hi) = d.score_range();
            (lo.to_string(), hi.to_string())
        };
        assert_eq!(range(phq9()), ("0".into(), "27".into()));
        assert_eq!(range(gad7()), ("0".into(), "21".into()));
        assert_eq!(range(who5()), ("0".into(), "25".into()));
        assert_eq!(range(k10()), ("10".into(), "50".into()));
        assert_eq!(range(ors()), ("0".into(), "40".into()));
    }
}
