#!/usr/bin/env python3
"""Writes the .npy files that TensorKit's tests read (Tests/TensorKitTests/Data).

Every array is written by numpy itself, so the tests check that TensorKit reads what
numpy writes. The values are literals here and the same literals appear in
Tests/TensorKitTests/NPYTests.swift, so a test compares against values stored in
two independent ways. Run from the package root: python3 scripts/make_npy_test_data.py
"""
import pathlib

import numpy as np

OUT = pathlib.Path(__file__).resolve().parent.parent / "Tests" / "TensorKitTests" / "Data"

# Values whose bits are easy to get wrong: a repeating binary fraction, a signed zero,
# a subnormal, the extremes, and the non-finite values.
SPECIAL = [0.1, 1 / 3, -0.0, 1e-300, 5e-324, 1.7976931348623157e308, -2.5,
           float("nan"), float("inf"), float("-inf")]


def save(name, array, version=None):
    path = OUT / name
    if version is None:
        np.save(path, array)
    else:
        with open(path, "wb") as f:
            np.lib.format.write_array(f, array, version=version)
    print(f"{name}: {array.dtype.str} {array.shape} version {version or 'default'}")


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    save("special_f8.npy", np.array(SPECIAL, dtype="<f8"))
    save("matrix_f8_v2.npy", np.array([[1.5, -2.0, 3.25], [0.1, 0.2, 0.3]]), version=(2, 0))
    save("matrix_f8_v3.npy", np.array([[1.5, -2.0, 3.25], [0.1, 0.2, 0.3]]), version=(3, 0))
    save("arange_4d_f8.npy", (np.arange(120, dtype="<f8") * 0.5).reshape(2, 3, 4, 5))
    save("scalar_f8.npy", np.array(3.5))
    save("empty_f8.npy", np.zeros((0, 3)))
    save("special_f4.npy", np.array([0.1, 1 / 3, -0.0, 65504.0, 1e-45], dtype="<f4"))
    save("labels_i8.npy", np.array([0, 3, -7, 2**53, -(2**53)], dtype="<i8"))
    save("labels_i4.npy", np.array([[1, -2], [2147483647, -2147483648]], dtype="<i4"))
    # Files TensorKit must refuse, each with its own error.
    save("too_big_i8.npy", np.array([1, 2**53 + 1], dtype="<i8"))
    save("fortran_f8.npy", np.asfortranarray(np.arange(6.0).reshape(2, 3)))
    save("big_endian_f8.npy", np.arange(3.0).astype(">f8"))
    save("complex_c16.npy", np.array([1 + 2j]))
    save("bool_b1.npy", np.array([True, False]))


if __name__ == "__main__":
    main()
