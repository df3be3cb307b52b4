//! The forest plot of a meta-analysis.

use std::fmt::{self, Write as _};

use super::{
    Axis, BASELINE_SHIFT, GRID, Heading, LabelColumn, MARGIN, OUTLINE, Px, WIDTH, count, extend,
    line, reference_label, reference_line, render, text, widest,
};

/// Largest side of a study's square, in SVG units (the study with the most weight).
const MAX_SQUARE: f64 = 14.0;
/// Smallest side, so that a light study stays visible.
const MIN_SQUARE: f64 = 3.0;
/// Half the height of a pooled estimate's diamond.
const DIAMOND: f64 = 7.0;
/// The colour of studies and pooled estimates.
const INK: &str = "#0072b2";

/// A forest plot: each study's effect (e.g. each area's pilot) with its 95 % confidence
/// interval, drawn as a square whose area is proportional to the study's weight, and below
/// a rule the pooled estimates as diamonds spanning their intervals.
///
/// Rows are drawn in the order they are added. A row whose numbers cannot be drawn
/// truthfully — non-finite, `lower > upper`, or the estimate outside its interval — shows
/// its label and value label only; so does a study without weight. Every square and diamond
/// carries a `<title>` (a tooltip on screen) with its row's label and value label.
///
/// # Example
/// ```
/// use rakenne_report::ForestPlot;
///
/// let plot = ForestPlot::new("pooled", "Olohuonemallin vaikutus alueittain (Hedgesin g)")
///     .study("Pirkanmaa", 0.52, 0.26, 0.78, 0.4, "0,52 (0,26–0,78)")
///     .study("Kainuu", 0.31, 0.00, 0.62, 0.25, "0,31 (0,00–0,62)")
///     .study("Lappi", 0.78, 0.39, 1.17, 0.35, "0,78 (0,39–1,17)")
///     .pooled("Satunnaisvaikutus", 0.53, 0.33, 0.73, "0,53 (0,33–0,73)")
///     .reference_line(0.0, "ei vaikutusta");
/// let svg = plot.to_svg(&|v| format!("{v}"));
/// assert_eq!(svg.matches("<polygon").count(), 1);
/// assert!(svg.contains("<title>Lappi: 0,78 (0,39–1,17)</title>"));
/// ```
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct ForestPlot {
    heading: Heading,
    studies: Vec<ForestRow>,
    pooled: Vec<ForestRow>,
    reference: Option<(f64, String)>,
    axis_label: Option<String>,
}

#[derive(Debug, Clone)]
struct ForestRow {
    label: String,
    /// `None` when the numbers cannot be drawn truthfully.
    interval: Option<(f64, f64, f64)>,
    /// The study's weight (squares only).
    weight: f64,
    value_label: String,
}

impl ForestRow {
    fn new(label: &str, estimate: f64, lower: f64, upper: f64, value_label: &str) -> Self {
        let drawable = estimate.is_finite()
            && lower.is_finite()
            && upper.is_finite()
            && lower <= estimate
            && estimate <= upper;
        ForestRow {
            label: label.to_owned(),
            interval: drawable.then_some((estimate, lower, upper)),
            weight: 0.0,
            value_label: value_label.to_owned(),
        }
    }
}

impl ForestPlot {
    /// An empty plot; `id` as in [`BarChart::new`](super::BarChart::new).
    ///
    /// # Example
    /// ```
    /// let svg = rakenne_report::ForestPlot::new("f", "Vaikutukset").to_svg(&|v| v.to_string());
    /// assert!(svg.contains(r#"<desc id="f-desc">Vaikutukset</desc>"#));
    /// ```
    pub fn new(id: &str, title: &str) -> Self {
        ForestPlot {
            heading: Heading::new(id, title),
            studies: Vec::new(),
            pooled: Vec::new(),
            reference: None,
            axis_label: None,
        }
    }

    /// The text of the `<desc>` element; by default the title.
    ///
    /// # Example
    /// ```
    /// let plot = rakenne_report::ForestPlot::new("f", "T").description("Kaikki > 0.");
    /// assert!(plot.to_svg(&|v| v.to_string()).contains(">Kaikki &gt; 0.</desc>"));
    /// ```
    #[must_use]
    pub fn description(mut self, text: &str) -> Self {
        self.heading.description = Some(text.to_owned());
        self
    }

    /// Adds a study with its estimate, 95 % interval and weight (any non-negative scale,
    /// e.g. its share of the total weight; squares are sized relative to the heaviest).
    ///
    /// # Example
    /// ```
    /// let plot = rakenne_report::ForestPlot::new("f", "T")
    ///     .study("Kainuu", 0.3, 0.0, 0.6, 1.0, "0,30")
    ///     .study("Lappi", 0.9, 0.2, 0.5, 1.0, "0,90"); // outside its interval: no square
    /// assert_eq!(plot.to_svg(&|v| v.to_string()).matches("<rect").count(), 1);
    /// ```
    #[must_use]
    pub fn study(
        mut self,
        label: &str,
        estimate: f64,
        lower: f64,
        upper: f64,
        weight: f64,
        value_label: &str,
    ) -> Self {
        let mut row = ForestRow::new(label, estimate, lower, upper, value_label);
        row.weight = if weight.is_finite() && weight > 0.0 {
            weight
        } else {
            0.0
        };
        self.studies.push(row);
        self
    }

