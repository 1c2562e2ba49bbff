//! Work shared out over the machine's cores.

/// `work` done on every item, on as many threads as there are cores (at
/// most `max_threads`), each taking at least `per_thread` items; the
/// results in the order of the items.
pub fn map<T: Sync, R: Send>(
    items: &[T],
    per_thread: usize,
    max_threads: usize,
    work: impl Fn(&T) -> R + Sync,
) -> Vec<R> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(max_threads)
        .min(items.len().div_ceil(per_thread.max(1)))
        .max(1);
    if threads == 1 {
        return items.iter().map(work).collect();
    }
    let chunk = items.len().div_ceil(threads);
    let work = &work;
    let (first, rest) = items.split_at(chunk.min(items.len()));
    std::thread::scope(|scope| {
        // The calling thread takes the first part itself.
        let workers: Vec<_> = rest
            .chunks(chunk)
            .map(|part| scope.spawn(move || part.iter().map(work).collect::<Vec<R>>()))
            .collect();
        let mut done: Vec<R> = first.iter().map(work).collect();
        for worker in workers {
            done.extend(
                worker
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
            );
        }
        done
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_item_is_done_once_in_order() {
        let items: Vec<usize> = (0..1000).collect();
        for (per_thread, max_threads) in [(1, 8), (64, 4), (2000, 4), (1, 1)] {
            let done = super::map(&items, per_thread, max_threads, |n| n * 2);
            assert_eq!(done, items.iter().map(|n| n * 2).collect::<Vec<_>>());
        }
        assert!(super::map(&[] as &[usize], 16, 4, |n| *n).is_empty());
    }
}
