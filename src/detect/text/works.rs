//! Copies of registered works on offer: a listing that names a work (found by the text
//! detector's matchers, disguises included) and offers a copy of it — digital delivery,
//! activation without a licence, or bulk media.
//!
//! A name is only half the evidence: "Photoshop keyboard stickers", a used paperback or a
//! sealed Blu-ray name a work and offer no copy. A name that is an ordinary word used as
//! one ("Frozen", "office", "breaking bad habits") counts only with support: another of
//! the work's names, a word of its kind ("movie", "电影"), or a copy cue written right
//! beside it.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use crate::model::{CopyCue, Evidence, Listing, TextField, Work, WorkKind};

use super::normalize_key;

/// Words that offer a copy, by kind. English words match whole (ASCII case ignored); CJK
/// cues anywhere.
const CUES: &[(&str, &[&str])] = &[
    (
        "digital_delivery",
        &[
            // File formats of books, films and music, and the words for a file.
            "pdf",
            "epub",
            "mobi",
            "azw3",
            "kindle format",
            "kindle edition",
            "djvu",
            "ebook",
            "e-book",
            "mp3",
            "320kbps",
            "flac",
            "ape",
            "wav",
            "mp4",
            "mkv",
            "avi",
            "rmvb",
            "torrent",
            "digital copy",
            "digital file",
            "digital files",
            "digital edition",
            "digital version",
            "digital download",
            "digital delivery",
            "soft copy",
            "电子书",
            "电子版",
            "pdf版",
            "高清资源",
            "资源",
            "在线观看",
            // Links and drives.
            "download",
            "download link",
            "instant download",
            "direct download",
            "free download",
            "google drive",
            "dropbox",
            "mega link",
            "cloud link",
            "streaming link",
            "share link",
            "网盘",
            "百度云",
            "百度网盘",
            "云盘",
            "阿里云盘",
            "夸克网盘",
            "链接",
            "下载",
            "迅雷",
            // Delivered by mail or message, or as a virtual good.
            "sent by email",
            "send by email",
            "sent via email",
            "via email",
            "by email",
            "email delivery",
            "delivered by email",
            "to your inbox",
            "your inbox",
            "发邮箱",
            "邮箱发送",
            "邮件发送",
            "秒发",
            "自动发货",
            "虚拟发货",
            "虚拟商品",
            "网盘发货",
        ],
    ),
    (
        "activation",
        &[
            "activation key",
            "activation code",
            "product key",
            "license key",
            "licence key",
            "serial key",
            "serial number",
            "cd key",
            "cd-key",
            "oem key",
            "lifetime key",
            "lifetime license",
            "lifetime licence",
            "lifetime activation",
            "permanent license",
            "permanent licence",
            "permanent activation",
            "crack",
            "cracked",
            "keygen",
            "patched",
            "pre-activated",
            "preactivated",
            "pre activated",
            "full version unlocked",
            "unlocked full version",
            "no subscription",
            "subscription free",
            "破解",
            "破解版",
            "破解补丁",
            "激活码",
            "序列号",
            "注册码",
            "永久激活",
            "免激活",
            "绿色版",
            "永久使用",
            "永久版",
            "终身版",
            "学习版",
        ],
    ),
    (
        "bulk_media",
        &[
            "usb",
            "usb drive",
            "usb stick",
            "usb flash",
            "flash drive",
            "hard drive",
            "hard disk",
            "hdd",
            "external drive",
            "preloaded",
            "pre-loaded",
            "sd card",
            "tf card",
            "all seasons",
            "all episodes",
            "games included",
            "games incl",
            "u盘",
            "移动硬盘",
            "硬盘",
            "tf卡",
            "全集",
            "合集",
            "全套",
            "全季",
        ],
    ),
];

/// Words that say a copy is a physical, lawfully made one: they outweigh a bulk-media cue
/// ("全集 实体书" is a boxed set), never a digital or activation one.
const PHYSICAL: &[&str] = &[
    "paperback",
    "hardcover",
    "hardback",
    "sealed",
    "second hand",
    "second-hand",
    "pre-owned",
    "used copy",
    "box set",
    "boxed set",
    "实体书",
    "纸质书",
    "精装",
    "平装",
    "二手",
    "正版光盘",
    "盒装",
];

