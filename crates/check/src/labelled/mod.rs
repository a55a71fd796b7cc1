//! The labelled sets: sentences and whole articles in clinic-blog and teaser voice, each
//! labelled clean or with the categories a reviewer would file it under, and how
//! `clinote check` scores on them.
//!
//! - `tests/data/labelled.toml` (sets `dev`, `heldout`, `heldout2`) and `tests/data/train.toml`
//!   (set `train`) are for writing rules: their tests print every miss.
//! - `tests/data/holdout.toml` is held out: written from the guideline without reading the
//!   rules or the other sets, and never read while writing or tuning rules. Its test prints
//!   figures only, never a case, so that running the tests does not show it either.
//!
//! A sentence counts as flagged when it gets an error or a warning (info is a note, not a
//! verdict); its predicted category is that of its first finding (see [`predict`]). An article
//! counts as flagged likewise; its predicted categories are those of all its findings.

mod holdout;
pub(crate) mod training;

use std::collections::BTreeSet;

use serde::Deserialize;

use super::config::CheckConfig;
use super::page::PAGE_RULES;
use super::{ArticleContext, Category, Finding, Severity, check_article, check_teaser};
use crate::Clinic;

/// One data file: sentence cases and articles.
#[derive(Deserialize)]
pub(super) struct File {
    /// The clinic the set was written for, when not the demo clinic: what its site would
    /// set in `[clinic]` (its own phone number is no patient's).
    #[serde(default)]
    pub clinic: Option<ClinicData>,
    #[serde(default)]
    pub case: Vec<Case>,
    #[serde(default)]
    pub article: Vec<LabelledArticle>,
}

#[derive(Deserialize, Clone, Debug)]
pub(super) struct ClinicData {
    pub name: String,
    pub phone: String,
}

impl ClinicData {
    fn clinic(&self) -> Clinic<'_> {
        Clinic {
            name: Some(&self.name),
            url: None,
            address: None,
            phone: Some(&self.phone),
            email: None,
        }
    }
}

/// The clinic of a case or article: its file's, else the demo clinic.
fn clinic_of(data: Option<&ClinicData>) -> Clinic<'_> {
    match data {
        Some(d) => d.clinic(),
        None => demo_clinic(),
    }
}

#[derive(Deserialize)]
pub(super) struct Case {
    /// The set it belongs to; files of one set leave it out.
    #[serde(default)]
    pub set: Option<String>,
    pub label: String,
    pub text: String,
    /// `teaser` for X, Instagram and LINE posts (push media); article prose otherwise.
    #[serde(default)]
    pub mode: Option<String>,
    #[serde(default)]
    pub consent: Option<String>,
    /// Its file's clinic ([`File::clinic`]).
    #[serde(skip)]
    pub clinic: Option<ClinicData>,
}

#[derive(Deserialize)]
pub(super) struct LabelledArticle {
    /// Every category a reviewer would file for the whole article; empty when clean.
    pub labels: Vec<String>,
    pub title: String,
    pub text: String,
    /// Its file's clinic ([`File::clinic`]).
    #[serde(skip)]
    pub clinic: Option<ClinicData>,
}

pub(super) fn parse(name: &str, data: &str) -> File {
    let mut file: File = toml::from_str(data).unwrap_or_else(|e| panic!("{name} parses: {e}"));
    for case in &mut file.case {
        case.clinic.clone_from(&file.clinic);
    }
    for article in &mut file.article {
        article.clinic.clone_from(&file.clinic);
    }
    file
}

pub(crate) fn demo_clinic() -> Clinic<'static> {
    Clinic {
        name: Some("みどり町ファミリークリニック"),
        url: Some("https://midori-clinic.example/"),
        address: Some("〒000-0000 みどり県みどり市みどり町1-2-3"),
        phone: Some("012-345-6789"),
        email: Some("info@midori-clinic.example"),
    }
}

fn category(label: &str) -> Option<Category> {
    match label {
        "clean" => None,
        other => Some(Category::from_id(other).unwrap_or_else(|| panic!("unknown label {other}"))),
    }
}

/// What the checker finds in a sentence case.
pub(super) fn case_findings(case: &Case, config: &CheckConfig) -> Vec<Finding> {
    let ctx = ArticleContext {
        title: "",
        description: None,
        patient_consent: case.consent.as_deref(),
        clinic: clinic_of(case.clinic.as_ref()),
        config,
    };
    if case.mode.as_deref() == Some("teaser") {
        check_teaser(&case.text, &ctx)
    } else {
        let source = format!("+++\ntitle = \"t\"\n+++\n{}\n", case.text);
        let body = source.len() - case.text.len() - 1;
        check_article(&source, body, &ctx)
    }
}

/// What the checker finds in a whole article, as `clinote check` reads its file.
pub(super) fn article_findings(a: &LabelledArticle, config: &CheckConfig) -> Vec<Finding> {
    let ctx = ArticleContext {
        title: &a.title,
        description: None,
        patient_consent: None,
        clinic: clinic_of(a.clinic.as_ref()),
        config,
    };
    let title = toml::Value::String(a.title.clone());
    let source = format!("+++\ntitle = {title}\n+++\n{}\n", a.text);
    let body = source.len() - a.text.len() - 1;
    check_article(&source, body, &ctx)
}

