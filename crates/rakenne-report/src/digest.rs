//! The social-reporting digest (sosiaalisen raportoinnin kooste) for decision-makers.
//!
//! What professionals reported in the period: how many reports on each theme and in each
//! municipality, how the themes developed over the period, which phenomena are the most
//! frequent and which the reporters see growing, a few representative descriptions, the
//! actions they propose grouped by whom they are addressed to, and where the reports stand
//! in their processing.
//!
//! Social reports are professionals' observations, not client records, so their counts
//! are published as they are; their free text is screened for personal data.

use std::collections::{BTreeMap, BTreeSet};

use rakenne_model::{
    CodeList, FollowUpStatus, Lang, PeriodKind, PhenomenonTheme, Prevalence, ReportingPeriod,
    SocialReport, Trend,
};
use rakenne_schema::Document;
use serde::Serialize;
use time::Date;

use crate::format;
use crate::view::{CodeLabel, screened};

/// How many themes the digest calls the most frequent and follows over time.
const TOP_THEMES: usize = 5;
/// How many growing themes the digest names.
const GROWING_THEMES: usize = 3;
/// Fewest reports on a theme for its growth to be named.
const GROWING_MIN_REPORTS: u64 = 3;
/// Descriptions shown per frequent theme.
const DESCRIPTIONS_PER_THEME: usize = 2;
/// Proposed actions shown per addressee.
const ACTIONS_PER_ADDRESSEE: usize = 3;

/// The data of the social-reporting digest.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct Digest {
    /// Number of social reports.
    pub total_reports: u64,
    /// Reports by theme (a report with several themes counts under each), most frequent
    /// first.
    pub themes: Vec<ThemeCount>,
    /// Themes that reporters most often see growing.
    pub growing: Vec<ThemeCount>,
    /// Reports by municipality, most first; reports without one are in
    /// [`without_municipality`](Self::without_municipality).
    pub municipalities: Vec<Count>,
    /// Reports that name no municipality.
    pub without_municipality: u64,
    /// The most frequent themes over the sub-periods of the reporting period.
    pub trend: TrendTable,
    /// Representative descriptions of the most frequent themes.
    pub descriptions: Vec<ThemeDescriptions>,
    /// Proposed actions by addressee, most reports first.
    pub actions: Vec<AddresseeActions>,
    /// Reports by processing status, in the order of the code list.
    pub follow_up: Vec<Count>,
}

/// A theme with its number of reports.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct ThemeCount {
    /// The theme.
    pub theme: CodeLabel,
    /// Reports on it.
    pub count: u64,
    /// Its reports out of all reports.
    pub share: f64,
    /// Its reports whose reporter sees the phenomenon growing.
    pub growing: u64,
    /// Those out of its reports.
    pub growing_share: f64,
}

/// A category with its number of reports.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Count {
    /// The category.
    pub category: CodeLabel,
    /// Reports in it.
    pub count: u64,
}

/// Counts of the most frequent themes by sub-period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
#[non_exhaustive]
pub struct TrendTable {
    /// The sub-periods (quarters of a year, otherwise months), short labels, in order.
    pub periods: Vec<String>,
    /// One row per theme, counts in the order of `periods`.
    pub rows: Vec<TrendRow>,
}

/// One theme's counts over the sub-periods.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct TrendRow {
    /// The theme.
    pub theme: CodeLabel,
    /// Reports in each sub-period.
    pub counts: Vec<u64>,
}

/// Descriptions of one theme.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct ThemeDescriptions {
    /// The theme.
    pub theme: CodeLabel,
    /// The descriptions.
    pub items: Vec<Description>,
}

/// One report's description, screened.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Description {
    /// When it was reported.
    pub reported_on: String,
    /// How common the phenomenon is in the reporter's work.
    pub prevalence: CodeLabel,
    /// Which way the reporter sees it developing.
    pub trend: CodeLabel,
    /// The description, with personal data screened out.
    pub text: String,
}

