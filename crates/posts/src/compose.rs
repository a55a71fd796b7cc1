//! Fitting a teaser into a length limit by shortening its text, never its link.
//!
//! A draft is a list of [`Block`]s, one per line (a title, a few sentences, a checklist, a
//! closing phrase). Each block says how much it matters (`keep`). While the text is too
//! long, [`fit`] removes the least important thing it can: the last sentence of a block,
//! or a whole block; when only one sentence is left that is still too long, it is cut at a
//! clause boundary with `…` ([`cut::shorten`]). Every step removes whole sentences or
//! clauses, so what is left still reads as written.

use clinote_text::Language;

use super::cut;

/// One line of a draft.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Block {
    /// Sentences (or checklist items); the last ones go first.
    pub parts: Vec<String>,
    /// What joins the parts: `""` for Japanese sentences, `" "` for English or a checklist.
    pub sep: &'static str,
    /// Lower goes first, whether trimming a part or removing the block.
    pub keep: u8,
    /// Whether the whole block may be removed.
    pub droppable: bool,
    /// Parts that must stay (a checklist needs two items).
    pub min_parts: usize,
    /// Whether a last, single sentence may be cut at a clause boundary.
    pub cuttable: bool,
    /// Said after the last part when some were left out (`など` after a shortened list, so
    /// it does not look complete).
    pub elided: Option<&'static str>,
    /// Whether the block goes on with the line of the block before it (no line break): the
    /// last sentences of one paragraph that matter less than the rest of it.
    pub continues: bool,
    /// Whether parts were left out.
    trimmed: bool,
}

impl Block {
    /// One fixed line (a heading, a closing phrase): removed whole, never cut.
    pub fn line(text: impl Into<String>, keep: u8) -> Block {
        Block {
            parts: vec![text.into()],
            sep: "",
            keep,
            droppable: true,
            min_parts: 1,
            cuttable: false,
            elided: None,
            continues: false,
            trimmed: false,
        }
    }

    /// Items on one line (`✔ 手洗い ✔ 睡眠`): trimmed from the end down to `min`, never
    /// removed or cut.
    pub fn list(items: Vec<String>, keep: u8, min: usize) -> Block {
        Block {
            parts: items,
            sep: " ",
            keep,
            droppable: false,
            min_parts: min,
            cuttable: false,
            elided: None,
            continues: false,
            trimmed: false,
        }
    }

    /// Sentences on one line, shortened from the end, and cut at a clause as a last resort.
    pub fn sentences(parts: Vec<String>, language: Language, keep: u8) -> Block {
        Block {
            parts,
            sep: match language {
                Language::Ja => "",
                Language::En => " ",
            },
            keep,
            droppable: true,
            min_parts: 1,
            cuttable: true,
            elided: None,
            continues: false,
            trimmed: false,
        }
    }

    /// Consecutive pieces of one line, each holding its leading space (a writer's own
    /// text): joined as they are, so the unshortened line is exactly as written.
    pub fn pieces(parts: Vec<String>, keep: u8) -> Block {
        Block {
            parts,
            sep: "",
            keep,
            droppable: true,
            min_parts: 1,
            cuttable: true,
            elided: None,
            continues: false,
            trimmed: false,
        }
    }

    /// The same block, never removed (it may still be trimmed or cut).
    pub fn required(mut self) -> Block {
        self.droppable = false;
        self
    }

    fn text(&self) -> String {
        let mut text = self.parts.join(self.sep);
        if self.trimmed
            && let Some(more) = self.elided
        {
            text.push_str(more);
        }
        text
    }
}

/// The longest version of `blocks` (joined with `between`) for which `fits` holds, or `None`
/// when even the shortest does not fit.
pub(crate) fn fit(
    mut blocks: Vec<Block>,
    between: &str,
    language: Language,
    fits: impl Fn(&str) -> bool,
) -> Option<String> {
    loop {
        blocks.retain(|b| !b.parts.is_empty());
        if blocks.is_empty() {
            return None;
        }
        let text = render(&blocks, between);
        if fits(&text) {
            return Some(text);
        }
        // The least important block goes first (the last one on a tie): trim a sentence if it
        // has more than it needs, otherwise remove it, unless it is the only block left.
        let can_drop = blocks.len() > 1;
        let candidate = blocks
            .iter()
            .enumerate()
            .filter(|(_, b)| b.parts.len() > b.min_parts || (can_drop && b.droppable))
            .min_by_key(|(i, b)| (b.keep, std::cmp::Reverse(*i)))
            .map(|(i, _)| i);
        if let Some(i) = candidate {
            if blocks[i].parts.len() > blocks[i].min_parts {
                blocks[i].parts.pop();
                blocks[i].trimmed = true;
            } else {
                blocks.remove(i);
                // What went on its line starts a line of its own.
                if let Some(next) = blocks.get_mut(i) {
                    next.continues = false;
                }
            }
            continue;
        }
        return cut_longest(&blocks, between, language, &fits);
    }
}

