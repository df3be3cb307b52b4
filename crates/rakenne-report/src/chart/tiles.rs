//! The tile map of the 22 organisers of social care.

use std::collections::BTreeMap;
use std::fmt::{self, Write as _};

use rakenne_model::WelfareAreaCode;

use super::{Escaped, GRID, Heading, MARGIN, OUTLINE, Px, TEXT, WIDTH, count, text, wrap};

/// Side of a tile's width and its height, and the gap between tiles, in SVG units.
const TILE_WIDTH: f64 = 116.0;
const TILE_HEIGHT: f64 = 54.0;
const GAP: f64 = 4.0;
/// Font size of the text in tiles.
const TILE_FONT: f64 = 12.0;

/// Where each organiser's tile sits: (code, column, row), rows from north to south. A
/// schematic of Finland: neighbours stay neighbours where a grid allows.
const LAYOUT: [(&str, u8, u8); 22] = [
    ("21", 2, 0), // Lappi
    ("19", 2, 1), // Pohjois-Pohjanmaa
    ("20", 3, 1), // Kainuu
    ("18", 1, 2), // Keski-Pohjanmaa
    ("13", 3, 2), // Pohjois-Savo
    ("14", 4, 2), // Pohjois-Karjala
    ("17", 0, 3), // Pohjanmaa
    ("16", 1, 3), // Etelä-Pohjanmaa
    ("15", 2, 3), // Keski-Suomi
    ("12", 3, 3), // Etelä-Savo
    ("06", 0, 4), // Satakunta
    ("08", 1, 4), // Pirkanmaa
    ("09", 2, 4), // Päijät-Häme
    ("10", 3, 4), // Kymenlaakso
    ("11", 4, 4), // Etelä-Karjala
    ("05", 0, 5), // Varsinais-Suomi
    ("07", 1, 5), // Kanta-Häme
    ("02", 2, 5), // Keski-Uusimaa
    ("01", 3, 5), // Itä-Uusimaa
    ("03", 1, 6), // Länsi-Uusimaa
    ("04", 2, 6), // Vantaa ja Kerava
    ("90", 2, 7), // Helsinki
];

/// Sequential colour classes, light to dark (ColorBrewer "Blues", 5 classes).
const CLASSES: [&str; 5] = ["#eff3ff", "#bdd7e7", "#6baed6", "#3182bd", "#08519c"];
/// Classes dark enough to need white text.
const DARK_FROM: usize = 3;
/// The fill of a tile without a value.
const NO_VALUE: &str = "#ffffff";

/// A tile map: the 22 organisers of social care (the 21 welfare areas and the City of
/// Helsinki) as a grid of labelled squares in a schematic of Finland, each coloured by its
/// value in one of five classes of equal width between the smallest and largest value.
///
/// A tile without a value (suppressed or missing) is white with a dashed outline and its
/// value label (e.g. the symbol `..`); an organiser never given is drawn the same way with
/// an empty label. Names wrap onto a second line when they do not fit. Åland
/// (91), which is not an organiser of the social services this map is for, has no tile.
/// A legend below the grid gives each class's range, formatted by the caller. Every tile
/// carries a `<title>` with its label and value label; the report shows the data as a
/// table beside it.
///
/// # Example
/// ```
/// use rakenne_report::TileMap;
///
/// let map = TileMap::new("reports", "Sosiaaliset raportit alueittain")
///     .tile("08".parse()?, "Pirkanmaa", Some(153.0), "153")
///     .tile("21".parse()?, "Lappi", Some(41.0), "41")
///     .tile("20".parse()?, "Kainuu", None, "..");
/// let svg = map.to_svg(&|v| format!("{v:.0}"));
/// assert_eq!(svg.matches("<rect").count(), 22 + 5); // tiles and the legend
/// assert!(svg.contains("<title>Kainuu: ..</title>"));
/// # Ok::<(), rakenne_model::Error>(())
/// ```
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct TileMap {
    heading: Heading,
    tiles: BTreeMap<String, Tile>,
}

#[derive(Debug, Clone)]
struct Tile {
    label: String,
    value: Option<f64>,
    value_label: String,
}

impl TileMap {
    /// An empty map; `id` as in [`BarChart::new`](super::BarChart::new).
    pub fn new(id: &str, title: &str) -> Self {
        TileMap {
            heading: Heading::new(id, title),
            tiles: BTreeMap::new(),
        }
    }

    /// The text of the `<desc>` element; by default the title.
    ///
    /// # Example
    /// ```
    /// let map = rakenne_report::TileMap::new("m", "T").description("Eniten Pirkanmaalla.");
    /// assert!(map.to_svg(&|v| v.to_string()).contains(">Eniten Pirkanmaalla.</desc>"));
    /// ```
    #[must_use]
    pub fn description(mut self, text: &str) -> Self {
        self.heading.description = Some(text.to_owned());
        self
    }

