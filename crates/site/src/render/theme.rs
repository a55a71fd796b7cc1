//! Finds the theme, loads its templates into Tera, and lists its static files.
//!
//! A theme is `templates/*.html`, `static/**` and `theme.toml` (the fixed strings in each
//! language). `theme = "name"` in the config means `themes/<name>/` in the site; `"default"`
//! falls back to the copy embedded in the binary, so a new site needs no theme files at all.
//! A site's own `templates/` folder overrides theme templates by name.

use std::path::{Path, PathBuf};

use tera::Tera;

use super::embedded;
use crate::config::{Config, Language};
use clinote_diagnostic::{Bilingual, Diagnostic, Location, display_path};

/// Where a file's bytes come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    Embedded(&'static [u8]),
    Disk(PathBuf),
}

/// A loaded theme, ready to render.
pub struct Theme {
    pub tera: Tera,
    /// Static files, by path relative to the output root.
    pub static_files: Vec<(String, Source)>,
    /// The theme's `static/` folder when it is on disk (for image lookups).
    pub static_dir: Option<PathBuf>,
    /// The fixed strings for the site's language.
    pub strings: toml::Table,
    /// Template name → (path for messages, source text), for error positions.
    sources: Vec<(String, String, String)>,
}

impl Theme {
    /// Loads the theme named in `config` for the site at `root`.
    pub fn load(root: &Path, config: &Config) -> Result<Theme, Vec<Diagnostic>> {
        let dir = root.join("themes").join(&config.theme);
        let mut files: Vec<(String, String, Source)> = Vec::new(); // (rel path, display, source)
        let mut static_dir = None;
        if dir.is_dir() {
            for entry in walkdir::WalkDir::new(&dir).sort_by_file_name() {
                let entry = entry.map_err(|e| vec![io_error(&dir, root, &e.to_string())])?;
                if entry.file_type().is_file()
                    && !crate::content::discover::is_ignored(entry.path())
                {
                    let rel = display_path(&dir, entry.path());
                    files.push((
                        rel,
                        display_path(root, entry.path()),
                        Source::Disk(entry.into_path()),
                    ));
                }
            }
            if dir.join("static").is_dir() {
                static_dir = Some(dir.join("static"));
            }
        } else if config.theme == "default" {
            for (rel, bytes) in embedded::DEFAULT_THEME {
                files.push((
                    rel.to_string(),
                    format!("(clinote) themes/default/{rel}"),
                    Source::Embedded(bytes),
                ));
            }
        } else {
            return Err(vec![
                Diagnostic::error(Bilingual::new(
                    format!(
                        "テーマ \"{}\" が見つかりません（themes/{}/ がありません）",
                        config.theme, config.theme
                    ),
                    format!(
                        "theme \"{}\" not found (no themes/{}/ folder)",
                        config.theme, config.theme
                    ),
                ))
                .at(Location::file(crate::config::CONFIG_FILE))
                .help(Bilingual::new(
                    "`theme = \"default\"` にするか、themes/ にテーマのフォルダを置いてください。",
                    "use `theme = \"default\"` or put the theme's folder under themes/",
                )),
            ]);
        }

        let mut templates: Vec<(String, String, String)> = Vec::new(); // (name, display, text)
        let mut static_files = Vec::new();
        let mut strings_text = None;
        let mut diags = Vec::new();
        for (rel, display, source) in files {
            if let Some(name) = rel.strip_prefix("templates/") {
                match read_text(&source, &display) {
                    Ok(text) => templates.push((name.to_string(), display, text)),
                    Err(d) => diags.push(d),
                }
            } else if let Some(path) = rel.strip_prefix("static/") {
                static_files.push((path.to_string(), source));
            } else if rel == "theme.toml" {
                match read_text(&source, &display) {
                    Ok(text) => strings_text = Some((display, text)),
                    Err(d) => diags.push(d),
                }
            }
        }
        // The site's own templates override the theme's by name.
        let site_templates = root.join("templates");
        if site_templates.is_dir() {
            for entry in walkdir::WalkDir::new(&site_templates).sort_by_file_name() {
                let entry =
                    entry.map_err(|e| vec![io_error(&site_templates, root, &e.to_string())])?;
                if !entry.file_type().is_file()
                    || crate::content::discover::is_ignored(entry.path())
                {
                    continue;
                }
                let name = display_path(&site_templates, entry.path());
                let display = display_path(root, entry.path());
                match read_text(&Source::Disk(entry.path().to_path_buf()), &display) {
                    Ok(text) => {
                        templates.retain(|(n, _, _)| *n != name);
                        templates.push((name, display, text));
                    }
                    Err(d) => diags.push(d),
                }
            }
        }
        let strings = match strings_text {
            Some((display, text)) => {
                strings_for(&text, &display, config.language).unwrap_or_else(|d| {
                    diags.push(d);
                    toml::Table::new()
                })
            }
            None => toml::Table::new(),
        };
        if !diags.is_empty() {
            return Err(diags);
        }

        let mut tera = Tera::new();
        tera.autoescape_on(vec![".html", ".xml", ".htm"]);
        tera.register_filter("safe", safe);
        if let Err(e) =
            tera.add_raw_templates(templates.iter().map(|(n, _, t)| (n.as_str(), t.as_str())))
        {
            let sources = templates;
            return Err(vec![template_error(&e, &sources, "")]);
        }
        Ok(Theme {
            tera,
            static_files,
            static_dir,
            strings,
            sources: templates,
        })
    }

