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
pub fn overlay(errors: &[Diagnostic], check_errors: &[Diagnostic]) -> String {
    let mut body = String::new();
    if !errors.is_empty() {
        body.push_str(&section(
            &format!(
                "ビルドエラー {n} 件 — 直すと自動で消えます。下は最後に成功したページです。",
                n = errors.len()
            ),
            &format!(
                "{n} build error(s) — this goes away when fixed; the page below is the last good one.",
                n = errors.len()
            ),
            errors,
        ));
    }
    if !check_errors.is_empty() {
        body.push_str(&section(
            &format!(
                "公開前に直してください（clinote check のエラー {n} 件）— このままでは build が止まります。",
                n = check_errors.len()
            ),
            &format!(
                "{n} clinote check error(s) to fix before publishing — `build` stops on them.",
                n = check_errors.len()
            ),
            check_errors,
        ));
    }
    format!(
        concat!(
            "<div id=\"clinote-overlay\" role=\"alert\" style=\"position:fixed;left:0;right:0;bottom:0;",
            "max-height:65vh;overflow:auto;z-index:2147483647;background:#1f2328;color:#f6f8fa;",
            "border-top:4px solid #e5534b;box-shadow:0 -6px 24px rgba(0,0,0,.35);padding:14px 18px;",
            "font:14px/1.6 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;text-align:left\">",
            "<button type=\"button\" onclick=\"this.parentNode.remove()\" style=\"float:right;",
            "font:inherit;background:#30363d;color:inherit;border:0;border-radius:6px;padding:4px 10px;",
            "cursor:pointer\">閉じる / close</button>{body}</div>"
        ),
        body = body,
    )
}

fn section(ja: &str, en: &str, diags: &[Diagnostic]) -> String {
    let mut text = String::new();
    for d in diags {
        text.push_str(&d.render(false));
    }
    format!(
        concat!(
            "<p style=\"margin:0 0 8px;font:700 15px/1.5 system-ui,sans-serif\">{ja}<br>",
            "<span style=\"font-weight:400\">{en}</span></p>",
            "<pre style=\"margin:0 0 12px;white-space:pre-wrap;overflow-wrap:anywhere\">{text}</pre>"
        ),
        ja = clinote_markdown::escape_html(ja),
        en = clinote_markdown::escape_html(en),
        text = clinote_markdown::escape_html(&text),
    )
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
