import Foundation

// Reading and writing NumPy's `.npy` format, so that tensors travel to and from Python
// unchanged: `numpy.load` reads what we write, we read what `numpy.save` writes, and a
// float64 array makes the round trip to the last bit.
//
// Supported: format versions 1.0, 2.0 and 3.0; little-endian float64, float32, int64
// and int32; C (row-major) order. Anything else is refused with an ``NPYError`` that
// names the file and the problem; no input, however damaged, crashes the reader.

extension Tensor {
    /// Reads a tensor from a `.npy` file.
    /// - Parameter url: the file; errors name its last path component.
    /// - Throws: ``NPYError`` if the file cannot be read or is not a supported `.npy`
    ///   array.
    public init(npyFile url: URL) throws(NPYError) {
        let name = url.lastPathComponent
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw NPYError(file: name, problem: .cannotRead(error.localizedDescription))
        }
        try self.init(npyData: data, name: name)
    }

    /// Reads a tensor from the bytes of a `.npy` file.
    /// - Parameters:
    ///   - data: the whole file.
    ///   - name: what errors call the data, usually the file's name.
    /// - Throws: ``NPYError`` if the bytes are not a supported `.npy` array.
    public init(npyData data: Data, name: String) throws(NPYError) {
        let result = data.withUnsafeBytes { bytes -> Result<Tensor, NPYError.Problem> in
            do throws(NPYError.Problem) {
                return .success(try Tensor.decodeNPY(bytes))
            } catch {
                return .failure(error)
            }
        }
        switch result {
        case .success(let tensor): self = tensor
        case .failure(let problem): throw NPYError(file: name, problem: problem)
        }
    }

    /// The bytes of a `.npy` file holding this tensor, exactly as `numpy.save` writes
    /// the same array: format version 1.0 (2.0 if the header needs it), C order.
    /// - Parameter dtype: the element type on disk; `.float64` (the default) keeps
    ///   every value exactly. The integer types need whole numbers in their range
    ///   (a programming error otherwise, which stops with a message); `.float32`
    ///   rounds to nearest.
    public func npyData(dtype: NPYDataType = .float64) -> Data {
        var data = Data(NPYHeader(descr: dtype.descr, fortranOrder: false, shape: shape).encoded())
        switch dtype {
        case .float64: data.append(littleEndianBytes(scalars.map(\.bitPattern)))
        case .float32: data.append(littleEndianBytes(scalars.map { Float($0).bitPattern }))
        case .int64: data.append(littleEndianBytes(wholeNumbers(as: Int64.self)))
        case .int32: data.append(littleEndianBytes(wholeNumbers(as: Int32.self)))
        }
        return data
    }

    /// Writes this tensor to a `.npy` file that `numpy.load` reads.
    /// - Parameters:
    ///   - url: the file, replaced if it exists.
    ///   - dtype: the element type on disk; see ``npyData(dtype:)``.
    /// - Throws: ``NPYError`` with ``NPYError/Problem/cannotWrite(_:)`` if writing fails.
    public func writeNPY(to url: URL, dtype: NPYDataType = .float64) throws(NPYError) {
        do {
            try npyData(dtype: dtype).write(to: url, options: .atomic)
        } catch {
            throw NPYError(file: url.lastPathComponent, problem: .cannotWrite(error.localizedDescription))
        }
    }

    /// The elements converted to a fixed-width integer type, or a stop with a message
    /// naming the first element that is not a whole number in its range.
    private func wholeNumbers<I: FixedWidthInteger>(as: I.Type) -> [I] {
        scalars.enumerated().map { index, x in
            guard let n = I(exactly: x) else {
                shapeFailure("cannot write \(x) at index \(index) as \(I.self): not a whole number in its range")
            }
            return n
        }
    }

    private static func decodeNPY(_ bytes: UnsafeRawBufferPointer) throws(NPYError.Problem) -> Tensor {
        let (header, offset) = try NPYHeader.decode(bytes)
        if header.fortranOrder { throw .fortranOrder }
        guard let dataType = NPYDataType(rawValue: header.descr) else {
            if header.descr.hasPrefix(">") { throw .bigEndian(descr: header.descr) }
            throw .unsupportedDataType(descr: header.descr)
        }
        var count = 1, byteCount = dataType.byteCount
        for extent in header.shape {
            let (c, overflow) = count.multipliedReportingOverflow(by: extent)
            if overflow { throw .malformedHeader("shape \(formatShape(header.shape)) has too many elements") }
            count = c
        }
        let (b, overflow) = count.multipliedReportingOverflow(by: byteCount)
        if overflow { throw .malformedHeader("shape \(formatShape(header.shape)) has too many elements") }
        byteCount = b
        let available = bytes.count - offset
        if available < byteCount { throw .truncatedData(expected: byteCount, found: available) }
        if available > byteCount { throw .trailingData(expected: byteCount, found: available) }

        let data = UnsafeRawBufferPointer(rebasing: bytes[offset...])
        var scalars = [Double](repeating: 0, count: count)
        try scalars.withUnsafeMutableBufferPointer { (out) throws(NPYError.Problem) in
            switch dataType {
            case .float64:
                for i in 0..<count {
                    out[i] = Double(bitPattern: UInt64(littleEndian: data.loadUnaligned(fromByteOffset: 8 * i, as: UInt64.self)))
                }
            case .float32:
                for i in 0..<count {
                    out[i] = Double(Float(bitPattern: UInt32(littleEndian: data.loadUnaligned(fromByteOffset: 4 * i, as: UInt32.self))))
                }
            case .int64:
                for i in 0..<count {
                    let n = Int64(littleEndian: data.loadUnaligned(fromByteOffset: 8 * i, as: Int64.self))
                    if n.magnitude > 1 << 53 { throw .inexactInteger(value: n, index: i) }
                    out[i] = Double(n)
                }
            case .int32:
                for i in 0..<count {
                    out[i] = Double(Int32(littleEndian: data.loadUnaligned(fromByteOffset: 4 * i, as: Int32.self)))
                }
            }
        }
        return Tensor(unchecked: header.shape, scalars)
    }
}

/// Fixed-width integers (bit patterns) as bytes, least significant byte first.
private func littleEndianBytes<I: FixedWidthInteger>(_ values: [I]) -> Data {
    let size = MemoryLayout<I>.size
    var bytes = Data(count: values.count * size)
    bytes.withUnsafeMutableBytes { raw in
        for (i, value) in values.enumerated() {
            raw.storeBytes(of: value.littleEndian, toByteOffset: i * size, as: I.self)
        }
    }
    return bytes
}
