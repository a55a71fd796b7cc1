//! Teasers as flat records, for staff who post by hand or load them into a scheduler.
//!
//! One record per post: every X variant and the LINE message of each article, with the
//! same keys in the same order in JSON and CSV ([`COLUMNS`]). Each post is dated (the
//! article's date plus `schedule_days`) and timed (`[teasers] time` in the site's time zone,
//! or the article's own time when it goes live later that day), and says whether its article
//! is still scheduled, so posts can be loaded into a scheduler before the article is public.
//! A record also carries what `clinote check` found in its text (filled in by the caller,
//! which knows the checker).
//!
//! CSV is for Excel on Japanese Windows as much as for scheduling tools: UTF-8 with a byte
//! order mark (without one, Excel reads the file as Shift_JIS and garbles it), CRLF line
//! ends, a header row and RFC 4180 quoting (posts contain newlines, commas and quotes),
//! written by the csv crate. A CSV cell that starts with `=`, `+`, `-`, `@`, a tab or a
//! carriage return gets a leading `'`, so that a spreadsheet shows it as text instead of
//! running it as a formula (CSV injection).

use jiff::civil::{Date, Time};
use jiff::tz::TimeZone;
use jiff::{Timestamp, Zoned};
use serde::{Deserialize, Serialize};

use super::Generated;

/// The keys of a record, in order: JSON keys and CSV columns alike.
pub const COLUMNS: [&str; 14] = [
    "article",
    "title",
    "channel",
    "variant",
    "date",
    "time",
    "timezone",
    "datetime",
    "scheduled",
    "text",
    "weighted_length",
    "url",
    "intent_url",
    "findings",
];

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
    /// The article's title.
    pub title: String,
    pub channel: Channel,
    /// 1-based (the LINE message is variant 1).
    pub variant: usize,
    /// When to post: `YYYY-MM-DD` in the site's time zone.
    pub date: String,
    /// When to post: `HH:MM` in the site's time zone.
    pub time: String,
    /// The site's time zone (IANA name, `Asia/Tokyo`).
    pub timezone: String,
    /// `date` and `time` as RFC 3339 with the offset (`2026-12-07T12:00:00+09:00`).
    pub datetime: String,
    /// The article is not public yet (dated in the future): post only once it is.
    pub scheduled: bool,
    /// The whole post, link included.
    pub text: String,
    /// As X counts it for X posts; UTF-16 code units (LINE's count) for the LINE message.
    pub weighted_length: usize,
    /// The canonical URL, without UTM parameters.
    pub url: String,
    /// X's composer for X posts; LINE's share picker (`line.me/R/share`) for LINE.
    pub intent_url: String,
    /// What `clinote check` finds in the post's text; empty when nothing.
    pub findings: Vec<FindingRecord>,
}

/// One finding of `clinote check` on a post.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FindingRecord {
    /// The rule's id (`guaranteed-effect`), for `clinote check --explain`.
    pub rule: String,
    /// `error`, `warning` or `info`.
    pub severity: String,
    pub message: String,
}

impl FindingRecord {
    pub fn is_error(&self) -> bool {
        self.severity == "error"
    }
}

impl Record {
    /// The posting date, parsed back.
    pub fn date(&self) -> Option<Date> {
        self.date.parse().ok()
    }

    /// Whether any finding on the post is an error.
    pub fn has_error(&self) -> bool {
        self.findings.iter().any(FindingRecord::is_error)
    }
}

/// When an article's posts go out.
#[derive(Debug, Clone)]
pub struct Schedule<'a> {
    /// `[teasers] time`.
    pub time: Time,
    /// The site's time zone, and its IANA name.
    pub tz: &'a TimeZone,
    pub tz_name: &'a str,
    /// When the article goes live, if it has a date.
    pub published: Option<&'a Zoned>,
    /// Now, to tell scheduled articles from published ones.
    pub now: Timestamp,
}

impl Schedule<'_> {
    /// A post dated `date`: at `time` that day, but never before the article goes live.
    pub fn at(&self, date: Date) -> Zoned {
        let at = date.to_datetime(self.time).to_zoned(self.tz.clone());
        match (at, self.published) {
            (Ok(at), Some(p)) if at.timestamp() < p.timestamp() => {
                p.with_time_zone(self.tz.clone())
            }
            (Ok(at), _) => at,
            // Out of jiff's range (year 9999): the day at midnight UTC is as good as any.
            (Err(_), _) => date
                .to_zoned(TimeZone::UTC)
                .unwrap_or_else(|_| Timestamp::UNIX_EPOCH.to_zoned(TimeZone::UTC)),
        }
    }

    /// The article is dated after now.
    pub fn is_scheduled(&self) -> bool {
        self.published.is_some_and(|p| p.timestamp() > self.now)
    }
}