    /// Sets the tile of `area`: its label (a short name), its value (`None` when
    /// suppressed or missing; a non-finite value counts as none) and the value as text.
    /// A later call for the same area replaces the tile.
    #[must_use]
    pub fn tile(
        mut self,
        area: WelfareAreaCode,
        label: &str,
        value: Option<f64>,
        value_label: &str,
    ) -> Self {
        self.tiles.insert(
            area.to_string(),
            Tile {
                label: label.to_owned(),
                value: value.filter(|v| v.is_finite()),
                value_label: value_label.to_owned(),
            },
        );
        self
    }

    /// Renders the map; `format` writes the class limits of the legend.
    pub fn to_svg(&self, format: &dyn Fn(f64) -> String) -> String {
        super::render(&self.heading, |body, top| {
            self.write_body(body, top, format)
        })
    }

    /// The smallest and largest value of the tiles on the map.
    fn range(&self) -> Option<(f64, f64)> {
        LAYOUT
            .iter()
            .filter_map(|(code, _, _)| self.tiles.get(*code).and_then(|t| t.value))
            .fold(None, |range, v| match range {
                None => Some((v, v)),
                Some((lo, hi)) => Some((f64::min(lo, v), f64::max(hi, v))),
            })
    }

    fn write_body(
        &self,
        out: &mut String,
        top: f64,
        format: &dyn Fn(f64) -> String,
    ) -> Result<f64, fmt::Error> {
        let range = self.range();
        let class_of = |v: f64| match range {
            Some((lo, hi)) if hi > lo => {
                #[expect(
                    clippy::cast_possible_truncation,
                    clippy::cast_sign_loss,
                    reason = "the quotient lies in 0..=5 and is clamped to a class index"
                )]
                let class = ((v - lo) / (hi - lo) * 5.0).floor() as usize;
                class.min(CLASSES.len() - 1)
            }
            // One value, or all equal: the middle class.
            _ => CLASSES.len() / 2,
        };
        let columns = 5.0;
        let left = (WIDTH - columns * TILE_WIDTH - (columns - 1.0) * GAP) / 2.0;
        let mut bottom = top;
        for &(code, column, row) in &LAYOUT {
            let x = left + f64::from(column) * (TILE_WIDTH + GAP);
            let y = top + f64::from(row) * (TILE_HEIGHT + GAP);
            bottom = bottom.max(y + TILE_HEIGHT);
            let tile = self.tiles.get(code);
            let (fill, ink, dash) = match tile.and_then(|t| t.value) {
                Some(v) => {
                    let class = class_of(v);
                    let ink = if class >= DARK_FROM { "#ffffff" } else { TEXT };
                    (CLASSES[class], ink, "")
                }
                // A dashed outline tells "no value" from the lightest class.
                None => (NO_VALUE, TEXT, r#" stroke-dasharray="4 3""#),
            };
            let label = tile.map_or(code, |t| t.label.as_str());
            let value_label = tile.map_or("", |t| t.value_label.as_str());
            write!(
                out,
                r#"<g><title>{}: {}</title><rect x="{}" y="{}" width="{}" height="{}" fill="{fill}" stroke="{OUTLINE}"{dash}/>"#,
                Escaped(label),
                Escaped(value_label),
                Px(x),
                Px(y),
                Px(TILE_WIDTH),
                Px(TILE_HEIGHT),
            )?;
            let centre = x + TILE_WIDTH / 2.0;
            // The name on one line, or two when it does not fit; the value below it.
            let lines = wrap(label, TILE_WIDTH - 8.0, TILE_FONT);
            let (first, value_y) = if lines.len() > 1 {
                (y + 16.0, y + 46.0)
            } else {
                (y + 21.0, y + 40.0)
            };
            for (i, name) in lines.iter().take(2).enumerate() {
                writeln!(
                    out,
                    r#"<text x="{}" y="{}" text-anchor="middle" fill="{ink}">{}</text>"#,
                    Px(centre),
                    Px(first + count(i) * 14.0),
                    Escaped(name),
                )?;
            }
            writeln!(
                out,
                r#"<text x="{}" y="{}" text-anchor="middle" font-weight="bold" fill="{ink}">{}</text></g>"#,
                Px(centre),
                Px(value_y),
                Escaped(value_label),
            )?;
        }
        write_legend(out, bottom + 2.0 * MARGIN, range, format)
    }
}

