import TensorKit

/// The worker's wire format: a frame is a little-endian `UInt32` byte count followed by
/// that many bytes of payload. A payload is a list of requests (judge → worker) or of
/// replies (worker → judge), written field by field; tensors travel as raw `Float64`,
/// so values cross the pipe bit-exactly.
public enum WireCodec {
    /// The largest frame either side accepts (256 MiB): a bound on what a corrupted
    /// length prefix can make the reader allocate.
    public static let maximumFrameSize = 1 << 28

    public static func encode(_ requests: [WorkerRequest]) -> [UInt8] {
        var w = WireWriter()
        w.put(UInt32(requests.count))
        for r in requests {
            w.put(r.call)
            w.put(r.tensors)
            w.put(r.numbers)
            w.put(UInt32(r.strings.count))
            for (k, v) in r.strings.sorted(by: { $0.key < $1.key }) { w.put(k); w.put(v) }
            w.put(UInt8(r.probes == nil ? 0 : 1))
            if let probes = r.probes { w.put(probes) }
        }
        return w.bytes
    }

    public static func decodeRequests(_ bytes: [UInt8]) throws(WireError) -> [WorkerRequest] {
        var r = WireReader(bytes)
        let n = try r.count()
        var requests: [WorkerRequest] = []
        for _ in 0..<n {
            let call = try r.string()
            let tensors = try r.tensors()
            let numbers = try r.numbers()
            var strings: [String: String] = [:]
            for _ in 0..<(try r.count()) { strings[try r.string()] = try r.string() }
            let probes = try r.byte() == 0 ? nil : try r.probes()
            requests.append(WorkerRequest(call, tensors: tensors, numbers: numbers, strings: strings, probes: probes))
        }
        try r.expectEnd()
        return requests
    }

    public static func encode(_ replies: [WorkerReply]) -> [UInt8] {
        var w = WireWriter()
        w.put(replies)
        return w.bytes
    }

    /// - Throws: ``WireError`` also for probe replies that hold probe replies of their
    ///   own: the worker, which student code controls, must not choose how deep the
    ///   judge's decoding recurses.
    public static func decodeReplies(_ bytes: [UInt8]) throws(WireError) -> [WorkerReply] {
        var r = WireReader(bytes)
        let replies = try r.replies(withProbes: true)
        try r.expectEnd()
        return replies
    }

    /// A payload with its length prefix.
    public static func frame(_ payload: [UInt8]) -> [UInt8] {
        var w = WireWriter()
        w.put(UInt32(payload.count))
        return w.bytes + payload
    }
}

/// A malformed frame: what was expected and where.
public struct WireError: Error, CustomStringConvertible, Sendable {
    public var description: String
}

struct WireWriter {
    var bytes: [UInt8] = []

    mutating func put(_ v: UInt8) { bytes.append(v) }
    mutating func put(_ v: UInt32) { withUnsafeBytes(of: v.littleEndian) { bytes.append(contentsOf: $0) } }
    mutating func put(_ v: UInt64) { withUnsafeBytes(of: v.littleEndian) { bytes.append(contentsOf: $0) } }
    mutating func put(_ v: Double) { put(v.bitPattern) }
    mutating func put(_ s: String) {
        let utf8 = Array(s.utf8)
        put(UInt32(utf8.count))
        bytes.append(contentsOf: utf8)
    }
    mutating func put(_ t: Tensor) {
        put(UInt32(t.rank))
        for d in t.shape { put(UInt64(d)) }
        // Every platform Swift supports here is little-endian: the raw bytes are the wire's.
        t.scalars.withUnsafeBufferPointer { bytes.append(contentsOf: UnsafeRawBufferPointer($0)) }
    }
    mutating func put(_ tensors: [String: Tensor]) {
        put(UInt32(tensors.count))
        for (k, v) in tensors.sorted(by: { $0.key < $1.key }) { put(k); put(v) }
    }
    mutating func put(_ numbers: [String: Double]) {
        put(UInt32(numbers.count))
        for (k, v) in numbers.sorted(by: { $0.key < $1.key }) { put(k); put(v) }
    }
    mutating func put(_ probes: WorkerProbes) {
        put(probes.input)
        put(UInt32(probes.points.count))
        for point in probes.points { put(UInt64(bitPattern: Int64(point.index))); put(point.value) }
        put(UInt32(probes.outputs.count))
        for output in probes.outputs { put(output) }
    }
    mutating func put(_ replies: [WorkerReply]) {
        put(UInt32(replies.count))
        for r in replies {
            put(r.tensors)
            put(r.numbers)
            put(UInt8(r.error == nil ? 0 : 1))
            if let error = r.error { put(error) }
            put(r.probes)
        }
    }
}

