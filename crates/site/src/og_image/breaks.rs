//! Where a line may break: BudouX phrase boundaries, spaces and hyphens, never inside a Latin
//! word, and the kinsoku rules of Japanese line starts and ends.

/// Characters that may not start a line (JIS X 4051 行頭禁則, strict: small kana and ー too).
pub(super) fn no_line_start(c: char) -> bool {
    matches!(
        c,
        '、' | '。' | '，' | '．' | ',' | '.' | ':' | ';' | '!' | '?' | '！' | '？' | '：' | '；'
            | ')' | ']' | '}' | '）' | '］' | '｝' | '〕' | '〉' | '》' | '」' | '』' | '】'
            | '〙' | '〗' | '〟' | '’' | '”' | '｠' | '»' | '・' | 'ー' | '〜' | '～' | '…'
            | '‥' | 'ゝ' | 'ゞ' | 'ヽ' | 'ヾ' | '々' | '〻' | '゠' | '‐' | '%' | '％' | '‰'
            | '℃' | '°' | '′' | '″'
            | 'ぁ' | 'ぃ' | 'ぅ' | 'ぇ' | 'ぉ' | 'っ' | 'ゃ' | 'ゅ' | 'ょ' | 'ゎ' | 'ゕ' | 'ゖ'
            | 'ァ' | 'ィ' | 'ゥ' | 'ェ' | 'ォ' | 'ッ' | 'ャ' | 'ュ' | 'ョ' | 'ヮ' | 'ヵ' | 'ヶ'
            | 'ㇰ'..='ㇿ'
            | 'ｧ'..='ｯ'
            | 'ｰ'
            | '､'
            | '｡'
            | '｣'
    )
}

/// Characters that may not end a line (行末禁則).
pub(super) fn no_line_end(c: char) -> bool {
    matches!(
        c,
        '(' | '['
            | '{'
            | '（'
            | '［'
            | '｛'
            | '〔'
            | '〈'
            | '《'
            | '「'
            | '『'
            | '【'
            | '〘'
            | '〖'
            | '〝'
            | '‘'
            | '“'
            | '｟'
            | '«'
            | '｢'
            | '¥'
            | '￥'
            | '$'
            | '＄'
            | '#'
            | '＃'
            | '№'
    )
}

/// Full-width opening brackets, drawn in the right half of their em: half an em of blank before.
pub(super) fn opening_bracket(c: char) -> bool {
    matches!(
        c,
        '（' | '［' | '｛' | '〔' | '〈' | '《' | '「' | '『' | '【' | '〘' | '〖' | '〝'
    )
}

/// Full-width closing punctuation, drawn in the left half of its em: half an em of blank after.
pub(super) fn closing_punctuation(c: char) -> bool {
    matches!(
        c,
        '、' | '。'
            | '，'
            | '．'
            | '）'
            | '］'
            | '｝'
            | '〕'
            | '〉'
            | '》'
            | '」'
            | '』'
            | '】'
            | '〙'
            | '〗'
            | '〟'
    )
}

pub(super) fn is_space(c: char) -> bool {
    c == ' ' || c == '\u{3000}'
}

/// Letters and digits other than kana and kanji (Latin, Greek, full-width digits…), and the
/// marks inside numbers and words: the inside of a word, where no line may break.
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() && !clinote_text::japanese::is_japanese_letter(c)
        || matches!(c, '\'' | '’' | '.' | ',' | '．' | '，')
}

pub(super) fn uses_phrases(s: &str) -> bool {
    s.chars().any(clinote_text::japanese::is_cjk)
}

/// Whether kinsoku allows a break between `before` and `after`.
pub(super) fn kinsoku_ok(before: char, after: char) -> bool {
    // Two-em dashes and leaders stay together.
    let doubled = before == after && matches!(before, '…' | '‥' | '―' | '—');
    !(no_line_start(after) || no_line_end(before) || doubled)
}

/// Byte offsets where a new line may start: after a space, at a BudouX phrase boundary, after a
/// hyphen between letters; never inside a Latin word, never against kinsoku. Sorted, unique,
/// strictly inside the string.
pub(super) fn break_opportunities(s: &str) -> Vec<usize> {
    let mut ops = Vec::new();
    if uses_phrases(s) {
        let parser = budoux_phf_rs::Parser::japanese_parser();
        let mut offset = 0;
        parser.parse_with(s, |chunk| {
            offset += chunk.len();
            ops.push(offset);
        });
    }
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    for pair in chars.windows(2) {
        let [(_, a), (j, b)] = [pair[0], pair[1]];
        if is_space(a) && !is_space(b) || a == '-' && b.is_alphabetic() {
            ops.push(j);
        }
    }
    ops.sort_unstable();
    ops.dedup();
    ops.retain(|&p| {
        if p == 0 || p >= s.len() {
            return false;
        }
        let (Some(before), Some(after)) = (s[..p].chars().next_back(), s[p..].chars().next())
        else {
            return false;
        };
        if is_space(before) {
            // A break after a space: the space goes, only the next line's start matters.
            return !no_line_start(after);
        }
        if is_space(after) {
            return false; // the break after the space covers it
        }
        let before_before = s[..p].chars().rev().nth(1);
        kinsoku_ok(before, after)
            && (!inside_word(before, after) || hyphen_break(before_before, before, after))
    });
    ops
}

fn is_joiner(c: char) -> bool {
    matches!(c, '-' | '‐' | '/' | '_' | '+' | '@' | '&')
}

/// Whether `before|after` lies inside a word or number (`COVID|-19`, `COVID-|19`, `2|026`).
pub(super) fn inside_word(before: char, after: char) -> bool {
    let word = |c| is_word_char(c) || is_joiner(c);
    word(before) && word(after) && (is_word_char(before) || is_word_char(after))
}

/// A break after the hyphen of a compound between letters (`self-|care`), not of a number or
/// code (`COVID-|19`).
fn hyphen_break(before_before: Option<char>, before: char, after: char) -> bool {
    matches!(before, '-' | '‐')
        && after.is_alphabetic()
        && before_before.is_some_and(char::is_alphabetic)
}
