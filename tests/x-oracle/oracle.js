// X's own twitter-text library as an oracle for clinote's counter (tests/it/x_count.rs).
//
//   node oracle.js BUNDLE count < texts.jsonl       what X makes of each {"text": …} line
//   node oracle.js BUNDLE generate SEED N TLDS      N adversarial texts from SEED, with X's verdict
//
// BUNDLE is themes/default/static/twitter-text.js (twitter-text 3.1.0, the page's counter);
// TLDS is iana-tlds.txt. Output: one JSON line per text with the keys of `clinote count
// --format json`: text, weighted_length, valid, urls, hashtags.
//
// The texts are made to hit what tripped counters before: bare domains glued to Japanese or
// after 「：（、, every IANA top-level domain (X knows the 2020 list, not the newer names),
// t.co links with queries, emoji sequences newer than X's emoji data, NFD text, hashtags next
// to Japanese and digits, directional marks, and texts near the 280 limit.
"use strict";
const fs = require("fs");
const vm = require("vm");

const [bundle, mode, ...rest] = process.argv.slice(2);
vm.runInThisContext(fs.readFileSync(bundle, "utf8"));
const tt = globalThis.twttrText;

// X counts the NFC form of a post (parseTweet normalises it) and links what it stores, so
// the links and hashtags are those of the NFC form too.
function verdict(text) {
  const p = tt.parseTweet(text);
  const nfc = text.normalize("NFC");
  return {
    text,
    weighted_length: p.weightedLength,
    valid: p.valid,
    urls: tt.extractUrls(nfc),
    hashtags: tt.extractHashtags(nfc),
  };
}

