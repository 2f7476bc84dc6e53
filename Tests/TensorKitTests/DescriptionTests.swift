import Testing
import TensorKit

/// `description` is NumPy's `str(array)` and `debugDescription` its repr layout, both
/// with NumPy's default print options. The expected strings are what
/// scripts/print_reference_strings.py prints (numpy itself).
@Suite("Printing looks like NumPy")
struct DescriptionTests {
    @Test(arguments: [
        ("mixed", Tensor([[0.1, -2.0], [10.0 / 3.0, 4.0]]),
         "[[ 0.1        -2.        ]\n [ 3.33333333  4.        ]]",
         "Tensor(shape: (2, 2), [[ 0.1       , -2.        ],\n                       [ 3.33333333,  4.        ]])"),
        ("wholeNumbers", Tensor.arange(6).reshaped(2, 3),
         "[[0. 1. 2.]\n [3. 4. 5.]]",
         "Tensor(shape: (2, 3), [[0., 1., 2.],\n                       [3., 4., 5.]])"),
        ("thirds", Tensor.arange(6).reshaped(2, 3) / 3,
         "[[0.         0.33333333 0.66666667]\n [1.         1.33333333 1.66666667]]",
         "Tensor(shape: (2, 3), [[0.        , 0.33333333, 0.66666667],\n                       [1.        , 1.33333333, 1.66666667]])"),
        ("wrapsLongRows", Tensor.arange(30),
         "[ 0.  1.  2.  3.  4.  5.  6.  7.  8.  9. 10. 11. 12. 13. 14. 15. 16. 17.\n 18. 19. 20. 21. 22. 23. 24. 25. 26. 27. 28. 29.]",
         "Tensor(shape: (30,), [ 0.,  1.,  2.,  3.,  4.,  5.,  6.,  7.,  8.,  9.,\n                      10., 11., 12., 13., 14., 15., 16., 17., 18., 19.,\n                      20., 21., 22., 23., 24., 25., 26., 27., 28., 29.])"),
        ("scientificForWideRange", Tensor([1e-5, 1.0, 1e5]),
         "[1.e-05 1.e+00 1.e+05]",
         "Tensor(shape: (3,), [1.e-05, 1.e+00, 1.e+05])"),
        ("scientificForLarge", Tensor([1e10, -1.0]),
         "[ 1.e+10 -1.e+00]",
         "Tensor(shape: (2,), [ 1.e+10, -1.e+00])"),
        ("scientificExponentDigits", Tensor([1e-300, 2.5, 1e300]),
         "[1.0e-300 2.5e+000 1.0e+300]",
         "Tensor(shape: (3,), [1.0e-300, 2.5e+000, 1.0e+300])"),
        ("nonFinite", Tensor([1.0, .nan, -.infinity]),
         "[  1.  nan -inf]",
         "Tensor(shape: (3,), [  1.,  nan, -inf])"),
        ("onlyNonFinite", Tensor([.nan, .infinity]),
         "[nan inf]",
         "Tensor(shape: (2,), [nan, inf])"),
        ("signedZero", Tensor([-0.0, 0.0]),
         "[-0.  0.]",
         "Tensor(shape: (2,), [-0.,  0.])"),
        ("roundsToEightDigits", Tensor([0.123456789123, 2.0]),
         "[0.12345679 2.        ]",
         "Tensor(shape: (2,), [0.12345679, 2.        ])"),
        ("threeD", Tensor.arange(24).reshaped(2, 3, 4),
         "[[[ 0.  1.  2.  3.]\n  [ 4.  5.  6.  7.]\n  [ 8.  9. 10. 11.]]\n\n [[12. 13. 14. 15.]\n  [16. 17. 18. 19.]\n  [20. 21. 22. 23.]]]",
         "Tensor(shape: (2, 3, 4), [[[ 0.,  1.,  2.,  3.],\n                           [ 4.,  5.,  6.,  7.],\n                           [ 8.,  9., 10., 11.]],\n\n                          [[12., 13., 14., 15.],\n                           [16., 17., 18., 19.],\n                           [20., 21., 22., 23.]]])"),
        ("elidedMatrix", Tensor.arange(2000).reshaped(40, 50),
         "[[0.000e+00 1.000e+00 2.000e+00 ... 4.700e+01 4.800e+01 4.900e+01]\n [5.000e+01 5.100e+01 5.200e+01 ... 9.700e+01 9.800e+01 9.900e+01]\n [1.000e+02 1.010e+02 1.020e+02 ... 1.470e+02 1.480e+02 1.490e+02]\n ...\n [1.850e+03 1.851e+03 1.852e+03 ... 1.897e+03 1.898e+03 1.899e+03]\n [1.900e+03 1.901e+03 1.902e+03 ... 1.947e+03 1.948e+03 1.949e+03]\n [1.950e+03 1.951e+03 1.952e+03 ... 1.997e+03 1.998e+03 1.999e+03]]",
         "Tensor(shape: (40, 50), [[0.000e+00, 1.000e+00, 2.000e+00, ...,\n                          4.700e+01, 4.800e+01, 4.900e+01],\n                         [5.000e+01, 5.100e+01, 5.200e+01, ...,\n                          9.700e+01, 9.800e+01, 9.900e+01],\n                         [1.000e+02, 1.010e+02, 1.020e+02, ...,\n                          1.470e+02, 1.480e+02, 1.490e+02],\n                         ...,\n                         [1.850e+03, 1.851e+03, 1.852e+03, ...,\n                          1.897e+03, 1.898e+03, 1.899e+03],\n                         [1.900e+03, 1.901e+03, 1.902e+03, ...,\n                          1.947e+03, 1.948e+03, 1.949e+03],\n                         [1.950e+03, 1.951e+03, 1.952e+03, ...,\n                          1.997e+03, 1.998e+03, 1.999e+03]])"),
        ("elidedVector", Tensor.arange(1001),
         "[   0.    1.    2. ...  998.  999. 1000.]",
         "Tensor(shape: (1001,), [   0.,    1.,    2., ...,  998.,  999., 1000.])"),
        ("singleElementMatrix", Tensor([[1.5]]),
         "[[1.5]]",
         "Tensor(shape: (1, 1), [[1.5]])"),
    ] as [(String, Tensor, String, String)])
    func matchesNumpy(name: String, tensor: Tensor, str: String, repr: String) {
        #expect(tensor.description == str, "\(name)")
        #expect(tensor.debugDescription == repr, "\(name)")
    }

    @Test func zeroDimensionalPrintsItsValue() {
        #expect(Tensor(1.5).description == "1.5")
        #expect(Tensor(0.1).description == "0.1")
        #expect(Tensor(1.5).debugDescription == "Tensor(shape: (), 1.5)")
    }

    @Test func emptyPrintsEmptyBrackets() {
        #expect(Tensor.zeros(0, 3).description == "[]")
        #expect(Tensor.zeros(0, 3).debugDescription == "Tensor(shape: (0, 3), [])")
    }
}
