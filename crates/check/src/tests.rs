//! Tests of the public API: every rule's pass/fail examples, positions, config, allow comments,
//! teasers, the demo site, and speed.
//!
//! By theme: `rules` (the rule data, its examples and docs), `findings` (what is reported on
//! hand-written texts), `positions` (positions, allow comments, config, the JSON shape) and
//! `demo_site` (the demo site's articles, checked at length and timed by phase). The helpers
//! here are shared.

mod demo_site;
mod findings;
mod positions;
mod rules;
mod trace;

use super::config::{CheckConfig, Deny};
use super::labelled::demo_clinic;
use super::registry::{Engine, REGISTRY};
use super::*;

fn ctx<'a>(clinic: Clinic<'a>, config: &'a CheckConfig) -> ArticleContext<'a> {
    ArticleContext {
        title: "",
        description: None,
        patient_consent: None,
        clinic,
        config,
    }
}

/// Checks `body` as the whole body of an article with an empty front matter.
fn body(text: &str, ctx: &ArticleContext<'_>) -> Vec<Finding> {
    let source = format!("+++\n+++\n{text}\n");
    check_article(&source, 8, ctx)
}

fn rules_of(found: &[Finding]) -> Vec<&str> {
    found.iter().map(|f| f.rule.as_str()).collect()
}

fn find<'f>(found: &'f [Finding], rule: &str) -> Option<&'f Finding> {
    found.iter().find(|f| f.rule == rule)
}
