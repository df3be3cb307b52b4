//! Inline SVG charts for reports: bars, estimates with intervals, shares, forest plots and
//! a tile map of the areas.
//!
//! Reports for welfare-area boards and THL analysts are self-contained HTML that is read on
//! screen and printed to PDF. A chart is therefore one `<svg>` element with no script, no
//! external file and no CSS class: colours, fonts and sizes are presentation attributes, which
//! survive printing. Every chart
//!
//! - is **deterministic**: the same chart gives the same bytes, and coordinates are written
//!   with at most one decimal;
//! - is **accessible**: the root has `role="img"` and `aria-labelledby` naming its `<title>`
//!   and `<desc>`, whose ids start with the caller's id prefix, so several charts can share a
//!   page; the title is also drawn at the top, so a printed chart explains itself;
//! - **escapes** every text it is given;
//! - shows numbers as text **formatted by the caller**, who knows the report's language
//!   (decimal comma in Finnish and Swedish): axis ticks through a formatter
//!   `&dyn Fn(f64) -> String`, value labels as ready strings.
//!
//! | type | draws | e.g. |
//! |---|---|---|
//! | [`BarChart`] | one horizontal bar per category; suppressed values as a symbol | clients per service |
//! | [`IntervalChart`] | dot-and-whisker rows, one or more series per row | pre–post means with 95 % CIs, effect sizes |
//! | [`ShareChart`] | 100 % stacked bars of counts | improved / unchanged / deteriorated per group |
//! | [`ForestPlot`] | studies as weighted squares with intervals, pooled estimates as diamonds | a meta-analysis of the areas' pilots |
//! | [`TileMap`] | the 22 organisers of social care as a grid of squares coloured by a value | reports per 1 000 residents by area |
//!
//! Charts are 640 units wide (the `viewBox`; the element scales to its container) and as
//! tall as their rows need. Category labels sit on the left, wrapped at spaces, since Finnish
//! service names are long. Text is dark grey on white, at least 12 px.

use std::fmt::{self, Display, Write as _};

mod forest;
mod tiles;

pub use forest::ForestPlot;
pub use tiles::TileMap;

/// Width of every chart in SVG user units.
const WIDTH: f64 = 640.0;
/// Space around the chart and between its columns.
const MARGIN: f64 = 8.0;
const FONT_SIZE: f64 = 12.0;
const TITLE_SIZE: f64 = 16.0;
/// Distance between the baselines of wrapped label lines.
const LINE_HEIGHT: f64 = 15.0;
/// From the vertical centre of a line of 12 px text to its baseline (about 0.35 em).
const BASELINE_SHIFT: f64 = 4.0;
/// Widest a category label may grow before it is wrapped.
const LABEL_WRAP: f64 = 220.0;
/// Thickness of a bar.
const BAR: f64 = 16.0;
/// Vertical distance between the series of one interval row.
const SERIES_GAP: f64 = 14.0;
/// Dark grey on white: contrast 12.6 : 1, above the 7 : 1 of WCAG 2.1, criterion 1.4.6.
const TEXT: &str = "#333333";
/// Grey for outlines of empty bars: contrast 4.5 : 1, above the 3 : 1 of WCAG 2.1, 1.4.11.
const OUTLINE: &str = "#767676";
const GRID: &str = "#d9d9d9";

/// The Okabe–Ito palette, distinguishable with every common colour-vision deficiency:
/// Okabe & Ito (2008), "Color Universal Design (CUD): How to make figures and presentations
/// that are friendly to colorblind people". Ordered for use: blue, orange, bluish green,
/// vermillion, reddish purple, sky blue, yellow, black (the light ones last).
const PALETTE: [&str; 8] = [
    "#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000",
];

fn colour(index: usize) -> &'static str {
    PALETTE[index % PALETTE.len()]
}

/// A horizontal bar chart: one value per category, e.g. clients per service.
///
/// The axis runs from zero (or the smallest negative value) to a rounded maximum. A value
/// that disclosure control suppressed is `None`: it gets no bar, only its value label (the
/// Statistics Finland symbol `..`). Non-finite values are treated as suppressed. A chart
/// without a single value draws its title and rows but no axis.
///
/// # Example
/// ```
/// use rakenne_report::BarChart;
///
/// let chart = BarChart::new("clients", "Asiakkaat palveluittain 2024")
///     .description("Asiakkaiden määrä palveluittain. Perhetyön luku on salattu.")
///     .bar("Lastensuojelun avohuollon tukitoimet", Some(1234.0), "1 234")
///     .bar("Aikuissosiaalityö", Some(987.0), "987")
///     .bar("Perhetyö", None, "..")
///     .axis_label("asiakkaita");
/// let svg = chart.to_svg(&|v| format!("{v}"));
/// assert!(svg.starts_with("<svg"));
/// assert!(svg.contains(r#"aria-labelledby="clients-title clients-desc""#));
/// ```
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct BarChart {
    heading: Heading,
    bars: Vec<Bar>,
    axis_label: Option<String>,
}

#[derive(Debug, Clone)]
struct Bar {
    label: String,
    /// `None` when suppressed or not finite.
    value: Option<f64>,
    value_label: String,
}

impl BarChart {
    /// An empty chart. `id` prefixes the ids of the chart's `<title>` and `<desc>` and must be
    /// unique in the page; characters other than letters, digits, `-` and `_` become `-`.
    ///
    /// # Example
    /// ```
    /// let svg = rakenne_report::BarChart::new("fig 1", "Asiakkaat").to_svg(&|v| v.to_string());
    /// assert!(svg.contains(r#"<title id="fig-1-title">Asiakkaat</title>"#));
    /// ```
    pub fn new(id: &str, title: &str) -> Self {
        Self {
            heading: Heading::new(id, title),
            bars: Vec::new(),
            axis_label: None,
        }
    }

    /// The text of the `<desc>` element, read by screen readers after the title; by default
    /// the title. Say what the chart shows in words, including the main finding.
    ///
    /// # Example
    /// ```
    /// let chart = rakenne_report::BarChart::new("f", "Asiakkaat").description("Eniten Kemissä.");
    /// assert!(chart.to_svg(&|v| v.to_string()).contains(">Eniten Kemissä.</desc>"));
    /// ```
    #[must_use]
    pub fn description(mut self, text: &str) -> Self {
        self.heading.description = Some(text.to_owned());
        self
    }

    /// Adds a bar below the previous ones. `value_label` is drawn at the end of the bar as
    /// given; for a suppressed value (`None`) it is the only mark, so pass the symbol (`..`).
    ///
    /// # Example
    /// ```
    /// let chart = rakenne_report::BarChart::new("fig-1", "Asiakkaat")
    ///     .bar("Rovaniemi", Some(412.0), "412")
    ///     .bar("Kemi", None, "..");
    /// let svg = chart.to_svg(&|v| v.to_string());
    /// assert_eq!(svg.matches("<rect").count(), 1);
    /// ```
    #[must_use]
    pub fn bar(mut self, label: &str, value: Option<f64>, value_label: &str) -> Self {
        self.bars.push(Bar {
            label: label.to_owned(),
            value: value.filter(|v| v.is_finite()),
            value_label: value_label.to_owned(),
        });
        self
    }

