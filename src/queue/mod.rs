//! The complaint queue: a `SQLite` database that persists across runs, where reviewers set
//! each complaint's status. Scans write it in one transaction per batch, so a run killed
//! at any point leaves whole batches or nothing; a rerun completes the work, and adds
//! nothing it already has.

mod checkpoint;
mod schema;

use std::collections::{BTreeSet, HashMap};
use std::fs::File;
use std::path::{Path, PathBuf};

use rusqlite::{Connection, OptionalExtension, params};

use crate::error::{Error, ErrorKind, Result};
use crate::model::{Complaint, Flag, Status};
use checkpoint::Checkpointer;

/// A listing as the queue remembers it between runs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListingState {
    pub platform: String,
    pub listing_id: String,
    pub seller_id: String,
    /// Hash of everything the detectors read.
    pub content_hash: u64,
}

/// A listing scanned in this run, with every flag it got (those under the queue's
/// thresholds too): a later run that finds it unchanged carries them into its outputs.
#[derive(Clone, Copy, Debug)]
pub struct ScannedListing<'a> {
    pub state: &'a ListingState,
    pub flags: &'a [Flag],
}

/// What setting a complaint's status did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StatusChange {
    Changed,
    /// It had that status already.
    Already,
    NoSuchComplaint,
}

/// What a batch changed in the queue.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct BatchOutcome {
    pub new_complaints: u64,
    pub updated_complaints: u64,
    pub reopened: u64,
    pub new_evidence: u64,
}

/// Which complaints to list.
#[derive(Clone, Debug, Default)]
pub struct Filter {
    pub status: Option<Status>,
    pub reason: Option<String>,
    pub rights_holder: Option<String>,
    pub seller_id: Option<String>,
    pub min_score: Option<f64>,
}

/// One piece of a complaint's evidence.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct EvidenceRow {
    pub reason: String,
    pub ref_id: String,
    pub detail: String,
    pub score: f64,
    pub evidence: String,
    pub run_id: String,
}

/// One entry of a complaint's history: who set what, when.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct HistoryRow {
    pub at: String,
    pub by: String,
    pub status: String,
    pub note: String,
}

/// A complaint with everything known about it.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct ComplaintRecord {
    pub complaint: Complaint,
    pub evidence: Vec<EvidenceRow>,
    pub history: Vec<HistoryRow>,
}

/// A seller's confirmed complaints and the escalation they reach.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct RepeatInfringer {
    pub seller_id: String,
    pub platform: String,
    pub confirmed: u64,
    pub level: String,
}

/// The queue.
#[derive(Debug)]
pub struct Queue {
    conn: Connection,
    path: PathBuf,
    /// Held for the life of a scan: a second scan on the same queue refuses to start.
    _lock: Option<File>,
    /// A scan's checkpoints, on a thread of their own (see [`checkpoint`]).
    checkpoints: Option<Checkpointer>,
}

fn db_error(path: &Path, e: rusqlite::Error) -> Error {
    Error::new(ErrorKind::Database(e)).with_path(path)
}

/// A 64-bit hash as `SQLite` stores integers: the same bits, signed.
fn sql_hash(h: u64) -> i64 {
    i64::from_ne_bytes(h.to_ne_bytes())
}

/// A connection to the queue at `path` that waits for another's write to end.
fn connect(path: &Path) -> Result<Connection> {
    let conn = Connection::open(path).map_err(|e| db_error(path, e))?;
    conn.busy_timeout(std::time::Duration::from_secs(30))
        .map_err(|e| db_error(path, e))?;
    Ok(conn)
}

fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

