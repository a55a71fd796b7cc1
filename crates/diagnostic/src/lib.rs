//! Diagnostics: what went wrong (or looks wrong), where, and what to do about it.
//!
//! Every stage reports problems as [`Diagnostic`]s instead of returning the first error, so a
//! build can show all of them at once. Each one says, in Japanese first and English beside it,
//! what is wrong, the file and `line:column` (1-based, columns in characters, lines counted in the
//! whole file), the offending line, and what to do. Rendering uses annotate-snippets, which
//! aligns the caret under full-width characters.
//!
//! Beside them: [`suggest`] ("did you mean …?") and [`keys`] (where a key is written, for the
//! line of a message about it). No other clinote crate is used here.

pub mod keys;
pub mod suggest;

use std::fmt;
use std::path::{Path, PathBuf};

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

/// How serious a diagnostic is: errors stop the build, warnings do not, and infos are only
/// shown by `clinote check`.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Info,
}

/// A message in the two languages clinote speaks.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Bilingual {
    pub ja: String,
    pub en: String,
}

impl Bilingual {
    pub fn new(ja: impl Into<String>, en: impl Into<String>) -> Self {
        Bilingual {
            ja: ja.into(),
            en: en.into(),
        }
    }
}

/// A place in a source file.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Location {
    /// Path relative to the site root, with `/` separators.
    pub file: String,
    /// 1-based line in the whole file; 0 when only the file is known.
    pub line: usize,
    /// 1-based column in characters; 0 when only the line is known.
    pub column: usize,
    /// Length of the offending span in characters (at least 1 when a column is known).
    pub len: usize,
    /// The text of the offending line, for the snippet.
    pub source_line: Option<String>,
}

impl Location {
    /// A whole file, with no position inside it.
    pub fn file(file: impl Into<String>) -> Self {
        Location {
            file: file.into(),
            line: 0,
            column: 0,
            len: 0,
            source_line: None,
        }
    }

    /// A position given as a byte offset into `text` (the whole file), spanning `byte_len`
    /// bytes. Offsets past the end or inside a character are clamped.
    pub fn at_offset(file: impl Into<String>, text: &str, offset: usize, byte_len: usize) -> Self {
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
        let line_end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
        let line = text[..offset].matches('\n').count() + 1;
        let column = text[line_start..offset].chars().count() + 1;
        let end = floor_char_boundary(text, (offset + byte_len).min(line_end));
        let len = text[offset..end].chars().count().max(1);
        let source_line = text[line_start..line_end]
            .trim_end_matches('\r')
            .to_string();
        Location {
            file: file.into(),
            line,
            column,
            len,
            source_line: Some(source_line),
        }
    }

    /// A whole line (1-based) of `text`, pointing at its first non-blank character.
    pub fn at_line(file: impl Into<String>, text: &str, line: usize) -> Self {
        let mut offset = 0;
        for (i, l) in text.split_inclusive('\n').enumerate() {
            if i + 1 == line {
                let indent = l.len() - l.trim_start().len();
                let content = l.trim().len();
                return Location::at_offset(file, text, offset + indent, content.max(1));
            }
            offset += l.len();
        }
        Location::file(file)
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.line, self.column) {
            (0, _) => write!(f, "{}", self.file),
            (l, 0) => write!(f, "{}:{l}", self.file),
            (l, c) => write!(f, "{}:{l}:{c}", self.file),
        }
    }
}

/// One problem found in the site.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Diagnostic {
    pub severity: Severity,
    /// What is wrong.
    pub message: Bilingual,
    /// Where, when known (boxed: diagnostics travel in `Result`s and should stay small).
    pub location: Option<Box<Location>>,
    /// What to do about it, when there is something to say.
    pub help: Option<Box<Bilingual>>,
    /// The `clinote check` rule that found it (`error[guaranteed-effect]`).
    pub rule: Option<Box<str>>,
}

impl Diagnostic {
    pub fn error(message: Bilingual) -> Self {
        Diagnostic {
            severity: Severity::Error,
            message,
            location: None,
            help: None,
            rule: None,
        }
    }

    pub fn warning(message: Bilingual) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(message)
        }
    }

    pub fn info(message: Bilingual) -> Self {
        Diagnostic {
            severity: Severity::Info,
            ..Diagnostic::error(message)
        }
    }

    /// Names the check rule behind the diagnostic, shown rustc-style after the level.
    pub fn rule(mut self, rule: &str) -> Self {
        self.rule = Some(rule.into());
        self
    }

    pub fn at(mut self, location: Location) -> Self {
        self.location = Some(Box::new(location));
        self
    }

    pub fn help(mut self, help: Bilingual) -> Self {
        self.help = Some(Box::new(help));
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// Renders the diagnostic rustc-style; `color` adds ANSI styles for a terminal.
    pub fn render(&self, color: bool) -> String {
        let level = match self.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
            Severity::Info => Level::INFO,
        };
        let mut title = level.primary_title(self.message.ja.as_str());
        if let Some(rule) = &self.rule {
            title = title.id(&**rule);
        }
        let mut groups = Vec::new();
        let mut main = match &self.location {
            Some(loc) if loc.line > 0 && loc.source_line.is_some() => {
                let line_text = loc.source_line.as_deref().unwrap_or_default();
                let start = char_to_byte(line_text, loc.column.saturating_sub(1));
                let end = char_to_byte(line_text, loc.column.saturating_sub(1) + loc.len.max(1));
                // An empty line has nothing to underline: point just past its end.
                let span = if start == end && line_text.is_empty() {
                    0..0
                } else {
                    start..end.max(start + usize::from(start < line_text.len()))
                };
                Group::with_title(title).element(
                    Snippet::source(line_text)
                        .line_start(loc.line)
                        .path(loc.file.as_str())
                        .annotation(AnnotationKind::Primary.span(span)),
                )
            }
            Some(loc) => Group::with_title(title).element(Level::NOTE.message(format!(
                "{}: {}",
                if loc.line > 0 {
                    "場所"
                } else {
                    "ファイル"
                },
                loc
            ))),
            None => Group::with_title(title),
        };
        main = main.element(Level::NOTE.no_name().message(self.message.en.as_str()));
        groups.push(main);
        if let Some(help) = &self.help {
            groups.push(
                Group::with_title(Level::HELP.secondary_title(help.ja.as_str()))
                    .element(Level::NOTE.no_name().message(help.en.as_str())),
            );
        }
        let renderer = if color {
            Renderer::styled()
        } else {
            Renderer::plain()
        };
        let mut out = renderer.render(&groups);
        out.push('\n');
        out
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(false))
    }
}

