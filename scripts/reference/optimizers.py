#!/usr/bin/env python3
"""Independent NumPy references for the `optimizers` exercise, and the fixtures that
Tests/SolutionsTests compares Sources/Solutions/Optimizers.swift against.

Each update rule is written here from its formula, without looking at the Swift code.
Every case runs one rule for several steps down a quadratic valley

    loss(w) = ½ Σ scale ⊙ (w − center)²,    dw = scale ⊙ (w − center),

whose curvature differs by a factor of 100 between directions, so each step's
gradient depends on where the previous steps went and a slip in any step shows up
in every later one. Accumulators start as zeros (the Swift state's `nil`).

Written to Tests/SolutionsTests/Data/optimizers/<rule>/:
  w0.npy, scale.npy, center.npy     inputs
  trajectory.npy                    (steps, *w.shape): w after each step
  <accumulator>.npy                 the rule's state after the last step
  manifest.json                     hyper-parameters, steps, file names

Run from anywhere:   python3 scripts/reference/optimizers.py
"""

import json
import pathlib
import shutil

import numpy as np

ROOT = pathlib.Path(__file__).resolve().parents[2]
OUT = ROOT / "Tests" / "SolutionsTests" / "Data" / "optimizers"
STEPS = 8


# --- The update rules: (w, dw, state) -> new w, state updated in place ------------

def sgd(w, dw, s):
    return w - s["learningRate"] * dw


def sgd_momentum(w, dw, s):
    v = s["momentum"] * s.get("velocity", np.zeros_like(w)) - s["learningRate"] * dw
    s["velocity"] = v
    return w + v


def nesterov_momentum(w, dw, s):
    v_prev = s.get("velocity", np.zeros_like(w))
    v = s["momentum"] * v_prev - s["learningRate"] * dw
    s["velocity"] = v
    return w - s["momentum"] * v_prev + (1 + s["momentum"]) * v


def adagrad(w, dw, s):
    cache = s.get("cache", np.zeros_like(w)) + dw ** 2
    s["cache"] = cache
    return w - s["learningRate"] * dw / (np.sqrt(cache) + s["eps"])


def rmsprop(w, dw, s):
    d = s["decayRate"]
    cache = d * s.get("cache", np.zeros_like(w)) + (1 - d) * dw ** 2
    s["cache"] = cache
    return w - s["learningRate"] * dw / (np.sqrt(cache) + s["eps"])


def adam(w, dw, s):
    s["t"] += 1
    b1, b2, t = s["beta1"], s["beta2"], s["t"]
    m = b1 * s.get("m", np.zeros_like(w)) + (1 - b1) * dw
    v = b2 * s.get("v", np.zeros_like(w)) + (1 - b2) * dw ** 2
    s["m"], s["v"] = m, v
    m_hat = m / (1 - b1 ** t)
    v_hat = v / (1 - b2 ** t)
    return w - s["learningRate"] * m_hat / (np.sqrt(v_hat) + s["eps"])


# name: (rule, hyper-parameters, accumulators written after the last step)
CASES = {
    "sgd": (sgd, dict(learningRate=0.15), []),
    "sgd-momentum": (sgd_momentum, dict(learningRate=0.05, momentum=0.9), ["velocity"]),
    "nesterov-momentum": (nesterov_momentum, dict(learningRate=0.05, momentum=0.9),
                          ["velocity"]),
    "adagrad": (adagrad, dict(learningRate=0.3, eps=1e-8), ["cache"]),
    "rmsprop": (rmsprop, dict(learningRate=0.02, decayRate=0.99, eps=1e-8), ["cache"]),
    "adam": (adam, dict(learningRate=0.05, beta1=0.9, beta2=0.999, eps=1e-8, t=0),
             ["m", "v"]),
}


def main():
    rng = np.random.default_rng(231)
    w0 = rng.normal(size=(4, 5))
    scale = np.logspace(-1, 1, num=20).reshape(4, 5)   # curvatures 0.1 … 10
    center = rng.normal(size=(4, 5))

    shutil.rmtree(OUT, ignore_errors=True)
    for name, (rule, parameters, accumulators) in CASES.items():
        state = dict(parameters)
        w = w0.copy()
        trajectory = []
        for _ in range(STEPS):
            w = rule(w, scale * (w - center), state)
            trajectory.append(w)

        folder = OUT / name
        folder.mkdir(parents=True)
        arrays = dict(w0=w0, scale=scale, center=center, trajectory=np.stack(trajectory))
        arrays.update({key: state[key] for key in accumulators})
        for key, value in arrays.items():
            np.save(folder / f"{key}.npy", np.asarray(value, dtype=np.float64))
        manifest = {
            "exercise": "optimizers",
            "case": name,
            "description": f"{STEPS} steps of {name} on ½ Σ scale ⊙ (w − center)², "
                           "from zero accumulators",
            "parameters": parameters,
            "steps": STEPS,
            "inputs": ["center", "scale", "w0"],
            "outputs": sorted(["trajectory"] + accumulators),
        }
        (folder / "manifest.json").write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n")
        print(f"{name}: final w[0, :3] = {w[0, :3]}")


if __name__ == "__main__":
    main()
