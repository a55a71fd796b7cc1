//! `clinote count`: a post's length exactly as X counts it, for posts staff write outside
//! articles.
//!
//! The counting itself is [`clinote_posts::parse`], the counter of record that every post
//! clinote writes or shows goes through; this module only reads the input and says what X
//! would make of it:
//!
//! ```text
//! clinote count "花粉症の季節です"            16/280 ✓
//! clinote count < post.txt                   (the whole of stdin is one post)
//! clinote count --format json < posts.jsonl  one {"text": …} per line in, one result per line out
//! ```
//!
//! Exit status: 0 when every post is valid, 1 when any is not, 2 when the input itself is
//! wrong (no text, a line that is not `{"text": "…"}`, input that is not UTF-8).

use std::io::{BufRead, IsTerminal, Read, Write};
use std::process::ExitCode;

use clap::Args;
use clinote_posts::{INVALID_CHARS, MAX_WEIGHTED_LENGTH, Parsed, URL_WEIGHT, parse};
use serde::Serialize;

#[derive(Args)]
pub struct CountArgs {
    /// 数える投稿文（省略すると標準入力から読む）/ The post to count (read from stdin when left out)
    #[arg(value_name = "TEXT")]
    text: Option<String>,
    /// 出力の形式（json: 標準入力の 1 行 1 件の {"text": …} を読み、1 行 1 件で結果を出す）/ Output format (json: read one {"text": …} per line from stdin, write one result per line)
    #[arg(long, value_enum, default_value_t = CountFormat::Text)]
    format: CountFormat,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum CountFormat {
    /// 読みやすい形 / Readable
    Text,
    /// JSON Lines（スクリプト・予約投稿ツール向け）/ JSON Lines, for scripts and scheduling tools
    Json,
}

/// Exit status when the input is not something to count.
const WRONG_INPUT: u8 = 2;

pub fn run(args: CountArgs) -> ExitCode {
    match (args.format, args.text) {
        (CountFormat::Text, Some(text)) => human(&text),
        (CountFormat::Json, Some(text)) => {
            let parsed = parse(&text);
            print_json_line(&JsonResult::new(&text, &parsed));
            exit_for(parsed.valid)
        }
        (format, None) => {
            if std::io::stdin().is_terminal() {
                eprintln!(
                    "数える投稿文を引数で渡すか、標準入力に流してください（例: clinote count \"本文\"）\n\
                     give the post as an argument or on stdin (e.g. clinote count \"text\")"
                );
                return ExitCode::from(WRONG_INPUT);
            }
            match format {
                CountFormat::Text => match read_stdin() {
                    Ok(text) => human(strip_final_newline(&text)),
                    Err(code) => code,
                },
                CountFormat::Json => json_lines(std::io::stdin().lock()),
            }
        }
    }
}

/// All of stdin as text, or the exit code after saying why it can't be read.
fn read_stdin() -> Result<String, ExitCode> {
    let mut bytes = Vec::new();
    if let Err(e) = std::io::stdin().read_to_end(&mut bytes) {
        eprintln!("標準入力を読めませんでした / could not read stdin: {e}");
        return Err(ExitCode::from(WRONG_INPUT));
    }
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        eprintln!(
            "標準入力が UTF-8 ではありません（{at} バイト目）。UTF-8 で保存してください / stdin is not UTF-8 (at byte {at}): save the text as UTF-8"
        );
        ExitCode::from(WRONG_INPUT)
    })
}

/// The newline that `echo` and editors put at the end of a file is not part of the post.
fn strip_final_newline(text: &str) -> &str {
    text.strip_suffix("\r\n")
        .or_else(|| text.strip_suffix('\n'))
        .unwrap_or(text)
}

/// Prints `168/280 ✓`, or what is wrong, and the links and hashtags X sees.
fn human(text: &str) -> ExitCode {
    let parsed = parse(text);
    let mut out = format!(
        "{}/{MAX_WEIGHTED_LENGTH} {}\n",
        parsed.weighted_length,
        if parsed.valid { "✓" } else { "✗" }
    );
    for problem in problems(text, &parsed) {
        out.push_str(&format!("  {problem}\n"));
    }
    if !parsed.urls.is_empty() {
        out.push_str(&format!(
            "  X がリンクにする文字列（長さに関係なく 1 つ {URL_WEIGHT} と数えます）/ X links these ({URL_WEIGHT} each, whatever their length): {}\n",
            parsed.urls.join("  ")
        ));
    }
    if !parsed.hashtags.is_empty() {
        let tags: Vec<String> = parsed.hashtags.iter().map(|t| format!("#{t}")).collect();
        out.push_str(&format!("  ハッシュタグ / hashtags: {}\n", tags.join("  ")));
    }
    print!("{out}");
    exit_for(parsed.valid)
}

