//! Readability: measures that need only character classes, no dictionary.
//!
//! Measured over running text (paragraphs, list items, table cells, quotes), in the sentences
//! the rules use (split at 。！？ and line ends, with 「…。…」 kept whole, as textlint's
//! sentence splitter does):
//! - kanji ratio among Japanese letters (hiragana, katakana, kanji), tables left out (hours
//!   and doses are data, not prose);
//! - average and longest sentence, in characters;
//! - runs of kanji, and sentences with many 読点;
//! - the 建石 (Tateishi, 1988) simplified score RS′, which needs only script runs:
//!   RS′ = −0.12·ls − 1.37·la + 7.4·lh − 23.18·lc − 5.4·lk − 4.67·cp + 115.79 (ls: mean
//!   sentence length; la, lh, lc, lk: mean run length of Latin letters, hiragana, kanji and
//!   katakana; cp: 読点 per 句点). Higher is easier; the scale has mean 50 and SD 10 on the
//!   authors' corpus.
//!
//! What is reported, and what is not (to keep official names from drowning the writer):
//! - `long-sentence` and `many-commas` per sentence; commas after a short noun-like item
//!   (くしゃみ、鼻水、鼻づまり) are list separators and are not counted;
//! - `kanji-run` only in running text, outside links and ruby-annotated words, kanji numerals
//!   not counted (一週間以上続く reads like 1週間以上続く), and not for
//!   runs that end like an organisation's name (〜学会, 〜省), the official terms listed in
//!   `rules/readability.toml`, or the site's `[check] allow` phrases;
//! - `high-kanji-ratio` once per article, only when the body has at least 200 Japanese
//!   letters;
//! - each rule at most `max_findings` times per article (the stats keep the full counts).

use serde::Serialize;
use unicode_normalization::UnicodeNormalization;

use super::config::Readability;
use super::prose::{BlockKind, Prose};
use super::registry::REGISTRY;
use super::{Env, Raw};
use clinote_text::bmp::BmpTable;
use clinote_text::japanese::is_japanese_letter;
use clinote_text::utf8::decode_at;

/// Articles shorter than this (in Japanese letters) get no kanji-ratio finding.
const MIN_LETTERS_FOR_RATIO: usize = 200;

/// Readability figures for one article (`clinote check --stats`).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ReadabilityStats {
    /// Characters of running text, whitespace not counted.
    pub characters: usize,
    /// Hiragana, katakana and kanji (outside tables).
    pub japanese_letters: usize,
    pub kanji: usize,
    /// `kanji / japanese_letters` (0 when there are none).
    pub kanji_ratio: f64,
    pub sentences: usize,
    pub average_sentence_chars: f64,
    pub longest_sentence_chars: usize,
    /// Sentences longer than the threshold.
    pub long_sentences: usize,
    /// Sentences with at least the threshold of 読点 (list commas not counted).
    pub sentences_with_many_commas: usize,
    /// Kanji runs at least the threshold long that would be reported (exempt ones excluded).
    pub kanji_runs: usize,
    pub longest_kanji_run: usize,
    /// 建石 RS′; `None` without sentences.
    pub tateishi: Option<f64>,
}

pub(crate) fn is_kanji(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3FFFD)
        || c == '々'
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Script {
    Latin = 0,
    Hiragana = 1,
    Kanji = 2,
    Katakana = 3,
    Other = 4,
}

fn script(c: char) -> Script {
    if c.is_ascii_alphabetic() {
        Script::Latin
    } else if is_kanji(c) {
        Script::Kanji
    } else if matches!(c as u32, 0x3041..=0x309F) {
        Script::Hiragana
    } else if matches!(c as u32, 0x30A0..=0x30FF | 0x31F0..=0x31FF) {
        Script::Katakana
    } else {
        Script::Other
    }
}

/// What one pass over the running text finds.
struct Measure {
    stats: ReadabilityStats,
    long: Vec<std::ops::Range<usize>>,
    commas: Vec<std::ops::Range<usize>>,
    runs: Vec<std::ops::Range<usize>>,
    first_text: Option<usize>,
}

/// Whether a sentence of `n` characters is long. A sentence written in English (no Japanese
/// letter in it) is measured in words, a quarter of the character limit (100 characters → 25
/// words, the plain-language guidance for English); a Japanese one in characters.
fn is_long(s: &str, n: usize, limit: usize) -> bool {
    if s.chars().any(is_japanese_letter) {
        n > limit
    } else {
        s.split_whitespace().count() > limit / 4
    }
}

