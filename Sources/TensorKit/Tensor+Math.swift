import CTensorKitCPU
import Foundation

// Elementwise functions, named as NumPy names them. As for the operators, the
// tensor-with-tensor overloads are disfavored, so `maximum(x, 0)` takes the `Double`
// one rather than being ambiguous.

/// `e` raised to every element.
public func exp(_ x: Tensor) -> Tensor { x.mapElements { Foundation.exp($0) } }
/// The natural logarithm of every element.
public func log(_ x: Tensor) -> Tensor { x.mapElements { Foundation.log($0) } }
/// The square root of every element.
public func sqrt(_ x: Tensor) -> Tensor {
    Tensor.deferring(.squareRoot, x, 0.0) ?? x.mapElements { tensorkit_square_root($0) }
}
/// The absolute value of every element.
public func abs(_ x: Tensor) -> Tensor { x.mapElements { Swift.abs($0) } }
/// The hyperbolic tangent of every element.
public func tanh(_ x: Tensor) -> Tensor { x.mapElements { Foundation.tanh($0) } }
/// Every element raised to `exponent`.
public func pow(_ x: Tensor, _ exponent: Double) -> Tensor {
    if exponent == 2 { return x.mapElements { $0 * $0 } }
    return x.mapElements { Foundation.pow($0, exponent) }
}
/// Elementwise powers with broadcasting.
@_disfavoredOverload
public func pow(_ x: Tensor, _ exponent: Tensor) -> Tensor {
    Tensor.zipElements(x, exponent) { Foundation.pow($0, $1) }
}
/// The larger of each broadcast pair (NumPy's `maximum`; NaN wins, as there).
@_disfavoredOverload
public func maximum(_ a: Tensor, _ b: Tensor) -> Tensor {
    Tensor.zipElements(a, b) { $0.isNaN || $1.isNaN ? .nan : Swift.max($0, $1) }
}
/// The larger of each element and `b`.
public func maximum(_ a: Tensor, _ b: Double) -> Tensor {
    a.mapElements { $0.isNaN || b.isNaN ? .nan : Swift.max($0, b) }
}
/// The smaller of each broadcast pair (NumPy's `minimum`).
@_disfavoredOverload
public func minimum(_ a: Tensor, _ b: Tensor) -> Tensor {
    Tensor.zipElements(a, b) { $0.isNaN || $1.isNaN ? .nan : Swift.min($0, $1) }
}
/// The smaller of each element and `b`.
public func minimum(_ a: Tensor, _ b: Double) -> Tensor {
    a.mapElements { $0.isNaN || b.isNaN ? .nan : Swift.min($0, b) }
}
/// Every element limited to `[low, high]`.
public func clip(_ x: Tensor, _ low: Double, _ high: Double) -> Tensor {
    x.mapElements { Swift.min(Swift.max($0, low), high) }
}

extension Tensor {
    /// Picks from `a` where `mask` is non-zero and from `b` elsewhere, with broadcasting
    /// (NumPy's `where`).
    public static func `where`(_ mask: Tensor, _ a: Tensor, _ b: Tensor) -> Tensor {
        let shape = broadcastShape(mask.shape, broadcastShape(a.shape, b.shape))
        let m = mask.broadcast(to: shape), x = a.broadcast(to: shape), y = b.broadcast(to: shape)
        var out = [Double](repeating: 0, count: m.count)
        for i in 0..<out.count { out[i] = m.scalars[i] != 0 ? x.scalars[i] : y.scalars[i] }
        return Tensor(unchecked: shape, out)
    }

    /// Applies a function to every element. Prefer the tensor operations where one
    /// exists: they run over raw buffers and are much faster.
    public func map(_ transform: (Double) throws -> Double) rethrows -> Tensor {
        Tensor(unchecked: shape, try scalars.map(transform))
    }

    /// Whether every element is finite (no NaN, no infinity).
    public var isFinite: Bool { scalars.allSatisfy { $0.isFinite } }
}
