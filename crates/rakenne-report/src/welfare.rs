//! The welfare-report section (hyvinvointikertomuksen osio): statistical indicators over
//! time beside the social reports on the same phenomenon theme.
//!
//! A welfare report (hyvinvointikertomus) follows residents' wellbeing with statistics;
//! structural social work adds what professionals see in client work. This section puts
//! the two side by side, theme by theme: how many social reports there were on a theme
//! and how they developed over the period, a representative description, and the
//! indicators whose definitions (`indicator_definitions`) name the theme, each as a table
//! of regions by period. Indicators tied to no theme, or observed without a definition,
//! are listed after the themes, so nothing the document holds is left out.

use std::collections::{BTreeMap, BTreeSet};

use rakenne_model::{
    CodeList, IndicatorDefinition, IndicatorObservation, Lang, PhenomenonTheme, Prevalence, Region,
    ReportingPeriod, SocialReport, Trend,
};
use rakenne_schema::Document;
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use serde::Serialize;

use crate::digest::sub_period;
use crate::format;
use crate::view::{CodeLabel, screened};

/// The data of the welfare-report section.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct WelfareSection {
    /// Number of social reports.
    pub total_reports: u64,
    /// The sub-periods the report counts are given by (quarters of a year, otherwise
    /// months), short labels, in order.
    pub periods: Vec<String>,
    /// Themes with social reports or indicators: most reports first, then in the order of
    /// the code list.
    pub themes: Vec<WelfareTheme>,
    /// Indicators tied to no theme or without a definition, by name.
    pub other_indicators: Vec<IndicatorSeries>,
}

/// One phenomenon theme: its social reports and its indicators.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct WelfareTheme {
    /// The theme.
    pub theme: CodeLabel,
    /// Social reports on it (a report with several themes counts under each).
    pub reports: u64,
    /// Its reports out of all reports.
    pub share: f64,
    /// Share of its reports whose reporter sees the phenomenon growing.
    pub growing_share: f64,
    /// Its reports in each sub-period of [`WelfareSection::periods`].
    pub by_period: Vec<u64>,
    /// A representative description (the most widespread, then the latest), screened.
    pub description: Option<String>,
    /// Indicators whose definition names the theme, by name.
    pub indicators: Vec<IndicatorSeries>,
}

/// The observations of one indicator (in one unit, from one source) as a table of
/// regions by period.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct IndicatorSeries {
    /// The indicator id, e.g. `sotkanet:3071`.
    pub id: String,
    /// Its name in the report language; the id when the document does not define it.
    pub name: String,
    /// Whether the document defines the indicator.
    pub defined: bool,
    /// The unit of the values.
    pub unit: CodeLabel,
    /// Where the values come from.
    pub source: CodeLabel,
    /// The periods of the values, short labels, in order.
    pub periods: Vec<String>,
    /// Decimals to show: the most any value was published with.
    pub decimals: u32,
    /// One row per region: the country, then welfare areas, then municipalities, by code.
    pub rows: Vec<SeriesRow>,
}

/// The values of one region over the periods of its series.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct SeriesRow {
    /// The region's name in the report language.
    pub region: String,
    /// The value in each period of the series; `None` where there is none.
    pub values: Vec<Option<f64>>,
    /// The last value minus the one before it, when the region has both.
    pub change: Option<f64>,
}

