import Foundation

// Elementwise arithmetic with NumPy broadcasting.
//
// A number literal such as the `1` in `x + 1` could be a `Double` or, through the
// literal protocols, a 0-d `Tensor`. The tensor-with-tensor operators are marked
// disfavored so that the cheaper `Double` overloads win instead of the call being
// ambiguous.

extension Tensor {
    @_disfavoredOverload
    public static func + (lhs: Tensor, rhs: Tensor) -> Tensor { deferring(.add, lhs, rhs) ?? zipElements(lhs, rhs, +) }
    @_disfavoredOverload
    public static func - (lhs: Tensor, rhs: Tensor) -> Tensor { deferring(.subtract, lhs, rhs) ?? zipElements(lhs, rhs, -) }
    @_disfavoredOverload
    public static func * (lhs: Tensor, rhs: Tensor) -> Tensor { deferring(.multiply, lhs, rhs) ?? zipElements(lhs, rhs, *) }
    @_disfavoredOverload
    public static func / (lhs: Tensor, rhs: Tensor) -> Tensor { deferring(.divide, lhs, rhs) ?? zipElements(lhs, rhs, /) }

    public static func + (lhs: Tensor, rhs: Double) -> Tensor { deferring(.add, lhs, rhs) ?? lhs.mapElements { $0 + rhs } }
    public static func - (lhs: Tensor, rhs: Double) -> Tensor { deferring(.subtract, lhs, rhs) ?? lhs.mapElements { $0 - rhs } }
    public static func * (lhs: Tensor, rhs: Double) -> Tensor { deferring(.multiply, lhs, rhs) ?? lhs.mapElements { $0 * rhs } }
    public static func / (lhs: Tensor, rhs: Double) -> Tensor { deferring(.divide, lhs, rhs) ?? lhs.mapElements { $0 / rhs } }
    public static func + (lhs: Double, rhs: Tensor) -> Tensor { deferring(.add, lhs, rhs) ?? rhs.mapElements { lhs + $0 } }
    public static func - (lhs: Double, rhs: Tensor) -> Tensor { deferring(.subtract, lhs, rhs) ?? rhs.mapElements { lhs - $0 } }
    public static func * (lhs: Double, rhs: Tensor) -> Tensor { deferring(.multiply, lhs, rhs) ?? rhs.mapElements { lhs * $0 } }
    public static func / (lhs: Double, rhs: Tensor) -> Tensor { deferring(.divide, lhs, rhs) ?? rhs.mapElements { lhs / $0 } }

    @_disfavoredOverload
    public static func += (lhs: inout Tensor, rhs: Tensor) { lhs = lhs + rhs }
    @_disfavoredOverload
    public static func -= (lhs: inout Tensor, rhs: Tensor) { lhs = lhs - rhs }
    @_disfavoredOverload
    public static func *= (lhs: inout Tensor, rhs: Tensor) { lhs = lhs * rhs }
    @_disfavoredOverload
    public static func /= (lhs: inout Tensor, rhs: Tensor) { lhs = lhs / rhs }
    public static func += (lhs: inout Tensor, rhs: Double) { lhs = lhs + rhs }
    public static func -= (lhs: inout Tensor, rhs: Double) { lhs = lhs - rhs }
    public static func *= (lhs: inout Tensor, rhs: Double) { lhs = lhs * rhs }
    public static func /= (lhs: inout Tensor, rhs: Double) { lhs = lhs / rhs }

    public static prefix func - (operand: Tensor) -> Tensor { operand.mapElements { -$0 } }
}

// Comparisons give masks of 0 and 1, as NumPy's boolean arrays do when used in arithmetic.

extension Tensor {
    @_disfavoredOverload
    public static func .< (lhs: Tensor, rhs: Tensor) -> Tensor { zipElements(lhs, rhs) { $0 < $1 ? 1 : 0 } }
    @_disfavoredOverload
    public static func .<= (lhs: Tensor, rhs: Tensor) -> Tensor { zipElements(lhs, rhs) { $0 <= $1 ? 1 : 0 } }
    @_disfavoredOverload
    public static func .> (lhs: Tensor, rhs: Tensor) -> Tensor { zipElements(lhs, rhs) { $0 > $1 ? 1 : 0 } }
    @_disfavoredOverload
    public static func .>= (lhs: Tensor, rhs: Tensor) -> Tensor { zipElements(lhs, rhs) { $0 >= $1 ? 1 : 0 } }
    @_disfavoredOverload
    public static func .== (lhs: Tensor, rhs: Tensor) -> Tensor { zipElements(lhs, rhs) { $0 == $1 ? 1 : 0 } }
    @_disfavoredOverload
    public static func .!= (lhs: Tensor, rhs: Tensor) -> Tensor { zipElements(lhs, rhs) { $0 != $1 ? 1 : 0 } }

    public static func .< (lhs: Tensor, rhs: Double) -> Tensor { lhs.mapElements { $0 < rhs ? 1 : 0 } }
    public static func .<= (lhs: Tensor, rhs: Double) -> Tensor { lhs.mapElements { $0 <= rhs ? 1 : 0 } }
    public static func .> (lhs: Tensor, rhs: Double) -> Tensor { lhs.mapElements { $0 > rhs ? 1 : 0 } }
    public static func .>= (lhs: Tensor, rhs: Double) -> Tensor { lhs.mapElements { $0 >= rhs ? 1 : 0 } }
    public static func .== (lhs: Tensor, rhs: Double) -> Tensor { lhs.mapElements { $0 == rhs ? 1 : 0 } }
    public static func .!= (lhs: Tensor, rhs: Double) -> Tensor { lhs.mapElements { $0 != rhs ? 1 : 0 } }
}

// Arithmetic on big tensors is deferred (see `DeferredArithmetic`): these give the
// deferred tensor, or nil when the operation is to be computed at once.

extension Tensor {
    static func deferring(_ operation: DeferredArithmetic.Operation, _ lhs: Tensor, _ rhs: Tensor) -> Tensor? {
        // Small tensors, the grader's among them, are decided by one comparison.
        guard Swift.max(lhs.count, rhs.count) >= DeferredArithmetic.smallestCount else { return nil }
        if lhs.shape == rhs.shape {
            return DeferredArithmetic.tensor(operation, .init(lhs), .init(rhs), shape: lhs.shape)
        }
        // A one-element tensor acts as a number (a literal such as the 2 in `x * 2` can
        // become a 0-d tensor).
        if rhs.broadcastsAsNumber(onto: lhs) { return deferring(operation, lhs, rhs.scalars[0]) }
        if lhs.broadcastsAsNumber(onto: rhs) { return deferring(operation, lhs.scalars[0], rhs) }
        return nil
    }

    static func deferring(_ operation: DeferredArithmetic.Operation, _ lhs: Tensor, _ rhs: Double) -> Tensor? {
        guard lhs.count >= DeferredArithmetic.smallestCount else { return nil }
        return DeferredArithmetic.tensor(operation, .init(lhs), .scalar(rhs), shape: lhs.shape)
    }

    static func deferring(_ operation: DeferredArithmetic.Operation, _ lhs: Double, _ rhs: Tensor) -> Tensor? {
        guard rhs.count >= DeferredArithmetic.smallestCount else { return nil }
        return DeferredArithmetic.tensor(operation, .scalar(lhs), .init(rhs), shape: rhs.shape)
    }
}
