//! Links and images as the renderer writes them: recorded for the link check (with the
//! nearest article file for a mistyped `.md` link), images as `<img>` with their size, and a
//! paragraph that is only an article's address as a card.

use crate::{LinkRef, cjk_emphasis, escape_attr, escape_html, links};
use clinote_diagnostic::{Bilingual, Diagnostic, Location};

/// How wide a body image is shown: the text column (`--measure`, 40rem) or the screen.
pub const BODY_SIZES: &str = "(min-width: 40rem) 40rem, 100vw";

use super::{ImageState, Renderer};

impl Renderer<'_, '_> {
    /// Remembers a link or image for the link check, and the articles it depends on.
    pub(super) fn record(
        &mut self,
        dest: &str,
        resolved: &links::Resolved,
        range: std::ops::Range<usize>,
        image: bool,
    ) {
        let start = self.input.body_offset + self.prepared.original_offset(range.start);
        let end = self.input.body_offset + self.prepared.original_offset(range.end);
        if let Some((file, _)) = &resolved.markdown {
            self.depends_on.push(file.clone());
        }
        let unknown_markdown = resolved.markdown.as_ref().is_some_and(|(_, known)| !known);
        let unsafe_scheme = links::is_unsafe(dest);
        let near = if unknown_markdown {
            self.nearest_article_file(dest)
        } else {
            None
        };
        self.links.push(LinkRef {
            dest: dest.to_string(),
            url: resolved.url.clone(),
            offset: start,
            len: end.saturating_sub(start),
            image,
            // A same-page `#anchor` is checked against this page's own ids.
            external: !resolved.local && !dest.starts_with('#'),
            unknown_markdown,
            near,
            unsafe_scheme,
        });
    }

    /// The article file whose name is closest to a mistyped `.md` link, written relative to
    /// this file when it sits in the same folder, else by its name.
    pub(super) fn nearest_article_file(&self, dest: &str) -> Option<String> {
        let ctx = &self.input.links;
        let targets = ctx.targets?;
        let dir = ctx.source_dir?;
        let names: Vec<String> = targets
            .keys()
            .filter_map(|p| {
                let rel = p.strip_prefix(dir).ok()?;
                Some(rel.to_string_lossy().replace('\\', "/"))
            })
            .collect();
        clinote_diagnostic::suggest::nearest(dest, names.iter().map(String::as_str))
            .map(str::to_string)
    }

    /// A note-style card when the paragraph at `range` is only the address (or Markdown path)
    /// of one of the site's own articles.
    pub(super) fn link_card(&mut self, range: &std::ops::Range<usize>) -> Option<String> {
        let ctx = &self.input.links;
        let targets = ctx.targets?;
        let raw = cjk_emphasis::strip(self.prepared.text.get(range.clone())?);
        let token = raw.trim().trim_start_matches('<').trim_end_matches('>');
        let on_site = ctx.site_url.and_then(|u| token.strip_prefix(u));
        let bytes = token.as_bytes();
        let markdown = bytes.len() >= 3 && bytes[bytes.len() - 3..].eq_ignore_ascii_case(b".md");
        // Most paragraphs are prose: told by their ends before a look at every character.
        if token.is_empty()
            || (on_site.is_none() && !markdown)
            || token.contains(char::is_whitespace)
        {
            return None;
        }
        let (path, target) = if let Some(rest) = on_site {
            let rest = rest.split(['#', '?']).next().unwrap_or("");
            let wanted = percent_encoding::percent_decode_str(rest).decode_utf8_lossy();
            let wanted = format!("{}/", wanted.trim_end_matches('/'));
            targets.iter().find(|(_, t)| t.url_path == wanted)?
        } else if markdown {
            let resolved = links::resolve(ctx, token);
            let (file, true) = resolved.markdown? else {
                return None;
            };
            targets.get_key_value(&file)?
        } else {
            return None;
        };
        self.depends_on.push(path.clone());
        let url = format!("{}{}", ctx.base_path, links::encode_path(&target.url_path));
        let cover = target.cover.as_ref().map_or(String::new(), |c| {
            // At most 200 px wide (the theme's `.link-card__cover`).
            let img = |srcset: Option<&String>| {
                srcset.map_or(String::new(), |s| {
                    format!(" srcset=\"{}\" sizes=\"200px\"", escape_attr(s))
                })
            };
            let html = format!(
                "<img class=\"link-card__cover\" src=\"{}\"{} alt=\"\" loading=\"lazy\" decoding=\"async\">",
                escape_attr(c),
                img(target.cover_srcset.as_ref()),
            );
            match &target.cover_webp_srcset {
                Some(webp) => format!(
                    "<picture class=\"link-card__picture\"><source type=\"image/webp\"{}>{html}</picture>",
                    img(Some(webp))
                ),
                None => html,
            }
        });
        Some(format!(
            "<a class=\"link-card\" href=\"{}\"><span class=\"link-card__body\"><span class=\"link-card__title\">{}</span><span class=\"link-card__description\">{}</span></span>{cover}</a>\n",
            escape_attr(&url),
            escape_html(&target.title),
            escape_html(&target.description),
        ))
    }

