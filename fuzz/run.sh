#!/usr/bin/env bash
# Bounded fuzzing of every target: replays the committed, minimised corpus
# (fuzz/corpus/<target>, see CAMPAIGN.md) and the seeds (tests/conformance/
# and the seed page catalog/error-codes.md, written to target/seeds/<target>),
# then fuzzes each target for SECONDS (default 15). New inputs go to a working
# copy, target/corpus/<target>, so the committed corpus stays as it is;
# minimise them into corpus/<target> to keep them (CAMPAIGN.md).
# Longer runs: fuzz/run.sh 3600
# libFuzzer needs nightly flags; RUSTC_BOOTSTRAP=1 lets the stable toolchain
# give them (the only toolchain here).
set -euo pipefail
cd "$(dirname "$0")"
seconds="${1:-15}"
export RUSTC_BOOTSTRAP=1
python3 seed-corpus.py
cargo fuzz build -O
status=0
for t in reader reader_text csv_table options pipe_table render; do
  log="target/fuzz-$t.log"
  mkdir -p "corpus/$t" "target/corpus/$t"
  cp -R "corpus/$t/." "target/corpus/$t/"
  if cargo fuzz run -O "$t" "target/corpus/$t" "target/seeds/$t" -- -max_total_time="$seconds" -rss_limit_mb=2048 >"$log" 2>&1; then
    echo "fuzz $t: $(grep -E '^#[0-9]+.*DONE' "$log" | tail -1 | awk '{print $1, "executions,", $3, $4}')"
  else
    echo "fuzz $t: CRASH (see fuzz/artifacts/$t and $log)"
    tail -40 "$log"
    status=1
  fi
done
exit $status
