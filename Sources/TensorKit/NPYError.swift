import Foundation

/// Why a `.npy` file could not be read or written, and which file it was.
///
/// Its description reads like `labels.npy: header is truncated (expected 118 bytes,
/// found 40)`: the file first, then the problem, so that a message in a long log still
/// says where to look.
public struct NPYError: Error, Equatable, Sendable {
    /// What went wrong.
    public enum Problem: Error, Equatable, Sendable {
        /// The file could not be opened or read; the system's reason.
        case cannotRead(String)
        /// The file could not be written; the system's reason.
        case cannotWrite(String)
        /// The file does not start with the six bytes `\x93NUMPY`.
        case badMagic
        /// A format version other than 1.0, 2.0 or 3.0.
        case unsupportedVersion(major: UInt8, minor: UInt8)
        /// The file ends inside the fixed preamble or inside the header.
        case truncatedHeader(expected: Int, found: Int)
        /// The header is not the dictionary of `descr`, `fortran_order` and `shape`
        /// that the format prescribes; the detail says what is wrong.
        case malformedHeader(String)
        /// The array is stored in Fortran (column-major) order.
        case fortranOrder
        /// The elements are big-endian.
        case bigEndian(descr: String)
        /// A data type other than `<f8`, `<f4`, `<i8` and `<i4`.
        case unsupportedDataType(descr: String)
        /// The file ends before the last element.
        case truncatedData(expected: Int, found: Int)
        /// There are bytes after the last element.
        case trailingData(expected: Int, found: Int)
        /// An integer element that a `Double` cannot hold exactly (beyond ±2^53).
        case inexactInteger(value: Int64, index: Int)
    }

    /// The file's name (its last path component) or the name given with the data.
    public var file: String
    /// What went wrong.
    public var problem: Problem

    public init(file: String, problem: Problem) {
        self.file = file
        self.problem = problem
    }
}

extension NPYError: CustomStringConvertible, LocalizedError {
    public var description: String { "\(file): \(problem)" }
    public var errorDescription: String? { description }
}

extension NPYError.Problem: CustomStringConvertible {
    public var description: String {
        switch self {
        case .cannotRead(let reason): "cannot be read: \(reason)"
        case .cannotWrite(let reason): "cannot be written: \(reason)"
        case .badMagic: "not a .npy file (it does not start with \\x93NUMPY)"
        case .unsupportedVersion(let major, let minor):
            "unsupported .npy format version \(major).\(minor) (supported: 1.0, 2.0, 3.0)"
        case .truncatedHeader(let expected, let found):
            "header is truncated (expected \(expected) bytes, found \(found))"
        case .malformedHeader(let detail): "malformed header: \(detail)"
        case .fortranOrder:
            "array is in Fortran order; save a C-order array (numpy.ascontiguousarray) instead"
        case .bigEndian(let descr):
            "data type '\(descr)' is big-endian; only little-endian data is supported"
        case .unsupportedDataType(let descr):
            "unsupported data type '\(descr)' (supported: '<f8', '<f4', '<i8', '<i4')"
        case .truncatedData(let expected, let found):
            "data is truncated (expected \(expected) bytes, found \(found))"
        case .trailingData(let expected, let found):
            "unexpected bytes after the data (expected \(expected) bytes, found \(found))"
        case .inexactInteger(let value, let index):
            "integer \(value) at index \(index) is beyond ±2^53 and has no exact Double"
        }
    }
}
