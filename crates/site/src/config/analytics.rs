//! `[analytics]`: one of a few cookie-less analytics services, by name and site ID, instead
//! of pasting its script into `templates/head-extra.html`.

use serde::{Deserialize, Serialize};

use super::keys::key_location;
use clinote_diagnostic::suggest::nearest;
use clinote_diagnostic::{Bilingual, Diagnostic};

/// `[analytics]` as written.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct RawAnalytics {
    pub provider: Option<String>,
    /// Plausible: the site's domain; GoatCounter: the code; Cloudflare: the token.
    pub id: Option<String>,
}

/// The services clinote knows: none sets cookies or keeps personal data.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Provider {
    Plausible,
    GoatCounter,
    Cloudflare,
}

const PROVIDERS: [(&str, Provider); 3] = [
    ("plausible", Provider::Plausible),
    ("goatcounter", Provider::GoatCounter),
    ("cloudflare", Provider::Cloudflare),
];

/// A checked `[analytics]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Analytics {
    pub provider: Provider,
    /// Only letters, digits, `.`, `-` and `_`: safe inside an attribute and a URL.
    pub id: String,
}

impl Analytics {
    pub(super) fn read(
        raw: &RawAnalytics,
        text: &str,
        diags: &mut Vec<Diagnostic>,
    ) -> Option<Analytics> {
        let name = raw.provider.as_deref()?.trim();
        let Some(&(_, provider)) = PROVIDERS.iter().find(|(n, _)| n.eq_ignore_ascii_case(name))
        else {
            let mut d = Diagnostic::error(Bilingual::new(
                format!("[analytics] の provider \"{name}\" には対応していません"),
                format!("[analytics] provider \"{name}\" is not supported"),
            ))
            .at(key_location(text, &["analytics", "provider"]))
            .help(Bilingual::new(
                "\"plausible\"、\"goatcounter\"、\"cloudflare\" のどれかにするか、ほかのサービスのタグは templates/head-extra.html に書いてください。",
                "use \"plausible\", \"goatcounter\" or \"cloudflare\", or put another service's tag in templates/head-extra.html",
            ));
            if let Some(near) = nearest(name, PROVIDERS.iter().map(|(n, _)| *n)) {
                d = d.help(Bilingual::new(
                    format!("`{near}` のつもりでしたか？"),
                    format!("did you mean `{near}`?"),
                ));
            }
            diags.push(d);
            return None;
        };
        let id = raw.id.as_deref().unwrap_or("").trim();
        let plain = |c: char| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_');
        if id.is_empty() || !id.chars().all(plain) {
            diags.push(
                Diagnostic::error(Bilingual::new(
                    format!("[analytics] の id \"{id}\" が正しくありません"),
                    format!("[analytics] id \"{id}\" is missing or not valid"),
                ))
                .at(match raw.id {
                    Some(_) => key_location(text, &["analytics", "id"]),
                    None => key_location(text, &["analytics"]),
                })
                .help(Bilingual::new(
                    "サービスの管理画面に出る ID（Plausible はサイトのドメイン、GoatCounter はコード、Cloudflare はトークン）を英数字のまま書いてください。",
                    "copy the ID from the service (Plausible: the site's domain; GoatCounter: the code; Cloudflare: the token)",
                )),
            );
            return None;
        }
        Some(Analytics {
            provider,
            id: id.to_string(),
        })
    }

    /// The service's script tag.
    pub fn script(&self) -> String {
        let id = &self.id;
        match self.provider {
            Provider::Plausible => format!(
                "<script defer data-domain=\"{id}\" src=\"https://plausible.io/js/script.js\"></script>"
            ),
            Provider::GoatCounter => format!(
                "<script data-goatcounter=\"https://{id}.goatcounter.com/count\" async src=\"https://gc.zgo.at/count.js\"></script>"
            ),
            Provider::Cloudflare => format!(
                "<script defer src=\"https://static.cloudflareinsights.com/beacon.min.js\" data-cf-beacon='{{\"token\": \"{id}\"}}'></script>"
            ),
        }
    }
}
