//! From positioned runs to lines in reading order.
//!
//! 1. **Lines**: runs on one baseline (within a fifth of their size), of about the same size,
//!    and contiguous along x (a gap under 0.6 em) make one line. A wider gap is a gutter, so
//!    two columns written line by line across the page become separate lines.
//! 2. **Blocks** by a recursive XY-cut (Nagy & Seth, 1984) over the line boxes: where a
//!    vertical band of whitespace (at least 0.6 body em wide) runs through the whole block,
//!    the block is cut into columns, read left to right; otherwise it is cut at its widest
//!    horizontal whitespace band (all bands as wide), read top to bottom. Columns are tried
//!    first because body lines of neighbouring columns usually share baselines, which leaves
//!    horizontal bands between every row; a headline or page header spanning columns blocks
//!    every vertical band until it is cut off. This gives the order of a Chinese horizontal
//!    newspaper: band by band from the top, column by column within a band, top to bottom
//!    within a column, whatever order the content stream wrote the blocks in.
//! 3. **Headings**: the body size is the size most characters are set in (over the whole
//!    document); a line at 1.5× that or more is a level-1 heading, at 1.2× a level-2 one
//!    (the kicker or sub-title around a headline). Consecutive heading lines of one size in
//!    one block are one wrapped headline.
//! 4. **Indents**: a body line starting 1.5 em or more right of its column's left edge
//!    opens a paragraph; it is given a full-width indent, as a text file would have it.

use super::glyphs::{is_wide, Run};
use crate::import::formats::SourceLine;

/// A line on the page (y grows upwards).
#[derive(Debug, Clone)]
pub(super) struct Line {
    pub x0: f32,
    pub x1: f32,
    pub y: f32,
    pub size: f32,
    pub text: String,
}

impl Line {
    /// The box the line's glyphs occupy (ascent ~0.85 em, descent ~0.15 em).
    fn top(&self) -> f32 {
        self.y + 0.85 * self.size
    }
    fn bottom(&self) -> f32 {
        self.y - 0.15 * self.size
    }
}

/// Runs to lines: group by baseline, then split each baseline where x jumps.
pub(super) fn lines(mut runs: Vec<Run>) -> Vec<Line> {
    runs.sort_by(|a, b| b.y.total_cmp(&a.y).then(a.x0.total_cmp(&b.x0)));
    let mut out = Vec::new();
    let mut i = 0;
    while i < runs.len() {
        // One baseline: runs whose y is within a fifth of the size of the first.
        let tolerance = 0.2 * runs[i].size;
        let mut j = i + 1;
        while j < runs.len() && runs[i].y - runs[j].y <= tolerance {
            j += 1;
        }
        let row = &mut runs[i..j];
        row.sort_by(|a, b| a.x0.total_cmp(&b.x0));
        let mut current: Option<Line> = None;
        for run in row.iter() {
            if let Some(line) = &mut current {
                let big = line.size.max(run.size);
                let same_size = (line.size - run.size).abs() <= 0.15 * big;
                let gap = run.x0 - line.x1;
                // Text drawn twice at (almost) the same place is one text (fake bold).
                let overprint = gap < 0.0 && line.text.ends_with(run.text.as_str());
                if overprint {
                    continue;
                }
                if same_size && gap <= 0.6 * big {
                    if gap > 0.2 * big && needs_space(&line.text, &run.text) {
                        line.text.push(' ');
                    }
                    line.text.push_str(&run.text);
                    line.x1 = line.x1.max(run.x1);
                    line.size = line.size.max(run.size);
                    continue;
                }
                out.push(current.take().expect("checked above"));
            }
            current = Some(Line {
                x0: run.x0,
                x1: run.x1,
                y: run.y,
                size: run.size,
                text: run.text.clone(),
            });
        }
        out.extend(current);
        i = j;
    }
    out
}

/// A visible gap between two Latin words is a space; between CJK characters it is layout.
fn needs_space(before: &str, after: &str) -> bool {
    let a = before.chars().last();
    let b = after.chars().next();
    matches!((a, b), (Some(a), Some(b)) if !is_wide(a) && !is_wide(b) && a != ' ' && b != ' ')
}