/// Each kind's own words: they support an ordinary-word title.
const VOCABULARY: &[(WorkKind, &[&str])] = &[
    (
        WorkKind::Book,
        &[
            "novel",
            "ebook",
            "author",
            "chapters",
            "full book",
            "complete book",
            "paperback",
            "trilogy",
            "小说",
            "作者",
            "章节",
            "全本",
            "原著",
            "三部曲",
        ],
    ),
    (
        WorkKind::Software,
        &[
            "software",
            "program",
            "64-bit",
            "64 bit",
            "32-bit",
            "for windows",
            "mac version",
            "windows 10",
            "windows 11",
            "macos",
            "installer",
            "软件",
            "安装包",
            "中文版",
        ],
    ),
    (
        WorkKind::Film,
        &[
            "movie",
            "full movie",
            "film",
            "dubbed",
            "subtitles",
            "1080p",
            "4k",
            "blu-ray",
            "bluray",
            "remaster",
            "电影",
            "字幕",
            "国语",
            "双语",
            "蓝光",
            "原盘",
            "影片",
        ],
    ),
    (
        WorkKind::Series,
        &[
            "season",
            "seasons",
            "episode",
            "episodes",
            "tv series",
            "tv show",
            "电视剧",
            "剧集",
            "全集",
            "字幕",
            "美剧",
        ],
    ),
    (
        WorkKind::Music,
        &[
            "album",
            "songs",
            "tracks",
            "discography",
            "deluxe edition",
            "lossless",
            "mp3",
            "flac",
            "专辑",
            "歌曲",
            "无损",
            "音质",
            "音乐",
        ],
    ),
    (
        WorkKind::Game,
        &[
            "game",
            "games",
            "pc game",
            "steam",
            "dlc",
            "ps4",
            "ps5",
            "xbox",
            "游戏",
            "单机",
            "单机版",
            "联机",
        ],
    ),
    (
        WorkKind::Course,
        &[
            "course",
            "full course",
            "lessons",
            "video lessons",
            "tutorial",
            "masterclass",
            "课程",
            "教程",
            "网课",
            "视频课",
        ],
    ),
    (
        WorkKind::Painting,
        &[
            "painting",
            "canvas print",
            "artwork",
            "high resolution",
            "hi-res",
            "giclee",
            "油画",
            "画作",
            "装饰画",
            "原图",
            "高清图",
        ],
    ),
];

/// Bytes between a name and a cue "beside" it: separators only, this many at most.
const BESIDE: usize = 3;

/// A name with a digital or activation cue.
const COPY_SCORE: f32 = 0.85;
/// A name with only a bulk-media cue.
const BULK_SCORE: f32 = 0.75;
/// An ordinary-word name, supported.
const ORDINARY_SCORE: f32 = 0.7;

/// A work's name found in a listing, before the listing's cues are read.
#[derive(Clone, Debug)]
pub(crate) struct NameHit {
    pub work: usize,
    pub field: TextField,
    pub span: (usize, usize),
    pub text: String,
    /// The registered name it resolves to.
    pub name: String,
    /// `exact`, or the disguise.
    pub tactic: &'static str,
}

/// A word list compiled for search, and what each pattern is.
#[derive(Debug)]
struct WordSearch {
    automaton: AhoCorasick,
    /// Per pattern: its label (a cue kind, a work kind's index), and whether it is ASCII
    /// (matched as a whole word).
    patterns: Vec<(usize, bool)>,
}

impl WordSearch {
    fn new<'w>(lists: impl IntoIterator<Item = (usize, &'w [&'w str])>) -> WordSearch {
        let mut words = Vec::new();
        let mut patterns = Vec::new();
        for (label, list) in lists {
            for w in list {
                words.push(*w);
                patterns.push((label, w.is_ascii()));
            }
        }
        let automaton = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostLongest)
            .build(&words)
            .expect("fixed word lists compile");
        WordSearch {
            automaton,
            patterns,
        }
    }

    /// (label, start, end) of each word in `text`; ASCII words only where they stand alone.
    fn find(&self, text: &str) -> Vec<(usize, usize, usize)> {
        let bytes = text.as_bytes();
        let alone = |s: usize, e: usize| {
            (s == 0 || !bytes[s - 1].is_ascii_alphanumeric())
                && (e == bytes.len() || !bytes[e].is_ascii_alphanumeric())
        };
        self.automaton
            .find_iter(text)
            .filter_map(|m| {
                let (label, ascii) = self.patterns[m.pattern().as_usize()];
                (!ascii || alone(m.start(), m.end())).then_some((label, m.start(), m.end()))
            })
            .collect()
    }
}

/// Turns work names found in a listing into `copyright_unauthorized_copy` evidence.
#[derive(Debug)]
pub(crate) struct WorkFinder {
    cues: WordSearch,
    physical: WordSearch,
    vocabulary: WordSearch,
    /// Per work: its kind and the normalised keys of its ordinary names.
    works: Vec<(WorkKind, Vec<String>)>,
}

impl WorkFinder {
    pub(crate) fn new(works: &[Work]) -> WorkFinder {
        WorkFinder {
            cues: WordSearch::new(CUES.iter().enumerate().map(|(i, (_, l))| (i, *l))),
            physical: WordSearch::new([(0, PHYSICAL)]),
            vocabulary: WordSearch::new(
                VOCABULARY
                    .iter()
                    .map(|(kind, list)| (*kind as usize, *list)),
            ),
            works: works
                .iter()
                .map(|w| {
                    let ordinary = w.ordinary_names.iter().map(|n| normalize_key(n)).collect();
                    (w.kind, ordinary)
                })
                .collect(),
        }
    }