/// Why X refuses the post, in Japanese and English; empty when it is valid.
fn problems(text: &str, parsed: &Parsed) -> Vec<String> {
    let mut out = Vec::new();
    if parsed.weighted_length == 0 {
        out.push("投稿が空です / the post is empty".to_string());
    }
    if let Some(over) = parsed.weighted_length.checked_sub(MAX_WEIGHTED_LENGTH)
        && over > 0
    {
        out.push(format!(
            "{over} 多すぎます。全角なら {} 文字、半角なら {over} 文字削ってください / {over} over the limit: cut {} full-width or {over} half-width character(s)",
            over.div_ceil(2),
            over.div_ceil(2)
        ));
    }
    for (line, column, c) in invalid_chars(text) {
        out.push(format!(
            "{line} 行 {column} 文字目の U+{code:04X} は X が受け付けない文字です。消してください / X refuses U+{code:04X} at line {line}, character {column}: delete it",
            code = c as u32
        ));
    }
    out
}

/// Where the characters that make a post invalid are: (line, character in line, char), from 1.
fn invalid_chars(text: &str) -> Vec<(usize, usize, char)> {
    text.lines()
        .enumerate()
        .flat_map(|(l, line)| {
            line.chars()
                .enumerate()
                .filter(|(_, c)| INVALID_CHARS.contains(c))
                .map(move |(i, c)| (l + 1, i + 1, c))
        })
        .collect()
}

/// One line of `--format json` output. The keys and their order are part of the interface.
#[derive(Serialize)]
struct JsonResult<'a> {
    text: Option<&'a str>,
    weighted_length: Option<usize>,
    valid: bool,
    urls: &'a [String],
    hashtags: &'a [String],
    /// Only for an input line that could not be read.
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<String>,
}

impl<'a> JsonResult<'a> {
    fn new(text: &'a str, parsed: &'a Parsed) -> JsonResult<'a> {
        JsonResult {
            text: Some(text),
            weighted_length: Some(parsed.weighted_length),
            valid: parsed.valid,
            urls: &parsed.urls,
            hashtags: &parsed.hashtags,
            error: None,
        }
    }

    fn unreadable(error: String) -> JsonResult<'static> {
        JsonResult {
            text: None,
            weighted_length: None,
            valid: false,
            urls: &[],
            hashtags: &[],
            error: Some(error),
        }
    }
}

#[derive(serde::Deserialize)]
struct JsonInput {
    text: String,
}

/// `--format json` on stdin: one result line per input line, in order, so that results can
/// be joined to inputs by line. Blank lines are skipped; a line that is not `{"text": "…"}`
/// gets a result with `error` (and a message on stderr) and the run exits with 2.
fn json_lines(input: impl BufRead) -> ExitCode {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut all_valid = true;
    let mut unreadable = false;
    for (n, line) in input.split(b'\n').enumerate() {
        let line_no = n + 1;
        let line = match line {
            Ok(l) => l,
            Err(e) => {
                eprintln!("標準入力を読めませんでした / could not read stdin: {e}");
                return ExitCode::from(WRONG_INPUT);
            }
        };
        let line = line.strip_suffix(b"\r").unwrap_or(&line);
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let result = match serde_json::from_slice::<JsonInput>(line) {
            Ok(input) => {
                let parsed = parse(&input.text);
                all_valid &= parsed.valid;
                serde_json::to_string(&JsonResult::new(&input.text, &parsed))
            }
            Err(e) => {
                unreadable = true;
                eprintln!(
                    "{line_no} 行目を読めません。1 行に {{\"text\": \"投稿文\"}} を 1 つ書いてください / line {line_no}: expected {{\"text\": \"…\"}} on one line: {e}"
                );
                serde_json::to_string(&JsonResult::unreadable(format!("line {line_no}: {e}")))
            }
        };
        // Serialising these plain structs cannot fail; a closed stdout ends the run.
        let Ok(result) = result else { continue };
        if writeln!(out, "{result}").is_err() {
            return ExitCode::from(WRONG_INPUT);
        }
    }
    if out.flush().is_err() {
        return ExitCode::from(WRONG_INPUT);
    }
    if unreadable {
        ExitCode::from(WRONG_INPUT)
    } else {
        exit_for(all_valid)
    }
}

fn print_json_line(result: &JsonResult<'_>) {
    match serde_json::to_string(result) {
        Ok(line) => println!("{line}"),
        Err(e) => eprintln!("JSON を作れませんでした / could not write JSON: {e}"),
    }
}

fn exit_for(valid: bool) -> ExitCode {
    if valid {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn says_by_how_much_a_post_is_too_long() {
        let text = "あ".repeat(141);
        let p = problems(&text, &parse(&text));
        assert_eq!(p.len(), 1);
        assert!(p[0].starts_with("2 多すぎます。全角なら 1 文字"), "{p:?}");
    }

    #[test]
    fn points_at_characters_x_refuses() {
        let text = "一行目\n二行\u{FEFF}目";
        assert_eq!(invalid_chars(text), [(2, 3, '\u{FEFF}')]);
        let p = problems(text, &parse(text));
        assert!(p[0].contains("2 行 3 文字目の U+FEFF"), "{p:?}");
    }

    #[test]
    fn an_empty_post_is_named() {
        assert_eq!(
            problems("", &parse("")),
            ["投稿が空です / the post is empty"]
        );
    }

    #[test]
    fn only_the_final_newline_is_dropped() {
        assert_eq!(strip_final_newline("a\n\n"), "a\n");
        assert_eq!(strip_final_newline("a\r\n"), "a");
        assert_eq!(strip_final_newline("a"), "a");
    }
}
