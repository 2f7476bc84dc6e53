#!/usr/bin/env python3
"""Independent NumPy references for the layer exercises, and the fixtures that
Tests/SolutionsTests compares Sources/Solutions against.

Each layer is written here from the course's formulas, directly in NumPy, without
looking at the Swift code, so that the two can only agree if both are right.
Inputs come from a fixed NumPy seed; every case is written as .npy files (float64,
so values survive the trip exactly) plus a manifest.json naming the case's scalar
parameters, into

    Tests/SolutionsTests/Data/<layer>/<case>/

Run from the package root:   python3 scripts/reference/layers.py
"""

import json
import pathlib
import shutil

import numpy as np

ROOT = pathlib.Path(__file__).resolve().parents[2]
DATA = ROOT / "Tests" / "SolutionsTests" / "Data"
LAYERS = ["affine", "relu", "batchnorm", "layernorm", "spatial-batchnorm", "groupnorm"]


# --- The layers ------------------------------------------------------------------

def affine(x, w, b, dout):
    rows = x.reshape(x.shape[0], -1)
    out = rows @ w + b
    dx = (dout @ w.T).reshape(x.shape)
    dw = rows.T @ dout
    db = dout.sum(axis=0)
    return dict(out=out, dx=dx, dw=dw, db=db)


def relu(x, dout):
    return dict(out=np.maximum(x, 0), dx=dout * (x > 0))


def normalize(x, axes, eps):
    """x̂ and 1/√(σ² + eps) with statistics over `axes` (kept as extent-1 axes)."""
    mu = x.mean(axis=axes, keepdims=True)
    var = x.var(axis=axes, keepdims=True)  # biased
    inv_std = 1.0 / np.sqrt(var + eps)
    return (x - mu) * inv_std, inv_std


def normalize_backward(dxhat, xhat, inv_std, axes):
    """dx given dx̂ for a normalization over `axes`:
    dx = r/M · (M·dx̂ − Σ dx̂ − x̂ · Σ dx̂·x̂), sums over each group."""
    m = np.prod([xhat.shape[a] for a in axes])
    return inv_std / m * (m * dxhat
                          - dxhat.sum(axis=axes, keepdims=True)
                          - xhat * (dxhat * xhat).sum(axis=axes, keepdims=True))


def batchnorm_train(x, gamma, beta, dout, eps, momentum, running_mean, running_var):
    xhat, inv_std = normalize(x, (0,), eps)
    out = gamma * xhat + beta
    dx = normalize_backward(dout * gamma, xhat, inv_std, (0,))
    return dict(out=out, dx=dx,
                dgamma=(dout * xhat).sum(axis=0), dbeta=dout.sum(axis=0),
                runningMeanAfter=momentum * running_mean + (1 - momentum) * x.mean(axis=0),
                runningVarianceAfter=momentum * running_var + (1 - momentum) * x.var(axis=0))


def batchnorm_test(x, gamma, beta, eps, running_mean, running_var):
    return dict(out=gamma * (x - running_mean) / np.sqrt(running_var + eps) + beta)


def layernorm(x, gamma, beta, dout, eps):
    xhat, inv_std = normalize(x, (1,), eps)
    return dict(out=gamma * xhat + beta,
                dx=normalize_backward(dout * gamma, xhat, inv_std, (1,)),
                dgamma=(dout * xhat).sum(axis=0), dbeta=dout.sum(axis=0))


def spatial_batchnorm_train(x, gamma, beta, dout, eps, momentum):
    """Statistics per channel over (N, H, W), computed on the 4-d array directly."""
    g, b = gamma.reshape(1, -1, 1, 1), beta.reshape(1, -1, 1, 1)
    axes = (0, 2, 3)
    xhat, inv_std = normalize(x, axes, eps)
    zeros = np.zeros(x.shape[1])
    return dict(out=g * xhat + b,
                dx=normalize_backward(dout * g, xhat, inv_std, axes),
                dgamma=(dout * xhat).sum(axis=axes), dbeta=dout.sum(axis=axes),
                runningMeanAfter=momentum * zeros + (1 - momentum) * x.mean(axis=axes),
                runningVarianceAfter=momentum * zeros + (1 - momentum) * x.var(axis=axes))


