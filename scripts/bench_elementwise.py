#!/usr/bin/env python3
"""Times numpy's elementwise operators and reductions at the sizes of the training
step, in the format of `tensorkit-bench elementwise`.

    python3 scripts/bench_elementwise.py [repetitions]

Adam's update of the first layer's weights (3072 x 100) as the course's `optim.py`
writes it, then the single passes it is made of. Each figure is the best of the
repetitions, float64. numpy runs these on one thread.
"""

import sys
import time

import numpy as np


def adam_update(w, dw, m, v, t):
    """One Adam step as the course's optim.py writes it: fourteen passes over w's size."""
    beta1, beta2, learning_rate, eps = 0.9, 0.999, 1e-3, 1e-8
    m = beta1 * m + (1 - beta1) * dw
    v = beta2 * v + (1 - beta2) * dw * dw
    m_hat = m / (1 - beta1**t)
    v_hat = v / (1 - beta2**t)
    return w - learning_rate * m_hat / (np.sqrt(v_hat) + eps)


def main():
    repetitions = int(sys.argv[1]) if len(sys.argv) > 1 else 10
    rng = np.random.default_rng(0)
    w, dw, m = (rng.standard_normal((3072, 100)) for _ in range(3))
    v = np.abs(rng.standard_normal((3072, 100)))
    x = rng.standard_normal((200, 3072))
    row = rng.standard_normal(3072)
    cases = [
        ("adam update, w (3072,100)", lambda: adam_update(w, dw, m, v, 5)),
        ("a + b (3072,100)", lambda: w + dw),
        ("0.9 * a (3072,100)", lambda: 0.9 * w),
        ("sqrt(a) (3072,100)", lambda: np.sqrt(v)),
        ("x - row, (200,3072) - (3072,)", lambda: x - row),
        ("x.sum(axis: 0), (200,3072)", lambda: x.sum(axis=0)),
        ("(a * a).sum() (3072,100)", lambda: (w * w).sum()),
    ]
    print(f"numpy {np.__version__} elementwise, best of {repetitions}")
    for name, work in cases:
        work()  # warm up
        best = float("inf")
        for _ in range(repetitions):
            start = time.perf_counter()
            work()
            best = min(best, time.perf_counter() - start)
        print(f"{name:<40}{best * 1e3:8.3f} ms")


if __name__ == "__main__":
    main()
