//! Live reload: the messages the preview sends to open pages over a WebSocket, the script
//! that receives them, and the error overlay.
//!
//! A page reloads only when its own file changed (or everything did); a stylesheet change is
//! swapped in place; an error shows an overlay over the last good page until it is fixed.

use serde::Serialize;

use clinote_diagnostic::Diagnostic;

/// The script injected into every HTML page the preview serves.
pub const SCRIPT: &str = include_str!("live.js");
/// Where the script is served.
pub const SCRIPT_PATH: &str = "/__clinote/live.js";
/// Where the WebSocket listens.
pub const SOCKET_PATH: &str = "/__clinote/ws";

/// A message to open pages.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum Message {
    /// These output files changed (`articles/x/index.html`); `all` when every page may have.
    Reload { pages: Vec<String>, all: bool },
    /// These stylesheets changed and can be swapped without a reload.
    Css { files: Vec<String> },
    /// The site has errors: show this overlay.
    Error { html: String },
    /// The errors are gone.
    Ok,
}

impl Message {
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_else(|_| "{\"type\":\"ok\"}".to_string())
    }
}

/// The overlay listing errors, styled inline so it looks the same over any theme: build errors
/// (the page below is the last good one) and `clinote check` errors (the page is current, but
/// `build` will refuse to publish it).
///
/// Each error reads as a note for clinic staff, made from the diagnostic's fields (never from
/// its terminal text): what happened (Japanese, English beside), where (file and line, the
/// line quoted), what to do (the help), and the technical detail (rule, column, the terminal
/// rendering) folded in a closed `<details>`.
pub fn overlay(errors: &[Diagnostic], check_errors: &[Diagnostic]) -> String {
    let n = errors.len() + check_errors.len();
    let mut body = String::new();
    if !errors.is_empty() {
        body.push_str(&section(
            "直すまで、ここに出ている内容はサイトに反映されません。下に見えているのは、最後にうまく作れたページです。直すと、この案内は自動で消えます。",
            "Until fixed, these changes are not in the site; the page below is the last good one. This note goes away by itself when fixed.",
            errors,
        ));
    }
    if !check_errors.is_empty() {
        body.push_str(&section(
            "公開する前に直してください。このままでは clinote build が止まります。",
            "Fix these before publishing: `clinote build` stops on them.",
            check_errors,
        ));
    }
    format!(
        concat!(
            "<div id=\"clinote-overlay\" role=\"alertdialog\" aria-modal=\"false\" ",
            "aria-labelledby=\"clinote-overlay-title\" tabindex=\"-1\" lang=\"ja\" style=\"position:fixed;",
            "left:0;right:0;bottom:0;box-sizing:border-box;max-width:100%;max-height:70vh;overflow:auto;",
            "overflow-wrap:anywhere;z-index:2147483647;background:#fdfcf8;color:#1f2328;",
            "border-top:4px solid #c2410c;box-shadow:0 -6px 24px rgba(0,0,0,.18);padding:14px 16px 16px;",
            "font:15px/1.7 system-ui,-apple-system,'Hiragino Sans','Noto Sans JP',sans-serif;text-align:left\">",
            "<div style=\"display:flex;gap:12px;align-items:flex-start;justify-content:space-between\">",
            "<h2 id=\"clinote-overlay-title\" style=\"margin:0;font-size:17px;line-height:1.5;color:#9a3412\">",
            "直すところが {n} 件あります",
            "<span lang=\"en\" style=\"display:block;font-size:13px;font-weight:400;color:#57606a\">",
            "{n} thing(s) to fix</span></h2>",
            "<button type=\"button\" data-clinote-close aria-label=\"閉じる / close\" ",
            "onclick=\"this.closest('#clinote-overlay').remove()\" style=\"flex:none;font:inherit;",
            "font-size:14px;background:#fff;color:#1f2328;border:1px solid #d0d7de;border-radius:8px;",
            "padding:4px 12px;cursor:pointer\">閉じる<span lang=\"en\" style=\"font-size:12px;color:#57606a\">",
            " / close</span></button></div>{body}</div>"
        ),
        n = n,
        body = body,
    )
}

fn section(ja: &str, en: &str, diags: &[Diagnostic]) -> String {
    let mut notes = String::new();
    for d in diags {
        notes.push_str(&note(d));
    }
    format!(
        concat!(
            "<p style=\"margin:8px 0 10px;font-size:14px\">{ja}",
            "<span lang=\"en\" style=\"display:block;font-size:12px;color:#57606a\">{en}</span></p>",
            "<ol style=\"margin:0;padding:0;list-style:none\">{notes}</ol>"
        ),
        ja = esc(ja),
        en = esc(en),
        notes = notes,
    )
}