/// Kanji that write numbers (一週間, 三千円): read like digits, not like words.
fn is_kanji_numeral(c: char) -> bool {
    matches!(
        c,
        '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十' | '百' | '千' | '万'
    )
}

fn measure(prose: &Prose, limits: &Readability, allow: &[String]) -> Measure {
    let reg = &*REGISTRY;
    let (terms, org, head) = match reg.get("kanji-run") {
        Some(r) => (r.lex("terms"), r.lex("org"), r.lex("named_head")),
        None => (
            reg.shared("__none__"),
            reg.shared("__none__"),
            reg.shared("__none__"),
        ),
    };
    let names = Names { terms, org, head };
    let text = prose.text.as_str();
    let mut st = ReadabilityStats::default();
    let mut long = Vec::new();
    let mut commas = Vec::new();
    let mut runs = Vec::new();
    let mut first_text = None;
    let mut total_sentence_chars = 0usize;
    // Script runs for Tateishi: (count, total length) per script.
    let mut run_stats = [(0usize, 0usize); 4];
    let (mut ten, mut maru) = (0usize, 0usize);
    // Sentences of running text, as the rules see them (quote-aware, like textlint's splitter).
    for sentence in &prose.sentences {
        if !prose.blocks[sentence.block].kind.is_running_text() {
            continue;
        }
        let r = sentence.range.clone();
        let s = &text[r.clone()];
        // Characters, spaces included (as textlint counts them; after NFKC a Japanese sentence
        // rarely has any).
        let n = s.chars().count();
        st.sentences += 1;
        total_sentence_chars += n;
        st.longest_sentence_chars = st.longest_sentence_chars.max(n);
        if is_long(s, n, limits.sentence_chars) {
            st.long_sentences += 1;
            long.push(r.clone());
        }
        let need = limits.commas.max(1);
        if count_ten(s) >= need && counted_commas(s) >= need {
            st.sentences_with_many_commas += 1;
            commas.push(r);
        }
    }
    for block in prose.blocks.iter().filter(|b| b.kind.is_running_text()) {
        first_text.get_or_insert(block.range.start);
        // Characters, scripts and kanji runs.
        let b = &text[block.range.clone()];
        let block_text = b;
        let mut cur: Option<(Script, usize, usize)> = None; // script, start byte, chars
        let mut close =
            |cur: Option<(Script, usize, usize)>, end: usize, st: &mut ReadabilityStats| {
                let Some((sc, start, len)) = cur else { return };
                let idx = match sc {
                    Script::Latin => 0,
                    Script::Hiragana => 1,
                    Script::Kanji => 2,
                    Script::Katakana => 3,
                    Script::Other => return,
                };
                run_stats[idx].0 += 1;
                run_stats[idx].1 += len;
                if sc == Script::Kanji {
                    // Kanji numerals read like digits (一週間以上続く): they do not count.
                    let run = &block_text[start..end];
                    let len = run.chars().filter(|&c| !is_kanji_numeral(c)).count();
                    st.longest_kanji_run = st.longest_kanji_run.max(len);
                    let range = block.range.start + start..block.range.start + end;
                    if len >= limits.kanji_run.max(2) && !exempt_run(prose, &range, &names, allow) {
                        st.kanji_runs += 1;
                        runs.push(range);
                    }
                }
            };
        let classes: &BmpTable<u8> = &CLASSES;
        let mut i = 0;
        while let Some((c, len)) = decode_at(b, i) {
            let at = i;
            i += len;
            let (sc, letter, space) = classify(classes, c);
            if space {
                close(cur.take(), at, &mut st);
                continue;
            }
            st.characters += 1;
            // Tables are data (hours, doses), not prose: not counted in the kanji ratio.
            if block.kind != BlockKind::TableCell {
                st.japanese_letters += usize::from(letter);
                st.kanji += usize::from(sc == Script::Kanji);
            }
            match c {
                '、' => ten += 1,
                '。' => maru += 1,
                _ => {}
            }
            match cur.as_mut() {
                Some((s, _, len)) if *s == sc => *len += 1,
                _ => {
                    close(cur.take(), at, &mut st);
                    cur = Some((sc, at, 1));
                }
            }
        }
        close(cur.take(), b.len(), &mut st);
    }
    if st.japanese_letters > 0 {
        st.kanji_ratio = st.kanji as f64 / st.japanese_letters as f64;
    }
    if st.sentences > 0 {
        st.average_sentence_chars = total_sentence_chars as f64 / st.sentences as f64;
        let mean = |i: usize| {
            let (n, total) = run_stats[i];
            if n == 0 { 0.0 } else { total as f64 / n as f64 }
        };
        let cp = if maru == 0 {
            ten as f64
        } else {
            ten as f64 / maru as f64
        };
        let rs = -0.12 * st.average_sentence_chars - 1.37 * mean(0) + 7.4 * mean(1)
            - 23.18 * mean(2)
            - 5.4 * mean(3)
            - 4.67 * cp
            + 115.79;
        st.tateishi = Some((rs * 10.0).round() / 10.0);
    }
    st.kanji_ratio = (st.kanji_ratio * 1000.0).round() / 1000.0;
    st.average_sentence_chars = (st.average_sentence_chars * 10.0).round() / 10.0;
    Measure {
        stats: st,
        long,
        commas,
        runs,
        first_text,
    }
}

