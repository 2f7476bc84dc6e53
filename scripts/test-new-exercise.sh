#!/usr/bin/env bash
# Builds the worked example of docs/author-guide.md ("Adding an exercise") in a copy of
# this checkout, as an author would:
#   grader new-exercise sigmoid → it builds at once, `grader list` shows it, the stub is
#   "not started" → the guide's files replace the scaffold's → fixtures → the reference
#   passes every check, the stub is "not started", a wrong backward pass fails.
# The code is taken from the guide itself (the blocks after `<!-- worked-example: PATH -->`),
# so the guide cannot go stale unnoticed.
#
# Usage: scripts/test-new-exercise.sh   (from anywhere; needs only the Swift toolchain)
# It builds a fresh copy of the package: a few minutes. Run by .ci/run.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
export PATH="/opt/swift/usr/bin:$PATH"

if [ ! -d "$root/Sources/Solutions" ]; then
    echo "test-new-exercise: no Sources/Solutions (this is the student edition); nothing to test."
    exit 0
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/backproplab-new-exercise.XXXXXX")"
trap 'rm -rf "$work"' EXIT
copy="$work/course"
mkdir "$copy"
# The files git tracks, as they are on disk (like `grader release`, but keeping everything).
(cd "$root" && git ls-files -z | tar --null -T - -cf -) | tar -xf - -C "$copy"
cd "$copy"

fail() { echo "test-new-exercise: FAILED: $*" >&2; exit 1; }
step() { echo; echo "== $*"; }
# Runs the grader; its exit status in $status, its output in $output.
grader() { set +e; output="$(.build/debug/grader "$@" 2>&1)"; status=$?; set -e; }

step "build the copy"
swift build --product grader >/dev/null

step "new-exercise refuses bad and taken names"
grader new-exercise Sigmoid
[ "$status" = 2 ] && grep -q "not a valid exercise name" <<<"$output" || fail "accepted 'Sigmoid': $output"
grader new-exercise relu
[ "$status" = 2 ] && grep -q "exists already" <<<"$output" || fail "accepted 'relu': $output"

step "grader new-exercise sigmoid"
grader new-exercise sigmoid
[ "$status" = 0 ] || fail "new-exercise exited with $status: $output"
echo "$output"

# The guide's example names the handout folder the scaffold wrote when the guide was last
# edited; the scaffold numbers it after the last exercise. Read the guide's number as that one.
folder="$(cd assignments && ls -d [0-9]*-sigmoid)"
number="${folder%%-*}"
[ -n "$number" ] || fail "new-exercise wrote no assignments/NN-sigmoid folder"
guide="$(grep -o '[0-9][0-9]-sigmoid' "$root/docs/author-guide.md" | head -1)"
guide="${guide%%-*}"
[ -n "$guide" ] || fail "docs/author-guide.md names no NN-sigmoid folder"
renumber() { sed -e "s/$guide-sigmoid/$folder/g" -e "s/^# $((10#$guide)) ·/# $((10#$number)) ·/" -e "s/^| $((10#$guide)) |/| $((10#$number)) |/"; }

step "the scaffold compiles at once, is listed, and is not started"
swift build >/dev/null || fail "the scaffold does not compile"
grader fixtures sigmoid --no-build
[ "$status" = 0 ] || fail "fixtures from the scaffold: $output"
grep -q "placeholder reference" <<<"$output" || fail "fixtures did not warn about the placeholder reference"
grader list
grep -q "^sigmoid .*5 points *assignments/$folder/" <<<"$output" || fail "grader list does not show sigmoid: $output"
grader check sigmoid --no-build
[ "$status" = 1 ] && grep -q "sigmoid .*not started" <<<"$output" || fail "the stub is not 'not started' ($status): $output"

