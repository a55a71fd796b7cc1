//! The sets rules are written against: every miss is printed.

use std::collections::BTreeMap;

use super::{ArticleScores, Scores, article_findings, parse, score_article, score_case};
use crate::Category;
use crate::config::CheckConfig;

const LABELLED: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/data/labelled.toml"
));
const TRAIN: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/data/train.toml"
));
const TRAIN2: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/data/train2.toml"
));
const TRAIN3: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/data/train3.toml"
));
const TRAIN4: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/data/train4.toml"
));
const TRAIN5: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/data/train5.toml"
));
const TRAIN6: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/data/train6.toml"
));

/// Every training file, by name.
const FILES: [(&str, &str); 7] = [
    ("labelled.toml", LABELLED),
    ("train.toml", TRAIN),
    ("train2.toml", TRAIN2),
    ("train3.toml", TRAIN3),
    ("train4.toml", TRAIN4),
    ("train5.toml", TRAIN5),
    ("train6.toml", TRAIN6),
];

/// Every training text (cases and articles), for tests that check the rules' data on real
/// wording (the held-out sets stay out).
pub(crate) fn texts() -> Vec<String> {
    let mut out = Vec::new();
    for (name, data) in FILES {
        let file = parse(name, data);
        out.extend(file.case.into_iter().map(|c| c.text));
        out.extend(file.article.into_iter().map(|a| a.text));
    }
    out
}

#[test]
fn training_sets_precision_recall_and_category() {
    let config = CheckConfig::default();
    let mut by_set: BTreeMap<String, Scores> = BTreeMap::new();
    let mut first = Scores::default();
    let mut misses = Vec::new();
    for (name, data) in FILES {
        let file = parse(name, data);
        for case in &file.case {
            let set = case
                .set
                .clone()
                .unwrap_or_else(|| name.trim_end_matches(".toml").to_string());
            let in_set = by_set.entry(set.clone()).or_default();
            let (expected, predicted, found) = if name == "labelled.toml" {
                score_case(case, &config, &mut [in_set, &mut first])
            } else {
                score_case(case, &config, &mut [in_set])
            };
            if expected != predicted {
                let rules: Vec<_> = found
                    .iter()
                    .map(|f| format!("{}:{}", f.rule, f.severity.as_str()))
                    .collect();
                misses.push(format!(
                    "  [{set}] expected {:?}, got {:?} {:?}: {}",
                    expected.map(Category::id),
                    predicted.map(Category::id),
                    rules,
                    case.text.replace('\n', " ")
                ));
            }
        }
    }
    let mut articles = ArticleScores::default();
    let train = parse("train.toml", TRAIN);
    let train2 = parse("train2.toml", TRAIN2);
    let train3 = parse("train3.toml", TRAIN3);
    let train4 = parse("train4.toml", TRAIN4);
    let train5 = parse("train5.toml", TRAIN5);
    let train6 = parse("train6.toml", TRAIN6);
    // The fourth, fifth and sixth sets' articles are also scored on their own (their first
    // runs are on record).
    let (mut articles4, mut articles5, mut articles6) = (
        ArticleScores::default(),
        ArticleScores::default(),
        ArticleScores::default(),
    );
    let all = train
        .article
        .iter()
        .chain(&train2.article)
        .chain(&train3.article);
    for (a, set) in all
        .map(|a| (a, 0))
        .chain(train4.article.iter().map(|a| (a, 4)))
        .chain(train5.article.iter().map(|a| (a, 5)))
        .chain(train6.article.iter().map(|a| (a, 6)))
    {
        let (expected, predicted) = score_article(a, &config, &mut articles);
        match set {
            4 => drop(score_article(a, &config, &mut articles4)),
            5 => drop(score_article(a, &config, &mut articles5)),
            6 => drop(score_article(a, &config, &mut articles6)),
            _ => {}
        }
        if expected != predicted {
            misses.push(format!(
                "  [train article] expected {:?}, got {:?}: {}",
                expected.iter().map(|c| c.id()).collect::<Vec<_>>(),
                predicted.iter().map(|c| c.id()).collect::<Vec<_>>(),
                a.title
            ));
            // Which rule said what, on which line of the text, for the categories that differ.
            let source_lines: Vec<&str> = a.text.lines().collect();
            for f in article_findings(a, &config) {
                if f.severity == crate::Severity::Info
                    || expected.contains(&f.category) == predicted.contains(&f.category)
                {
                    continue;
                }
                // The source has three front matter lines before the text.
                let line = f.line.checked_sub(4).and_then(|i| source_lines.get(i));
                misses.push(format!(
                    "      {}:{} {}",
                    f.rule,
                    f.severity.as_str(),
                    line.map_or("(front matter)", |l| l)
                ));
            }
        }
    }
    for (name, s) in &by_set {
        println!("{}", s.line(name));
    }
    println!("{}", first.line("labelled"));
    println!("{}", articles.line("articles"));
    println!("{}", articles4.line("train4 articles"));
    println!("{}", articles5.line("train5 articles"));
    println!("{}", articles6.line("train6 articles"));
    if !misses.is_empty() {
        println!("misclassified:\n{}", misses.join("\n"));
    }
    // The training set: first run 2026-12-07 precision 0.835, recall 0.341; after the rules
    // that judge framing, 0.957 and 0.828. It may only get better.
    let train = &by_set["train"];
    assert!(
        train.precision() >= 0.93,
        "train precision {:.3}",
        train.precision()
    );
    assert!(train.recall() >= 0.80, "train recall {:.3}", train.recall());
    // The second, third and fourth training sets, each first scored before any rule was
    // written against it (2026-12-07): train2 0.882 / 0.686, train3 (less obvious wording)
    // 0.912 / 0.519, train4 (with its clinic's own phone set, as its site would) 0.855 /
    // 0.691, articles 0.769 / 1.000; train5 (weighted to the hardest categories) 0.912 /
    // 0.595, articles 0.500 / 0.833; train6 (written after the rules that judge structure)
    // 0.897 / 0.693, articles 0.625 / 1.000. Floors a little under their figures after the
    // rules written against them.
    for (set, precision, recall) in [
        ("train2", 0.95, 0.93),
        ("train3", 0.92, 0.74),
        ("train4", 0.89, 0.88),
        ("train5", 0.92, 0.87),
        ("train6", 0.95, 0.79),
    ] {
        let s = &by_set[set];
        assert!(
            s.precision() >= precision,
            "{set} precision {:.3}",
            s.precision()
        );
        assert!(s.recall() >= recall, "{set} recall {:.3}", s.recall());
    }
    // The first sets, which the rules were written against: they must not get worse.
    assert!(
        first.precision() >= 0.90,
        "precision {:.3}",
        first.precision()
    );
    assert!(first.recall() >= 0.85, "recall {:.3}", first.recall());
    assert!(
        first.category_accuracy() >= 0.85,
        "category {:.3}",
        first.category_accuracy()
    );
}

