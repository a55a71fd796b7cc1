//! The held-out sets: figures only. Each was written from the guideline (2026-12-07) without
//! reading the rules or the other sets; never read them while writing or tuning rules, and
//! never print a case of them here.

use std::collections::BTreeMap;

use super::{ArticleScores, Scores, parse, score_article, score_case};
use crate::config::CheckConfig;

const HOLDOUT: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/data/holdout.toml"
));
const HOLDOUT2: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/data/holdout2.toml"
));

/// A held-out set's figures: sentences, teasers among them, and whole articles.
struct Figures {
    sentences: Scores,
    articles: ArticleScores,
}

/// Scores one held-out file and prints its figures (never its cases).
fn figures(name: &str, data: &str) -> Figures {
    let config = CheckConfig::default();
    let file = parse(name, data);
    let mut sentences = Scores::default();
    let mut teasers = Scores::default();
    // Recall per labelled category: (found, of).
    let mut per_category: BTreeMap<&'static str, (usize, usize)> = BTreeMap::new();
    for case in &file.case {
        let mut by_mode = Scores::default();
        let (expected, predicted, _) =
            score_case(case, &config, &mut [&mut sentences, &mut by_mode]);
        if case.mode.as_deref() == Some("teaser") {
            teasers.add(expected, predicted);
        }
        if let Some(e) = expected {
            let entry = per_category.entry(e.id()).or_default();
            entry.1 += 1;
            entry.0 += usize::from(predicted.is_some());
        }
    }
    let mut articles = ArticleScores::default();
    for a in &file.article {
        score_article(a, &config, &mut articles);
    }
    println!(
        "{name} ({} sentences, {} articles)",
        file.case.len(),
        file.article.len()
    );
    println!("{}", sentences.line("sentences"));
    println!("{}", teasers.line("  teasers"));
    println!("{}", articles.line("articles"));
    let recall: Vec<String> = per_category
        .iter()
        .map(|(c, (found, of))| format!("{c} {found}/{of}"))
        .collect();
    println!("flagged per category: {}", recall.join(", "));
    Figures {
        sentences,
        articles,
    }
}

/// Fails when a held-out set falls under its floors: sentence precision, recall and category,
/// and article recall.
fn floors(
    sentences: &Scores,
    articles: &ArticleScores,
    precision: f64,
    recall: f64,
    category: f64,
    article_recall: f64,
) {
    assert!(
        sentences.precision() >= precision,
        "precision {:.3}",
        sentences.precision()
    );
    assert!(
        sentences.recall() >= recall,
        "recall {:.3}",
        sentences.recall()
    );
    assert!(
        sentences.category_accuracy() >= category,
        "category {:.3}",
        sentences.category_accuracy()
    );
    assert!(
        articles.flagged.recall() >= article_recall,
        "article recall {:.3}",
        articles.flagged.recall()
    );
}

#[test]
fn held_out_set_precision_recall_and_category() {
    let Figures {
        sentences,
        articles,
    } = figures("holdout.toml", HOLDOUT);
    // Floors at the first run's figures (2026-12-07: sentences precision 0.880, recall 0.422,
    // category 0.940; articles precision 0.556, recall 1.000), so that no change makes the
    // checker worse on wording it was not written for. Later runs, after rules written against
    // the training set only: sentences 0.902 / 0.599 / 0.964, then 0.906 / 0.625 / 0.965,
    // then 0.908 / 0.643 / 0.966; articles unchanged; then, after the rules written against
    // two more training sets (who speaks across sentences, identifying combinations, promised
    // outcomes), 0.951 / 0.704 / 0.969, articles 0.818 / 0.900; last, 0.952 / 0.711 / 0.970.
    // The issue's
    // targets are precision 0.92, recall 0.85, category 0.85 at both levels. The floors stay
    // at the first run: raising them with each run would make this set something to tune to.
    floors(&sentences, &articles, 0.85, 0.40, 0.90, 0.90);
}

#[test]
fn second_held_out_set_precision_recall_and_category() {
    let Figures {
        sentences,
        articles,
    } = figures("holdout2.toml", HOLDOUT2);
    // Floors just under the first run's figures (2026-12-07, rules as of the narrated-testimonial
    // rule: sentences precision 0.858, recall 0.776, category 0.967; teasers 0.951 / 0.780;
    // articles precision 0.667, recall 1.000). Not raised with later runs, as above. Last run:
    // sentences 0.922 / 0.833 / 0.969, teasers 0.957 / 0.880, articles 0.750 / 1.000.
    floors(&sentences, &articles, 0.84, 0.75, 0.93, 0.90);
}