struct WireReader {
    let bytes: [UInt8]
    var position = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    mutating func take(_ n: Int, _ what: String) throws(WireError) -> ArraySlice<UInt8> {
        guard n >= 0, n <= bytes.count - position else {
            throw WireError(description: "frame ends inside \(what) at byte \(position) (needs \(n) more, has \(bytes.count - position))")
        }
        defer { position += n }
        return bytes[position..<(position + n)]
    }
    mutating func byte() throws(WireError) -> UInt8 { try take(1, "a flag").first! }
    mutating func uint32() throws(WireError) -> UInt32 {
        try take(4, "a 32-bit integer").reversed().reduce(0) { $0 << 8 | UInt32($1) }
    }
    mutating func uint64(_ what: String = "a 64-bit integer") throws(WireError) -> UInt64 {
        try take(8, what).reversed().reduce(0) { $0 << 8 | UInt64($1) }
    }
    /// A count, bounded by what the rest of the frame could possibly hold.
    mutating func count() throws(WireError) -> Int {
        let n = Int(try uint32())
        guard n <= bytes.count - position else {
            throw WireError(description: "count \(n) at byte \(position) exceeds the frame")
        }
        return n
    }
    mutating func string() throws(WireError) -> String {
        let n = try count()
        return String(decoding: try take(n, "a string"), as: UTF8.self)
    }
    mutating func tensor() throws(WireError) -> Tensor {
        let rank = try count()
        var shape: [Int] = []
        var total = 1
        for _ in 0..<rank {
            let d = try uint64("a tensor extent")
            guard d <= UInt64(WireCodec.maximumFrameSize) else { throw WireError(description: "tensor extent \(d) is too large") }
            shape.append(Int(d))
            total = total.multipliedReportingOverflow(by: Int(d)).overflow ? Int.max : total * Int(d)
        }
        guard total <= (bytes.count - position) / 8 else {
            throw WireError(description: "tensor of shape \(formatShape(shape)) exceeds the frame")
        }
        let data = try take(8 * total, "tensor data")
        let scalars = data.withUnsafeBytes { raw in
            (0..<total).map { Double(bitPattern: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 8 * $0, as: UInt64.self))) }
        }
        return Tensor(shape: shape, scalars: scalars)
    }
    mutating func tensors() throws(WireError) -> [String: Tensor] {
        var out: [String: Tensor] = [:]
        for _ in 0..<(try count()) { out[try string()] = try tensor() }
        return out
    }
    mutating func numbers() throws(WireError) -> [String: Double] {
        var out: [String: Double] = [:]
        for _ in 0..<(try count()) { out[try string()] = Double(bitPattern: try uint64("a number")) }
        return out
    }
    mutating func probes() throws(WireError) -> WorkerProbes {
        let input = try string()
        var points: [ProbePoint] = []
        for _ in 0..<(try count()) {
            let index = Int(Int64(bitPattern: try uint64("a probe's index")))
            points.append(ProbePoint(index: index, value: Double(bitPattern: try uint64("a probe's value"))))
        }
        var outputs: [String] = []
        for _ in 0..<(try count()) { outputs.append(try string()) }
        return WorkerProbes(input: input, points: points, outputs: outputs)
    }
    /// A count of replies, then the replies, each with its probe replies when
    /// `withProbes` (which hold none of their own).
    mutating func replies(withProbes: Bool) throws(WireError) -> [WorkerReply] {
        var replies: [WorkerReply] = []
        for _ in 0..<(try count()) {
            let tensors = try tensors()
            let numbers = try numbers()
            let error = try byte() == 0 ? nil : try string()
            let probes: [WorkerReply]
            if withProbes {
                probes = try self.replies(withProbes: false)
            } else {
                let start = position
                guard try count() == 0 else {
                    throw WireError(description: "a probe's reply holds replies of its own (byte \(start))")
                }
                probes = []
            }
            replies.append(WorkerReply(tensors: tensors, numbers: numbers, error: error, probes: probes))
        }
        return replies
    }
    func expectEnd() throws(WireError) {
        if position != bytes.count {
            throw WireError(description: "\(bytes.count - position) unexpected bytes after the last message")
        }
    }
}
