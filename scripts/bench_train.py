#!/usr/bin/env python3
"""Times one training step of the course's five-layer net, written as the course's
numpy code writes it, in the format of `train-bench`.

    python3 scripts/bench_train.py [rounds] [steps]

The step: 3072 -> 100 x4 -> 10, batch 200, float64; affine - batch norm - ReLU -
dropout (keep 0.5) per hidden layer, affine, softmax loss, L2 1e-3; Adam on every
parameter. Forward, backward and update, as `layers.py` / `fc_net.py` / `optim.py`
of CS231n assignment 2 write them (a layer at a time, caches in tuples, the batch-norm
backward of the computational graph's closed form). Each round times `steps` steps;
the figure is the best round's time per step.

Unset OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE for this command only (docs/performance.md
says why); the BLAS numpy uses, and the kernel it picked, are printed first.
"""

import sys
import time

import numpy as np


def affine_forward(x, w, b):
    out = x.reshape(x.shape[0], -1).dot(w) + b
    return out, (x, w, b)


def affine_backward(dout, cache):
    x, w, b = cache
    dx = dout.dot(w.T).reshape(x.shape)
    dw = x.reshape(x.shape[0], -1).T.dot(dout)
    db = np.sum(dout, axis=0)
    return dx, dw, db


def relu_forward(x):
    return np.maximum(0, x), x


def relu_backward(dout, cache):
    return dout * (cache > 0)


def batchnorm_forward(x, gamma, beta, bn_param):
    eps, momentum = bn_param.get("eps", 1e-5), bn_param.get("momentum", 0.9)
    n, d = x.shape
    running_mean = bn_param.get("running_mean", np.zeros(d))
    running_var = bn_param.get("running_var", np.zeros(d))
    mu = x.mean(axis=0)
    var = x.var(axis=0)
    std = np.sqrt(var + eps)
    x_hat = (x - mu) / std
    out = gamma * x_hat + beta
    bn_param["running_mean"] = momentum * running_mean + (1 - momentum) * mu
    bn_param["running_var"] = momentum * running_var + (1 - momentum) * var
    return out, (x_hat, gamma, std)


def batchnorm_backward(dout, cache):
    x_hat, gamma, std = cache
    n = dout.shape[0]
    dgamma = np.sum(dout * x_hat, axis=0)
    dbeta = np.sum(dout, axis=0)
    dx_hat = dout * gamma
    dx = (n * dx_hat - np.sum(dx_hat, axis=0) - x_hat * np.sum(dx_hat * x_hat, axis=0)) / (n * std)
    return dx, dgamma, dbeta


def dropout_forward(x, p):
    mask = (np.random.rand(*x.shape) < p) / p
    return x * mask, mask


def dropout_backward(dout, mask):
    return dout * mask


def softmax_loss(x, y):
    shifted = x - np.max(x, axis=1, keepdims=True)
    z = np.sum(np.exp(shifted), axis=1, keepdims=True)
    log_probs = shifted - np.log(z)
    probs = np.exp(log_probs)
    n = x.shape[0]
    loss = -np.sum(log_probs[np.arange(n), y]) / n
    dx = probs.copy()
    dx[np.arange(n), y] -= 1
    dx /= n
    return loss, dx


def adam(w, dw, config):
    config["t"] += 1
    config["m"] = config["beta1"] * config["m"] + (1 - config["beta1"]) * dw
    config["v"] = config["beta2"] * config["v"] + (1 - config["beta2"]) * (dw * dw)
    mt = config["m"] / (1 - config["beta1"] ** config["t"])
    vt = config["v"] / (1 - config["beta2"] ** config["t"])
    return w - config["learning_rate"] * mt / (np.sqrt(vt) + config["epsilon"]), config