    /// A caption below the axis, e.g. the unit.
    ///
    /// # Example
    /// ```
    /// let chart = rakenne_report::BarChart::new("f", "T").bar("Kemi", Some(4.0), "4").axis_label("kpl");
    /// assert!(chart.to_svg(&|v| v.to_string()).contains(">kpl</text>"));
    /// ```
    #[must_use]
    pub fn axis_label(mut self, text: &str) -> Self {
        self.axis_label = Some(text.to_owned());
        self
    }

    /// Renders the chart; `ticks` formats the axis tick values.
    ///
    /// # Example
    /// ```
    /// let chart = rakenne_report::BarChart::new("fig-1", "Osuus")
    ///     .bar("Kemi", Some(0.25), "0,25");
    /// // Ticks 0, 0.05, …, 0.25 with a decimal comma.
    /// let svg = chart.to_svg(&|v| format!("{v:.2}").replace('.', ","));
    /// assert!(svg.contains(">0,05</text>"));
    /// ```
    pub fn to_svg(&self, ticks: &dyn Fn(f64) -> String) -> String {
        render(&self.heading, |body, top| self.write_body(body, top, ticks))
    }

    fn write_body(
        &self,
        out: &mut String,
        top: f64,
        ticks: &dyn Fn(f64) -> String,
    ) -> Result<f64, fmt::Error> {
        let values = self.bars.iter().filter_map(|b| b.value);
        let range = values.fold(None, |range, v| Some(extend(range, v, v)));
        let labels = LabelColumn::new(self.bars.iter().map(|b| b.label.as_str()));
        let value_width = widest(self.bars.iter().map(|b| b.value_label.as_str())) + MARGIN;
        // Labels of negative bars stand left of the bar's end, so they need room there.
        let negative = range.is_some_and(|(lo, _)| lo < 0.0);
        let left = MARGIN + labels.width + MARGIN + if negative { value_width } else { 0.0 };
        let right = WIDTH - MARGIN - value_width.max(3.0 * MARGIN);
        let row = labels.row_height(BAR + 12.0);
        let bottom = top + row * count(self.bars.len());
        let axis = range.map(|(lo, hi)| Axis::new(lo.min(0.0), hi.max(0.0), left, right));
        if let Some(axis) = &axis {
            axis.grid(out, top, bottom)?;
        }
        let zero = axis.as_ref().map_or(left, |axis| axis.x(0.0));
        for (i, bar) in self.bars.iter().enumerate() {
            let centre = top + row * (count(i) + 0.5);
            labels.draw(out, i, MARGIN + labels.width, centre)?;
            let (label_x, anchor) = match (bar.value, &axis) {
                (Some(value), Some(axis)) => {
                    let end = axis.x(value);
                    let corner = (zero.min(end), centre - BAR / 2.0);
                    let fill = format!(r#"fill="{}""#, colour(0));
                    rect(out, corner, ((end - zero).abs(), BAR), &fill, None)?;
                    if value < 0.0 {
                        (end - 4.0, "end")
                    } else {
                        (end + 4.0, "start")
                    }
                }
                _ => (zero + 4.0, "start"),
            };
            text(
                out,
                label_x,
                centre + BASELINE_SHIFT,
                anchor,
                &bar.value_label,
            )?;
        }
        match &axis {
            Some(axis) => {
                line(out, (zero, top), (zero, bottom), TEXT, "")?;
                axis.tick_labels(out, bottom, ticks, self.axis_label.as_deref())
            }
            None => Ok(bottom + MARGIN),
        }
    }
}

/// Estimates with intervals as dot-and-whisker rows, e.g. pre- and post-means with 95 %
/// confidence intervals, or a forest plot of effect sizes.
///
/// Each row holds at most one point per series; the series of a row are stacked a little
/// apart, in the order they were declared, and take their colour and legend entry from
/// [`series`](Self::series). The axis covers every interval and the reference line. Points
/// that cannot be drawn truthfully — a non-finite number, `lower > upper`, or an estimate
/// outside its interval — are skipped; a row without points shows its label only.
///
/// # Example
/// ```
/// use rakenne_report::IntervalChart;
///
/// let chart = IntervalChart::new("phq9", "PHQ-9 ennen ja jälkeen")
///     .series("Alkumittaus")
///     .series("Loppumittaus")
///     .row("Matalan kynnyksen palvelu")
///     .point(0, 14.2, 12.9, 15.5, "14,2 (12,9–15,5)")
///     .point(1, 9.8, 8.6, 11.0, "9,8 (8,6–11,0)")
///     .axis_label("pistettä");
/// let svg = chart.to_svg(&|v| format!("{v}"));
/// assert_eq!(svg.matches("<circle").count(), 4); // two in the legend, two points
/// ```
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct IntervalChart {
    heading: Heading,
    series: Vec<String>,
    rows: Vec<IntervalRow>,
    reference: Option<(f64, String)>,
    axis_label: Option<String>,
}

#[derive(Debug, Clone)]
struct IntervalRow {
    label: String,
    points: Vec<Point>,
}

#[derive(Debug, Clone)]
struct Point {
    series: usize,
    estimate: f64,
    lower: f64,
    upper: f64,
    value_label: String,
}

impl IntervalChart {
    /// An empty chart; `id` as in [`BarChart::new`].
    ///
    /// # Example
    /// ```
    /// let svg = rakenne_report::IntervalChart::new("es", "Vaikutuskoot").to_svg(&|v| v.to_string());
    /// assert!(svg.contains(r#"<desc id="es-desc">Vaikutuskoot</desc>"#));
    /// ```
    pub fn new(id: &str, title: &str) -> Self {
        Self {
            heading: Heading::new(id, title),
            series: Vec::new(),
            rows: Vec::new(),
            reference: None,
            axis_label: None,
        }
    }

    /// The text of the `<desc>` element; by default the title.
    ///
    /// # Example
    /// ```
    /// let chart = rakenne_report::IntervalChart::new("es", "Vaikutuskoot").description("Kaikki > 0.");
    /// assert!(chart.to_svg(&|v| v.to_string()).contains(">Kaikki &gt; 0.</desc>"));
    /// ```
    #[must_use]
    pub fn description(mut self, text: &str) -> Self {
        self.heading.description = Some(text.to_owned());
        self
    }

    /// Declares the next series: its legend entry and, by its position, its colour. Points
    /// name their series by this position, counting from 0.
    ///
    /// # Example
    /// ```
    /// let chart = rakenne_report::IntervalChart::new("es", "Vaikutuskoot").series("Naiset");
    /// assert!(chart.to_svg(&|v| v.to_string()).contains(">Naiset</text>"));
    /// ```
    #[must_use]
    pub fn series(mut self, name: &str) -> Self {
        self.series.push(name.to_owned());
        self
    }

