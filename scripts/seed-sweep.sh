#!/bin/sh
# Grades the reference over many seeds, as staff grading would with each: a fresh
# fixture set drawn from the seed (also with every input x scaled by 1e-3 and 1e3),
# and the invariant checks' random inputs drawn from it. Prints, per chunk of seeds,
# every check the reference failed and on which seeds; the last line is the total.
# docs/fixtures.md records what it measured.
#
#   scripts/seed-sweep.sh [SEEDS [FIRST [CHUNK]]]     (default 1000 seeds from 1, 50 a chunk)
#
# Needs the author's edition, built with `swift build --build-tests`. Set BINARIES to
# a folder holding copies of BackpropLabPackageTests.xctest and grader-worker-solutions
# to sweep a frozen build while you keep working (Linux).
set -eu
seeds=${1:-1000}
first=${2:-1}
chunk=${3:-50}
total=0
start=$first
while [ "$start" -lt $((first + seeds)) ]; do
    n=$chunk
    [ $((start + n)) -gt $((first + seeds)) ] && n=$((first + seeds - start))
    if [ -n "${BINARIES:-}" ]; then
        output=$(cd "$BINARIES" && BACKPROPLAB_FIRST_SEED=$start BACKPROPLAB_SEEDS=$n \
            ./BackpropLabPackageTests.xctest --testing-library swift-testing --filter ReferenceSeedSweepTests 2>&1 || true)
    else
        output=$(BACKPROPLAB_FIRST_SEED=$start BACKPROPLAB_SEEDS=$n \
            swift test --skip-build --filter ReferenceSeedSweepTests 2>&1 || true)
    fi
    summary=$(printf '%s\n' "$output" | sed -n '/^seed sweep:/,/Test "passes every/p' | grep -v 'Test "passes every')
    if [ -z "$summary" ]; then
        printf '%s\n' "$output" | tail -20
        echo "seed-sweep: the sweep of seeds $start… did not report" >&2
        exit 1
    fi
    printf '%s\n' "$summary"
    failed=$(printf '%s\n' "$summary" | sed -n 's/^seed sweep: seeds [^,]*, \([0-9]*\) failures.*/\1/p')
    total=$((total + failed))
    start=$((start + n))
done
echo "total: $seeds seeds from $first, $total failures"
