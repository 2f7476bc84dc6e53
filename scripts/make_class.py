#!/usr/bin/env python3
"""Makes a class of 20 generated submissions for measuring `grader grade-all`
(docs/performance.md, "grade-all"): stubs, the reference solutions copied as the
student's files (whole or in part, as bare files, a checkout or a .zip), files that do
not compile, code that traps, hangs, prints megabytes or recurses forever, a known
mistake, and a hostile archive.

    python3 scripts/make_class.py [OUT]        # OUT defaults to /tmp/backproplab-class
"""
import os
import re
import shutil
import sys
import zipfile

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
STUBS = os.path.join(ROOT, "Sources", "Exercises")
SOLUTIONS = os.path.join(ROOT, "Sources", "Solutions")
ALL = sorted(f for f in os.listdir(STUBS) if f.endswith(".swift"))
LAYERS = ["Affine.swift", "ReLU.swift", "BatchNorm.swift", "LayerNorm.swift", "Dropout.swift"]


def solution(name):
    with open(os.path.join(SOLUTIONS, name)) as f:
        return f.read()


def inject(source, function, statement):
    """Puts `statement` first in the body of `func <function>(` (whose body must
    already hold several statements, so that it has no implicit return)."""
    start = source.index(f"func {function}(")
    brace = source.index("{\n", start) + 2
    body = [line.strip() for line in source[brace:].splitlines()]
    first = next(line for line in body if line and not line.startswith("//"))
    if not re.match(r"(let|var|guard|if|precondition)\b", first):
        raise SystemExit(f"cannot inject into {function}: its body starts with {first[:30]!r}")
    return source[:brace] + "        " + statement + "\n" + source[brace:]


def files(names, changes=None):
    """The solutions of `names`, with `changes` (file → function of the text) applied."""
    changes = changes or {}
    return {n: changes.get(n, lambda s: s)(solution(n)) for n in names}


def write(folder, contents):
    for path, text in contents.items():
        full = os.path.join(folder, path)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        with open(full, "w") as f:
            f.write(text)


def checkout(contents):
    """Exercise files placed as in a whole checkout, with some of its other files."""
    out = {f"Sources/Exercises/{n}": t for n, t in contents.items()}
    out["README.md"] = "# BackpropLab\n"
    out["Package.swift"] = "// swift-tools-version:6.0\n"
    return out


def zipped(path, contents):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in contents.items():
            z.writestr(name, text)


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else "/tmp/backproplab-class"
    shutil.rmtree(out, ignore_errors=True)
    os.makedirs(out)
    stubs = {n: open(os.path.join(STUBS, n)).read() for n in ALL}
    answers = {"assignments/06-batchnorm/answers.md": "Batch norm makes the network less sensitive to the scale of the weights.\n"}
    broken = "let oops: Int = \"not a number\""
    trap = "let empty: [Int] = []; _ = empty[x.shape.count]"
    hang = "while x.count >= 0 { }"
    chatter = "for i in 0..<400_000 { print(\"debugging line \\(i): all the values of the tensor, again and again\") }"
    recursion = "_ = recurse(x.count)"
    recurse_def = "\nfunc recurse(_ n: Int) -> Int { n < 0 ? 0 : recurse(n + 1) + 1 }\n"

    class_ = {
        "s01-empty": {},
        "s02-stubs-checkout": checkout(stubs),
        "s03-full-bare": files(ALL),
        "s04-full-checkout": {**checkout(files(ALL)), **answers},
        "s06-layers-only": files(LAYERS),
        "s07-first-three": files(["Affine.swift", "ReLU.swift", "TwoLayerNet.swift"]),
        "s08-no-fc-net": files([n for n in ALL if n != "FullyConnectedNet.swift"]),
        "s09-optimizers": files(["Affine.swift", "ReLU.swift", "Optimizers.swift"]),
        "s10-compile-error": files(ALL, {"BatchNorm.swift": lambda s: inject(s, "forward", broken)}),
        "s11-two-compile-errors": files(ALL, {"Dropout.swift": lambda s: inject(s, "forward", broken),
                                              "GroupNorm.swift": lambda s: s + "\nlet stray = undefinedName\n"}),
        "s12-traps": files(ALL, {"BatchNorm.swift": lambda s: inject(s, "forward", trap)}),
        "s13-hangs": files(ALL, {"LayerNorm.swift": lambda s: inject(s, "forward", hang)}),
        "s14-prints-megabytes": files(ALL, {"GroupNorm.swift": lambda s: inject(s, "forward", chatter)}),
        "s15-infinite-recursion": files(ALL, {"Dropout.swift": lambda s: inject(s, "forward", recursion) + recurse_def}),
        "s16-unbiased-variance": files(ALL, {"BatchNorm.swift": lambda s: s.replace("x.variance(axis: 0)", "x.variance(axis: 0, ddof: 1)", 1)}),
        "s19-full-with-junk": {**files(ALL), ".git/HEAD": "ref: refs/heads/main\n", "notes.txt": "todo\n",
                               "Helpers.swift": "// a helper the grader ignores\n"},
        "s20-stubs-answers": {**checkout(stubs), **answers},
    }
    for name, contents in class_.items():
        folder = os.path.join(out, name)
        os.makedirs(folder)
        write(folder, contents)
    zipped(os.path.join(out, "s05-full.zip"), {f"mine/{k}": v for k, v in checkout(files(ALL)).items()})
    zipped(os.path.join(out, "s17-layers.zip"), files(LAYERS))
    zipped(os.path.join(out, "s18-hostile.zip"), {"../../escaped.swift": solution("ReLU.swift")})
    print(f"Wrote {len(os.listdir(out))} submissions to {out}")


main()