    /// Adds a pooled estimate (fixed or random effects), drawn as a diamond below the
    /// studies.
    ///
    /// # Example
    /// ```
    /// let plot = rakenne_report::ForestPlot::new("f", "T").pooled("Yhteensä", 0.5, 0.3, 0.7, "0,50");
    /// assert!(plot.to_svg(&|v| v.to_string()).contains("<polygon"));
    /// ```
    #[must_use]
    pub fn pooled(
        mut self,
        label: &str,
        estimate: f64,
        lower: f64,
        upper: f64,
        value_label: &str,
    ) -> Self {
        self.pooled
            .push(ForestRow::new(label, estimate, lower, upper, value_label));
        self
    }

    /// A dashed vertical line at `x` with `label` above the plot, e.g. 0 for no effect
    /// (a later call replaces it; a non-finite `x` draws none).
    ///
    /// # Example
    /// ```
    /// let plot = rakenne_report::ForestPlot::new("f", "T")
    ///     .study("Kainuu", 0.3, 0.0, 0.6, 1.0, "0,30")
    ///     .reference_line(0.0, "ei vaikutusta");
    /// assert!(plot.to_svg(&|v| v.to_string()).contains(">ei vaikutusta</text>"));
    /// ```
    #[must_use]
    pub fn reference_line(mut self, x: f64, label: &str) -> Self {
        self.reference = x.is_finite().then(|| (x, label.to_owned()));
        self
    }

    /// A caption below the axis, e.g. the effect size measure.
    ///
    /// # Example
    /// ```
    /// let plot = rakenne_report::ForestPlot::new("f", "T")
    ///     .study("Kainuu", 0.3, 0.0, 0.6, 1.0, "0,30")
    ///     .axis_label("Hedgesin g");
    /// assert!(plot.to_svg(&|v| v.to_string()).contains(">Hedgesin g</text>"));
    /// ```
    #[must_use]
    pub fn axis_label(mut self, text: &str) -> Self {
        self.axis_label = Some(text.to_owned());
        self
    }

    /// Renders the plot; `ticks` formats the axis tick values.
    pub fn to_svg(&self, ticks: &dyn Fn(f64) -> String) -> String {
        render(&self.heading, |body, top| self.write_body(body, top, ticks))
    }

    fn rows(&self) -> impl Iterator<Item = &ForestRow> {
        self.studies.iter().chain(&self.pooled)
    }

