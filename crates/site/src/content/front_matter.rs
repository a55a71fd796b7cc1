//! Front matter: split it from the body and parse it (TOML between `+++`, YAML between `---`)
//! into a plain map of values, keeping enough positions to point at any line of it.
//!
//! Both formats end up as the same `serde_json` map, so one piece of code ([`super::fields`])
//! turns fields into an article and reports problems the same way for either format.

use serde_json::{Map, Value};

use clinote_diagnostic::{Bilingual, Diagnostic, Location};

/// Which syntax the front matter is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Toml,
    Yaml,
}

/// A source file split into front matter and body.
#[derive(Debug)]
pub struct Split<'a> {
    pub format: Format,
    /// The front matter text, without its fences.
    pub front_matter: &'a str,
    /// Byte offset of `front_matter` in the whole file.
    pub front_matter_offset: usize,
    /// The Markdown body.
    pub body: &'a str,
    /// Byte offset of `body` in the whole file.
    pub body_offset: usize,
}

/// Splits `text` (already without BOM, any line ends) into front matter and body.
pub fn split<'a>(text: &'a str, file: &str) -> Result<Split<'a>, Diagnostic> {
    let first_end = text.find('\n').map_or(text.len(), |i| i + 1);
    let first = text[..first_end].trim_end();
    let (format, fences): (Format, &[&str]) = match first {
        "+++" => (Format::Toml, &["+++"]),
        "---" => (Format::Yaml, &["---", "..."]),
        _ => {
            return Err(Diagnostic::error(Bilingual::new(
                "ファイルの先頭に front matter（タイトルや日付の欄）がありません",
                "the file does not start with front matter (title, date, …)",
            ))
            .at(Location::at_line(file, text, 1))
            .help(Bilingual::new(
                "1 行目を `+++` にして、`title = \"…\"` と `date = 2026-01-01` を書き、もう一度 `+++` の行で閉じてください（YAML なら `---` で囲みます）。",
                "start the file with a `+++` line, then `title = \"…\"` and `date = 2026-01-01`, then another `+++` line (or use `---` for YAML)",
            )));
        }
    };
    let mut offset = first_end;
    for line in text[first_end..].split_inclusive('\n') {
        if fences.contains(&line.trim_end()) {
            return Ok(Split {
                format,
                front_matter: &text[first_end..offset],
                front_matter_offset: first_end,
                body: &text[offset + line.len()..],
                body_offset: offset + line.len(),
            });
        }
        offset += line.len();
    }
    let fence = fences[0];
    Err(Diagnostic::error(Bilingual::new(
        format!("front matter が閉じられていません（`{fence}` の行が 1 つしかありません）"),
        format!("the front matter is never closed (only one `{fence}` line)"),
    ))
    .at(Location::at_line(file, text, 1))
    .help(Bilingual::new(
        format!("front matter の最後の行の次に `{fence}` だけの行を入れてください。"),
        format!("add a line with just `{fence}` after the last front matter line"),
    )))
}

/// Parses the front matter into a map. `text` is the whole file, for positions.
pub fn parse(split: &Split<'_>, text: &str, file: &str) -> Result<Map<String, Value>, Diagnostic> {
    match split.format {
        Format::Toml => parse_toml(split, text, file),
        Format::Yaml => parse_yaml(split, text, file),
    }
}

fn parse_toml(split: &Split<'_>, text: &str, file: &str) -> Result<Map<String, Value>, Diagnostic> {
    // The parser's own tree, turned into JSON directly: a `toml::Table` in between cost as
    // much again. A number out of range (and any error) takes the deserializer's way, which
    // says what is wrong and where.
    if let Ok(table) = toml::de::DeTable::parse(split.front_matter)
        && let Some(map) = de_table_to_json(table.into_inner())
    {
        return Ok(map);
    }
    match toml::from_str::<toml::Table>(split.front_matter) {
        Ok(table) => Ok(table
            .into_iter()
            .map(|(k, v)| (k, toml_to_json(v)))
            .collect()),
        Err(e) => {
            let loc = match e.span() {
                Some(span) => {
                    let start =
                        unclosed_multiline_start(split.front_matter, e.message(), span.start)
                            .unwrap_or(span.start);
                    Location::at_offset(
                        file,
                        text,
                        split.front_matter_offset + start,
                        span.end.saturating_sub(start).max(1),
                    )
                }
                None => Location::file(file),
            };
            Err(syntax_error(e.message(), loc, Format::Toml))
        }
    }
}

