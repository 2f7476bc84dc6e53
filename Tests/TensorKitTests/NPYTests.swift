import Foundation
import Testing
import TensorKit

/// The values scripts/make_npy_test_data.py stores in special_f8.npy, as literals.
private let special: [Double] = [0.1, 1.0 / 3.0, -0.0, 1e-300, .leastNonzeroMagnitude /* 5e-324 */,
                                 1.7976931348623157e308, -2.5,
                                 .nan, .infinity, -.infinity]

/// The bytes of a `.npy` file with the given header text (padded as numpy pads it,
/// unless `pad` is false) and data.
private func npyBytes(
    header: String, version: (UInt8, UInt8) = (1, 0), data: [UInt8] = [], pad: Bool = true
) -> Data {
    let lengthBytes = version.0 == 1 ? 2 : 4
    var text = Array(header.utf8)
    if pad {
        while (8 + lengthBytes + text.count + 1) % 64 != 0 { text.append(0x20) }
        text.append(0x0A)
    }
    var bytes: [UInt8] = [0x93] + Array("NUMPY".utf8) + [version.0, version.1]
    for i in 0..<lengthBytes { bytes.append(UInt8(truncatingIfNeeded: text.count >> (8 * i))) }
    return Data(bytes + text + data)
}

/// The problem reading `data` reports, or nil if it reads.
private func problem(reading data: Data, name: String = "test.npy") -> NPYError.Problem? {
    do {
        _ = try Tensor(npyData: data, name: name)
        return nil
    } catch {
        #expect(error.file == name)
        return error.problem
    }
}

@Suite("Reading .npy files that numpy wrote")
struct NPYReadingTests {
    @Test func float64IsReadBitExactly() throws {
        let t = try Tensor(npyFile: testData("special_f8.npy"))
        #expect(t.shape == [10])
        #expect(bits(t) == bits(special))
    }

    @Test(arguments: ["matrix_f8_v2.npy", "matrix_f8_v3.npy"])
    func laterFormatVersions(file: String) throws {
        let t = try Tensor(npyFile: testData(file))
        #expect(t.shape == [2, 3])
        #expect(bits(t) == bits([1.5, -2.0, 3.25, 0.1, 0.2, 0.3]))
    }

    @Test func fourDimensionsInRowMajorOrder() throws {
        let t = try Tensor(npyFile: testData("arange_4d_f8.npy"))
        #expect(t.shape == [2, 3, 4, 5])
        #expect(t.scalars == (0..<120).map { Double($0) * 0.5 })
        #expect(t[1, 2, 3, 4] == 119 * 0.5)
    }

    @Test func zeroDimensionalAndEmpty() throws {
        let scalar = try Tensor(npyFile: testData("scalar_f8.npy"))
        #expect(scalar.shape == [] && scalar.scalars == [3.5])
        let empty = try Tensor(npyFile: testData("empty_f8.npy"))
        #expect(empty.shape == [0, 3] && empty.scalars.isEmpty)
    }

    @Test func float32IsWidenedExactly() throws {
        let t = try Tensor(npyFile: testData("special_f4.npy"))
        let expected: [Float] = [0.1, Float(1.0 / 3.0), -0.0, 65504, Float.leastNonzeroMagnitude]
        #expect(bits(t) == bits(expected.map(Double.init)))
    }

    @Test func integersBecomeDoubles() throws {
        let labels = try Tensor(npyFile: testData("labels_i8.npy"))
        #expect(labels.scalars == [0, 3, -7, 9_007_199_254_740_992, -9_007_199_254_740_992])
        let small = try Tensor(npyFile: testData("labels_i4.npy"))
        #expect(small == Tensor([[1, -2], [2_147_483_647, -2_147_483_648]]))
    }