    pub(super) fn image_html(&mut self, img: &ImageState<'_>) -> String {
        let dest = cjk_emphasis::strip(&img.dest).into_owned();
        let resolved = links::resolve(&self.input.links, &dest);
        self.record(&dest, &resolved, img.range.clone(), true);
        let src = if links::is_unsafe(&dest) {
            "#"
        } else {
            resolved.url.as_str()
        };
        let mut attrs = format!(" alt=\"{}\"", escape_attr(img.alt.trim()));
        if !img.title.is_empty() {
            attrs.push_str(&format!(
                " title=\"{}\"",
                escape_attr(&cjk_emphasis::strip(&img.title))
            ));
        }
        let mut html = format!("<img src=\"{}\"{attrs}", escape_attr(src));
        // A missing local image is reported by the link check, with the nearest file. What the
        // page says of it (its size, or that it is missing) depends on the file.
        if let Some(file) = &resolved.file {
            self.depends_on.push(file.clone());
        }
        if let (Some(file), Some(settings)) = (&resolved.file, self.input.links.images) {
            match clinote_images::probe(file) {
                Ok(clinote_images::Probed::Photo(photo)) => {
                    attrs.push_str(" loading=\"lazy\" decoding=\"async\"");
                    let r = clinote_images::Responsive::new(src, &photo, settings);
                    // The link check looks for the file the page names: one of the widths.
                    if let Some(link) = self.links.last_mut() {
                        link.url = r.src.clone();
                    }
                    return r.picture(BODY_SIZES, &attrs);
                }
                Ok(clinote_images::Probed::PassThrough) => {}
                Err(problem) => self.image_problem(&problem, img.range.clone()),
            }
        }
        if let Some((w, h)) = resolved.file.as_deref().and_then(links::image_size) {
            html.push_str(&format!(" width=\"{w}\" height=\"{h}\""));
        }
        html.push_str(" loading=\"lazy\" decoding=\"async\">");
        html
    }

    /// An error where the image is written: it is too large or cannot be read.
    fn image_problem(&mut self, problem: &clinote_images::Problem, range: std::ops::Range<usize>) {
        let start = self.input.body_offset + self.prepared.original_offset(range.start);
        let end = self.input.body_offset + self.prepared.original_offset(range.end);
        let (ja, en) = problem.message();
        self.diags.push(
            Diagnostic::error(Bilingual::new(ja, en))
                .at(Location::at_offset(
                    self.input.file,
                    self.input.source,
                    start,
                    end.saturating_sub(start),
                ))
                .help(Bilingual::new(
                    "スマートフォンの写真はそのまま使えます。パソコンで大きく編集した画像や別の形式の画像は、JPEG で保存し直してください。",
                    "phone photos work as they are; save large edited images, or images in other formats, again as JPEG",
                )),
        );
    }
}