fn parse_yaml(split: &Split<'_>, text: &str, file: &str) -> Result<Map<String, Value>, Diagnostic> {
    if split.front_matter.trim().is_empty() {
        return Ok(Map::new());
    }
    // YAML 1.2 booleans only: `title: no` is the text "no", as the writer meant. Boolean
    // fields accept yes/no themselves (see `fields`).
    let options = serde_saphyr::options! {
        strict_booleans: true,
        leading_zero_numbers_as_strings: true,
        with_snippet: false,
    };
    match serde_saphyr::from_str_with_options::<Value>(split.front_matter, options) {
        Ok(Value::Object(map)) => Ok(map),
        Ok(Value::Null) => Ok(Map::new()),
        Ok(_) => Err(Diagnostic::error(Bilingual::new(
            "front matter は `キー: 値` の形で書いてください",
            "the front matter must be a list of `key: value` lines",
        ))
        .at(Location::at_offset(
            file,
            text,
            split.front_matter_offset,
            1,
        ))),
        Err(e) => {
            let inner = e.without_snippet();
            let loc = match inner.location() {
                Some(l) if l.line() > 0 => {
                    let first_line = text[..split.front_matter_offset].matches('\n').count();
                    let mut loc = Location::at_line(file, text, first_line + l.line() as usize);
                    let col = l.column() as usize;
                    if col > 0
                        && loc
                            .source_line
                            .as_ref()
                            .is_some_and(|s| s.chars().count() >= col)
                    {
                        loc.column = col;
                        loc.len = 1;
                    }
                    loc
                }
                _ => Location::file(file),
            };
            // A tab is reported where the value before it starts, often the line above it:
            // point at the tab itself.
            let loc = match first_tab_from(
                split.front_matter,
                &yaml_message(inner),
                loc.line,
                text,
                split.front_matter_offset,
            ) {
                Some(offset) => Location::at_offset(file, text, offset, 1),
                None => loc,
            };
            // An unclosed `[` or `{` is reported by the parser where it gives up, often on a
            // later line; point at the bracket the writer forgot to close instead.
            if let Some(line) = unclosed_bracket_line(split.front_matter) {
                let first_line = text[..split.front_matter_offset].matches('\n').count();
                return Err(Diagnostic::error(Bilingual::new(
                    "引用符 \" かかっこ [ { が、この行で閉じていません",
                    format!("a \", [ or {{ is never closed on this line ({})", yaml_message(inner)),
                ))
                .at(Location::at_line(file, text, first_line + line))
                .help(Bilingual::new(
                    "行の終わりに \" や ] や } を付けてください（例: title: \"花粉症\"、tags: [春, 花粉]）。",
                    "close it at the end of the line, e.g. title: \"Hay fever\" or tags: [spring, pollen]",
                )));
            }
            Err(syntax_error(&yaml_message(inner), loc, Format::Yaml))
        }
    }
}

/// For an unclosed `"""` or `'''` string, which TOML reports where the text ends: the
/// offset (in `toml`) of its opening quotes, before `at`.
pub(crate) fn unclosed_multiline_start(toml: &str, detail: &str, at: usize) -> Option<usize> {
    let quotes = if detail.contains("multi-line basic string") {
        "\"\"\""
    } else if detail.contains("multi-line literal string") {
        "'''"
    } else {
        return None;
    };
    let before = toml.get(..at.min(toml.len()))?;
    before.rfind(quotes)
}

