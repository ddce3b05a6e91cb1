//! Word boundaries in CJK text, where no space marks them: a mark written in Chinese may
//! sit inside a longer ordinary word (`三星级` "three-star", `苹果汁` "apple juice",
//! `三星堆` a place). Segmentation by jieba's dictionary tells: when the word around a
//! mark is longer than the mark and is not itself a proper noun (`耐克鞋`, `三星电子` are
//! tagged as such), the mark is used as an ordinary word.

use std::cell::Cell;
use std::sync::OnceLock;

use jieba_rs::Jieba;

/// Loaded on the first CJK mark found (about 0.15 s), or ahead of it by [`load_segmenter`];
/// never for Latin-only marks.
static JIEBA: OnceLock<Jieba> = OnceLock::new();

thread_local! {
    /// On a thread running [`without_waiting_for_segmenter`]: whether what it ran has
    /// wanted the segmenter before it was loaded.
    static NOT_WAITING: Cell<Option<bool>> = const { Cell::new(None) };
}

/// Loads the segmenter now, unless it is loaded already. A scan whose marks are written in
/// CJK runs this on a thread of its own while it reads its first listings, so that the
/// first CJK mark found does not wait for it.
pub fn load_segmenter() {
    JIEBA.get_or_init(Jieba::new);
}

/// Runs `f` on this thread without waiting for the segmenter to finish loading: `None`
/// when `f` needed it before it was ready, and whatever `f` found is then not to be used
/// (each mark in CJK context was taken for standing alone). A scan on several cores sets
/// such listings aside while the segmenter loads, and scans them again once it is ready,
/// rather than leave its cores idle.
///
/// # Example
/// ```
/// use ippscan::detect::text::{inside_ordinary_word, load_segmenter, without_waiting_for_segmenter};
/// load_segmenter();
/// let text = "三星级酒店床品";
/// assert_eq!(without_waiting_for_segmenter(|| inside_ordinary_word(text, (0, 6))), Some(true));
/// ```
pub fn without_waiting_for_segmenter<T>(f: impl FnOnce() -> T) -> Option<T> {
    /// Puts back the thread's state as it was, even when `f` panics (inside another such
    /// run, what `f` wanted is that run's too).
    struct Restore(Option<bool>);
    impl Drop for Restore {
        fn drop(&mut self) {
            let wanted = NOT_WAITING.get() == Some(true);
            NOT_WAITING.set(self.0.map(|outer| outer || wanted));
        }
    }
    let _restore = Restore(NOT_WAITING.replace(Some(false)));
    let out = f();
    (NOT_WAITING.get() != Some(true)).then_some(out)
}

/// The segmenter, loading it (or waiting for its load) unless this thread runs
/// [`without_waiting_for_segmenter`] and it is not ready.
fn segmenter() -> Option<&'static Jieba> {
    if let Some(jieba) = JIEBA.get() {
        return Some(jieba);
    }
    if NOT_WAITING.get().is_some() {
        NOT_WAITING.set(Some(true));
        return None;
    }
    Some(JIEBA.get_or_init(Jieba::new))
}

/// Whether any of `names` (marks, aliases, titles) is written in CJK: then the segmenter
/// will be needed.
pub fn any_cjk<'a>(names: impl IntoIterator<Item = &'a str>) -> bool {
    names.into_iter().any(|n| {
        crate::detect::text::normalize_key(n)
            .chars()
            .any(crate::detect::text::is_cjk)
    })
}

/// Characters of context on each side of a mark given to the segmenter.
const CONTEXT: usize = 4;

/// jieba's tags for proper nouns: brands, names, transliterated names.
fn is_proper_noun(tag: &str) -> bool {
    matches!(tag, "nz" | "nr" | "nrt" | "nrfg")
}

/// Whether the CJK text at `span` (bytes of `text`) lies inside a longer word that is not a
/// proper noun.
///
/// # Example
/// ```
/// use ippscan::detect::text::inside_ordinary_word;
/// let text = "三星级酒店床品";
/// assert!(inside_ordinary_word(text, (0, "三星".len())));
/// let text = "正品耐克鞋";
/// let at = text.find("耐克").unwrap();
/// assert!(!inside_ordinary_word(text, (at, at + "耐克".len())));
/// ```
pub fn inside_ordinary_word(text: &str, span: (usize, usize)) -> bool {
    let before: usize = text[..span.0]
        .chars()
        .rev()
        .take_while(|&c| crate::detect::text::is_cjk(c))
        .take(CONTEXT)
        .map(char::len_utf8)
        .sum();
    let after: usize = text[span.1..]
        .chars()
        .take_while(|&c| crate::detect::text::is_cjk(c))
        .take(CONTEXT)
        .map(char::len_utf8)
        .sum();
    if before == 0 && after == 0 {
        return false;
    }
    let start = span.0 - before;
    let window = &text[start..span.1 + after];
    let (from, to) = (before, before + span.1 - span.0);
    let Some(jieba) = segmenter() else {
        return false;
    };
    let mut at = 0;
    for tag in jieba.tag(window, false) {
        let (s, e) = (at, at + tag.word.len());
        at = e;
        let overlaps = s < to && from < e;
        let longer = s < from || e > to;
        if overlaps && longer && !is_proper_noun(tag.tag) {
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_written_in_cjk_need_the_segmenter() {
        let table: [(&[&str], bool); 4] = [
            (&[], false),
            (&["Nike", "Adidas", "Ｎｉｋｅ"], false),
            (&["Nike", "耐克"], true),
            (&["ＳＡＭＳＵＮＧ 三星"], true),
        ];
        for (names, want) in table {
            assert_eq!(any_cjk(names.iter().copied()), want, "{names:?}");
        }
    }

    #[test]
    fn a_run_without_waiting_puts_the_thread_back_as_it_was() {
        // What `segmenter` does when it is wanted before it is ready.
        let want = || NOT_WAITING.set(Some(true));
        assert_eq!(without_waiting_for_segmenter(|| 1), Some(1));
        assert_eq!(NOT_WAITING.get(), None);
        assert_eq!(without_waiting_for_segmenter(want), None);
        assert_eq!(NOT_WAITING.get(), None);
        // Inside another run, a run that wanted it makes that one want it too.
        assert_eq!(
            without_waiting_for_segmenter(|| without_waiting_for_segmenter(want)),
            None
        );
        assert_eq!(
            without_waiting_for_segmenter(|| without_waiting_for_segmenter(|| 2)),
            Some(Some(2))
        );
        let panicked = std::panic::catch_unwind(|| {
            without_waiting_for_segmenter(|| panic!("a detector's bug"));
        });
        assert!(panicked.is_err());
        assert_eq!(NOT_WAITING.get(), None);
    }

    #[test]
    fn marks_inside_longer_ordinary_words() {
        // (text, mark, inside an ordinary word)
        let cases = [
            ("三星级酒店床品", "三星", true),
            ("三星堆考古图书", "三星", true),
            ("三星手机", "三星", false),
            ("三星电子官方", "三星", false),
            ("新鲜苹果汁", "苹果", true),
            ("烟台红富士苹果", "苹果", false),
            ("正品耐克鞋", "耐克", false),
            ("路易威登钱包", "路易威登", false),
            ("小米粥杂粮", "小米", true),
            ("小米手机", "小米", false),
            ("耐克", "耐克", false),
        ];
        for (text, mark, want) in cases {
            let at = text.find(mark).unwrap();
            assert_eq!(
                inside_ordinary_word(text, (at, at + mark.len())),
                want,
                "{mark} in {text}"
            );
        }
    }
}