    /// Starts a row below the previous ones; [`point`](Self::point) adds to it.
    ///
    /// # Example
    /// ```
    /// let chart = rakenne_report::IntervalChart::new("es", "Vaikutuskoot").row("Kemi");
    /// assert!(chart.to_svg(&|v| v.to_string()).contains(">Kemi</text>"));
    /// ```
    #[must_use]
    pub fn row(mut self, label: &str) -> Self {
        self.rows.push(IntervalRow {
            label: label.to_owned(),
            points: Vec::new(),
        });
        self
    }

    /// Adds a point of `series` with its interval to the last row; `value_label` is drawn
    /// right of the plot as given. Ignored before the first row, and skipped when it cannot
    /// be drawn truthfully (see the type's docs).
    ///
    /// # Example
    /// ```
    /// let chart = rakenne_report::IntervalChart::new("es", "Vaikutuskoot")
    ///     .row("Kemi")
    ///     .point(0, 0.42, 0.18, 0.66, "0,42")
    ///     .point(1, 0.9, 0.2, 0.5, "0,90"); // outside its interval: skipped
    /// assert_eq!(chart.to_svg(&|v| v.to_string()).matches("<circle").count(), 1);
    /// ```
    #[must_use]
    pub fn point(
        mut self,
        series: usize,
        estimate: f64,
        lower: f64,
        upper: f64,
        value_label: &str,
    ) -> Self {
        let finite = estimate.is_finite() && lower.is_finite() && upper.is_finite();
        if let Some(row) = self.rows.last_mut()
            && finite
            && lower <= estimate
            && estimate <= upper
        {
            row.points.push(Point {
                series,
                estimate,
                lower,
                upper,
                value_label: value_label.to_owned(),
            });
        }
        self
    }

    /// A dashed vertical line at `x` with `label` above the plot, e.g. 0 for effect sizes
    /// (a later call replaces it; a non-finite `x` draws none).
    ///
    /// # Example
    /// ```
    /// let chart = rakenne_report::IntervalChart::new("es", "Vaikutuskoot")
    ///     .row("Kemi")
    ///     .point(0, 0.42, 0.18, 0.66, "0,42")
    ///     .reference_line(0.0, "ei vaikutusta");
    /// let svg = chart.to_svg(&|v| v.to_string());
    /// assert!(svg.contains(r#"stroke-dasharray="4 3""#));
    /// ```
    #[must_use]
    pub fn reference_line(mut self, x: f64, label: &str) -> Self {
        self.reference = x.is_finite().then(|| (x, label.to_owned()));
        self
    }

    /// A caption below the axis, e.g. the unit.
    ///
    /// # Example
    /// ```
    /// let chart = rakenne_report::IntervalChart::new("es", "T").row("Kemi").point(0, 0.4, 0.1, 0.7, "0,4");
    /// assert!(chart.axis_label("Cohenin d").to_svg(&|v| v.to_string()).contains(">Cohenin d</text>"));
    /// ```
    #[must_use]
    pub fn axis_label(mut self, text: &str) -> Self {
        self.axis_label = Some(text.to_owned());
        self
    }

    /// Renders the chart; `ticks` formats the axis tick values.
    ///
    /// # Example
    /// ```
    /// let chart = rakenne_report::IntervalChart::new("es", "Vaikutuskoot")
    ///     .row("Kemi")
    ///     .point(0, 0.5, 0.1, 0.9, "0,5");
    /// let svg = chart.to_svg(&|v| format!("{v:.1}").replace('.', ","));
    /// assert!(svg.contains(">0,2</text>"));
    /// ```
    pub fn to_svg(&self, ticks: &dyn Fn(f64) -> String) -> String {
        render(&self.heading, |body, top| self.write_body(body, top, ticks))
    }

    fn write_body(
        &self,
        out: &mut String,
        top: f64,
        ticks: &dyn Fn(f64) -> String,
    ) -> Result<f64, fmt::Error> {
        let mut top = legend(out, top, &self.series, Marker::Dot)?;
        let points = || self.rows.iter().flat_map(|r| &r.points);
        let range = points().fold(None, |range, p| Some(extend(range, p.lower, p.upper)));
        let range = match (range, &self.reference) {
            (Some(range), Some((x, _))) => Some(extend(Some(range), *x, *x)),
            (range, _) => range,
        };
        let labels = LabelColumn::new(self.rows.iter().map(|r| r.label.as_str()));
        let slots = points()
            .map(|p| p.series.saturating_add(1))
            .fold(self.series.len().max(1), usize::max);
        let row = labels.row_height(count(slots) * SERIES_GAP + 14.0);
        let value_width = widest(points().map(|p| p.value_label.as_str()));
        let left = MARGIN + labels.width + MARGIN;
        let right = WIDTH - MARGIN - (value_width + MARGIN).max(3.0 * MARGIN);
        let Some(axis) = range.map(|(lo, hi)| Axis::new(lo, hi, left, right)) else {
            for i in 0..self.rows.len() {
                let centre = top + row * (count(i) + 0.5);
                labels.draw(out, i, left - MARGIN, centre)?;
            }
            return Ok(top + row * count(self.rows.len()) + MARGIN);
        };
        top = reference_label(out, &axis, self.reference.as_ref(), top)?;
        let bottom = top + row * count(self.rows.len());
        axis.grid(out, top, bottom)?;
        reference_line(out, &axis, self.reference.as_ref(), top, bottom)?;
        let first_slot = (count(slots) - 1.0) / 2.0;
        for (i, interval_row) in self.rows.iter().enumerate() {
            let centre = top + row * (count(i) + 0.5);
            labels.draw(out, i, left - MARGIN, centre)?;
            for p in &interval_row.points {
                let y = centre + (count(p.series) - first_slot) * SERIES_GAP;
                let (lower, upper) = ((axis.x(p.lower), y), (axis.x(p.upper), y));
                line(out, lower, upper, colour(p.series), r#" stroke-width="2""#)?;
                writeln!(
                    out,
                    r#"<circle cx="{}" cy="{}" r="4" fill="{}"/>"#,
                    Px(axis.x(p.estimate)),
                    Px(y),
                    colour(p.series),
                )?;
                text(
                    out,
                    right + MARGIN,
                    y + BASELINE_SHIFT,
                    "start",
                    &p.value_label,
                )?;
            }
        }
        axis.tick_labels(out, bottom, ticks, self.axis_label.as_deref())
    }
}

/// 100 % stacked horizontal bars of counts, e.g. how many clients improved, stayed unchanged
/// or deteriorated in each group.
///
/// Each category has a colour and a legend entry, in the order declared; each segment
/// carries a `<title>` (a tooltip on screen) with its category and count. A row whose
/// counts sum to zero is an empty outline; a suppressed row shows its symbol instead of a
/// bar. Counts beyond the declared categories are ignored.
///
/// # Example
/// ```
/// use rakenne_report::ShareChart;
///
/// let chart = ShareChart::new("change", "Muutos PHQ-9:ssä")
///     .category("Parantunut")
///     .category("Ei muutosta")
///     .category("Heikentynyt")
///     .row("Rovaniemi", &[41, 52, 7])
///     .suppressed_row("Kemi", "..");
/// let svg = chart.to_svg(&|v| format!("{v} %"));
/// assert!(svg.contains("<title>Parantunut: 41</title>"));
/// ```
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct ShareChart {
    heading: Heading,
    categories: Vec<String>,
    rows: Vec<ShareRow>,
}

#[derive(Debug, Clone)]
struct ShareRow {
    label: String,
    /// The counts, or `Err(symbol)` when suppressed.
    counts: Result<Vec<u64>, String>,
}

impl ShareChart {
    /// An empty chart; `id` as in [`BarChart::new`].
    ///
    /// # Example
    /// ```
    /// let svg = rakenne_report::ShareChart::new("change", "Muutos").to_svg(&|v| format!("{v} %"));
    /// assert!(svg.contains(r#"<title id="change-title">Muutos</title>"#));
    /// ```
    pub fn new(id: &str, title: &str) -> Self {
        Self {
            heading: Heading::new(id, title),
            categories: Vec::new(),
            rows: Vec::new(),
        }
    }