    fn write_body(
        &self,
        out: &mut String,
        mut top: f64,
        ticks: &dyn Fn(f64) -> String,
    ) -> Result<f64, fmt::Error> {
        let range = self
            .rows()
            .filter_map(|r| r.interval)
            .fold(None, |range, (_, lo, hi)| Some(extend(range, lo, hi)));
        let range = match (range, &self.reference) {
            (Some(range), Some((x, _))) => Some(extend(Some(range), *x, *x)),
            (range, _) => range,
        };
        let labels = LabelColumn::new(self.rows().map(|r| r.label.as_str()));
        let row = labels.row_height(24.0);
        let value_width = widest(self.rows().map(|r| r.value_label.as_str()));
        let left = MARGIN + labels.width + MARGIN;
        let right = WIDTH - MARGIN - (value_width + MARGIN).max(3.0 * MARGIN);
        let heaviest = self.studies.iter().map(|s| s.weight).fold(0.0, f64::max);
        // The pooled rows sit below a gap of half a row.
        let gap = if self.pooled.is_empty() {
            0.0
        } else {
            row / 2.0
        };
        let centre = |top: f64, i: usize| {
            let gap = if i < self.studies.len() { 0.0 } else { gap };
            top + gap + row * (count(i) + 0.5)
        };
        let Some(axis) = range.map(|(lo, hi)| Axis::new(lo, hi, left, right)) else {
            for (i, r) in self.rows().enumerate() {
                labels.draw(out, i, left - MARGIN, centre(top, i))?;
                let y = centre(top, i) + BASELINE_SHIFT;
                text(out, right + MARGIN, y, "start", &r.value_label)?;
            }
            return Ok(top + gap + row * count(self.rows().count()) + MARGIN);
        };
        top = reference_label(out, &axis, self.reference.as_ref(), top)?;
        let bottom = top + gap + row * count(self.rows().count());
        axis.grid(out, top, bottom)?;
        reference_line(out, &axis, self.reference.as_ref(), top, bottom)?;
        if !self.pooled.is_empty() {
            let y = top + row * count(self.studies.len()) + gap / 2.0;
            line(out, (MARGIN, y), (WIDTH - MARGIN, y), GRID, "")?;
        }
        for (i, r) in self.rows().enumerate() {
            let y = centre(top, i);
            labels.draw(out, i, left - MARGIN, y)?;
            text(
                out,
                right + MARGIN,
                y + BASELINE_SHIFT,
                "start",
                &r.value_label,
            )?;
            let Some((estimate, lower, upper)) = r.interval else {
                continue;
            };
            let tooltip = format!("{}: {}", r.label, r.value_label);
            if i < self.studies.len() {
                if r.weight <= 0.0 || heaviest <= 0.0 {
                    continue;
                }
                line(out, (axis.x(lower), y), (axis.x(upper), y), OUTLINE, "")?;
                // Area proportional to weight.
                let side = MIN_SQUARE.max(MAX_SQUARE * (r.weight / heaviest).sqrt());
                writeln!(
                    out,
                    r#"<rect x="{}" y="{}" width="{s}" height="{s}" fill="{INK}"><title>{}</title></rect>"#,
                    Px(axis.x(estimate) - side / 2.0),
                    Px(y - side / 2.0),
                    super::Escaped(&tooltip),
                    s = Px(side),
                )?;
            } else {
                writeln!(
                    out,
                    r#"<polygon points="{},{y} {},{} {},{y} {},{}" fill="{INK}"><title>{}</title></polygon>"#,
                    Px(axis.x(lower)),
                    Px(axis.x(estimate)),
                    Px(y - DIAMOND),
                    Px(axis.x(upper)),
                    Px(axis.x(estimate)),
                    Px(y + DIAMOND),
                    super::Escaped(&tooltip),
                    y = Px(y),
                )?;
            }
        }
        axis.tick_labels(out, bottom, ticks, self.axis_label.as_deref())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> ForestPlot {
        ForestPlot::new(
            "pooled",
            "Sosiaalityön olohuone: muutos ORS-pisteissä alueittain (Hedgesin g, 95 %:n luottamusväli)",
        )
        .description("Kolmen alueen pilotit ja niiden yhdistetty vaikutus; kaikki yli nollan.")
        .study("Pirkanmaan hyvinvointialue", 0.52, 0.26, 0.78, 0.40, "0,52 (0,26–0,78)")
        .study("Kainuun hyvinvointialue", 0.31, 0.00, 0.62, 0.25, "0,31 (0,00–0,62)")
        .study("Lapin hyvinvointialue", 0.78, 0.39, 1.17, 0.35, "0,78 (0,39–1,17)")
        .study("Keski-Pohjanmaan hyvinvointialue", f64::NAN, 0.0, 1.0, 0.0, "..")
        .pooled("Kiinteä vaikutus", 0.54, 0.38, 0.70, "0,54 (0,38–0,70)")
        .pooled("Satunnaisvaikutus (DerSimonian–Laird)", 0.53, 0.30, 0.76, "0,53 (0,30–0,76)")
        .reference_line(0.0, "ei vaikutusta")
        .axis_label("Hedgesin g")
    }

    #[test]
    fn forest_plot_snapshot() {
        insta::assert_snapshot!(sample().to_svg(&|v| v.to_string().replace('.', ",")));
    }

    #[test]
    fn squares_grow_with_weight_and_diamonds_span_their_intervals() {
        let svg = sample().to_svg(&|v| v.to_string());
        let doc = roxmltree::Document::parse(&svg).unwrap();
        let attr = |n: roxmltree::Node<'_, '_>, a: &str| -> f64 {
            n.attribute(a).unwrap().parse().unwrap()
        };
        let squares: Vec<f64> = doc
            .descendants()
            .filter(|n| n.has_tag_name("rect"))
            .map(|n| attr(n, "width"))
            .collect();
        // Three drawable studies; the suppressed one has none. Weights 0.40, 0.25, 0.35.
        assert_eq!(squares.len(), 3);
        assert!(squares[0] > squares[2] && squares[2] > squares[1]);
        // Area ∝ weight: side ratio √(0.25 / 0.40).
        assert!((squares[1] / squares[0] - (0.25f64 / 0.40).sqrt()).abs() < 0.02);
        let diamonds: Vec<_> = doc
            .descendants()
            .filter(|n| n.has_tag_name("polygon"))
            .collect();
        assert_eq!(diamonds.len(), 2);
        assert!(svg.contains("<title>Kiinteä vaikutus: 0,54 (0,38–0,70)</title>"));
        // The suppressed study keeps its label and symbol.
        assert!(svg.contains(">..</text>"));
        // Its label wraps after the first word.
        assert!(svg.contains(">Keski-Pohjanmaan</text>"));
    }

    #[test]
    fn a_plot_without_drawable_rows_has_labels_and_no_axis() {
        let svg = ForestPlot::new("f", "T")
            .study("Kainuu", f64::INFINITY, 0.0, 1.0, 1.0, "..")
            .to_svg(&|v| v.to_string());
        assert!(svg.contains(">Kainuu</text>") && !svg.contains("<rect"));
        assert!(roxmltree::Document::parse(&svg).is_ok());
    }
}