impl Queue {
    /// Opens (creating and migrating) the queue for reviewer commands.
    pub fn open(path: &Path) -> Result<Queue> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        }
        let conn = connect(path)?;
        conn.pragma_update(None, "journal_mode", "WAL")
            .map_err(|e| db_error(path, e))?;
        conn.pragma_update(None, "synchronous", "NORMAL")
            .map_err(|e| db_error(path, e))?;
        schema::migrate(&conn).map_err(|e| db_error(path, e))?;
        Ok(Queue {
            conn,
            path: path.to_path_buf(),
            _lock: None,
            checkpoints: None,
        })
    }

    /// Opens the queue for a scan, holding its lock: a scan already running on it makes
    /// this fail with a message that says so.
    pub fn open_for_scan(path: &Path) -> Result<Queue> {
        let mut lock_path = path.as_os_str().to_owned();
        lock_path.push(".lock");
        let lock_path = PathBuf::from(lock_path);
        if let Some(dir) = lock_path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        }
        let lock = File::create(&lock_path).map_err(|e| Error::io(&lock_path, e))?;
        if lock.try_lock().is_err() {
            return Err(Error::new(ErrorKind::Queue(
                "another scan is writing this queue; wait for it to finish".into(),
            ))
            .with_path(path));
        }
        Ok(Queue {
            _lock: Some(lock),
            ..Queue::open(path)?
        })
    }

    /// Checkpoints the queue's log on a thread of its own from now on, instead of in the
    /// commits that cross `SQLite`'s threshold (see [`checkpoint`]): for a scan whose
    /// writer shares the machine with scanning threads, which would wait for it. On one
    /// core it costs more than it saves (checkpoints after every commit copy the pages
    /// each batch writes again).
    pub fn checkpoint_in_background(&mut self) -> Result<()> {
        if self.checkpoints.is_none() {
            let conn = connect(&self.path)?;
            self.checkpoints = Some(Checkpointer::start(&self.conn, conn, &self.path)?);
        }
        Ok(())
    }

    /// A second connection to this queue, for reading while this one writes (the queue
    /// is in WAL mode: a reader sees the last committed state). It holds no lock.
    pub fn reader(&self) -> Result<Queue> {
        Ok(Queue {
            conn: connect(&self.path)?,
            path: self.path.clone(),
            _lock: None,
            checkpoints: None,
        })
    }

    fn err(&self, e: rusqlite::Error) -> Error {
        db_error(&self.path, e)
    }

    /// Records the start of a run.
    pub fn begin_run(&mut self, run_id: &str, bundle_version: &str) -> Result<()> {
        self.conn
            .execute(
                "INSERT OR REPLACE INTO runs (run_id, bundle_version, started_at, status)
                 VALUES (?1, ?2, ?3, 'running')",
                params![run_id, bundle_version, now()],
            )
            .map(|_| ())
            .map_err(|e| self.err(e))
    }

    /// Records that a run completed.
    pub fn finish_run(&mut self, run_id: &str) -> Result<()> {
        self.conn
            .execute(
                "UPDATE runs SET status = 'done', finished_at = ?2 WHERE run_id = ?1",
                params![run_id, now()],
            )
            .map_err(|e| self.err(e))?;
        match self.checkpoints.take() {
            Some(mut c) => c.finish().map_err(|e| self.err(e)),
            None => Ok(()),
        }
    }

    /// For each listing, the flags of its last scan when the queue has seen it unchanged
    /// against the same references (`None`: it must be scanned). Stored flags that no
    /// longer read back (a damaged row) have it scanned again.
    pub fn unchanged(
        &self,
        listings: &[ListingState],
        bundle_version: &str,
    ) -> Result<Vec<Option<Vec<Flag>>>> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT content_hash, bundle_version, flags FROM listings
                 WHERE platform = ?1 AND listing_id = ?2",
            )
            .map_err(|e| self.err(e))?;
        let mut out = Vec::with_capacity(listings.len());
        for l in listings {
            let row: Option<(i64, String, String)> = stmt
                .query_row(params![l.platform, l.listing_id], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?))
                })
                .optional()
                .map_err(|e| self.err(e))?;
            out.push(row.and_then(|(h, v, flags)| {
                (h == sql_hash(l.content_hash) && v == bundle_version)
                    .then(|| decode_flags(&flags))
                    .flatten()
            }));
        }
        Ok(out)
    }

    /// Writes one batch in one transaction: the scanned listings' state and flags, the
    /// complaints and evidence of the flags `entering` the queue, and `last_seen_run` of
    /// the complaints of `unchanged` listings.
    pub fn record_batch(
        &mut self,
        run_id: &str,
        bundle_version: &str,
        scanned: &[ScannedListing<'_>],
        unchanged: &[&ListingState],
        flags: &[&Flag],
    ) -> Result<BatchOutcome> {
        let path = self.path.clone();
        let err = |e: rusqlite::Error| db_error(&path, e);
        let tx = self.conn.transaction().map_err(err)?;
        let mut outcome = BatchOutcome::default();
        {
            // Listings name their last run by its row (0 for one the queue has no record of).
            let run_row: i64 = if scanned.is_empty() {
                0
            } else {
                tx.prepare_cached("SELECT rowid FROM runs WHERE run_id = ?1")
                    .and_then(|mut s| s.query_row([run_id], |r| r.get(0)).optional())
                    .map_err(err)?
                    .unwrap_or(0)
            };
            let mut put_listing = tx
                .prepare_cached(
                    "INSERT INTO listings (platform, listing_id, content_hash, bundle_version, last_run, flags)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                     ON CONFLICT (platform, listing_id) DO UPDATE SET
                       content_hash = excluded.content_hash,
                       bundle_version = excluded.bundle_version,
                       last_run = excluded.last_run,
                       flags = excluded.flags",
                )
                .map_err(err)?;
            for ScannedListing { state: l, flags } in scanned {
                put_listing
                    .execute(params![
                        l.platform,
                        l.listing_id,
                        sql_hash(l.content_hash),
                        bundle_version,
                        run_row,
                        encode_flags(flags)
                    ])
                    .map_err(err)?;
            }
            let mut touch = tx
                .prepare_cached(
                    "UPDATE complaints SET last_seen_run = ?3
                     WHERE platform = ?1 AND listing_id = ?2",
                )
                .map_err(err)?;
            for l in unchanged {
                touch
                    .execute(params![l.platform, l.listing_id, run_id])
                    .map_err(err)?;
            }
        }
        // Flags arrive grouped by listing; one complaint per listing and rights holder.
        let hashes: HashMap<(&str, &str), i64> = scanned
            .iter()
            .map(|ScannedListing { state: l, .. }| {
                (
                    (l.platform.as_str(), l.listing_id.as_str()),
                    sql_hash(l.content_hash),
                )
            })
            .collect();
        let at = Moment {
            run_id,
            time: now(),
        };
        let mut i = 0;
        while i < flags.len() {
            let f = flags[i];
            let n = flags[i..]
                .iter()
                .take_while(|g| {
                    g.platform == f.platform
                        && g.listing_id == f.listing_id
                        && g.rights_holder == f.rights_holder
                })
                .count();
            let group = &flags[i..i + n];
            let hash = hashes
                .get(&(f.platform.as_str(), f.listing_id.as_str()))
                .copied()
                .unwrap_or(0);
            upsert_complaint(&tx, &at, hash, group, &mut outcome).map_err(err)?;
            i += n;
        }
        tx.commit().map_err(err)?;
        if let Some(c) = &self.checkpoints {
            c.nudge();
        }
        Ok(outcome)
    }

    /// Complaints matching `filter`, highest score first.
    pub fn list(&self, filter: &Filter) -> Result<Vec<Complaint>> {
        let mut sql = String::from(
            "SELECT id, listing_id, platform, seller_id, rights_holder, status, score, reasons,
                    first_seen_run, last_seen_run, updated_at
             FROM complaints WHERE 1 = 1",
        );
        let mut args: Vec<Box<dyn rusqlite::ToSql>> = Vec::new();
        if let Some(s) = filter.status {
            sql.push_str(" AND status = ?");
            args.push(Box::new(s.as_str()));
        }
        if let Some(r) = &filter.reason {
            sql.push_str(" AND ('|' || reasons || '|') LIKE ?");
            args.push(Box::new(format!("%|{r}|%")));
        }
        if let Some(h) = &filter.rights_holder {
            sql.push_str(" AND rights_holder = ?");
            args.push(Box::new(h.clone()));
        }
        if let Some(s) = &filter.seller_id {
            sql.push_str(" AND seller_id = ?");
            args.push(Box::new(s.clone()));
        }
        if let Some(m) = filter.min_score {
            sql.push_str(" AND score >= ?");
            args.push(Box::new(m));
        }
        sql.push_str(" ORDER BY score DESC, id");
        let mut stmt = self.conn.prepare(&sql).map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map(rusqlite::params_from_iter(args.iter()), complaint_row)
            .map_err(|e| self.err(e))?;
        rows.collect::<rusqlite::Result<Vec<_>>>()
            .map_err(|e| self.err(e))
    }

    /// One complaint with its evidence and history.
    pub fn show(&self, id: i64) -> Result<Option<ComplaintRecord>> {
        let complaint = self
            .conn
            .query_row(
                "SELECT id, listing_id, platform, seller_id, rights_holder, status, score, reasons,
                        first_seen_run, last_seen_run, updated_at
                 FROM complaints WHERE id = ?1",
                [id],
                complaint_row,
            )
            .optional()
            .map_err(|e| self.err(e))?;
        let Some(complaint) = complaint else {
            return Ok(None);
        };
        let mut stmt = self
            .conn
            .prepare(
                "SELECT reason, ref_id, detail, score, evidence, run_id FROM evidence
                 WHERE complaint_id = ?1 ORDER BY score DESC, reason, ref_id",
            )
            .map_err(|e| self.err(e))?;
        let evidence = stmt
            .query_map([id], |r| {
                Ok(EvidenceRow {
                    reason: r.get(0)?,
                    ref_id: r.get(1)?,
                    detail: r.get(2)?,
                    score: r.get(3)?,
                    evidence: r.get(4)?,
                    run_id: r.get(5)?,
                })
            })
            .and_then(Iterator::collect)
            .map_err(|e| self.err(e))?;
        let mut stmt = self
            .conn
            .prepare("SELECT at, by, status, note FROM history WHERE complaint_id = ?1 ORDER BY id")
            .map_err(|e| self.err(e))?;
        let history = stmt
            .query_map([id], |r| {
                Ok(HistoryRow {
                    at: r.get(0)?,
                    by: r.get(1)?,
                    status: r.get(2)?,
                    note: r.get(3)?,
                })
            })
            .and_then(Iterator::collect)
            .map_err(|e| self.err(e))?;
        Ok(Some(ComplaintRecord {
            complaint,
            evidence,
            history,
        }))
    }

    /// Sets a complaint's status and records who did it, when and why in its history. Set
    /// to the status it has, it changes nothing and records nothing, unless there is a
    /// note to keep.
    pub fn set_status(
        &mut self,
        id: i64,
        status: Status,
        by: &str,
        note: &str,
    ) -> Result<StatusChange> {
        let path = self.path.clone();
        let err = |e: rusqlite::Error| db_error(&path, e);
        let tx = self.conn.transaction().map_err(err)?;
        let current: Option<String> = tx
            .query_row(
                "SELECT status FROM complaints WHERE id = ?1",
                params![id],
                |r| r.get(0),
            )
            .optional()
            .map_err(err)?;
        let outcome = match current {
            None => StatusChange::NoSuchComplaint,
            Some(s) if s == status.as_str() => StatusChange::Already,
            Some(_) => StatusChange::Changed,
        };
        if outcome == StatusChange::Changed {
            tx.execute(
                "UPDATE complaints SET status = ?2, updated_at = ?3 WHERE id = ?1",
                params![id, status.as_str(), now()],
            )
            .map_err(err)?;
        }
        if outcome == StatusChange::Changed
            || (outcome == StatusChange::Already && !note.is_empty())
        {
            tx.execute(
                "INSERT INTO history (complaint_id, at, by, status, note) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![id, now(), by, status.as_str(), note],
            )
            .map_err(err)?;
        }
        tx.commit().map_err(err)?;
        Ok(outcome)
    }

    /// Sellers with at least `thresholds[0].1` confirmed complaints, with the highest
    /// escalation level they reach (`thresholds`: (level, count), ascending).
    pub fn repeat_infringers(&self, thresholds: &[(String, u64)]) -> Result<Vec<RepeatInfringer>> {
        let Some(min) = thresholds.iter().map(|t| t.1).min() else {
            return Ok(Vec::new());
        };
        let mut stmt = self
            .conn
            .prepare(
                "SELECT seller_id, platform, COUNT(*) AS n FROM complaints
                 WHERE status = 'confirmed' GROUP BY seller_id, platform
                 HAVING n >= ?1 ORDER BY n DESC, seller_id",
            )
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map([i64::try_from(min).unwrap_or(i64::MAX)], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, i64>(2)?,
                ))
            })
            .and_then(Iterator::collect::<rusqlite::Result<Vec<_>>>)
            .map_err(|e| self.err(e))?;
        Ok(rows
            .into_iter()
            .map(|(seller_id, platform, n)| {
                let confirmed = n as u64;
                let level = thresholds
                    .iter()
                    .filter(|t| confirmed >= t.1)
                    .max_by_key(|t| t.1)
                    .map(|t| t.0.clone())
                    .unwrap_or_default();
                RepeatInfringer {
                    seller_id,
                    platform,
                    confirmed,
                    level,
                }
            })
            .collect())
    }

    /// How many complaints the queue holds.
    pub fn len(&self) -> Result<u64> {
        self.conn
            .query_row("SELECT COUNT(*) FROM complaints", [], |r| {
                r.get::<_, i64>(0)
            })
            .map(|n| n as u64)
            .map_err(|e| self.err(e))
    }

    pub fn is_empty(&self) -> Result<bool> {
        self.len().map(|n| n == 0)
    }
}