/// How many 、 a sentence has, by a substring search (a `char` search would stop at every
/// 0x81, its last byte and a common byte inside kana). The searcher is made once: making one
/// costs about as much as searching a sentence.
fn count_ten(s: &str) -> usize {
    static TEN: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
        std::sync::LazyLock::new(|| memchr::memmem::Finder::new("、"));
    TEN.find_iter(s.as_bytes()).count()
}

/// Script, "Japanese letter" and whitespace of a character, packed in a byte: from a table
/// for the BMP (built once from [`script`], [`is_japanese_letter`] and
/// [`char::is_whitespace`]: Japanese text switches script every few characters, which makes
/// the range tests mispredict).
static CLASSES: std::sync::LazyLock<BmpTable<u8>> =
    std::sync::LazyLock::new(|| BmpTable::of(class_byte));

/// What [`CLASSES`] holds for `c`: the script in the low four bits, "Japanese letter" in bit
/// 4, whitespace in bit 5.
fn class_byte(c: char) -> u8 {
    script(c) as u8 | (u8::from(is_japanese_letter(c)) << 4) | (u8::from(c.is_whitespace()) << 5)
}

/// Script, "Japanese letter" and whitespace of `c`: from the table in the BMP, from the
/// functions beyond.
#[inline]
fn classify(table: &BmpTable<u8>, c: char) -> (Script, bool, bool) {
    let Some(t) = table.get(c) else {
        return (script(c), is_japanese_letter(c), c.is_whitespace());
    };
    let sc = match t & 0x0F {
        0 => Script::Latin,
        1 => Script::Hiragana,
        2 => Script::Kanji,
        3 => Script::Katakana,
        _ => Script::Other,
    };
    (sc, t & 0x10 != 0, t & 0x20 != 0)
}

/// 読点 that separate clauses; a comma after a short noun-like item of a list is not one.
fn counted_commas(sentence: &str) -> usize {
    const PARTICLE_ENDS: &str = "をにがはでてともばらしりずくへやのかどただね";
    sentence
        .split('、')
        .rev()
        .skip(1) // the part after the last comma ends the sentence, not a comma
        .filter(|seg| {
            let seg = seg.trim();
            let n = seg.chars().count();
            let last = seg.chars().next_back();
            n > 8 || last.is_some_and(|c| PARTICLE_ENDS.contains(c))
        })
        .count()
}

/// What makes a long run of kanji a name (see the `kanji-run` rule's lexicons).
struct Names<'r> {
    /// Official names that cannot be reworded.
    terms: &'r regex::Regex,
    /// How an organisation's name or a drug class ends.
    org: &'r regex::Regex,
    /// A word after the run that makes it part of a name (高齢者肺炎球菌ワクチン).
    head: &'r regex::Regex,
}

