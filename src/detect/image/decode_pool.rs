//! Decodes under a time limit, on a bounded pool of worker threads.
//!
//! A decode cannot be stopped from outside, so one past its time is abandoned: the caller
//! gets a timeout, and the worker finishes the decode, drops the result and takes the next
//! job. Workers are started as they are needed, up to a fixed number (twice the cores), and
//! at most as many jobs wait for them; a job whose caller gave up before it started is
//! dropped unstarted. So a run whose images never finish decoding holds at most twice the
//! workers' number of images (those decoding and those waiting), whatever their count:
//! past that, an image waits for room only as long as its own time allows, its bytes not
//! queued. A run with no slow image pays a channel hand-off per image, not a thread.

use std::panic::AssertUnwindSafe;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, SyncSender, TrySendError};
use std::sync::{Arc, LazyLock, Mutex};
use std::time::{Duration, Instant};

use super::DecodeError;

type Job = Box<dyn FnOnce() + Send>;

/// The process's decode workers.
static POOL: LazyLock<DecodePool> = LazyLock::new(|| {
    let cores = std::thread::available_parallelism().map_or(2, usize::from);
    DecodePool::new(2 * cores)
});

/// What `work` returns, if it returns within `limit`; else a timeout (and `work` is left to
/// finish on its worker, its result dropped).
pub(super) fn within<T: Send + 'static>(
    limit: Duration,
    work: impl FnOnce() -> Result<T, DecodeError> + Send + 'static,
) -> Result<T, DecodeError> {
    POOL.run(limit, work)
}

/// How often a caller looks again for room in a full queue.
const QUEUE_POLL: Duration = Duration::from_millis(1);

/// Worker threads fed from one queue.
pub(super) struct DecodePool {
    /// Jobs waiting for a worker: at most as many as there are workers.
    jobs: Mutex<SyncSender<Job>>,
    queue: Arc<Mutex<Receiver<Job>>>,
    /// Workers started, and those waiting for a job.
    started: AtomicUsize,
    idle: Arc<AtomicUsize>,
    max_workers: usize,
}

impl DecodePool {
    pub(super) fn new(max_workers: usize) -> DecodePool {
        let max_workers = max_workers.max(1);
        let (tx, rx) = mpsc::sync_channel(max_workers);
        DecodePool {
            jobs: Mutex::new(tx),
            queue: Arc::new(Mutex::new(rx)),
            started: AtomicUsize::new(0),
            idle: Arc::new(AtomicUsize::new(0)),
            max_workers,
        }
    }

    /// Workers started so far: never more than the pool's bound.
    #[cfg(test)]
    pub(super) fn workers(&self) -> usize {
        self.started.load(Ordering::SeqCst)
    }

