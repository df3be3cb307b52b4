//! The national comparison (kansallinen vertailu) of a combined national document.
//!
//! At the national level the areas are compared and the pilots of one operating model in
//! different areas are evaluated together. From a national document (see
//! [`rakenne_schema::combine`]) this computes: the social reports by area and theme; for
//! every operating model and instrument, the mean change of each area's clients and the
//! areas pooled by a random-effects meta-analysis ([`MetaAnalysis`]); and reach and goal
//! attainment by area.
//!
//! Disclosure control runs over each whole national table (operating model × area for the
//! outcomes, area × year for reach and goals), so that a cell suppressed in one area cannot
//! be recovered from the national totals. A suppressed area is left out of the pooling
//! too: with the other areas' figures, the pooled estimate would give it away.

use std::collections::BTreeMap;

use rakenne_metrics::{
    Dimension, Evaluation, EvaluationOptions, GroupKey, MetaAnalysis, Published, ResultTable,
    StudyEffect, builtin,
};
use rakenne_model::{CodeList, Lang, PhenomenonTheme, WelfareAreaCode};
use rakenne_schema::Document;
use rust_decimal::prelude::ToPrimitive;
use serde::Serialize;

use crate::Error;
use crate::effectiveness::{Interval, Share};
use crate::view::CodeLabel;

/// Themes shown as columns of the area table; the rest are summed in "other".
const THEME_COLUMNS: usize = 3;

/// The data of the national comparison report.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct NationalComparison {
    /// Number of areas' files combined.
    pub sources: u64,
    /// Social reports in all.
    pub total_reports: u64,
    /// The most frequent themes nationally: the columns of [`AreaReports::by_theme`].
    pub themes: Vec<CodeLabel>,
    /// Social reports by area, in area code order.
    pub areas: Vec<AreaReports>,
    /// Every organiser of social care for the map, in code order.
    pub map: Vec<MapTile>,
    /// Each operating model's pilots on each instrument, pooled across areas.
    pub pilots: Vec<PooledPilot>,
    /// Reach and goal attainment by area.
    pub by_area: Vec<AreaFigures>,
    /// The smallest number of persons a published figure is based on.
    pub min_persons: u64,
}

/// An area's social reports.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct AreaReports {
    /// The area.
    pub area: CodeLabel,
    /// A short name for maps: the region's name (`Pirkanmaa`, `Birkaland`).
    pub short: String,
    /// Its social reports.
    pub reports: u64,
    /// Its reports on each of [`NationalComparison::themes`].
    pub by_theme: Vec<u64>,
    /// Its reports on the other themes (a report with several themes counts under each).
    pub other_themes: u64,
    /// Its most frequent theme.
    pub top_theme: Option<CodeLabel>,
}

/// An organiser of social care on the map.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct MapTile {
    /// The area.
    pub area: CodeLabel,
    /// Its short name.
    pub short: String,
    /// Its social reports; `None` when no file of the area was combined.
    pub reports: Option<u64>,
}

/// One operating model's outcomes on one instrument, area by area and pooled.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct PooledPilot {
    /// The operating model's id.
    pub model_id: String,
    /// Its name.
    pub model: String,
    /// The instrument's id.
    pub instrument_id: String,
    /// The instrument's name.
    pub instrument: String,
    /// Whether higher scores are better.
    pub higher_is_better: bool,
    /// Each area's pilot.
    pub areas: Vec<PilotArea>,
    /// All the model's clients on the instrument as one group (disclosure permitting).
    pub all_clients: Option<PilotArea>,
    /// The areas pooled; absent when fewer than two areas are published.
    pub pooled: Option<Pooled>,
}

/// One area's pilot: the mean change of its clients.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct PilotArea {
    /// The area (or, for all clients, a label for the whole country).
    pub area: CodeLabel,
    /// Whether disclosure control hid the figures.
    pub suppressed: bool,
    /// Clients with a baseline and a follow-up.
    pub clients: Option<u64>,
    /// Mean change with its 95 % confidence interval (t distribution).
    pub change: Option<Interval>,
    /// Its share of the random-effects weight, when pooled.
    pub weight: Option<f64>,
}

