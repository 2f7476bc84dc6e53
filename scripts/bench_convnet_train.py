#!/usr/bin/env python3
"""Times one training step of the course's three-layer ConvNet, written as the course's
numpy code writes it, in the format of `train-bench convnet`.

    python3 scripts/bench_convnet_train.py [rounds] [steps] [--strides]

The network: `ThreeLayerConvNet` of cnn.py as CS231n assignment 2 defines it, on CIFAR-10
shaped input: x (50, 3, 32, 32); conv of 32 filters 7x7, stride 1, padding 3 - ReLU -
2x2 max pool, stride 2 - affine 8192 -> 100 - ReLU - affine 100 -> 10 - softmax loss;
L2 1e-3 on W1, W2, W3; weights drawn with standard deviation 1e-3, zero biases. Float64
(the course's ThreeLayerConvNet defaults to float32; TensorKit computes in Double, so
both sides here are float64). Then `adam` of optim.py, learning rate 1e-3, on every
parameter, as the Solver does it.

The layers as layer_utils.py sandwiches them (`conv_relu_pool_forward/backward`,
`affine_relu_forward/backward`), on the course's fast layers without their Cython
extension (scripts/bench_conv.py):

- convolution: `conv_forward_im2col` / `conv_backward_im2col` of fast_layers.py on
  `im2col_indices` / `col2im_indices` of im2col.py (fancy indexing, `np.add.at`);
- max pooling: `max_pool_forward_reshape` / `max_pool_backward_reshape`, which the
  course's `max_pool_forward_fast` picks when the windows tile the image (2x2 stride 2
  on 32x32 does).

Why im2col and not `conv_forward_strides` (what the course's `conv_forward_fast` is, and
alone the course's fastest forward without Cython: 14-17 ms against im2col's 14-20 ms at
this shape on the AMD EPYC of docs/performance.md): the whole step is faster with im2col
(123-140 against 152-165 ms there, alternating). `conv_forward_im2col` returns its output
as a transposed view whose images are the innermost axis in memory, and numpy's reshape
max pooling reduces that layout about ten times faster than the contiguous output of
`conv_forward_strides` (forward 1.4 against 17 ms, backward 21 against 31 ms); and the
course's `conv_backward_strides` needs the Cython `col2im_6d_cython` for dx.

`--strides` runs that variant instead: `conv_forward_strides`, then dw and db as
`conv_backward_strides` computes them and dx as `conv_backward_im2col` does
(`col2im_indices`, which wants the columns in im2col's order: dout is transposed once
for each). Each round times `steps` steps; the figure is the best round's time per step.

Unset OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE for this command only (docs/performance.md
says why); the BLAS numpy uses is printed first.
"""

import sys

import numpy as np

# This folder is on sys.path when run as a script.
from bench_conv import (col2im_indices, conv_backward_im2col, conv_forward_im2col, conv_forward_strides,
                        max_pool_backward_reshape, max_pool_forward_reshape)
from bench_train import (affine_backward, affine_forward, relu_backward, relu_forward, softmax_loss,
                         time_training)


def conv_backward_strides(dout, cache):
    """dx (N, C, H, W), dw (F, C, HH, WW), db (F,) of `conv_forward_strides`, whose cache
    holds its columns x_cols (C*HH*WW, N*H'*W'), images in the outer order: fast_layers.py's
    `conv_backward_strides` with `col2im_indices` in place of the Cython `col2im_6d_cython`."""
    x, w, b, stride, pad, x_cols = cache
    f, _, hh, ww = w.shape
    db = np.sum(dout, axis=(0, 2, 3))
    dout_reshaped = dout.transpose(1, 0, 2, 3).reshape(f, -1)
    dw = dout_reshaped.dot(x_cols.T).reshape(w.shape)
    # col2im_indices wants the columns of im2col_indices: pixel positions outer, images inner.
    dx_cols = w.reshape(f, -1).T.dot(dout.transpose(1, 2, 3, 0).reshape(f, -1))
    dx = col2im_indices(dx_cols, x.shape, hh, ww, pad, stride)
    return dx, dw, db


