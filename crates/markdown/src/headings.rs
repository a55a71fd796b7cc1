//! Heading ids and the table of contents.
//!
//! Ids keep Japanese as written (`## 手洗いのコツ` → `id="手洗いのコツ"`): readable in the
//! address bar and stable when shared. `{#custom-id}` after a heading overrides the id.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

/// One entry of the table of contents (h2 and h3).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TocEntry {
    /// 2 or 3.
    pub level: u8,
    pub id: String,
    pub title: String,
}

/// Hands out unique heading ids within one document.
#[derive(Debug, Default)]
pub struct IdAllocator {
    used: HashMap<String, usize>,
}

impl IdAllocator {
    /// A unique id for a heading: its `{#custom}` id if given, else one made from its text.
    pub fn allocate(&mut self, custom: Option<&str>, text: &str) -> String {
        let base = match custom {
            Some(id) if !id.is_empty() => id.to_string(),
            _ => slugify(text),
        };
        let mut id = base.clone();
        let mut n = *self.used.get(&base).unwrap_or(&0);
        while self.used.contains_key(&id) {
            n += 1;
            id = format!("{base}-{n}");
        }
        self.used.insert(base.clone(), n);
        self.used.insert(id.clone(), 0);
        id
    }
}

/// An id from heading text: letters and digits of any script kept (ASCII lower-cased), spaces
/// and dashes become `-`, other punctuation dropped.
pub fn slugify(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut dash = false;
    for c in text.trim().chars() {
        if c.is_alphanumeric() || c == '_' || c == 'ー' || c == '々' {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.extend(c.to_lowercase());
        } else if c.is_whitespace() || c == '-' || c == '\u{3000}' {
            dash = true;
        }
    }
    if out.is_empty() {
        "section".to_string()
    } else {
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_keep_japanese_and_are_unique() {
        assert_eq!(slugify("手洗いのコツ"), "手洗いのコツ");
        assert_eq!(slugify("1. What is Flu?"), "1-what-is-flu");
        assert_eq!(slugify("「夜の発熱」 どうする？"), "夜の発熱-どうする");
        assert_eq!(slugify("！？"), "section");
        let mut ids = IdAllocator::default();
        assert_eq!(ids.allocate(None, "まとめ"), "まとめ");
        assert_eq!(ids.allocate(None, "まとめ"), "まとめ-1");
        assert_eq!(ids.allocate(None, "まとめ"), "まとめ-2");
        assert_eq!(ids.allocate(Some("summary"), "まとめ"), "summary");
        assert_eq!(ids.allocate(None, "まとめ 1"), "まとめ-1-1");
    }
}
