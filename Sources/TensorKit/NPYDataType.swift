/// The element types TensorKit reads from and writes to `.npy` files, all
/// little-endian. Whatever the file holds, a ``Tensor`` holds `Double`s.
public enum NPYDataType: String, CaseIterable, Sendable {
    /// 64-bit floats (`numpy.float64`), TensorKit's own type: exact both ways.
    case float64 = "<f8"
    /// 32-bit floats (`numpy.float32`): read exactly; written rounded to nearest.
    case float32 = "<f4"
    /// 64-bit integers (`numpy.int64`), as labels usually are. Reading refuses values
    /// beyond ±2^53, which a `Double` cannot hold exactly; writing needs whole numbers.
    case int64 = "<i8"
    /// 32-bit integers (`numpy.int32`). Writing needs whole numbers in range.
    case int32 = "<i4"

    /// The numpy type string of this type, as in a header's `descr`.
    public var descr: String { rawValue }

    /// The size of one element in bytes.
    public var byteCount: Int {
        switch self {
        case .float64, .int64: 8
        case .float32, .int32: 4
        }
    }
}
