//! Charts and maps drawn as SVG on the server, so that pages need no
//! JavaScript. Hand-written rather than through a plotting crate: the shapes
//! are simple, the output is small and deterministic (easy to test), and
//! every label passes through [`crate::html::escape`] like any other text.
//!
//! Colours come from CSS classes (`s0`…`s7` per series, `outline`, `pt`), not
//! inline styles, which the Content-Security-Policy forbids.

use crate::html::{escape, escape_into};
use jiff::civil::Date;
use rasid_gazetteer::Boundaries;
// Date axes are day numbers: a plain number line.
use rasid_model::days::{from_date as day_number, to_date as date_of};
use std::fmt::Write;

/// Distinct series colours in the stylesheet.
pub const SERIES_CLASSES: usize = 8;

/// Round `v` up to a "nice" axis maximum (1, 2, 2.5, 5 × 10^k).
fn nice_max(v: f64) -> f64 {
    if !v.is_finite() || v <= 0.0 {
        return 1.0;
    }
    let exp = v.log10().floor();
    let base = 10f64.powf(exp);
    for m in [1.0, 2.0, 2.5, 5.0, 10.0] {
        if v <= m * base * 1.0000001 {
            return m * base;
        }
    }
    10.0 * base
}

/// Whether `step` is 1, 2 or 5 × 10^k.
fn is_round_step(step: f64) -> bool {
    if !step.is_finite() || step <= 0.0 {
        return false;
    }
    let mantissa = step / 10f64.powf(step.log10().floor());
    [1.0, 2.0, 5.0, 10.0].iter().any(|m| (mantissa - m).abs() < 1e-9)
}

/// Evenly spaced day ticks between `lo` and `hi` (at most `max` of them).
fn day_ticks(lo: i64, hi: i64, max: i64) -> Vec<i64> {
    let span = (hi - lo).max(0);
    if span == 0 {
        return vec![lo];
    }
    let step = (span + max - 1) / max;
    let step = step.max(1);
    (0..=span / step).map(|i| lo + i * step).collect()
}

fn short_date(n: i64) -> String {
    date_of(n).map(|d| d.to_string()).unwrap_or_default()
}

/// One story on the timeline.
#[derive(Debug, Clone, PartialEq)]
pub struct TimelineItem {
    pub href: String,
    pub label: String,
    pub first: Date,
    pub last: Date,
    /// How many reports: the bar's thickness grows a little with it.
    pub reports: usize,
}