fn complaint_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Complaint> {
    let status: String = r.get(5)?;
    // A status this version does not know is a newer tool's queue, not an open complaint.
    let status = Status::parse(&status).ok_or_else(|| {
        rusqlite::Error::FromSqlConversionFailure(
            5,
            rusqlite::types::Type::Text,
            format!("unknown complaint status {status:?}").into(),
        )
    })?;
    Ok(Complaint {
        complaint_id: r.get(0)?,
        listing_id: r.get(1)?,
        platform: r.get(2)?,
        seller_id: r.get(3)?,
        rights_holder: r.get(4)?,
        status,
        score: r.get(6)?,
        reasons: r.get(7)?,
        first_seen_run: r.get(8)?,
        last_seen_run: r.get(9)?,
        updated_at: r.get(10)?,
    })
}

/// A complaint as it stands before a batch updates it.
struct Existing {
    id: i64,
    status: String,
    content_hash: i64,
    reasons: String,
    score: f64,
}

/// A listing's flags as stored: a JSON array of their cells in [`Flag::COLUMNS`] order
/// (empty text for none).
fn encode_flags(flags: &[Flag]) -> String {
    if flags.is_empty() {
        return String::new();
    }
    let rows: Vec<[std::borrow::Cow<'_, str>; 10]> = flags.iter().map(Flag::cells).collect();
    serde_json::to_string(&rows).unwrap_or_default()
}

/// Stored flags read back, or `None` when they do not.
fn decode_flags(text: &str) -> Option<Vec<Flag>> {
    if text.is_empty() {
        return Some(Vec::new());
    }
    let rows: Vec<Vec<String>> = serde_json::from_str(text).ok()?;
    rows.iter()
        .map(|row| {
            Flag::from_cells(|name| {
                let at = Flag::COLUMNS.iter().position(|c| *c == name)?;
                row.get(at).map(String::as_str)
            })
            .ok()
        })
        .collect()
}

/// Adds or updates the complaint of one listing and rights holder, and its evidence. A
/// complaint is tried as new first: most a scan writes are, and the insert's own check of
/// the unique key tells the others apart without a look-up of its own.
fn upsert_complaint(
    tx: &rusqlite::Transaction<'_>,
    at: &Moment<'_>,
    content_hash: i64,
    group: &[&Flag],
    outcome: &mut BatchOutcome,
) -> rusqlite::Result<()> {
    let f = group[0];
    let score = f64::from(group.iter().map(|g| g.score).fold(0.0, f32::max));
    let mut reasons: BTreeSet<&str> = group.iter().map(|g| g.reason.as_str()).collect();
    let inserted = tx
        .prepare_cached(
            "INSERT INTO complaints (platform, listing_id, seller_id, rights_holder, status, score,
                                     reasons, content_hash, first_seen_run, last_seen_run, updated_at)
             VALUES (?1, ?2, ?3, ?4, 'open', ?5, ?6, ?7, ?8, ?8, ?9)
             ON CONFLICT (platform, listing_id, rights_holder) DO NOTHING",
        )?
        .execute(params![
            f.platform,
            f.listing_id,
            f.seller_id,
            f.rights_holder,
            score,
            reasons.iter().copied().collect::<Vec<_>>().join("|"),
            content_hash,
            at.run_id,
            at.time
        ])?;
    if inserted == 1 {
        outcome.new_complaints += 1;
        return add_evidence(tx, at.run_id, tx.last_insert_rowid(), false, group, outcome);
    }
    let Existing {
        id,
        status,
        content_hash: old_hash,
        reasons: old_reasons,
        score: old_score,
    } = tx
        .prepare_cached(
            "SELECT id, status, content_hash, reasons, score FROM complaints
             WHERE platform = ?1 AND listing_id = ?2 AND rights_holder = ?3",
        )?
        .query_row(params![f.platform, f.listing_id, f.rights_holder], |r| {
            Ok(Existing {
                id: r.get(0)?,
                status: r.get(1)?,
                content_hash: r.get(2)?,
                reasons: r.get(3)?,
                score: r.get(4)?,
            })
        })?;
    reasons.extend(old_reasons.split('|').filter(|r| !r.is_empty()));
    let reopen = status == "dismissed" && old_hash != content_hash;
    tx.prepare_cached(
        "UPDATE complaints SET last_seen_run = ?2, score = ?3, reasons = ?4, content_hash = ?5,
                status = CASE WHEN ?6 THEN 'open' ELSE status END,
                updated_at = CASE WHEN ?6 THEN ?7 ELSE updated_at END
         WHERE id = ?1",
    )?
    .execute(params![
        id,
        at.run_id,
        score.max(old_score),
        reasons.iter().copied().collect::<Vec<_>>().join("|"),
        content_hash,
        reopen,
        at.time
    ])?;
    if reopen {
        tx.execute(
            "INSERT INTO history (complaint_id, at, by, status, note)
             VALUES (?1, ?2, 'ippscan', 'open', 'reopened: the listing changed since it was dismissed')",
            params![id, at.time],
        )?;
        outcome.reopened += 1;
    }
    outcome.updated_complaints += 1;
    add_evidence(tx, at.run_id, id, true, group, outcome)
}