/// The actions proposed to one addressee.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct AddresseeActions {
    /// The addressee.
    pub addressee: CodeLabel,
    /// Reports addressed to it.
    pub count: u64,
    /// The latest distinct proposed actions, screened.
    pub actions: Vec<String>,
}

impl Digest {
    /// The digest of `document`'s social reports in `lang`.
    ///
    /// # Example
    /// ```
    /// use rakenne_model::Lang;
    /// use rakenne_report::Digest;
    /// use rakenne_schema::Sample;
    ///
    /// let document = Sample::new(7).clients(40).document();
    /// let digest = Digest::of(&document, Lang::Fi);
    /// assert_eq!(digest.total_reports, document.social_reports.len() as u64);
    /// ```
    pub fn of(document: &Document, lang: Lang) -> Self {
        let reports = &document.social_reports;
        let total = reports.len() as u64;
        let themes = theme_counts(reports, total, lang);
        let top: Vec<PhenomenonTheme> = themes
            .iter()
            .take(TOP_THEMES)
            .filter_map(|t| PhenomenonTheme::from_code(&t.theme.code))
            .collect();
        let mut growing: Vec<ThemeCount> = themes
            .iter()
            .filter(|t| t.count >= GROWING_MIN_REPORTS && t.growing > 0)
            .cloned()
            .collect();
        growing.sort_by(|a, b| {
            b.growing_share
                .total_cmp(&a.growing_share)
                .then(b.count.cmp(&a.count))
                .then_with(|| a.theme.code.cmp(&b.theme.code))
        });
        growing.truncate(GROWING_THEMES);

        let mut by_municipality: BTreeMap<_, u64> = BTreeMap::new();
        for report in reports {
            if let Some(m) = report.municipality() {
                *by_municipality.entry(m).or_default() += 1;
            }
        }
        let placed: u64 = by_municipality.values().sum();
        let mut municipalities: Vec<Count> = by_municipality
            .into_iter()
            .map(|(code, count)| Count {
                category: CodeLabel {
                    code: code.to_string(),
                    label: code.municipality().name(lang).text().to_owned(),
                },
                count,
            })
            .collect();
        municipalities.sort_by_key(|m| std::cmp::Reverse(m.count));

        Digest {
            total_reports: total,
            growing,
            municipalities,
            without_municipality: total - placed,
            trend: trend(reports, &document.header.period, &top, lang),
            descriptions: descriptions(reports, &top, lang),
            actions: actions(reports, lang),
            follow_up: FollowUpStatus::all()
                .iter()
                .map(|&status| Count {
                    category: CodeLabel::of(status, lang),
                    count: reports.iter().filter(|r| r.follow_up() == status).count() as u64,
                })
                .collect(),
            themes,
        }
    }
}

fn theme_counts(reports: &[SocialReport], total: u64, lang: Lang) -> Vec<ThemeCount> {
    let share = |part: u64, whole: u64| {
        if whole == 0 {
            0.0
        } else {
            // Report counts are far below 2^52: exact as doubles.
            #[allow(clippy::cast_precision_loss)]
            let share = part as f64 / whole as f64;
            share
        }
    };
    let mut themes: Vec<ThemeCount> = PhenomenonTheme::all()
        .iter()
        .filter_map(|&theme| {
            let on_theme = || reports.iter().filter(move |r| r.themes().contains(&theme));
            let count = on_theme().count() as u64;
            let growing = on_theme().filter(|r| r.trend() == Trend::Growing).count() as u64;
            (count > 0).then(|| ThemeCount {
                theme: CodeLabel::of(theme, lang),
                count,
                share: share(count, total),
                growing,
                growing_share: share(growing, count),
            })
        })
        .collect();
    // Stable: equal counts keep the code list's order.
    themes.sort_by_key(|t| std::cmp::Reverse(t.count));
    themes
}

