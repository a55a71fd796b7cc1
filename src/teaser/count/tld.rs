//! Top-level domains that make a dotted token a URL to X.
//!
//! twitter-text carries the IANA list of 2020 (about 1,500 names). We keep every ASCII
//! country code and a curated set of generic names: the classic ones, those a Japanese
//! clinic's readers meet (`.tokyo`, `.clinic`, `.dental`, `.jp` brands) and the common new
//! ones (`.blog`, `.shop`, `.online`). Every name here is in twitter-text's list, so we never
//! count a URL that X would not. A name missing here makes a token like `foo.photography`
//! count per character instead of 23; to add one, check it is in twitter-text's
//! `validGTLD`, keep the list sorted (a test checks), lower case.
//!
//! A TLD only matches as a whole: the character after it must not be an ASCII letter,
//! digit or `@` (`example.comです` is a URL; `example.company1` is not).

use std::sync::LazyLock;

/// Generic TLDs, sorted, separated by white space.
const GENERIC: &str = "
    academy accountant actor aero agency apartments app art asia audio auto baby band bank bar
    beauty beer best bike bio biz black blog blue book boutique build business buzz cafe camera
    camp canon car care career careers cars cash cat center chat cheap chintai church city click
    clinic clothing cloud club codes coffee college com community company computer consulting
    cool coop dance date dating day deals dental dentist design dev diet digital direct
    directory discount doctor dog domains download earth eco edu education email energy engineer
    engineering enterprises equipment estate events exchange expert express faith family fan
    fans farm fashion fit fitness flowers food football forsale foundation free fujitsu fun fund
    furniture futbol fyi gallery game games garden gift gifts gives glass global gmo gold golf
    goo google gov graphics green group guide guru hair health healthcare help hiphop hitachi
    hiv hockey holdings holiday homes honda horse hospital host hosting house how icu immo
    industries info ink institute insure int international investments jewelry jobs jprs kddi
    kitchen kyoto land lawyer legal life lighting limited link live loan loans lol london love
    ltd luxury management market marketing mba med media memorial men menu mil mobi moda moe mom
    money monster mortgage movie museum nagoya name net network news nhk nikon ninja nissan ntt
    nyc okinawa one online ooo org osaka otsuka page panasonic paris partners parts party pet
    pharmacy photo photography photos physio pics pictures pink pizza place plus poker post
    press pro productions promo properties property pub racing radio realestate recipes red
    rehab reise reisen rent rentals repair report rest restaurant review reviews rich ricoh rip
    rocks run ryukyu sakura sale salon sarl school schule science security services sharp shoes
    shop shopping show singles site ski skin soccer social softbank software solar solutions
    sony space store studio study style supplies supply support surf surgery suzuki systems
    tattoo tax taxi team tech technology tel tennis theater theatre tickets tienda tips tires
    today tokyo tools top toshiba tours town toyota toys trade trading training travel tube
    university uno vacations vegas ventures vet video villas vin vip vision vodka vote voting
    voto voyage wang watch webcam website wedding wiki win wine work works world wtf xxx xyz
    yahoo yodobashi yoga yokohama youtube zone
";

/// Country-code TLDs (ISO 3166 and the few IANA extras: ac, eu, su, uk …), sorted.
const COUNTRY: &str = "
    ac ad ae af ag ai al am an ao aq ar as at au aw ax az ba bb bd be bf bg bh bi bj bl bm bn bo
    bq br bs bt bv bw by bz ca cc cd cf cg ch ci ck cl cm cn co cr cu cv cw cx cy cz de dj dk dm
    do dz ec ee eg eh er es et eu fi fj fk fm fo fr ga gb gd ge gf gg gh gi gl gm gn gp gq gr gs
    gt gu gw gy hk hm hn hr ht hu id ie il im in io iq ir is it je jm jo jp ke kg kh ki km kn kp
    kr kw ky kz la lb lc li lk lr ls lt lu lv ly ma mc md me mf mg mh mk ml mm mn mo mp mq mr ms
    mt mu mv mw mx my mz na nc ne nf ng ni nl no np nr nu nz om pa pe pf pg ph pk pl pm pn pr ps
    pt pw py qa re ro rs ru rw sa sb sc sd se sg sh si sj sk sl sm sn so sr ss st su sv sx sy sz
    tc td tf tg th tj tk tl tm tn to tp tr tt tv tw tz ua ug uk um us uy uz va vc ve vg vi vn vu
    wf ws ye yt za zm zw
