#!/bin/sh
# Grades the reference over many seeds, as staff grading would with each, and prints
# every check it failed and on which seeds (docs/fixtures.md records what it measured):
#   - the invariant checks (fresh random inputs drawn from the seed), SEEDS seeds;
#   - every fixture check on a fresh set drawn from the seed, also with every input x
#     scaled by 1e-3 and by 1e3, FRESH seeds (slower: ~10 s a seed).
#
#   scripts/seed-sweep.sh [SEEDS [FRESH [FIRST]]]      (default 1000, 200, from seed 1)
#
# EXERCISES=conv,maxpool sweeps only those exercises (names as in course.json).
#
# Needs the author's edition, built with `swift build --build-tests`. Set BINARIES to
# a folder holding copies of BackpropLabPackageTests.xctest, grader-worker-solutions and
# grader-launcher to sweep a frozen build while you keep working (Linux).
set -eu
seeds=${1:-1000}
fresh=${2:-200}
first=${3:-1}
chunk=25

# run TEST SEEDS FRESH FIRST: one run of the sweep test, its summary on standard output.
run() {
    if [ -n "${BINARIES:-}" ]; then
        output=$(cd "$BINARIES" && BACKPROPLAB_EXERCISES=${EXERCISES:-} BACKPROPLAB_FIRST_SEED=$4 BACKPROPLAB_SEEDS=$2 BACKPROPLAB_FRESH_SEEDS=$3 \
            ./BackpropLabPackageTests.xctest --testing-library swift-testing --filter "ReferenceSeedSweepTests/$1" 2>&1 || true)
    else
        output=$(BACKPROPLAB_EXERCISES=${EXERCISES:-} BACKPROPLAB_FIRST_SEED=$4 BACKPROPLAB_SEEDS=$2 BACKPROPLAB_FRESH_SEEDS=$3 \
            swift test --skip-build --filter "ReferenceSeedSweepTests/$1" 2>&1 || true)
    fi
    summary=$(printf '%s\n' "$output" | sed -n '/^seed sweep/,/Test "passes every/p' | grep -v 'Test "passes every')
    if [ -z "$summary" ]; then
        printf '%s\n' "$output" | tail -20
        echo "seed-sweep: $1 from seed $4 did not report" >&2
        exit 1
    fi
    printf '%s\n' "$summary"
}

total=0
count() { printf '%s\n' "$1" | sed -n 's/^seed sweep ([^)]*): seeds [^,]*, \([0-9]*\) failures.*/\1/p'; }

summary=$(run invariantChecks "$seeds" 0 "$first")
printf '%s\n' "$summary"
total=$((total + $(count "$summary")))
start=$first
while [ "$start" -lt $((first + fresh)) ]; do
    n=$chunk
    [ $((start + n)) -gt $((first + fresh)) ] && n=$((first + fresh - start))
    summary=$(run freshFixtureSets 0 "$n" "$start")
    printf '%s\n' "$summary"
    total=$((total + $(count "$summary")))
    start=$((start + n))
done
echo "total: invariant checks on $seeds seeds, fixture checks on fresh sets of $fresh seeds (x at 1, 1e-3, 1e3): $total failures"
