//! [`super::verify_view`] of a large journal file on several cores.
//!
//! Whether a line is sound depends on its own bytes and on the line before it only: its hash,
//! `seq` one more than the line before's, `prev` that line's hash, and a version not below its.
//! So the file is cut into pieces of [`PIECE`] bytes (a piece holds the lines that start in it),
//! a few threads take pieces from a shared counter (whoever is free takes the next one: no
//! thread waits on another, and one that is descheduled on a busy machine just takes fewer),
//! and each piece is walked as if its first line's own `seq`, `prev` and version were the ones
//! expected. In file order the pieces are then joined: each piece's first line must be what the
//! chain before it expects (its `seq`, `prev`, version and offset). The sound prefix of joined
//! pieces is the journal's up to there; from the end of that prefix the ordinary walk takes
//! over ([`super::walk_from`], with the true state), so a fault anywhere is found and worded by
//! the same code and from the same state as a walk from the start: only a sound stretch of the
//! journal is ever taken from the pieces. Memory: each thread holds one [`super::Lines`] buffer
//! (the same 1.1 MiB as the ordinary walk); a piece is joined as soon as the pieces before it
//! are, so only the few walked ahead of their turn wait, each as a small summary.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::Read;
use std::os::unix::fs::FileExt;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use serde::Deserialize;

use super::{EventView, Lines, READ_CHUNK, Start, Verified, take_view, walk_from};

/// The size of a piece, unless `EVFIELD_VERIFY_PIECE` (bytes; for tests) says otherwise (`0`:
/// this size, and `replay` in one walk).
pub const PIECE: u64 = 4 << 20;

/// At most this many threads (the work is the CPU's; more only share the same cores).
const MAX_THREADS: usize = 4;

/// What a reader of [`verify_tally`] keeps of the events: kept by piece, then merged in the
/// order of the file.
pub trait Tally: Send {
    /// One sound event, with the offset of its line (in the order of the file within a piece).
    fn take(&mut self, e: &EventView, offset: u64);
    /// Add what the events right after this one's kept.
    fn merge(&mut self, later: Self);
    /// Nothing more is wanted (a replay whose reader went away): asked of the pieces joined
    /// so far, after each join. The pieces stop, nothing after is walked, and the
    /// [`Verified`] says what the joined pieces hold (no fault).
    fn done(&self) -> bool {
        false
    }
}

/// A plain file read from an offset on with `pread` (so several threads read one file), at
/// most [`READ_CHUNK`] bytes a read: a chunk is still in the cache when it is scanned.
struct At<'f> {
    file: &'f File,
    pos: u64,
}

impl Read for At<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = buf.len().min(READ_CHUNK);
        let n = self.file.read_at(&mut buf[..n], self.pos)?;
        self.pos += n as u64;
        Ok(n)
    }
}

/// [`super::verify_view`] of a file, handing each sound event to a [`Tally`] made by `new`:
/// on several threads when the file is large (module header), else in one walk. Same
/// [`Verified`] and the same events, in the same order, either way.
pub fn verify_tally<T: Tally>(
    file: &File,
    vouched: &(dyn Fn(u64, &[u8]) -> bool + Sync),
    new: &(dyn Fn() -> T + Sync),
) -> std::io::Result<(Verified, T)> {
    // a piece size set for tests also takes the pieces on a machine with one core
    let set = std::env::var("EVFIELD_VERIFY_PIECE")
        .ok()
        .and_then(|v| v.parse::<u64>().ok())
        .filter(|&p| p > 0);
    let piece = set.unwrap_or(PIECE);
    let threads = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .clamp(if set.is_some() { 2 } else { 1 }, MAX_THREADS);
    let meta = file.metadata()?;
    if !meta.is_file() {
        // a pipe or a device: read in turn (no `pread`)
        let mut tally = new();
        let v = super::verify_view(file, vouched, |e, o| tally.take(e, o))?;
        return Ok((v, tally));
    }
    if threads < 2 || meta.len() <= 2 * piece {
        return verify_rest(
            file,
            Start::genesis(),
            vouched,
            new(),
            Lines::new(std::io::empty()),
        );
    }
    verify_pieces(file, meta.len(), piece, threads, vouched, new)
}

