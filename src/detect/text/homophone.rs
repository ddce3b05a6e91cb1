//! Chinese names written with other characters of the same sound (耐克 → 奈克), or of
//! nearly the same sound for names of three characters or more (康师傅 → 康帅傅), and
//! names spelled in pinyin (naike).

use pinyin::ToPinyin;
use rustc_hash::FxHashMap;

use crate::detect::text::is_cjk;

/// The toneless pinyin of a CJK character.
pub fn syllable(c: char) -> Option<&'static str> {
    c.to_pinyin().map(pinyin::Pinyin::plain)
}

/// The initial of a syllable (`zh`, `ch`, `sh` or its first letter).
fn initial(s: &str) -> &str {
    if ["zh", "ch", "sh"].iter().any(|p| s.starts_with(p)) {
        &s[..2]
    } else {
        &s[..s.len().min(1)]
    }
}

/// A registered CJK form and what it stands for.
#[derive(Clone, Debug)]
struct Form {
    chars: Vec<char>,
    target: usize,
}

/// A hit: the window of the text and the form it sounds like.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SoundHit {
    /// Character positions `[start, end)` in the CJK run.
    pub start: usize,
    pub end: usize,
    pub target: usize,
    /// Whether every syllable matched (else one differed but kept its initial).
    pub exact_sound: bool,
}

/// Index of CJK forms by sound.
#[derive(Clone, Debug, Default)]
pub struct HomophoneIndex {
    forms: Vec<Form>,
    by_sound: FxHashMap<u64, Vec<u32>>,
    /// One syllable replaced by its initial, for forms of three or more characters.
    by_near_sound: FxHashMap<u64, Vec<u32>>,
    lengths: Vec<usize>,
    /// Hashes of every syllable of every form: a window with two or more syllables
    /// outside them cannot sound like a form.
    form_sounds: rustc_hash::FxHashSet<u64>,
}

