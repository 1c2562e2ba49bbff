//! What reports work out from each assessment (a row of the workshop
//! table: its verdict and what the verdict turns on, dozens of
//! evaluations), kept in `.<kind>.json` beside the index under the index's
//! rules: a value is used only for the file stamp it was made from and
//! the key it was made for (what else it depends on: the questionnaire in
//! use, which duties' dates have come), only by the program build that
//! wrote it, only for files that have settled; values of files that
//! cannot be read are never kept; anything but a good cache file of this
//! program in its place is not used, a link, pipe or directory never read
//! through nor replaced. Deleting it loses nothing.

use std::collections::HashMap;
use std::path::Path;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use super::Store;
use super::atomic;
use super::index::{self, Stamp};
use super::input::{self, Links};
use super::listing::Summary;
use crate::parallel;

/// Bumped whenever what an entry holds changes meaning.
const FORMAT: &str = "aiact-derived/1";

/// A cache's file name in the assessments directory.
pub fn file_name(kind: &str) -> String {
    format!(".{kind}.json")
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct CacheFile<V> {
    format: String,
    program: String,
    entries: Vec<Entry<V>>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry<V> {
    /// The file name in the assessments directory.
    name: String,
    stamp: Stamp,
    key: String,
    value: V,
}

/// A thread is worth starting for this many values to work out.
const VALUES_PER_THREAD: usize = 16;
const MAX_THREADS: usize = 16;

impl Store {
    /// `work` done on each of these assessments (from [`Store::list`]),
    /// or its result as kept in the cache `kind` when the file and its
    /// `key` are what they were then. The rest is worked out on every core,
    /// and the cache written again if anything changed. Only `Ok` values
    /// are kept.
    pub fn derived<V, E>(
        &self,
        kind: &str,
        summaries: &[&Summary],
        key: impl Fn(&Summary) -> String,
        work: impl Fn(&Summary) -> Result<V, E> + Sync,
    ) -> Vec<Result<V, E>>
    where
        V: Serialize + DeserializeOwned + Send,
        E: Send,
    {
        let Ok(dir) = self.own_assessments_dir() else {
            return parallel::map(summaries, VALUES_PER_THREAD, MAX_THREADS, |summary| {
                work(summary)
            });
        };
        let path = dir.join(file_name(kind));
        let mut kept = load::<V>(&path);
        let known = kept.len();
        let keys: Vec<String> = summaries.iter().map(|summary| key(summary)).collect();
        let mut results: Vec<Option<Result<V, E>>> = Vec::with_capacity(summaries.len());
        let mut missing = Vec::new();
        for (i, (summary, key)) in summaries.iter().zip(&keys).enumerate() {
            let found = (summary.stamp.as_ref())
                .zip(name_of(summary))
                .and_then(|(stamp, name)| take(&mut kept, name, stamp, key));
            if found.is_none() {
                missing.push(i);
            }
            results.push(found.map(Ok));
        }
        let worked_out = parallel::map(&missing, VALUES_PER_THREAD, MAX_THREADS, |&i| {
            work(summaries[i])
        });
        let changed = !missing.is_empty() || results.len() - missing.len() != known;
        for (i, result) in missing.into_iter().zip(worked_out) {
            results[i] = Some(result);
        }
        let results: Vec<Result<V, E>> = results.into_iter().flatten().collect();
        if changed {
            let entries = (summaries.iter().zip(&keys).zip(&results)).filter_map(
                |((summary, key), result)| {
                    let stamp = summary.stamp.filter(index::keeps)?;
                    Some((
                        name_of(summary)?,
                        stamp,
                        key.as_str(),
                        result.as_ref().ok()?,
                    ))
                },
            );
            save(&path, entries);
        }
        results
    }
}

fn name_of(summary: &Summary) -> Option<&str> {
    summary.path.file_name()?.to_str()
}

/// The value kept for the file of this name and stamp, if made for `key`.
fn take<V>(
    kept: &mut HashMap<String, (Stamp, String, V)>,
    name: &str,
    stamp: &Stamp,
    key: &str,
) -> Option<V> {
    let (known, known_key, _) = kept.get(name)?;
    if known != stamp || known_key != key {
        return None;
    }
    kept.remove(name).map(|(_, _, value)| value)
}

/// The cache at `path` if it is one this program wrote and can read; else
/// nothing.
fn load<V: DeserializeOwned>(path: &Path) -> HashMap<String, (Stamp, String, V)> {
    let Some(program) = index::program() else {
        return HashMap::new();
    };
    let Ok(bytes) = input::read(path, Links::Refuse) else {
        return HashMap::new();
    };
    let Ok(text) = std::str::from_utf8(&bytes) else {
        return HashMap::new();
    };
    match serde_json::from_str::<CacheFile<V>>(text) {
        Ok(file) if file.format == FORMAT && file.program == program => (file.entries)
            .into_iter()
            .map(|entry| (entry.name, (entry.stamp, entry.key, entry.value)))
            .collect(),
        _ => HashMap::new(),
    }
}

/// Writes the cache; failing to (a read-only directory, a link or a
/// directory in its place) costs only speed.
fn save<'a, V: Serialize + 'a>(
    path: &Path,
    entries: impl Iterator<Item = (&'a str, Stamp, &'a str, &'a V)>,
) {
    let Some(program) = index::program() else {
        return;
    };
    let file = CacheFile {
        format: FORMAT.to_owned(),
        program: program.to_owned(),
        entries: entries
            .map(|(name, stamp, key, value)| Entry {
                name: name.to_owned(),
                stamp,
                key: key.to_owned(),
                value,
            })
            .collect(),
    };
    if let Ok(mut bytes) = serde_json::to_vec(&file) {
        bytes.push(b'\n');
        let _ = atomic::replace_cache(path, &bytes);
    }
}