/// The meta-analysis of the areas' mean changes.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct Pooled {
    /// Areas pooled.
    pub areas: u64,
    /// Fixed-effect estimate with its 95 % CI.
    pub fixed: Interval,
    /// Random-effects (DerSimonian–Laird) estimate with its 95 % CI.
    pub random: Interval,
    /// p-value of the random-effects estimate.
    pub p: f64,
    /// Between-area variance τ².
    pub tau2: f64,
    /// I², 0…1.
    pub i2: f64,
    /// Cochran's Q.
    pub q: f64,
    /// Its degrees of freedom.
    pub q_df: u64,
    /// Its p-value.
    pub q_p: f64,
}

/// Reach and goal attainment of one area.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct AreaFigures {
    /// The area.
    pub area: CodeLabel,
    /// Whether disclosure control hid the reach figures.
    pub reach_suppressed: bool,
    /// Clients reached.
    pub clients_reached: Option<u64>,
    /// Median days from first contact to service start.
    pub median_days_to_start: Option<f64>,
    /// Whether disclosure control hid the goal figures.
    pub goals_suppressed: bool,
    /// Clients with evaluated goals.
    pub goal_clients: Option<u64>,
    /// Their mean GAS T-score.
    pub mean_t: Option<f64>,
    /// Clients with a T-score of at least 50.
    pub t_at_least_50: Option<Share>,
}

impl NationalComparison {
    /// The comparison of `document` (typically combined from the areas' files) in `lang`,
    /// under the disclosure rule and GAS scoring of `options` (its dimensions are not
    /// used).
    ///
    /// # Example
    /// ```
    /// use rakenne_metrics::EvaluationOptions;
    /// use rakenne_model::Lang;
    /// use rakenne_report::NationalComparison;
    /// use rakenne_schema::Sample;
    ///
    /// let document = Sample::new(7).clients(300).document();
    /// let national = NationalComparison::of(&document, &EvaluationOptions::default(), Lang::Fi)?;
    /// assert_eq!(national.total_reports, document.social_reports.len() as u64);
    /// # Ok::<(), rakenne_report::Error>(())
    /// ```
    pub fn of(document: &Document, options: &EvaluationOptions, lang: Lang) -> Result<Self, Error> {
        let (themes, areas) = area_reports(document, lang);
        let input = document.evaluation_input();
        let outcomes = Evaluation::of(
            &input,
            &EvaluationOptions::by(Dimension::OperatingModel, Dimension::Area)
                .with_rule(options.rule)
                .with_gas(options.gas),
        )?;
        let by_area = Evaluation::of(
            &input,
            &EvaluationOptions::by(Dimension::Area, Dimension::Year)
                .with_rule(options.rule)
                .with_gas(options.gas),
        )?;
        Ok(NationalComparison {
            sources: document.header.sources.len() as u64,
            total_reports: document.social_reports.len() as u64,
            themes,
            map: map_tiles(&areas, lang),
            areas,
            pilots: pilots(document, &outcomes, lang)?,
            by_area: area_figures(&by_area, lang),
            min_persons: options.rule.min_persons(),
        })
    }
}

/// An area's code and name.
fn area_label(code: WelfareAreaCode, lang: Lang) -> CodeLabel {
    CodeLabel {
        code: code.to_string(),
        label: code.area().name(lang).text().to_owned(),
    }
}

