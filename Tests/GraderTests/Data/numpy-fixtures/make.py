#!/usr/bin/env python3
"""A fixture set made by NumPy, not by the Swift reference: the public inputs of the
cases of ReLU's backward check, of AdaGrad, RMSProp and Adam, and of the ConvNet, with
expected values computed here (ReLU by its definition, the update
rules by scripts/reference/optimizers.py, the ConvNet by scripts/reference/convnet.py). Tests/GraderTests grade the reference
against it, so these public cases' expected values are checked by an outside
implementation.

Laid out as a hidden set: numpy-fixtures/<exercise>/<case>/ (docs/fixtures.md).
Run from the package root after `grader fixtures`:
    python3 Tests/GraderTests/Data/numpy-fixtures/make.py
"""
import json
import pathlib
import shutil
import sys

import numpy as np

ROOT = pathlib.Path(__file__).resolve().parents[4]
sys.path.insert(0, str(ROOT / "scripts" / "reference"))
import convnet  # noqa: E402
import optimizers  # noqa: E402

OUT = pathlib.Path(__file__).resolve().parent
RULES = {"adagrad": optimizers.adagrad, "rmsprop": optimizers.rmsprop, "adam": optimizers.adam}


def copy_case(folder, exercise, case):
    source = ROOT / "assignments" / folder / "fixtures" / case
    target = OUT / exercise / case
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    manifest = json.loads((source / "manifest.json").read_text())
    inputs = {name: np.load(source / file) for name, file in manifest["inputs"].items()}
    for file in manifest["inputs"].values():
        shutil.copy(source / file, target / file)
    return manifest, inputs, target


def write(manifest, target, tensors, numbers):
    manifest["expected"] = {}
    for name, value in tensors.items():
        np.save(target / f"expected-{name}.npy", np.asarray(value, dtype=np.float64))
        manifest["expected"][name] = f"expected-{name}.npy"
    manifest["expectedNumbers"] = numbers
    (target / "manifest.json").write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n")


def relu(case):
    manifest, inputs, target = copy_case("02-relu", "relu", case)
    # The course's convention: dx = dout * (x > 0), so 0 where x is exactly 0.
    write(manifest, target, {"dx": inputs["dout"] * (inputs["x"] > 0)}, {})


def update_rule(rule, case):
    manifest, inputs, target = copy_case("04-optimizers", "optimizers", f"{rule}-{case}")
    state = dict(manifest["numbers"])
    state.update({name: inputs[name] for name in ("cache", "m", "v") if name in inputs})
    w = inputs["w"]
    for dw in inputs["dw"]:
        w = RULES[rule](w, dw, state)
    accumulators = {name: state[name] for name in ("cache", "m", "v") if name in state}
    write(manifest, target, {"w": w, **accumulators},
          {"t": float(state["t"])} if "t" in manifest["expectedNumbers"] else {})


def convnet_case(case):
    manifest, inputs, target = copy_case("11-convnet", "convnet", case)
    config = json.loads(manifest["strings"]["configuration"])
    params = {name[len("param."):]: value for name, value in inputs.items() if name.startswith("param.")}
    states = [{key: inputs[f"bn{i}.running{name}"] for key, name in (("mean", "Mean"), ("var", "Variance"))
               if f"bn{i}.running{name}" in inputs} for i in range(len(config["filters"]))]
    if manifest["call"] == "convnet.scores":
        write(manifest, target, {"scores": convnet.scores(config, params, inputs["x"], states)}, {})
        return
    loss, grads, states = convnet.loss(config, params, inputs["x"], inputs["labels"].astype(int), states)
    tensors = {f"grad.{name}": value for name, value in grads.items()}
    for i, state in enumerate(states):
        tensors[f"bn{i}.runningMean"], tensors[f"bn{i}.runningVariance"] = state["mean"], state["var"]
    write(manifest, target, tensors, {"loss": float(loss)})


for case in ("backward", "backward-at-zero"):
    relu(case)
for rule in RULES:
    for case in ("step", "trajectory", "small-gradients", "other-hyperparameters"):
        update_rule(rule, case)
for case in ("scores-three-layer", "loss-three-layer", "loss-three-layer-reg", "loss-deep", "loss-deep-batchnorm",
             "scores-deep-batchnorm"):
    convnet_case(case)