";

/// The longest name in [`GENERIC`] and [`COUNTRY`] (a test checks).
const LONGEST: usize = 16;

/// Generic TLDs in Japanese script, matched as written.
const GENERIC_JAPANESE: &[&str] = &[
    "みんな",
    "コム",
    "ストア",
    "セール",
    "ポイント",
    "ファッション",
    "クラウド",
];

/// The end of the TLD starting at `t`, if one does (`validGTLD|validCCTLD|validPunycode`).
pub(super) fn match_at(s: &[char], t: usize) -> Option<usize> {
    let mut r = t;
    while s.get(r).is_some_and(char::is_ascii_alphanumeric) {
        r += 1;
    }
    if r > t && r - t <= LONGEST && s.get(r) != Some(&'@') {
        // The name is ASCII: lower-case it into a small buffer.
        let mut buffer = [0u8; LONGEST];
        for (b, c) in buffer.iter_mut().zip(&s[t..r]) {
            *b = c.to_ascii_lowercase() as u8;
        }
        let name = std::str::from_utf8(&buffer[..r - t]).unwrap_or_default();
        if GENERIC_LIST.binary_search(&name).is_ok() || is_cc(name) {
            return Some(r);
        }
    }
    // The Japanese names start with a kana, the punycode ones with `x`.
    let first = s.get(t)?;
    if first.is_ascii() {
        return punycode_at(s, t);
    }
    for name in GENERIC_JAPANESE {
        let len = name.chars().count();
        let matches = s.len() >= t + len && s[t..t + len].iter().copied().eq(name.chars());
        let next_ok = s
            .get(t + len)
            .is_none_or(|&c| !(c.is_ascii_alphanumeric() || c == '@'));
        if matches && next_ok {
            return Some(t + len);
        }
    }
    punycode_at(s, t)
}

/// A country-code TLD (lower case).
pub(super) fn is_cc(name: &str) -> bool {
    COUNTRY_LIST.binary_search(&name).is_ok()
}

static GENERIC_LIST: LazyLock<Vec<&str>> = LazyLock::new(|| GENERIC.split_whitespace().collect());
static COUNTRY_LIST: LazyLock<Vec<&str>> = LazyLock::new(|| COUNTRY.split_whitespace().collect());

/// `.co` and `.tv`: the country codes whose bare two-part hosts still count without a path.
pub(super) fn is_special_short(name: &str) -> bool {
    matches!(name, "co" | "tv")
}

/// `xn--` and at least one letter, digit or hyphen.
fn punycode_at(s: &[char], t: usize) -> Option<usize> {
    let prefix = ['x', 'n', '-', '-'];
    let has_prefix = s.len() >= t + 4
        && s[t..t + 4]
            .iter()
            .zip(prefix)
            .all(|(c, p)| c.eq_ignore_ascii_case(&p));
    if !has_prefix {
        return None;
    }
    let mut r = t + 4;
    while s
        .get(r)
        .is_some_and(|c| c.is_ascii_alphanumeric() || *c == '-')
    {
        r += 1;
    }
    (r > t + 4).then_some(r)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_are_sorted_lower_case_and_unique() {
        for list in [&*GENERIC_LIST, &*COUNTRY_LIST] {
            assert!(list.iter().all(|n| n.len() <= LONGEST));
            assert!(list.windows(2).all(|w| w[0] < w[1]));
            assert!(
                list.iter()
                    .all(|n| n.bytes().all(|b| b.is_ascii_lowercase()))
            );
        }
    }

    #[test]
    fn matches_whole_names_only() {
        let s: Vec<char> = "com/ comです company1 jp@ tokyo xn--p1ai みんなの"
            .chars()
            .collect();
        assert_eq!(match_at(&s, 0), Some(3));
        assert_eq!(match_at(&s, 5), Some(8));
        assert_eq!(match_at(&s, 11), None);
        assert_eq!(match_at(&s, 20), None);
        assert_eq!(match_at(&s, 24), Some(29));
        assert_eq!(match_at(&s, 30), Some(38));
        assert_eq!(match_at(&s, 39), Some(42));
    }
}
