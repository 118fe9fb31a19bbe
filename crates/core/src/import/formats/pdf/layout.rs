//! From positioned runs to lines in reading order.
//!
//! 1. **Lines**: runs on one baseline (within a fifth of their size), of about the same size,
//!    and contiguous along x (a gap under 0.6 em) make one line. A wider gap is a gutter, so
//!    two columns written line by line across the page become separate lines.
//! 2. **Blocks** by a recursive XY-cut (Nagy & Seth, 1984) over the line boxes. A block
//!    whose widest horizontal band of whitespace is a body em or more, with no heading
//!    right above it (under a page header, under the stories above), is cut there first,
//!    read top to bottom. Otherwise, where a vertical band (at least 0.6 body em wide)
//!    runs through the whole block, it is cut into columns, read left to right; else at
//!    its widest horizontal band (all bands as wide). Columns come before narrow bands
//!    because body lines of neighbouring columns usually share baselines, which leaves a
//!    thin horizontal band between every row; a headline or page header spanning columns
//!    blocks every vertical band until it is cut off. This gives the order of a Chinese
//!    horizontal newspaper: band by band from the top, column by column within a band, top
//!    to bottom within a column, whatever order the content stream wrote the blocks in.
//! 3. **Headings**: the body size is the size most characters are set in (over the whole
//!    document); a line at 1.2× that is a heading. In a run of heading lines (kicker,
//!    headline, sub-title) the largest type, if 1.5× the body or more, is the headline
//!    (level 1); lines of 1.5× are level 2 (a kicker) and of 1.2× level 3 (also an in-body
//!    sub-heading, which the segmenter does not take as an article start by itself).
//!    Consecutive heading lines of one size, one under the other, are one wrapped headline.
//! 4. **Paragraphs**: a body line starting 1.5 em or more right of its column's left edge
//!    opens a paragraph; it is given a full-width indent, as a text file would have it. A
//!    body line filling a justified column was wrapped by the layout and is joined to the
//!    next body line (see [`page_lines`]).

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
        // A space glyph seen after the current line's text: a space if more text follows
        // on the line. It never extends a line (so never bridges a gutter) nor starts one.
        let mut pending_space = false;
        for run in row.iter() {
            if run.text.trim().is_empty() {
                pending_space |= current
                    .as_ref()
                    .is_some_and(|l| run.x0 - l.x1 <= 0.6 * l.size.max(run.size));
                continue;
            }
            if let Some(line) = &mut current {
                let big = line.size.max(run.size);
                let same_size = (line.size - run.size).abs() <= 0.15 * big;
                let gap = run.x0 - line.x1;
                // Text drawn twice at (almost) the same place is one text (fake bold); a
                // glyph merely overlapping its neighbour (`谢谢` with estimated widths) is not.
                let overprint = run.x0 < line.x1 - 0.5 * (run.x1 - run.x0)
                    && line.text.ends_with(run.text.as_str());
                if overprint {
                    continue;
                }
                if same_size && gap <= 0.6 * big {
                    let spaced =
                        pending_space || (gap > 0.2 * big && needs_space(&line.text, &run.text));
                    if spaced && !line.text.ends_with(' ') && !run.text.starts_with(' ') {
                        line.text.push(' ');
                    }
                    pending_space = false;
                    line.text.push_str(&run.text);
                    line.x1 = line.x1.max(run.x1);
                    line.size = line.size.max(run.size);
                    continue;
                }
                out.push(current.take().expect("checked above"));
            }
            pending_space = false;
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
    // Half-point buckets.
    let mut counts: std::collections::HashMap<i32, usize> = std::collections::HashMap::new();
    for line in lines {
        let key = (line.size * 2.0).round() as i32;
        *counts.entry(key).or_default() += line.text.chars().filter(|c| !c.is_whitespace()).count();
    }
    counts
        .into_iter()
        .max_by_key(|&(k, n)| (n, -k))
        .map(|(k, _)| k as f32 / 2.0)
}

/// The column a line was found in: the nearest block the XY-cut made by a vertical cut
/// (or the page), which bands cut out of it share.
#[derive(Debug, Clone, Copy)]
struct Column {
    left: f32,
    right: f32,
    /// Body lines are set flush to both edges (most of them end at `right`), so a body
    /// line that reaches `right` was wrapped by the layout, not ended by the writer.
    justified: bool,
}

