#!/usr/bin/env python3
"""Prints how numpy (default print options) shows the arrays of
Tests/TensorKitTests/DescriptionTests.swift, which hard-codes the output.

`description` is compared with str(array); `debugDescription` with
array2string(array, separator=", ", prefix=P, suffix=")") where P is TensorKit's
"Tensor(shape: (2, 3), " prefix: numpy's repr layout with our name instead of
"array(". Run: python3 scripts/print_reference_strings.py
"""
import json

import numpy as np

nan, inf = float("nan"), float("inf")
CASES = {
    "mixed": np.array([[0.1, -2.0], [10 / 3, 4.0]]),
    "wholeNumbers": np.arange(6.0).reshape(2, 3),
    "thirds": np.arange(6.0).reshape(2, 3) / 3,
    "wrapsLongRows": np.arange(30.0),
    "scientificForWideRange": np.array([1e-5, 1.0, 1e5]),
    "scientificForLarge": np.array([1e10, -1.0]),
    "scientificExponentDigits": np.array([1e-300, 2.5, 1e300]),
    "nonFinite": np.array([1.0, nan, -inf]),
    "onlyNonFinite": np.array([nan, inf]),
    "signedZero": np.array([-0.0, 0.0]),
    "roundsToEightDigits": np.array([0.123456789123, 2.0]),
    "threeD": np.arange(24.0).reshape(2, 3, 4),
    "elidedMatrix": np.arange(2000.0).reshape(40, 50),
    "elidedVector": np.arange(1001.0),
    "singleElementMatrix": np.array([[1.5]]),
}


def shape_text(shape):
    return "(%d,)" % shape if len(shape) == 1 else "(" + ", ".join(map(str, shape)) + ")"


for name, a in CASES.items():
    prefix = f"Tensor(shape: {shape_text(a.shape)}, "
    debug = prefix + np.array2string(a, separator=", ", prefix=prefix, suffix=")") + ")"
    print(f"{name}:\n  description: {json.dumps(str(a))}\n  debugDescription: {json.dumps(debug)}")
