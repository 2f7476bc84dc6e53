#!/usr/bin/env python3
"""Writes the .zip archives the staff-grading tests feed to `grader grade`: one
well-formed submission and archives a grader must refuse to unpack (an absolute
path, a path leading out with '..', a symbolic link, a bomb whose entries claim more
bytes than the limit, two entries of one name) or must unpack no further than its
limits although the headers say all is well (entries whose headers lie about their
sizes). Output: Tests/Data/Submissions/*.zip (committed)."""
import os
import struct
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
# Two entries named ReLU.swift: which one is graded, and which one a TA reads?
with zipfile.ZipFile(os.path.join(OUT, "duplicate.zip"), "w", zipfile.ZIP_DEFLATED) as z:
    import warnings
    warnings.simplefilter("ignore")
    z.writestr(zipfile.ZipInfo("ReLU.swift", date_time=(2024, 1, 1, 0, 0, 0)), RELU)
    z.writestr(zipfile.ZipInfo("ReLU.swift", date_time=(2024, 1, 1, 0, 0, 0)), "// the other one\n")


def lie_about_sizes(path, claimed):
    """Rewrites every local and central header's uncompressed size to `claimed`."""
    with open(path, "rb") as f:
        data = bytearray(f.read())
    # (signature, offset of the uncompressed size in that header)
    for signature, offset in [(b"PK\x03\x04", 22), (b"PK\x01\x02", 24)]:
        i = data.find(signature)
        while i >= 0:
            struct.pack_into("<I", data, i + offset, claimed)
            i = data.find(signature, i + 4)
    with open(path, "wb") as f:
        f.write(data)


# The headers say 100 bytes per entry; ReLU.swift and answers.md (read for grading)
# inflate to 64 MiB each, zeros.bin (not read) too.
archive("lying-sizes.zip", [
    ("ReLU.swift", b"//" + b" " * (64 << 20), False),
    ("assignments/02-relu/answers.md", b"A" * (64 << 20), False),
    ("zeros.bin", b"\0" * (64 << 20), False),
])
lie_about_sizes(os.path.join(OUT, "lying-sizes.zip"), 100)
