#!/usr/bin/env python3
"""Times the course's fast convolution and max-pooling layers in numpy, in the format
of `tensorkit-bench conv`.

    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE python3 scripts/bench_conv.py [repetitions]

The layers as CS231n's `im2col.py` / `fast_layers.py` write them without their Cython
extension: `conv_forward_im2col` / `conv_backward_im2col` on `im2col_indices` /
`col2im_indices` (fancy indexing and `np.add.at`), `conv_forward_strides` (an
`as_strided` view and one `np.dot`, the course's fastest forward), and
`max_pool_forward_reshape` / `max_pool_backward_reshape` (windows that tile the image).
Each figure is the best of the repetitions, float64.

Unset OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE for this command only (docs/performance.md
says why); the BLAS numpy uses is printed first.
"""

import sys
import time

import numpy as np
from numpy.lib.stride_tricks import as_strided

from bench_train import blas_description  # this folder is on sys.path when run as a script


def get_im2col_indices(x_shape, field_height, field_width, padding=1, stride=1):
    n, c, h, w = x_shape
    assert (h + 2 * padding - field_height) % stride == 0
    assert (w + 2 * padding - field_width) % stride == 0
    out_height = (h + 2 * padding - field_height) // stride + 1
    out_width = (w + 2 * padding - field_width) // stride + 1
    i0 = np.tile(np.repeat(np.arange(field_height), field_width), c)
    i1 = stride * np.repeat(np.arange(out_height), out_width)
    j0 = np.tile(np.arange(field_width), field_height * c)
    j1 = stride * np.tile(np.arange(out_width), out_height)
    i = i0.reshape(-1, 1) + i1.reshape(1, -1)
    j = j0.reshape(-1, 1) + j1.reshape(1, -1)
    k = np.repeat(np.arange(c), field_height * field_width).reshape(-1, 1)
    return k, i, j


def im2col_indices(x, field_height, field_width, padding=1, stride=1):
    p = padding
    x_padded = np.pad(x, ((0, 0), (0, 0), (p, p), (p, p)), mode="constant")
    k, i, j = get_im2col_indices(x.shape, field_height, field_width, padding, stride)
    cols = x_padded[:, k, i, j]
    c = x.shape[1]
    return cols.transpose(1, 2, 0).reshape(field_height * field_width * c, -1)


def col2im_indices(cols, x_shape, field_height, field_width, padding=1, stride=1):
    n, c, h, w = x_shape
    h_padded, w_padded = h + 2 * padding, w + 2 * padding
    x_padded = np.zeros((n, c, h_padded, w_padded), dtype=cols.dtype)
    k, i, j = get_im2col_indices(x_shape, field_height, field_width, padding, stride)
    cols_reshaped = cols.reshape(c * field_height * field_width, -1, n).transpose(2, 0, 1)
    np.add.at(x_padded, (slice(None), k, i, j), cols_reshaped)
    if padding == 0:
        return x_padded
    return x_padded[:, :, padding:-padding, padding:-padding]


def conv_forward_im2col(x, w, b, stride, pad):
    n, c, h, wd = x.shape
    f, _, hh, ww = w.shape
    out_height = (h + 2 * pad - hh) // stride + 1
    out_width = (wd + 2 * pad - ww) // stride + 1
    x_cols = im2col_indices(x, hh, ww, pad, stride)
    res = w.reshape((f, -1)).dot(x_cols) + b.reshape(-1, 1)
    out = res.reshape(f, out_height, out_width, n).transpose(3, 0, 1, 2)
    return out, (x, w, b, stride, pad, x_cols)


def conv_backward_im2col(dout, cache):
    x, w, b, stride, pad, x_cols = cache
    db = np.sum(dout, axis=(0, 2, 3))
    f, _, hh, ww = w.shape
    dout_reshaped = dout.transpose(1, 2, 3, 0).reshape(f, -1)
    dw = dout_reshaped.dot(x_cols.T).reshape(w.shape)
    dx_cols = w.reshape(f, -1).T.dot(dout_reshaped)
    dx = col2im_indices(dx_cols, x.shape, hh, ww, pad, stride)
    return dx, dw, db