/// Stories as bars on a shared date axis, newest at the top as listed.
/// `rtl` puts the labels on the right. Each bar links to its story.
pub fn timeline(items: &[TimelineItem], title: &str, rtl: bool) -> String {
    if items.is_empty() {
        return String::new();
    }
    const W: f64 = 800.0;
    const ROW: f64 = 22.0;
    const LABEL_W: f64 = 300.0;
    const AXIS: f64 = 30.0;
    let lo = items.iter().map(|i| day_number(i.first)).min().unwrap_or(0);
    let hi = items.iter().map(|i| day_number(i.last)).max().unwrap_or(lo);
    let (lo_f, hi_f) = (lo as f64 - 0.5, hi as f64 + 0.5);
    // Room for half a date label either side of the plot.
    let (plot_x0, plot_x1, label_x, anchor) = if rtl {
        (40.0, W - LABEL_W - 40.0, W - 5.0, "start")
    } else {
        (LABEL_W + 40.0, W - 40.0, 5.0, "start")
    };
    let x = |d: f64| plot_x0 + (d - lo_f) / (hi_f - lo_f) * (plot_x1 - plot_x0);
    let h = AXIS + ROW * items.len() as f64 + 8.0;
    let mut s = String::new();
    let _ = write!(
        s,
        "<svg class=\"timeline\" viewBox=\"0 0 {W} {h}\" role=\"img\" aria-label=\"{}\" xmlns=\"http://www.w3.org/2000/svg\">",
        escape(title)
    );
    let _ = write!(s, "<title>{}</title>", escape(title));
    for t in day_ticks(lo, hi, 6) {
        let tx = x(t as f64);
        let _ = write!(
            s,
            "<line class=\"grid\" x1=\"{tx:.1}\" y1=\"{AXIS}\" x2=\"{tx:.1}\" y2=\"{:.1}\"/><text class=\"tick\" x=\"{tx:.1}\" y=\"{:.1}\" text-anchor=\"middle\" direction=\"ltr\">{}</text>",
            h - 4.0,
            AXIS - 10.0,
            short_date(t)
        );
    }
    for (i, item) in items.iter().enumerate() {
        let y = AXIS + ROW * i as f64;
        let (a, b) = (day_number(item.first) as f64 - 0.4, day_number(item.last) as f64 + 0.4);
        let thick = (6.0 + (item.reports as f64).sqrt() * 2.0).min(ROW - 4.0);
        let _ = write!(s, "<a href=\"{}\">", escape(&item.href));
        let _ = write!(
            s,
            "<rect class=\"bar s{}\" x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{thick:.1}\" rx=\"3\"><title>",
            i % SERIES_CLASSES,
            x(a),
            y + (ROW - thick) / 2.0,
            (x(b) - x(a)).max(8.0)
        );
        escape_into(&mut s, &item.label);
        let _ = write!(s, " ({} – {})</title></rect>", item.first, item.last);
        let label: String = truncate(&item.label, 44);
        let _ = write!(
            s,
            "<text class=\"label\" x=\"{label_x:.1}\" y=\"{:.1}\" text-anchor=\"{anchor}\" direction=\"{}\">{}</text></a>",
            y + ROW / 2.0 + 4.0,
            if rtl { "rtl" } else { "ltr" },
            escape(&label)
        );
    }
    s.push_str("</svg>");
    s
}