def groupnorm(x, gamma, beta, dout, groups, eps):
    n, c, h, w = x.shape
    g, b = gamma.reshape(1, c, 1, 1), beta.reshape(1, c, 1, 1)
    grouped = x.reshape(n, groups, c // groups, h, w)
    axes = (2, 3, 4)
    xhat, inv_std = normalize(grouped, axes, eps)
    xhat4 = xhat.reshape(x.shape)
    dxhat = (dout * g).reshape(grouped.shape)
    dx = normalize_backward(dxhat, xhat, inv_std, axes).reshape(x.shape)
    return dict(out=g * xhat4 + b, dx=dx,
                dgamma=(dout * xhat4).sum(axis=(0, 2, 3)), dbeta=dout.sum(axis=(0, 2, 3)))


# --- The cases -------------------------------------------------------------------

def write_case(layer, case, description, parameters, inputs, outputs):
    folder = DATA / layer / case
    folder.mkdir(parents=True)
    for name, array in {**inputs, **outputs}.items():
        np.save(folder / f"{name}.npy", np.ascontiguousarray(array, dtype=np.float64))
    manifest = dict(layer=layer, case=case, description=description,
                    parameters=parameters,
                    inputs=sorted(inputs), outputs=sorted(outputs))
    (folder / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n")


def main():
    for layer in LAYERS:
        shutil.rmtree(DATA / layer, ignore_errors=True)
    rng = np.random.default_rng(231)
    eps, momentum = 1e-5, 0.9

    x, w, b = rng.normal(size=(4, 2, 3)), rng.normal(size=(6, 5)), rng.normal(size=5)
    dout = rng.normal(size=(4, 5))
    write_case("affine", "batch-of-3d-inputs",
               "x (4, 2, 3) read as 4 rows of 6 values, w (6, 5), b (5,)", {},
               dict(x=x, w=w, b=b, dout=dout), affine(x, w, b, dout))

    x, dout = rng.normal(size=(5, 6)), rng.normal(size=(5, 6))
    write_case("relu", "normal-inputs", "x (5, 6) standard normal", {},
               dict(x=x, dout=dout), relu(x, dout))

    # Features with different means and scales, so per-feature statistics matter.
    x = rng.normal(size=(8, 4)) * np.array([1.0, 5.0, 0.5, 2.0]) + np.array([-2.0, 0.0, 3.0, 10.0])
    gamma, beta = rng.normal(size=4), rng.normal(size=4)
    dout = rng.normal(size=(8, 4))
    running_mean, running_var = rng.normal(size=4), rng.uniform(0.5, 2.0, size=4)
    parameters = dict(eps=eps, momentum=momentum)
    write_case("batchnorm", "train",
               "one training step from given running statistics; x (8, 4)", parameters,
               dict(x=x, gamma=gamma, beta=beta, dout=dout,
                    runningMean=running_mean, runningVariance=running_var),
               batchnorm_train(x, gamma, beta, dout, eps, momentum, running_mean, running_var))
    write_case("batchnorm", "test",
               "test mode with given running statistics; x (8, 4)", parameters,
               dict(x=x, gamma=gamma, beta=beta,
                    runningMean=running_mean, runningVariance=running_var),
               batchnorm_test(x, gamma, beta, eps, running_mean, running_var))

    x = rng.normal(size=(4, 6)) * 3 + rng.normal(size=(4, 1)) * 4
    gamma, beta, dout = rng.normal(size=6), rng.normal(size=6), rng.normal(size=(4, 6))
    write_case("layernorm", "rows-with-different-statistics",
               "x (4, 6) whose rows have different means", dict(eps=eps),
               dict(x=x, gamma=gamma, beta=beta, dout=dout), layernorm(x, gamma, beta, dout, eps))

    x = rng.normal(size=(2, 3, 4, 5)) * 2 + np.array([1.0, -4.0, 0.0]).reshape(1, 3, 1, 1)
    gamma, beta, dout = rng.normal(size=3), rng.normal(size=3), rng.normal(size=(2, 3, 4, 5))
    write_case("spatial-batchnorm", "train",
               "one training step from no running statistics; x (2, 3, 4, 5)", parameters,
               dict(x=x, gamma=gamma, beta=beta, dout=dout),
               spatial_batchnorm_train(x, gamma, beta, dout, eps, momentum))

    for groups in (1, 3, 6):
        x = rng.normal(size=(2, 6, 3, 4)) * 2 + rng.normal(size=(2, 6, 1, 1)) * 3
        gamma, beta, dout = rng.normal(size=6), rng.normal(size=6), rng.normal(size=(2, 6, 3, 4))
        write_case("groupnorm", f"groups-{groups}",
                   f"x (2, 6, 3, 4) in {groups} group(s) of {6 // groups} channel(s)",
                   dict(eps=eps, groups=groups),
                   dict(x=x, gamma=gamma, beta=beta, dout=dout),
                   groupnorm(x, gamma, beta, dout, groups, eps))


if __name__ == "__main__":
    main()
