#!/usr/bin/env python3
"""An independent NumPy ConvNet: the network of exercise `convnet` (handout 13), written
from the handout with the course's naive layers (scripts/reference/conv_reference.py's
`conv_forward_naive`, `max_pool_forward_naive` and their backward passes, one window at
a time), spatial batch norm and the softmax loss written out here; nothing shared with
the Swift reference or TensorKit.

`loss(config, params, x, labels, states)` and `scores(config, params, x, states)` take
a configuration as the fixtures' manifests carry it (JSON of ConvNetConfiguration).
Tests/GraderTests/Data/numpy-fixtures/make.py uses them to recompute the public
`convnet` cases.
"""
import numpy as np

from conv_reference import (conv_backward_naive, conv_forward_naive,  # noqa: E402
                            max_pool_backward_naive, max_pool_forward_naive)

EPS, MOMENTUM = 1e-5, 0.9


def spatial_batchnorm_forward(x, gamma, beta, mode, state):
    """Per channel over (N, H, W); returns out, cache and the new state."""
    if mode == "train":
        mu = x.mean(axis=(0, 2, 3))
        var = x.var(axis=(0, 2, 3))
        c = x.shape[1]
        state = {"mean": MOMENTUM * state.get("mean", np.zeros(c)) + (1 - MOMENTUM) * mu,
                 "var": MOMENTUM * state.get("var", np.zeros(c)) + (1 - MOMENTUM) * var}
    else:
        mu, var = state.get("mean", 0.0), state.get("var", 0.0)
    inv = 1.0 / np.sqrt(var + EPS)
    xhat = (x - mu[None, :, None, None]) * inv[None, :, None, None]
    out = gamma[None, :, None, None] * xhat + beta[None, :, None, None]
    return out, (xhat, inv, gamma), state


def spatial_batchnorm_backward(dout, cache):
    """Through the batch statistics: dx = γ·r/m · (m·dout − Σdout − x̂·Σ(dout·x̂))."""
    xhat, inv, gamma = cache
    m = dout.shape[0] * dout.shape[2] * dout.shape[3]
    dbeta = dout.sum(axis=(0, 2, 3))
    dgamma = (dout * xhat).sum(axis=(0, 2, 3))
    dx = (gamma * inv)[None, :, None, None] / m * (
        m * dout - dbeta[None, :, None, None] - xhat * dgamma[None, :, None, None])
    return dx, dgamma, dbeta


def softmax_loss(scores, labels):
    shifted = scores - scores.max(axis=1, keepdims=True)
    log_probs = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
    n = scores.shape[0]
    loss = -log_probs[np.arange(n), labels].mean()
    dscores = np.exp(log_probs)
    dscores[np.arange(n), labels] -= 1
    return loss, dscores / n


def forward(config, params, x, mode, states):
    """The scores, the caches and the batch-norm states after the pass."""
    pad = (config["filterSize"] - 1) // 2
    caches, new_states, h = [], [], x
    for i in range(len(config["filters"])):
        layer = i + 1
        a = conv_forward_naive(h, params[f"W{layer}"], params[f"b{layer}"], 1, pad)
        cache = {"x": h, "a": a}
        if config["batchNorm"]:
            a, cache["bn"], state = spatial_batchnorm_forward(
                a, params[f"gamma{layer}"], params[f"beta{layer}"], mode, states[i])
            new_states.append(state)
        cache["pre_relu"] = a
        h = np.maximum(a, 0)
        if i in config["pools"]:
            cache["pool_x"] = h
            h = max_pool_forward_naive(h, 2, 2, 2)
        caches.append(cache)
    affine_count = len(config["hiddenDimensions"]) + 1
    first = len(config["filters"]) + 1
    for j in range(affine_count):
        layer = first + j
        rows = h.reshape(h.shape[0], -1)  # C order: channel, row, column
        z = rows @ params[f"W{layer}"] + params[f"b{layer}"]
        caches.append({"x": h, "rows": rows, "z": z})
        h = np.maximum(z, 0) if j < affine_count - 1 else z
    return h, caches, new_states


def scores(config, params, x, states):
    return forward(config, params, x, "test", states)[0]


def loss(config, params, x, labels, states):
    """The loss with 0.5·reg·ΣW² over every weight tensor, the gradients, the new states."""
    out, caches, new_states = forward(config, params, x, "train", states)
    data_loss, d = softmax_loss(out, labels)
    grads = {}
    convs = len(config["filters"])
    total = convs + len(config["hiddenDimensions"]) + 1
    for layer in range(total, convs, -1):
        cache = caches[layer - 1]
        if layer < total:
            d = d * (cache["z"] > 0)
        grads[f"W{layer}"] = cache["rows"].T @ d
        grads[f"b{layer}"] = d.sum(axis=0)
        d = (d @ params[f"W{layer}"].T).reshape(cache["x"].shape)
    pad = (config["filterSize"] - 1) // 2
    for layer in range(convs, 0, -1):
        cache = caches[layer - 1]
        if layer - 1 in config["pools"]:
            d = max_pool_backward_naive(d, cache["pool_x"], 2, 2, 2)
        d = d * (cache["pre_relu"] > 0)
        if config["batchNorm"]:
            d, grads[f"gamma{layer}"], grads[f"beta{layer}"] = spatial_batchnorm_backward(d, cache["bn"])
        d, grads[f"W{layer}"], grads[f"b{layer}"] = conv_backward_naive(
            d, cache["x"], params[f"W{layer}"], 1, pad)
    reg = config["reg"]
    penalty = 0.0
    for layer in range(1, total + 1):
        w = params[f"W{layer}"]
        penalty += 0.5 * reg * np.sum(w * w)
        grads[f"W{layer}"] = grads[f"W{layer}"] + reg * w
    return data_loss + penalty, grads, new_states