impl Column {
    fn of(lines: &[Line], members: &[usize], body: f32) -> Column {
        let left = members
            .iter()
            .map(|&k| lines[k].x0)
            .fold(f32::INFINITY, f32::min);
        let right = members
            .iter()
            .map(|&k| lines[k].x1)
            .fold(f32::NEG_INFINITY, f32::max);
        let body_lines: Vec<&Line> = members
            .iter()
            .map(|&k| &lines[k])
            .filter(|l| heading_level(l.size, body).is_none())
            .collect();
        let flush = body_lines
            .iter()
            .filter(|l| l.x1 >= right - 0.5 * l.size)
            .count();
        Column {
            left,
            right,
            justified: flush >= 3 && flush * 10 >= body_lines.len() * 4,
        }
    }

    fn fills(&self, line: &Line) -> bool {
        self.justified && line.x1 >= self.right - 0.5 * line.size
    }
}

/// A block to cut: line indices and the column it lies in.
struct Block {
    lines: Vec<usize>,
    column: Column,
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
/// with its column (for indents and wrapped lines).
fn reading_order(lines: &[Line], body: f32) -> Vec<(usize, Column)> {
    let min_gutter = 0.6 * body;
    let mut out = Vec::with_capacity(lines.len());
    let all: Vec<usize> = (0..lines.len()).collect();
    let column = Column::of(lines, &all, body);
    // An explicit stack, children pushed in reverse: no recursion depth to exhaust on a
    // hostile page of thousands of lines.
    let mut stack = vec![Block { lines: all, column }];
    // Each cut visits the block's lines; a page built so that every cut peels off one line
    // would cost quadratic time. Past this budget the remaining blocks are read as leaves.
    let mut budget = 64 * lines.len() + 10_000;
    while let Some(block) = stack.pop() {
        budget = budget.saturating_sub(block.lines.len());
        if block.lines.len() <= 1 || budget == 0 {
            let mut leaf = block.lines;
            sort_leaf(lines, &mut leaf);
            out.extend(leaf.into_iter().map(|k| (k, block.column)));
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
        // A band of a body em or more right under lines of body type (a page header, the
        // end of the stories above) separates them from what follows, wider than any
        // leading: it is cut before the columns. Right under headlines it is not: stories
        // side by side have their headlines in one row, and the columns must part them.
        let separated = widest >= body
            && horizontal
                .iter()
                .find(|g| g.1 - g.0 >= widest)
                .is_some_and(|g| {
                    block
                        .lines
                        .iter()
                        .filter(|&&k| (g.0 - 2.0 * body..=g.0).contains(&-lines[k].bottom()))
                        .all(|&k| heading_level(lines[k].size, body).is_none())
                });
        let vertical = gaps(
            block
                .lines
                .iter()
                .map(|&k| (lines[k].x0, lines[k].x1))
                .collect(),
            min_gutter,
        );
        if !separated && !vertical.is_empty() {
            let mut columns: Vec<Vec<usize>> = vec![Vec::new(); vertical.len() + 1];
            for &k in &block.lines {
                let col = vertical.iter().take_while(|g| lines[k].x0 >= g.1).count();
                columns[col].push(k);
            }
            for col in columns.into_iter().rev().filter(|c| !c.is_empty()) {
                let column = Column::of(lines, &col, body);
                stack.push(Block { lines: col, column });
            }
            continue;
        }
        let cuts: Vec<f32> = horizontal
            .iter()
            .filter(|g| g.1 - g.0 >= widest - 0.1)
            .map(|g| g.1)
            .collect();
        if cuts.is_empty() {
            // A leaf: no whitespace through it either way.
            let mut leaf = block.lines;
            sort_leaf(lines, &mut leaf);
            out.extend(leaf.into_iter().map(|k| (k, block.column)));
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
                column: block.column,
            });
        }
    }
    out
}

/// A leaf is read top to bottom, left to right.
fn sort_leaf(lines: &[Line], leaf: &mut [usize]) {
    leaf.sort_by(|&a, &b| {
        lines[b]
            .y
            .total_cmp(&lines[a].y)
            .then(lines[a].x0.total_cmp(&lines[b].x0))
    });
}