// mulberry32: small, seeded, the same sequence on every machine.
function rng(seed) {
  let a = seed >>> 0;
  return function () {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function generate(seed, n, tlds) {
  const r = rng(seed);
  const pick = (xs) => xs[Math.floor(r() * xs.length)];
  const chance = (p) => r() < p;
  const times = (k, f) => Array.from({ length: k }, f).join("");

  const ja = [
    "花粉症", "詳しくは", "予約は", "こちら", "当院の", "ブログ", "です", "ます。", "について",
    "子ども", "発熱", "受診の目安", "インフルエンザ", "ワクチン", "ｶﾞｲﾄﾞ", "ー", "〜", "・",
    "１２３", "ＡＢＣ", "㈱", "①", "…", "※", "→", "♥", "葛󠄀城", "𠮷野家", "한국어", "Ω",
  ];
  const before = [
    "", " ", "\n", "「", "：", "（", "、", "。", "・", "＠", "@", "#", "＃", "$", "-", "_", ".",
    "/", "a", "1", "　", "\u200e", "\u200f", "\u202a", "\u2066", "\u061c", "(", "\"", "'",
    "`", "[", "*", "!", "?", "&", "+", "=", "~", "|", "\\", "<", ">", "\u00a0", "\u2028", "é",
  ];
  const after = [
    "", " ", "\n", "」", "）", "。", "、", "です", "日本語", ".", ",", "!", "?", ":", ";", "-",
    "_", "@", "+", "/", "#", "'", "\"", ")", "(", "…", "～", "é", "1", "a", "\u200e", "%",
  ];
  const labels = [
    "example", "kodomo-qa", "line", "bit", "t", "a", "x", "foo", "twitter", "clinic-123",
    "xn--eckwd4c7c", "例え", "クリニック", "sub_domain", "-bad", "bad-", "EXAMPLE", "café",
    "müller", "a".repeat(63), "b".repeat(64), "1", "www", "q&a", "日本", "ﾃｽﾄ",
  ];
  const paths = [
    "", "/", "/x", "/blog/kafun-eye/", "/花粉症", "/%E8%8A%B1", "/a.b", "/a.", "/a,", "/(wiki)",
    "/a(b)c", "/a((b))", "/a_(b)_c", "/@user/", "/~tilde", "/path!", "/Юникод", "/café",
    "/a#frag", "/a#", "/a-", "/a+b", "/a=b", "/" + "p".repeat(4100), "/a|b", "/a'b", "/a–b",
  ];
  const queries = [
    "", "?", "?a=1", "?utm_source=x&utm_medium=social&utm_campaign=kafun&utm_content=v1",
    "?q=花粉", "?a=1.", "?a=1,", "?a=(b)", "?a=b!", "?a=b/", "?x#y", "?a=b&",
  ];
  const emoji = [
    "😀", "👍", "👍🏽", "❤", "❤️", "❤︎", "☀️", "©", "©️", "®️", "™", "#️⃣", "1️⃣", "🇯🇵", "🇺🇳",
    "🏳️‍🌈", "🏳️‍⚧️", "👨‍👩‍👧‍👦", "👩‍⚕️", "👨‍⚕️", "🧑‍⚕️", "❤️‍🩹", "🫶🏻", "🐦‍🔥", "🙂‍↕️",
    "🧑‍🧑‍🧒", "🩺", "🦷", "🫀", "🩻", "🫠", "🩷", "🥱", "🤧", "😷", "👁‍🗨", "🏴󠁧󠁢󠁳󠁣󠁴󠁿", "🧔‍♀️",
    "\ufe0f", "\u200d", "🏻", "🇯", "👩🏿‍🦰", "💏🏼", "🧑‍🤝‍🧑", "⚕️", "☺", "✔️", "🅰️", "🈁",
  ];
  const protocols = ["", "", "", "http://", "https://", "HTTPS://", "ftp://", "https:/", "www."];

  const domain = (tld) => {
    let d = "";
    if (chance(0.2)) d += pick(labels) + ".";
    d += pick(labels) + "." + tld;
    if (chance(0.1)) d = d.toUpperCase();
    return d;
  };
  const url = (tld) => {
    let u = pick(protocols) + domain(tld);
    if (chance(0.1)) u += ":" + pick(["80", "8080", "", "x"]);
    if (chance(0.5)) u += pick(paths);
    if (chance(0.3)) u += pick(queries);
    return u;
  };
  const tco = () => {
    const slug = times(pick([1, 10, 39, 40, 41]), () => pick("abcXYZ019".split("")));
    return pick(["https://t.co/", "http://t.co/", "t.co/", "HTTPS://T.CO/"]) + slug +
      (chance(0.5) ? pick(queries) : "") + (chance(0.3) ? pick(paths) : "");
  };
  const tag = () => {
    const sign = pick(["#", "#", "＃"]);
    const body = pick([
      "花粉症", "8000", "8000とは", "7119", "2025年", "COVID19", "COVID-19", "花粉症対策です",
      "眼科・耳鼻科", "子ども_発熱", "ｶﾞｲﾄﾞ", "ー", "abc", "123abc", "é", "\ufe0f", "\u20e3",
      "한국", "𠮷", "葛󠄀城", "Ωmega", "a\u0301", "㈱", "①", "〜", "_", "鿿",
    ]);
    return sign + body;
  };
  const nfd = (s) => (chance(0.5) ? s.normalize("NFD") : s);
  const jaText = (k) => times(k, () => pick(ja));

  const generators = [
    // A bare domain glued to Japanese or after Japanese punctuation.
    () => pick(ja) + pick(before) + url(pick(tlds)) + pick(after) + pick(ja),
    // An emoji or a supplementary kanji glued to a host: X's pattern runs on UTF-16 units.
    () => pick(ja) + pick(["😀", "👉", "𠮷", "🩺", "🇯🇵"]) +
      pick(["", "-", "_", ".", "a".repeat(61), "a".repeat(62), "日本"]) + url(pick(tlds)) + pick(after),
    // A host with a non-ASCII label inside, so that X's URL is shorter than its span.
    () => pick(before) + pick(["Q&A.jp", "a.jp", "x.com"]) + pick(["😀", "日本", "", "é"]) +
      pick(labels) + "." + pick(["日本", "例え", "com"]) + "." + pick(tlds) + pick(paths) + pick(after),
    // Several URLs and text mixed.
    () => times(1 + Math.floor(r() * 4), () => pick(before) + url(pick(tlds)) + pick(after)),
    // t.co links.
    () => pick(ja) + pick(before) + tco() + pick(after),
    // Emoji sequences.
    () => times(1 + Math.floor(r() * 6), () => pick(emoji) + (chance(0.3) ? pick(ja) : "")),
    // Hashtags next to everything.
    () => times(1 + Math.floor(r() * 4), () => pick(before) + tag() + pick(after)),
    // NFD and compatibility characters.
    () => nfd(jaText(3) + "が" + "café" + "\u2126" + "\u212b" + "가") + pick(after),
    // Near the limit: Japanese text with a link on its own line.
    () => jaText(0) + "あ".repeat(120 + Math.floor(r() * 30)) + "\n" + url(pick(["jp", "com"])),
    () => "a".repeat(250 + Math.floor(r() * 40)) + (chance(0.5) ? " " + tco() : ""),
    // Invalid characters and spaces.
    () => pick(ja) + pick(["\ufeff", "\ufffe", "\uffff", "\u3000", "\r\n", "\t", "\u2028", ""]) +
      pick(ja) + (chance(0.5) ? " " + url(pick(tlds)) : ""),
    // Random soup of every kind of piece.
    () => times(2 + Math.floor(r() * 8), () =>
      pick([() => pick(ja), () => url(pick(tlds)), tco, tag, () => pick(emoji), () => pick(before),
        () => pick(after), () => "info@example.com", () => "ver1.2", () => "Q&A.jp",
        () => "192.168.0.1", () => "@user", () => "$CASH", () => "example.com"])(),
    ),
  ];

  const out = [];
  // Every IANA top-level domain, bare, glued to Japanese and with a path.
  for (const tld of tlds) {
    out.push("example." + tld);
    out.push("詳しくはclinic." + tld + "をご覧ください");
    out.push("https://www." + tld.toUpperCase() + "." + tld + "/x");
  }
  while (out.length < tlds.length * 3 + n) {
    out.push(pick(generators)());
  }
  return out;
}

if (mode === "count") {
  const lines = fs.readFileSync(0, "utf8").split("\n").filter((l) => l.trim().length > 0);
  process.stdout.write(lines.map((l) => JSON.stringify(verdict(JSON.parse(l).text)) + "\n").join(""));
} else if (mode === "generate") {
  const [seed, n, tldFile] = rest;
  const tlds = fs.readFileSync(tldFile, "utf8").split("\n")
    .filter((l) => l.length > 0 && !l.startsWith("#"));
  const texts = generate(Number(seed), Number(n), tlds);
  process.stdout.write(texts.map((t) => JSON.stringify(verdict(t)) + "\n").join(""));
} else {
  process.stderr.write("usage: node oracle.js BUNDLE (count | generate SEED N TLDS)\n");
  process.exit(2);
}
