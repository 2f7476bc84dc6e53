import Foundation

// Elementwise arithmetic with NumPy broadcasting.
//
// A number literal such as the `1` in `x + 1` could be a `Double` or, through the
// literal protocols, a 0-d `Tensor`. The tensor-with-tensor operators are marked
// disfavored so that the cheaper `Double` overloads win instead of the call being
// ambiguous.

extension Tensor {
    @_disfavoredOverload
    public static func + (lhs: Tensor, rhs: Tensor) -> Tensor { zipElements(lhs, rhs, +) }
    @_disfavoredOverload
    public static func - (lhs: Tensor, rhs: Tensor) -> Tensor { zipElements(lhs, rhs, -) }
    @_disfavoredOverload
    public static func * (lhs: Tensor, rhs: Tensor) -> Tensor { zipElements(lhs, rhs, *) }
    @_disfavoredOverload
    public static func / (lhs: Tensor, rhs: Tensor) -> Tensor { zipElements(lhs, rhs, /) }

    public static func + (lhs: Tensor, rhs: Double) -> Tensor { lhs.mapElements { $0 + rhs } }
    public static func - (lhs: Tensor, rhs: Double) -> Tensor { lhs.mapElements { $0 - rhs } }
    public static func * (lhs: Tensor, rhs: Double) -> Tensor { lhs.mapElements { $0 * rhs } }
    public static func / (lhs: Tensor, rhs: Double) -> Tensor { lhs.mapElements { $0 / rhs } }
    public static func + (lhs: Double, rhs: Tensor) -> Tensor { rhs.mapElements { lhs + $0 } }
    public static func - (lhs: Double, rhs: Tensor) -> Tensor { rhs.mapElements { lhs - $0 } }
    public static func * (lhs: Double, rhs: Tensor) -> Tensor { rhs.mapElements { lhs * $0 } }
    public static func / (lhs: Double, rhs: Tensor) -> Tensor { rhs.mapElements { lhs / $0 } }

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