/// A hash of one syllable (or of `*` followed by an initial, for a wildcard).
fn sound_hash(s: &str) -> u64 {
    s.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

fn wildcard_hash(s: &str) -> u64 {
    sound_hash(initial(s)) ^ 0x5555_5555_5555_5555
}

/// The key of a sequence of syllable hashes, order-sensitive.
fn combine(hashes: impl Iterator<Item = u64>) -> u64 {
    hashes.fold(0, |h, x| {
        (h.rotate_left(23) ^ x).wrapping_mul(0xff51_afd7_ed55_8ccd)
    })
}

fn sound_key(syllables: &[&str], wildcard: Option<usize>) -> u64 {
    combine(syllables.iter().enumerate().map(|(i, s)| {
        if Some(i) == wildcard {
            wildcard_hash(s)
        } else {
            sound_hash(s)
        }
    }))
}

impl HomophoneIndex {
    /// Indexes forms made only of CJK characters that all have a reading.
    pub fn new<'f>(forms: impl IntoIterator<Item = (&'f str, usize)>) -> HomophoneIndex {
        let mut index = HomophoneIndex::default();
        for (form, target) in forms {
            let chars: Vec<char> = form.chars().filter(|c| !c.is_whitespace()).collect();
            if chars.len() < 2 || !chars.iter().all(|&c| is_cjk(c)) {
                continue;
            }
            let Some(syllables) = chars
                .iter()
                .map(|&c| syllable(c))
                .collect::<Option<Vec<_>>>()
            else {
                continue;
            };
            let id = index.forms.len() as u32;
            index
                .by_sound
                .entry(sound_key(&syllables, None))
                .or_default()
                .push(id);
            if chars.len() >= 3 {
                for w in 0..chars.len() {
                    index
                        .by_near_sound
                        .entry(sound_key(&syllables, Some(w)))
                        .or_default()
                        .push(id);
                }
            }
            if !index.lengths.contains(&chars.len()) {
                index.lengths.push(chars.len());
            }
            index
                .form_sounds
                .extend(syllables.iter().map(|s| sound_hash(s)));
            index.forms.push(Form { chars, target });
        }
        index
    }

    /// The pinyin spelling of a form, for matching Latin text (`耐克` → `naike`).
    pub fn spelling(form: &str) -> Option<String> {
        let chars: Vec<char> = form.chars().filter(|c| !c.is_whitespace()).collect();
        if chars.len() < 2 || !chars.iter().all(|&c| is_cjk(c)) {
            return None;
        }
        chars.iter().map(|&c| syllable(c)).collect()
    }

    pub fn is_empty(&self) -> bool {
        self.forms.is_empty()
    }

    /// Windows of `run` (a run of CJK characters) that sound like a form without being
    /// written as it.
    pub fn find(&self, run: &[char], out: &mut Vec<SoundHit>) {
        if self.forms.is_empty() || run.len() < 2 {
            return;
        }
        // Per character: whether its syllable is one of the forms' (cheap), and only then
        // its syllable's hash and its initial's.
        let syllables: Vec<Option<&'static str>> = run.iter().map(|&c| syllable(c)).collect();
        let heard: Vec<bool> = syllables
            .iter()
            .map(|s| s.is_some_and(|s| self.form_sounds.contains(&sound_hash(s))))
            .collect();
        if !heard.contains(&true) {
            return;
        }
        let sounds: Vec<Option<(u64, u64)>> = syllables
            .iter()
            .map(|s| s.map(|s| (sound_hash(s), wildcard_hash(s))))
            .collect();
        for &len in &self.lengths {
            if len > run.len() {
                continue;
            }
            for start in 0..=run.len() - len {
                // At most one syllable may be foreign to the forms (near sound).
                if heard[start..start + len].iter().filter(|h| !**h).count() > 1 {
                    continue;
                }
                let Some(window) = sounds[start..start + len]
                    .iter()
                    .copied()
                    .collect::<Option<Vec<_>>>()
                else {
                    continue;
                };
                let chars = &run[start..start + len];
                let mut push = |id: u32, exact_sound: bool| {
                    let form = &self.forms[id as usize];
                    let differing = form.chars.iter().zip(chars).filter(|(a, b)| a != b).count();
                    // A two-character name with both characters replaced sounds like too
                    // many ordinary words (小蜜 for 小米 is "little honey"): one at most.
                    let plausible = if exact_sound && form.chars.len() > 2 {
                        differing > 0
                    } else {
                        differing == 1
                    };
                    if plausible
                        && !out
                            .iter()
                            .any(|h| h.start == start && h.target == form.target)
                    {
                        out.push(SoundHit {
                            start,
                            end: start + len,
                            target: form.target,
                            exact_sound,
                        });
                    }
                };
                let key = |wildcard: Option<usize>| {
                    combine(
                        window
                            .iter()
                            .enumerate()
                            .map(|(i, &(s, w))| if Some(i) == wildcard { w } else { s }),
                    )
                };
                for &id in self.by_sound.get(&key(None)).into_iter().flatten() {
                    push(id, true);
                }
                if len >= 3 {
                    for w in 0..len {
                        for &id in self.by_near_sound.get(&key(Some(w))).into_iter().flatten() {
                            push(id, false);
                        }
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn homophones_and_near_homophones() {
        let index = HomophoneIndex::new([("耐克", 0), ("康师傅", 1), ("阿迪达斯", 2)]);
        let cases: &[(&str, &[(usize, bool)])] = &[
            ("奈克运动鞋", &[(0, true)]),
            ("耐克运动鞋", &[]),
            ("康帅傅方便面", &[(1, false)]),
            ("阿迪达斯", &[]),
            ("阿迪大斯跑鞋", &[(2, true)]),
            ("克耐", &[]),
            ("康师父红烧牛肉面", &[(1, true)]),
            ("耐", &[]),
            ("乃可运动鞋", &[]),
            ("阿帝大斯", &[(2, true)]),
            ("阿迪", &[]),
        ];
        for &(text, want) in cases {
            let run: Vec<char> = text.chars().collect();
            let mut out = Vec::new();
            index.find(&run, &mut out);
            let got: Vec<(usize, bool)> = out.iter().map(|h| (h.target, h.exact_sound)).collect();
            assert_eq!(got, want, "{text}");
        }
        assert_eq!(HomophoneIndex::spelling("耐克").as_deref(), Some("naike"));
    }
}