    /// Appends evidence for each work that `hits` name and `listing` offers a copy of: one
    /// piece per work, its best-placed name (title field first).
    pub(crate) fn evidence(
        &self,
        listing: &Listing,
        mut hits: Vec<NameHit>,
        out: &mut Vec<Evidence>,
    ) {
        if hits.is_empty() {
            return;
        }
        let fields = [
            (TextField::Title, listing.title.as_str()),
            (TextField::Description, listing.description.as_str()),
        ];
        let mut cues: Vec<CopyCue> = Vec::new();
        let mut physical = false;
        let mut kinds_named: Vec<usize> = Vec::new();
        for (field, text) in fields {
            for (kind, start, end) in self.cues.find(text) {
                cues.push(CopyCue {
                    text: text[start..end].to_string(),
                    kind: CUES[kind].0.to_string(),
                    field,
                    span: (start, end),
                });
            }
            physical |= !self.physical.find(text).is_empty();
            kinds_named.extend(self.vocabulary.find(text).into_iter().map(|v| v.0));
        }
        if physical {
            cues.retain(|c| c.kind != "bulk_media");
        }
        if cues.is_empty() {
            return;
        }
        hits.sort_by_key(|h| (h.work, h.field as u8, h.span));
        let mut i = 0;
        while i < hits.len() {
            let same = hits[i..]
                .iter()
                .take_while(|h| h.work == hits[i].work)
                .count();
            let names = &hits[i..i + same];
            i += same;
            let (kind, ordinary) = &self.works[names[0].work];
            let is_ordinary = |h: &NameHit| is_ordinary_use(h, ordinary);
            let (hit, support) = if let Some(h) = names.iter().find(|h| !is_ordinary(h)) {
                (h, None)
            } else {
                let support = support(names, &cues, *kind, &kinds_named, &fields);
                let Some(support) = support else {
                    continue;
                };
                (&names[0], Some(support))
            };
            let digital = cues.iter().any(|c| c.kind != "bulk_media");
            let score = match (&support, digital) {
                (Some(_), _) => ORDINARY_SCORE,
                (None, true) => COPY_SCORE,
                (None, false) => BULK_SCORE,
            };
            out.push(Evidence::Work {
                work: hit.work,
                field: hit.field,
                text: hit.text.clone(),
                span: hit.span,
                tactic: hit.tactic,
                cues: cues.clone(),
                support,
                score,
            });
        }
    }
}

/// Whether a name found is an ordinary word used as one, and so needs support. A name of
/// one ordinary word always does ("Frozen dumplings" is capitalised too); a phrase of
/// ordinary words does when not written as registered ("breaking bad habits"); a
/// disguise never does, since nobody disguises a plain word.
fn is_ordinary_use(hit: &NameHit, ordinary: &[String]) -> bool {
    let key = normalize_key(&hit.name);
    if !ordinary.contains(&key) || words_of(&hit.text) != words_of(&key) {
        return false;
    }
    let one_word = !key.contains(|c: char| !c.is_alphanumeric());
    one_word || hit.text.trim() != hit.name.trim()
}

/// The words of `text`, lower case, single-spaced: a name written with its letters
/// spread or changed is not these.
fn words_of(text: &str) -> String {
    normalize_key(text)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// What makes ordinary-word names count, if anything: another name of the work is
/// written (checked by the caller), a word of its kind is, or a cue stands right beside
/// a name.
fn support(
    names: &[NameHit],
    cues: &[CopyCue],
    kind: WorkKind,
    kinds_named: &[usize],
    fields: &[(TextField, &str); 2],
) -> Option<String> {
    if kinds_named.contains(&(kind as usize)) {
        let words = VOCABULARY
            .iter()
            .find(|(k, _)| *k == kind)
            .map_or("", |(_, w)| w[0]);
        return Some(format!(
            "kind_vocabulary: a {} word ({words}…)",
            kind.as_str()
        ));
    }
    for name in names {
        for cue in cues.iter().filter(|c| c.field == name.field) {
            let gap = if cue.span.0 >= name.span.1 {
                name.span.1..cue.span.0
            } else if name.span.0 >= cue.span.1 {
                cue.span.1..name.span.0
            } else {
                continue;
            };
            let text = if name.field == TextField::Title {
                fields[0].1
            } else {
                fields[1].1
            };
            let between = text.get(gap.clone()).unwrap_or("x");
            if gap.len() <= BESIDE && !between.chars().any(char::is_alphanumeric) {
                return Some(format!("cue_beside_title: {}", cue.text));
            }
        }
    }
    None
}