/// One error as a note: what happened, where, the line, what to do, and the folded detail.
fn note(d: &Diagnostic) -> String {
    const EN: &str = "display:block;font-size:12px;font-weight:400;color:#57606a";
    let mut out = String::from(concat!(
        "<li class=\"clinote-note\" style=\"margin:0 0 12px;padding:10px 12px;background:#fff;",
        "border:1px solid #e5e0d5;border-left:4px solid #c2410c;border-radius:8px\">"
    ));
    out.push_str(&format!(
        concat!(
            "<p class=\"clinote-note-title\" style=\"margin:0 0 6px;font-weight:700\">{ja}",
            "<span lang=\"en\" style=\"{EN}\">{en}</span></p>"
        ),
        ja = esc(&d.message.ja),
        en = esc(&d.message.en),
        EN = EN,
    ));
    if let Some(loc) = &d.location {
        let (ja, en) = if loc.line > 0 {
            (
                format!("{} の {} 行目", loc.file, loc.line),
                format!("{}, line {}", loc.file, loc.line),
            )
        } else {
            (loc.file.clone(), loc.file.clone())
        };
        out.push_str(&format!(
            concat!(
                "<p class=\"clinote-note-where\" style=\"margin:0 0 6px\">場所：",
                "<span style=\"font-weight:600\">{ja}</span>",
                "<span lang=\"en\" style=\"{EN}\">Where: {en}</span></p>"
            ),
            ja = esc(&ja),
            en = esc(&en),
            EN = EN,
        ));
        if let Some(line) = loc.source_line.as_deref().filter(|l| !l.trim().is_empty()) {
            out.push_str(&format!(
                concat!(
                    "<pre class=\"clinote-note-line\" style=\"margin:0 0 6px;padding:6px 10px;",
                    "background:#f6f3ec;border-radius:6px;white-space:pre-wrap;overflow-wrap:anywhere;",
                    "font:13px/1.6 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace\">",
                    "<span aria-hidden=\"true\" style=\"color:#8c959f\">{n} │ </span>{line}</pre>"
                ),
                n = loc.line,
                line = esc(line),
            ));
        }
    }
    if let Some(help) = &d.help {
        out.push_str(&format!(
            concat!(
                "<p class=\"clinote-note-help\" style=\"margin:0 0 6px;color:#0b5e55\">直し方：{ja}",
                "<span lang=\"en\" style=\"{EN}\">What to do: {en}</span></p>"
            ),
            ja = esc(&help.ja),
            en = esc(&help.en),
            EN = EN,
        ));
    }
    let mut detail = String::new();
    if let Some(rule) = &d.rule {
        detail.push_str(&format!("rule: {rule}\n"));
    }
    if let Some(loc) = &d.location {
        detail.push_str(&format!("at: {loc}\n"));
    }
    detail.push_str(&d.render(false));
    out.push_str(&format!(
        concat!(
            "<details class=\"clinote-note-detail\" style=\"margin:4px 0 0;font-size:13px\">",
            "<summary style=\"cursor:pointer;color:#57606a\">技術的な詳細（サポートに伝えるとき）",
            "<span lang=\"en\"> / technical detail</span></summary>",
            "<pre style=\"margin:6px 0 0;padding:6px 10px;background:#f6f3ec;border-radius:6px;",
            "white-space:pre-wrap;overflow-wrap:anywhere;",
            "font:12px/1.6 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace\">{detail}</pre></details></li>"
        ),
        detail = esc(&detail),
    ));
    out
}

fn esc(s: &str) -> String {
    clinote_markdown::escape_html(s)
}

/// The small panel on an article page listing what `clinote check` warns about in it (and in
/// its posts): folded in a corner, so it never hides the page being written.
pub fn panel(notes: &[Diagnostic]) -> String {
    let mut items = String::new();
    for d in notes {
        let place = d
            .location
            .as_ref()
            .filter(|l| l.line > 0)
            .map(|l| format!("{}:{}:{} ", l.file, l.line, l.column))
            .unwrap_or_default();
        let rule = d.rule.as_deref().unwrap_or_default();
        let help = d
            .help
            .as_ref()
            .map(|h| {
                format!(
                    "<br><span style=\"color:#0b5e55\">{}</span>",
                    clinote_markdown::escape_html(&h.ja)
                )
            })
            .unwrap_or_default();
        items.push_str(&format!(
            "<li style=\"margin:0 0 8px\"><code style=\"font-size:12px;color:#57606a\">{place}{rule}</code><br>{msg}{help}</li>",
            place = clinote_markdown::escape_html(&place),
            rule = clinote_markdown::escape_html(rule),
            msg = clinote_markdown::escape_html(&d.message.ja),
        ));
    }
    format!(
        concat!(
            "<details id=\"clinote-checks\" style=\"position:fixed;right:12px;bottom:12px;z-index:2147483646;",
            "max-width:min(420px,90vw);max-height:50vh;overflow:auto;background:#fffbe6;color:#1f2328;",
            "border:1px solid #d4a72c;border-radius:10px;box-shadow:0 4px 16px rgba(0,0,0,.15);",
            "padding:8px 12px;font:14px/1.6 system-ui,sans-serif;text-align:left\">",
            "<summary style=\"cursor:pointer;font-weight:700\">clinote check: 確認 {n} 件 / {n} note(s)</summary>",
            "<ul style=\"margin:8px 0 0;padding-left:18px\">{items}</ul></details>"
        ),
        n = notes.len(),
        items = items,
    )
}