    /// The text of the `<desc>` element; by default the title.
    ///
    /// # Example
    /// ```
    /// let chart = rakenne_report::ShareChart::new("change", "Muutos").description("Useimmat ennallaan.");
    /// assert!(chart.to_svg(&|v| format!("{v} %")).contains(">Useimmat ennallaan.</desc>"));
    /// ```
    #[must_use]
    pub fn description(mut self, text: &str) -> Self {
        self.heading.description = Some(text.to_owned());
        self
    }

    /// Declares the next category: its legend entry and, by its position, its colour and
    /// the position of its count in [`row`](Self::row).
    ///
    /// # Example
    /// ```
    /// let chart = rakenne_report::ShareChart::new("change", "Muutos").category("Parantunut");
    /// assert!(chart.to_svg(&|v| format!("{v} %")).contains(">Parantunut</text>"));
    /// ```
    #[must_use]
    pub fn category(mut self, name: &str) -> Self {
        self.categories.push(name.to_owned());
        self
    }

    /// Adds a bar below the previous ones, with one count per category.
    ///
    /// # Example
    /// ```
    /// let chart = rakenne_report::ShareChart::new("change", "Muutos")
    ///     .category("Parantunut")
    ///     .category("Ei muutosta")
    ///     .row("Kemi", &[3, 9]);
    /// assert!(chart.to_svg(&|v| format!("{v} %")).contains("<title>Ei muutosta: 9</title>"));
    /// ```
    #[must_use]
    pub fn row(mut self, label: &str, counts: &[u64]) -> Self {
        self.rows.push(ShareRow {
            label: label.to_owned(),
            counts: Ok(counts.to_vec()),
        });
        self
    }

    /// Adds a row whose counts disclosure control suppressed: no bar, only `symbol` (`..`).
    ///
    /// # Example
    /// ```
    /// let chart = rakenne_report::ShareChart::new("change", "Muutos").suppressed_row("Kemi", "..");
    /// assert!(chart.to_svg(&|v| format!("{v} %")).contains(">..</text>"));
    /// ```
    #[must_use]
    pub fn suppressed_row(mut self, label: &str, symbol: &str) -> Self {
        self.rows.push(ShareRow {
            label: label.to_owned(),
            counts: Err(symbol.to_owned()),
        });
        self
    }

    /// Renders the chart; `percent` formats the axis ticks 0–100 (e.g. `"20 %"`).
    ///
    /// # Example
    /// ```
    /// let chart = rakenne_report::ShareChart::new("change", "Muutos")
    ///     .category("Parantunut")
    ///     .row("Kemi", &[3]);
    /// assert!(chart.to_svg(&|v| format!("{v} %")).contains(">100 %</text>"));
    /// ```
    pub fn to_svg(&self, percent: &dyn Fn(f64) -> String) -> String {
        render(&self.heading, |body, top| {
            self.write_body(body, top, percent)
        })
    }

    fn write_body(
        &self,
        out: &mut String,
        top: f64,
        percent: &dyn Fn(f64) -> String,
    ) -> Result<f64, fmt::Error> {
        let top = legend(out, top, &self.categories, Marker::Square)?;
        let labels = LabelColumn::new(self.rows.iter().map(|r| r.label.as_str()));
        let left = MARGIN + labels.width + MARGIN;
        let axis = Axis::new(0.0, 100.0, left, WIDTH - 3.0 * MARGIN);
        let row = labels.row_height(BAR + 12.0);
        let bottom = top + row * count(self.rows.len());
        let any_bar = self.rows.iter().any(|r| r.counts.is_ok());
        if any_bar {
            axis.grid(out, top, bottom)?;
        }
        for (i, share_row) in self.rows.iter().enumerate() {
            let centre = top + row * (count(i) + 0.5);
            labels.draw(out, i, left - MARGIN, centre)?;
            let counts = match &share_row.counts {
                Ok(counts) => &counts[..counts.len().min(self.categories.len())],
                Err(symbol) => {
                    text(out, left + 4.0, centre + BASELINE_SHIFT, "start", symbol)?;
                    continue;
                }
            };
            let y = centre - BAR / 2.0;
            let total: u128 = counts.iter().map(|&n| u128::from(n)).sum();
            if total == 0 {
                let paint = format!(r#"fill="none" stroke="{OUTLINE}""#);
                rect(out, (left, y), (axis.x(100.0) - left, BAR), &paint, None)?;
                continue;
            }
            let mut before = 0;
            for (c, &n) in counts.iter().enumerate().filter(|(_, n)| **n > 0) {
                let start = axis.x(100.0 * ratio(before, total));
                before += u128::from(n);
                let end = axis.x(100.0 * ratio(before, total));
                let (fill, title) = (
                    format!(r#"fill="{}""#, colour(c)),
                    format!("{}: {n}", self.categories[c]),
                );
                rect(out, (start, y), (end - start, BAR), &fill, Some(&title))?;
            }
        }
        if any_bar {
            axis.tick_labels(out, bottom, percent, None)
        } else {
            Ok(bottom + MARGIN)
        }
    }
}

/// The id prefix, title and description every chart has.
#[derive(Debug, Clone)]
struct Heading {
    id: String,
    title: String,
    description: Option<String>,
}

impl Heading {
    fn new(id: &str, title: &str) -> Self {
        let id = id
            .chars()
            .map(|c| match c {
                c if c.is_alphanumeric() || c == '-' || c == '_' => c,
                _ => '-',
            })
            .collect();
        Self {
            id,
            title: title.to_owned(),
            description: None,
        }
    }
}

/// Wraps a chart's body in the root element with its accessible name and visible title.
/// `body` writes below the `top` it is given and returns the chart's height.
fn render(
    heading: &Heading,
    body: impl FnOnce(&mut String, f64) -> Result<f64, fmt::Error>,
) -> String {
    let mut out = String::new();
    // Writing to a `String` cannot fail; the `fmt::Result`s only serve `write!`.
    let _ = write_document(&mut out, heading, body);
    out
}

fn write_document(
    out: &mut String,
    heading: &Heading,
    body: impl FnOnce(&mut String, f64) -> Result<f64, fmt::Error>,
) -> fmt::Result {
    let mut content = String::new();
    let mut baseline = MARGIN;
    for title_line in wrap(&heading.title, WIDTH - 2.0 * MARGIN, TITLE_SIZE) {
        baseline += 20.0;
        writeln!(
            content,
            r#"<text x="{}" y="{}" font-size="16" font-weight="bold">{}</text>"#,
            Px(MARGIN),
            Px(baseline - 4.0),
            Escaped(&title_line),
        )?;
    }
    let height = body(&mut content, baseline + 8.0)?;
    let id = &heading.id;
    let description = heading.description.as_deref().unwrap_or(&heading.title);
    writeln!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {w} {h}\" width=\"100%\" \
         style=\"max-width:{w}px;height:auto\" role=\"img\" \
         aria-labelledby=\"{id}-title {id}-desc\" font-family=\"system-ui, sans-serif\" \
         font-size=\"12\" fill=\"{TEXT}\">",
        w = Px(WIDTH),
        h = Px(height.ceil()),
    )?;
    writeln!(
        out,
        r#"<title id="{id}-title">{}</title>"#,
        Escaped(&heading.title)
    )?;
    writeln!(
        out,
        r#"<desc id="{id}-desc">{}</desc>"#,
        Escaped(description)
    )?;
    out.push_str(&content);
    out.push_str("</svg>\n");
    Ok(())
}

/// A linear horizontal axis over nice ticks, drawn between `left` and `right`.
struct Axis {
    ticks: Vec<f64>,
    lo: f64,
    hi: f64,
    left: f64,
    right: f64,
}

impl Axis {
    fn new(lo: f64, hi: f64, left: f64, right: f64) -> Self {
        let ticks = nice_ticks(lo, hi);
        let lo = ticks.first().copied().unwrap_or(lo);
        let hi = ticks.last().copied().unwrap_or(hi);
        Self {
            ticks,
            lo,
            hi,
            left,
            right,
        }
    }

