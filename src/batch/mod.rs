//! Batch scripting: `evfield batch pinpoint FILE` pinpoints a fleet, one station a row
//! (docs/batch.md). Every row is checked before anything is sent; submissions run with bounded
//! concurrency and a rate limit; each row gets one result; a rerun sends only what is not yet
//! accepted. The library reports results through a callback and never draws on the terminal.

pub mod rows;
pub mod submit;

/// `f` over every item, on a few threads for a long list (the machine's cores, at most 4),
/// the results in the items' order: the checks of a large file's rows and their keys.
pub(crate) fn par_map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    if items.len() < 512 {
        return items.iter().map(f).collect();
    }
    let threads = cores().clamp(1, 4);
    if threads == 1 {
        return items.iter().map(f).collect();
    }
    let f = &f;
    std::thread::scope(|s| {
        let parts: Vec<_> = items
            .chunks(items.len().div_ceil(threads))
            .map(|part| s.spawn(move || part.iter().map(f).collect::<Vec<R>>()))
            .collect();
        parts
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_else(|p| std::panic::resume_unwind(p)))
            .collect()
    })
}

/// The cores this process may use, asked once (each asking reads three files of /proc and
/// /sys for the cgroup's quota).
pub(crate) fn cores() -> usize {
    static CORES: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
    *CORES.get_or_init(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
}

#[cfg(test)]
mod tests {
    #[test]
    fn par_map_keeps_the_order_of_a_long_list() {
        let items: Vec<u32> = (0..5000).collect();
        let out = super::par_map(&items, |i| i * 2);
        assert_eq!(out, items.iter().map(|i| i * 2).collect::<Vec<_>>());
        assert_eq!(super::par_map(&items[..3], |i| i + 1), vec![1, 2, 3]);
    }
}