class FullyConnectedNet:
    def __init__(self, dims, reg, keep, rng):
        self.reg, self.keep = reg, keep
        self.layers = len(dims) - 1
        self.params = {}
        for i in range(self.layers):
            self.params[f"W{i + 1}"] = 1e-2 * rng.standard_normal((dims[i], dims[i + 1]))
            self.params[f"b{i + 1}"] = np.zeros(dims[i + 1])
            if i < self.layers - 1:
                self.params[f"gamma{i + 1}"] = np.ones(dims[i + 1])
                self.params[f"beta{i + 1}"] = np.zeros(dims[i + 1])
        self.bn_params = [{"mode": "train"} for _ in range(self.layers - 1)]

    def loss(self, x, y):
        caches = []
        h = x
        for i in range(1, self.layers):
            a, fc = affine_forward(h, self.params[f"W{i}"], self.params[f"b{i}"])
            bn, bc = batchnorm_forward(a, self.params[f"gamma{i}"], self.params[f"beta{i}"],
                                       self.bn_params[i - 1])
            r, rc = relu_forward(bn)
            h, dc = dropout_forward(r, self.keep)
            caches.append((fc, bc, rc, dc))
        scores, oc = affine_forward(h, self.params[f"W{self.layers}"], self.params[f"b{self.layers}"])
        loss, dscores = softmax_loss(scores, y)
        grads = {}
        dh, grads[f"W{self.layers}"], grads[f"b{self.layers}"] = affine_backward(dscores, oc)
        for i in range(self.layers - 1, 0, -1):
            fc, bc, rc, dc = caches[i - 1]
            dh = dropout_backward(dh, dc)
            dh = relu_backward(dh, rc)
            dh, grads[f"gamma{i}"], grads[f"beta{i}"] = batchnorm_backward(dh, bc)
            dh, grads[f"W{i}"], grads[f"b{i}"] = affine_backward(dh, fc)
        for i in range(1, self.layers + 1):
            w = self.params[f"W{i}"]
            loss += 0.5 * self.reg * np.sum(w * w)
            grads[f"W{i}"] += self.reg * w
        return loss, grads


def blas_description():
    try:
        from threadpoolctl import threadpool_info  # optional; numpy does not need it
        infos = [f"{i['internal_api']} {i['version']} {i.get('architecture', '?')} "
                 f"{i['num_threads']} threads" for i in threadpool_info()]
        if infos:
            return "; ".join(infos)
    except ImportError:
        pass
    config = np.show_config(mode="dicts")
    blas = config.get("Build Dependencies", {}).get("blas", {})
    return f"{blas.get('name', '?')} {blas.get('version', '?')}"


def time_training(net, x, y, label, rounds, steps):
    """Times `steps` training steps of `net` per round, `rounds` rounds, and prints numpy
    and its BLAS, then the best round's time per step after `label`, in the format
    `train-bench` reads.

    A step is the course's Solver step: `net.loss(x, y)` (forward and backward), then
    `adam` of optim.py on every parameter, learning rate 1e-3.
    """
    configs = {name: {"learning_rate": 1e-3, "beta1": 0.9, "beta2": 0.999, "epsilon": 1e-8,
                      "m": np.zeros_like(p), "v": np.zeros_like(p), "t": 0}
               for name, p in net.params.items()}

    def step():
        loss, grads = net.loss(x, y)
        for name in net.params:
            net.params[name], configs[name] = adam(net.params[name], grads[name], configs[name])
        return loss

    print(f"numpy {np.__version__}, BLAS: {blas_description()}")
    step()  # warm up: first-touch of every buffer
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        for _ in range(steps):
            step()
        best = min(best, (time.perf_counter() - start) / steps)
    print(f"{label:<32}{best * 1e3:8.2f} ms per step "
          f"(best of {rounds} rounds x {steps} steps)")


def main():
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    steps = int(sys.argv[2]) if len(sys.argv) > 2 else 20
    rng = np.random.default_rng(0)
    np.random.seed(0)
    x = rng.standard_normal((200, 3072))
    y = rng.integers(0, 10, size=200)
    net = FullyConnectedNet([3072, 100, 100, 100, 100, 10], reg=1e-3, keep=0.5, rng=rng)
    time_training(net, x, y, "numpy course-style step", rounds, steps)


if __name__ == "__main__":
    main()