    fn x(&self, value: f64) -> f64 {
        let span = if self.hi > self.lo {
            self.hi - self.lo
        } else {
            1.0
        };
        self.left + (value - self.lo) / span * (self.right - self.left)
    }

    fn grid(&self, out: &mut String, top: f64, bottom: f64) -> fmt::Result {
        for &tick in &self.ticks {
            let x = self.x(tick);
            line(out, (x, top), (x, bottom), GRID, "")?;
        }
        Ok(())
    }

    /// Writes the tick labels and caption below `bottom`; returns the chart's height.
    fn tick_labels(
        &self,
        out: &mut String,
        bottom: f64,
        format: &dyn Fn(f64) -> String,
        caption: Option<&str>,
    ) -> Result<f64, fmt::Error> {
        for &tick in &self.ticks {
            text(out, self.x(tick), bottom + 16.0, "middle", &format(tick))?;
        }
        match caption {
            Some(caption) => {
                let centre = f64::midpoint(self.left, self.right);
                text(out, centre, bottom + 34.0, "middle", caption)?;
                Ok(bottom + 42.0)
            }
            None => Ok(bottom + 24.0),
        }
    }
}

/// Writes the label of a reference line `(x, label)` above the plot, kept inside the
/// chart near an edge; returns where the plot starts.
fn reference_label(
    out: &mut String,
    axis: &Axis,
    reference: Option<&(f64, String)>,
    top: f64,
) -> Result<f64, fmt::Error> {
    let Some((x, label)) = reference else {
        return Ok(top);
    };
    let half = text_width(label, FONT_SIZE) / 2.0;
    let centre = axis.x(*x).clamp(MARGIN + half, WIDTH - MARGIN - half);
    text(out, centre, top + 12.0, "middle", label)?;
    Ok(top + 18.0)
}

/// Draws a reference line `(x, _)` dashed from `top` to `bottom`.
fn reference_line(
    out: &mut String,
    axis: &Axis,
    reference: Option<&(f64, String)>,
    top: f64,
    bottom: f64,
) -> fmt::Result {
    match reference {
        Some((x, _)) => {
            let x = axis.x(*x);
            line(
                out,
                (x, top),
                (x, bottom),
                TEXT,
                r#" stroke-dasharray="4 3""#,
            )
        }
        None => Ok(()),
    }
}

/// Ticks covering `lo..=hi` at a step of 1, 2, 2.5 or 5 × 10^k: the smallest such step that
/// needs at most five intervals (six ticks). A range of zero width is widened upwards.
fn nice_ticks(lo: f64, hi: f64) -> Vec<f64> {
    if !lo.is_finite() || !hi.is_finite() {
        return vec![0.0, 1.0];
    }
    let hi = if hi > lo { hi } else { lo + lo.abs().max(1.0) };
    let span = hi - lo;
    if !span.is_finite() {
        return vec![lo, hi];
    }
    // 10^power ≤ span / 10, so the first step tried needs at least ten intervals.
    #[expect(
        clippy::cast_possible_truncation,
        reason = "log10 of a finite, positive f64 lies within ±324"
    )]
    let power = span.log10().floor() as i32 - 1;
    for power in power..=power + 2 {
        for mantissa in [1.0, 2.0, 2.5, 5.0] {
            // Ticks are i·m·10^p; dividing by 10^-p keeps 0.2·3 at 0.6, not 0.6000000000000001.
            let tick = |i: f64| {
                let value = if power < 0 {
                    i * mantissa / 10f64.powi(-power)
                } else {
                    i * mantissa * 10f64.powi(power)
                };
                value + 0.0 // no -0
            };
            let step = tick(1.0);
            // The tolerance keeps rounding error from adding a step: 1.0 / 0.2 is 5, not 6.
            let first = (lo / step + 1e-9).floor();
            let last = (hi / step - 1e-9).ceil();
            if last - first <= 5.0 {
                return (0..=5)
                    .map(f64::from)
                    .take_while(|&k| k <= last - first)
                    .map(|k| tick(first + k))
                    .collect();
            }
        }
    }
    vec![lo, hi]
}

/// Category labels on the left, wrapped at spaces when wider than [`LABEL_WRAP`].
struct LabelColumn {
    lines: Vec<Vec<String>>,
    width: f64,
}

impl LabelColumn {
    fn new<'a>(labels: impl Iterator<Item = &'a str>) -> Self {
        let lines: Vec<Vec<String>> = labels.map(|l| wrap(l, LABEL_WRAP, FONT_SIZE)).collect();
        // A single word longer than the wrap width widens the column, up to a point.
        let width = widest(lines.iter().flatten().map(String::as_str)).min(1.5 * LABEL_WRAP);
        Self { lines, width }
    }

    /// Height of every row: `at_least`, or more if a wrapped label needs it.
    fn row_height(&self, at_least: f64) -> f64 {
        let lines = self.lines.iter().map(Vec::len).max().unwrap_or(0);
        (count(lines) * LINE_HEIGHT + 12.0).max(at_least)
    }

