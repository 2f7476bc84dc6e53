#!/usr/bin/env python3
"""A fixture set made by NumPy, not by the Swift reference: the public inputs of the
cases of ReLU's backward check, of AdaGrad, RMSProp and Adam, of the fully-connected
net's batch-norm check, of dropout's seeded mask, of every case of the naive convolution
and max pooling, and of the ConvNet, with expected values computed here (ReLU by its
definition, the update rules by scripts/reference/optimizers.py, the net's scores by
`fc_net_scores` below, its training steps by `fc_net_loss` below on the layers of
scripts/reference/layers.py and losses.py, the mask by the handout's recipe with
scripts/seeded_generator_reference.py's generator, convolution and pooling by the course's
naive loops in scripts/reference/conv_reference.py, which share nothing with the Swift
code, the ConvNet by scripts/reference/convnet.py on those loops). Tests/GraderTests grade
the reference against it, so these public cases' expected values are checked by an
outside implementation.

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
sys.path.insert(0, str(ROOT / "scripts"))
import conv_reference  # noqa: E402
import convnet  # noqa: E402
import layers  # noqa: E402
import losses  # noqa: E402
import optimizers  # noqa: E402
from seeded_generator_reference import Xoshiro256StarStar  # noqa: E402

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


def fc_net_scores(case):
    """Test mode: affine → batch norm with the running statistics (zeros when the case
    carries none: a net never trained) → ReLU per hidden layer, then the last affine."""
    manifest, inputs, target = copy_case("05-fc-net", "fc-net", case)
    configuration = json.loads(manifest["strings"]["configuration"])
    eps = 1e-5  # BatchNormState's default: the configuration does not set it
    layers = len(configuration["hiddenDimensions"]) + 1
    h = inputs["x"]
    for i in range(1, layers + 1):
        h = h @ inputs[f"param.W{i}"] + inputs[f"param.b{i}"]
        if i == layers:
            break
        width = h.shape[1]
        mean = inputs.get(f"bn{i - 1}.runningMean", np.zeros(width))
        var = inputs.get(f"bn{i - 1}.runningVariance", np.zeros(width))
        h = (h - mean) / np.sqrt(var + eps) * inputs[f"param.gamma{i}"] + inputs[f"param.beta{i}"]
        h = np.maximum(h, 0)
    write(manifest, target, {"scores": h}, {})


def fc_net_loss(case):
    """Train mode with batch norm: affine → batch norm → ReLU per hidden layer, then the
    last affine, the softmax loss plus 0.5·reg·ΣW², and the backward pass. Each layer of
    layers.py computes its forward and backward at once, so the forward pass hands it
    zeros for dout and the backward pass calls it again on the same inputs. Batch norm
    updates the running statistics the case carries (zeros when it carries none)."""
    manifest, inputs, target = copy_case("05-fc-net", "fc-net", case)
    configuration = json.loads(manifest["strings"]["configuration"])
    assert configuration["normalization"] == "batchnorm" and configuration["keepProbability"] == 1
    eps, momentum = 1e-5, 0.9  # BatchNormState's defaults: the configuration sets neither
    count = len(configuration["hiddenDimensions"]) + 1
    params = {name[len("param."):]: value for name, value in inputs.items() if name.startswith("param.")}
    tensors, affine_inputs, normalized_inputs, relu_inputs = {}, [], [], []
    h = inputs["x"]
    for i in range(1, count + 1):
        affine_inputs.append(h)
        zeros = np.zeros((h.shape[0], params[f"W{i}"].shape[1]))
        h = layers.affine(h, params[f"W{i}"], params[f"b{i}"], zeros)["out"]
        if i == count:
            break
        width = h.shape[1]
        normalized_inputs.append(h)
        bn = layers.batchnorm_train(h, params[f"gamma{i}"], params[f"beta{i}"], zeros, eps, momentum,
                                    inputs.get(f"bn{i - 1}.runningMean", np.zeros(width)),
                                    inputs.get(f"bn{i - 1}.runningVariance", np.zeros(width)))
        tensors[f"bn{i - 1}.runningMean"] = bn["runningMeanAfter"]
        tensors[f"bn{i - 1}.runningVariance"] = bn["runningVarianceAfter"]
        relu_inputs.append(bn["out"])
        h = np.maximum(bn["out"], 0)
    loss, d = losses.softmax_loss(h, inputs["labels"].astype(int))
    reg = configuration["reg"]
    for i in range(count, 0, -1):
        if i < count:
            d = layers.relu(relu_inputs[i - 1], d)["dx"]
            width = d.shape[1]
            bn = layers.batchnorm_train(normalized_inputs[i - 1], params[f"gamma{i}"], params[f"beta{i}"], d,
                                        eps, momentum, np.zeros(width), np.zeros(width))
            tensors[f"grad.gamma{i}"], tensors[f"grad.beta{i}"], d = bn["dgamma"], bn["dbeta"], bn["dx"]
        w = params[f"W{i}"]
        affine = layers.affine(affine_inputs[i - 1], w, params[f"b{i}"], d)
        tensors[f"grad.W{i}"], tensors[f"grad.b{i}"], d = affine["dw"] + reg * w, affine["db"], affine["dx"]
        loss += 0.5 * reg * np.sum(w * w)
    write(manifest, target, tensors, {"loss": float(loss)})


def dropout_mask(case):
    """Handout 08: one uniform draw per element, in C order, from the generator seeded
    with the case's seed; keep where below p, and divide the kept ones by p."""
    manifest, inputs, target = copy_case("08-dropout", "dropout", case)
    p, seed = manifest["numbers"]["keepProbability"], int(manifest["numbers"]["seed"])
    generator = Xoshiro256StarStar(seed)
    x = inputs["x"]
    u = np.array([generator.uniform() for _ in range(x.size)]).reshape(x.shape)
    write(manifest, target, {"out": np.where(u < p, x / p, 0.0)}, {})


