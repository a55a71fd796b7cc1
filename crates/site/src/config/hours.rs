//! `[clinic.hours]`: the clinic's opening hours, a list of `"09:00-12:00"` ranges per
//! weekday, read and checked. A day written as `[]` is closed; a day left out is closed too,
//! with a warning, since a forgotten line would tell patients the clinic is shut.

use serde::{Deserialize, Serialize};

use super::keys::key_location;
use clinote_diagnostic::{Bilingual, Diagnostic};

/// The weekdays as written in `clinote.toml`, Monday first as Japanese timetables are.
pub const DAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

/// `[clinic.hours]` as written.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct RawHours {
    pub mon: Option<Vec<String>>,
    pub tue: Option<Vec<String>>,
    pub wed: Option<Vec<String>>,
    pub thu: Option<Vec<String>>,
    pub fri: Option<Vec<String>>,
    pub sat: Option<Vec<String>>,
    pub sun: Option<Vec<String>>,
    /// Anything the table cannot say: 「祝日は休診」.
    pub note: Option<String>,
}

impl RawHours {
    fn day(&self, i: usize) -> Option<&[String]> {
        [
            &self.mon, &self.tue, &self.wed, &self.thu, &self.fri, &self.sat, &self.sun,
        ][i]
            .as_deref()
    }
}

/// A time of day in minutes from midnight (`24:00` allowed, as a closing time).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Time(u16);

impl Time {
    /// `09:00`, as schema.org's `opens` and `closes` want it.
    pub fn iso(self) -> String {
        format!("{:02}:{:02}", self.0 / 60, self.0 % 60)
    }

    /// `9:00`, as a timetable shows it.
    pub fn display(self) -> String {
        format!("{}:{:02}", self.0 / 60, self.0 % 60)
    }
}

/// One opening: from `opens` until `closes`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Range {
    pub opens: Time,
    pub closes: Time,
}

/// The opening hours, checked: for each weekday (Monday first), its ranges in order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Hours {
    pub days: [Vec<Range>; 7],
    pub note: Option<String>,
}

impl Hours {
    /// Checks `raw`; each bad range is an error at its line of `text` (`clinote.toml`).
    pub(super) fn read(raw: &RawHours, text: &str, diags: &mut Vec<Diagnostic>) -> Hours {
        let mut hours = Hours {
            note: raw.note.clone().filter(|n| !n.trim().is_empty()),
            ..Hours::default()
        };
        for (i, day) in DAYS.iter().enumerate() {
            let at = || key_location(text, &["clinic", "hours", day]);
            let Some(ranges) = raw.day(i) else {
                diags.push(
                    Diagnostic::warning(Bilingual::new(
                        format!("[clinic.hours] に {day} がないため、休診日として表示します"),
                        format!("[clinic.hours] has no {day}: it is shown as closed"),
                    ))
                    .at(key_location(text, &["clinic", "hours"]))
                    .help(Bilingual::new(
                        format!("診療する日なら `{day} = [\"09:00-12:00\"]`、休診日なら `{day} = []` と書いてください。"),
                        format!("write `{day} = [\"09:00-12:00\"]`, or `{day} = []` if the clinic is closed"),
                    )),
                );
                continue;
            };
            let mut list = Vec::new();
            for written in ranges {
                match parse_range(written) {
                    Ok(r) => list.push(r),
                    Err(why) => diags.push(
                        Diagnostic::error(Bilingual::new(
                            format!("[clinic.hours] の {day} の \"{written}\" を読めません: {}", why.ja),
                            format!("[clinic.hours] {day}: cannot read \"{written}\": {}", why.en),
                        ))
                        .at(at())
                        .help(Bilingual::new(
                            format!("`{day} = [\"09:00-12:00\", \"15:00-18:00\"]` のように「開始-終了」を24時間表記で書きます。休診日は `{day} = []` です。"),
                            format!("write each range as start-end, 24-hour, e.g. `{day} = [\"09:00-12:00\", \"15:00-18:00\"]`; `{day} = []` for a closed day"),
                        )),
                    ),
                }
            }
            list.sort_by_key(|r| r.opens);
            if let Some(pair) = list.windows(2).find(|w| w[1].opens < w[0].closes) {
                let (a, b) = (pair[0], pair[1]);
                diags.push(
                    Diagnostic::error(Bilingual::new(
                        format!(
                            "[clinic.hours] の {day} の時間が重なっています（{}-{} と {}-{}）",
                            a.opens.iso(),
                            a.closes.iso(),
                            b.opens.iso(),
                            b.closes.iso()
                        ),
                        format!(
                            "[clinic.hours] {day}: ranges overlap ({}-{} and {}-{})",
                            a.opens.iso(),
                            a.closes.iso(),
                            b.opens.iso(),
                            b.closes.iso()
                        ),
                    ))
                    .at(at())
                    .help(Bilingual::new(
                        "午前と午後など、重ならない時間に分けて書いてください。",
                        "write ranges that do not overlap, such as morning and afternoon",
                    )),
                );
            }
            hours.days[i] = list;
        }
        hours
    }
}

/// `"09:00-12:00"`; full-width digits and colons, and `〜` or `～` between, are read too, as
/// a Japanese keyboard types them.
pub fn parse_range(written: &str) -> Result<Range, Bilingual> {
    let plain: String = written
        .trim()
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            '：' => ':',
            '〜' | '～' | '~' | '－' | '−' | '–' | '—' => '-',
            _ => c,
        })
        .filter(|c| !c.is_whitespace())
        .collect();
    let Some((from, to)) = plain.split_once('-') else {
        return Err(Bilingual::new(
            "「開始-終了」の形ではありません",
            "it is not start-end",
        ));
    };
    let (Some(opens), Some(closes)) = (parse_time(from), parse_time(to)) else {
        return Err(Bilingual::new(
            "時刻は 00:00 から 24:00 の「時:分」で書いてください",
            "times must be hours:minutes from 00:00 to 24:00",
        ));
    };
    if opens >= closes {
        return Err(Bilingual::new(
            "終わりの時刻が始まりより前です",
            "it ends before it starts",
        ));
    }
    Ok(Range { opens, closes })
}

fn parse_time(s: &str) -> Option<Time> {
    let (h, m) = s.split_once(':')?;
    let digits = |t: &str| !t.is_empty() && t.len() <= 2 && t.bytes().all(|b| b.is_ascii_digit());
    if !digits(h) || m.len() != 2 || !digits(m) {
        return None;
    }
    let (h, m): (u16, u16) = (h.parse().ok()?, m.parse().ok()?);
    (m < 60 && (h < 24 || (h == 24 && m == 0))).then_some(Time(h * 60 + m))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_as_typed() {
        let r = parse_range("09:00-12:30").unwrap();
        assert_eq!(
            (r.opens.iso(), r.closes.iso()),
            ("09:00".into(), "12:30".into())
        );
        assert_eq!(r.opens.display(), "9:00");
        assert_eq!(
            parse_range("９：００〜１２：００").unwrap(),
            parse_range("9:00-12:00").unwrap()
        );
        assert_eq!(
            parse_range(" 15:00 ～ 24:00 ").unwrap().closes.iso(),
            "24:00"
        );
        for bad in [
            "9-12",
            "09:00",
            "12:00-09:00",
            "09:00-09:00",
            "25:00-26:00",
            "09:60-10:00",
            "9:0-10:00",
            "午前",
        ] {
            assert!(parse_range(bad).is_err(), "{bad}");
        }
    }
}