/// The run a batch belongs to and the time it is written at.
struct Moment<'a> {
    run_id: &'a str,
    time: String,
}

/// Adds the pieces of evidence in `group` to complaint `id`, but those it has already
/// (from an earlier run, when the complaint `existed`, or twice in this group). A complaint
/// holds a few pieces: a look through them is enough.
fn add_evidence(
    tx: &rusqlite::Transaction<'_>,
    run_id: &str,
    id: i64,
    existed: bool,
    group: &[&Flag],
    outcome: &mut BatchOutcome,
) -> rusqlite::Result<()> {
    let mut known: Vec<[String; 4]> = Vec::new();
    if existed {
        let mut stmt = tx.prepare_cached(
            "SELECT reason, ref_id, detail, evidence FROM evidence WHERE complaint_id = ?1",
        )?;
        let rows = stmt.query_map([id], |r| Ok([r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?]))?;
        for row in rows {
            known.push(row?);
        }
    }
    let mut add = tx.prepare_cached(
        "INSERT INTO evidence (complaint_id, reason, ref_id, detail, score, evidence, run_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    for (k, g) in group.iter().enumerate() {
        let same = |reason: &str, ref_id: &str, detail: &str, evidence: &str| {
            g.reason.as_str() == reason
                && g.ref_id == ref_id
                && g.detail == detail
                && g.evidence == evidence
        };
        if known.iter().any(|[r, i, d, e]| same(r, i, d, e))
            || group[..k]
                .iter()
                .any(|h| same(h.reason.as_str(), &h.ref_id, &h.detail, &h.evidence))
        {
            continue;
        }
        outcome.new_evidence += add.execute(params![
            id,
            g.reason.as_str(),
            g.ref_id,
            g.detail,
            f64::from(g.score),
            g.evidence,
            run_id
        ])? as u64;
    }
    Ok(())
}