/// Every training case and article with what the rules predict, as JSON lines in
/// `$CLINOTE_DUMP_DIR` (`cases.jsonl`, `articles.jsonl`): the input of
/// `experiments/ngram_cv.py`. Never the held-out sets.
#[test]
#[ignore = "writes files for an experiment; run with CLINOTE_DUMP_DIR set"]
fn dump_labelled() {
    let Some(dir) = std::env::var_os("CLINOTE_DUMP_DIR").map(std::path::PathBuf::from) else {
        return;
    };
    let config = CheckConfig::default();
    let (mut cases, mut articles) = (String::new(), String::new());
    for (name, data) in FILES {
        let file = parse(name, data);
        for case in &file.case {
            let (_, predicted, _) = score_case(case, &config, &mut []);
            let row = serde_json::json!({
                "file": name, "set": case.set, "label": case.label, "mode": case.mode,
                "text": case.text, "predicted": predicted.map(Category::id),
            });
            cases.push_str(&format!("{row}\n"));
        }
        for a in &file.article {
            let (_, predicted) = score_article(a, &config, &mut ArticleScores::default());
            let row = serde_json::json!({
                "file": name, "labels": a.labels, "title": a.title, "text": a.text,
                "predicted": predicted.iter().map(|c| c.id()).collect::<Vec<_>>(),
            });
            articles.push_str(&format!("{row}\n"));
        }
    }
    std::fs::create_dir_all(&dir).expect("the dump directory can be made");
    std::fs::write(dir.join("cases.jsonl"), cases).expect("cases.jsonl is written");
    std::fs::write(dir.join("articles.jsonl"), articles).expect("articles.jsonl is written");
}
