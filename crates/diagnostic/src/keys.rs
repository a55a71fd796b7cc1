//! Finds where a key is written in a small TOML or YAML document, so that messages about a
//! field (unknown, wrong type, unknown author) can point at its line.
//!
//! serde tells us *which* key is wrong but not where it is once the value has been converted;
//! config files and front matter are short and regular, so a line scan is enough.

/// Byte offset and length of the key at `path` (`["feed", "limit"]`) in a TOML document.
pub fn find_toml_key(text: &str, path: &[&str]) -> Option<(usize, usize)> {
    let mut table: Vec<String> = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        if let Some(header) = trimmed.strip_prefix('[') {
            let header = header.trim_start_matches('[');
            if let Some(end) = header.find(']') {
                table = split_dotted(&header[..end]);
                if path.len() <= table.len() && table.iter().zip(path).all(|(a, b)| a == b) {
                    let at = offset + indent + line[indent..].find(path[path.len() - 1])?;
                    if path.len() == table.len() {
                        return Some((at, path[path.len() - 1].len()));
                    }
                }
            }
        } else if let Some(eq) = trimmed.find('=') {
            let key = &trimmed[..eq];
            if key.trim().is_empty() || trimmed.starts_with('#') {
                offset += line.len();
                continue;
            }
            let mut full = table.clone();
            full.extend(split_dotted(key));
            if full.len() == path.len() && full.iter().zip(path).all(|(a, b)| a == b) {
                let key_start = key.len() - key.trim_start().len();
                return Some((offset + indent + key_start, key.trim().len()));
            }
        }
        offset += line.len();
    }
    None
}

/// Byte offset and length of a top-level key in a YAML mapping.
pub fn find_yaml_key(text: &str, key: &str) -> Option<(usize, usize)> {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        if !line.starts_with([' ', '\t', '#', '-']) {
            let name = line.split(':').next().unwrap_or("").trim();
            let name = name.trim_matches(|c| c == '"' || c == '\'');
            if name == key && line.contains(':') {
                let start = line.find(key).unwrap_or(0);
                return Some((offset + start, key.len()));
            }
        }
        offset += line.len();
    }
    None
}

fn split_dotted(key: &str) -> Vec<String> {
    key.split('.')
        .map(|part| part.trim().trim_matches('"').trim_matches('\'').to_string())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_toml_keys_in_tables() {
        let text = "title = \"x\"\n\n[feed]\nlimt = 3\n\n[authors.yamada]\nnmae = \"山田\"\n";
        let (at, len) = find_toml_key(text, &["feed", "limt"]).unwrap();
        assert_eq!(&text[at..at + len], "limt");
        let (at, len) = find_toml_key(text, &["authors", "yamada", "nmae"]).unwrap();
        assert_eq!(&text[at..at + len], "nmae");
        let (at, _) = find_toml_key(text, &["title"]).unwrap();
        assert_eq!(at, 0);
        let (at, len) = find_toml_key(text, &["feed"]).unwrap();
        assert_eq!(&text[at..at + len], "feed");
        assert!(find_toml_key(text, &["limt"]).is_none());
    }

    #[test]
    fn finds_top_level_yaml_keys() {
        let text = "title: 花粉症\ntags:\n  - a\nauthr: sato\n";
        let (at, len) = find_yaml_key(text, "authr").unwrap();
        assert_eq!(&text[at..at + len], "authr");
        assert!(find_yaml_key(text, "a").is_none());
    }
}