/// Short names of the 22 organisers of social care for maps — the region's name rather
/// than the organisation's — in Finnish, Swedish and English.
const SHORT_NAMES: [(&str, &str, &str, &str); 22] = [
    ("01", "Itä-Uusimaa", "Östra Nyland", "East Uusimaa"),
    ("02", "Keski-Uusimaa", "Mellersta Nyland", "Central Uusimaa"),
    ("03", "Länsi-Uusimaa", "Västra Nyland", "West Uusimaa"),
    ("04", "Vantaa–Kerava", "Vanda–Kervo", "Vantaa–Kerava"),
    (
        "05",
        "Varsinais-Suomi",
        "Egentliga Finland",
        "Southwest Finland",
    ),
    ("06", "Satakunta", "Satakunta", "Satakunta"),
    ("07", "Kanta-Häme", "Egentliga Tavastland", "Kanta-Häme"),
    ("08", "Pirkanmaa", "Birkaland", "Pirkanmaa"),
    ("09", "Päijät-Häme", "Päijänne-Tavastland", "Päijät-Häme"),
    ("10", "Kymenlaakso", "Kymmenedalen", "Kymenlaakso"),
    ("11", "Etelä-Karjala", "Södra Karelen", "South Karelia"),
    ("12", "Etelä-Savo", "Södra Savolax", "South Savo"),
    ("13", "Pohjois-Savo", "Norra Savolax", "North Savo"),
    ("14", "Pohjois-Karjala", "Norra Karelen", "North Karelia"),
    ("15", "Keski-Suomi", "Mellersta Finland", "Central Finland"),
    (
        "16",
        "Etelä-Pohjanmaa",
        "Södra Österbotten",
        "South Ostrobothnia",
    ),
    ("17", "Pohjanmaa", "Österbotten", "Ostrobothnia"),
    (
        "18",
        "Keski-Pohjanmaa",
        "Mellersta Österbotten",
        "Central Ostrobothnia",
    ),
    (
        "19",
        "Pohjois-Pohjanmaa",
        "Norra Österbotten",
        "North Ostrobothnia",
    ),
    ("20", "Kainuu", "Kajanaland", "Kainuu"),
    ("21", "Lappi", "Lappland", "Lapland"),
    ("90", "Helsinki", "Helsingfors", "Helsinki"),
];

/// The short name of `code` in `lang`; the full name for an area without one (Åland).
fn short_name(code: WelfareAreaCode, lang: Lang) -> String {
    SHORT_NAMES
        .iter()
        .find(|(c, ..)| *c == code.as_str())
        .map_or_else(
            || code.area().name(lang).text().to_owned(),
            |&(_, fi, sv, en)| match lang {
                Lang::Sv => sv.to_owned(),
                Lang::En => en.to_owned(),
                _ => fi.to_owned(),
            },
        )
}

/// Every organiser of social care with its social reports (`None` when no file of it was
/// combined), for the map.
fn map_tiles(areas: &[AreaReports], lang: Lang) -> Vec<MapTile> {
    SHORT_NAMES
        .iter()
        .filter_map(|(code, ..)| code.parse::<WelfareAreaCode>().ok())
        .map(|code| MapTile {
            area: area_label(code, lang),
            short: short_name(code, lang),
            reports: areas
                .iter()
                .find(|a| a.area.code == code.as_str())
                .map(|a| a.reports),
        })
        .collect()
}

fn area_reports(document: &Document, lang: Lang) -> (Vec<CodeLabel>, Vec<AreaReports>) {
    let mut national: BTreeMap<PhenomenonTheme, u64> = BTreeMap::new();
    let mut by_area: BTreeMap<WelfareAreaCode, BTreeMap<PhenomenonTheme, u64>> = BTreeMap::new();
    let mut reports: BTreeMap<WelfareAreaCode, u64> = BTreeMap::new();
    for report in &document.social_reports {
        *reports.entry(report.area()).or_default() += 1;
        for &theme in report.themes() {
            *national.entry(theme).or_default() += 1;
            *by_area
                .entry(report.area())
                .or_default()
                .entry(theme)
                .or_default() += 1;
        }
    }
    // Most frequent first; equal counts in the order of the code list.
    let mut ranked: Vec<(PhenomenonTheme, u64)> = national.into_iter().collect();
    ranked.sort_by_key(|&(theme, n)| {
        let position = PhenomenonTheme::all().iter().position(|&t| t == theme);
        (std::cmp::Reverse(n), position)
    });
    let columns: Vec<PhenomenonTheme> =
        ranked.iter().take(THEME_COLUMNS).map(|&(t, _)| t).collect();
    let areas = reports
        .into_iter()
        .map(|(area, count)| {
            let themes = by_area.remove(&area).unwrap_or_default();
            let by_theme: Vec<u64> = columns
                .iter()
                .map(|t| themes.get(t).copied().unwrap_or(0))
                .collect();
            let other_themes = themes
                .iter()
                .filter(|(t, _)| !columns.contains(t))
                .map(|(_, n)| n)
                .sum();
            let top_theme = themes
                .iter()
                .max_by_key(|&(&t, &n)| {
                    let position = PhenomenonTheme::all().iter().position(|&x| x == t);
                    (n, std::cmp::Reverse(position))
                })
                .map(|(&t, _)| CodeLabel::of(t, lang));
            AreaReports {
                area: area_label(area, lang),
                short: short_name(area, lang),
                reports: count,
                by_theme,
                other_themes,
                top_theme,
            }
        })
        .collect();
    let themes = columns
        .into_iter()
        .map(|t| CodeLabel::of(t, lang))
        .collect();
    (themes, areas)
}