/// A list of diagnostics collected across a stage.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics(pub Vec<Diagnostic>);

/// Diagnostics by the file they are about (`""` for those about no file, such as a
/// template's), as the preview keeps them: a file's problems are replaced when it is read
/// again.
pub fn by_file(
    diags: impl IntoIterator<Item = Diagnostic>,
) -> std::collections::BTreeMap<String, Vec<Diagnostic>> {
    let mut map = std::collections::BTreeMap::<String, Vec<Diagnostic>>::new();
    for d in diags {
        let file = d
            .location
            .as_ref()
            .map(|l| l.file.clone())
            .unwrap_or_default();
        map.entry(file).or_default().push(d);
    }
    map
}

impl Diagnostics {
    pub fn push(&mut self, d: Diagnostic) {
        self.0.push(d);
    }

    pub fn extend(&mut self, other: impl IntoIterator<Item = Diagnostic>) {
        self.0.extend(other);
    }

    pub fn has_errors(&self) -> bool {
        self.0.iter().any(Diagnostic::is_error)
    }

    pub fn error_count(&self) -> usize {
        self.0.iter().filter(|d| d.is_error()).count()
    }

    pub fn warning_count(&self) -> usize {
        self.count(Severity::Warning)
    }

    pub fn info_count(&self) -> usize {
        self.count(Severity::Info)
    }

    fn count(&self, severity: Severity) -> usize {
        self.0.iter().filter(|d| d.severity == severity).count()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Sorts by file, then position, so output is stable whatever the thread order.
    pub fn sort(&mut self) {
        self.0.sort_by(|a, b| {
            let key = |d: &Diagnostic| {
                d.location
                    .as_ref()
                    .map(|l| (l.file.clone(), l.line, l.column))
            };
            key(a)
                .cmp(&key(b))
                .then(a.severity.cmp(&b.severity))
                .then(a.message.ja.cmp(&b.message.ja))
        });
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

/// The site-relative, `/`-separated form of `path` used in messages.
pub fn display_path(root: &Path, path: &Path) -> String {
    let rel: PathBuf = path.strip_prefix(root).unwrap_or(path).to_path_buf();
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

fn char_to_byte(s: &str, chars: usize) -> usize {
    s.char_indices().nth(chars).map_or(s.len(), |(i, _)| i)
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offset_gives_line_and_character_column() {
        let text = "+++\ntitle = \"手洗い\"\ndate = 2026-13-01\n+++\n";
        let at = text.find("2026").unwrap();
        let loc = Location::at_offset("a.md", text, at, 10);
        assert_eq!((loc.line, loc.column, loc.len), (3, 8, 10));
        assert_eq!(loc.source_line.as_deref(), Some("date = 2026-13-01"));
        let at = text.find("手洗い").unwrap();
        let loc = Location::at_offset("a.md", text, at + "手洗い".len(), 1);
        assert_eq!((loc.line, loc.column), (2, 13));
    }

    #[test]
    fn render_aligns_caret_under_full_width_text() {
        let text = "タイトル：こんにちは ＴＯＤＯ\n";
        let at = text.find("ＴＯＤＯ").unwrap();
        let d = Diagnostic::error(Bilingual::new("テスト", "test"))
            .at(Location::at_offset("x.md", text, at, "ＴＯＤＯ".len()))
            .help(Bilingual::new("直してください", "fix it"));
        let out = d.render(false);
        assert!(out.contains("x.md:1:12"), "{out}");
        let lines: Vec<&str> = out.lines().collect();
        let src = lines.iter().find(|l| l.contains("ＴＯＤＯ")).unwrap();
        let caret = lines.iter().find(|l| l.contains('^')).unwrap();
        // Display columns: each full-width character takes two cells.
        let width = |s: &str| -> usize {
            s.chars()
                .map(|c| if (c as u32) < 0x1100 { 1 } else { 2 })
                .sum()
        };
        let src_col = width(&src[..src.find("ＴＯＤＯ").unwrap()]);
        let caret_col = width(&caret[..caret.find('^').unwrap()]);
        assert_eq!(src_col, caret_col, "{out}");
        assert_eq!(caret.matches('^').count(), 8, "{out}");
        assert!(out.contains("test") && out.contains("直してください") && out.contains("fix it"));
    }
}