step "apply the worked example from docs/author-guide.md"
# Each block into $work/block-<n>, listed as "<n> <path>".
awk -v dir="$work" '
    /^<!-- worked-example: .* -->$/ { target = $3; next }
    target != "" && /^```/ && !inside { inside = 1; n++; file = dir "/block-" n; printf "" > file; next }
    inside && /^```$/ { inside = 0; close(file); print n, target; target = ""; next }
    inside { print > file }
' "$root/docs/author-guide.md" > "$work/examples.guide"
# Each block to <path>.example in the copy, with the guide's handout number read as the scaffold's.
while read -r n target; do
    target="$(renumber <<<"$target")"
    renumber < "$work/block-$n" > "$copy/$target.example"
    echo "$target"
done < "$work/examples.guide" > "$work/examples"
[ "$(wc -l < "$work/examples")" -ge 8 ] || fail "found only $(wc -l < "$work/examples") worked-example blocks in the guide"
while read -r target; do
    case "$target" in
    assignments/course.json#sigmoid)
        # Replace the scaffold's entry (the block of lines from "    {" to "    }" naming it).
        awk -v entry="$copy/$target.example" '
            /^    \{$/ { block = $0; collecting = 1; next }
            collecting { block = block "\n" $0
                         if ($0 ~ /^    \},?$/) {
                             collecting = 0
                             if (block ~ /"name": "sigmoid"/) {
                                 while ((getline line < entry) > 0) { if (text != "") text = text "\n"; text = text line }
                                 if ($0 ~ /,$/) text = text ","
                                 print text
                             } else print block
                         }
                         next }
            { print }
        ' assignments/course.json > "$work/course.json"
        mv "$work/course.json" assignments/course.json ;;
    assignments/README.md#sigmoid)
        # Replace the scaffold's row of the handouts' table.
        awk -v entry="$copy/$target.example" '
            index($0, "| `sigmoid` |") { getline row < entry; print row; next }
            { print }
        ' assignments/README.md > "$work/README.md"
        mv "$work/README.md" assignments/README.md ;;
    *) mv "$target.example" "$target" ;;
    esac
done < "$work/examples"
grep -q '"known-values"' assignments/course.json || fail "the course.json entry was not replaced"
if grep -rl "AUTHOR-TODO" Sources/Curriculum/Sigmoid.swift Sources/Exercises/Sigmoid.swift \
        Sources/Solutions/Sigmoid.swift Sources/GraderKit/Checks/SigmoidChecks.swift "assignments/$folder" \
        assignments/README.md; then
    fail "the worked example leaves AUTHOR-TODO in the files above"
fi

step "fixtures from the real reference; the reference passes, the stub is not started"
swift build >/dev/null || fail "the worked example does not compile"
grader fixtures sigmoid --no-build
[ "$status" = 0 ] && ! grep -q "placeholder" <<<"$output" || fail "fixtures: $output"
grader --impl solutions check sigmoid --no-build
[ "$status" = 0 ] || fail "the reference does not pass its own checks ($status): $output"
grep -q "known-values" <<<"$output" || fail "no known-values check in: $output"
grader check sigmoid --no-build
[ "$status" = 1 ] && grep -q "not started" <<<"$output" || fail "the stub is not 'not started' ($status): $output"

step "a wrong backward pass (the derivative without dout) fails backward and gradient"
sed -e 's/dout \* out \* (1.0 - out)/out * (1.0 - out)/' Sources/Solutions/Sigmoid.swift > Sources/Exercises/Sigmoid.swift
grep -q "^        out \* (1.0 - out)$" Sources/Exercises/Sigmoid.swift || fail "could not plant the mistake"
swift build --product grader-worker >/dev/null || fail "the wrong student version does not compile"
grader check sigmoid --no-build
[ "$status" = 1 ] || fail "a wrong backward pass was not failed ($status): $output"
grep -q "✗ backward" <<<"$output" && grep -q "✗ gradient" <<<"$output" && grep -q "✓ forward" <<<"$output" \
    || fail "expected forward to pass and backward, gradient to fail: $output"

echo
echo "test-new-exercise: the worked example builds, is listed, and grades as the guide says."