/// The ordinary walk from `start` to the end of the file, its events added to `tally`.
fn verify_rest<T: Tally>(
    file: &File,
    start: Start,
    vouched: &(dyn Fn(u64, &[u8]) -> bool + Sync),
    mut tally: T,
    lines: Lines<std::io::Empty>,
) -> std::io::Result<(Verified, T)> {
    let mut lines = lines.renew(At {
        file,
        pos: start.offset,
    });
    let (v, _) = walk_from(&mut lines, start, u64::MAX, vouched, |l, s, p, m, o| {
        take_view(l, s, p, m, o, vouched, &mut |e, o| tally.take(e, o))
    })?;
    Ok((v, tally))
}

/// One piece, walked.
enum Piece<T> {
    /// No line starts in it.
    Empty,
    /// Not taken (a piece before it is not sound), or not sound: a fault, a line the general
    /// check or the ordinary walk must word, a read error. The walk from the sound prefix
    /// finds out what.
    Unsound,
    /// Every line that starts in it is sound, given that its first line is: `first` is the
    /// state that line asked for, `end` the state after its last line.
    Sound { first: Start, end: Start, tally: T },
}

/// The three things a line claims of its place in the chain, read leniently.
#[derive(Deserialize)]
struct Claim {
    v: u32,
    seq: u64,
    prev: String,
}

/// The pieces joined so far, in the order of the file: the state after them and what they
/// kept; pieces walked out of turn wait in `pending` (a few: the threads take pieces in turn).
struct Joined<T> {
    pending: BTreeMap<usize, Piece<T>>,
    next: usize,
    state: Start,
    tally: T,
    /// No piece has broken the sound stretch yet.
    open: bool,
    /// The tally said it was [`Tally::done`].
    done: bool,
}

impl<T: Tally> Joined<T> {
    /// Add piece `k`, and join every piece now in turn; `false` once the stretch is broken.
    fn add(&mut self, k: usize, p: Piece<T>) -> bool {
        if !self.open {
            return false;
        }
        self.pending.insert(k, p);
        while let Some(p) = self.pending.remove(&self.next) {
            self.next += 1;
            match p {
                Piece::Empty => continue,
                Piece::Unsound => self.open = false,
                Piece::Sound { first, end, tally } => {
                    let state = &self.state;
                    self.open = first.offset == state.offset
                        && first.seq == state.seq
                        && first.prev == state.prev
                        && first.min_v >= state.min_v;
                    if self.open {
                        self.state = Start {
                            format1_lines: state.format1_lines + end.format1_lines,
                            masked_lines: state.masked_lines + end.masked_lines,
                            ..end
                        };
                        self.tally.merge(tally);
                        if self.tally.done() {
                            self.open = false;
                            self.done = true;
                        }
                    }
                }
            }
            if !self.open {
                self.pending.clear();
                break;
            }
        }
        self.open
    }
}

/// [`verify_tally`] with `piece` bytes a piece on `threads` threads (the caller's among them).
pub(crate) fn verify_pieces<T: Tally>(
    file: &File,
    len: u64,
    piece: u64,
    threads: usize,
    vouched: &(dyn Fn(u64, &[u8]) -> bool + Sync),
    new: &(dyn Fn() -> T + Sync),
) -> std::io::Result<(Verified, T)> {
    let count = len.div_ceil(piece) as usize;
    let next = AtomicUsize::new(0);
    let joined = Mutex::new(Joined {
        pending: BTreeMap::new(),
        next: 0,
        state: Start::genesis(),
        tally: new(),
        open: true,
        done: false,
    });
    let work = |mut lines: Lines<std::io::Empty>| {
        loop {
            let k = next.fetch_add(1, Ordering::Relaxed);
            if k >= count {
                break;
            }
            let (p, back) = walk_piece(file, k as u64 * piece, piece, vouched, new, lines);
            lines = back;
            if !joined.lock().unwrap_or_else(|e| e.into_inner()).add(k, p) {
                // the sound stretch ends before here: the walk from its end does the rest
                next.store(count, Ordering::Relaxed);
                break;
            }
        }
        lines
    };
    let lines = std::thread::scope(|s| {
        for _ in 1..threads {
            // a thread the system refuses leaves the work to the others, the caller's among them
            let _ = std::thread::Builder::new().spawn_scoped(s, || {
                work(Lines::new(std::io::empty()));
            });
        }
        work(Lines::new(std::io::empty()))
    });
    let Joined {
        state,
        mut tally,
        done,
        ..
    } = joined.into_inner().unwrap_or_else(|e| e.into_inner());
    if done {
        let v = Verified {
            events: state.seq,
            bytes: state.offset,
            last_hash: state.prev,
            fault: None,
            format1_lines: state.format1_lines,
            masked_lines: state.masked_lines,
        };
        return Ok((v, tally));
    }
    // normally nothing is left: the walk finds the end of the file at once
    let (v, rest) = verify_rest(file, state, vouched, new(), lines)?;
    tally.merge(rest);
    Ok((v, tally))
}

