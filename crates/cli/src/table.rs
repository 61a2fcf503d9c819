//! Plain-text tables for the terminal: columns aligned by display width
//! (Arabic letters take one cell each; diacritics and bidi controls none),
//! long cells cut with `…`.

/// Characters that take no cell in a terminal: combining marks (Arabic
/// harakat, Quranic marks), zero-width and bidi format characters.
fn zero_width(c: char) -> bool {
    matches!(c,
        '\u{0300}'..='\u{036F}'
        | '\u{0610}'..='\u{061A}'
        | '\u{061C}'
        | '\u{064B}'..='\u{065F}'
        | '\u{0670}'
        | '\u{06D6}'..='\u{06DC}'
        | '\u{06DF}'..='\u{06E4}'
        | '\u{06E7}'..='\u{06E8}'
        | '\u{06EA}'..='\u{06ED}'
        | '\u{200B}'..='\u{200F}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2066}'..='\u{2069}'
        | '\u{FEFF}')
}

/// Terminal cells taken by `s` (wide East Asian characters count as one:
/// close enough for news tables).
pub fn width(s: &str) -> usize {
    s.chars().filter(|&c| !zero_width(c) && !c.is_control()).count()
}

/// `s` on one line, cut to at most `max` cells (with `…` when cut).
pub fn fit(s: &str, max: usize) -> String {
    let one_line: String = s.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
    if width(&one_line) <= max {
        return one_line;
    }
    let mut out = String::new();
    let mut used = 0;
    for c in one_line.chars() {
        let w = usize::from(!zero_width(c));
        if used + w + 1 > max {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    out
}

/// A table: a header row and rows of cells, each column at most `max` wide.
#[derive(Debug, Clone)]
pub struct Table {
    headers: Vec<String>,
    rows: Vec<Vec<String>>,
    max: Vec<usize>,
}

impl Table {
    /// Columns named by `(header, max width)`.
    pub fn new(columns: &[(&str, usize)]) -> Table {
        Table {
            headers: columns.iter().map(|(h, _)| (*h).to_string()).collect(),
            rows: Vec::new(),
            max: columns.iter().map(|(_, m)| *m).collect(),
        }
    }

    pub fn row(&mut self, cells: Vec<String>) {
        self.rows.push(cells);
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// The table as lines, a rule under the header, columns two spaces apart.
    pub fn render(&self) -> String {
        let cols = self.headers.len();
        let cell = |row: &[String], i: usize| fit(row.get(i).map_or("", String::as_str), self.max[i]);
        let mut widths: Vec<usize> = self.headers.iter().map(|h| width(h)).collect();
        let fitted: Vec<Vec<String>> =
            self.rows.iter().map(|r| (0..cols).map(|i| cell(r, i)).collect()).collect();
        for row in &fitted {
            for (i, c) in row.iter().enumerate() {
                widths[i] = widths[i].max(width(c));
            }
        }
        let line = |cells: &[String]| -> String {
            let mut s = String::new();
            for (i, c) in cells.iter().enumerate() {
                s.push_str(c);
                if i + 1 < cells.len() {
                    s.push_str(&" ".repeat(widths[i].saturating_sub(width(c)) + 2));
                }
            }
            s.trim_end().to_string()
        };
        let mut out = line(&self.headers);
        out.push('\n');
        let total: usize = widths.iter().sum::<usize>() + 2 * cols.saturating_sub(1);
        out.push_str(&"─".repeat(total));
        out.push('\n');
        for row in &fitted {
            out.push_str(&line(row));
            out.push('\n');
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn arabic_marks_take_no_cell() {
        assert_eq!(width("الغوطة"), 6);
        assert_eq!(width("الغُوطَة"), 6);
        assert_eq!(width("\u{200F}دوما"), 4);
    }

    #[test]
    fn columns_align_by_width() {
        let mut t = Table::new(&[("id", 10), ("title", 8)]);
        t.row(vec!["1".into(), "نزوح آلاف المدنيين".into()]);
        t.row(vec!["22".into(), "قصف".into()]);
        let out = t.render();
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines.len(), 4);
        assert!(lines[2].starts_with("1   نزوح آل…"), "{out}");
        assert!(lines[3].starts_with("22  قصف"));
    }

    proptest! {
        #[test]
        fn fit_never_exceeds(s in "\\PC{0,60}", max in 1usize..30) {
            prop_assert!(width(&fit(&s, max)) <= max);
        }
    }
}