fn pilots(
    document: &Document,
    evaluation: &Evaluation,
    lang: Lang,
) -> Result<Vec<PooledPilot>, Error> {
    let definitions: Vec<_> = document
        .instruments
        .iter()
        .cloned()
        .chain(builtin::all())
        .collect();
    let mut pilots = Vec::new();
    for outcome in &evaluation.outcomes {
        let table = &outcome.table;
        let instrument = definitions
            .iter()
            .find(|d| d.id == outcome.instrument)
            .map_or_else(
                || outcome.instrument.to_string(),
                |d| d.name.get(lang).text().to_owned(),
            );
        for (row, key) in table.row_keys.iter().enumerate() {
            let GroupKey::OperatingModel(model_id) = key else {
                continue;
            };
            let model = document
                .operating_models
                .iter()
                .find(|m| m.id() == model_id)
                .map_or_else(
                    || model_id.to_string(),
                    |m| m.name().get(lang).text().to_owned(),
                );
            let mut areas = Vec::new();
            let mut studies = Vec::new();
            for (column, key) in table.column_keys.iter().enumerate() {
                let GroupKey::Area(area) = key else { continue };
                let cell = &table.cells[row][column];
                let (view, study) = pilot_area(area_label(*area, lang), cell)?;
                // A cell with no clients of this model in the area is not a pilot.
                if cell.is_suppressed() || view.clients.is_some() {
                    if let Some(study) = study {
                        studies.push((areas.len(), study));
                    }
                    areas.push(view);
                }
            }
            if areas.is_empty() {
                continue;
            }
            let pooled = if studies.len() >= 2 {
                let effects: Vec<StudyEffect> = studies.iter().map(|(_, s)| s.clone()).collect();
                let m = MetaAnalysis::dersimonian_laird(&effects)?;
                for ((i, _), weight) in studies.iter().zip(&m.random.weights) {
                    areas[*i].weight = Some(*weight);
                }
                Some(Pooled {
                    areas: m.studies,
                    fixed: interval(&m.fixed),
                    random: interval(&m.random),
                    p: m.random.p,
                    tau2: m.tau2,
                    i2: m.i2,
                    q: m.q,
                    q_df: m.q_df,
                    q_p: m.q_p,
                })
            } else {
                None
            };
            let everyone = CodeLabel {
                code: "country".into(),
                label: rakenne_model::Region::Country.name(lang).text().to_owned(),
            };
            let all_clients = match table.row_totals.get(row) {
                Some(total) => Some(pilot_area(everyone, total)?.0),
                None => None,
            };
            pilots.push(PooledPilot {
                model_id: model_id.to_string(),
                model,
                instrument_id: outcome.instrument.to_string(),
                instrument: instrument.clone(),
                higher_is_better: outcome.direction == rakenne_metrics::Direction::HigherIsBetter,
                areas,
                all_clients,
                pooled,
            });
        }
    }
    Ok(pilots)
}

fn interval(p: &rakenne_metrics::PooledEffect) -> Interval {
    Interval {
        value: p.estimate,
        lower: p.ci.lower,
        upper: p.ci.upper,
    }
}

