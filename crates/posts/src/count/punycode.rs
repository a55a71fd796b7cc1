//! The length of a host label once punycoded (RFC 3492), for twitter-text's 63-character
//! label limit.
//!
//! twitter-text encodes each label with punycode.js's `toASCII` and rejects a URL whose label
//! comes out empty or longer than 63 characters. It matters in Japanese because a scheme-less
//! match starts at the first character after a space or punctuation, so a long run of kana
//! glued to a host (`…詳しくはexample.com/x`) makes one long label, and then no URL at all.
//! We only need the length, so only the encoder is here, and it is the textbook algorithm.

const BASE: u32 = 36;
const T_MIN: u32 = 1;
const T_MAX: u32 = 26;
const SKEW: u32 = 38;
const DAMP: u32 = 700;
const INITIAL_BIAS: u32 = 72;
const INITIAL_N: u32 = 128;

/// What `punycode.toASCII(label)` returns, measured: ASCII parts as they are, others as
/// `xn--…`; like punycode.js, `。`, `．` and `｡` also separate parts, and a part is encoded
/// when it holds anything but printable ASCII (`/[^\x20-\x7E]/`).
///
/// `label` holds code points, not `char`s: a label may start with the lone low half of a
/// surrogate pair (see [`super::url`]).
pub(super) fn to_ascii_len(label: &[u32]) -> usize {
    let parts = label.split(|&c| matches!(c, 0x2E | 0x3002 | 0xFF0E | 0xFF61));
    let mut len = 0;
    let mut count: usize = 0;
    for part in parts {
        count += 1;
        len += if part.iter().all(|c| (0x20..=0x7E).contains(c)) {
            part.len()
        } else {
            "xn--".len() + encoded_len(part).unwrap_or(usize::MAX / 4)
        };
    }
    len + count.saturating_sub(1)
}

/// Length of the punycode encoding of `input` (without `xn--`); `None` on overflow.
fn encoded_len(input: &[u32]) -> Option<usize> {
    let basic = input.iter().filter(|&&c| c < 0x80).count();
    let mut out = basic + usize::from(basic > 0);
    let mut n = INITIAL_N;
    let mut delta: u32 = 0;
    let mut bias = INITIAL_BIAS;
    let mut handled = basic;
    while handled < input.len() {
        let m = input.iter().copied().filter(|&c| c >= n).min()?;
        let steps = u32::try_from(handled + 1).ok()?;
        delta = delta.checked_add((m - n).checked_mul(steps)?)?;
        n = m;
        for &c in input {
            if c < n {
                delta = delta.checked_add(1)?;
            }
            if c == n {
                let mut q = delta;
                let mut k = BASE;
                loop {
                    let t = threshold(k, bias);
                    if q < t {
                        break;
                    }
                    out += 1;
                    q = (q - t) / (BASE - t);
                    k += BASE;
                }
                out += 1;
                bias = adapt(delta, u32::try_from(handled + 1).ok()?, handled == basic);
                delta = 0;
                handled += 1;
            }
        }
        delta = delta.checked_add(1)?;
        n = n.checked_add(1)?;
    }
    Some(out)
}

fn threshold(k: u32, bias: u32) -> u32 {
    if k <= bias {
        T_MIN
    } else if k >= bias + T_MAX {
        T_MAX
    } else {
        k - bias
    }
}

fn adapt(delta: u32, num_points: u32, first: bool) -> u32 {
    let mut delta = if first { delta / DAMP } else { delta / 2 };
    delta += delta / num_points;
    let mut k = 0;
    while delta > ((BASE - T_MIN) * T_MAX) / 2 {
        delta /= BASE - T_MIN;
        k += BASE;
    }
    k + (((BASE - T_MIN + 1) * delta) / (delta + SKEW))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn len(s: &str) -> usize {
        to_ascii_len(&s.chars().map(u32::from).collect::<Vec<_>>())
    }

    #[test]
    fn lengths_match_punycode_js() {
        // Values from Node's punycode.toASCII.
        assert_eq!(len("bücher"), "xn--bcher-kva".len());
        assert_eq!(len("mañana"), "xn--maana-pta".len());
        assert_eq!(len("クリニック"), "xn--pcka3d5a7l".len());
        assert_eq!(len("詳しくはexample-clinic"), 32);
        assert_eq!(len("花粉症対策のポイントをまとめました詳しくは"), 55);
        assert_eq!(len("example"), 7);
        assert_eq!(len("例。example"), "xn--fsq.example".len());
    }
}
