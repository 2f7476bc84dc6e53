import Foundation
import TensorKit

// The one place where a checkpoint turns a tensor into a file and back.
// TEMPORARY: a minimal little-endian float64 `.npy` codec until TensorKit's reader and
// writer land; then these two functions call TensorKit and this codec goes.

extension Tensor {
    func writeCheckpointFile(to url: URL) throws {
        let shapeText = shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
        var header = "{'descr': '<f8', 'fortran_order': False, 'shape': \(shapeText), }"
        let unpadded = 10 + header.utf8.count + 1
        header += String(repeating: " ", count: (64 - unpadded % 64) % 64) + "\n"
        var data = Data([0x93] + Array("NUMPY".utf8) + [1, 0])
        let length = UInt16(header.utf8.count)
        data.append(contentsOf: [UInt8(length & 0xFF), UInt8(length >> 8)])
        data.append(contentsOf: Array(header.utf8))
        for value in scalars {
            withUnsafeBytes(of: value.bitPattern.littleEndian) { data.append(contentsOf: $0) }
        }
        try data.write(to: url)
    }

    init(checkpointFile url: URL) throws {
        guard let data = try? Data(contentsOf: url) else { throw CheckpointError.missingFile(url.path) }
        let bytes = [UInt8](data)
        guard bytes.count >= 10, bytes[0] == 0x93, bytes[6] == 1 else {
            throw CheckpointError.unreadableFile(url.path, "not a version 1 .npy file")
        }
        let length = Int(bytes[8]) | Int(bytes[9]) << 8
        guard bytes.count >= 10 + length,
              let header = String(bytes: bytes[10..<(10 + length)], encoding: .ascii),
              header.contains("'<f8'"), header.contains("False"),
              let open = header.range(of: "'shape': ("),
              let close = header[open.upperBound...].firstIndex(of: ")")
        else { throw CheckpointError.unreadableFile(url.path, "not a C-order float64 .npy file") }
        let shape = header[open.upperBound..<close].split(separator: ",")
            .compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        let count = shape.reduce(1, *)
        let body = bytes[(10 + length)...]
        guard body.count == count * 8 else {
            throw CheckpointError.unreadableFile(url.path, "expected \(count * 8) bytes of data, found \(body.count)")
        }
        var scalars = [Double](repeating: 0, count: count)
        for i in 0..<count {
            var bits: UInt64 = 0
            for b in 0..<8 { bits |= UInt64(body[body.startIndex + i * 8 + b]) << (8 * b) }
            scalars[i] = Double(bitPattern: bits)
        }
        self.init(shape: shape, scalars: scalars)
    }
}