/// Walk the lines that start in `[from, from + piece)`; hands the buffer back for the next.
fn walk_piece<T: Tally>(
    file: &File,
    from: u64,
    piece: u64,
    vouched: &(dyn Fn(u64, &[u8]) -> bool + Sync),
    new: &(dyn Fn() -> T + Sync),
    lines: Lines<std::io::Empty>,
) -> (Piece<T>, Lines<std::io::Empty>) {
    // the first piece starts with the journal; another at the line after the byte before it
    let at = from.saturating_sub(1);
    let mut lines = lines.renew(At { file, pos: at });
    let p = (|| -> std::io::Result<Piece<T>> {
        let first = if from == 0 {
            Start::genesis()
        } else {
            let Some((tail, too_long)) = lines.next_line()? else {
                return Ok(Piece::Empty);
            };
            if too_long {
                return Ok(Piece::Unsound);
            }
            if tail.last() != Some(&b'\n') {
                return Ok(Piece::Empty); // the file ends in the line before
            }
            let offset = at + tail.len() as u64;
            if offset >= from + piece {
                return Ok(Piece::Empty);
            }
            let Some((line, _)) = lines.next_line()? else {
                return Ok(Piece::Empty);
            };
            let Ok(c) = serde_json::from_slice::<Claim>(line.trim_ascii_end()) else {
                return Ok(Piece::Unsound);
            };
            lines.back();
            Start {
                offset,
                seq: c.seq,
                prev: c.prev,
                min_v: c.v,
                format1_lines: 0,
                masked_lines: 0,
            }
        };
        let mut tally = new();
        let (v, min_v) = walk_from(
            &mut lines,
            first.clone(),
            from + piece,
            vouched,
            |l, s, p, m, o| take_view(l, s, p, m, o, vouched, &mut |e, o| tally.take(e, o)),
        )?;
        if v.fault.is_some() {
            return Ok(Piece::Unsound);
        }
        let end = Start {
            offset: v.bytes,
            seq: v.events,
            prev: v.last_hash,
            min_v,
            format1_lines: v.format1_lines,
            masked_lines: v.masked_lines,
        };
        Ok(Piece::Sound { first, end, tally })
    })()
    .unwrap_or(Piece::Unsound);
    (p, lines.renew(std::io::empty()))
}

#[cfg(test)]
mod tests {
    use std::io::Write;
    use std::path::Path;

    use proptest::prelude::*;
    use serde_json::json;

    use super::super::{EventView, Journal, Verified, encode, verify_view};
    use super::{Tally, verify_pieces};

    /// Every event handed over: its seq, its line's offset, its kind.
    #[derive(Debug, Default, PartialEq)]
    struct Seen(Vec<(u64, u64, String)>);

    impl Tally for Seen {
        fn take(&mut self, e: &EventView, offset: u64) {
            self.0.push((e.seq, offset, e.kind.to_string()));
        }
        fn merge(&mut self, later: Self) {
            self.0.extend(later.0);
        }
    }

    /// A journal of lines of many lengths and shapes: the writer's layout, sealed secrets (the
    /// general check), escapes, data that is no object.
    fn journal(dir: &Path) -> Vec<u8> {
        let p = dir.join("journal.jsonl");
        let mut j = Journal::create(&p).unwrap();
        j.append("session", "session_started", json!({"session_id": "s"}))
            .unwrap();
        j.append(
            "commission",
            "answer",
            json!({"key": "activation.password", "value": "K7+9/QF=2", "source": "prompt"}),
        )
        .unwrap();
        for i in 0..60u64 {
            let data = match i % 5 {
                0 => json!({"key": format!("k{i}"), "value": "x".repeat((i * 37 % 300) as usize)}),
                1 => json!({"key": "u", "value": format!("PW=K7+9/QF=2 #{i}")}),
                2 => json!({"key": "e", "value": "a\"b\u{1}c\\"}),
                3 => json!([i, {"n": i}]),
                _ => json!({"port": "p", "dir": "sent", "text": "t".repeat(i as usize), "at": i}),
            };
            j.append("precheck", "fact", data).unwrap();
        }
        drop(j);
        std::fs::read(&p).unwrap()
    }

