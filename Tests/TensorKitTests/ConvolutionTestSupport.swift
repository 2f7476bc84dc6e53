import TensorKit

/// The arrays scripts/reference/conv_reference.py wrote for case `name`: `name_key.npy` in the
/// test data's Convolution folder.
func convolutionReference(_ name: String, _ key: String) throws -> Tensor {
    try Tensor(npyFile: testData("Convolution/\(name)_\(key).npy"))
}