    @Test func integersBeyondTwoToThe53AreRefused() throws {
        #expect(throws: NPYError(file: "too_big_i8.npy", problem: .inexactInteger(value: 9_007_199_254_740_993, index: 1))) {
            try Tensor(npyFile: testData("too_big_i8.npy"))
        }
    }

    @Test(arguments: [
        ("fortran_f8.npy", NPYError.Problem.fortranOrder),
        ("big_endian_f8.npy", .bigEndian(descr: ">f8")),
        ("complex_c16.npy", .unsupportedDataType(descr: "<c16")),
        ("bool_b1.npy", .unsupportedDataType(descr: "|b1")),
    ])
    func unsupportedLayoutsAndTypesAreRefused(file: String, expected: NPYError.Problem) throws {
        #expect(throws: NPYError(file: file, problem: expected)) { try Tensor(npyFile: testData(file)) }
    }

    @Test func aMissingFileIsACannotReadError() {
        let url = URL(fileURLWithPath: "/nonexistent-folder/weights.npy")
        #expect {
            try Tensor(npyFile: url)
        } throws: { error in
            guard let error = error as? NPYError, case .cannotRead = error.problem else { return false }
            return error.file == "weights.npy"
        }
    }
}

@Suite("Writing .npy files that numpy reads")
struct NPYWritingTests {
    /// Our bytes are numpy's bytes: the same header, padding and data.
    @Test(arguments: [
        ("special_f8.npy", NPYDataType.float64), ("arange_4d_f8.npy", .float64),
        ("scalar_f8.npy", .float64), ("empty_f8.npy", .float64),
        ("special_f4.npy", .float32), ("labels_i8.npy", .int64), ("labels_i4.npy", .int32),
    ])
    func bytesAreWhatNumpyWrites(file: String, dtype: NPYDataType) throws {
        let url = try testData(file)
        let numpyBytes = try Data(contentsOf: url)
        #expect(try Tensor(npyFile: url).npyData(dtype: dtype) == numpyBytes)
    }

    @Test func roundTripThroughAFileIsBitExact() throws {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("TensorKitTests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("special.npy")
        let original = Tensor(shape: [2, 5], scalars: special)
        try original.writeNPY(to: url)
        let back = try Tensor(npyFile: url)
        #expect(back.shape == [2, 5])
        #expect(bits(back) == bits(original))
    }

    @Test func headerIsPaddedToSixtyFourBytes() {
        for shape in [[], [1], [7, 3], [2, 3, 4, 5], Array(repeating: 1, count: 32)] {
            let data = Tensor.zeros(shape).npyData()
            let headerLength = Int(data[8]) | Int(data[9]) << 8
            #expect((10 + headerLength) % 64 == 0)
            #expect(data[10 + headerLength - 1] == 0x0A)
            #expect(data.count == 10 + headerLength + 8 * shape.reduce(1, *))
        }
    }

    @Test func writingToAMissingFolderThrows() {
        let url = URL(fileURLWithPath: "/nonexistent-folder/out.npy")
        #expect {
            try Tensor([1, 2]).writeNPY(to: url)
        } throws: { error in
            guard let error = error as? NPYError, case .cannotWrite = error.problem else { return false }
            return error.file == "out.npy"
        }
    }
}

@Suite("Damaged .npy data is refused with a message, never a crash")
struct NPYMalformedTests {
    let valid = npyBytes(header: "{'descr': '<f8', 'fortran_order': False, 'shape': (2,), }",
                         data: Array(repeating: 0, count: 16))

