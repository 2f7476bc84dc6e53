#!/usr/bin/env python3
"""Measures the grader on code the project did not write.

The corpus (Tests/Data/Outside/) holds correct and mistaken implementations of the
exercises, written by someone who read only the stubs, the protocols and the handouts
(never the reference, the checks or the mistake catalogue). Its manifest.json labels
each variant: its exercise, "correct" or "mistake", and what the mistake is.

    python3 scripts/outside_corpus.py pack  CORPUS SUBMISSIONS
        Packs the variants into submissions for `grader grade-all`: submission k holds
        the k-th variant of every exercise, so a class of ~20 submissions grades them
        all. A variant built on the student's own layers (`requires` in the manifest)
        gets a submission of its own, next to correct versions of those layers.
    swift run -c release grader grade-all SUBMISSIONS --out REPORTS --seed SECRET
    python3 scripts/outside_corpus.py score CORPUS SUBMISSIONS REPORTS [--names NAMES]
        Reads the reports back and prints, per variant, the points its exercise lost
        and the names (catalogued mistakes) or descriptions the grader gave, then the
        measures of issue 11: correct variants losing points, mistakes caught, named.
        NAMES (a JSON object: variant id -> list of acceptable mistake ids) says which
        names are right; without it, names are listed for a person to judge.
"""
import json
import os
import re
import shutil
import sys
from collections import defaultdict

def load_manifest(corpus):
    with open(os.path.join(corpus, "manifest.json")) as f:
        return json.load(f)


def pack(corpus, submissions, kinds=("correct", "mistake")):
    manifest = [v for v in load_manifest(corpus) if v["kind"] in kinds]
    by_exercise = defaultdict(list)
    solo = []
    for variant in manifest:
        (solo if variant.get("requires") else by_exercise[variant["exercise"]]).append(variant)
    groups = []
    for k in range(max((len(v) for v in by_exercise.values()), default=0)):
        groups.append([v[k] for v in by_exercise.values() if k < len(v)])
    # A variant built on the student's own layers gets a submission of its own, next
    # to a correct, self-contained version of each layer it needs.
    helpers = {}
    for variant in load_manifest(corpus):
        if variant["kind"] == "correct" and not variant.get("requires"):
            helpers.setdefault(variant["exercise"], variant)
    groups += [[v] + [helpers[e] for e in v["requires"]] for v in solo]
    placement = {}
    os.makedirs(submissions, exist_ok=True)
    for index, group in enumerate(groups):
        name = "s%03d" % index
        folder = os.path.join(submissions, name, "Sources", "Exercises")
        os.makedirs(folder, exist_ok=True)
        for position, variant in enumerate(group):
            shutil.copy(os.path.join(corpus, variant["id"], "Sources", "Exercises", variant["file"]),
                        os.path.join(folder, variant["file"]))
            if position == 0 or group[0] not in solo:
                placement[variant["id"]] = name
    with open(os.path.join(submissions, ".placement.json"), "w") as f:
        json.dump(placement, f, indent=1, sort_keys=True)
    print("%d variants in %d submissions" % (len(placement), len(groups)))


LOCATION_ONLY = re.compile(r"[\w.]+(, [\w.]+)*( and [\w.]+)? differs?(; [\w.]+(, [\w.]+)*( and [\w.]+)? (is|are) right)?\.")


# How the judge begins its explanation of a crash (Judge.swift).
CRASH_EXPLANATION = "\nWhat the shapes say: "