impl WelfareSection {
    /// The welfare-report section of `document` in `lang`.
    ///
    /// # Example
    /// ```
    /// use rakenne_model::Lang;
    /// use rakenne_report::WelfareSection;
    /// use rakenne_schema::Sample;
    ///
    /// let document = Sample::new(7).clients(40).document();
    /// let section = WelfareSection::of(&document, Lang::Fi);
    /// // The sample defines every indicator it observes, each with a theme.
    /// assert!(section.other_indicators.is_empty());
    /// assert!(section.themes.iter().any(|t| !t.indicators.is_empty()));
    /// ```
    pub fn of(document: &Document, lang: Lang) -> Self {
        let reports = &document.social_reports;
        let period = &document.header.period;
        let periods: Vec<ReportingPeriod> = reports
            .iter()
            .filter_map(|r| sub_period(period, r.reported_on()))
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        let definitions: BTreeMap<&str, &IndicatorDefinition> = document
            .indicator_definitions
            .iter()
            .map(|d| (d.id().as_str(), d))
            .collect();
        let series = indicator_series(&document.indicators, &definitions, lang);

        let total = reports.len() as u64;
        let mut themes: Vec<WelfareTheme> = PhenomenonTheme::all()
            .iter()
            .filter_map(|&theme| {
                let on_theme: Vec<&SocialReport> = reports
                    .iter()
                    .filter(|r| r.themes().contains(&theme))
                    .collect();
                let indicators: Vec<IndicatorSeries> = series
                    .iter()
                    .filter(|(themes, _)| themes.contains(&theme))
                    .map(|(_, s)| s.clone())
                    .collect();
                if on_theme.is_empty() && indicators.is_empty() {
                    return None;
                }
                let mut by_period = vec![0u64; periods.len()];
                for report in &on_theme {
                    let at = sub_period(period, report.reported_on());
                    if let Some(i) = at.and_then(|at| periods.binary_search(&at).ok()) {
                        by_period[i] += 1;
                    }
                }
                let growing = on_theme
                    .iter()
                    .filter(|r| r.trend() == Trend::Growing)
                    .count();
                Some(WelfareTheme {
                    theme: CodeLabel::of(theme, lang),
                    reports: on_theme.len() as u64,
                    share: share(on_theme.len() as u64, total),
                    growing_share: share(growing as u64, on_theme.len() as u64),
                    by_period,
                    description: representative(&on_theme, theme),
                    indicators,
                })
            })
            .collect();
        // Stable: equal counts keep the code list's order.
        themes.sort_by_key(|t| std::cmp::Reverse(t.reports));

        WelfareSection {
            total_reports: total,
            periods: periods
                .iter()
                .map(|p| format::period_short(p, lang))
                .collect(),
            themes,
            other_indicators: series
                .into_iter()
                .filter(|(themes, _)| themes.is_empty())
                .map(|(_, s)| s)
                .collect(),
        }
    }
}

fn share(part: u64, whole: u64) -> f64 {
    if whole == 0 {
        return 0.0;
    }
    // Report counts are far below 2^52: exact as doubles.
    #[allow(clippy::cast_precision_loss)]
    let share = part as f64 / whole as f64;
    share
}

/// The description of the most widespread, then latest, report whose main theme is
/// `theme` (by id when equal): deterministic.
fn representative(reports: &[&SocialReport], theme: PhenomenonTheme) -> Option<String> {
    let weight = |p: Prevalence| match p {
        Prevalence::Widespread => 0,
        Prevalence::Recurring => 1,
        _ => 2,
    };
    reports
        .iter()
        .filter(|r| r.main_theme() == theme)
        .min_by(|a, b| {
            weight(a.prevalence())
                .cmp(&weight(b.prevalence()))
                .then(b.reported_on().cmp(&a.reported_on()))
                .then_with(|| a.id().as_str().cmp(b.id().as_str()))
        })
        .map(|r| screened(r.description()))
}

/// A region with its values in each period of a series.
type RegionValues = (Region, Vec<Option<Decimal>>);

/// Where a region's row goes: the country, then welfare areas, then municipalities, each
/// by code.
fn region_order(region: Region) -> (u8, String) {
    match region {
        Region::Country => (0, String::new()),
        Region::WelfareArea(code) => (1, code.to_string()),
        Region::Municipality(code) => (2, code.to_string()),
        // Kinds of region added later: after these, by name.
        other => (3, other.name(Lang::Fi).text().to_owned()),
    }
}

/// Every indicator's series with the themes its definition names (none for an undefined
/// indicator), by name, then id, unit and source (an indicator reported in two units is
/// two series, never mixed).
fn indicator_series(
    observations: &[IndicatorObservation],
    definitions: &BTreeMap<&str, &IndicatorDefinition>,
    lang: Lang,
) -> Vec<(Vec<PhenomenonTheme>, IndicatorSeries)> {
    let mut grouped: BTreeMap<(&str, &str, &str), Vec<&IndicatorObservation>> = BTreeMap::new();
    for o in observations {
        grouped
            .entry((o.indicator().as_str(), o.unit().code(), o.source().code()))
            .or_default()
            .push(o);
    }
    let mut series: Vec<(Vec<PhenomenonTheme>, IndicatorSeries)> = grouped
        .into_iter()
        .map(|((id, _, _), observations)| {
            let definition = definitions.get(id);
            let periods: Vec<ReportingPeriod> = observations
                .iter()
                .map(|o| o.period())
                .collect::<BTreeSet<_>>()
                .into_iter()
                .collect();
            let mut regions: BTreeMap<(u8, String), RegionValues> = BTreeMap::new();
            for o in &observations {
                let (_, values) = regions
                    .entry(region_order(o.region()))
                    .or_insert_with(|| (o.region(), vec![None; periods.len()]));
                if let Ok(i) = periods.binary_search(&o.period()) {
                    values[i] = Some(o.value());
                }
            }
            let rows = regions
                .into_values()
                .map(|(region, values)| {
                    // The change is exact: published values are decimals.
                    let present: Vec<Decimal> = values.iter().flatten().copied().collect();
                    let change = match present.as_slice() {
                        [.., before, last] => (last - before).to_f64(),
                        _ => None,
                    };
                    SeriesRow {
                        region: region.name(lang).text().to_owned(),
                        values: values.iter().map(|v| v.and_then(|v| v.to_f64())).collect(),
                        change,
                    }
                })
                .collect();
            let first = observations[0];
            let series = IndicatorSeries {
                id: id.to_owned(),
                name: definition
                    .map_or_else(|| id.to_owned(), |d| d.name().get(lang).text().to_owned()),
                defined: definition.is_some(),
                unit: CodeLabel::of(first.unit(), lang),
                source: CodeLabel::of(first.source(), lang),
                periods: periods
                    .iter()
                    .map(|p| format::period_short(p, lang))
                    .collect(),
                decimals: observations
                    .iter()
                    .map(|o| o.value().scale())
                    .max()
                    .unwrap_or(0),
                rows,
            };
            let themes = definition.map_or_else(Vec::new, |d| d.themes().to_vec());
            (themes, series)
        })
        .collect();
    // Stable: series of one name keep the order of id, unit and source.
    series.sort_by(|(_, a), (_, b)| a.name.cmp(&b.name));
    series
}