/// One page's lines in reading order as source lines, headings marked against `body`.
///
/// Lines the layout wrapped are joined back: a body line that fills a justified column
/// continues into the next body line when that one is not indented and is either the next
/// line of the same column or the first of a later column (a sentence crossing a column
/// break reads whole). A caption or a story under a gap below a full line is not joined.
pub(super) fn page_lines(lines: &[Line], body: f32) -> Vec<SourceLine> {
    let mut out: Vec<SourceLine> = Vec::new();
    // The size of each output line, for ranking the headings of a title block.
    let mut sizes: Vec<f32> = Vec::new();
    // The previous line, when the next may continue it.
    let mut previous: Option<(&Line, Column, Option<u8>)> = None;
    for (k, column) in reading_order(lines, body) {
        let line = &lines[k];
        let level = heading_level(line.size, body);
        let indented = level.is_none()
            && (line.x0 - column.left >= 1.5 * line.size
                || line.text.starts_with(char::is_whitespace));
        let continues = match previous {
            // A wrapped headline: the same size, the next line down.
            Some((prev, _, Some(prev_level))) => {
                level == Some(prev_level)
                    && (line.size - prev.size).abs() <= 0.05 * prev.size
                    && prev.y > line.y
                    && prev.y - line.y <= 1.6 * line.size
            }
            Some((prev, prev_column, None)) => {
                level.is_none()
                    && !indented
                    && prev_column.fills(prev)
                    && (line.size - prev.size).abs() <= 0.15 * prev.size
                    && (line.y >= prev.y || prev.y - line.y <= 1.6 * line.size)
            }
            None => false,
        };
        if continues {
            let last = out.last_mut().expect("a previous line was pushed");
            // A line break between Latin words was a space; any other is layout (`1` / `%`).
            let latin = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphabetic());
            if latin(last.text.chars().last()) && latin(line.text.trim().chars().next()) {
                last.text.push(' ');
            }
            last.text.push_str(line.text.trim());
        } else {
            let text = if indented && !line.text.starts_with(char::is_whitespace) {
                format!("\u{3000}\u{3000}{}", line.text)
            } else {
                line.text.clone()
            };
            out.push(SourceLine {
                text,
                heading: level,
            });
            sizes.push(line.size);
        }
        previous = Some((line, column, level));
    }
    rank_title_blocks(&mut out, &sizes, body);
    out
}

/// In each run of consecutive heading lines (kicker, headline, sub-title), the largest
/// type is the headline: level 1, when it is at least 1.5× the body size. The others keep
/// their level from the size alone (2 or 3).
fn rank_title_blocks(out: &mut [SourceLine], sizes: &[f32], body: f32) {
    let mut start = 0;
    while start < out.len() {
        if out[start].heading.is_none() {
            start += 1;
            continue;
        }
        let mut end = start;
        while end < out.len() && out[end].heading.is_some() {
            end += 1;
        }
        let largest = sizes[start..end].iter().copied().fold(0.0f32, f32::max);
        if largest >= 1.5 * body {
            for (line, &size) in out[start..end].iter_mut().zip(&sizes[start..end]) {
                if size >= largest - 0.05 * largest {
                    line.heading = Some(1);
                }
            }
        }
        start = end;
    }
}

