"""Would a statistical second opinion (character n-grams) help `clinote check`?

Measured on the training sets only (never the held-out ones), by leaving one set out at a
time: each set was written by a different writer, so a left-out set stands in for wording
the model has never seen. Compares, per threshold:

- the rules alone (`predicted`, from the dump; written against these sets, so flattered);
- the model alone, and the rules OR the model, on the sentence cases;
- the same on the sets' multi-paragraph articles (any sentence over the threshold flags it);
- how many of the repository's own clean pages (content/, examples/*/content/) it flags.

With `--real-negatives`, the sentences of those pages are added to training as clean (and
each site is left out in turn when its pages are scored).

Usage (scikit-learn from PyPI):
    CLINOTE_DUMP_DIR=/tmp/dump cargo test -p clinote-check --lib dump_labelled -- --ignored
    python3 crates/check/experiments/ngram_cv.py /tmp/dump [--real-negatives]

Figures of 2026-12-07 are in README.md ("How far to trust `clinote check`").
"""
import collections, glob, json, re, sys
from pathlib import Path

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

dump = Path(sys.argv[1])
real_negatives = "--real-negatives" in sys.argv
repo = Path(__file__).resolve().parents[3]
rows = [json.loads(l) for l in open(dump / "cases.jsonl")]
arts = [json.loads(l) for l in open(dump / "articles.jsonl")]
for r in rows + arts:
    r["g"] = "labelled" if r["file"] == "labelled.toml" else r["file"]


def sentences(text):
    out = []
    for line in text.split("\n"):
        line = re.sub(r"^\s*([#>*-]+|\d+\.)\s*", "", line).strip()
        out += [s.strip() for s in re.split(r"(?<=[。！？!?])", line) if len(s.strip()) >= 8]
    return out


pages = []
for p in glob.glob(f"{repo}/content/**/*.md", recursive=True) + glob.glob(
    f"{repo}/examples/*/content/**/*.md", recursive=True
):
    text = re.sub(r"^(---|\+\+\+)\n.*?\n\1\n", "", open(p).read(), flags=re.S)
    site = "page:" + (Path(p).relative_to(repo).parts[1] if p.startswith(f"{repo}/examples") else "demo")
    pages.append({"g": site, "text": text, "path": p})
page_sentences = [{"g": p["g"], "text": s, "label": "clean"} for p in pages for s in sentences(p["text"])]


def run(threshold):
    tot = collections.Counter()
    groups = sorted({r["g"] for r in rows}) + sorted({p["g"] for p in pages})
    for g in groups:
        train = [r for r in rows if r["g"] != g and r["label"] != "readability"]
        if real_negatives:
            train += [r for r in page_sentences if r["g"] != g]
        vec = TfidfVectorizer(analyzer="char", ngram_range=(1, 3), sublinear_tf=True, min_df=2)
        clf = LogisticRegression(C=10, max_iter=3000)
        clf.fit(vec.fit_transform([r["text"] for r in train]), [r["label"] for r in train])
        clean = list(clf.classes_).index("clean")

        def risk(texts):
            return [1 - p[clean] for p in clf.predict_proba(vec.transform(texts))] if texts else []

        if g.startswith("page:"):
            for p in (p for p in pages if p["g"] == g):
                ss = sentences(p["text"])
                hits = sum(v > threshold for v in risk(ss))
                tot["pages"] += 1
                tot["pages flagged"] += hits > 0
                tot["page sentences"] += len(ss)
                tot["page sentences flagged"] += hits
            continue
        cases = [r for r in rows if r["g"] == g]
        for r, v in zip(cases, risk([r["text"] for r in cases])):
            bad, rule, model = r["label"] != "clean", r["predicted"] is not None, v > threshold
            for name, said in (("rules", rule), ("model", model), ("either", rule or model)):
                tot[(name, bad, said)] += 1
        for a in (a for a in arts if a["g"] == g):
            bad, rule = bool(a["labels"]), bool(a["predicted"])
            model = any(v > threshold for v in risk(sentences(a["text"])))
            for name, said in (("articles rules", rule), ("articles either", rule or model)):
                tot[(name, bad, said)] += 1

    def pr(name):
        tp, fp, fn = tot[(name, True, True)], tot[(name, False, True)], tot[(name, True, False)]
        return f"{name}: P {tp / max(1, tp + fp):.3f} R {tp / max(1, tp + fn):.3f}"

    print(f"threshold {threshold}  " + "  ".join(pr(n) for n in ("rules", "model", "either")))
    print(f"    {pr('articles rules')}  {pr('articles either')}")
    print(
        f"    clean pages flagged {tot['pages flagged']}/{tot['pages']}, "
        f"sentences {tot['page sentences flagged']}/{tot['page sentences']}"
    )


for t in (0.7, 0.8, 0.9):
    run(t)