/// The view of one cell and, when it has a mean change with a spread, its effect for
/// pooling: the mean change with variance SD²/n of the differences.
fn pilot_area(
    area: CodeLabel,
    cell: &Published<rakenne_metrics::OutcomeSummary>,
) -> Result<(PilotArea, Option<StudyEffect>), Error> {
    let paired = cell.value().and_then(|s| s.paired.as_ref());
    let view = PilotArea {
        suppressed: cell.is_suppressed(),
        clients: cell.value().map(|s| s.clients_paired).filter(|&n| n > 0),
        change: paired.map(|p| Interval::from(&p.mean_difference)),
        weight: None,
        area,
    };
    let study = match paired {
        Some(p) if p.n >= 2 && p.sd_difference > 0.0 => {
            #[allow(clippy::cast_precision_loss)] // client counts are far below 2^52
            let variance = p.sd_difference * p.sd_difference / p.n as f64;
            Some(StudyEffect::new(
                view.area.code.clone(),
                p.mean_difference.value,
                variance,
            )?)
        }
        _ => None,
    };
    Ok((view, study))
}

fn area_figures(evaluation: &Evaluation, lang: Lang) -> Vec<AreaFigures> {
    let area_of = |key: &GroupKey| match key {
        GroupKey::Area(code) => Some(*code),
        _ => None,
    };
    let mut rows: BTreeMap<WelfareAreaCode, AreaFigures> = BTreeMap::new();
    let blank = |code: WelfareAreaCode| AreaFigures {
        area: area_label(code, lang),
        reach_suppressed: false,
        clients_reached: None,
        median_days_to_start: None,
        goals_suppressed: false,
        goal_clients: None,
        mean_t: None,
        t_at_least_50: None,
    };
    if let Some(reach) = &evaluation.reach {
        for (key, total) in row_totals(reach) {
            let Some(code) = area_of(key) else { continue };
            let row = rows.entry(code).or_insert_with(|| blank(code));
            row.reach_suppressed = total.is_suppressed();
            if let Some(r) = total.value() {
                row.clients_reached = Some(r.clients_reached);
                row.median_days_to_start = r.days_to_start.median.and_then(|m| m.to_f64());
            }
        }
    }
    if let Some(goals) = &evaluation.goal_attainment {
        for (key, total) in row_totals(goals) {
            let Some(code) = area_of(key) else { continue };
            let row = rows.entry(code).or_insert_with(|| blank(code));
            row.goals_suppressed = total.is_suppressed();
            if let Some(g) = total.value() {
                row.goal_clients = Some(g.clients);
                row.mean_t = g.mean_t;
                row.t_at_least_50 = g.t_at_least_50.as_ref().map(Share::from);
            }
        }
    }
    rows.into_values().collect()
}

fn row_totals<T>(table: &ResultTable<T>) -> impl Iterator<Item = (&GroupKey, &Published<T>)> {
    table.row_keys.iter().zip(&table.row_totals)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rakenne_model::{WelfareArea, WelfareAreaKind};

    #[test]
    fn every_organiser_has_a_short_name_in_every_language() {
        let organisers: Vec<&str> = WelfareArea::all()
            .iter()
            .filter(|a| a.kind() != WelfareAreaKind::AutonomousRegion)
            .map(|a| a.code().as_str())
            .collect();
        let named: Vec<&str> = SHORT_NAMES.iter().map(|(c, ..)| *c).collect();
        assert_eq!(named, organisers);
        let lappi: WelfareAreaCode = "21".parse().unwrap();
        assert_eq!(short_name(lappi, Lang::Fi), "Lappi");
        assert_eq!(short_name(lappi, Lang::Sv), "Lappland");
        assert_eq!(short_name(lappi, Lang::En), "Lapland");
        // Each short name is part of the area's official name or a form of it: the
        // English names are the official ones without "wellbeing services county".
        for (code, _, _, en) in SHORT_NAMES {
            let area: WelfareAreaCode = code.parse().unwrap();
            let official = area.area().name(Lang::En).text().to_owned();
            let vantaa = official.replace(" and ", "–");
            assert!(
                official.starts_with(en) || vantaa.starts_with(en) || official.ends_with(en),
                "{code}: {en} / {official}"
            );
        }
    }
}