/// Heading level from the size alone: 2 at 1.5× the body size (a headline, or the kicker
/// over a larger one), 3 at 1.2× (a small headline or an in-body sub-heading, which the
/// segmenter does not take as an article start by itself).
fn heading_level(size: f32, body: f32) -> Option<u8> {
    if size >= 1.5 * body {
        Some(2)
    } else if size >= 1.2 * body {
        Some(3)
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
        // Two columns whose rows share baselines, written across the page row by row
        // (lines of unequal length: not a justified column, so none is joined).
        let mut runs = Vec::new();
        for row in 0..3 {
            let y = 700.0 - 14.0 * row as f32;
            runs.push(run(10.0, y, 10.0, &format!("左{}", "甲".repeat(row))));
            runs.push(run(80.0, y, 10.0, &format!("右{}", "乙".repeat(row))));
        }
        let ls = lines(runs);
        let got = page_lines(&ls, 10.0);
        assert_eq!(
            texts(&got),
            ["左", "左甲", "左甲甲", "右", "右乙", "右乙乙"]
        );
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
    fn stories_side_by_side_with_headlines_in_one_row_are_read_one_after_the_other() {
        let mut runs = vec![
            run(10.0, 760.0, 10.0, "页眉"),
            run(10.0, 720.0, 20.0, "甲标题"),
            run(150.0, 720.0, 20.0, "乙标题"),
        ];
        for (x, name) in [
            (10.0, "甲左"),
            (80.0, "甲右"),
            (150.0, "乙左"),
            (220.0, "乙右"),
        ] {
            for row in 0..2 {
                let len = if row == 0 { 3 } else { 1 };
                runs.push(run(
                    x,
                    690.0 - 14.0 * row as f32,
                    10.0,
                    &format!("{name}{}", "文".repeat(len)),
                ));
            }
        }
        let got = page_lines(&lines(runs), 10.0);
        assert_eq!(
            texts(&got),
            [
                "页眉",
                "甲标题",
                "甲左文文文",
                "甲左文",
                "甲右文文文",
                "甲右文",
                "乙标题",
                "乙左文文文",
                "乙左文",
                "乙右文文文",
                "乙右文"
            ]
        );
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
    fn a_full_line_of_a_justified_column_continues_across_the_column_break() {
        // Column 1 ends with a full line, mid-sentence; column 2 goes on, then a paragraph
        // ends short and the next one opens indented.
        let ls = lines(vec![
            run(10.0, 700.0, 10.0, "一二三四五"),
            run(10.0, 686.0, 10.0, "六七八九十"),
            run(10.0, 672.0, 10.0, "甲乙丙丁戊"),
            run(80.0, 700.0, 10.0, "己庚辛壬癸"),
            run(80.0, 686.0, 10.0, "子丑寅卯辰"),
            run(80.0, 672.0, 10.0, "巳午。"),
            run(100.0, 658.0, 10.0, "未申酉"),
        ]);
        let got = page_lines(&ls, 10.0);
        assert_eq!(
            texts(&got),
            [
                "一二三四五六七八九十甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午。",
                "\u{3000}\u{3000}未申酉"
            ]
        );
    }

    #[test]
    fn a_page_where_every_cut_peels_one_line_still_reads_every_line_once() {
        // Gaps growing down the page: the widest is always the last one, so each cut
        // takes off one line (quadratic without the budget).
        let mut runs = Vec::new();
        let mut y = 1.0e6;
        for k in 0..20_000 {
            runs.push(run(10.0, y, 10.0, &format!("行{k}")));
            y -= 11.0 + k as f32 * 0.01;
        }
        let ls = lines(runs);
        let order = reading_order(&ls, 10.0);
        let mut seen: Vec<usize> = order.iter().map(|&(k, _)| k).collect();
        // Top to bottom, every line once.
        assert!(seen.windows(2).all(|w| ls[w[0]].y > ls[w[1]].y));
        seen.sort_unstable();
        seen.dedup();
        assert_eq!(seen.len(), ls.len());
    }

    #[test]
    fn a_space_drawn_as_a_glyph_separates_words_but_never_bridges_a_gutter() {
        let got = lines(vec![
            run(10.0, 700.0, 10.0, "记者"),
            run(30.0, 700.0, 10.0, " "),
            run(33.0, 700.0, 10.0, "吴桐"),
            // A trailing space, then the next column 0.8 em away from it.
            run(53.0, 700.0, 10.0, " "),
            run(64.0, 700.0, 10.0, "下栏"),
        ]);
        let got: Vec<&str> = got.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(got, ["记者 吴桐", "下栏"]);
    }

    #[test]
    fn text_drawn_twice_is_read_once_but_a_repeated_character_stays() {
        let got = lines(vec![
            // Fake bold: the headline drawn again 0.3 pt to the right.
            run(10.0, 700.0, 20.0, "标题"),
            run(10.3, 700.0, 20.0, "标题"),
            // One glyph at a time, each overlapping the one before a little.
            run(10.0, 600.0, 10.0, "谢"),
            run(19.5, 600.0, 10.0, "谢"),
        ]);
        let got: Vec<&str> = got.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(got, ["标题", "谢谢"]);
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
