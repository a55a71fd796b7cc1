//! Teasers as flat records, for staff who post by hand or load them into a scheduler.
//!
//! One record per post: every X variant and the LINE message of each article, with the
//! same keys in the same order in JSON and CSV. CSV is UTF-8 with a header row and RFC 4180
//! quoting (posts contain newlines, commas and quotes), written by the csv crate. A CSV cell
//! that starts with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading `'`, so that
//! a spreadsheet shows it as text instead of running it as a formula (CSV injection).

use serde::{Deserialize, Serialize};

use super::Generated;

/// Where a record is posted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Channel {
    X,
    Line,
}

/// One post, flat.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Record {
    /// The article's slug.
    pub article: String,
    /// The canonical URL, without UTM parameters.
    pub url: String,
    /// 1-based (the LINE message is variant 1).
    pub variant: usize,
    /// The whole post, link included.
    pub text: String,
    /// As X counts it for X posts; UTF-16 code units (LINE's count) for the LINE message.
    pub weighted_length: usize,
    /// X's composer for X posts; LINE's share picker (`line.me/R/share`) for LINE.
    pub intent_url: String,
    /// `YYYY-MM-DD`.
    pub suggested_date: String,
    pub channel: Channel,
}

/// The records of one article: its X posts in order, then its LINE message.
pub fn records(slug: &str, canonical: &str, generated: &Generated) -> Vec<Record> {
    let x = generated.x.iter().map(|t| Record {
        article: slug.to_string(),
        url: canonical.to_string(),
        variant: t.variant,
        text: t.text.clone(),
        weighted_length: t.weighted_length,
        intent_url: t.intent_url(),
        suggested_date: t.suggested_date.to_string(),
        channel: Channel::X,
    });
    let line = &generated.line;
    let line = Record {
        article: slug.to_string(),
        url: canonical.to_string(),
        variant: 1,
        text: line.text.clone(),
        weighted_length: line.utf16_len,
        intent_url: line.intent_url(),
        suggested_date: line.suggested_date.to_string(),
        channel: Channel::Line,
    };
    x.chain(std::iter::once(line)).collect()
}

/// The records as a pretty-printed JSON array.
pub fn to_json(records: &[Record]) -> String {
    // Plain strings and numbers with string keys: serialising cannot fail.
    serde_json::to_string_pretty(records).unwrap_or_else(|_| "[]".to_string())
}

/// The records as CSV: a header row, then one row per record.
pub fn to_csv(records: &[Record]) -> String {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let mut ok = true;
    for record in records {
        let safe = Record {
            article: as_text_cell(&record.article),
            url: as_text_cell(&record.url),
            text: as_text_cell(&record.text),
            intent_url: as_text_cell(&record.intent_url),
            suggested_date: as_text_cell(&record.suggested_date),
            ..record.clone()
        };
        ok &= writer.serialize(&safe).is_ok();
    }
    if records.is_empty() {
        // serialize writes the header with the first record; write it for an empty file too.
        ok &= writer
            .write_record([
                "article",
                "url",
                "variant",
                "text",
                "weighted_length",
                "intent_url",
                "suggested_date",
                "channel",
            ])
            .is_ok();
    }
    // Writing to memory cannot fail, and every field is UTF-8 text.
    let bytes = writer.into_inner().unwrap_or_default();
    debug_assert!(ok);
    String::from_utf8(bytes).unwrap_or_default()
}

/// `cell`, with a `'` before it when a spreadsheet would read it as a formula.
fn as_text_cell(cell: &str) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}")
    } else {
        cell.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Vec<Record> {
        vec![
            Record {
                article: "kafun-eye".into(),
                url: "https://example-clinic.jp/blog/kafun-eye/".into(),
                variant: 1,
                text: "花粉症の季節、\"目\"のかゆみ, 我慢していませんか？\n#花粉症 #眼科\nhttps://example-clinic.jp/blog/kafun-eye/?utm_source=x&utm_content=v1".into(),
                weighted_length: 120,
                intent_url: "https://x.com/intent/tweet?text=%E8%8A%B1".into(),
                suggested_date: "2026-02-10".into(),
                channel: Channel::X,
            },
            Record {
                article: "kafun-eye".into(),
                url: "https://example-clinic.jp/blog/kafun-eye/".into(),
                variant: 1,
                text: "【花粉症】\n\n続きはブログで。\nhttps://example-clinic.jp/blog/kafun-eye/?utm_source=line".into(),
                weighted_length: 80,
                intent_url: "https://line.me/R/share?text=%E3%80%90".into(),
                suggested_date: "2026-02-10".into(),
                channel: Channel::Line,
            },
        ]
    }

    #[test]
    fn json_round_trips_with_keys_in_order() {
        let records = sample();
        let json = to_json(&records);
        let back: Vec<Record> = serde_json::from_str(&json).unwrap();
        assert_eq!(back, records);
        let keys = [
            "article",
            "url",
            "variant",
            "text",
            "weighted_length",
            "intent_url",
            "suggested_date",
            "channel",
        ];
        let positions: Vec<usize> = keys
            .iter()
            .map(|k| json.find(&format!("\"{k}\"")).unwrap())
            .collect();
        assert!(positions.windows(2).all(|w| w[0] < w[1]));
        assert!(json.contains("\"channel\": \"line\""));
    }

    #[test]
    fn csv_round_trips() {
        let records = sample();
        let csv_text = to_csv(&records);
        assert!(csv_text.starts_with(
            "article,url,variant,text,weighted_length,intent_url,suggested_date,channel\n"
        ));
        // RFC 4180: a field with a quote, comma or newline is quoted, quotes doubled.
        assert!(csv_text.contains("\"花粉症の季節、\"\"目\"\"のかゆみ, "));
        let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
        let back: Vec<Record> = reader.deserialize().collect::<Result<_, _>>().unwrap();
        assert_eq!(back, records);
        assert_eq!(
            to_csv(&[]),
            "article,url,variant,text,weighted_length,intent_url,suggested_date,channel\n"
        );
    }

    #[test]
    fn csv_cells_never_run_as_formulas() {
        let mut records = sample();
        records[0].text = "=HYPERLINK(\"http://evil.example\",\"予約\")".to_string();
        records[1].text = "@user さんへ".to_string();
        let csv = to_csv(&records);
        let mut reader = csv::Reader::from_reader(csv.as_bytes());
        let rows: Vec<Record> = reader.deserialize().map(Result::unwrap).collect();
        assert_eq!(
            rows[0].text,
            "'=HYPERLINK(\"http://evil.example\",\"予約\")"
        );
        assert_eq!(rows[1].text, "'@user さんへ");
        assert_eq!(as_text_cell("花粉症の季節"), "花粉症の季節");
        assert_eq!(as_text_cell("-1"), "'-1");
    }
}
