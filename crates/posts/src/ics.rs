//! The posts as an iCalendar file (RFC 5545) for the staff's calendar: one event per post at
//! the time it should go out, with the post's text and the article's link, and a reminder at
//! that time, so whoever posts is told on the day.
//!
//! Written here, in a few lines, rather than with the icalendar crate (0.17): its folding
//! leaves the last piece of a long line at 76 octets, it stamps every alarm with the current
//! time and a random UID unless told otherwise, and it would bring chrono, uuid and nom into a
//! project that keeps dates in jiff. What RFC 5545 asks of a writer, and this one does:
//!
//! - CRLF after every line (§3.1);
//! - lines longer than 75 octets folded with CRLF and a space, never inside a UTF-8 character
//!   (§3.1);
//! - TEXT values with `\\`, `;`, `,` and newlines escaped (§3.3.11);
//! - `UID` and `DTSTAMP` on every event (§3.6.1), `ACTION`, `TRIGGER` and `DESCRIPTION` on
//!   every display alarm (§3.6.6).
//!
//! Choices:
//!
//! - Times are written in the site's zone (`DTSTART;TZID=Asia/Tokyo:20261207T120000`), with
//!   the `VTIMEZONE` that §3.2.19 requires for it, made from the bundled time zone database:
//!   the transition in force at the first post and every one up to the last (Asia/Tokyo has
//!   none since 1951; a zone with summer time gets each change). A calendar shows the post at
//!   the clinic's time even on a phone set to another zone. Records whose zone the database
//!   does not know are written in UTC (`DTSTART:20261207T030000Z`).
//! - `UID` is the article, channel and variant at the site's host, not random: importing a
//!   newer export again updates each event instead of adding it twice.
//! - `DTSTAMP` is when the file was made; events last 15 minutes.

use jiff::tz::{Dst, Offset, TimeZone};
use jiff::{SignedDuration, Timestamp};

use super::export::{Channel, Record};

/// The calendar as a whole.
#[derive(Debug, Clone)]
pub struct IcsCalendar<'a> {
    /// Shown by calendar apps as the calendar's name (`X-WR-CALNAME`, RFC 7986 `NAME`).
    pub name: &'a str,
    /// The site's host, for the events' `UID`s (`midori.example.jp`).
    pub host: &'a str,
    /// When the file is made (`DTSTAMP`).
    pub stamp: Timestamp,
}

/// How long an event lasts: enough to post.
const EVENT_LENGTH: SignedDuration = SignedDuration::from_mins(15);

/// The most octets on one line, CRLF not counted (RFC 5545 §3.1).
const MAX_OCTETS: usize = 75;

/// The records as an `.ics` file, one `VEVENT` per record (a record whose `datetime` does not
/// parse, which [`crate::records`] never writes, is left out).
pub fn to_ics(records: &[Record], calendar: &IcsCalendar<'_>) -> String {
    let mut w = Writer::default();
    w.raw("BEGIN", "VCALENDAR");
    w.raw("VERSION", "2.0");
    w.raw("PRODID", "-//clinote//teasers//JA");
    w.raw("CALSCALE", "GREGORIAN");
    w.raw("METHOD", "PUBLISH");
    w.text("NAME", calendar.name);
    w.text("X-WR-CALNAME", calendar.name);
    let stamp = utc(calendar.stamp);
    let times: Vec<Timestamp> = records
        .iter()
        .filter_map(|r| r.datetime.parse::<Timestamp>().ok())
        .collect();
    let zone = shared_zone(records);
    if let (Some((name, tz)), Some(first), Some(last)) =
        (&zone, times.iter().min(), times.iter().max())
    {
        vtimezone(&mut w, name, tz, *first, *last);
    }
    // `;TZID=…:20261207T120000` in the zone, `:20261207T030000Z` without one.
    let when = |t: Timestamp| match &zone {
        Some((name, tz)) => format!(
            ";TZID={name}:{}",
            tz.to_datetime(t).strftime("%Y%m%dT%H%M%S")
        ),
        None => format!(":{}", utc(t)),
    };
    for r in records {
        let Ok(start) = r.datetime.parse::<Timestamp>() else {
            continue;
        };
        let end = start.checked_add(EVENT_LENGTH).unwrap_or(start);
        let uid = format!(
            "{}-{}-{}@{}",
            r.article,
            channel_id(r.channel),
            r.variant,
            calendar.host
        );
        let summary = summary(r);
        w.raw("BEGIN", "VEVENT");
        w.text("UID", &uid);
        w.raw("DTSTAMP", &stamp);
        w.line(&format!("DTSTART{}", when(start)));
        w.line(&format!("DTEND{}", when(end)));
        w.text("SUMMARY", &summary);
        w.text("DESCRIPTION", &description(r));
        w.raw("URL", &r.url);
        // A reminder when the event starts.
        w.raw("BEGIN", "VALARM");
        w.raw("ACTION", "DISPLAY");
        w.raw("TRIGGER", "PT0S");
        w.text("DESCRIPTION", &summary);
        w.raw("END", "VALARM");
        w.raw("END", "VEVENT");
    }
    w.raw("END", "VCALENDAR");
    w.out
}