/// For a YAML error about a tab: the offset in the whole file of the first tab in the front
/// matter on `line` (1-based, in the whole file) or after it.
fn first_tab_from(
    yaml: &str,
    detail: &str,
    line: usize,
    text: &str,
    yaml_offset: usize,
) -> Option<usize> {
    if !detail.contains("tab") {
        return None;
    }
    let first_line = text[..yaml_offset].matches('\n').count() + 1;
    let mut offset = yaml_offset;
    for (i, l) in yaml.split_inclusive('\n').enumerate() {
        if first_line + i >= line
            && let Some(t) = l.find('\t')
        {
            return Some(offset + t);
        }
        offset += l.len();
    }
    None
}

/// The 1-based line (within the front matter) of a flow list or map, or a double-quoted
/// value, that is never closed on its line.
fn unclosed_bracket_line(yaml: &str) -> Option<usize> {
    for (i, line) in yaml.lines().enumerate() {
        let value = line.split_once(':').map_or(line, |(_, v)| v).trim();
        if let Some(rest) = value.strip_prefix('"') {
            let mut escaped = false;
            let closed = rest.chars().any(|c| {
                let end = c == '"' && !escaped;
                escaped = c == '\\' && !escaped;
                end
            });
            if !closed {
                return Some(i + 1);
            }
            continue;
        }
        if !(value.starts_with('[') || value.starts_with('{')) {
            continue;
        }
        let mut depth = 0i32;
        let mut quote: Option<char> = None;
        for c in value.chars() {
            match (quote, c) {
                (Some(q), c) if c == q => quote = None,
                (Some(_), _) => {}
                (None, '"' | '\'') => quote = Some(c),
                (None, '[' | '{') => depth += 1,
                (None, ']' | '}') => depth -= 1,
                _ => {}
            }
        }
        if depth > 0 {
            return Some(i + 1);
        }
    }
    None
}

/// The YAML error's own words, without its position (we print our own).
fn yaml_message(e: &serde_saphyr::Error) -> String {
    let text = e.to_string();
    let first = text.lines().next().unwrap_or(&text);
    let first = first.strip_prefix("error: ").unwrap_or(first);
    match first.find(" at line ") {
        Some(i) => first[..i].to_string(),
        None => first.to_string(),
    }
}

fn syntax_error(detail: &str, loc: Location, format: Format) -> Diagnostic {
    let (ja_help, en_help) = match format {
        Format::Toml => (
            "`キー = \"値\"` の形か、文字列が \"…\" で閉じているか、日付が 2026-01-31 の形か確かめてください。",
            "check that each line reads `key = \"value\"`, that strings are closed, and that dates look like 2026-01-31",
        ),
        Format::Yaml => (
            "`キー: 値` の形か、字下げがそろっているか、: のあとに空白があるか確かめてください。",
            "check that each line reads `key: value`, that indentation is consistent, and that a space follows each colon",
        ),
    };
    let detail = detail
        .split(", set DuplicateKeyPolicy")
        .next()
        .unwrap_or(detail);
    let explained = crate::syntax_hints::explain(detail, loc.source_line.as_deref());
    Diagnostic::error(Bilingual::new(
        format!(
            "front matter の書き方に誤りがあります: {}",
            explained.message.ja
        ),
        format!("the front matter is not valid: {}", explained.message.en),
    ))
    .at(loc)
    .help(
        explained
            .help
            .unwrap_or_else(|| Bilingual::new(ja_help, en_help)),
    )
}

/// TOML values as JSON values; dates and times become their ISO 8601 text.
/// `None` when a number does not fit (see [`de_value_to_json`]).
fn de_table_to_json(table: toml::de::DeTable<'_>) -> Option<Map<String, Value>> {
    table
        .into_iter()
        .map(|(k, v)| {
            Some((
                k.into_inner().into_owned(),
                de_value_to_json(v.into_inner())?,
            ))
        })
        .collect()
}

