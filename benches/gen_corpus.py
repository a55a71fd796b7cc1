#!/usr/bin/env python3
"""Generates a deterministic clinic-blog corpus for benchmarks: N Japanese articles of about
4,000 characters each (front matter, 4–8 headings, paragraphs, a list, a table, a link, an
image, a code block in one article of ten), 30 tags and 5 authors.

    python3 benches/gen_corpus.py 1000 /tmp/corpus-1000
    python3 benches/gen_corpus.py 1000 /tmp/hugo-1000 --flavor hugo

`--flavor hugo|zola` writes the same articles with the front matter those tools expect (tags and
authors as taxonomies) and no config: benches/compare.sh adds each tool's config and templates.
The text is synthetic clinic-blog prose made from our own phrases; the same N always gives
the same files.
"""
import os
import random
import sys

SUBJECTS = ["手洗い", "睡眠", "花粉症", "熱中症", "腰痛", "血圧", "予防接種", "子どもの発熱",
            "インフルエンザ", "食事", "運動", "かぜ", "胃腸炎", "肩こり", "頭痛", "歯の健康"]
OPENERS = ["こんにちは。", "季節の変わり目になりました。", "診察室でよくいただくご質問です。",
           "今日は身近な話題をお届けします。"]
PHRASES = [
    "{s}について、外来でよくご相談をいただきます。",
    "毎日の生活の中で、{s}を少し意識するだけで体の調子が変わることがあります。",
    "無理をせず、できることから始めてみましょう。",
    "気になる症状が続くときは、早めにご相談ください。",
    "{s}のポイントを、わかりやすくまとめました。",
    "ご家族みんなで取り組むと、続けやすくなります。",
    "朝と夜で体の様子が違うこともあるので、ゆっくり観察してみてください。",
    "水分をこまめにとり、十分に休むことが基本です。",
    "{s}は、年齢や体質によって感じ方がちがいます。",
    "当院では、一人ひとりのお話をていねいにうかがうことを大切にしています。",
    "**{s}のコツ**は、毎日少しずつ続けることです。",
    "季節によって気をつけたいことも変わります。",
]
HEADINGS = ["はじめに", "{s}とは", "よくある質問", "家でできること", "受診の目安",
            "生活のポイント", "子どもの場合", "高齢の方の場合", "まとめ"]
TAGS = [f"タグ{i:02d}" for i in range(30)]
AUTHORS = [("dr1", "医師 一郎", "院長・内科医"), ("dr2", "医師 二郎", "副院長・小児科医"),
           ("dr3", "医師 三子", "整形外科医"), ("ns1", "看護 四子", "看護師"),
           ("st1", "受付 五郎", "医療事務")]


def paragraph(rng, subject, n):
    return "".join(rng.choice(PHRASES).format(s=subject) for _ in range(n))


def article(rng, i, date, flavor="clinote"):
    subject = rng.choice(SUBJECTS)
    author = rng.choice(AUTHORS)[0]
    tags = rng.sample(TAGS, rng.randint(1, 3))
    body = [rng.choice(OPENERS) + paragraph(rng, subject, 3), "", "<!-- more -->", ""]
    headings = rng.sample(HEADINGS, rng.randint(4, 8))
    for h_index, h in enumerate(headings):
        body.append(f"## {h.format(s=subject)}")
        body.append("")
        for _ in range(rng.randint(3, 4)):
            body.append(paragraph(rng, subject, rng.randint(5, 7)))
            body.append("")
        if h_index == 1:
            body += [f"- {subject}の前に確認すること", "- 水分と休養", "- 受診のタイミング", ""]
        if h_index == 2:
            body += ["| 場面 | ポイント |", "|---|---|",
                     "| 朝 | 体温を測る |", "| 夜 | 早めに休む |", ""]
        if h_index == 3:
            body += ["詳しくは[厚生労働省のページ](https://www.mhlw.go.jp/)もご覧ください。", "",
                     "![イメージ図](/images/figure.png)", ""]
    if i % 10 == 0:
        body += ["```toml", "title = \"例\"", "date = 2026-01-01", "```", ""]
    tag_list = f"[{', '.join(chr(34) + t + chr(34) for t in tags)}]"
    fm = [
        "+++",
        f"title = \"{subject}の話 その{i}\"",
        f"date = {date}",
        f"slug = \"article-{i:05d}\"",
        f"description = \"{subject}について、毎日の暮らしで気をつけたいことをまとめました。\"",
    ]
    if flavor == "clinote":
        fm += [f"tags = {tag_list}", f"author = \"{author}\""]
    elif flavor == "hugo":
        fm += [f"tags = {tag_list}", f"authors = [\"{author}\"]"]
    else:  # zola: taxonomies go in their own table
        fm += ["[taxonomies]", f"tags = {tag_list}", f"authors = [\"{author}\"]"]
    fm += ["+++", ""]
    return "\n".join(fm + body) + "\n"


def write_clinote_config(out):
    with open(os.path.join(out, "clinote.toml"), "w", encoding="utf-8") as f:
        f.write('title = "ベンチマーク クリニック"\ndescription = "生成した記事のサイトです。"\n'
                'base_url = "https://bench.example/blog/"\npaginate = 10\n\n'
                '[clinic]\nname = "ベンチマーク クリニック"\n\n')
        for key, name, role in AUTHORS:
            f.write(f'[authors.{key}]\nname = "{name}"\nrole = "{role}"\n\n')


def main():
    args = sys.argv[1:]
    flavor = "clinote"
    if "--flavor" in args:
        at = args.index("--flavor")
        flavor = args[at + 1]
        del args[at:at + 2]
    if flavor not in ("clinote", "hugo", "zola") or len(args) != 2:
        sys.exit("usage: gen_corpus.py N OUT [--flavor clinote|hugo|zola]")
    n = int(args[0])
    out = args[1]
    rng = random.Random(20261122 + n)
    os.makedirs(os.path.join(out, "content", "articles"), exist_ok=True)
    os.makedirs(os.path.join(out, "static", "images"), exist_ok=True)
    if flavor == "clinote":
        write_clinote_config(out)
    # A 1×1 PNG for the article images.
    png = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                        "1f15c4890000000d49444154789c63000100000500010d0a2db40000000049454e44ae426082")
    with open(os.path.join(out, "static", "images", "figure.png"), "wb") as f:
        f.write(png)
    for i in range(1, n + 1):
        day = i % 28 + 1
        month = (i // 28) % 12 + 1
        year = 2015 + (i // 336) % 10
        date = f"{year:04d}-{month:02d}-{day:02d}T{9 + i % 8:02d}:00:00"
        with open(os.path.join(out, "content", "articles", f"article-{i:05d}.md"), "w",
                  encoding="utf-8") as f:
            f.write(article(rng, i, date, flavor))


if __name__ == "__main__":
    main()
