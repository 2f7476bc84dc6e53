#!/usr/bin/env python3
"""Writes the reference values TensorKit's convolution and max-pooling tests compare
against (Tests/TensorKitTests/Data/Convolution).

The values come from the course's naive loops (CS231n's `conv_forward_naive`,
`conv_backward_naive`, `max_pool_forward_naive`, `max_pool_backward_naive`), written
out again here with numpy: one window at a time, nothing shared with TensorKit's im2col.
Max pooling's backward routes each window's gradient to `np.argmax` of the window, the
first maximum in row-major order. Inputs are drawn from a fixed seed; the pooling case
`ties` draws small whole numbers so that windows hold tied maxima.

Run from the package root: python3 scripts/reference/conv_reference.py
(In scripts/reference, which the student edition leaves out: since `conv` and `maxpool`
are exercises, these loops are their solution.)
For case NAME it writes NAME_x, _w, _b, _dout (inputs) and NAME_out, _dx, _dw, _db
(results; pooling has no w, b, dw, db) as float64 .npy files.
"""
import pathlib

import numpy as np

OUT = pathlib.Path(__file__).resolve().parents[2] / "Tests" / "TensorKitTests" / "Data" / "Convolution"


def conv_forward_naive(x, w, b, stride, pad):
    n, c, h, wd = x.shape
    f, _, hh, ww = w.shape
    assert (h + 2 * pad - hh) % stride == 0 and (wd + 2 * pad - ww) % stride == 0
    ho, wo = 1 + (h + 2 * pad - hh) // stride, 1 + (wd + 2 * pad - ww) // stride
    xp = np.pad(x, ((0, 0), (0, 0), (pad, pad), (pad, pad)), mode="constant")
    out = np.zeros((n, f, ho, wo))
    for i in range(n):
        for k in range(f):
            for r in range(ho):
                for s in range(wo):
                    window = xp[i, :, r * stride:r * stride + hh, s * stride:s * stride + ww]
                    out[i, k, r, s] = np.sum(window * w[k]) + b[k]
    return out


def conv_backward_naive(dout, x, w, stride, pad):
    n, c, h, wd = x.shape
    f, _, hh, ww = w.shape
    _, _, ho, wo = dout.shape
    xp = np.pad(x, ((0, 0), (0, 0), (pad, pad), (pad, pad)), mode="constant")
    dxp = np.zeros_like(xp)
    dw = np.zeros_like(w)
    db = np.sum(dout, axis=(0, 2, 3))
    for i in range(n):
        for k in range(f):
            for r in range(ho):
                for s in range(wo):
                    rows = slice(r * stride, r * stride + hh)
                    cols = slice(s * stride, s * stride + ww)
                    dw[k] += xp[i, :, rows, cols] * dout[i, k, r, s]
                    dxp[i, :, rows, cols] += w[k] * dout[i, k, r, s]
    return dxp[:, :, pad:pad + h, pad:pad + wd], dw, db


def max_pool_forward_naive(x, ph, pw, stride):
    n, c, h, wd = x.shape
    ho, wo = 1 + (h - ph) // stride, 1 + (wd - pw) // stride
    out = np.zeros((n, c, ho, wo))
    for i in range(n):
        for k in range(c):
            for r in range(ho):
                for s in range(wo):
                    out[i, k, r, s] = np.max(x[i, k, r * stride:r * stride + ph, s * stride:s * stride + pw])
    return out


def max_pool_backward_naive(dout, x, ph, pw, stride):
    _, _, ho, wo = dout.shape
    dx = np.zeros_like(x)
    for i in range(x.shape[0]):
        for k in range(x.shape[1]):
            for r in range(ho):
                for s in range(wo):
                    window = x[i, k, r * stride:r * stride + ph, s * stride:s * stride + pw]
                    a, b = np.unravel_index(np.argmax(window), window.shape)
                    dx[i, k, r * stride + a, s * stride + b] += dout[i, k, r, s]
    return dx


def save(name, **arrays):
    for key, array in arrays.items():
        np.save(OUT / f"{name}_{key}.npy", np.ascontiguousarray(array, dtype="<f8"))
    print(name, {key: array.shape for key, array in arrays.items()})


def conv_case(rng, name, x_shape, w_shape, stride, pad):
    x = rng.standard_normal(x_shape)
    w = rng.standard_normal(w_shape)
    b = rng.standard_normal(w_shape[0])
    out = conv_forward_naive(x, w, b, stride, pad)
    dout = rng.standard_normal(out.shape)
    dx, dw, db = conv_backward_naive(dout, x, w, stride, pad)
    save(name, x=x, w=w, b=b, dout=dout, out=out, dx=dx, dw=dw, db=db)


def pool_case(rng, name, x, ph, pw, stride):
    out = max_pool_forward_naive(x, ph, pw, stride)
    dout = rng.standard_normal(out.shape)
    dx = max_pool_backward_naive(dout, x, ph, pw, stride)
    save(name, x=x, dout=dout, out=out, dx=dx)


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(231)
    # The course's own check: x (2, 3, 4, 4), w (3, 3, 4, 4), stride 2, pad 1.
    conv_case(rng, "conv_course", (2, 3, 4, 4), (3, 3, 4, 4), stride=2, pad=1)
    conv_case(rng, "conv_rectangular", (1, 1, 5, 7), (2, 1, 3, 2), stride=1, pad=0)
    conv_case(rng, "conv_stride2_pad2", (3, 2, 7, 5), (4, 2, 3, 3), stride=2, pad=2)
    pool_case(rng, "pool_course", rng.standard_normal((2, 3, 4, 4)), 2, 2, stride=2)
    pool_case(rng, "pool_overlapping", rng.standard_normal((1, 2, 5, 7)), 3, 2, stride=2)
    pool_case(rng, "pool_ties", rng.integers(0, 3, size=(2, 2, 5, 5)).astype("f8"), 2, 2, stride=1)


if __name__ == "__main__":
    main()