/// What [`toml_to_json`] gives for the value `toml` would make of `v`, or `None` for an
/// integer outside `i64` or a float that overflows (errors to `toml`).
fn de_value_to_json(v: toml::de::DeValue<'_>) -> Option<Value> {
    use toml::de::DeValue;
    Some(match v {
        DeValue::String(s) => Value::String(s.into_owned()),
        DeValue::Integer(i) => Value::from(i64::from_str_radix(i.as_str(), i.radix()).ok()?),
        DeValue::Float(f) => {
            let x: f64 = f.as_str().parse().ok()?;
            if x.is_infinite() && !f.as_str().contains("inf") {
                return None;
            }
            Value::from(x)
        }
        DeValue::Boolean(b) => Value::Bool(b),
        DeValue::Datetime(d) => Value::String(d.to_string()),
        DeValue::Array(a) => Value::Array(
            a.into_iter()
                .map(|v| de_value_to_json(v.into_inner()))
                .collect::<Option<_>>()?,
        ),
        DeValue::Table(t) => Value::Object(de_table_to_json(t)?),
    })
}

fn toml_to_json(v: toml::Value) -> Value {
    match v {
        toml::Value::String(s) => Value::String(s),
        toml::Value::Integer(i) => Value::from(i),
        toml::Value::Float(f) => Value::from(f),
        toml::Value::Boolean(b) => Value::Bool(b),
        toml::Value::Datetime(d) => Value::String(d.to_string()),
        toml::Value::Array(a) => Value::Array(a.into_iter().map(toml_to_json).collect()),
        toml::Value::Table(t) => {
            Value::Object(t.into_iter().map(|(k, v)| (k, toml_to_json(v))).collect())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_direct_toml_path_gives_what_the_deserializer_gives() {
        let sources = [
            "title = \"冬の\\t手洗い\"\ndraft = false\ntags = [\"手洗い\", \"かぜ\"]\n",
            "date = 2025-01-02T09:30:00+09:00\nday = 2025-01-02\nlocal = 10:15:00\n",
            "n = 1_000\nh = 0x1F\no = 0o17\nb = 0b101\nneg = -5\nbig = 9223372036854775807\n",
            "f = 1_000.5\ne = 6.02e23\nnan = nan\ninf = -inf\nz = -0.0\n",
            "[extra]\nkey = 'literal \\n'\n[extra.deep]\nx = [1, [2, 3], {a = 'b'}]\n",
            "[[faq]]\nq = '熱は？'\n[[faq]]\nq = \"\"\"\n複数行\"\"\"\n",
            "a.b.c = 1\n\"quoted key\" = true\n",
            "",
        ];
        for src in sources {
            let direct = de_table_to_json(toml::de::DeTable::parse(src).unwrap().into_inner());
            let table = toml::from_str::<toml::Table>(src).unwrap();
            let slow: Map<String, Value> = table
                .into_iter()
                .map(|(k, v)| (k, toml_to_json(v)))
                .collect();
            assert_eq!(direct.as_ref(), Some(&slow), "{src}");
            // Key order too (the page shows extra fields in the writer's order).
            let keys = |m: &Map<String, Value>| m.keys().cloned().collect::<Vec<_>>();
            assert_eq!(keys(&direct.unwrap()), keys(&slow), "{src}");
        }
        // Out of range: the deserializer's error, with its place.
        let src = "n = 9223372036854775808\n";
        assert_eq!(
            de_table_to_json(toml::de::DeTable::parse(src).unwrap().into_inner()),
            None
        );
        let text = format!("+++\n{src}+++\n本文\n");
        let split = split(&text, "a.md").unwrap();
        let e = parse(&split, &text, "a.md").unwrap_err();
        let loc = e.location.unwrap();
        assert_eq!((loc.file.as_str(), loc.line), ("a.md", 2), "{loc:?}");
    }

    #[test]
    fn splits_toml_and_yaml() {
        let text = "+++\ntitle = \"a\"\n+++\n本文\n";
        let s = split(text, "a.md").unwrap();
        assert_eq!(s.format, Format::Toml);
        assert_eq!(s.front_matter, "title = \"a\"\n");
        assert_eq!(s.body, "本文\n");
        assert_eq!(&text[s.body_offset..], "本文\n");

        let text = "---\ntitle: a\n...\nbody";
        let s = split(text, "a.md").unwrap();
        assert_eq!(s.format, Format::Yaml);
        assert_eq!(s.body, "body");
    }

    #[test]
    fn missing_or_unclosed_front_matter() {
        let e = split("# 見出し\n", "a.md").unwrap_err();
        assert!(e.render(false).contains("a.md:1:1"));
        let e = split("+++\ntitle = \"a\"\n", "a.md").unwrap_err();
        assert!(e.message.ja.contains("閉じられていません"));
    }

    #[test]
    fn toml_dates_become_text() {
        let text = "+++\ndate = 2026-10-05\nat = 2026-10-05T09:00:00+09:00\n+++\n";
        let s = split(text, "a.md").unwrap();
        let m = parse(&s, text, "a.md").unwrap();
        assert_eq!(m["date"], "2026-10-05");
        assert_eq!(m["at"], "2026-10-05T09:00:00+09:00");
    }

    #[test]
    fn toml_error_points_into_the_file() {
        let text = "+++\ntitle = \"a\"\ndate = 2026-13-01\n+++\n";
        let s = split(text, "x.md").unwrap();
        let e = parse(&s, text, "x.md").unwrap_err();
        let loc = e.location.unwrap();
        assert_eq!(loc.line, 3, "{loc:?}");
    }

    #[test]
    fn common_mistakes_are_explained_in_japanese() {
        for (fm, want) in [
            ("title = 花粉症\n", "囲んでください"),
            ("title = \"花粉症\n", "閉じていません"),
            ("title = \"a\"\ntitle = \"b\"\n", "2 回"),
            ("date = 2026-13-01\n", "01〜12"),
        ] {
            let text = format!("+++\n{fm}+++\n");
            let s = split(&text, "a.md").unwrap();
            let e = parse(&s, &text, "a.md").unwrap_err();
            assert!(e.message.ja.contains(want), "{fm}: {}", e.message.ja);
        }
    }

    /// Issue 24: a YAML tab on line 5 was reported on line 4, an unclosed `"""` string on
    /// line 5 at the line after it.
    #[test]
    fn errors_point_at_the_line_of_the_mistake() {
        let text = "---\ntitle: テスト\ndate: 2026-12-07\ntags: a\n\tdescription: x\n---\n";
        let s = split(text, "y.md").unwrap();
        let e = parse(&s, text, "y.md").unwrap_err();
        let loc = e.location.clone().unwrap();
        assert_eq!((loc.line, loc.column), (5, 1), "{e}");
        assert!(e.message.ja.contains("タブ"), "{}", e.message.ja);
        assert!(!e.message.ja.contains("scalar"), "{}", e.message.ja);
        assert!(e.message.en.contains("found a tab"), "{}", e.message.en);

        let text = "+++\ntitle = \"テスト\"\ndate = 2026-12-07\ntags = [\"a\"]\ndescription = \"\"\"abc\n+++\n";
        let s = split(text, "t.md").unwrap();
        let e = parse(&s, text, "t.md").unwrap_err();
        let loc = e.location.clone().unwrap();
        assert_eq!((loc.line, loc.column), (5, 15), "{e}");
        assert!(e.message.ja.contains("\"\"\""), "{}", e.message.ja);
    }

    #[test]
    fn yaml_values_and_errors() {
        let text = "---\ntitle: 花粉症\ntags:\n  - 春\n  - 花粉\ndraft: false\n---\n";
        let s = split(text, "y.md").unwrap();
        let m = parse(&s, text, "y.md").unwrap();
        assert_eq!(m["title"], "花粉症");
        assert_eq!(m["tags"][1], "花粉");
        assert_eq!(m["draft"], false);

        let text = "---\ntitle: a\ntags: [a, b\ndate: 2026-01-01\n---\n";
        let s = split(text, "y.md").unwrap();
        let e = parse(&s, text, "y.md").unwrap_err();
        let loc = e.location.clone().unwrap();
        assert_eq!(loc.line, 3, "{loc:?} {e}");
        assert!(e.message.ja.contains("閉じていません"), "{e}");

        let text = "---\ntitle: \"花粉症\ndescription: \"説明\"\n---\n";
        let s = split(text, "y.md").unwrap();
        let e = parse(&s, text, "y.md").unwrap_err();
        assert_eq!(e.location.clone().unwrap().line, 2, "{e}");
        assert!(!e.message.ja.contains('\n'), "{}", e.message.ja);
    }
}