#[cfg(test)]
mod tests {
    use super::*;
    use rakenne_model::{IndicatorSource, IndicatorUnit, Labels};

    fn observation(id: &str, region: Region, year: &str, value: Decimal) -> IndicatorObservation {
        IndicatorObservation::new(
            id.parse().unwrap(),
            IndicatorSource::Sotkanet,
            region,
            year.parse().unwrap(),
            value,
            IndicatorUnit::Percent,
        )
        .unwrap()
    }

    #[test]
    fn series_put_regions_in_order_and_compute_the_last_change() {
        let area = Region::WelfareArea("08".parse().unwrap());
        let tampere = Region::Municipality("837".parse().unwrap());
        let observations = [
            observation("x:1", tampere, "2025", Decimal::new(71, 1)),
            observation("x:1", area, "2025", Decimal::new(655, 2)),
            observation("x:1", area, "2024", Decimal::new(61, 1)),
            observation("x:1", Region::Country, "2024", Decimal::new(58, 1)),
        ];
        let definition = IndicatorDefinition::new(
            "x:1".parse().unwrap(),
            Labels::new("Työttömät").unwrap(),
            vec![PhenomenonTheme::Employment],
        )
        .unwrap();
        let definitions = BTreeMap::from([("x:1", &definition)]);
        let series = indicator_series(&observations, &definitions, Lang::En);
        assert_eq!(series.len(), 1);
        let (themes, s) = &series[0];
        assert_eq!(themes, &[PhenomenonTheme::Employment]);
        // A name missing in English falls back to Finnish.
        assert_eq!(
            (s.name.as_str(), s.defined, s.decimals),
            ("Työttömät", true, 2)
        );
        assert_eq!(s.periods, ["2024", "2025"]);
        let regions: Vec<&str> = s.rows.iter().map(|r| r.region.as_str()).collect();
        assert_eq!(
            regions,
            [
                "Whole country",
                "Pirkanmaa wellbeing services county",
                "Tampere"
            ]
        );
        assert_eq!(s.rows[0].values, [Some(5.8), None]);
        assert_eq!(s.rows[0].change, None);
        // 6.55 − 6.10 = 0.45, computed exactly.
        assert_eq!(s.rows[1].change, Some(0.45));
        assert_eq!(s.rows[2].values, [None, Some(7.1)]);
    }

    #[test]
    fn undefined_indicators_have_no_theme_and_show_their_id() {
        let observations = [observation(
            "own:homeless",
            Region::Country,
            "2025",
            Decimal::from(3),
        )];
        let series = indicator_series(&observations, &BTreeMap::new(), Lang::Fi);
        let (themes, s) = &series[0];
        assert!(themes.is_empty());
        assert_eq!((s.name.as_str(), s.defined), ("own:homeless", false));
    }

    #[test]
    fn every_observed_indicator_is_shown_once_outside_or_under_its_themes() {
        let document = rakenne_schema::Sample::new(11).clients(80).document();
        let section = WelfareSection::of(&document, Lang::Sv);
        let ids: BTreeSet<&str> = section
            .themes
            .iter()
            .flat_map(|t| &t.indicators)
            .chain(&section.other_indicators)
            .map(|s| s.id.as_str())
            .collect();
        let observed: BTreeSet<&str> = document
            .indicators
            .iter()
            .map(|o| o.indicator().as_str())
            .collect();
        assert_eq!(ids, observed);
        let reports: u64 = section.themes.iter().map(|t| t.reports).sum();
        assert!(reports >= section.total_reports);
        for theme in &section.themes {
            assert_eq!(theme.by_period.iter().sum::<u64>(), theme.reports);
        }
    }
}