/// The sub-period of `date` that a digest of `period` follows: quarters in a year,
/// otherwise months.
pub(crate) fn sub_period(period: &ReportingPeriod, date: Date) -> Option<ReportingPeriod> {
    let (year, month) = (date.year(), date.month());
    match period.kind() {
        PeriodKind::Year => ReportingPeriod::quarter(year, u8::from(month).div_ceil(3)).ok(),
        _ => ReportingPeriod::month(year, month).ok(),
    }
}

fn trend(
    reports: &[SocialReport],
    period: &ReportingPeriod,
    top: &[PhenomenonTheme],
    lang: Lang,
) -> TrendTable {
    let periods: BTreeSet<ReportingPeriod> = reports
        .iter()
        .filter_map(|r| sub_period(period, r.reported_on()))
        .collect();
    let periods: Vec<ReportingPeriod> = periods.into_iter().collect();
    let rows = top
        .iter()
        .map(|&theme| {
            let mut counts = vec![0u64; periods.len()];
            for report in reports.iter().filter(|r| r.themes().contains(&theme)) {
                let Some(at) = sub_period(period, report.reported_on()) else {
                    continue;
                };
                if let Ok(i) = periods.binary_search(&at) {
                    counts[i] += 1;
                }
            }
            TrendRow {
                theme: CodeLabel::of(theme, lang),
                counts,
            }
        })
        .collect();
    TrendTable {
        periods: periods
            .iter()
            .map(|p| format::period_short(p, lang))
            .collect(),
        rows,
    }
}

fn descriptions(
    reports: &[SocialReport],
    top: &[PhenomenonTheme],
    lang: Lang,
) -> Vec<ThemeDescriptions> {
    let weight = |p: Prevalence| match p {
        Prevalence::Widespread => 0,
        Prevalence::Recurring => 1,
        _ => 2,
    };
    top.iter()
        .map(|&theme| {
            let mut chosen: Vec<&SocialReport> =
                reports.iter().filter(|r| r.main_theme() == theme).collect();
            // The most widespread first, then the latest, then by id: deterministic.
            chosen.sort_by(|a, b| {
                weight(a.prevalence())
                    .cmp(&weight(b.prevalence()))
                    .then(b.reported_on().cmp(&a.reported_on()))
                    .then_with(|| a.id().as_str().cmp(b.id().as_str()))
            });
            ThemeDescriptions {
                theme: CodeLabel::of(theme, lang),
                items: chosen
                    .into_iter()
                    .take(DESCRIPTIONS_PER_THEME)
                    .map(|r| Description {
                        reported_on: format::date(r.reported_on(), lang),
                        prevalence: CodeLabel::of(r.prevalence(), lang),
                        trend: CodeLabel::of(r.trend(), lang),
                        text: screened(r.description()),
                    })
                    .collect(),
            }
        })
        .filter(|t| !t.items.is_empty())
        .collect()
}

fn actions(reports: &[SocialReport], lang: Lang) -> Vec<AddresseeActions> {
    let mut by_addressee: BTreeMap<&str, (CodeLabel, Vec<&SocialReport>)> = BTreeMap::new();
    for report in reports {
        for addressee in report.addressees() {
            by_addressee
                .entry(addressee.code())
                .or_insert_with(|| (CodeLabel::of_open(addressee, lang), Vec::new()))
                .1
                .push(report);
        }
    }
    let mut actions: Vec<AddresseeActions> = by_addressee
        .into_values()
        .map(|(addressee, mut addressed)| {
            addressed.sort_by(|a, b| {
                b.reported_on()
                    .cmp(&a.reported_on())
                    .then_with(|| a.id().as_str().cmp(b.id().as_str()))
            });
            let mut texts: Vec<String> = Vec::new();
            for text in addressed.iter().filter_map(|r| r.proposed_action()) {
                let text = screened(text);
                if texts.len() < ACTIONS_PER_ADDRESSEE && !texts.contains(&text) {
                    texts.push(text);
                }
            }
            AddresseeActions {
                addressee,
                count: addressed.len() as u64,
                actions: texts,
            }
        })
        .collect();
    actions.sort_by_key(|a| std::cmp::Reverse(a.count));
    actions
}