    /// Writes the label of `row`, right-aligned at `right` and centred on `centre`.
    fn draw(&self, out: &mut String, row: usize, right: f64, centre: f64) -> fmt::Result {
        let lines = self.lines.get(row).map_or(&[][..], Vec::as_slice);
        let first = centre - (count(lines.len()) - 1.0) * LINE_HEIGHT / 2.0 + BASELINE_SHIFT;
        for (i, label_line) in lines.iter().enumerate() {
            let y = first + count(i) * LINE_HEIGHT;
            text(out, right, y, "end", label_line)?;
        }
        Ok(())
    }
}

#[derive(Clone, Copy)]
enum Marker {
    Dot,
    Square,
}

/// Writes a legend of `names` in palette order below `top`, wrapping when the line is
/// full; returns where the chart continues.
fn legend(out: &mut String, top: f64, names: &[String], marker: Marker) -> Result<f64, fmt::Error> {
    if names.is_empty() {
        return Ok(top);
    }
    let (mut x, mut baseline) = (MARGIN, top + 14.0);
    for (i, name) in names.iter().enumerate() {
        let width = 16.0 + text_width(name, FONT_SIZE);
        if x > MARGIN && x + width > WIDTH - MARGIN {
            x = MARGIN;
            baseline += 20.0;
        }
        match marker {
            Marker::Dot => writeln!(
                out,
                r#"<circle cx="{}" cy="{}" r="5" fill="{}"/>"#,
                Px(x + 5.0),
                Px(baseline - BASELINE_SHIFT),
                colour(i),
            )?,
            Marker::Square => {
                let fill = format!(r#"fill="{}""#, colour(i));
                rect(out, (x, baseline - 9.0), (10.0, 10.0), &fill, None)?;
            }
        }
        text(out, x + 16.0, baseline, "start", name)?;
        x += width + 16.0;
    }
    Ok(baseline + 12.0)
}

fn text(out: &mut String, x: f64, y: f64, anchor: &str, content: &str) -> fmt::Result {
    writeln!(
        out,
        r#"<text x="{}" y="{}" text-anchor="{anchor}">{}</text>"#,
        Px(x),
        Px(y),
        Escaped(content),
    )
}

/// A rectangle; `paint` holds its fill and stroke attributes, `title` its tooltip.
fn rect(
    out: &mut String,
    (x, y): (f64, f64),
    (width, height): (f64, f64),
    paint: &str,
    title: Option<&str>,
) -> fmt::Result {
    let (x, y, width, height) = (Px(x), Px(y), Px(width), Px(height));
    write!(
        out,
        r#"<rect x="{x}" y="{y}" width="{width}" height="{height}" {paint}"#
    )?;
    match title {
        Some(title) => writeln!(out, "><title>{}</title></rect>", Escaped(title)),
        None => writeln!(out, "/>"),
    }
}

/// A line; `extra` holds further attributes, each with a leading space.
fn line(
    out: &mut String,
    from: (f64, f64),
    to: (f64, f64),
    stroke: &str,
    extra: &str,
) -> fmt::Result {
    writeln!(
        out,
        r#"<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{stroke}"{extra}/>"#,
        Px(from.0),
        Px(from.1),
        Px(to.0),
        Px(to.1),
    )
}

/// Splits `text` at whitespace into lines no wider than `max` (a longer word gets a line of
/// its own).
fn wrap(text: &str, max: f64, size: f64) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for word in text.split_whitespace() {
        match lines.last_mut() {
            Some(line) if text_width(&format!("{line} {word}"), size) <= max => {
                line.push(' ');
                line.push_str(word);
            }
            _ => lines.push(word.to_owned()),
        }
    }
    lines
}

/// An estimate of the width of `text` set in `system-ui` at `size`: 0.6 em per character,
/// a little over the average of Latin letters, so that labels rather get too much room
/// than too little.
fn text_width(text: &str, size: f64) -> f64 {
    count(text.chars().count()) * size * 0.6
}

fn widest<'a>(texts: impl Iterator<Item = &'a str>) -> f64 {
    texts.map(|t| text_width(t, FONT_SIZE)).fold(0.0, f64::max)
}

fn extend(range: Option<(f64, f64)>, lo: f64, hi: f64) -> (f64, f64) {
    range.map_or((lo, hi), |(a, b)| (a.min(lo), b.max(hi)))
}

#[expect(
    clippy::cast_precision_loss,
    reason = "numbers of rows and characters are far below 2^52"
)]
fn count(n: usize) -> f64 {
    n as f64
}

#[expect(
    clippy::cast_precision_loss,
    reason = "a share needs no more than f64's 52 bits of the counts"
)]
fn ratio(part: u128, total: u128) -> f64 {
    part as f64 / total as f64
}

/// A coordinate written with at most one decimal, so that the output does not depend on
/// the last bits of a float.
struct Px(f64);

impl Display for Px {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Adding 0.0 turns -0 into 0.
        write!(f, "{}", (self.0 * 10.0).round() / 10.0 + 0.0)
    }
}

/// Text escaped for XML content and attribute values. Control characters, which XML 1.0
/// forbids, are dropped.
struct Escaped<'a>(&'a str);

impl Display for Escaped<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for c in self.0.chars() {
            match c {
                '&' => f.write_str("&amp;")?,
                '<' => f.write_str("&lt;")?,
                '>' => f.write_str("&gt;")?,
                '"' => f.write_str("&quot;")?,
                '\'' => f.write_str("&#39;")?,
                '\t' | '\n' | '\r' => f.write_char(c)?,
                c if c.is_control() => {}
                c => f.write_char(c)?,
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use roxmltree::{Document, Node};

    fn plain(v: f64) -> String {
        v.to_string()
    }

    fn comma(v: f64) -> String {
        v.to_string().replace('.', ",")
    }

    fn percent(v: f64) -> String {
        format!("{v} %")
    }

    fn bar_sample() -> BarChart {
        BarChart::new(
            "bars",
            "Lastensuojelun avohuollon asiakkaat hyvinvointialueittain 2024",
        )
        .description("Asiakkaita oli eniten Länsi-Uudellamaalla; Keski-Pohjanmaan luku on salattu.")
        .bar("Lapin hyvinvointialue", Some(412.0), "412")
        .bar(
            "Länsi-Uudenmaan hyvinvointialueen lastensuojelun avohuolto",
            Some(1234.0),
            "1 234",
        )
        .bar("Keski-Pohjanmaan hyvinvointialue", None, "..")
        .bar("Kainuun hyvinvointialue", Some(87.5), "87,5")
        .axis_label("asiakkaita")
    }

    fn interval_sample() -> IntervalChart {
        IntervalChart::new(
            "phq9",
            "PHQ-9-keskiarvot ennen ja jälkeen (95 %:n luottamusväli)",
        )
        .series("Alkumittaus")
        .series("Loppumittaus")
        .row("Matalan kynnyksen sosiaalityö")
        .point(0, 14.2, 12.9, 15.5, "14,2 (12,9–15,5)")
        .point(1, 9.8, 8.6, 11.0, "9,8 (8,6–11,0)")
        .row("Sosiaalinen kuntoutus")
        .point(0, 16.1, 14.0, 18.2, "16,1 (14,0–18,2)")
        .point(1, 12.4, 10.1, 14.7, "12,4 (10,1–14,7)")
        .row("Etsivä sosiaalityö (alle 5 asiakasta)")
        .reference_line(10.0, "kohtalaisen masennuksen raja")
        .axis_label("PHQ-9-pisteet")
    }

    fn share_sample() -> ShareChart {
        ShareChart::new(
            "change",
            "Luotettava muutos PHQ-9:ssä hyvinvointialueittain",
        )
        .category("Parantunut")
        .category("Ei muutosta")
        .category("Heikentynyt")
        .row("Lapin hyvinvointialue", &[41, 52, 7])
        .row("Kainuun hyvinvointialue", &[12, 30, 3])
        .suppressed_row("Keski-Pohjanmaan hyvinvointialue", "..")
        .row("Uusi palvelu, ei vielä loppumittauksia", &[0, 0, 0])
    }

    fn parse(svg: &str) -> Document<'_> {
        Document::parse(svg).unwrap_or_else(|e| panic!("not XML ({e}):\n{svg}"))
    }