def conv(case):
    manifest, inputs, target = copy_case("11-conv", "conv", case)
    x, w, b = inputs["x"], inputs["w"], inputs["b"]
    stride, pad = int(manifest["numbers"]["stride"]), int(manifest["numbers"]["padding"])
    out = conv_reference.conv_forward_naive(x, w, b, stride, pad)
    if "dout" not in inputs:
        write(manifest, target, {"out": out}, {})
        return
    dx, dw, db = conv_reference.conv_backward_naive(inputs["dout"], x, w, stride, pad)
    write(manifest, target, {"dx": dx, "dw": dw, "db": db}, {})


def maxpool(case):
    manifest, inputs, target = copy_case("12-maxpool", "maxpool", case)
    numbers = manifest["numbers"]
    window = (int(numbers["poolHeight"]), int(numbers["poolWidth"]), int(numbers["stride"]))
    x = inputs["x"]
    if "dout" not in inputs:
        write(manifest, target, {"out": conv_reference.max_pool_forward_naive(x, *window)}, {})
        return
    # np.argmax of each window: the gradient goes to the first maximum, row by row.
    write(manifest, target, {"dx": conv_reference.max_pool_backward_naive(inputs["dout"], x, *window)}, {})


def convnet_case(case):
    manifest, inputs, target = copy_case("13-convnet", "convnet", case)
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
for case in ("scores-batchnorm", "scores-batchnorm-untrained"):
    fc_net_scores(case)
for case in ("loss-batchnorm", "loss-batchnorm-trained"):
    fc_net_loss(case)
dropout_mask("train-forward")
for case in ("forward", "forward-rectangular", "forward-strided", "backward", "backward-strided"):
    conv(case)
for case in ("forward", "forward-overlapping", "backward", "backward-overlapping", "backward-ties"):
    maxpool(case)
for case in ("scores-three-layer", "loss-three-layer", "loss-three-layer-reg", "loss-deep", "loss-deep-batchnorm",
             "loss-deep-batchnorm-trained", "scores-deep-batchnorm"):
    convnet_case(case)
