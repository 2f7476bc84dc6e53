#!/usr/bin/env python3
"""An independent NumPy reference for the `two-layer-net` exercise, and the fixtures
that Tests/SolutionsTests compares Sources/Solutions/TwoLayerNet.swift against.

affine – ReLU – affine – softmax, with L2 regularization ½·reg·(Σ W1² + Σ W2²),
written here from the definitions without looking at the Swift code. The inputs and
parameters are chosen so that no hidden unit sits near ReLU's kink, where a numeric
gradient would be meaningless.

Written to Tests/SolutionsTests/Data/two-layer-net/<case>/: x, labels (int64), W1, b1,
W2, b2, scores, loss (0-d), dW1, db1, dW2, db2 as .npy, and manifest.json with reg.

Run from anywhere:   python3 scripts/reference/two_layer_net.py
"""

import json
import pathlib
import shutil

import numpy as np

ROOT = pathlib.Path(__file__).resolve().parents[2]
OUT = ROOT / "Tests" / "SolutionsTests" / "Data" / "two-layer-net"


def two_layer_net(x, labels, p, reg):
    n = x.shape[0]
    a = x @ p["W1"] + p["b1"]
    assert np.all(np.abs(a) > 1e-3), "a hidden unit is too close to ReLU's kink"
    h = np.maximum(a, 0)
    scores = h @ p["W2"] + p["b2"]

    shifted = scores - scores.max(axis=1, keepdims=True)
    probabilities = np.exp(shifted) / np.exp(shifted).sum(axis=1, keepdims=True)
    loss = -np.log(probabilities[np.arange(n), labels]).mean()
    loss += 0.5 * reg * ((p["W1"] ** 2).sum() + (p["W2"] ** 2).sum())

    dscores = probabilities.copy()
    dscores[np.arange(n), labels] -= 1
    dscores /= n
    grads = {"dW2": h.T @ dscores + reg * p["W2"], "db2": dscores.sum(axis=0)}
    da = (dscores @ p["W2"].T) * (a > 0)
    grads.update({"dW1": x.T @ da + reg * p["W1"], "db1": da.sum(axis=0)})
    return scores, loss, grads


def main():
    n, d, h, c = 5, 4, 10, 3
    rng = np.random.default_rng(3)
    x = rng.normal(size=(n, d))
    labels = rng.integers(0, c, size=n)
    params = {"W1": rng.normal(scale=0.5, size=(d, h)), "b1": rng.normal(scale=0.1, size=h),
              "W2": rng.normal(scale=0.5, size=(h, c)), "b2": rng.normal(scale=0.1, size=c)}

    shutil.rmtree(OUT, ignore_errors=True)
    for case, reg in [("reg-0", 0.0), ("reg-0.1", 0.1)]:
        scores, loss, grads = two_layer_net(x, labels, params, reg)
        folder = OUT / case
        folder.mkdir(parents=True)
        arrays = dict(x=x, scores=scores, loss=np.float64(loss), **params, **grads)
        for key, value in arrays.items():
            np.save(folder / f"{key}.npy", np.asarray(value, dtype=np.float64))
        np.save(folder / "labels.npy", labels.astype(np.int64))
        manifest = {
            "exercise": "two-layer-net", "case": case,
            "description": f"N={n}, D={d}, H={h}, C={c}; fixed parameters; reg {reg}",
            "parameters": {"reg": reg},
            "inputs": ["W1", "W2", "b1", "b2", "labels", "x"],
            "outputs": ["dW1", "dW2", "db1", "db2", "loss", "scores"],
        }
        (folder / "manifest.json").write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n")
        print(f"{case}: loss = {loss!r}")


if __name__ == "__main__":
    main()