/// At most `n` characters, with an ellipsis when cut.
fn truncate(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(n.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

/// One claim in a chart.
#[derive(Debug, Clone, PartialEq)]
pub struct ChartPoint {
    pub day: Date,
    pub value: f64,
    pub low: Option<f64>,
    pub high: Option<f64>,
    pub href: String,
    /// Tooltip (value, source, outlet).
    pub note: String,
}

/// The claims of one source.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    pub label: String,
    /// Colour index (class `s{color % SERIES_CLASSES}`): given by the caller
    /// so that a source keeps its colour across all the charts of a page.
    pub color: usize,
    pub points: Vec<ChartPoint>,
}

/// A figure over time by source: one coloured series per source, points
/// linked to the sentence they came from, whiskers for stated bounds.
pub fn chart(title: &str, series: &[Series]) -> String {
    let all: Vec<&ChartPoint> =
        series.iter().flat_map(|s| &s.points).filter(|p| p.value.is_finite()).collect();
    if all.is_empty() {
        return String::new();
    }
    // Narrow enough that the text stays legible when a phone scales it down.
    const W: f64 = 520.0;
    const H: f64 = 210.0;
    const L: f64 = 64.0;
    const R: f64 = 16.0;
    const T: f64 = 16.0;
    const B: f64 = 36.0;
    let lo = all.iter().map(|p| day_number(p.day)).min().unwrap_or(0);
    let hi = all.iter().map(|p| day_number(p.day)).max().unwrap_or(lo);
    let (lo_f, hi_f) = (lo as f64 - 0.5, hi as f64 + 0.5);
    let top = all
        .iter()
        .map(|p| p.high.filter(|h| h.is_finite()).unwrap_or(p.value).max(p.value))
        .fold(0.0f64, f64::max);
    let ymax = nice_max(top * 1.05);
    let x = |d: i64| L + (d as f64 - lo_f) / (hi_f - lo_f) * (W - L - R);
    let y = |v: f64| T + (1.0 - (v / ymax).clamp(0.0, 1.0)) * (H - T - B);
    // The legend: two keys a row (source names are long: a third would collide).
    const LEGEND_COLS: usize = 2;
    const LEGEND_ROW: f64 = 20.0;
    let legend_rows = series.len().div_ceil(LEGEND_COLS);
    let total_h = H + LEGEND_ROW * legend_rows as f64 + 6.0;
    let mut s = String::new();
    let _ = write!(
        s,
        "<svg class=\"chart\" viewBox=\"0 0 {W} {total_h}\" role=\"img\" aria-label=\"{}\" xmlns=\"http://www.w3.org/2000/svg\" direction=\"ltr\"><title>{}</title>",
        escape(title),
        escape(title)
    );
    // Ticks on round steps (1, 2 or 5 × 10^k): 0, 10 … 50 rather than 12.5,
    // 37.5; 500 … 2,500 rather than 625, 1,875.
    let divisions: u32 = if is_round_step(ymax / 5.0) { 5 } else { 4 };
    for i in 0..=divisions {
        let v = ymax * f64::from(i) / f64::from(divisions);
        let yy = y(v);
        let _ = write!(
            s,
            "<line class=\"grid\" x1=\"{L}\" y1=\"{yy:.1}\" x2=\"{:.1}\" y2=\"{yy:.1}\"/><text class=\"tick\" x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">{}</text>",
            W - R,
            L - 6.0,
            yy + 4.0,
            crate::format::number(v)
        );
    }
    for t in day_ticks(lo, hi, 5) {
        let _ = write!(
            s,
            "<text class=\"tick\" x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{}</text>",
            x(t),
            H - B + 18.0,
            short_date(t)
        );
    }
    let _ = write!(
        s,
        "<line class=\"axis\" x1=\"{L}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\"/>",
        H - B,
        W - R,
        H - B
    );
    let n = series.len().max(1) as f64;
    for (si, ser) in series.iter().enumerate() {
        let class = format!("s{}", ser.color % SERIES_CLASSES);
        // Points of several sources on one day sit side by side, not on top of each other.
        let nudge = |d: i64| x(d) + (si as f64 - (n - 1.0) / 2.0) * 6.0;
        let mut pts: Vec<&ChartPoint> = ser.points.iter().filter(|p| p.value.is_finite()).collect();
        pts.sort_by(|a, b| a.day.cmp(&b.day).then(a.value.total_cmp(&b.value)));
        if pts.len() > 1 {
            let path: Vec<String> =
                pts.iter().map(|p| format!("{:.1},{:.1}", nudge(day_number(p.day)), y(p.value))).collect();
            let _ = write!(s, "<polyline class=\"line {class}\" points=\"{}\"/>", path.join(" "));
        }
        for p in pts {
            let px = nudge(day_number(p.day));
            if let (Some(l), Some(h)) = (p.low, p.high)
                && l.is_finite()
                && h.is_finite()
                && h > l
            {
                let _ = write!(
                    s,
                    "<line class=\"whisker {class}\" x1=\"{px:.1}\" y1=\"{:.1}\" x2=\"{px:.1}\" y2=\"{:.1}\"/>",
                    y(l),
                    y(h)
                );
            }
            let _ = write!(
                s,
                "<a href=\"{}\"><circle class=\"pt {class}\" cx=\"{px:.1}\" cy=\"{:.1}\" r=\"5\"><title>{}</title></circle></a>",
                escape(&p.href),
                y(p.value),
                escape(&p.note)
            );
        }
    }
    for (si, ser) in series.iter().enumerate() {
        let col = (si % LEGEND_COLS) as f64;
        let row = (si / LEGEND_COLS) as f64;
        let lx = 8.0 + col * ((W - 8.0) / LEGEND_COLS as f64);
        let ly = H + 4.0 + row * LEGEND_ROW;
        let _ = write!(
            s,
            "<rect class=\"key s{}\" x=\"{lx:.1}\" y=\"{ly:.1}\" width=\"11\" height=\"11\"/><text class=\"legend\" x=\"{:.1}\" y=\"{:.1}\">{}</text>",
            ser.color % SERIES_CLASSES,
            lx + 15.0,
            ly + 10.0,
            escape(&truncate(&ser.label, 30))
        );
    }
    s.push_str("</svg>");
    s
}

/// Smallest span of a story map, in degrees of latitude and longitude
/// (about 200 km): a close-up of the places, with the region around them.
pub const MIN_FRAME_DEG: f64 = 2.0;

/// How far (degrees) beyond the outlines' extent a point may lie and still
/// be mapped: neighbouring towns across the border, not a wrong coordinate.
const OUTLINE_MARGIN_DEG: f64 = 1.0;

/// A place on a story map.
#[derive(Debug, Clone, PartialEq)]
pub struct MapPoint {
    pub lon: f64,
    pub lat: f64,
    pub label: String,
    pub href: String,
    /// Reports that mention it: the dot grows with it.
    pub weight: usize,
}

/// A map of the points, over the governorate outlines when there are any.
///
/// The frame is the points' own extent, widened to at least
/// [`MIN_FRAME_DEG`] so that neighbouring towns (often 20 km apart) get
/// separate dots and labels; the outlines are drawn around them, clipped by
/// the frame. With outlines, a point far outside their extent (a bad
/// coordinate, another country) is returned by index, for listing under the
/// map, rather than zooming the map out to nothing; when no point is near the
/// outlines the frame is the outlines' extent.
pub fn map(
    points: &[MapPoint],
    outlines: Option<&Boundaries>,
    title: &str,
    lang_ar: bool,
) -> (String, Vec<usize>) {
    let finite =
        |lon: f64, lat: f64| lon.is_finite() && lat.is_finite() && lon.abs() <= 180.0 && lat.abs() <= 90.0;
    let mut frame: Option<[f64; 4]> = None; // min lon, min lat, max lon, max lat
    let grow = |f: &mut Option<[f64; 4]>, lon: f64, lat: f64| {
        let b = f.get_or_insert([lon, lat, lon, lat]);
        b[0] = b[0].min(lon);
        b[1] = b[1].min(lat);
        b[2] = b[2].max(lon);
        b[3] = b[3].max(lat);
    };
    let rings =
        outlines.map(|b| b.features.iter().flat_map(|f| f.polygons.iter().flatten()).count()).unwrap_or(0);
    // The outlines' extent, with a margin: points beyond it are not mapped.
    let mut extent: Option<[f64; 4]> = None;
    for f in outlines.map(|b| b.features.as_slice()).unwrap_or(&[]) {
        for p in f.polygons.iter().flatten().flatten() {
            if finite(p[0], p[1]) {
                grow(&mut extent, p[0], p[1]);
            }
        }
    }
    let near = |lon: f64, lat: f64| {
        finite(lon, lat)
            && extent.is_none_or(|e| {
                lon >= e[0] - OUTLINE_MARGIN_DEG
                    && lon <= e[2] + OUTLINE_MARGIN_DEG
                    && lat >= e[1] - OUTLINE_MARGIN_DEG
                    && lat <= e[3] + OUTLINE_MARGIN_DEG
            })
    };
    for p in points.iter().filter(|p| near(p.lon, p.lat)) {
        grow(&mut frame, p.lon, p.lat);
    }
    let mut b = match (frame, extent) {
        (Some(mut f), _) => {
            // A margin, and at least MIN_FRAME_DEG either way (a single town).
            for (lo, hi) in [(0, 2), (1, 3)] {
                let pad = ((f[hi] - f[lo]) * 0.15).max((MIN_FRAME_DEG - (f[hi] - f[lo])) / 2.0);
                f[lo] -= pad;
                f[hi] += pad;
            }
            f
        }
        (None, Some(e)) => {
            let (pad_lon, pad_lat) = ((e[2] - e[0]) * 0.04, (e[3] - e[1]) * 0.04);
            [e[0] - pad_lon, e[1] - pad_lat, e[2] + pad_lon, e[3] + pad_lat]
        }
        (None, None) => return (String::new(), (0..points.len()).collect()),
    };
    let kx = ((b[1] + b[3]) / 2.0).to_radians().cos().max(0.1);
    // No taller than 4:5 (a column of towns would make a needle): widen instead.
    let (w_deg, h_deg) = ((b[2] - b[0]) * kx, b[3] - b[1]);
    if h_deg > w_deg * 0.8 {
        let extra = (h_deg / 0.8 - w_deg) / kx / 2.0;
        b[0] -= extra;
        b[2] += extra;
    }
    const W: f64 = 600.0;
    let scale = W / ((b[2] - b[0]) * kx);
    let h = ((b[3] - b[1]) * scale).clamp(100.0, 900.0);
    let px = |lon: f64| (lon - b[0]) * kx * scale;
    let py = |lat: f64| (b[3] - lat) * scale;
    let inside =
        |lon: f64, lat: f64| finite(lon, lat) && lon >= b[0] && lon <= b[2] && lat >= b[1] && lat <= b[3];
    let (w_px, h_px) = (W, h);
    let on_canvas =
        |x: f64, y: f64, half: f64| x - half >= 0.0 && x + half <= w_px && y - 12.0 >= 0.0 && y <= h_px;

    let mut s = String::new();
    let _ = write!(
        s,
        "<svg class=\"map\" viewBox=\"0 0 {W} {h:.0}\" role=\"img\" aria-label=\"{}\" xmlns=\"http://www.w3.org/2000/svg\"><title>{}</title>",
        escape(title),
        escape(title)
    );
    if rings == 0 {
        // No outlines: a graticule, so the dots still read as a map.
        let step = if b[2] - b[0] > 6.0 {
            2.0
        } else if b[2] - b[0] > 2.5 {
            1.0
        } else {
            0.5
        };
        let mut lon = (b[0] / step).ceil() * step;
        while lon <= b[2] {
            let x = px(lon);
            let _ = write!(
                s,
                "<line class=\"grid\" x1=\"{x:.1}\" y1=\"0\" x2=\"{x:.1}\" y2=\"{h:.0}\"/><text class=\"tick\" x=\"{:.1}\" y=\"{:.1}\" direction=\"ltr\">{lon}°E</text>",
                x + 3.0,
                h - 4.0
            );
            lon += step;
        }
        let mut lat = (b[1] / step).ceil() * step;
        while lat <= b[3] {
            let y = py(lat);
            let _ = write!(
                s,
                "<line class=\"grid\" x1=\"0\" y1=\"{y:.1}\" x2=\"{W}\" y2=\"{y:.1}\"/><text class=\"tick\" x=\"3\" y=\"{:.1}\" direction=\"ltr\">{lat}°N</text>",
                y - 3.0
            );
            lat += step;
        }
    }
    if let Some(bounds) = outlines {
        for f in &bounds.features {
            let mut d = String::new();
            for ring in f.polygons.iter().flatten() {
                for (i, p) in ring.iter().filter(|p| finite(p[0], p[1])).enumerate() {
                    let _ = write!(d, "{}{:.1} {:.1}", if i == 0 { "M" } else { "L" }, px(p[0]), py(p[1]));
                }
                d.push('Z');
            }
            let name = if lang_ar { &f.ar } else { &f.en };
            let _ = write!(s, "<path class=\"outline\" d=\"{d}\"><title>{}</title></path>", escape(name));
        }
    }
    let mut dots = String::new();
    let mut outside = Vec::new();
    let mut order: Vec<usize> = (0..points.len()).collect();
    // Big dots first, so small ones stay clickable on top.
    order.sort_by_key(|&i| std::cmp::Reverse(points[i].weight));
    // Labels are placed greedily (above, else below the dot) where they do
    // not cover one already placed; a label with no room is left to the
    // dot's tooltip.
    let mut placed: Vec<[f64; 4]> = Vec::new();
    for i in order {
        let p = &points[i];
        if !inside(p.lon, p.lat) {
            outside.push(i);
            continue;
        }
        let r = 4.0 + (p.weight as f64).sqrt() * 2.0;
        let (x, y) = (px(p.lon), py(p.lat));
        let half = p.label.chars().count() as f64 * 3.6 + 2.0;
        let label_y = [y - r - 3.0, y + r + 13.0].into_iter().find(|&ly| {
            let bx = [x - half, ly - 12.0, x + half, ly + 2.0];
            !placed.iter().any(|o| bx[0] < o[2] && o[0] < bx[2] && bx[1] < o[3] && o[1] < bx[3])
        });
        let _ = write!(
            dots,
            "<a href=\"{}\"><circle class=\"place-dot\" cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"{r:.1}\"><title>{}</title></circle>",
            escape(&p.href),
            escape(&p.label)
        );
        if let Some(ly) = label_y {
            placed.push([x - half, ly - 12.0, x + half, ly + 2.0]);
            let _ = write!(
                dots,
                "<text class=\"place-label\" x=\"{x:.1}\" y=\"{ly:.1}\" text-anchor=\"middle\">{}</text>",
                escape(&p.label)
            );
        }
        dots.push_str("</a>");
    }
    if let Some(bounds) = outlines {
        // Governorate names at the middle of their largest outline.
        for f in &bounds.features {
            let Some(ring) = f.polygons.iter().filter_map(|p| p.first()).max_by_key(|r| r.len()) else {
                continue;
            };
            let pts: Vec<&[f64; 2]> = ring.iter().filter(|p| finite(p[0], p[1])).collect();
            if pts.is_empty() {
                continue;
            }
            let cx = pts.iter().map(|p| p[0]).sum::<f64>() / pts.len() as f64;
            let cy = pts.iter().map(|p| p[1]).sum::<f64>() / pts.len() as f64;
            let name = if lang_ar { &f.ar } else { &f.en };
            // Skip a name off the frame, or one that would cover a place
            // label or another name.
            let half = name.chars().count() as f64 * 3.6 + 2.0;
            let (x, y) = (px(cx), py(cy));
            let bx = [x - half, y - 12.0, x + half, y + 3.0];
            if !on_canvas(x, y, half)
                || placed.iter().any(|o| bx[0] < o[2] && o[0] < bx[2] && bx[1] < o[3] && o[1] < bx[3])
            {
                continue;
            }
            placed.push(bx);
            let _ = write!(
                s,
                "<text class=\"region\" x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{}</text>",
                px(cx),
                py(cy),
                escape(name)
            );
        }
    }
    s.push_str(&dots);
    s.push_str("</svg>");
    outside.sort_unstable();
    (s, outside)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    #[test]
    fn day_numbers_round_trip() {
        assert_eq!(day_number(d("1970-01-01")), 0);
        assert_eq!(day_number(d("2019-03-10")) - day_number(d("2019-03-09")), 1);
        assert_eq!(day_number(d("2020-03-01")) - day_number(d("2020-02-28")), 2);
        for s in ["2019-03-09", "2000-02-29", "1999-12-31", "2026-11-21"] {
            assert_eq!(date_of(day_number(d(s))), Some(d(s)));
        }
    }

    #[test]
    fn nice_axis_maxima() {
        assert_eq!(nice_max(31.0), 50.0);
        assert_eq!(nice_max(1850.0), 2000.0);
        assert_eq!(nice_max(0.0), 1.0);
        assert_eq!(nice_max(240.0), 250.0);
    }

    #[test]
    fn labels_are_escaped() {
        let items = vec![TimelineItem {
            href: "/story/1".into(),
            label: "<script>x</script>".into(),
            first: d("2019-03-09"),
            last: d("2019-03-10"),
            reports: 3,
        }];
        let svg = timeline(&items, "t", true);
        assert!(svg.contains("&lt;script&gt;"));
        assert!(!svg.contains("<script>"));
        let series = vec![Series {
            label: "\u{202E}evil".into(),
            color: 0,
            points: vec![ChartPoint {
                day: d("2019-03-09"),
                value: 23.0,
                low: Some(23.0),
                high: Some(40.0),
                href: "/article/a#fig-0".into(),
                note: "\"quoted\"".into(),
            }],
        }];
        let svg = chart("c", &series);
        assert!(svg.contains("⟦RLO⟧evil") && svg.contains("&quot;quoted&quot;"));
        assert!(svg.contains("class=\"whisker s0\""));
    }

    #[test]
    fn map_frames_the_points_without_outlines() {
        let pts = vec![
            MapPoint {
                lon: 36.6,
                lat: 35.8,
                label: "سراقب".into(),
                href: "/search?place=x".into(),
                weight: 3,
            },
            MapPoint {
                lon: 36.7,
                lat: 34.9,
                label: "الرستن".into(),
                href: "/search?place=y".into(),
                weight: 1,
            },
            MapPoint { lon: f64::NAN, lat: 1.0, label: "bad".into(), href: String::new(), weight: 1 },
        ];
        let (svg, outside) = map(&pts, None, "m", true);
        assert_eq!(outside, vec![2]);
        assert_eq!(svg.matches("<circle").count(), 2);
    }

    #[test]
    fn maps_with_outlines_zoom_to_the_places_and_list_far_ones() {
        let square = |lon0: f64, lat0: f64, size: f64| {
            vec![vec![[lon0, lat0], [lon0 + size, lat0], [lon0 + size, lat0 + size], [lon0, lat0 + size]]]
        };
        let feature = |name: &str, polygon| rasid_gazetteer::BoundaryFeature {
            pcode: name.into(),
            ar: name.into(),
            en: name.into(),
            admin1_pcode: None,
            polygons: vec![polygon],
        };
        let outlines = Boundaries {
            level: "adm1".into(),
            features: vec![
                feature("west", square(36.0, 33.0, 3.0)),
                feature("east", square(39.0, 33.0, 3.0)),
            ],
        };
        let town = |lon: f64, lat: f64, label: &str| MapPoint {
            lon,
            lat,
            label: label.into(),
            href: String::new(),
            weight: 1,
        };
        // Two towns 20 km apart, and one with a wrong coordinate.
        let pts = vec![town(36.6, 35.9, "a"), town(36.8, 35.85, "b"), town(-70.0, 10.0, "far")];
        let (svg, outside) = map(&pts, Some(&outlines), "m", false);
        assert_eq!(outside, vec![2], "the far point is listed, not mapped");
        assert_eq!(svg.matches("class=\"outline\"").count(), 2, "outlines are drawn (clipped by the frame)");
        let cx: Vec<f64> =
            svg.split("cx=\"").skip(1).filter_map(|r| r.split('"').next()?.parse().ok()).collect();
        assert_eq!(cx.len(), 2);
        assert!((cx[0] - cx[1]).abs() > 30.0, "neighbouring towns get separate dots: {cx:?}");
        assert!(svg.contains(">a</text>") && svg.contains(">b</text>"), "both towns are labelled");
        // No point near the outlines: the frame is the outlines' extent.
        let (svg, outside) = map(&[town(-70.0, 10.0, "far")], Some(&outlines), "m", false);
        assert_eq!(outside, vec![0]);
        assert!(svg.contains(">west</text>") && svg.contains(">east</text>"));
    }

    #[test]
    fn series_keep_their_colour_and_ticks_are_whole() {
        let point = |day: &str, value: f64| ChartPoint {
            day: d(day),
            value,
            low: None,
            high: None,
            href: String::new(),
            note: String::new(),
        };
        let series = vec![
            Series { label: "x".into(), color: 5, points: vec![point("2019-03-09", 27.0)] },
            Series { label: "y".into(), color: 2, points: vec![point("2019-03-10", 31.0)] },
        ];
        let svg = chart("c", &series);
        assert!(svg.contains("class=\"pt s5\"") && svg.contains("class=\"key s2\""));
        assert!(!svg.contains(">12.5<") && svg.contains(">10<") && svg.contains(">50<"), "{svg}");
        assert!(is_round_step(500.0) && is_round_step(0.2) && is_round_step(10.0));
        assert!(!is_round_step(625.0) && !is_round_step(12.5) && !is_round_step(400.0));
    }

    proptest! {
        #[test]
        fn charts_never_panic(values in proptest::collection::vec((-1e12f64..1e12, 0i64..4000), 0..20)) {
            let points: Vec<ChartPoint> = values.iter().filter_map(|&(v, dd)| Some(ChartPoint {
                day: date_of(17_000 + dd)?, value: v, low: None, high: Some(v * 2.0), href: String::new(), note: String::new(),
            })).collect();
            let svg = chart("x", &[Series { label: "a".into(), color: 3, points }]);
            prop_assert!(svg.is_empty() || svg.ends_with("</svg>"));
            prop_assert!(!svg.contains("NaN") && !svg.contains("inf"));
        }
    }
}