/// The records of one article: its X posts in order, then its LINE message, with no
/// findings yet.
pub fn records(
    slug: &str,
    title: &str,
    canonical: &str,
    generated: &Generated,
    schedule: &Schedule<'_>,
) -> Vec<Record> {
    let record = |channel, variant, text: &str, length, intent_url, date| {
        let at = schedule.at(date);
        Record {
            article: slug.to_string(),
            title: title.to_string(),
            channel,
            variant,
            date: at.date().to_string(),
            time: at.strftime("%H:%M").to_string(),
            timezone: schedule.tz_name.to_string(),
            datetime: at.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string(),
            scheduled: schedule.is_scheduled(),
            text: text.to_string(),
            weighted_length: length,
            url: canonical.to_string(),
            intent_url,
            findings: Vec::new(),
        }
    };
    let x = generated.x.iter().map(|t| {
        record(
            Channel::X,
            t.variant,
            &t.text,
            t.weighted_length,
            t.intent_url(),
            t.suggested_date,
        )
    });
    let line = generated.line.iter().map(|line| {
        record(
            Channel::Line,
            1,
            &line.text,
            line.utf16_len,
            line.intent_url(),
            line.suggested_date,
        )
    });
    x.chain(line).collect()
}

/// The records as a pretty-printed JSON array.
pub fn to_json(records: &[Record]) -> String {
    // Plain strings and numbers with string keys: serialising cannot fail.
    serde_json::to_string_pretty(records).unwrap_or_else(|_| "[]".to_string())
}

/// A record as a CSV row: the findings in one cell, one per line (`error rule: message`).
#[derive(Serialize)]
struct CsvRow<'a> {
    article: String,
    title: String,
    channel: Channel,
    variant: usize,
    date: &'a str,
    time: &'a str,
    timezone: &'a str,
    datetime: &'a str,
    scheduled: bool,
    text: String,
    weighted_length: usize,
    url: String,
    intent_url: String,
    findings: String,
}

