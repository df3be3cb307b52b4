//! The chart functions templates call: [`chart`](crate::chart) types made from template
//! values, drawn with the report language's number format.
//!
//! ```jinja
//! {{ bar_chart(id="themes", title=t("digest.by_theme"),
//!              bars=[{"label": "Asuminen", "value": 12, "value_label": "12"}]) }}
//! {{ interval_chart(id="phq9", title="PHQ-9", series=["Muutos"], reference=0,
//!                   rows=[{"label": "Yhteensä", "points": [{"series": 0, "estimate": -3.1,
//!                          "lower": -4.0, "upper": -2.2, "value_label": "−3,1"}]}]) }}
//! {{ share_chart(id="rc", title="...", categories=["+", "=", "−"],
//!                rows=[{"label": "Q1", "counts": [5, 10, 2]}, {"label": "Q2", "suppressed": true}]) }}
//! {{ forest_plot(id="pool", title="...", reference=0, reference_label="ei muutosta",
//!                studies=[{"label": "Pirkanmaa", "estimate": 2.1, "lower": 1.4, "upper": 2.8,
//!                          "weight": 0.4, "value_label": "2,1"}],
//!                pooled=[{"label": "Yhdistetty", "estimate": 2.0, "lower": 1.5, "upper": 2.5,
//!                         "value_label": "2,0"}]) }}
//! {{ tile_map(id="map", title="...", tiles=[{"area": "08", "label": "Pirkanmaa",
//!                                            "value": 153, "value_label": "153"}]) }}
//! ```
//!
//! Each returns the SVG as safe HTML. In a Markdown template they are an error: GitHub
//! does not show inline SVG, so Markdown reports give the same figures as tables.

use minijinja::value::{Kwargs, Value};
use minijinja::{AutoEscape, Environment, Error, ErrorKind, State};
use rakenne_model::Lang;

use crate::chart::{BarChart, ForestPlot, IntervalChart, ShareChart, TileMap};
use crate::engine::lang_of;
use crate::format;

/// Adds the chart functions to `env`.
pub(crate) fn register(env: &mut Environment<'_>) {
    env.add_function("bar_chart", bar_chart);
    env.add_function("interval_chart", interval_chart);
    env.add_function("share_chart", share_chart);
    env.add_function("forest_plot", forest_plot);
    env.add_function("tile_map", tile_map);
}

/// Charts are HTML; a Markdown template gets tables instead.
fn html_only(state: &State<'_, '_>) -> Result<(), Error> {
    if matches!(state.auto_escape(), AutoEscape::Html) {
        Ok(())
    } else {
        Err(Error::new(
            ErrorKind::InvalidOperation,
            "charts can only be drawn in HTML templates: show a table in Markdown",
        ))
    }
}

/// Tick labels: whole numbers without decimals, others with as few as they need (≤ 2).
fn tick_format(lang: Lang) -> impl Fn(f64) -> String {
    move |v: f64| {
        let decimals = (0..=2)
            .find(|&d| {
                let scale = 10f64.powi(d);
                ((v * scale).round() - v * scale).abs() < 1e-6
            })
            .unwrap_or(2);
        format::number(v, u32::try_from(decimals).unwrap_or(2), lang)
    }
}

fn text(value: &Value, field: &str) -> Result<String, Error> {
    let v = value.get_attr(field)?;
    if v.is_undefined() {
        return Err(Error::new(
            ErrorKind::MissingArgument,
            format!("a chart item needs \"{field}\""),
        ));
    }
    Ok(v.to_string())
}

fn optional_number(value: &Value, field: &str) -> Result<Option<f64>, Error> {
    let v = value.get_attr(field)?;
    if v.is_none() || v.is_undefined() {
        return Ok(None);
    }
    f64::try_from(v).map(Some).map_err(|_| {
        Error::new(
            ErrorKind::InvalidOperation,
            format!("chart item field \"{field}\" must be a number"),
        )
    })
}

fn number(value: &Value, field: &str) -> Result<f64, Error> {
    optional_number(value, field)?.ok_or_else(|| {
        Error::new(
            ErrorKind::MissingArgument,
            format!("a chart item needs the number \"{field}\""),
        )
    })
}

fn items(list: &Value) -> Result<Vec<Value>, Error> {
    Ok(list.try_iter()?.collect())
}

// minijinja hands keyword arguments over by value.
#[allow(clippy::needless_pass_by_value)]
fn bar_chart(state: &State<'_, '_>, kwargs: Kwargs) -> Result<Value, Error> {
    html_only(state)?;
    let id: String = kwargs.get("id")?;
    let title: String = kwargs.get("title")?;
    let mut chart = BarChart::new(&id, &title);
    if let Some(description) = kwargs.get::<Option<String>>("description")? {
        chart = chart.description(&description);
    }
    if let Some(axis) = kwargs.get::<Option<String>>("axis_label")? {
        chart = chart.axis_label(&axis);
    }
    for bar in items(&kwargs.get("bars")?)? {
        chart = chart.bar(
            &text(&bar, "label")?,
            optional_number(&bar, "value")?,
            &text(&bar, "value_label")?,
        );
    }
    kwargs.assert_all_used()?;
    Ok(Value::from_safe_string(
        chart.to_svg(&tick_format(lang_of(state))),
    ))
}