    fn lines(bytes: &[u8]) -> Vec<Vec<u8>> {
        bytes
            .split_inclusive(|&b| b == b'\n')
            .map(<[u8]>::to_vec)
            .collect()
    }

    fn sequential(bytes: &[u8]) -> (Verified, Seen) {
        let mut seen = Seen::default();
        let v = verify_view(bytes, &|_, _| false, |e, o| seen.take(e, o)).unwrap();
        (v, seen)
    }

    fn pieces(bytes: &[u8], piece: u64, threads: usize) -> (Verified, Seen) {
        let mut f = tempfile::tempfile().unwrap();
        f.write_all(bytes).unwrap();
        verify_pieces(
            &f,
            bytes.len() as u64,
            piece,
            threads,
            &|_, _| false,
            &Seen::default,
        )
        .unwrap()
    }

    /// The piece sizes to try on a journal: small ones (many pieces, some holding no line
    /// start), and ones that put line `at` first or last in a piece.
    fn sizes(bytes: &[u8], at: usize) -> Vec<u64> {
        let starts: Vec<u64> = std::iter::once(0)
            .chain(lines(bytes).iter().scan(0u64, |o, l| {
                *o += l.len() as u64;
                Some(*o)
            }))
            .collect();
        let mut s = vec![1, 97, 333, 1000, 4096, bytes.len() as u64];
        for i in [at, at + 1] {
            if let Some(&o) = starts.get(i).filter(|&&o| o > 0) {
                s.extend([o, o + 1, o - 1]);
            }
        }
        s
    }

    fn agree(bytes: &[u8], at: usize, what: &str) {
        let seq = sequential(bytes);
        for piece in sizes(bytes, at) {
            for threads in [1, 2, 3] {
                let p = pieces(bytes, piece, threads);
                assert_eq!(p, seq, "{what}: piece {piece}, {threads} threads");
            }
        }
    }

    #[test]
    fn a_sound_journal_in_pieces_is_the_same_journal() {
        let d = tempfile::tempdir().unwrap();
        let bytes = journal(d.path());
        let (v, seen) = sequential(&bytes);
        assert!(v.fault.is_none() && v.events == 62, "{v:?}");
        assert_eq!(seen.0.len(), 62);
        assert!(v.masked_lines == 0 && v.bytes == bytes.len() as u64);
        agree(&bytes, 30, "sound");
    }

    /// A sound line `seq` in format `v` with the given `prev`.
    fn line_at(seq: u64, v: u32, prev: &str) -> Vec<u8> {
        let (mut l, _) = encode(
            seq,
            "2026-01-01T00:00:00.000Z",
            "precheck",
            "fact",
            &json!({"key": "k", "value": "v"}),
            prev,
        );
        if v == 1 {
            l = l.replacen("{\"v\":2,", "{\"v\":1,", 1);
            let cut = l.len() - super::super::HASH_SUFFIX_LEN;
            let h = super::super::sha256_hex(format!("{}}}", &l[..cut]).as_bytes());
            l = format!("{}{}{h}\"}}", &l[..cut], super::super::HASH_TAG);
        }
        format!("{l}\n").into_bytes()
    }

    /// Every kind of damage at line `at`.
    fn damaged(bytes: &[u8], at: usize) -> Vec<(String, Vec<u8>)> {
        let ls = lines(bytes);
        let join = |ls: &[Vec<u8>]| ls.concat();
        let mut out = Vec::new();
        let mut changed = ls.clone();
        let b = &mut changed[at][10];
        *b = if *b == b'x' { b'y' } else { b'x' };
        out.push(("changed byte".to_string(), join(&changed)));
        let mut deleted = ls.clone();
        deleted.remove(at);
        out.push(("deleted line".into(), join(&deleted)));
        if at + 1 < ls.len() {
            let mut swapped = ls.clone();
            swapped.swap(at, at + 1);
            out.push(("swapped lines".into(), join(&swapped)));
        }
        let mut doubled = ls.clone();
        doubled.insert(at, ls[at].clone());
        out.push(("duplicated line".into(), join(&doubled)));
        let mut relink = ls.clone();
        relink[at] = line_at(at as u64, 2, &"1".repeat(64));
        out.push(("relinked".into(), join(&relink)));
        let mut down = ls.clone();
        // format 1 after format 2 (right seq, and prev of the line before)
        let prev = sequential(&join(&ls[..at])).0.last_hash;
        down[at] = line_at(at as u64, 1, &prev);
        out.push(("downgrade".into(), join(&down)));
        let cut = join(&ls[..=at]);
        out.push(("cut last line".into(), cut[..cut.len() - 7].to_vec()));
        out
    }

