// Tensors made from a shape, a value or a range, as NumPy's creation functions make them.

extension Tensor {
    /// A tensor of the given shape with every element `value`.
    public static func full(_ shape: [Int], _ value: Double) -> Tensor {
        validate(shape: shape)
        return Tensor(unchecked: shape, [Double](repeating: value, count: shape.reduce(1, *)))
    }
    /// Zeros of the given shape.
    public static func zeros(_ shape: [Int]) -> Tensor { full(shape, 0) }
    /// Zeros of the given shape.
    public static func zeros(_ shape: Int...) -> Tensor { full(shape, 0) }
    /// Ones of the given shape.
    public static func ones(_ shape: [Int]) -> Tensor { full(shape, 1) }
    /// Ones of the given shape.
    public static func ones(_ shape: Int...) -> Tensor { full(shape, 1) }
    /// Zeros shaped like `other`.
    public static func zeros(like other: Tensor) -> Tensor { full(other.shape, 0) }

    /// `count` evenly spaced values from `start` to `stop`, both included.
    public static func linspace(_ start: Double, _ stop: Double, count: Int) -> Tensor {
        if count < 0 { shapeFailure("linspace: number of samples, \(count), must be non-negative") }
        if count == 1 { return Tensor([start]) }
        let step = (stop - start) / Double(count - 1)
        return Tensor((0..<count).map { i in i == count - 1 ? stop : start + Double(i) * step })
    }

    /// Values from `start` up to but excluding `stop`, `step` apart (NumPy's `arange`).
    ///
    /// Element `i` is `start + i · delta` with `delta = (start + step) − start`, the
    /// spacing NumPy uses, so fractional steps give NumPy's values to the last bit.
    public static func arange(_ start: Double, _ stop: Double, step: Double = 1) -> Tensor {
        if step == 0 { shapeFailure("arange: step must not be zero") }
        let length = ((stop - start) / step).rounded(.up)
        if !length.isFinite { shapeFailure("arange: cannot make \(length) elements from \(start) to \(stop) by \(step)") }
        let n = Int(Swift.max(0, length))
        let delta = (start + step) - start
        return Tensor((0..<n).map { $0 == 0 ? start : start + Double($0) * delta })
    }
    /// The whole numbers `0, 1, …, stop − 1`.
    public static func arange(_ stop: Int) -> Tensor { arange(0, Double(stop)) }

    /// The `n × n` identity matrix.
    public static func eye(_ n: Int) -> Tensor {
        var out = zeros([n, n])
        for i in 0..<n { out.scalars[i * n + i] = 1 }
        return out
    }
}