    @Test func messageNamesTheFileAndTheProblem() throws {
        let bytes = try Data(contentsOf: testData("labels_i8.npy")).prefix(50)
        #expect(throws: NPYError(file: "labels.npy", problem: .truncatedHeader(expected: 118, found: 40))) {
            try Tensor(npyData: bytes, name: "labels.npy")
        }
        let error = NPYError(file: "labels.npy", problem: .truncatedHeader(expected: 118, found: 40))
        #expect(error.description == "labels.npy: header is truncated (expected 118 bytes, found 40)")
        #expect(error.localizedDescription == error.description)
    }

    @Test func badMagicAndVersions() {
        #expect(problem(reading: Data("PK\u{3}\u{4} not numpy".utf8)) == .badMagic)
        #expect(problem(reading: Data()) == .truncatedHeader(expected: 8, found: 0))
        #expect(problem(reading: valid.prefix(9)) == .truncatedHeader(expected: 10, found: 9))
        var future = valid
        future[6] = 4
        #expect(problem(reading: future) == .unsupportedVersion(major: 4, minor: 0))
    }

    @Test func dataOfTheWrongLength() {
        #expect(problem(reading: valid.dropLast(3)) == .truncatedData(expected: 16, found: 13))
        #expect(problem(reading: valid + [0]) == .trailingData(expected: 16, found: 17))
    }

    @Test(arguments: [
        ("", "the header ends where '{' was expected"),
        ("[1, 2]", "expected '{' at offset 0"),
        ("{'descr': '<f8', 'fortran_order': False}", "keys are descr, fortran_order; expected descr, fortran_order, shape"),
        ("{'descr': '<f8', 'fortran_order': False, 'shape': (2,), 'extra': 1}", "keys are descr, extra, fortran_order, shape; expected descr, fortran_order, shape"),
        ("{'descr': [('a', '<f8')], 'fortran_order': False, 'shape': (2,)}", "'descr' is not a string (structured data types are not supported)"),
        ("{'descr': '<f8', 'fortran_order': 0, 'shape': (2,)}", "'fortran_order' is not True or False"),
        ("{'descr': '<f8', 'fortran_order': False, 'shape': 2}", "'shape' is not a tuple"),
        ("{'descr': '<f8', 'fortran_order': False, 'shape': ('2',)}", "'shape' must hold non-negative whole numbers"),
        ("{'descr': '<f8', 'fortran_order': False, 'shape': (99999999999999999999,)}", "the number 99999999999999999999 is too large"),
        ("{'descr': '<f8', 'fortran_order': False, 'shape': (2,), } trailing", "unexpected text after the dictionary"),
        ("{'descr': '<f8, 'fortran_order': False}", "expected ',' or '}' at offset 17"),
        ("{'descr': '<f8', 'fortran_order': False, 'shape': (2", "the header ends where ',' or ')' was expected"),
        ("{'descr': '<f8', 'fortran_order': False, 'shape': (((((((((((((((((((2,)", "nested too deeply"),
        ("{'descr': '<f8', 'fortran_order': Fals", "unexpected character 'F' at offset 34"),
    ])
    func malformedHeaders(header: String, detail: String) {
        #expect(problem(reading: npyBytes(header: header, data: Array(repeating: 0, count: 16))) == .malformedHeader(detail))
    }

    @Test func shapeWhoseSizeOverflows() {
        let data = npyBytes(header: "{'descr': '<f8', 'fortran_order': False, 'shape': (4294967296, 4294967296), }")
        #expect(problem(reading: data) == .malformedHeader("shape (4294967296, 4294967296) has too many elements"))
    }

    /// Every prefix of a valid file, every single-byte change in its header, and random
    /// byte strings: each either reads or throws an `NPYError`, and nothing crashes.
    @Test func fuzzing() {
        var generator = SeededGenerator(seed: 2024)
        for length in 0..<valid.count { _ = problem(reading: valid.prefix(length)) }
        for _ in 0..<2000 {
            var damaged = valid
            damaged[generator.nextInt(below: 64)] = UInt8(generator.nextInt(below: 256))
            _ = problem(reading: damaged)
        }
        for _ in 0..<2000 {
            let length = generator.nextInt(below: 200)
            var bytes = (0..<length).map { _ in UInt8(generator.nextInt(below: 256)) }
            if length >= 8 && generator.nextInt(below: 2) == 0 {
                bytes.replaceSubrange(0..<8, with: [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59, 1 + UInt8(generator.nextInt(below: 3)), 0])
            }
            _ = problem(reading: Data(bytes))
        }
    }
}