def score(corpus, submissions, reports, names_file=None):
    manifest = load_manifest(corpus)
    with open(os.path.join(submissions, ".placement.json")) as f:
        placement = json.load(f)
    accepted = {}
    if names_file:
        with open(names_file) as f:
            accepted = json.load(f)
    rows = []
    unplaced = [v["id"] for v in manifest if v["id"] not in placement]
    if unplaced:
        print("not packed, so not graded: %s" % ", ".join(unplaced))
    for variant in manifest:
        if variant["id"] not in placement:
            continue
        with open(os.path.join(reports, placement[variant["id"]] + ".json")) as f:
            report = json.load(f)
        exercise = next(e for e in report["report"]["exercises"] if e["name"] == variant["exercise"])
        lost = sum(c["maxPoints"] - c["points"] for c in exercise["checks"])
        named = sorted({c["diagnosis"]["mistake"] for c in exercise["checks"] if c.get("diagnosis")})
        described = [c["failure"]["difference"] for c in exercise["checks"] if (c.get("failure") or {}).get("difference")]
        # A crash the judge explains (which shapes failed to broadcast, and the shape
        # that would have) is described as precisely as a wrong output.
        described += [c["problem"].split(CRASH_EXPLANATION, 1)[1] for c in exercise["checks"]
                      if c["status"] == "crashed" and CRASH_EXPLANATION in (c.get("problem") or "")]
        # A crash's report gives the runtime's reason and the student's line: it counts
        # as a description (docs/fixtures.md), counted apart from the others.
        located = [c["problem"] for c in exercise["checks"]
                   if c["status"] == "crashed" and "(at Sources/Exercises/" in (c.get("problem") or "")]
        failed = [c["id"] for c in exercise["checks"] if c["status"] != "passed"]
        rows.append((variant, lost, named, described, failed, located))

    correct = [r for r in rows if r[0]["kind"] == "correct"]
    mistakes = [r for r in rows if r[0]["kind"] == "mistake"]
    print("| variant | kind | points lost | failed checks | named | described |")
    print("|---|---|---|---|---|---|")
    for variant, lost, named, described, failed, _ in rows:
        print("| %s | %s | %g | %s | %s | %s |" % (variant["id"], variant.get("category", variant["kind"]), lost,
                                                 " ".join(failed), " ".join(named), "; ".join(described)[:120]))
    caught = [r for r in mistakes if r[1] > 0]
    print()
    print("correct variants losing points: %d of %d" % (sum(1 for r in correct if r[1] > 0), len(correct)))
    print("mistakes caught (lose a point): %d of %d (%.0f%%)"
          % (len(caught), len(mistakes), 100.0 * len(caught) / max(1, len(mistakes))))
    if accepted:
        right = [r for r in caught if r[2] and set(r[2]) <= set(accepted.get(r[0]["id"], []))]
        wrong = [r for r in caught if r[2] and not set(r[2]) <= set(accepted.get(r[0]["id"], []))]
        described = [r for r in caught if not r[2] and r[3]]
        crashes = [r for r in caught if not r[2] and not r[3] and r[5]]
        # A description that only says which outputs differ ("dx differs; db and dw are
        # right.") locates the mistake without saying what it is: counted apart.
        only_located = [r for r in described if all(LOCATION_ONLY.fullmatch(d.strip()) for d in r[3])]
        print("named correctly: %d; described (no name): %d, of which %d only say which outputs differ; named wrongly: %d"
              % (len(right), len(described), len(only_located), len(wrong)))
        print("crashed at a line of the student's code (no name or description): %d" % len(crashes))
        print("named correctly or described: %d of %d (%.0f%%); with located crashes: %d (%.0f%%)"
              % (len(right) + len(described), len(mistakes), 100.0 * (len(right) + len(described)) / max(1, len(mistakes)),
                 len(right) + len(described) + len(crashes),
                 100.0 * (len(right) + len(described) + len(crashes)) / max(1, len(mistakes))))
        for r in wrong:
            print("  wrong name: %s got %s" % (r[0]["id"], ", ".join(r[2])))
    else:
        print("named: %d; described only: %d; neither: %d"
              % (sum(1 for r in caught if r[2]), sum(1 for r in caught if not r[2] and r[3]),
                 sum(1 for r in caught if not r[2] and not r[3])))


def main(argv):
    if len(argv) >= 3 and argv[0] == "pack":
        pack(argv[1], argv[2])
    elif len(argv) >= 4 and argv[0] == "score":
        names = argv[argv.index("--names") + 1] if "--names" in argv else None
        score(argv[1], argv[2], argv[3], names)
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
