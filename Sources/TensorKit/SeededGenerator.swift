/// TensorKit's random number generator: xoshiro256** seeded through SplitMix64.
///
/// Every random number in BackpropLab comes from here, never from the system
/// generator, so a seed gives the same numbers on every platform and toolchain:
/// the integer algorithm is fixed, uniforms use the top 53 bits, and normals use the
/// polar method with a logarithm computed in portable arithmetic (libm's `log` may
/// differ in the last bit between platforms).
public struct SeededGenerator: RandomNumberGenerator, Sendable, Hashable, Codable {
    private var state: (UInt64, UInt64, UInt64, UInt64)
    /// A second normal from the last polar-method draw, handed out next.
    private var spareNormal: Double?

    /// A generator whose sequence is fixed by `seed`.
    public init(seed: UInt64) {
        var x = seed
        func splitMix() -> UInt64 {
            x &+= 0x9E37_79B9_7F4A_7C15
            var z = x
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        state = (splitMix(), splitMix(), splitMix(), splitMix())
    }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        let result = rotateLeft(state.1 &* 5, 7) &* 9
        let t = state.1 << 17
        state.2 ^= state.0
        state.3 ^= state.1
        state.1 ^= state.2
        state.0 ^= state.3
        state.2 ^= t
        state.3 = rotateLeft(state.3, 45)
        return result
    }

    /// A uniform double in `[0, 1)`.
    public mutating func nextUniform() -> Double {
        Double(next() >> 11) * 0x1p-53
    }

    /// A standard normal sample (mean 0, variance 1).
    public mutating func nextNormal() -> Double {
        if let spare = spareNormal {
            spareNormal = nil
            return spare
        }
        while true {
            let u = 2 * nextUniform() - 1
            let v = 2 * nextUniform() - 1
            let s = u * u + v * v
            if s >= 1 || s == 0 { continue }
            let factor = (-2 * portableLog(s) / s).squareRoot()
            spareNormal = v * factor
            return u * factor
        }
    }

    /// A uniform whole number in `0..<upperBound`, without modulo bias.
    public mutating func nextInt(below upperBound: Int) -> Int {
        if upperBound <= 0 { shapeFailure("nextInt(below:): the upper bound must be positive, got \(upperBound)") }
        let bound = UInt64(upperBound)
        let threshold = (0 &- bound) % bound
        while true {
            let r = next()
            if r >= threshold { return Int(r % bound) }
        }
    }

    /// The numbers `0..<n` in a uniformly random order (Fisher–Yates).
    public mutating func permutation(_ n: Int) -> [Int] {
        var order = Array(0..<n)
        if n < 2 { return order }
        for i in stride(from: n - 1, to: 0, by: -1) {
            order.swapAt(i, nextInt(below: i + 1))
        }
        return order
    }

    public static func == (a: SeededGenerator, b: SeededGenerator) -> Bool {
        a.state == b.state && a.spareNormal == b.spareNormal
    }
    public func hash(into hasher: inout Hasher) {
        hasher.combine(state.0); hasher.combine(state.1); hasher.combine(state.2); hasher.combine(state.3)
        hasher.combine(spareNormal)
    }

    private enum CodingKeys: CodingKey { case state, spareNormal }
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let s = try c.decode([UInt64].self, forKey: .state)
        guard s.count == 4 else {
            throw DecodingError.dataCorruptedError(forKey: .state, in: c, debugDescription: "a generator state has 4 words, found \(s.count)")
        }
        state = (s[0], s[1], s[2], s[3])
        spareNormal = try c.decodeIfPresent(Double.self, forKey: .spareNormal)
    }
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode([state.0, state.1, state.2, state.3], forKey: .state)
        try c.encodeIfPresent(spareNormal, forKey: .spareNormal)
    }
}

@inline(__always)
private func rotateLeft(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }

/// The natural logarithm of a positive, finite `x`, in arithmetic that rounds the same
/// on every IEEE-754 platform: `x = m · 2^k` with `m` in [√½, √2), then
/// `log m = 2 atanh(s)`, `s = (m − 1)/(m + 1)`, summed as a series in `s²`.
func portableLog(_ x: Double) -> Double {
    var m = x.significand          // in [1, 2)
    var k = Double(x.exponent)
    if m > 1.4142135623730951 {
        m /= 2
        k += 1
    }
    let s = (m - 1) / (m + 1)
    let s2 = s * s
    var term = s
    var total = 0.0
    var n = 1.0
    // |s| < 0.1716, so s² < 0.0295: 14 terms reach far below one ulp.
    for _ in 0..<14 {
        total += term / n
        term *= s2
        n += 2
    }
    return 2 * total + k * 0.6931471805599453
}
