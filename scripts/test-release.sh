#!/usr/bin/env bash
# Releases the student edition of this checkout (`grader release`) into a temporary
# folder and uses it as a student would: no staff-only file in it, it builds, its tests
# pass, and `swift run grader` reports every exercise "not started" with exit status 1.
#
# Usage: scripts/test-release.sh   (from anywhere; needs only the Swift toolchain and git)
# It builds a fresh copy of the package: a few minutes. Run by .ci/run.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
export PATH="/opt/swift/usr/bin:$PATH"

if [ ! -d "$root/Sources/Solutions" ]; then
    echo "test-release: no Sources/Solutions (this is the student edition already); nothing to test."
    exit 0
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/backproplab-release.XXXXXX")"
trap 'rm -rf "$work"' EXIT
edition="$work/student"

fail() { echo "test-release: FAILED: $*" >&2; exit 1; }
step() { echo; echo "== $*"; }
# Runs a command; its exit status in $status, its output in $output.
capture() { set +e; output="$("$@" 2>&1)"; status=$?; set -e; }

step "grader release $edition"
cd "$root"
swift build --product grader >/dev/null
capture .build/debug/grader release "$edition"
[ "$status" = 0 ] || fail "release exited with $status: $output"
echo "$output"
capture .build/debug/grader release "$edition"
[ "$status" = 2 ] && grep -q "is not empty" <<<"$output" || fail "release wrote into a non-empty folder ($status): $output"

step "no staff-only path ships; the mistake signatures do"
# The list is StaffOnlyPath.all; read it from there rather than repeat it here.
staff_only="$(sed -n 's/^ *StaffOnlyPath("\([^"]*\)".*/\1/p' Sources/AuthorKit/StaffOnlyPath.swift) hidden-fixtures"
[ -n "$staff_only" ] || fail "could not read the staff-only paths"
for path in $staff_only; do
    [ ! -e "$edition/$path" ] || fail "$path is in the student edition"
done
signatures="$(git ls-files 'assignments/*/mistakes/*' | wc -l)"
shipped="$(cd "$edition" && find assignments -path '*/mistakes/*' -type f | wc -l)"
[ "$signatures" = "$shipped" ] || fail "$signatures mistake signature files are tracked, $shipped shipped"
[ -x "$edition/scripts/test-release.sh" ] || fail "file modes were not kept (scripts/test-release.sh is not executable)"

step "the results students derive are withheld (course.json: release)"
if grep -rqF "<!-- withhold:" "$edition/docs/derivations.md" "$edition/assignments"; then fail "a withhold marker shipped"; fi
for result in "dx = (γ / (N · s)) · ( N · dout − dβ − x̂ · dγ )" "M · g_i  −  Σ_k g_k"; do
    if grep -rqF -- "$result" "$edition/docs" "$edition/assignments"; then fail "the student edition states: $result"; fi
done
grep -qF "Withheld from this edition" "$edition/docs/derivations.md" || fail "docs/derivations.md has no withheld section"

step "the student edition builds and its tests pass"
cd "$edition"
swift build --manifest-cache none >/dev/null || fail "the student edition does not build"
swift test --manifest-cache none || fail "the student edition's tests fail"

step "swift run grader: every exercise not started, exit status 1"
capture swift run --manifest-cache none grader --no-color
echo "$output" | tail -20
[ "$status" = 1 ] || fail "grader exited with $status, not 1"
rows="$(grep -E '^  [·✓✗!] ' <<<"$output" || true)"
[ -n "$rows" ] || fail "no exercise table in the grader's output"
if grep -v -E 'not started|disabled' <<<"$rows"; then
    fail "the exercises above are not 'not started'"
fi
enabled="$(grep -c '"enabled": true' assignments/course.json)"
[ "$(grep -c 'not started' <<<"$rows")" = "$enabled" ] || fail "not every enabled exercise ($enabled) is in the table"

step "the author's commands say they need the reference"
for command in "fixtures" "--impl solutions" "release $work/again" "new-exercise sigmoid"; do
    capture .build/debug/grader $command --no-build
    [ "$status" = 2 ] && grep -q "not part of the student edition" <<<"$output" \
        || fail "grader $command in the student edition ($status): $output"
done

echo
echo "test-release: the student edition builds, tests and grades on its own."
