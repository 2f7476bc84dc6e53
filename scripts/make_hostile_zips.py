#!/usr/bin/env python3
"""Writes the .zip archives the staff-grading tests feed to `grader grade`: one
well-formed submission and archives a grader must refuse to unpack (an absolute
path, a path leading out with '..', a symbolic link, a bomb whose entries claim more
bytes than the limit). Output: Tests/Data/Submissions/*.zip (committed)."""
import os
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "Tests", "Data", "Submissions")
RELU = """import Curriculum
import TensorKit

public struct ReLU: ReLULayer {
    public struct Cache { var x: Tensor }
    public init() {}
    public func forward(_ x: Tensor) -> (out: Tensor, cache: Cache) { (maximum(x, 0), Cache(x: x)) }
    public func backward(_ dout: Tensor, cache: Cache) -> Tensor { dout * (cache.x .> 0) }
}
"""


def archive(name, entries):
    """entries: (name, data, is_symlink)"""
    with zipfile.ZipFile(os.path.join(OUT, name), "w", zipfile.ZIP_DEFLATED) as z:
        for path, data, link in entries:
            info = zipfile.ZipInfo(path, date_time=(2024, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3  # Unix, so that the mode bits below are read
            info.external_attr = ((0o120777 if link else 0o100644) << 16)
            z.writestr(info, data)


os.makedirs(OUT, exist_ok=True)
archive("checkout.zip", [
    ("checkout/Sources/Exercises/ReLU.swift", RELU, False),
    ("checkout/README.md", "# my checkout\n", False),
    ("checkout/assignments/02-relu/answers.md", "ReLU is zero for negative inputs.\n", False),
])
archive("absolute-path.zip", [("/tmp/backproplab-escaped.swift", RELU, False)])
archive("dot-dot.zip", [("Sources/Exercises/../../../backproplab-escaped.swift", RELU, False)])
archive("symlink.zip", [("ReLU.swift", "/etc/passwd", True)])
# 300 MiB of zeros compresses to a few hundred KiB: refused before unpacking.
archive("bomb.zip", [("ReLU.swift", RELU, False), ("zeros.bin", b"\0" * (300 << 20), False)])