    fn elements<'a>(doc: &'a Document<'a>, tag: &str) -> Vec<Node<'a, 'a>> {
        doc.descendants().filter(|n| n.has_tag_name(tag)).collect()
    }

    fn number(node: Node<'_, '_>, attribute: &str) -> f64 {
        node.attribute(attribute).unwrap().parse().unwrap()
    }

    /// Widths of the rects that are bars or segments, not legend keys (all 10 wide).
    fn bar_widths(svg: &str) -> Vec<f64> {
        let doc = parse(svg);
        let rects = elements(&doc, "rect").into_iter();
        rects
            .filter(|r| r.attribute("height") == Some("16"))
            .map(|r| number(r, "width"))
            .collect()
    }

    #[test]
    fn every_chart_is_xml_named_by_its_title_and_desc() {
        let charts = [
            (bar_sample().to_svg(&comma), "Lastensuojelun avohuollon"),
            (interval_sample().to_svg(&comma), "PHQ-9-keskiarvot"),
            (share_sample().to_svg(&percent), "Luotettava muutos"),
            (BarChart::new("e1", "Tyhjä").to_svg(&plain), "Tyhjä"),
            (IntervalChart::new("e2 x", "Tyhjä").to_svg(&plain), "Tyhjä"),
            (ShareChart::new("e3", "Tyhjä").to_svg(&percent), "Tyhjä"),
        ];
        for (svg, title) in &charts {
            let doc = parse(svg);
            let root = doc.root_element();
            assert_eq!(root.attribute("role"), Some("img"));
            let ids: Vec<&str> = root
                .attribute("aria-labelledby")
                .unwrap()
                .split(' ')
                .collect();
            let named: Vec<_> = ids
                .iter()
                .map(|&id| {
                    doc.descendants()
                        .find(|n| n.attribute("id") == Some(id))
                        .unwrap()
                })
                .collect();
            assert_eq!(named[0].tag_name().name(), "title", "{svg}");
            assert_eq!(named[1].tag_name().name(), "desc", "{svg}");
            assert!(named[0].text().unwrap().starts_with(title));
            assert!(!named[1].text().unwrap().is_empty());
        }
    }

    #[test]
    fn text_is_escaped_everywhere() {
        const EVIL: &str = r#"<script>&"'"#;
        let evil = |_: f64| EVIL.to_owned();
        let charts = [
            BarChart::new(EVIL, EVIL)
                .description(EVIL)
                .bar(EVIL, Some(1.0), EVIL)
                .bar(EVIL, None, EVIL)
                .axis_label(EVIL)
                .to_svg(&evil),
            IntervalChart::new(EVIL, EVIL)
                .description(EVIL)
                .series(EVIL)
                .row(EVIL)
                .point(0, 1.0, 0.0, 2.0, EVIL)
                .reference_line(0.0, EVIL)
                .axis_label(EVIL)
                .to_svg(&evil),
            ShareChart::new(EVIL, EVIL)
                .description(EVIL)
                .category(EVIL)
                .row(EVIL, &[1])
                .suppressed_row(EVIL, EVIL)
                .to_svg(&evil),
        ];
        for svg in &charts {
            assert!(!svg.contains("<script") && !svg.contains("&\""), "{svg}");
            assert!(svg.contains("&lt;script&gt;&amp;&quot;&#39;"));
            let doc = parse(svg);
            let root = doc.root_element();
            assert_eq!(
                root.attribute("aria-labelledby"),
                Some("-script-----title -script-----desc")
            );
            // Every text the caller gave comes back unchanged from the parsed XML.
            let texts = doc
                .descendants()
                .filter_map(|n| n.text())
                .filter(|t| t.contains("script"));
            assert!(texts.clone().count() >= 8);
            assert!(
                texts
                    .into_iter()
                    .all(|t| t == EVIL || t == format!("{EVIL}: 1"))
            );
        }
    }

    #[test]
    fn rendering_twice_gives_the_same_bytes() {
        assert_eq!(bar_sample().to_svg(&comma), bar_sample().to_svg(&comma));
        assert_eq!(
            interval_sample().to_svg(&comma),
            interval_sample().to_svg(&comma)
        );
        assert_eq!(
            share_sample().to_svg(&percent),
            share_sample().to_svg(&percent)
        );
    }

    #[test]
    fn suppressed_and_non_finite_values_draw_no_bar() {
        let svg = BarChart::new("b", "T")
            .bar("a", Some(10.0), "10")
            .bar("b", None, "..")
            .bar("c", Some(f64::NAN), "..")
            .bar("d", Some(f64::INFINITY), "..")
            .bar("e", Some(f64::NEG_INFINITY), "..")
            .bar("f", Some(5.0), "5")
            .to_svg(&plain);
        assert_eq!(bar_widths(&svg).len(), 2);
        assert!(!svg.contains("NaN") && !svg.contains("inf"));
        assert_eq!(svg.matches(">..</text>").count(), 4);
    }

    #[test]
    fn bar_widths_are_proportional_to_values() {
        // Axis 0–25 in steps of 5: the bar of 25 spans the plot, the bar of 10 is 2/5 of it.
        let svg = BarChart::new("b", "T")
            .bar("a", Some(10.0), "10")
            .bar("b", Some(25.0), "25");
        let [ten, twenty_five] = bar_widths(&svg.to_svg(&plain))[..] else {
            panic!()
        };
        assert!(
            (ten - twenty_five / 2.5).abs() <= 0.1,
            "{ten} {twenty_five}"
        );
    }

    #[test]
    fn negative_bars_extend_left_of_zero() {
        // -5 and 10 give the axis -5, 0, 5, 10 (see `nice_ticks_by_hand`): the zero line is at
        // a third of the plot, the bar of -5 fills the first third and the bar of 10 the rest.
        let svg = BarChart::new("b", "T")
            .bar("a", Some(-5.0), "-5")
            .bar("b", Some(10.0), "10");
        let svg = svg.to_svg(&plain);
        let doc = parse(&svg);
        let grid = elements(&doc, "line");
        let rects = elements(&doc, "rect");
        let (negative, positive) = (rects[0], rects[1]);
        assert_eq!(negative.attribute("x"), grid[0].attribute("x1"));
        let zero = number(negative, "x") + number(negative, "width");
        assert!((zero - number(positive, "x")).abs() <= 0.1);
        assert!((number(negative, "width") - number(positive, "width") / 2.0).abs() <= 0.1);
        // The value label of -5 stands left of the bar, clear of the category label.
        let x_of = |content| {
            let texts = elements(&doc, "text").into_iter();
            number(
                texts
                    .into_iter()
                    .find(|n| n.text() == Some(content))
                    .unwrap(),
                "x",
            )
        };
        assert!(
            x_of("a") <= x_of("-5") - text_width("-5", FONT_SIZE),
            "{svg}"
        );
    }

    #[test]
    fn empty_charts_show_title_and_rows_without_axis() {
        let no_bars = BarChart::new("b", "Ei tietoja").to_svg(&plain);
        let all_suppressed = BarChart::new("b", "Kaikki salattu")
            .bar("Kemi", None, "..")
            .bar("Tornio", Some(f64::NAN), "..")
            .to_svg(&plain);
        let no_points = IntervalChart::new("i", "Ei pisteitä")
            .row("Kemi")
            .to_svg(&plain);
        let all_suppressed_shares = ShareChart::new("s", "Salattu")
            .category("Parantunut")
            .suppressed_row("Kemi", "..")
            .to_svg(&percent);
        for svg in [
            &no_bars,
            &all_suppressed,
            &no_points,
            &all_suppressed_shares,
        ] {
            let doc = parse(svg);
            assert!(
                elements(&doc, "line").is_empty() && bar_widths(svg).is_empty(),
                "{svg}"
            );
        }
        assert!(no_bars.contains(">Ei tietoja</text>"));
        assert_eq!(all_suppressed.matches(">..</text>").count(), 2);
        assert!(all_suppressed.contains(">Tornio</text>") && no_points.contains(">Kemi</text>"));
    }

    #[test]
    fn nice_ticks_by_hand() {
        // 87: steps 1–10 need 9 or more intervals; 20 needs five (0–100).
        assert_eq!(nice_ticks(0.0, 87.0), [0.0, 20.0, 40.0, 60.0, 80.0, 100.0]);
        assert_eq!(nice_ticks(0.0, 100.0), [0.0, 20.0, 40.0, 60.0, 80.0, 100.0]);
        // 0.93: 0.1 needs ten intervals; 0.2 needs five (0.93 / 0.2 = 4.65).
        assert_eq!(nice_ticks(0.0, 0.93), [0.0, 0.2, 0.4, 0.6, 0.8, 1.0]);
        // -3.2..7.9: step 1 needs -4..8 (12), 2 needs -4..8 (6), 2.5 needs -5..10 (6),
        // 5 needs -5..10 (3 intervals).
        assert_eq!(nice_ticks(-3.2, 7.9), [-5.0, 0.0, 5.0, 10.0]);
        // 0.0033: 0.0001–0.0005 need 7 or more; 0.001 needs four.
        assert_eq!(nice_ticks(0.0, 0.0033), [0.0, 0.001, 0.002, 0.003, 0.004]);
        // 8.6..18.2: 2 needs 4..20 (6), 2.5 needs 7.5..20 (5).
        assert_eq!(nice_ticks(8.6, 18.2), [7.5, 10.0, 12.5, 15.0, 17.5, 20.0]);
        // A range of zero width becomes 0..1.
        assert_eq!(nice_ticks(0.0, 0.0), [0.0, 0.2, 0.4, 0.6, 0.8, 1.0]);
        assert_eq!(nice_ticks(f64::NAN, 1.0), [0.0, 1.0]);
    }

    #[test]
    fn interval_chart_skips_points_it_cannot_draw_truthfully() {
        let svg = IntervalChart::new("i", "T")
            .point(0, 0.5, 0.4, 0.6, "before any row")
            .row("Kemi")
            .point(0, 0.4, 0.2, 0.6, "0,4")
            .point(1, f64::NAN, 0.2, 0.6, "NaN")
            .point(2, 0.4, 0.6, 0.2, "lower > upper")
            .point(3, 0.9, 0.2, 0.6, "outside")
            .point(4, 0.4, 0.2, f64::INFINITY, "infinite")
            .row("Tornio")
            .reference_line(0.0, "ei vaikutusta")
            .to_svg(&plain);
        let doc = parse(&svg);
        assert_eq!(elements(&doc, "circle").len(), 1);
        assert!(!svg.contains("NaN") && !svg.contains("inf") && !svg.contains("outside"));
        assert!(!svg.contains("row<") && svg.contains(">Tornio</text>"));
        // The axis (0, 0.2, 0.4, 0.6) starts at the reference line.
        let lines = elements(&doc, "line");
        let dashed = lines
            .iter()
            .find(|l| l.attribute("stroke-dasharray").is_some())
            .unwrap();
        assert_eq!(dashed.attribute("x1"), lines[0].attribute("x1"));
    }

    #[test]
    fn share_segments_match_shares_of_counts() {
        let svg = ShareChart::new("s", "T")
            .category("a")
            .category("b")
            .category("c")
            .row("1:1:2", &[1, 1, 2])
            .row("nothing yet", &[0, 0, 0])
            .suppressed_row("suppressed", "..")
            .to_svg(&percent);
        let widths = bar_widths(&svg);
        let [a, b, c, outline] = widths[..] else {
            panic!("{widths:?}")
        };
        for (width, share) in [(a, 0.25), (b, 0.25), (c, 0.5)] {
            assert!((width - share * outline).abs() <= 0.1, "{widths:?}");
        }
        assert!(svg.contains("<title>a: 1</title>") && svg.contains("<title>c: 2</title>"));
        assert!(svg.contains(r#"fill="none""#) && svg.contains(">..</text>"));
    }

    #[test]
    fn coordinates_have_at_most_one_decimal() {
        let written = [1.25, 3.0, -0.04, -2.06, 639.96].map(|v| Px(v).to_string());
        assert_eq!(written, ["1.3", "3", "0", "-2.1", "640"]);
    }

    #[test]
    fn labels_wrap_at_spaces() {
        // 120 px at 7.2 px per character holds 16 characters.
        let lines = wrap("Lastensuojelun avohuollon tukitoimet", 120.0, 12.0);
        assert_eq!(lines, ["Lastensuojelun", "avohuollon", "tukitoimet"]);
        assert_eq!(wrap("Kemi Tornio", 120.0, 12.0), ["Kemi Tornio"]);
    }

    #[test]
    fn bar_chart_snapshot() {
        insta::assert_snapshot!("bar_chart", bar_sample().to_svg(&comma));
    }

    #[test]
    fn interval_chart_snapshot() {
        insta::assert_snapshot!("interval_chart", interval_sample().to_svg(&comma));
    }

    #[test]
    fn share_chart_snapshot() {
        insta::assert_snapshot!("share_chart", share_sample().to_svg(&percent));
    }
}