    /// Renders a template; a failure becomes a diagnostic pointing into the template.
    /// Renders `template` into the page's bytes, checked to be UTF-8.
    pub fn render(
        &self,
        template: &str,
        context: &tera::Context,
        page: &str,
    ) -> Result<Vec<u8>, Diagnostic> {
        // Rendered into bytes and checked with SIMD: tera's own `render` checks the UTF-8 of
        // every page with std, which is slow on Japanese text (a tenth of a 10,000-page build).
        // The bytes stay bytes: a page only goes on to be written.
        let mut out = Vec::with_capacity(32 * 1024);
        self.tera
            .render_to(template, context, &mut out)
            .map_err(|e| template_error(&e, &self.sources, page))?;
        super::xml_chars::make_valid(&mut out);
        match simdutf8::basic::from_utf8(&out) {
            Ok(_) => Ok(out),
            // Templates and values are all strings, so this cannot happen; std says where.
            Err(_) => String::from_utf8(out).map(String::into_bytes).map_err(|e| {
                Diagnostic::error(Bilingual::new(
                    format!("テンプレートの出力が UTF-8 ではありません: {e}"),
                    format!("the template's output is not UTF-8: {e}"),
                ))
                .at(Location::file(page))
            }),
        }
    }

    /// The folders served at the site root, in order of precedence: the site's `static/`, then
    /// the theme's when it is on disk.
    pub fn static_dirs(&self, root: &Path) -> Vec<PathBuf> {
        let mut dirs = vec![root.join("static")];
        dirs.extend(self.static_dir.clone());
        dirs
    }

    /// Gives every template the site (`site`) and the theme's strings (`t`), before rendering
    /// the pages of `views`.
    pub fn set_globals(&mut self, views: &super::views::Views<'_>) {
        let global = self.tera.global_context();
        global.insert("site", &views.site());
        global.insert("t", &self.strings);
    }

    pub fn has_template(&self, name: &str) -> bool {
        self.tera.contains_template(name)
    }
}

fn read_text(source: &Source, display: &str) -> Result<String, Diagnostic> {
    let bytes = match source {
        Source::Embedded(b) => b.to_vec(),
        Source::Disk(p) => std::fs::read(p).map_err(|e| {
            Diagnostic::error(Bilingual::new(
                format!("テーマのファイルを読めません: {e}"),
                format!("cannot read a theme file: {e}"),
            ))
            .at(Location::file(display))
        })?,
    };
    String::from_utf8(bytes).map_err(|_| {
        Diagnostic::error(Bilingual::new(
            "テーマのファイルが UTF-8 ではありません",
            "the theme file is not UTF-8",
        ))
        .at(Location::file(display))
    })
}