/// The zone every record is in (`timezone`, an IANA name), when they share one the bundled
/// database knows.
fn shared_zone(records: &[Record]) -> Option<(String, TimeZone)> {
    let name = &records.first()?.timezone;
    if records.iter().any(|r| &r.timezone != name) {
        return None;
    }
    let tz = TimeZone::get(name).ok()?;
    // A TZID is a parameter value: no quotes, colons or semicolons in it (§3.2).
    (!name.is_empty() && !name.contains([':', ';', ',', '"'])).then(|| (name.clone(), tz))
}

/// One part of a `VTIMEZONE`: from `at`, the offset is `to` (it was `from`).
struct Change {
    at: Timestamp,
    from: Offset,
    to: Offset,
    abbreviation: String,
    dst: Dst,
}

/// The `VTIMEZONE` of `tz` for events from `first` to `last`: the transition in force at
/// `first`, then each one up to `last` (RFC 5545 §3.6.5).
fn vtimezone(w: &mut Writer, name: &str, tz: &TimeZone, first: Timestamp, last: Timestamp) {
    w.raw("BEGIN", "VTIMEZONE");
    w.raw("TZID", name);
    let second = SignedDuration::from_secs(1);
    let change = |t: jiff::tz::TimeZoneTransition<'_>| Change {
        at: t.timestamp(),
        from: tz.to_offset(t.timestamp().checked_sub(second).unwrap_or(t.timestamp())),
        to: t.offset(),
        abbreviation: t.abbreviation().to_string(),
        dst: t.dst(),
    };
    let in_force = tz
        .preceding(first.checked_add(second).unwrap_or(first))
        .next()
        .map(change);
    let later = tz
        .following(first)
        .take_while(|t| t.timestamp() <= last)
        .map(change);
    let mut changes: Vec<Change> = in_force.into_iter().chain(later).collect();
    if changes.is_empty() {
        // A zone that never changed: one STANDARD part from the epoch.
        let info = tz.to_offset_info(first);
        changes.push(Change {
            at: Timestamp::UNIX_EPOCH,
            from: info.offset(),
            to: info.offset(),
            abbreviation: info.abbreviation().to_string(),
            dst: info.dst(),
        });
    }
    for c in changes {
        let kind = if c.dst.is_dst() {
            "DAYLIGHT"
        } else {
            "STANDARD"
        };
        w.raw("BEGIN", kind);
        // The onset in the local time before it (§3.6.5).
        w.raw(
            "DTSTART",
            &c.from
                .to_datetime(c.at)
                .strftime("%Y%m%dT%H%M%S")
                .to_string(),
        );
        w.raw("TZOFFSETFROM", &ics_offset(c.from));
        w.raw("TZOFFSETTO", &ics_offset(c.to));
        // (Not a numeric one: `+09` is no name.)
        if !c.abbreviation.is_empty() && !c.abbreviation.starts_with(['+', '-']) {
            w.text("TZNAME", &c.abbreviation);
        }
        w.raw("END", kind);
    }
    w.raw("END", "VTIMEZONE");
}