#[allow(clippy::needless_pass_by_value)]
fn interval_chart(state: &State<'_, '_>, kwargs: Kwargs) -> Result<Value, Error> {
    html_only(state)?;
    let id: String = kwargs.get("id")?;
    let title: String = kwargs.get("title")?;
    let mut chart = IntervalChart::new(&id, &title);
    if let Some(description) = kwargs.get::<Option<String>>("description")? {
        chart = chart.description(&description);
    }
    if let Some(axis) = kwargs.get::<Option<String>>("axis_label")? {
        chart = chart.axis_label(&axis);
    }
    for name in items(&kwargs.get("series")?)? {
        chart = chart.series(&name.to_string());
    }
    if let Some(x) = kwargs.get::<Option<f64>>("reference")? {
        let label = kwargs
            .get::<Option<String>>("reference_label")?
            .unwrap_or_default();
        chart = chart.reference_line(x, &label);
    }
    for row in items(&kwargs.get("rows")?)? {
        chart = chart.row(&text(&row, "label")?);
        for point in items(&row.get_attr("points")?)? {
            let series = usize::try_from(point.get_attr("series")?).map_err(|_| {
                Error::new(
                    ErrorKind::InvalidOperation,
                    "chart point field \"series\" must be a series index (0, 1, ...)",
                )
            })?;
            chart = chart.point(
                series,
                number(&point, "estimate")?,
                number(&point, "lower")?,
                number(&point, "upper")?,
                &text(&point, "value_label")?,
            );
        }
    }
    kwargs.assert_all_used()?;
    Ok(Value::from_safe_string(
        chart.to_svg(&tick_format(lang_of(state))),
    ))
}

#[allow(clippy::needless_pass_by_value)]
fn share_chart(state: &State<'_, '_>, kwargs: Kwargs) -> Result<Value, Error> {
    html_only(state)?;
    let id: String = kwargs.get("id")?;
    let title: String = kwargs.get("title")?;
    let mut chart = ShareChart::new(&id, &title);
    if let Some(description) = kwargs.get::<Option<String>>("description")? {
        chart = chart.description(&description);
    }
    for name in items(&kwargs.get("categories")?)? {
        chart = chart.category(&name.to_string());
    }
    for row in items(&kwargs.get("rows")?)? {
        let label = text(&row, "label")?;
        if row.get_attr("suppressed")?.is_true() {
            chart = chart.suppressed_row(&label, format::SUPPRESSED);
            continue;
        }
        let counts = items(&row.get_attr("counts")?)?
            .into_iter()
            .map(|c| u64::try_from(c).unwrap_or(0))
            .collect::<Vec<u64>>();
        chart = chart.row(&label, &counts);
    }
    kwargs.assert_all_used()?;
    let lang = lang_of(state);
    Ok(Value::from_safe_string(chart.to_svg(&move |share: f64| {
        format::percent(share / 100.0, 0, lang)
    })))
}

#[allow(clippy::needless_pass_by_value)]
fn forest_plot(state: &State<'_, '_>, kwargs: Kwargs) -> Result<Value, Error> {
    html_only(state)?;
    let id: String = kwargs.get("id")?;
    let title: String = kwargs.get("title")?;
    let mut chart = ForestPlot::new(&id, &title);
    if let Some(description) = kwargs.get::<Option<String>>("description")? {
        chart = chart.description(&description);
    }
    if let Some(axis) = kwargs.get::<Option<String>>("axis_label")? {
        chart = chart.axis_label(&axis);
    }
    if let Some(x) = kwargs.get::<Option<f64>>("reference")? {
        let label = kwargs
            .get::<Option<String>>("reference_label")?
            .unwrap_or_default();
        chart = chart.reference_line(x, &label);
    }
    // A row without numbers (suppressed) is drawn as its label and value label.
    let or_nan = |v: Option<f64>| v.unwrap_or(f64::NAN);
    for study in items(&kwargs.get("studies")?)? {
        chart = chart.study(
            &text(&study, "label")?,
            or_nan(optional_number(&study, "estimate")?),
            or_nan(optional_number(&study, "lower")?),
            or_nan(optional_number(&study, "upper")?),
            optional_number(&study, "weight")?.unwrap_or(0.0),
            &text(&study, "value_label")?,
        );
    }
    for pooled in items(&kwargs.get::<Option<Value>>("pooled")?.unwrap_or_default())? {
        chart = chart.pooled(
            &text(&pooled, "label")?,
            number(&pooled, "estimate")?,
            number(&pooled, "lower")?,
            number(&pooled, "upper")?,
            &text(&pooled, "value_label")?,
        );
    }
    kwargs.assert_all_used()?;
    Ok(Value::from_safe_string(
        chart.to_svg(&tick_format(lang_of(state))),
    ))
}

#[allow(clippy::needless_pass_by_value)]
fn tile_map(state: &State<'_, '_>, kwargs: Kwargs) -> Result<Value, Error> {
    html_only(state)?;
    let id: String = kwargs.get("id")?;
    let title: String = kwargs.get("title")?;
    let mut chart = TileMap::new(&id, &title);
    if let Some(description) = kwargs.get::<Option<String>>("description")? {
        chart = chart.description(&description);
    }
    for tile in items(&kwargs.get("tiles")?)? {
        let code = text(&tile, "area")?;
        let area = code.parse().map_err(|_| {
            Error::new(
                ErrorKind::InvalidOperation,
                format!("tile area \"{code}\" is not a welfare area code (01–21, 90)"),
            )
        })?;
        chart = chart.tile(
            area,
            &text(&tile, "label")?,
            optional_number(&tile, "value")?,
            &text(&tile, "value_label")?,
        );
    }
    kwargs.assert_all_used()?;
    Ok(Value::from_safe_string(
        chart.to_svg(&tick_format(lang_of(state))),
    ))
}
