//! Live reload: the messages the preview sends to open pages over a WebSocket, the script
//! that receives them, and the error overlay.
//!
//! A page reloads only when its own file changed (or everything did); a stylesheet change is
//! swapped in place; an error shows an overlay over the last good page until it is fixed.

use serde::Serialize;

use crate::diagnostic::Diagnostic;

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

/// The overlay listing errors, styled inline so it looks the same over any theme.
pub fn overlay(errors: &[Diagnostic]) -> String {
    let mut text = String::new();
    for d in errors {
        text.push_str(&d.render(false));
    }
    format!(
        concat!(
            "<div id=\"clinote-overlay\" role=\"alert\" style=\"position:fixed;left:0;right:0;bottom:0;",
            "max-height:65vh;overflow:auto;z-index:2147483647;background:#1f2328;color:#f6f8fa;",
            "border-top:4px solid #e5534b;box-shadow:0 -6px 24px rgba(0,0,0,.35);padding:14px 18px;",
            "font:14px/1.6 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;text-align:left\">",
            "<button type=\"button\" onclick=\"this.parentNode.remove()\" style=\"float:right;",
            "font:inherit;background:#30363d;color:inherit;border:0;border-radius:6px;padding:4px 10px;",
            "cursor:pointer\">閉じる / close</button>",
            "<p style=\"margin:0 0 8px;font:700 15px/1.5 system-ui,sans-serif\">",
            "ビルドエラー {count} 件 — 直すと自動で消えます。下は最後に成功したページです。<br>",
            "<span style=\"font-weight:400\">{count} build error(s) — this goes away when fixed; ",
            "the page below is the last good one.</span></p>",
            "<pre style=\"margin:0;white-space:pre-wrap;overflow-wrap:anywhere\">{text}</pre></div>"
        ),
        count = errors.len(),
        text = crate::markdown::escape_html(&text),
    )
}

/// Inserts the live-reload script (and the overlay, if any) before `</body>`.
pub fn inject(html: &[u8], overlay: Option<&str>) -> Vec<u8> {
    let tag = format!("<script src=\"{SCRIPT_PATH}\"></script>");
    let extra = match overlay {
        Some(o) => format!("{o}{tag}"),
        None => tag,
    };
    let lower = String::from_utf8_lossy(html).to_ascii_lowercase();
    let at = lower.rfind("</body>").unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + extra.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(extra.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Bilingual, Location};

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
        let html = overlay(&[d]);
        assert!(html.contains("content/articles/a.md:1:9"), "{html}");
        assert!(
            html.contains("&lt;script&gt;") && !html.contains("<script>"),
            "{html}"
        );
    }

    #[test]
    fn injects_before_the_body_end() {
        let out = inject(b"<html><body><p>x</p></BODY></html>", Some("<div>o</div>"));
        let s = String::from_utf8(out).unwrap();
        assert!(
            s.ends_with("<div>o</div><script src=\"/__clinote/live.js\"></script></BODY></html>"),
            "{s}"
        );
        let s = String::from_utf8(inject(b"no body", None)).unwrap();
        assert!(s.ends_with("<script src=\"/__clinote/live.js\"></script>"));
    }
}
