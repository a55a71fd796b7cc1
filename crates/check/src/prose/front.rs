//! Where a front matter value (`title`, `description`) is written, for positions.

use std::ops::Range;

pub(super) enum FrontValue {
    Verbatim(usize),
    Line(Range<usize>),
}

/// Finds a front matter value: verbatim after its key when it is written without escapes,
/// else the key's line.
pub(super) fn locate_front_value(front: &str, key: &str, value: &str) -> FrontValue {
    let mut offset = 0;
    for line in front.split_inclusive('\n') {
        let t = line.trim_start();
        if let Some(rest) = t.strip_prefix(key)
            && matches!(rest.trim_start().chars().next(), Some('=' | ':'))
        {
            let key_at = offset + (line.len() - t.len());
            // The value may continue on the next lines (YAML block scalars, TOML `"""`).
            let window_end = front[key_at..]
                .match_indices('\n')
                .nth(3)
                .map_or(front.len(), |(i, _)| key_at + i);
            if let Some(i) = front[key_at..window_end].find(value) {
                return FrontValue::Verbatim(key_at + i);
            }
            let line_end = offset + line.trim_end().len();
            return FrontValue::Line(key_at..line_end.max(key_at));
        }
        offset += line.len();
    }
    FrontValue::Line(0..0)
}