/// A UTC offset as RFC 5545 writes it: `+0900`, `-0330`, `+053028` (§3.3.14).
fn ics_offset(offset: Offset) -> String {
    let total = offset.seconds();
    let sign = if total < 0 { '-' } else { '+' };
    let total = total.unsigned_abs();
    let (h, m, s) = (total / 3600, total / 60 % 60, total % 60);
    if s == 0 {
        format!("{sign}{h:02}{m:02}")
    } else {
        format!("{sign}{h:02}{m:02}{s:02}")
    }
}

/// Content lines, folded and ended with CRLF.
#[derive(Default)]
struct Writer {
    out: String,
}

impl Writer {
    /// `NAME:value`, the value written as it is (dates, URIs, fixed words).
    fn raw(&mut self, name: &str, value: &str) {
        self.line(&format!("{name}:{value}"));
    }

    /// `NAME:value` for a TEXT value, escaped.
    fn text(&mut self, name: &str, value: &str) {
        self.line(&format!("{name}:{}", escape_text(value)));
    }

    /// One content line, folded at [`MAX_OCTETS`] on character boundaries.
    fn line(&mut self, line: &str) {
        let mut octets = 0;
        for c in line.chars() {
            if octets + c.len_utf8() > MAX_OCTETS {
                self.out.push_str("\r\n ");
                octets = 1;
            }
            self.out.push(c);
            octets += c.len_utf8();
        }
        self.out.push_str("\r\n");
    }
}

/// A TEXT value (RFC 5545 §3.3.11): backslash, semicolon, comma and newline escaped; a
/// carriage return (never in a post, which has LF line ends) dropped.
fn escape_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// `20261207T030000Z`.
fn utc(t: Timestamp) -> String {
    t.strftime("%Y%m%dT%H%M%SZ").to_string()
}

fn channel_id(c: Channel) -> &'static str {
    match c {
        Channel::X => "x",
        Channel::Line => "line",
    }
}

/// `X 投稿 2: 花粉症の目のかゆみ対策`, marked when the post needs fixing first.
fn summary(r: &Record) -> String {
    let post = match r.channel {
        Channel::X => format!("X 投稿 {}", r.variant),
        Channel::Line => "LINE".to_string(),
    };
    let mark = if r.has_error() { "【要修正】" } else { "" };
    format!("{mark}{post}: {}", r.title)
}