def conv_forward_strides(x, w, b, stride, pad):
    n, c, h, wd = x.shape
    f, _, hh, ww = w.shape
    p = pad
    x_padded = np.pad(x, ((0, 0), (0, 0), (p, p), (p, p)), mode="constant")
    h += 2 * pad
    wd += 2 * pad
    out_h = (h - hh) // stride + 1
    out_w = (wd - ww) // stride + 1
    shape = (c, hh, ww, n, out_h, out_w)
    strides = (h * wd, wd, 1, c * h * wd, stride * wd, stride)
    strides = x.itemsize * np.array(strides)
    x_stride = as_strided(x_padded, shape=shape, strides=strides)
    x_cols = np.ascontiguousarray(x_stride)
    x_cols.shape = (c * hh * ww, n * out_h * out_w)
    res = w.reshape(f, -1).dot(x_cols) + b.reshape(-1, 1)
    res.shape = (f, n, out_h, out_w)
    out = res.transpose(1, 0, 2, 3)
    return np.ascontiguousarray(out), (x, w, b, stride, pad, x_cols)


def max_pool_forward_reshape(x, pool_height, pool_width, stride):
    n, c, h, w = x.shape
    assert pool_height == pool_width == stride, "Invalid pool params"
    assert h % pool_height == 0 and w % pool_height == 0
    x_reshaped = x.reshape(n, c, h // pool_height, pool_height, w // pool_width, pool_width)
    out = x_reshaped.max(axis=3).max(axis=4)
    return out, (x, x_reshaped, out)


def max_pool_backward_reshape(dout, cache):
    x, x_reshaped, out = cache
    dx_reshaped = np.zeros_like(x_reshaped)
    out_newaxis = out[:, :, :, np.newaxis, :, np.newaxis]
    mask = x_reshaped == out_newaxis
    dout_newaxis = dout[:, :, :, np.newaxis, :, np.newaxis]
    dout_broadcast, _ = np.broadcast_arrays(dout_newaxis, dx_reshaped)
    dx_reshaped[mask] = dout_broadcast[mask]
    dx_reshaped /= np.sum(mask, axis=(3, 5), keepdims=True)
    return dx_reshaped.reshape(x.shape)


def best_ms(run, repetitions):
    run()  # warm up: first touch of every buffer
    best = float("inf")
    for _ in range(repetitions):
        start = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - start)
    return best * 1e3


def main():
    repetitions = int(sys.argv[1]) if len(sys.argv) > 1 else 10
    rng = np.random.default_rng(0)
    print(f"numpy {np.__version__}, BLAS: {blas_description()}, best of {repetitions}")
    convolutions = [
        ("conv x(50,3,32,32) w(32,3,7,7) p3", (50, 3, 32, 32), (32, 3, 7, 7), 1, 3),
        ("conv x(100,1,8,8) w(32,1,3,3) p1", (100, 1, 8, 8), (32, 1, 3, 3), 1, 1),
    ]
    for name, x_shape, w_shape, stride, pad in convolutions:
        x, w = rng.standard_normal(x_shape), rng.standard_normal(w_shape)
        b = rng.standard_normal(w_shape[0])
        out, cache = conv_forward_im2col(x, w, b, stride, pad)
        dout = rng.standard_normal(out.shape)
        forward = best_ms(lambda: conv_forward_im2col(x, w, b, stride, pad), repetitions)
        strides = best_ms(lambda: conv_forward_strides(x, w, b, stride, pad), repetitions)
        backward = best_ms(lambda: conv_backward_im2col(dout, cache), repetitions)
        print(f"{name:<40}forward {forward:8.2f} ms (strides {strides:.2f} ms)  backward {backward:8.2f} ms")
    pools = [("pool x(50,32,32,32) 2x2 s2", (50, 32, 32, 32)), ("pool x(100,32,8,8) 2x2 s2", (100, 32, 8, 8))]
    for name, x_shape in pools:
        x = rng.standard_normal(x_shape)
        out, cache = max_pool_forward_reshape(x, 2, 2, 2)
        dout = rng.standard_normal(out.shape)
        forward = best_ms(lambda: max_pool_forward_reshape(x, 2, 2, 2), repetitions)
        backward = best_ms(lambda: max_pool_backward_reshape(dout, cache), repetitions)
        print(f"{name:<40}forward {forward:8.2f} ms  backward {backward:8.2f} ms")


if __name__ == "__main__":
    main()
