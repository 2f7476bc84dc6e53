#!/usr/bin/env python3
"""Times numpy's matmul at the sizes of tensorkit-bench, in the same format.

    python3 scripts/bench_numpy.py [repetitions]

Each figure is the best of the repetitions. numpy calls its BLAS (usually OpenBLAS
on Linux, Accelerate on macOS) with as many threads as the BLAS chooses; print
`numpy.show_config()` to see which one is in use.
"""

import sys
import time

import numpy as np

repetitions = int(sys.argv[1]) if len(sys.argv) > 1 else 10
rng = np.random.default_rng(0)

# (name, left shape, right shape, the product)
cases = [
    ("(200x3072)·(3072x100)", (200, 3072), (3072, 100), lambda a, b: a @ b),
    ("(512x512)·(512x512)", (512, 512), (512, 512), lambda a, b: a @ b),
    # x.T @ dout: numpy transposes by changing strides, BLAS reads A transposed.
    ("x.T @ d", (200, 3072), (200, 100), lambda a, b: a.T @ b),
    # dout @ w.T, w of shape (3072, 100): BLAS reads B transposed.
    ("d @ w.T", (200, 100), (3072, 100), lambda a, b: a @ b.T),
    # A hidden layer of 100 units: forward, weight gradient, input gradient.
    ("(200x100)·(100x100)", (200, 100), (100, 100), lambda a, b: a @ b),
    ("h.T @ d, 100", (200, 100), (200, 100), lambda a, b: a.T @ b),
    ("d @ w.T, 100", (200, 100), (100, 100), lambda a, b: a @ b.T),
]

print(f"numpy {np.__version__} matmul, best of {repetitions}")
for name, left_shape, right_shape, product in cases:
    a = rng.standard_normal(left_shape)
    b = rng.standard_normal(right_shape)
    best = float("inf")
    for _ in range(repetitions):
        start = time.perf_counter()
        c = product(a, b)
        best = min(best, time.perf_counter() - start)
    m, n = c.shape
    k = a.size // m  # the inner dimension: the left operand holds m·k values
    gflops = 2 * m * k * n / best / 1e9
    print(f"{name:<32}{best * 1e3:8.3f} ms {gflops:8.1f} GFLOP/s")
