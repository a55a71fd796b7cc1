//! Automatic summaries and reading time, measured the way Japanese readers read.

use clinote_text::japanese::{is_cjk, is_sentence_end};

/// Japanese characters read per minute (a common figure for web text is 400–600).
const CJK_CHARS_PER_MINUTE: f64 = 500.0;
/// Latin-script words read per minute.
const WORDS_PER_MINUTE: f64 = 200.0;

/// Flattens paragraph text into one line: whitespace runs become one space, and spaces between
/// two CJK characters (left from line breaks) disappear.
pub fn flatten(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    for c in text.chars() {
        if c.is_whitespace() && c != '\u{3000}' {
            pending_space = !out.is_empty();
            continue;
        }
        if pending_space {
            let prev_cjk = out.chars().next_back().is_some_and(is_cjk);
            if !(prev_cjk && is_cjk(c)) {
                out.push(' ');
            }
            pending_space = false;
        }
        out.push(c);
    }
    out
}

/// Splits text into sentences, each keeping its final mark and any closing bracket after it
/// (`「…です。」`).
pub fn sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let english_stop = c == '.' && chars.peek().is_some_and(|(_, n)| n.is_whitespace());
        if is_sentence_end(c) || english_stop {
            let mut end = i + c.len_utf8();
            while let Some(&(j, n)) = chars.peek() {
                if matches!(n, '」' | '』' | '）' | ')' | '"' | '”') || is_sentence_end(n) {
                    end = j + n.len_utf8();
                    chars.next();
                } else {
                    break;
                }
            }
            let s = text[start..end].trim();
            if !s.is_empty() {
                out.push(s);
            }
            start = end;
        }
    }
    let rest = text[start..].trim();
    if !rest.is_empty() {
        out.push(rest);
    }
    out
}

/// The first whole sentences of `text` that fit in `max_chars`; when even the first sentence is
/// longer, it is cut and ends with `…`.
pub fn auto_summary(text: &str, max_chars: usize) -> String {
    let flat = flatten(text);
    if flat.chars().count() <= max_chars {
        return flat;
    }
    let mut out = String::new();
    let mut count = 0;
    for s in sentences(&flat) {
        let n = s.chars().count() + usize::from(!out.is_empty() && !s.starts_with(is_cjk));
        if count + n > max_chars {
            break;
        }
        if !out.is_empty() && !s.starts_with(is_cjk) {
            out.push(' ');
        }
        out.push_str(s);
        count += n;
    }
    if out.is_empty() {
        out = flat.chars().take(max_chars.saturating_sub(1)).collect();
        out.push('…');
    }
    out
}

/// Minutes to read `text`: CJK characters at about 500 a minute, other words at about 200.
pub fn reading_minutes(text: &str) -> u32 {
    let (cjk, words) = cjk_and_words(text);
    let minutes = (cjk as f64 / CJK_CHARS_PER_MINUTE + words as f64 / WORDS_PER_MINUTE).ceil();
    (minutes as u32).max(1)
}

/// CJK characters, counted one by one, and words: runs between spaces and CJK characters that
/// hold a letter or digit. One pass.
fn cjk_and_words(text: &str) -> (usize, usize) {
    let (mut cjk, mut words, mut in_word) = (0usize, 0usize, false);
    for c in text.chars() {
        let cjk_char = is_cjk(c);
        if cjk_char || c.is_whitespace() {
            cjk += usize::from(cjk_char);
            words += usize::from(in_word);
            in_word = false;
        } else if c.is_alphanumeric() {
            in_word = true;
        }
    }
    words += usize::from(in_word);
    (cjk, words)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flattens_line_breaks_in_japanese() {
        assert_eq!(
            flatten("冬は\n手洗いが\n大切です。"),
            "冬は手洗いが大切です。"
        );
        assert_eq!(flatten("Wash\nyour  hands."), "Wash your hands.");
    }

    #[test]
    fn splits_sentences() {
        assert_eq!(
            sentences("寒くなりました。「手を洗おう。」と言います！本当？はい"),
            [
                "寒くなりました。",
                "「手を洗おう。」",
                "と言います！",
                "本当？",
                "はい"
            ]
        );
        assert_eq!(sentences("One. Two!"), ["One.", "Two!"]);
    }

    #[test]
    fn summary_cuts_at_a_sentence_end() {
        let text = "あ".repeat(50) + "。" + &"い".repeat(50) + "。" + &"う".repeat(50) + "。";
        let s = auto_summary(&text, 120);
        assert_eq!(s.chars().count(), 102);
        assert!(s.ends_with('。'));
        let long = "え".repeat(300);
        let s = auto_summary(&long, 120);
        assert_eq!(s.chars().count(), 120);
        assert!(s.ends_with('…'));
        assert_eq!(auto_summary("短い文。", 120), "短い文。");
    }

    #[test]
    fn reading_time() {
        assert_eq!(reading_minutes(""), 1);
        // The same counts as splitting the text into words.
        let plain = |t: &str| {
            let cjk = t.chars().filter(|&c| is_cjk(c)).count();
            let words = t
                .split(|c: char| c.is_whitespace() || is_cjk(c))
                .filter(|w| w.chars().any(char::is_alphanumeric))
                .count();
            (cjk, words)
        };
        for t in [
            "",
            " ",
            "a",
            "手洗いは 30 秒。Wash your hands, please! ー・「」",
            "word言葉word -- ... été x-ray 1,000語 ①② \u{3000}x\u{3000}",
            "…！？ a-b c_d ｅｆ 12:30",
        ] {
            assert_eq!(cjk_and_words(t), plain(t), "{t:?}");
        }
        // Every character of the kana and kanji blocks and around them, each between letters,
        // spaces or other such characters.
        let all: Vec<char> = (0x2F00..0xA100).filter_map(char::from_u32).collect();
        for sep in ["a", " ", "", "\u{0B}", "é", "𠮷"] {
            let t: String = all.iter().map(|c| format!("{c}{sep}")).collect();
            assert_eq!(cjk_and_words(&t), plain(&t), "separator {sep:?}");
        }
        assert_eq!(reading_minutes(&"あ".repeat(1500)), 3);
        assert_eq!(reading_minutes(&"word ".repeat(400)), 2);
    }
}