fn exempt_run(
    prose: &Prose,
    range: &std::ops::Range<usize>,
    names: &Names<'_>,
    allow: &[String],
) -> bool {
    let Names { terms, org, head } = names;
    let run = &prose.text[range.clone()];
    let chars = run.chars().count();
    if Prose::inside(&prose.links, range)
        || Prose::inside(&prose.ruby, range)
        || org.is_match(run)
        || head.is_match(&prose.text[range.end..])
    {
        return true;
    }
    // A term set in brackets is named, not written: 「炎症後色素沈着」 or （帯状疱疹後神経痛）
    // after what it means is how the reader will meet it elsewhere; so is a term with its
    // meaning in brackets right after it: 炎症後色素沈着（一時的に濃く見える状態）.
    let text = &prose.text;
    let closed = text[range.end..].starts_with(['」', '』', '”', '）', ')']);
    // (Or the end of a quoted name: 「ひなた坂市小児救急輪番」, opened a few characters before.)
    let opened = text[..range.start].ends_with(['「', '『', '“', '（', '('])
        || (closed
            && text[..range.start].rfind(['「', '『']).is_some_and(|o| {
                let inside = &text[o..range.start];
                inside.chars().count() <= 12 && !inside.contains(['」', '』', '。'])
            }));
    // (A gloss says something in words: 起立性調節障害（OD） only abbreviates it.)
    let glossed = text[range.end..]
        .strip_prefix(['（', '('])
        .and_then(|rest| rest.split([')', '）']).next())
        .is_some_and(|gloss| {
            gloss
                .chars()
                .any(|c| ('\u{3041}'..='\u{3096}').contains(&c))
        });
    if (opened && closed) || glossed {
        return true;
    }
    if terms
        .find_iter(run)
        .any(|m| m.as_str().chars().count() + 1 >= chars)
    {
        return true;
    }
    allow
        .iter()
        .any(|a| a.contains(run) || (run.contains(a.as_str()) && a.chars().count() + 1 >= chars))
}

/// The stats of an article, with the given thresholds.
pub(crate) fn stats(prose: &Prose, limits: &Readability) -> ReadabilityStats {
    measure(prose, limits, &[]).stats
}

pub(crate) fn run(prose: &Prose, env: &Env<'_>, out: &mut Vec<Raw>) {
    let reg = &*REGISTRY;
    let limits = &env.config.readability;
    let allow: Vec<String> = env
        .config
        .allow
        .iter()
        .map(|a| a.nfkc().collect())
        .collect();
    let m = measure(prose, limits, &allow);
    let cap = limits.max_findings;
    let mut push = |id: &str, ranges: &[std::ops::Range<usize>]| {
        if let Some(i) = reg.index(id) {
            out.extend(ranges.iter().take(cap).map(|r| Raw::new(i, r.clone())));
        }
    };
    push("long-sentence", &m.long);
    push("many-commas", &m.commas);
    push("kanji-run", &m.runs);
    if m.stats.japanese_letters >= MIN_LETTERS_FOR_RATIO
        && m.stats.kanji_ratio > limits.kanji_ratio
        && let (Some(i), Some(at)) = (reg.index("high-kanji-ratio"), m.first_text)
        && cap > 0
    {
        let end = prose.text[at..]
            .find('\n')
            .map_or(prose.text.len(), |e| at + e);
        let mut raw = Raw::new(i, at..end);
        raw.message = Some(format!(
            "{}（この記事：{:.0}%、めやす：{:.0}%まで）",
            reg.rules[i].message,
            m.stats.kanji_ratio * 100.0,
            limits.kanji_ratio * 100.0
        ));
        out.push(raw);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_sentences_are_long_by_words() {
        let short = "Most colds get better on their own, but a little preparation makes the season easier for the whole household.";
        assert!(!is_long(short, short.chars().count(), 100));
        let long = "If you are unsure whether a vaccine is right for you, because of an allergy, a health condition, a medicine you take every day or a pregnancy, ask us at your next visit.";
        assert!(is_long(long, long.chars().count(), 100));
        let japanese = "あ".repeat(101);
        assert!(is_long(&japanese, 101, 100));
    }

    #[test]
    fn list_commas_are_not_counted() {
        assert_eq!(
            counted_commas("めまい、立ちくらみ、手足のしびれ、筋肉がつる、汗が大量に出る"),
            0
        );
        assert_eq!(
            counted_commas("朝、起きたら、まず、血圧を、測って、記録しましょう。"),
            4
        );
        assert_eq!(counted_commas("くしゃみ、鼻水、鼻づまり"), 0);
    }

    #[test]
    fn the_class_table_agrees_with_the_functions_on_every_character() {
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            let slow = (script(c), is_japanese_letter(c), c.is_whitespace());
            assert_eq!(classify(&CLASSES, c), slow, "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn stats_of_a_small_article() {
        let src = "+++\n+++\n\n腰の痛みは、よくある症状です。高血圧性心疾患重症化予防対策を考えます。\n\n## 日本高血圧学会の指針\n";
        let p = Prose::article(src, 8, "", None);
        let st = stats(&p, &Readability::default());
        assert_eq!(st.sentences, 2);
        assert_eq!(st.longest_kanji_run, 14);
        assert_eq!(st.kanji_runs, 1);
        assert!(st.kanji_ratio > 0.5);
        assert!(st.tateishi.is_some());
    }
}