    pub(super) fn run<T: Send + 'static>(
        &self,
        limit: Duration,
        work: impl FnOnce() -> Result<T, DecodeError> + Send + 'static,
    ) -> Result<T, DecodeError> {
        let (tx, rx) = mpsc::sync_channel(1);
        let abandoned = Arc::new(AtomicBool::new(false));
        let given_up = Arc::clone(&abandoned);
        let mut job: Job = Box::new(move || {
            // The caller may have given up: before the start, nothing is decoded; after,
            // the result is dropped here.
            if !given_up.load(Ordering::SeqCst) {
                let _ = tx.send(work());
            }
        });
        if self.idle.load(Ordering::SeqCst) == 0 {
            self.start_worker();
        }
        let timeout = || DecodeError::Timeout {
            ms: limit.as_millis() as u64,
        };
        let deadline = Instant::now() + limit;
        loop {
            match self.jobs.lock().map(|jobs| jobs.try_send(job)) {
                Ok(Ok(())) => break,
                // Every worker is busy and as many jobs wait: wait for room, as long as
                // this image may take. Workers held by images past their time keep the
                // queue full, and then this one times out without its bytes queued.
                Ok(Err(TrySendError::Full(back))) => {
                    if Instant::now() >= deadline {
                        return Err(timeout());
                    }
                    job = back;
                    std::thread::sleep(QUEUE_POLL.min(limit));
                }
                _ => {
                    return Err(DecodeError::Corrupt(
                        "no decode worker could be started".into(),
                    ));
                }
            }
        }
        match rx.recv_timeout(deadline.saturating_duration_since(Instant::now())) {
            Ok(result) => result,
            Err(RecvTimeoutError::Timeout) => {
                abandoned.store(true, Ordering::SeqCst);
                Err(timeout())
            }
            Err(RecvTimeoutError::Disconnected) => Err(DecodeError::Corrupt(
                "the decoder failed on this file".into(),
            )),
        }
    }

    /// Starts one more worker, unless the pool is at its bound (then the job waits for
    /// the first worker free).
    fn start_worker(&self) {
        let claimed = self
            .started
            .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| {
                (n < self.max_workers).then_some(n + 1)
            });
        if claimed.is_err() {
            return;
        }
        let (queue, idle) = (Arc::clone(&self.queue), Arc::clone(&self.idle));
        let spawned = std::thread::Builder::new()
            .name("ippscan-decode".into())
            .spawn(move || {
                loop {
                    idle.fetch_add(1, Ordering::SeqCst);
                    let job = queue.lock().ok().and_then(|q| q.recv().ok());
                    idle.fetch_sub(1, Ordering::SeqCst);
                    match job {
                        // A decoder that panics fails its image, not the worker.
                        Some(job) => drop(std::panic::catch_unwind(AssertUnwindSafe(job))),
                        None => return,
                    }
                }
            });
        if spawned.is_err() {
            self.started.fetch_sub(1, Ordering::SeqCst);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn work_over_its_time_is_a_timeout_and_work_within_it_is_kept() {
        let pool = DecodePool::new(2);
        let slow = pool.run(Duration::from_millis(50), || {
            std::thread::sleep(Duration::from_secs(3));
            Ok(1)
        });
        assert_eq!(slow, Err(DecodeError::Timeout { ms: 50 }));
        let quick = pool.run(Duration::from_secs(30), || Ok(2));
        assert_eq!(quick, Ok(2));
        let failed: Result<u8, _> = pool.run(Duration::from_secs(30), || Err(DecodeError::Empty));
        assert_eq!(failed, Err(DecodeError::Empty));
    }

    /// Many decodes past their time never start more workers than the bound, and the pool
    /// serves again once they finish.
    #[test]
    fn slow_decodes_do_not_grow_the_pool() {
        let pool = DecodePool::new(3);
        for _ in 0..12 {
            let late = pool.run(Duration::from_millis(5), || {
                std::thread::sleep(Duration::from_millis(200));
                Ok(0)
            });
            assert!(matches!(late, Err(DecodeError::Timeout { .. })));
        }
        assert_eq!(pool.workers(), 3);
        assert_eq!(pool.run(Duration::from_secs(30), || Ok(7)), Ok(7));
        assert_eq!(pool.workers(), 3);
    }

    /// Images that never finish decoding hold at most twice the workers' number of images
    /// in memory, however many come: those decoding and those waiting. The rest time out
    /// unqueued, and waiting jobs whose callers gave up are dropped unstarted.
    #[test]
    fn images_that_never_finish_hold_a_bounded_memory() {
        static LIVE: AtomicUsize = AtomicUsize::new(0);
        static PEAK: AtomicUsize = AtomicUsize::new(0);
        /// An image's bytes, counted while alive.
        struct Bytes(#[allow(dead_code)] Vec<u8>);
        impl Bytes {
            fn new() -> Bytes {
                let live = LIVE.fetch_add(1, Ordering::SeqCst) + 1;
                PEAK.fetch_max(live, Ordering::SeqCst);
                Bytes(vec![0; 1 << 20])
            }
        }
        impl Drop for Bytes {
            fn drop(&mut self) {
                LIVE.fetch_sub(1, Ordering::SeqCst);
            }
        }
        let release = Arc::new(AtomicBool::new(false));
        let pool = DecodePool::new(2);
        let mut timeouts = 0;
        for _ in 0..100 {
            let bytes = Bytes::new();
            let release = Arc::clone(&release);
            let result = pool.run(Duration::from_millis(2), move || {
                let _held = bytes;
                while !release.load(Ordering::SeqCst) {
                    std::thread::sleep(Duration::from_millis(1));
                }
                Ok(0)
            });
            timeouts += usize::from(matches!(result, Err(DecodeError::Timeout { .. })));
        }
        assert_eq!(timeouts, 100);
        assert!(
            LIVE.load(Ordering::SeqCst) <= 4,
            "{}",
            LIVE.load(Ordering::SeqCst)
        );
        assert!(
            PEAK.load(Ordering::SeqCst) <= 5,
            "{}",
            PEAK.load(Ordering::SeqCst)
        );
        assert_eq!(pool.workers(), 2);
        // Once the stuck decodes end, the pool serves again.
        release.store(true, Ordering::SeqCst);
        assert_eq!(pool.run(Duration::from_secs(30), || Ok(9)), Ok(9));
    }

    /// A decoder that panics fails its own image; the worker takes the next one.
    #[test]
    fn a_panicking_decoder_fails_its_image_only() {
        let pool = DecodePool::new(1);
        let failed: Result<u8, _> = pool.run(Duration::from_secs(30), || panic!("bad file"));
        assert!(matches!(failed, Err(DecodeError::Corrupt(_))), "{failed:?}");
        assert_eq!(pool.run(Duration::from_secs(30), || Ok(3)), Ok(3));
        assert_eq!(pool.workers(), 1);
    }
}