/// Inserts the live-reload script and any overlay or panel before `</body>`; the script is
/// told the `generation` of the snapshot the page comes from.
pub fn inject(html: &[u8], generation: u64, extra: &[Option<&str>]) -> Vec<u8> {
    let tag = format!("<script src=\"{SCRIPT_PATH}\" data-generation=\"{generation}\"></script>");
    let mut added: String = extra.iter().flatten().copied().collect();
    added.push_str(&tag);
    // Looked for in the bytes: the page need not be UTF-8 (a static HTML file in Shift_JIS).
    let at = html
        .windows(7)
        .rposition(|w| w.eq_ignore_ascii_case(b"</body>"))
        .unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + added.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(added.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use clinote_diagnostic::{Bilingual, Location};

    #[test]
    fn messages_are_json() {
        let m = Message::Reload {
            pages: vec!["articles/a/index.html".into()],
            all: false,
        };
        assert_eq!(
            m.to_json(),
            r#"{"type":"reload","pages":["articles/a/index.html"],"all":false}"#
        );
        assert_eq!(Message::Ok.to_json(), r#"{"type":"ok"}"#);
    }

    #[test]
    fn overlay_escapes_and_names_the_place() {
        let text = "title = \"<script>\n";
        let d = Diagnostic::error(Bilingual::new("壊れています", "broken"))
            .at(Location::at_offset("content/articles/a.md", text, 8, 9));
        let html = overlay(&[d], &[]);
        assert!(html.contains("content/articles/a.md:1:9"), "{html}");
        assert!(!html.contains("clinote check"), "{html}");
        assert!(
            html.contains("&lt;script&gt;") && !html.contains("<script>"),
            "{html}"
        );
    }

    #[test]
    fn each_error_is_a_note_with_the_detail_folded() {
        let text = "+++\ntitle = \"a\"\ndate = 2026/12/07\n";
        let d = Diagnostic::error(Bilingual::new("日付の書き方", "date format"))
            .at(Location::at_line("content/articles/x.md", text, 3))
            .rule("front-matter")
            .help(Bilingual::new("2026-12-07 と書きます", "write 2026-12-07"));
        let html = overlay(std::slice::from_ref(&d), &[]);
        assert!(html.contains("content/articles/x.md の 3 行目"), "{html}");
        assert!(
            html.contains("line 3") && html.contains("date = 2026/12/07"),
            "{html}"
        );
        assert!(html.contains("直し方：2026-12-07 と書きます"), "{html}");
        assert!(html.contains("role=\"alertdialog\""), "{html}");
        let (shown, folded) = html.split_once("<details").unwrap_or((&html, ""));
        assert!(
            !shown.contains("-->") && !shown.contains("front-matter"),
            "{shown}"
        );
        assert!(
            folded.contains("rule: front-matter") && folded.contains("x.md:3:1"),
            "{folded}"
        );
        assert!(!folded.contains(" open"), "{folded}");
    }

    #[test]
    fn injects_before_the_body_end() {
        let out = inject(
            b"<html><body><p>x</p></BODY></html>",
            7,
            &[None, Some("<div>o</div>")],
        );
        let s = String::from_utf8(out).unwrap();
        assert!(
            s.ends_with(
                "<div>o</div><script src=\"/__clinote/live.js\" data-generation=\"7\"></script></BODY></html>"
            ),
            "{s}"
        );
        let s = String::from_utf8(inject(b"no body", 1, &[None])).unwrap();
        assert!(s.ends_with("<script src=\"/__clinote/live.js\" data-generation=\"1\"></script>"));
        // Not UTF-8 (Shift_JIS): the bytes are kept, the script still goes before `</body>`.
        let sjis = b"<html><body>\x93\xfa\x96\x7b\xff\xfe</body></html>";
        let out = inject(sjis, 1, &[None]);
        assert!(out.starts_with(b"<html><body>\x93\xfa\x96\x7b\xff\xfe<script"));
        assert!(out.ends_with(b"</script></body></html>"));
    }

    #[test]
    fn check_errors_and_notes_are_escaped_and_told_apart() {
        let d = Diagnostic::error(Bilingual::new("<b>必ず治ります</b>", "guarantee"))
            .rule("guaranteed-effect")
            .help(Bilingual::new("言いかえ", "rephrase"));
        let html = overlay(&[], std::slice::from_ref(&d));
        assert!(html.contains("build が止まります"), "{html}");
        assert!(
            html.contains("&lt;b&gt;") && !html.contains("<b>"),
            "{html}"
        );
        let html = panel(&[d]);
        assert!(html.contains("確認 1 件") && html.contains("guaranteed-effect"));
        assert!(html.contains("言いかえ") && !html.contains("<b>"), "{html}");
    }
}
