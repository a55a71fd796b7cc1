//! Characters that XML forbids and HTML reads as an error, replaced where a file is read:
//! control characters (a vertical tab or U+0008 pasted from Excel or a PDF, an escape code)
//! become spaces, U+FFFE and U+FFFF become U+FFFD. Each replacement keeps the byte length
//! (a two-byte C1 control becomes two spaces), so every position in the file stays right for
//! later messages. The writer gets a warning at each line that held one, so feeds, pages and
//! the terminal never get them.

use clinote_diagnostic::{Bilingual, Diagnostic, Location};

/// Replaces the forbidden characters of `text` (read from `file`), with a warning per line.
pub fn replace_forbidden(text: &mut String, file: &str, diags: &mut Vec<Diagnostic>) {
    let bytes = text.as_bytes();
    // A fold without branches, which the compiler turns into vector code. C1 controls
    // (U+0080–U+009F) are C2 80–C2 9F in UTF-8, and C2 is rare in Japanese text.
    let c0 = bytes
        .iter()
        .fold(0u8, |seen, &b| seen | u8::from(is_forbidden_control(b)));
    let has_control = c0 != 0
        || memchr::memchr_iter(0xC2, bytes)
            .any(|i| bytes.get(i + 1).is_some_and(|b| (0x80..=0x9F).contains(b)));
    let has_nonchar = memchr::memmem::find(bytes, "\u{FFFE}".as_bytes()).is_some()
        || memchr::memmem::find(bytes, "\u{FFFF}".as_bytes()).is_some();
    if !has_control && !has_nonchar {
        return;
    }
    let mut out = String::with_capacity(text.len());
    let mut warned_line = 0;
    for (line_index, line) in text.split_inclusive('\n').enumerate() {
        let mut found: Option<char> = None;
        for c in line.chars() {
            let replaced = match c {
                c if c.is_ascii() && is_forbidden_control(c as u8) => " ",
                '\u{80}'..='\u{9F}' => "  ",
                '\u{FFFE}' | '\u{FFFF}' => "\u{FFFD}",
                c => {
                    out.push(c);
                    continue;
                }
            };
            found.get_or_insert(c);
            out.push_str(replaced);
        }
        if let Some(c) = found
            && warned_line != line_index + 1
        {
            warned_line = line_index + 1;
            diags.push(warning(file, text, line_index + 1, c));
        }
    }
    *text = out;
}

/// C0 controls other than tab, line feed and carriage return.
fn is_forbidden_control(b: u8) -> bool {
    b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r')
}

fn warning(file: &str, text: &str, line: usize, c: char) -> Diagnostic {
    let code = c as u32;
    Diagnostic::warning(Bilingual::new(
        format!("{line} 行目に見えない制御文字（U+{code:04X}）があります。空白に置きかえて公開します"),
        format!("line {line} holds an invisible control character (U+{code:04X}); it is published as a space"),
    ))
    .at(Location::at_line(file, text, line))
    .help(Bilingual::new(
        "Excel や PDF から貼りつけると入ることがあります。その行を打ち直すと消えます。",
        "it comes with text pasted from Excel or a PDF; retype the line to remove it",
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_become_spaces_and_offsets_stay() {
        let mut text =
            "title = \"花粉\u{0B}症\"\n本文\u{08}です\u{FFFE}\n\tタブはそのまま\n\u{1B}[31m赤\u{9B}\n".to_string();
        let before = text.len();
        let mut diags = Vec::new();
        replace_forbidden(&mut text, "a.md", &mut diags);
        assert_eq!(
            text,
            "title = \"花粉 症\"\n本文 です\u{FFFD}\n\tタブはそのまま\n [31m赤  \n"
        );
        assert_eq!(text.len(), before);
        assert_eq!(diags.len(), 3, "one warning per line");
        assert!(diags[0].message.ja.contains("U+000B"));
        assert_eq!(diags[1].location.as_ref().unwrap().line, 2);
    }

    #[test]
    fn clean_text_is_left_alone() {
        let mut text = "ふつうの文。\r\n".to_string();
        let mut diags = Vec::new();
        replace_forbidden(&mut text, "a.md", &mut diags);
        assert_eq!(text, "ふつうの文。\r\n");
        assert!(diags.is_empty());
    }
}