/// The five classes with their limits; returns the chart's height.
fn write_legend(
    out: &mut String,
    top: f64,
    range: Option<(f64, f64)>,
    format: &dyn Fn(f64) -> String,
) -> Result<f64, fmt::Error> {
    let swatch = (WIDTH - 2.0 * MARGIN) / count(CLASSES.len());
    for (i, colour) in CLASSES.iter().enumerate() {
        let x = MARGIN + count(i) * swatch;
        writeln!(
            out,
            r#"<rect x="{}" y="{}" width="{}" height="12" fill="{colour}" stroke="{GRID}"/>"#,
            Px(x),
            Px(top),
            Px(swatch),
        )?;
        if let Some((lo, hi)) = range.filter(|(lo, hi)| hi > lo) {
            let step = (hi - lo) / count(CLASSES.len());
            let from = lo + count(i) * step;
            let to = if i + 1 == CLASSES.len() {
                hi
            } else {
                from + step
            };
            let label = format!("{}–{}", format(from), format(to));
            text(out, x + swatch / 2.0, top + 28.0, "middle", &label)?;
        }
    }
    Ok(top + 40.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rakenne_model::{WelfareArea, WelfareAreaKind};

    #[test]
    fn the_layout_has_every_organiser_once_and_no_two_on_one_square() {
        let organisers: Vec<String> = WelfareArea::all()
            .iter()
            .filter(|a| a.kind() != WelfareAreaKind::AutonomousRegion)
            .map(|a| a.code().to_string())
            .collect();
        let mut codes: Vec<String> = LAYOUT.iter().map(|(c, _, _)| (*c).to_owned()).collect();
        codes.sort();
        assert_eq!(codes, organisers);
        let mut squares: Vec<(u8, u8)> = LAYOUT.iter().map(|&(_, c, r)| (c, r)).collect();
        squares.sort_unstable();
        squares.dedup();
        assert_eq!(squares.len(), 22);
        assert!(LAYOUT.iter().all(|&(_, c, _)| c < 5));
    }

    fn sample() -> TileMap {
        let mut map = TileMap::new("reports", "Sosiaaliset raportit 1 000 asukasta kohden")
            .description("Eniten raportteja tehtiin Kainuussa, vähiten Helsingissä.");
        for (i, area) in WelfareArea::all().iter().enumerate() {
            let code = area.code();
            let label = area
                .name(rakenne_model::Lang::Fi)
                .text()
                .replace("n hyvinvointialue", "");
            let value = match code.to_string().as_str() {
                "18" => None,
                _ => Some(f64::from(u32::try_from(i).unwrap_or(0)) * 0.25 + 0.5),
            };
            let value_label =
                value.map_or("..".to_owned(), |v| format!("{v:.2}").replace('.', ","));
            map = map.tile(code, &label, value, &value_label);
        }
        map
    }

    #[test]
    fn tile_map_snapshot() {
        insta::assert_snapshot!(sample().to_svg(&|v| format!("{v:.1}").replace('.', ",")));
    }

    #[test]
    fn tiles_take_the_class_of_their_value_and_a_missing_value_stays_white() {
        let svg = sample().to_svg(&|v| format!("{v:.1}"));
        let doc = roxmltree::Document::parse(&svg).unwrap();
        let fill_of = |label: &str| {
            doc.descendants()
                .filter(|n| n.has_tag_name("g"))
                .find(|g| {
                    g.children().any(|c| {
                        c.has_tag_name("title") && c.text().unwrap_or("").starts_with(label)
                    })
                })
                .and_then(|g| g.children().find(|c| c.has_tag_name("rect")))
                .and_then(|r| r.attribute("fill"))
                .unwrap()
                .to_owned()
        };
        // Values rise with the code order: Itä-Uusimaa (01) is lightest, Helsinki (90,
        // after every welfare area) darkest; Keski-Pohjanmaa (18) has none.
        assert_eq!(fill_of("Itä-Uudenmaa"), CLASSES[0]);
        assert_eq!(fill_of("Helsingin kaupunki"), CLASSES[4]);
        assert_eq!(fill_of("Keski-Pohjanmaa"), NO_VALUE);
        assert_eq!(svg.matches("<g>").count(), 22);
        // Åland's value has no tile.
        assert!(!svg.contains("Ahvenanmaa"));
    }

    #[test]
    fn a_map_without_values_has_white_tiles_and_a_legend_without_limits() {
        let svg = TileMap::new("m", "T").to_svg(&|v| v.to_string());
        assert_eq!(svg.matches(&format!(r#"fill="{NO_VALUE}""#)).count(), 22);
        assert!(!svg.contains('–'));
        assert!(roxmltree::Document::parse(&svg).is_ok());
    }
}