/// The predicted category of a sentence: `None` when nothing at error or warning level was
/// found. Ranked by: content before readability (readability is a note on style, not a
/// verdict on what the sentence says), sentence-level before page-level (a page-level
/// disclosure finding is about the page, not this sentence), then severity, then position
/// (ties: the more specific category).
pub(super) fn predict(found: &[Finding]) -> Option<Category> {
    found
        .iter()
        .filter(|f| f.severity != Severity::Info)
        .min_by_key(|f| {
            (
                f.category == Category::Readability,
                PAGE_RULES.contains(&f.rule.as_str()),
                f.severity,
                f.line,
                f.column,
                f.category,
            )
        })
        .map(|f| f.category)
}

/// Every category found at error or warning level.
fn predict_all(found: &[Finding]) -> BTreeSet<Category> {
    found
        .iter()
        .filter(|f| f.severity != Severity::Info)
        .map(|f| f.category)
        .collect()
}

/// Sentence-level figures: flagged or not, and the category of what was flagged.
#[derive(Default, Debug, Clone)]
pub(super) struct Scores {
    pub tp: usize,
    pub fp: usize,
    pub fn_: usize,
    pub tn: usize,
    pub category_right: usize,
}

impl Scores {
    pub fn add(&mut self, expected: Option<Category>, predicted: Option<Category>) {
        match (expected, predicted) {
            (None, None) => self.tn += 1,
            (None, Some(_)) => self.fp += 1,
            (Some(_), None) => self.fn_ += 1,
            (Some(e), Some(p)) => {
                self.tp += 1;
                self.category_right += usize::from(e == p);
            }
        }
    }
    pub fn precision(&self) -> f64 {
        self.tp as f64 / (self.tp + self.fp).max(1) as f64
    }
    pub fn recall(&self) -> f64 {
        self.tp as f64 / (self.tp + self.fn_).max(1) as f64
    }
    pub fn category_accuracy(&self) -> f64 {
        self.category_right as f64 / self.tp.max(1) as f64
    }
    pub fn line(&self, name: &str) -> String {
        format!(
            "{name:<10} n={:<4} precision {:.3}  recall {:.3}  category {:.3}  (tp {} fp {} fn {} tn {})",
            self.tp + self.fp + self.fn_ + self.tn,
            self.precision(),
            self.recall(),
            self.category_accuracy(),
            self.tp,
            self.fp,
            self.fn_,
            self.tn
        )
    }
}

/// Article-level figures: flagged or not (as for sentences), with the category right when
/// every labelled category was found; and over (article, category) pairs.
#[derive(Default, Debug, Clone)]
pub(super) struct ArticleScores {
    pub flagged: Scores,
    pub pair_tp: usize,
    pub pair_fp: usize,
    pub pair_fn: usize,
}

impl ArticleScores {
    pub fn add(&mut self, expected: &BTreeSet<Category>, predicted: &BTreeSet<Category>) {
        let e = expected.iter().next().copied();
        let p = predicted.iter().next().copied();
        match (e, p) {
            (Some(_), Some(_)) => {
                self.flagged.tp += 1;
                self.flagged.category_right += usize::from(expected.is_subset(predicted));
            }
            _ => self.flagged.add(e, p),
        }
        self.pair_tp += expected.intersection(predicted).count();
        self.pair_fp += predicted.difference(expected).count();
        self.pair_fn += expected.difference(predicted).count();
    }
    pub fn line(&self, name: &str) -> String {
        let pair_p = self.pair_tp as f64 / (self.pair_tp + self.pair_fp).max(1) as f64;
        let pair_r = self.pair_tp as f64 / (self.pair_tp + self.pair_fn).max(1) as f64;
        format!(
            "{}\n{:<10} categories: precision {pair_p:.3}  recall {pair_r:.3}  (tp {} fp {} fn {})",
            self.flagged.line(name),
            "",
            self.pair_tp,
            self.pair_fp,
            self.pair_fn
        )
    }
}

/// Scores one article, returning what was expected and found.
pub(super) fn score_article(
    a: &LabelledArticle,
    config: &CheckConfig,
    scores: &mut ArticleScores,
) -> (BTreeSet<Category>, BTreeSet<Category>) {
    let expected: BTreeSet<Category> = a.labels.iter().filter_map(|l| category(l)).collect();
    let found = article_findings(a, config);
    let predicted = predict_all(&found);
    scores.add(&expected, &predicted);
    (expected, predicted)
}

/// Scores one sentence case, returning what was expected and predicted.
pub(super) fn score_case(
    case: &Case,
    config: &CheckConfig,
    scores: &mut [&mut Scores],
) -> (Option<Category>, Option<Category>, Vec<Finding>) {
    let expected = category(&case.label);
    let found = case_findings(case, config);
    let predicted = predict(&found);
    for s in scores {
        s.add(expected, predicted);
    }
    (expected, predicted, found)
}