/// The records as CSV for Excel: a byte order mark, a header row, then one row per record,
/// every line ending in CRLF.
pub fn to_csv(records: &[Record]) -> String {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .has_headers(false)
        .from_writer(Vec::new());
    let mut ok = writer.write_record(COLUMNS).is_ok();
    for r in records {
        let findings: Vec<String> = r
            .findings
            .iter()
            .map(|f| format!("{} {}: {}", f.severity, f.rule, f.message))
            .collect();
        let row = CsvRow {
            article: as_text_cell(&r.article),
            title: as_text_cell(&r.title),
            channel: r.channel,
            variant: r.variant,
            date: &r.date,
            time: &r.time,
            timezone: &r.timezone,
            datetime: &r.datetime,
            scheduled: r.scheduled,
            text: as_text_cell(&r.text),
            weighted_length: r.weighted_length,
            url: as_text_cell(&r.url),
            intent_url: as_text_cell(&r.intent_url),
            findings: as_text_cell(&findings.join("\n")),
        };
        ok &= writer.serialize(&row).is_ok();
    }
    // Writing to memory cannot fail, and every field is UTF-8 text.
    let bytes = writer.into_inner().unwrap_or_default();
    debug_assert!(ok);
    format!("\u{feff}{}", String::from_utf8(bytes).unwrap_or_default())
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

    fn record(channel: Channel, text: &str) -> Record {
        Record {
            article: "kafun-eye".into(),
            title: "花粉症の目のかゆみ対策".into(),
            channel,
            variant: 1,
            date: "2026-02-10".into(),
            time: "12:00".into(),
            timezone: "Asia/Tokyo".into(),
            datetime: "2026-02-10T12:00:00+09:00".into(),
            scheduled: false,
            text: text.into(),
            weighted_length: 120,
            url: "https://example-clinic.jp/blog/kafun-eye/".into(),
            intent_url: "https://x.com/intent/tweet?text=%E8%8A%B1".into(),
            findings: Vec::new(),
        }
    }

    fn sample() -> Vec<Record> {
        let mut line = record(
            Channel::Line,
            "【花粉症】\n\n続きはブログで。\nhttps://example-clinic.jp/blog/kafun-eye/?utm_source=line",
        );
        line.scheduled = true;
        line.findings = vec![
            FindingRecord {
                rule: "guaranteed-effect".into(),
                severity: "error".into(),
                message: "「必ず」は効果の保証です".into(),
            },
            FindingRecord {
                rule: "hashtag-spam".into(),
                severity: "warning".into(),
                message: "#拡散希望".into(),
            },
        ];
        vec![
            record(
                Channel::X,
                "花粉症の季節、\"目\"のかゆみ, 我慢していませんか？\n#花粉症 #眼科\nhttps://example-clinic.jp/blog/kafun-eye/?utm_source=x&utm_content=v1",
            ),
            line,
        ]
    }

    #[test]
    fn json_round_trips_with_keys_in_order() {
        let records = sample();
        let json = to_json(&records);
        let back: Vec<Record> = serde_json::from_str(&json).unwrap();
        assert_eq!(back, records);
        let first = &json[..json.find("},").unwrap()];
        let positions: Vec<usize> = COLUMNS
            .iter()
            .map(|k| first.find(&format!("\"{k}\"")).unwrap())
            .collect();
        assert!(positions.windows(2).all(|w| w[0] < w[1]));
        assert!(json.contains("\"channel\": \"line\""));
        assert!(json.contains("\"rule\": \"guaranteed-effect\""));
        assert!(json.contains("\"findings\": []"));
        assert!(records[1].has_error() && !records[0].has_error());
    }

    #[test]
    fn csv_is_for_excel_with_bom_and_crlf() {
        let records = sample();
        let csv_text = to_csv(&records);
        let header = format!("\u{feff}{}\r\n", COLUMNS.join(","));
        assert!(csv_text.starts_with(&header), "{csv_text}");
        assert_eq!(to_csv(&[]), header);
        // Every line outside a quoted cell ends in CRLF; newlines inside posts stay LF.
        assert!(csv_text.ends_with("\r\n"));
        assert_eq!(csv_text.matches("\r\n").count(), 3, "header and two rows");
        // RFC 4180: a field with a quote, comma or newline is quoted, quotes doubled.
        assert!(csv_text.contains("\"花粉症の季節、\"\"目\"\"のかゆみ, "));
        let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
        let headers: Vec<String> = reader
            .headers()
            .unwrap()
            .iter()
            .map(str::to_string)
            .collect();
        assert_eq!(headers, COLUMNS, "the csv crate skips the BOM");
        let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        assert_eq!(rows.len(), 2);
        let cell = |row: usize, key: &str| {
            let i = COLUMNS.iter().position(|c| *c == key).unwrap();
            rows[row].get(i).unwrap().to_string()
        };
        assert_eq!(cell(0, "text"), records[0].text);
        assert_eq!(cell(0, "findings"), "");
        assert_eq!(cell(0, "scheduled"), "false");
        assert_eq!(cell(1, "scheduled"), "true");
        assert_eq!(
            (cell(1, "date"), cell(1, "time")),
            ("2026-02-10".into(), "12:00".into())
        );
        assert_eq!(
            cell(1, "findings"),
            "error guaranteed-effect: 「必ず」は効果の保証です\nwarning hashtag-spam: #拡散希望"
        );
    }

    #[test]
    fn csv_cells_never_run_as_formulas() {
        let mut records = sample();
        records[0].text = "=HYPERLINK(\"http://evil.example\",\"予約\")".to_string();
        records[1].text = "@user さんへ".to_string();
        let csv = to_csv(&records);
        let mut reader = csv::Reader::from_reader(csv.as_bytes());
        let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        assert_eq!(&rows[0][9], "'=HYPERLINK(\"http://evil.example\",\"予約\")");
        assert_eq!(&rows[1][9], "'@user さんへ");
        assert_eq!(as_text_cell("花粉症の季節"), "花粉症の季節");
        assert_eq!(as_text_cell("-1"), "'-1");
    }

    fn tokyo() -> TimeZone {
        TimeZone::get("Asia/Tokyo").unwrap()
    }

    #[test]
    fn a_post_is_at_the_set_time_but_never_before_its_article() {
        let tz = tokyo();
        let published = jiff::civil::date(2026, 12, 7)
            .at(18, 30, 0, 0)
            .to_zoned(tz.clone())
            .unwrap();
        let schedule = Schedule {
            time: jiff::civil::time(12, 0, 0, 0),
            tz: &tz,
            tz_name: "Asia/Tokyo",
            published: Some(&published),
            now: jiff::civil::date(2026, 12, 1)
                .at(0, 0, 0, 0)
                .to_zoned(tz.clone())
                .unwrap()
                .timestamp(),
        };
        assert!(schedule.is_scheduled());
        let same_day = schedule.at(jiff::civil::date(2026, 12, 7));
        assert_eq!(same_day, published, "not before the article goes live");
        let later = schedule.at(jiff::civil::date(2026, 12, 10));
        assert_eq!(
            later.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string(),
            "2026-12-10T12:00:00+09:00"
        );
        let after = Schedule {
            now: published.timestamp(),
            ..schedule.clone()
        };
        assert!(!after.is_scheduled(), "live at its own time");
        let undated = Schedule {
            published: None,
            ..schedule
        };
        assert!(!undated.is_scheduled());
        assert_eq!(
            undated.at(jiff::civil::date(2026, 12, 7)).time(),
            jiff::civil::time(12, 0, 0, 0)
        );
    }

    #[test]
    fn times_are_hours_and_minutes() {
        use crate::parse_time;
        assert_eq!(parse_time("12:00"), Some(jiff::civil::time(12, 0, 0, 0)));
        assert_eq!(parse_time(" 9:05 "), Some(jiff::civil::time(9, 5, 0, 0)));
        for bad in [
            "", "12", "24:00", "12:60", "12:5", "noon", "123:00", "12:00:00",
        ] {
            assert_eq!(parse_time(bad), None, "{bad}");
        }
    }
}
