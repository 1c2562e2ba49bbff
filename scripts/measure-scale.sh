#!/bin/sh
# Issue 15's paired measurement: the release binary against `cat` of the
# same files, and the full-screen interface in a pseudo-terminal against a
# minimal ratatui program (examples/minimal_frame.rs), in alternation, in
# one run on this machine; prints the medians, the ratios and whether each
# target is met. Method and figures: docs/benchmarks.md, "Workshop scale".
#
#   scripts/measure-scale.sh                  # 1,000 assessments, 25 rounds
#   scripts/measure-scale.sh --only tui --keys 1000   # the interface only
#   scripts/measure-scale.sh --rounds 50 --count 2000
#   scripts/measure-scale.sh --keep /tmp/workshop   # leave the data there
set -eu
cd "$(dirname "$0")/.."
exec cargo bench --bench scale -- "$@"
