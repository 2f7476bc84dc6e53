#!/usr/bin/env python3
"""How far a CORRECT backward pass is from its numeric gradient, across seeds.

The course's check (centered differences with h = 1e-5, then the elementwise
rel_error with its 1e-8 floor) is limited by rounding, roughly eps * |out| / h in
absolute terms, and the relative error magnifies that at gradient entries close
to zero. So the error of a correct layer depends on the seed. This script measures
its distribution with the layers of scripts/reference/layers.py, on the shapes the
course's notebooks (and Tests/SolutionsTests) use, to choose thresholds that do not
fail a correct implementation by bad luck.

Run from the package root:   python3 scripts/reference/gradient_check_noise.py
"""

import numpy as np

import layers


def numeric_gradient(f, x, dout, h=1e-5):
    """The course's eval_numerical_gradient_array."""
    grad = np.zeros_like(x)
    for i in np.ndindex(x.shape):
        old = x[i]
        x[i] = old + h
        plus = f(x).copy()
        x[i] = old - h
        minus = f(x).copy()
        x[i] = old
        grad[i] = np.sum((plus - minus) * dout) / (2 * h)
    return grad


def rel_error(x, y):
    return np.max(np.abs(x - y) / np.maximum(1e-8, np.abs(x) + np.abs(y)))


def affine(rng, h):
    x, w, b = rng.normal(size=(10, 6)), rng.normal(size=(6, 5)), rng.normal(size=5)
    dout = rng.normal(size=(10, 5))
    g = layers.affine(x, w, b, dout)
    return max(rel_error(g["dx"], numeric_gradient(lambda v: v @ w + b, x, dout, h)),
               rel_error(g["dw"], numeric_gradient(lambda v: x @ v + b, w, dout, h)),
               rel_error(g["db"], numeric_gradient(lambda v: x @ w + v, b, dout, h)))


def batchnorm(rng):
    x = 5 * rng.normal(size=(4, 5)) + 12
    gamma, beta, dout = rng.normal(size=5), rng.normal(size=5), rng.normal(size=(4, 5))
    zeros = np.zeros(5)
    out = lambda v: layers.batchnorm_train(v, gamma, beta, dout, 1e-5, 0.9, zeros, zeros)["out"]
    return rel_error(layers.batchnorm_train(x, gamma, beta, dout, 1e-5, 0.9, zeros, zeros)["dx"],
                     numeric_gradient(out, x, dout))


def layernorm(rng):
    x = 5 * rng.normal(size=(4, 5)) + 12
    gamma, beta, dout = rng.normal(size=5), rng.normal(size=5), rng.normal(size=(4, 5))
    out = lambda v: layers.layernorm(v, gamma, beta, dout, 1e-5)["out"]
    return rel_error(layers.layernorm(x, gamma, beta, dout, 1e-5)["dx"], numeric_gradient(out, x, dout))


def spatial_batchnorm(rng):
    x = 5 * rng.normal(size=(2, 3, 4, 5)) + 12
    gamma, beta, dout = rng.normal(size=3), rng.normal(size=3), rng.normal(size=(2, 3, 4, 5))
    out = lambda v: layers.spatial_batchnorm_train(v, gamma, beta, dout, 1e-5, 0.9)["out"]
    return rel_error(layers.spatial_batchnorm_train(x, gamma, beta, dout, 1e-5, 0.9)["dx"],
                     numeric_gradient(out, x, dout))


def groupnorm(rng):
    x = 5 * rng.normal(size=(2, 6, 4, 5)) + 12
    gamma, beta, dout = rng.normal(size=6), rng.normal(size=6), rng.normal(size=(2, 6, 4, 5))
    out = lambda v: layers.groupnorm(v, gamma, beta, dout, 2, 1e-5)["out"]
    return rel_error(layers.groupnorm(x, gamma, beta, dout, 2, 1e-5)["dx"], numeric_gradient(out, x, dout))


def main():
    cases = [("affine, h = 1e-5", lambda r: affine(r, 1e-5)), ("affine, h = 1", lambda r: affine(r, 1.0)),
             ("batchnorm dx", batchnorm), ("layernorm dx", layernorm),
             ("spatial batchnorm dx", spatial_batchnorm), ("groupnorm dx, G = 2", groupnorm)]
    seeds = 100
    print(f"relative error of a correct layer against its numeric gradient, {seeds} seeds")
    print(f"{'':24}{'median':>10}{'90%':>10}{'99%':>10}{'max':>10}")
    for name, case in cases:
        errors = np.array([case(np.random.default_rng(seed)) for seed in range(seeds)])
        p50, p90, p99, top = np.percentile(errors, [50, 90, 99, 100])
        print(f"{name:24}{p50:10.1e}{p90:10.1e}{p99:10.1e}{top:10.1e}")


if __name__ == "__main__":
    main()