/// The `[strings.<lang>]` table of a `theme.toml`, falling back to Japanese for missing keys.
fn strings_for(text: &str, display: &str, lang: Language) -> Result<toml::Table, Diagnostic> {
    let table: toml::Table = toml::from_str(text).map_err(|e| {
        let loc = match e.span() {
            Some(s) => Location::at_offset(display, text, s.start, s.end - s.start),
            None => Location::file(display),
        };
        let explained = crate::syntax_hints::explain(e.message(), loc.source_line.as_deref());
        let d = Diagnostic::error(Bilingual::new(
            format!(
                "theme.toml の書き方に誤りがあります: {}",
                explained.message.ja
            ),
            format!("theme.toml is not valid: {}", explained.message.en),
        ))
        .at(loc);
        match explained.help {
            Some(help) => d.help(help),
            None => d,
        }
    })?;
    let strings = table.get("strings").and_then(|s| s.as_table());
    let pick = |code: &str| {
        strings
            .and_then(|s| s.get(code))
            .and_then(|t| t.as_table())
            .cloned()
            .unwrap_or_default()
    };
    let mut out = pick("ja");
    if lang != Language::Ja {
        out.extend(pick(lang.code()));
    }
    Ok(out)
}

fn io_error(dir: &Path, root: &Path, e: &str) -> Diagnostic {
    Diagnostic::error(Bilingual::new(
        format!("フォルダを読めません: {e}"),
        format!("cannot read the folder: {e}"),
    ))
    .at(Location::file(display_path(root, dir)))
}

/// A Tera error as a diagnostic pointing at the template line. `page` names the page being
/// rendered, when there is one.
fn template_error(e: &tera::Error, sources: &[(String, String, String)], page: &str) -> Diagnostic {
    let (message, location) = match e.kind() {
        tera::ErrorKind::SyntaxError(r) | tera::ErrorKind::RenderingError(r) => {
            let loc = sources
                .iter()
                .find(|(name, _, _)| name == r.filename())
                .map(|(_, display, text)| {
                    let mut loc = Location::at_line(display.as_str(), text, r.span().start_line);
                    loc.column = r.span().start_col + 1;
                    loc.len = if r.span().end_line == r.span().start_line {
                        r.span().end_col.saturating_sub(r.span().start_col).max(1)
                    } else {
                        1
                    };
                    loc
                })
                .unwrap_or_else(|| Location::file(r.filename()));
            (r.message().to_string(), loc)
        }
        other => (other.to_string(), Location::file("templates")),
    };
    let (ja_ctx, en_ctx) = if page.is_empty() {
        (String::new(), String::new())
    } else {
        (
            format!("（{page} を作成中）"),
            format!(" (while rendering {page})"),
        )
    };
    Diagnostic::error(Bilingual::new(
        format!("テンプレートの誤り{ja_ctx}: {message}"),
        format!("template error{en_ctx}: {message}"),
    ))
    .at(location)
    .help(Bilingual::new(
        "テンプレートを直前の状態に戻すか、該当の行を確かめてください。テンプレートは Tera 2 の書き方です。",
        "undo the last change to the template or check that line; templates use Tera 2 syntax",
    ))
}

/// Tera's `safe`, without copying the string: tera's own copies every article's HTML once
/// more on the way to the page (a fiftieth of a rebuild). Other values become their text, as
/// with tera's.
fn safe(value: &tera::Value, _: tera::Kwargs, _: &tera::State) -> tera::Value {
    if value.is_string() {
        value.clone().mark_safe()
    } else {
        tera::Value::safe_string(&value.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn safe_marks_strings_without_escaping_and_turns_other_values_into_text() {
        let mut tera = Tera::new();
        tera.autoescape_on(vec![".html"]);
        tera.register_filter("safe", safe);
        tera.add_raw_template(
            "t.html",
            "{{ html | safe }}|{{ html }}|{{ n | safe }}|{{ short | safe }}",
        )
        .unwrap();
        let mut ctx = tera::Context::new();
        let html = format!("<p>{}</p>", "手洗い".repeat(20));
        ctx.insert("html", &html);
        ctx.insert("n", &3);
        ctx.insert("short", "<b>");
        let out = tera.render("t.html", &ctx).unwrap();
        assert_eq!(
            out,
            format!("{html}|&lt;p&gt;{}&lt;/p&gt;|3|<b>", "手洗い".repeat(20))
        );
    }
}