/// The size most characters are set in.
pub(super) fn body_size<'a>(lines: impl Iterator<Item = &'a Line>) -> Option<f32> {
    let mut counts: Vec<(i32, usize)> = Vec::new();
    for line in lines {
        // Half-point buckets.
        let key = (line.size * 2.0).round() as i32;
        let n = line.text.chars().filter(|c| !c.is_whitespace()).count();
        match counts.iter_mut().find(|(k, _)| *k == key) {
            Some((_, c)) => *c += n,
            None => counts.push((key, n)),
        }
    }
    counts
        .into_iter()
        .max_by_key(|&(k, n)| (n, -k))
        .map(|(k, _)| k as f32 / 2.0)
}

/// A block to cut: line indices and the left edge of the column it lies in.
struct Block {
    lines: Vec<usize>,
    left: f32,
}

/// Whitespace bands between intervals, as (start, end) in increasing order.
fn gaps(mut intervals: Vec<(f32, f32)>, min: f32) -> Vec<(f32, f32)> {
    intervals.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut out = Vec::new();
    let mut reach = f32::NEG_INFINITY;
    for (lo, hi) in intervals {
        if reach.is_finite() && lo - reach >= min {
            out.push((reach, lo));
        }
        reach = reach.max(hi);
    }
    out
}

/// Order the lines of one page by the XY-cut; returns the lines in reading order, each
/// with the left edge of its column (for indents).
fn reading_order(lines: &[Line], body: f32) -> Vec<(usize, f32)> {
    let min_gutter = 0.6 * body;
    let mut out = Vec::with_capacity(lines.len());
    let all: Vec<usize> = (0..lines.len()).collect();
    let left = lines.iter().map(|l| l.x0).fold(f32::INFINITY, f32::min);
    // An explicit stack, children pushed in reverse: no recursion depth to exhaust on a
    // hostile page of thousands of lines.
    let mut stack = vec![Block { lines: all, left }];
    while let Some(block) = stack.pop() {
        if block.lines.len() <= 1 {
            out.extend(block.lines.iter().map(|&k| (k, block.left)));
            continue;
        }
        let vertical = gaps(
            block
                .lines
                .iter()
                .map(|&k| (lines[k].x0, lines[k].x1))
                .collect(),
            min_gutter,
        );
        if !vertical.is_empty() {
            let mut columns: Vec<Vec<usize>> = vec![Vec::new(); vertical.len() + 1];
            for &k in &block.lines {
                let col = vertical.iter().take_while(|g| lines[k].x0 >= g.1).count();
                columns[col].push(k);
            }
            for col in columns.into_iter().rev().filter(|c| !c.is_empty()) {
                let left = col
                    .iter()
                    .map(|&k| lines[k].x0)
                    .fold(f32::INFINITY, f32::min);
                stack.push(Block { lines: col, left });
            }
            continue;
        }
        // Horizontal bands, in y-down terms (negated) so they sort top to bottom.
        let horizontal = gaps(
            block
                .lines
                .iter()
                .map(|&k| (-lines[k].top(), -lines[k].bottom()))
                .collect(),
            0.01,
        );
        let widest = horizontal.iter().map(|g| g.1 - g.0).fold(0.0f32, f32::max);
        let cuts: Vec<f32> = horizontal
            .iter()
            .filter(|g| g.1 - g.0 >= widest - 0.1)
            .map(|g| g.1)
            .collect();
        if cuts.is_empty() {
            // A leaf: no whitespace through it either way; read top to bottom, left to right.
            let mut leaf = block.lines;
            leaf.sort_by(|&a, &b| {
                lines[b]
                    .y
                    .total_cmp(&lines[a].y)
                    .then(lines[a].x0.total_cmp(&lines[b].x0))
            });
            out.extend(leaf.into_iter().map(|k| (k, block.left)));
            continue;
        }
        let mut bands: Vec<Vec<usize>> = vec![Vec::new(); cuts.len() + 1];
        for &k in &block.lines {
            let band = cuts.iter().take_while(|&&c| -lines[k].top() >= c).count();
            bands[band].push(k);
        }
        for band in bands.into_iter().rev().filter(|b| !b.is_empty()) {
            stack.push(Block {
                lines: band,
                left: block.left,
            });
        }
    }
    out
}