    #[test]
    fn every_kind_of_damage_is_found_and_worded_as_in_one_walk() {
        let d = tempfile::tempdir().unwrap();
        let bytes = journal(d.path());
        for at in [1, 2, 17, 30, 45, 61] {
            for (what, bad) in damaged(&bytes, at) {
                let (v, _) = sequential(&bad);
                // the last line deleted leaves a sound journal, one line shorter
                if what != "deleted line" || at != 61 {
                    let f = v.fault.as_ref().unwrap_or_else(|| panic!("{what} at {at}"));
                    assert!(f.seq as usize <= at + 1, "{what} at {at}: {f:?}");
                }
                agree(&bad, at, &format!("{what} at line {at}"));
            }
        }
    }

    #[test]
    fn the_downgrade_is_a_schema_fault_across_a_join() {
        let d = tempfile::tempdir().unwrap();
        let bytes = journal(d.path());
        let (_, bad) = damaged(&bytes, 30)
            .into_iter()
            .find(|(w, _)| w == "downgrade")
            .unwrap();
        let (v, _) = sequential(&bad);
        let f = v.fault.unwrap();
        assert_eq!((f.seq, f.class), (30, super::super::FaultClass::Schema));
        agree(&bad, 30, "downgrade");
    }

    /// A tally that wants no more once it holds as many events as its second field says.
    struct Enough(Seen, usize);

    impl Tally for Enough {
        fn take(&mut self, e: &EventView, offset: u64) {
            self.0.take(e, offset);
        }
        fn merge(&mut self, later: Self) {
            self.0.merge(later.0);
        }
        fn done(&self) -> bool {
            self.0.0.len() >= self.1
        }
    }

    #[test]
    fn a_tally_that_is_done_stops_the_pieces() {
        let d = tempfile::tempdir().unwrap();
        let bytes = journal(d.path());
        let (all, seen) = sequential(&bytes);
        let mut f = tempfile::tempfile().unwrap();
        f.write_all(&bytes).unwrap();
        for threads in [1, 2, 3] {
            let new = || Enough(Seen::default(), 20);
            let (v, t) =
                verify_pieces(&f, bytes.len() as u64, 333, threads, &|_, _| false, &new).unwrap();
            let got = &t.0.0;
            assert!(
                got.len() >= 20 && (got.len() as u64) < all.events,
                "{threads}: {v:?}"
            );
            // what the joined pieces hold, in order, and no fault
            assert_eq!(got[..], seen.0[..got.len()]);
            assert_eq!((v.events, v.fault), (got.len() as u64, None));
            assert_eq!(
                v.bytes,
                got.last().map(|l| l.1).unwrap() + lines(&bytes)[got.len() - 1].len() as u64
            );
        }
    }

    #[test]
    fn a_pipe_is_read_in_turn() {
        let d = tempfile::tempdir().unwrap();
        let bytes = journal(d.path());
        let (r, mut w) = std::io::pipe().unwrap();
        let writer = {
            let bytes = bytes.clone();
            std::thread::spawn(move || w.write_all(&bytes).unwrap())
        };
        let f = std::fs::File::from(std::os::fd::OwnedFd::from(r));
        let got = super::verify_tally(&f, &|_, _| false, &Seen::default).unwrap();
        writer.join().unwrap();
        assert_eq!(got, sequential(&bytes));
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]
        #[test]
        fn random_damage_agrees_with_one_walk(
            edits in proptest::collection::vec((0usize..4, any::<u16>(), any::<u8>()), 0..4),
            piece in 1u64..3000,
            threads in 1usize..4,
        ) {
            let d = tempfile::tempdir().unwrap();
            let mut bytes = journal(d.path());
            for (op, at, b) in edits {
                let i = at as usize % bytes.len();
                match op {
                    0 => bytes[i] = b,
                    1 => { bytes.remove(i); }
                    2 => bytes.insert(i, b),
                    _ => bytes.truncate(i.max(1)),
                }
            }
            prop_assert_eq!(pieces(&bytes, piece, threads), sequential(&bytes));
        }
    }
}
