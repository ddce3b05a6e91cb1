//! The queue's schema, versioned: each migration takes the database one version up.

use rusqlite::Connection;

/// Migrations in order; the schema version is the number applied.
const MIGRATIONS: &[&str] = &[
    // 1: runs, listings seen, complaints with their evidence and review history.
    "CREATE TABLE runs (
        run_id TEXT PRIMARY KEY,
        bundle_version TEXT NOT NULL,
        started_at TEXT NOT NULL,
        finished_at TEXT,
        status TEXT NOT NULL
     );
     CREATE TABLE listings (
        platform TEXT NOT NULL,
        listing_id TEXT NOT NULL,
        content_hash INTEGER NOT NULL,
        bundle_version TEXT NOT NULL,
        last_run TEXT NOT NULL,
        PRIMARY KEY (platform, listing_id)
     ) WITHOUT ROWID;
     CREATE TABLE complaints (
        id INTEGER PRIMARY KEY,
        platform TEXT NOT NULL,
        listing_id TEXT NOT NULL,
        seller_id TEXT NOT NULL,
        rights_holder TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('open', 'in_review', 'confirmed', 'dismissed')),
        score REAL NOT NULL,
        reasons TEXT NOT NULL,
        content_hash INTEGER NOT NULL,
        first_seen_run TEXT NOT NULL,
        last_seen_run TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        UNIQUE (platform, listing_id, rights_holder)
     );
     CREATE INDEX complaints_seller ON complaints (seller_id, status);
     CREATE TABLE evidence (
        complaint_id INTEGER NOT NULL REFERENCES complaints (id),
        reason TEXT NOT NULL,
        ref_id TEXT NOT NULL,
        detail TEXT NOT NULL,
        score REAL NOT NULL,
        evidence TEXT NOT NULL,
        run_id TEXT NOT NULL,
        UNIQUE (complaint_id, reason, ref_id, detail, evidence)
     );
     CREATE TABLE history (
        id INTEGER PRIMARY KEY,
        complaint_id INTEGER NOT NULL REFERENCES complaints (id),
        at TEXT NOT NULL,
        by TEXT NOT NULL,
        status TEXT NOT NULL,
        note TEXT NOT NULL
     );",
    // 2: each listing's flags from its last scan, carried into the outputs of a run that
    // finds it unchanged. Listings scanned before have none stored: each is scanned once
    // more.
    "ALTER TABLE listings ADD COLUMN flags TEXT NOT NULL DEFAULT '';
     UPDATE listings SET bundle_version = '';",
    // 3: a smaller queue, which a scan of millions of listings writes faster. A listing
    // names its last run by the run's row, not its id; evidence is told apart from what
    // its complaint has already when it is added, not by an index that holds a second
    // copy of every piece of it.
    "CREATE TABLE listings_v3 (
        platform TEXT NOT NULL,
        listing_id TEXT NOT NULL,
        content_hash INTEGER NOT NULL,
        bundle_version TEXT NOT NULL,
        last_run INTEGER NOT NULL,
        flags TEXT NOT NULL DEFAULT '',
        PRIMARY KEY (platform, listing_id)
     ) WITHOUT ROWID;
     INSERT INTO listings_v3
        SELECT l.platform, l.listing_id, l.content_hash, l.bundle_version,
               COALESCE(r.rowid, 0), l.flags
        FROM listings l LEFT JOIN runs r ON r.run_id = l.last_run
        ORDER BY l.platform, l.listing_id;
     DROP TABLE listings;
     ALTER TABLE listings_v3 RENAME TO listings;
     CREATE TABLE evidence_v3 (
        complaint_id INTEGER NOT NULL REFERENCES complaints (id),
        reason TEXT NOT NULL,
        ref_id TEXT NOT NULL,
        detail TEXT NOT NULL,
        score REAL NOT NULL,
        evidence TEXT NOT NULL,
        run_id TEXT NOT NULL
     );
     INSERT INTO evidence_v3 SELECT complaint_id, reason, ref_id, detail, score, evidence, run_id
        FROM evidence ORDER BY rowid;
     DROP TABLE evidence;
     ALTER TABLE evidence_v3 RENAME TO evidence;
     CREATE INDEX evidence_complaint ON evidence (complaint_id);",
    // 4: sellers are looked up by their confirmed complaints only (repeat infringers, the
    // queue's corroboration); an index of those alone is not written for every new
    // complaint a scan adds, which is open.
    "DROP INDEX IF EXISTS complaints_seller;
     CREATE INDEX IF NOT EXISTS complaints_confirmed ON complaints (seller_id, platform)
        WHERE status = 'confirmed';",
    // 5: listings keyed by id before platform. A scan writes a row for every listing, in
    // the order of its dumps; ids mostly rise through a dump while platforms interleave,
    // so rows now go at the table's end instead of into as many places as there are
    // platforms, which split pages all over it.
    "CREATE TABLE listings_v5 (
        platform TEXT NOT NULL,
        listing_id TEXT NOT NULL,
        content_hash INTEGER NOT NULL,
        bundle_version TEXT NOT NULL,
        last_run INTEGER NOT NULL,
        flags TEXT NOT NULL DEFAULT '',
        PRIMARY KEY (listing_id, platform)
     ) WITHOUT ROWID;
     INSERT INTO listings_v5
        SELECT platform, listing_id, content_hash, bundle_version, last_run, flags
        FROM listings ORDER BY listing_id, platform;
     DROP TABLE listings;
     ALTER TABLE listings_v5 RENAME TO listings;",
];

/// Brings the database to the latest schema version. A database from a newer ippscan is
/// refused rather than guessed at.
pub(super) fn migrate(conn: &Connection) -> rusqlite::Result<()> {
    let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    let version = usize::try_from(version).unwrap_or(usize::MAX);
    if version > MIGRATIONS.len() {
        return Err(rusqlite::Error::InvalidParameterName(format!(
            "queue schema version {version} is newer than this ippscan understands ({})",
            MIGRATIONS.len()
        )));
    }
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(version) {
        let tx = conn.unchecked_transaction()?;
        tx.execute_batch(sql)?;
        tx.pragma_update(
            None,
            "user_version",
            i64::try_from(i + 1).unwrap_or(i64::MAX),
        )?;
        tx.commit()?;
    }
    Ok(())
}