/// The post as it is to be posted, then the article's link, whether the article is still
/// scheduled and what `check` found.
fn description(r: &Record) -> String {
    let mut d = format!("{}\n\n記事 / Article: {}", r.text, r.url);
    if r.scheduled {
        d.push_str(
            "\n予約投稿の記事です。公開されたのを確かめてから投稿してください。\
             / The article is scheduled: post once it is live.",
        );
    }
    for f in &r.findings {
        d.push_str(&format!(
            "\nclinote check ({}) {}: {}",
            f.severity, f.rule, f.message
        ));
    }
    d
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::FindingRecord;

    fn record() -> Record {
        Record {
            article: "kafun-eye".into(),
            title: "花粉症の目のかゆみ対策".into(),
            channel: Channel::X,
            variant: 2,
            date: "2026-12-07".into(),
            time: "12:00".into(),
            timezone: "Asia/Tokyo".into(),
            datetime: "2026-12-07T12:00:00+09:00".into(),
            scheduled: true,
            text: "花粉症の季節、目のかゆみ, 我慢していませんか; 冷やすのが基本です。目の充血が3日以上続くときは、早めに受診しましょう。\n#花粉症 #眼科\nhttps://example-clinic.jp/blog/kafun-eye/?utm_source=x&utm_content=v2".into(),
            weighted_length: 120,
            url: "https://example-clinic.jp/blog/kafun-eye/".into(),
            intent_url: String::new(),
            findings: vec![FindingRecord {
                rule: "guaranteed-effect".into(),
                severity: "error".into(),
                message: "「必ず」は効果の保証です".into(),
            }],
        }
    }

    fn ics() -> String {
        let calendar = IcsCalendar {
            name: "みどり町ファミリークリニック 投稿予定",
            host: "example-clinic.jp",
            stamp: "2026-12-01T00:00:00Z".parse().unwrap(),
        };
        to_ics(&[record()], &calendar)
    }

    /// The file with folded lines joined again (RFC 5545 §3.1).
    fn unfolded(ics: &str) -> String {
        ics.replace("\r\n ", "")
    }

    #[test]
    fn lines_end_in_crlf_and_fold_at_75_octets() {
        let ics = ics();
        assert_eq!(
            ics,
            super::tests::ics(),
            "the same posts make the same file"
        );
        assert!(
            ics.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"),
            "{ics}"
        );
        assert!(ics.ends_with("END:VCALENDAR\r\n"));
        let body = ics.strip_suffix("\r\n").unwrap();
        assert!(!body.replace("\r\n", "").contains('\n'), "no bare LF");
        for line in body.split("\r\n") {
            assert!(line.len() <= 75, "{} octets: {line}", line.len());
        }
        assert!(
            ics.contains("\r\n "),
            "the description is long enough to fold"
        );
    }

    #[test]
    fn one_event_with_its_post_link_and_reminder() {
        let ics = unfolded(&ics());
        assert_eq!(ics.matches("BEGIN:VEVENT").count(), 1);
        assert!(
            ics.contains("\r\nUID:kafun-eye-x-2@example-clinic.jp\r\n"),
            "{ics}"
        );
        assert!(ics.contains("\r\nDTSTAMP:20261201T000000Z\r\n"));
        // 12:00 in Tokyo, in Tokyo's zone, which the file defines.
        assert!(
            ics.contains("\r\nDTSTART;TZID=Asia/Tokyo:20261207T120000\r\n"),
            "{ics}"
        );
        assert!(ics.contains("\r\nDTEND;TZID=Asia/Tokyo:20261207T121500\r\n"));
        assert!(
            ics.contains("BEGIN:VTIMEZONE\r\nTZID:Asia/Tokyo\r\nBEGIN:STANDARD\r\n"),
            "{ics}"
        );
        assert!(
            ics.contains("TZOFFSETTO:+0900\r\nTZNAME:JST\r\nEND:STANDARD\r\nEND:VTIMEZONE"),
            "{ics}"
        );
        assert!(ics.contains("\r\nURL:https://example-clinic.jp/blog/kafun-eye/\r\n"));
        assert!(ics.contains("\r\nSUMMARY:【要修正】X 投稿 2: 花粉症の目のかゆみ対策\r\n"));
        assert!(ics.contains("X-WR-CALNAME:みどり町ファミリークリニック 投稿予定"));
        // Commas, semicolons and newlines escaped in TEXT values.
        assert!(
            ics.contains("DESCRIPTION:花粉症の季節、目のかゆみ\\, 我慢していませんか\\; 冷やす"),
            "{ics}"
        );
        assert!(ics.contains("\\n#花粉症 #眼科\\nhttps://example-clinic.jp/blog/kafun-eye/?utm_source=x&utm_content=v2\\n\\n記事 / Article: https://example-clinic.jp/blog/kafun-eye/\\n予約投稿の記事です"));
        assert!(
            ics.contains("\\nclinote check (error) guaranteed-effect: 「必ず」は効果の保証です")
        );
        assert!(ics.contains("BEGIN:VALARM\r\nACTION:DISPLAY\r\n"));
        assert!(ics.contains("TRIGGER:PT0S\r\n"), "at the start");
        assert_eq!(ics.matches("DTSTAMP:20261201T000000Z").count(), 1, "{ics}");
    }

    #[test]
    fn a_zone_with_summer_time_gets_each_change_in_the_span() {
        let mut r = record();
        r.timezone = "America/New_York".into();
        r.datetime = "2026-03-01T12:00:00-05:00".into();
        let mut later = r.clone();
        later.variant = 3;
        later.datetime = "2026-04-01T12:00:00-04:00".into();
        let calendar = IcsCalendar {
            name: "c",
            host: "example-clinic.jp",
            stamp: "2026-12-01T00:00:00Z".parse().unwrap(),
        };
        let ics = unfolded(&to_ics(&[r, later], &calendar));
        // In force on 1 March: standard time since November; then summer time from 8 March.
        assert!(ics.contains("BEGIN:STANDARD\r\nDTSTART:20251102T020000\r\nTZOFFSETFROM:-0400\r\nTZOFFSETTO:-0500\r\nTZNAME:EST\r\n"), "{ics}");
        assert!(ics.contains("BEGIN:DAYLIGHT\r\nDTSTART:20260308T020000\r\nTZOFFSETFROM:-0500\r\nTZOFFSETTO:-0400\r\nTZNAME:EDT\r\n"), "{ics}");
        assert_eq!(ics.matches("BEGIN:STANDARD").count(), 1, "{ics}");
        assert!(
            ics.contains("DTSTART;TZID=America/New_York:20260401T120000"),
            "{ics}"
        );
    }

    #[test]
    fn an_unknown_zone_is_written_in_utc() {
        let mut r = record();
        r.timezone = "Mars/Olympus".into();
        let calendar = IcsCalendar {
            name: "c",
            host: "example-clinic.jp",
            stamp: "2026-12-01T00:00:00Z".parse().unwrap(),
        };
        let ics = unfolded(&to_ics(&[r], &calendar));
        assert!(ics.contains("\r\nDTSTART:20261207T030000Z\r\n"), "{ics}");
        assert!(!ics.contains("VTIMEZONE"), "{ics}");
    }

    #[test]
    fn folding_counts_octets_and_never_splits_a_character() {
        let mut w = Writer::default();
        let long = format!("DESCRIPTION:{}", "あ".repeat(60));
        w.line(&long);
        w.line(&"a".repeat(75));
        w.line(&"b".repeat(76));
        let lines: Vec<&str> = w.out.strip_suffix("\r\n").unwrap().split("\r\n").collect();
        // 12 + 3 × 21 = 75 octets, then a space and up to 24 characters of 3 octets (73).
        assert_eq!(lines[0].len(), 75);
        assert_eq!(lines[1].len(), 1 + 24 * 3);
        assert_eq!(lines[2].len(), 1 + 15 * 3);
        assert_eq!(
            lines[3],
            "a".repeat(75),
            "exactly 75 octets stay on one line"
        );
        assert_eq!(lines[4], "b".repeat(75));
        assert_eq!(lines[5], " b", "the last piece counts its space too");
        assert_eq!(w.out.replace("\r\n ", "").lines().next().unwrap(), long);
    }

    #[test]
    fn text_values_are_escaped() {
        assert_eq!(escape_text("a\\b;c,d\r\ne:f"), "a\\\\b\\;c\\,d\\ne:f");
    }

    #[test]
    fn an_empty_calendar_is_still_a_calendar() {
        let calendar = IcsCalendar {
            name: "x",
            host: "example.jp",
            stamp: Timestamp::UNIX_EPOCH,
        };
        let ics = to_ics(&[], &calendar);
        assert!(ics.starts_with("BEGIN:VCALENDAR\r\n") && ics.ends_with("END:VCALENDAR\r\n"));
        assert!(!ics.contains("VEVENT"));
    }
}
