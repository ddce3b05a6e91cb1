//! Checkpoints of the queue's write-ahead log on a thread of their own. `SQLite`'s automatic
//! checkpoint runs inside the commit that crosses its threshold and waits for the disk
//! twice (the log, then the database); a scan's writer would wait with it, and on several
//! cores the scanning threads soon wait for the writer. Here the writer only nudges, and
//! a second connection copies the log into the database meanwhile (a passive checkpoint
//! never blocks the writer).

use std::path::Path;
use std::sync::mpsc::{SyncSender, sync_channel};
use std::thread::JoinHandle;

use rusqlite::Connection;

use crate::error::{Error, ErrorKind, Result};

/// The checkpointing thread, and the channel that nudges it.
#[derive(Debug)]
pub(super) struct Checkpointer {
    nudges: Option<SyncSender<()>>,
    thread: Option<JoinHandle<rusqlite::Result<()>>>,
}

impl Checkpointer {
    /// Turns the automatic checkpoints of `writer` off and starts a thread that checkpoints
    /// the queue at `path` on its own connection `conn` when nudged.
    pub(super) fn start(
        writer: &Connection,
        conn: Connection,
        path: &Path,
    ) -> Result<Checkpointer> {
        let db_error = |e| Error::new(ErrorKind::Database(e)).with_path(path);
        writer
            .pragma_update(None, "wal_autocheckpoint", 0)
            .map_err(db_error)?;
        // One nudge waiting is enough: nudges while a checkpoint runs are one more.
        let (nudges, asked) = sync_channel::<()>(1);
        let thread = std::thread::Builder::new()
            .name("ippscan-checkpoint".into())
            .spawn(move || {
                for () in asked {
                    conn.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |_| Ok(()))?;
                }
                Ok(())
            })
            .map_err(|e| Error::io(path, e))?;
        Ok(Checkpointer {
            nudges: Some(nudges),
            thread: Some(thread),
        })
    }

    /// Asks for a checkpoint after a commit, without waiting.
    pub(super) fn nudge(&self) {
        // Full: a checkpoint is asked for already. Disconnected: the thread stopped on an
        // error, which `finish` reports.
        if let Some(n) = &self.nudges {
            let _ = n.try_send(());
        }
    }

    /// Stops the thread after the checkpoint it may be running, and says how it ended.
    pub(super) fn finish(&mut self) -> rusqlite::Result<()> {
        self.nudges = None;
        match self.thread.take().map(JoinHandle::join) {
            Some(Ok(ended)) => ended,
            Some(Err(panic)) => std::panic::resume_unwind(panic),
            None => Ok(()),
        }
    }
}

impl Drop for Checkpointer {
    fn drop(&mut self) {
        // An error here is a checkpoint missed: the log still holds every commit, and the
        // next connection to close checkpoints it.
        let _ = self.finish();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The writer's commits stay in the log until the thread is nudged; then the database
    /// file holds them.
    #[test]
    fn commits_reach_the_database_file_when_the_thread_is_nudged() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("q.db");
        let writer = Connection::open(&path).unwrap();
        writer.pragma_update(None, "journal_mode", "WAL").unwrap();
        writer
            .execute_batch("CREATE TABLE t (x TEXT); PRAGMA wal_checkpoint(TRUNCATE);")
            .unwrap();
        let mut checkpoints =
            Checkpointer::start(&writer, Connection::open(&path).unwrap(), &path).unwrap();
        let file_size = || std::fs::metadata(&path).unwrap().len();
        let commit = |n: usize| {
            let tx = writer.unchecked_transaction().unwrap();
            for i in 0..n {
                tx.execute("INSERT INTO t VALUES (?1)", [format!("{i:0>200}")])
                    .unwrap();
            }
            tx.commit().unwrap();
        };
        let before = file_size();
        // Far past SQLite's own threshold of 1,000 pages: it checkpoints no more.
        commit(30_000);
        assert_eq!(file_size(), before, "checkpointed without a nudge");
        checkpoints.nudge();
        checkpoints.finish().unwrap();
        assert!(file_size() > before + 4_000_000, "{} bytes", file_size());
        let rows: i64 = writer
            .query_row("SELECT count(*) FROM t", [], |r| r.get(0))
            .unwrap();
        assert_eq!(rows, 30_000);
    }
}