/// One page's lines in reading order as source lines, headings marked against `body`.
pub(super) fn page_lines(lines: &[Line], body: f32) -> Vec<SourceLine> {
    let mut out: Vec<SourceLine> = Vec::new();
    // (level, size, y) of the previous line when it was a heading: a wrapped headline.
    let mut previous_heading: Option<(u8, f32, f32)> = None;
    for (k, left) in reading_order(lines, body) {
        let line = &lines[k];
        let level = heading_level(line.size, body);
        if let (Some(level), Some((prev_level, prev_size, prev_y))) = (level, previous_heading) {
            let wrapped = level == prev_level
                && (line.size - prev_size).abs() <= 0.05 * prev_size
                && prev_y > line.y
                && prev_y - line.y <= 1.6 * line.size;
            if wrapped {
                let last = out.last_mut().expect("a heading was pushed");
                if needs_space(&last.text, &line.text) {
                    last.text.push(' ');
                }
                last.text.push_str(line.text.trim());
                previous_heading = Some((level, line.size, line.y));
                continue;
            }
        }
        let indented = level.is_none() && line.x0 - left >= 1.5 * line.size;
        let text = if indented {
            format!("\u{3000}\u{3000}{}", line.text.trim_start())
        } else {
            line.text.clone()
        };
        out.push(SourceLine {
            text,
            heading: level,
        });
        previous_heading = level.map(|l| (l, line.size, line.y));
    }
    out
}

fn heading_level(size: f32, body: f32) -> Option<u8> {
    if size >= 1.5 * body {
        Some(1)
    } else if size >= 1.2 * body {
        Some(2)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(x0: f32, y: f32, size: f32, text: &str) -> Run {
        let width: f32 = text
            .chars()
            .map(|c| if is_wide(c) { size } else { size / 2.0 })
            .sum();
        Run {
            x0,
            x1: x0 + width,
            y,
            size,
            text: text.into(),
        }
    }

    fn texts(lines: &[SourceLine]) -> Vec<&str> {
        lines.iter().map(|l| l.text.as_str()).collect()
    }

    #[test]
    fn runs_on_one_baseline_join_unless_a_gutter_separates_them() {
        let got = lines(vec![
            run(10.0, 700.0, 10.0, "甲乙"),
            run(30.0, 700.5, 10.0, "丙丁"),
            // A gutter of 2 em: the next column.
            run(70.0, 700.0, 10.0, "戊己"),
        ]);
        let got: Vec<&str> = got.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(got, ["甲乙丙丁", "戊己"]);
    }

    #[test]
    fn columns_written_row_by_row_read_column_by_column() {
        // Two columns whose rows share baselines, written across the page row by row.
        let mut runs = Vec::new();
        for row in 0..3 {
            let y = 700.0 - 14.0 * row as f32;
            runs.push(run(10.0, y, 10.0, &format!("左{row}")));
            runs.push(run(60.0, y, 10.0, &format!("右{row}")));
        }
        let ls = lines(runs);
        let got = page_lines(&ls, 10.0);
        assert_eq!(texts(&got), ["左0", "左1", "左2", "右0", "右1", "右2"]);
    }

    #[test]
    fn a_headline_over_two_columns_comes_first_and_is_marked() {
        let mut runs = vec![
            run(10.0, 760.0, 10.0, "页眉"),
            run(10.0, 730.0, 20.0, "大标题"),
        ];
        for row in 0..2 {
            let y = 700.0 - 14.0 * row as f32;
            runs.push(run(10.0, y, 10.0, &format!("左{row}")));
            runs.push(run(60.0, y, 10.0, &format!("右{row}")));
        }
        let ls = lines(runs);
        let got = page_lines(&ls, 10.0);
        assert_eq!(texts(&got), ["页眉", "大标题", "左0", "左1", "右0", "右1"]);
        let marks: Vec<Option<u8>> = got.iter().map(|l| l.heading).collect();
        assert_eq!(marks, [None, Some(1), None, None, None, None]);
    }

    #[test]
    fn a_wrapped_headline_is_one_line_and_indents_open_paragraphs() {
        let ls = lines(vec![
            run(10.0, 740.0, 20.0, "第一行"),
            run(10.0, 716.0, 20.0, "第二行"),
            run(30.0, 690.0, 10.0, "段首"),
            run(10.0, 676.0, 10.0, "接着"),
        ]);
        let got = page_lines(&ls, 10.0);
        assert_eq!(
            texts(&got),
            ["第一行第二行", "\u{3000}\u{3000}段首", "接着"]
        );
    }

    #[test]
    fn the_body_size_is_the_size_of_most_characters() {
        let ls = lines(vec![
            run(10.0, 700.0, 24.0, "大标题"),
            run(10.0, 670.0, 9.0, "正文正文正文正文"),
        ]);
        assert_eq!(body_size(ls.iter()), Some(9.0));
    }
}