/// Cuts the longest single-sentence block at a clause so that the whole fits.
fn cut_longest(
    blocks: &[Block],
    between: &str,
    language: Language,
    fits: &impl Fn(&str) -> bool,
) -> Option<String> {
    let (i, block) = blocks
        .iter()
        .enumerate()
        .filter(|(_, b)| b.cuttable && b.parts.len() == 1)
        .max_by_key(|(_, b)| b.parts[0].chars().count())?;
    cut::shorten(&block.parts[0], language, |shorter| {
        let mut trial = blocks.to_vec();
        trial[i].parts = vec![shorter.to_string()];
        fits(&render(&trial, between))
    })
    .map(|shorter| {
        let mut done = blocks.to_vec();
        done[i].parts = vec![shorter];
        render(&done, between)
    })
}

fn render(blocks: &[Block], between: &str) -> String {
    let mut out = String::new();
    for (i, b) in blocks.iter().enumerate() {
        if i > 0 && !b.continues {
            out.push_str(between);
        }
        // (Two blocks of English sentences on one line need a space between them.)
        if i > 0 && b.continues && b.sep == " " {
            out.push(' ');
        }
        out.push_str(&b.text());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars_at_most(n: usize) -> impl Fn(&str) -> bool {
        move |t: &str| t.chars().count() <= n
    }

    fn s(v: &[&str]) -> Vec<String> {
        v.iter().map(|x| x.to_string()).collect()
    }

    #[test]
    fn a_continuing_block_goes_on_the_line_before_and_goes_first() {
        let mut tail = Block::sentences(s(&["まとめました。"]), Language::Ja, 1);
        tail.continues = true;
        let blocks = vec![
            Block::sentences(s(&["一文目です。"]), Language::Ja, 5),
            tail,
            Block::line("詳しくはブログで。", 3),
        ];
        assert_eq!(
            fit(blocks.clone(), "\n", Language::Ja, chars_at_most(100)).unwrap(),
            "一文目です。まとめました。\n詳しくはブログで。"
        );
        assert_eq!(
            fit(blocks, "\n", Language::Ja, chars_at_most(16)).unwrap(),
            "一文目です。\n詳しくはブログで。"
        );
    }

    #[test]
    fn removes_the_least_important_first() {
        let blocks = vec![
            Block::line("題名", 8),
            Block::sentences(s(&["一文目です。", "二文目です。"]), Language::Ja, 5),
            Block::line("詳しくはブログで。", 1),
        ];
        let all = "題名\n一文目です。二文目です。\n詳しくはブログで。";
        assert_eq!(
            fit(blocks.clone(), "\n", Language::Ja, chars_at_most(100)).as_deref(),
            Some(all)
        );
        // The closing phrase (keep 1) goes before the second sentence (keep 5).
        assert_eq!(
            fit(blocks.clone(), "\n", Language::Ja, chars_at_most(16)).as_deref(),
            Some("題名\n一文目です。二文目です。")
        );
        assert_eq!(
            fit(blocks.clone(), "\n", Language::Ja, chars_at_most(10)).as_deref(),
            Some("題名\n一文目です。")
        );
        assert_eq!(
            fit(blocks, "\n", Language::Ja, chars_at_most(2)).as_deref(),
            Some("題名")
        );
    }

    #[test]
    fn cuts_at_a_clause_and_gives_up_without_one() {
        let blocks = vec![
            Block::sentences(
                s(&["花粉症の季節、目のかゆみは我慢せず相談を。"]),
                Language::Ja,
                9,
            )
            .required(),
        ];
        assert_eq!(
            fit(blocks, "\n", Language::Ja, chars_at_most(8)).as_deref(),
            Some("花粉症の季節…")
        );
        let no_clause = vec![Block::sentences(
            s(&["句読点のない長い題名"]),
            Language::Ja,
            9,
        )];
        assert_eq!(fit(no_clause, "\n", Language::Ja, chars_at_most(5)), None);
    }

    #[test]
    fn keeps_a_minimum_of_checklist_items() {
        let list = Block::list(s(&["✔ 手洗い", "✔ 睡眠", "✔ 加湿"]), 4, 2);
        let blocks = vec![Block::line("予防のポイント", 5), list];
        assert_eq!(
            fit(blocks.clone(), "\n", Language::Ja, chars_at_most(18)).as_deref(),
            Some("予防のポイント\n✔ 手洗い ✔ 睡眠")
        );
        assert_eq!(
            fit(blocks.clone(), "\n", Language::Ja, chars_at_most(10)).as_deref(),
            Some("✔ 手洗い ✔ 睡眠")
        );
        assert_eq!(fit(blocks, "\n", Language::Ja, chars_at_most(5)), None);
    }

    #[test]
    fn a_list_cut_to_fit_says_so() {
        let mut list = Block::list(s(&["✔ 手洗い", "✔ 睡眠", "✔ 加湿"]), 4, 2);
        list.elided = Some(" など");
        let whole = fit(vec![list.clone()], "\n", Language::Ja, chars_at_most(40));
        assert_eq!(whole.as_deref(), Some("✔ 手洗い ✔ 睡眠 ✔ 加湿"));
        let cut = fit(vec![list], "\n", Language::Ja, chars_at_most(13));
        assert_eq!(cut.as_deref(), Some("✔ 手洗い ✔ 睡眠 など"));
    }
}