class ConvReluPool:
    """layer_utils.py's `conv_relu_pool_forward` / `conv_relu_pool_backward` on the given
    convolution; a 2x2 max pool, stride 2, by the reshape method."""

    def __init__(self, conv_forward, conv_backward):
        self.conv_forward, self.conv_backward = conv_forward, conv_backward

    def forward(self, x, w, b, stride, pad):
        a, conv_cache = self.conv_forward(x, w, b, stride, pad)
        s, relu_cache = relu_forward(a)
        out, pool_cache = max_pool_forward_reshape(s, 2, 2, 2)
        return out, (conv_cache, relu_cache, pool_cache)

    def backward(self, dout, cache):
        conv_cache, relu_cache, pool_cache = cache
        ds = max_pool_backward_reshape(dout, pool_cache)
        da = relu_backward(ds, relu_cache)
        return self.conv_backward(da, conv_cache)


def affine_relu_forward(x, w, b):
    a, fc_cache = affine_forward(x, w, b)
    out, relu_cache = relu_forward(a)
    return out, (fc_cache, relu_cache)


def affine_relu_backward(dout, cache):
    fc_cache, relu_cache = cache
    da = relu_backward(dout, relu_cache)
    return affine_backward(da, fc_cache)


class ThreeLayerConvNet:
    """conv - relu - 2x2 max pool - affine - relu - affine - softmax, as cnn.py."""

    def __init__(self, conv_layer, rng, input_dim=(3, 32, 32), num_filters=32, filter_size=7,
                 hidden_dim=100, num_classes=10, weight_scale=1e-3, reg=0.0):
        c, h, w = input_dim
        self.conv_layer, self.reg = conv_layer, reg
        self.params = {
            "W1": weight_scale * rng.standard_normal((num_filters, c, filter_size, filter_size)),
            "b1": np.zeros(num_filters),
            "W2": weight_scale * rng.standard_normal((num_filters * (h // 2) * (w // 2), hidden_dim)),
            "b2": np.zeros(hidden_dim),
            "W3": weight_scale * rng.standard_normal((hidden_dim, num_classes)),
            "b3": np.zeros(num_classes),
        }

    def loss(self, x, y):
        w1, b1 = self.params["W1"], self.params["b1"]
        w2, b2 = self.params["W2"], self.params["b2"]
        w3, b3 = self.params["W3"], self.params["b3"]
        pad = (w1.shape[2] - 1) // 2
        out1, cache1 = self.conv_layer.forward(x, w1, b1, 1, pad)
        out2, cache2 = affine_relu_forward(out1, w2, b2)
        scores, cache3 = affine_forward(out2, w3, b3)
        loss, dscores = softmax_loss(scores, y)
        loss += 0.5 * self.reg * (np.sum(w1 * w1) + np.sum(w2 * w2) + np.sum(w3 * w3))
        grads = {}
        dx3, grads["W3"], grads["b3"] = affine_backward(dscores, cache3)
        dx2, grads["W2"], grads["b2"] = affine_relu_backward(dx3, cache2)
        _, grads["W1"], grads["b1"] = self.conv_layer.backward(dx2, cache1)
        grads["W1"] += self.reg * w1
        grads["W2"] += self.reg * w2
        grads["W3"] += self.reg * w3
        return loss, grads


def main():
    numbers = [int(argument) for argument in sys.argv[1:] if not argument.startswith("--")]
    rounds = numbers[0] if len(numbers) > 0 else 5
    steps = numbers[1] if len(numbers) > 1 else 10
    if "--strides" in sys.argv:
        conv_layer = ConvReluPool(conv_forward_strides, conv_backward_strides)
    else:
        conv_layer = ConvReluPool(conv_forward_im2col, conv_backward_im2col)
    rng = np.random.default_rng(0)
    x = rng.standard_normal((50, 3, 32, 32))
    y = rng.integers(0, 10, size=50)
    net = ThreeLayerConvNet(conv_layer, rng, weight_scale=1e-3, reg=1e-3)
    time_training(net, x, y, "numpy course-style ConvNet step", rounds, steps)


if __name__ == "__main__":
    main()
