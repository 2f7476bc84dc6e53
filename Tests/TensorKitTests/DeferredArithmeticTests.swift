import Foundation
import Testing
@testable import TensorKit

/// Big enough to be deferred: 300 × 250 = 75,000 elements.
private let shape = [300, 250]
private let count = 75_000

/// A tensor of `shape` with random elements, some negative (so that a square root or a
/// division by one of them gives NaN or an infinity here and there).
private func random(seed: UInt64) -> Tensor {
    var generator = SeededGenerator(seed: seed)
    var t = Tensor.randomNormal(shape, using: &generator)
    t[0, 0] = 0
    t[0, 1] = -0.0
    return t
}

/// `values` computed one element at a time, in plain Swift: what deferred arithmetic must give.
private func elementwise(_ a: Tensor, _ b: Tensor, _ op: (Double, Double) -> Double) -> [Double] {
    zip(a.scalars, b.scalars).map(op)
}

/// Whether two arrays are the same bit for bit (NaNs of any payload count as equal).
private func sameBits(_ a: [Double], _ b: [Double]) -> Bool {
    a.count == b.count && zip(a, b).allSatisfy { $0.bitPattern == $1.bitPattern || ($0.isNaN && $1.isNaN) }
}

@Suite("Arithmetic on big tensors is computed when its elements are first read")
struct DeferredArithmeticTests {
    let a = random(seed: 1), b = random(seed: 2), c = random(seed: 3)

    @Test("it is deferred, and its shape and count are known before anything is computed")
    func deferredUntilRead() throws {
        #expect(count >= DeferredArithmetic.smallestCount)
        let sum = a + b
        let arithmetic = try #require(sum.deferred as? DeferredArithmetic)
        #expect(sum.shape == shape && sum.count == count && !arithmetic.isComputed)
        #expect(sum.reshaped(-1).count == count && !arithmetic.isComputed)
        _ = sum[1, 2]
        #expect(arithmetic.isComputed)
    }

    @Test("every operation gives what it gives at once, bit for bit, whatever its operands")
    func eachOperationBitForBit() {
        let operations: [(String, (Tensor, Tensor) -> Tensor, (Double, Double) -> Double)] = [
            ("+", { $0 + $1 }, +), ("-", { $0 - $1 }, -), ("*", { $0 * $1 }, *), ("/", { $0 / $1 }, /),
        ]
        for (name, tensors, numbers) in operations {
            #expect(sameBits(tensors(a, b).scalars, elementwise(a, b, numbers)), "a \(name) b")
            #expect(sameBits(tensors(a, Tensor(shape: shape, scalars: Array(repeating: 0.3, count: count))).scalars,
                             a.scalars.map { numbers($0, 0.3) }), "a \(name) 0.3 as a tensor")
        }
        #expect(sameBits((a + 0.3).scalars, a.scalars.map { $0 + 0.3 }))
        #expect(sameBits((a - 0.3).scalars, a.scalars.map { $0 - 0.3 }))
        #expect(sameBits((a * 0.3).scalars, a.scalars.map { $0 * 0.3 }))
        #expect(sameBits((a / 0.3).scalars, a.scalars.map { $0 / 0.3 }))
        #expect(sameBits((0.3 + a).scalars, a.scalars.map { 0.3 + $0 }))
        #expect(sameBits((0.3 - a).scalars, a.scalars.map { 0.3 - $0 }))
        #expect(sameBits((0.3 * a).scalars, a.scalars.map { 0.3 * $0 }))
        #expect(sameBits((0.3 / a).scalars, a.scalars.map { 0.3 / $0 }))
        #expect(sameBits((Tensor([[0.3]]) - a).scalars, a.scalars.map { 0.3 - $0 }))
        #expect(sameBits((a / Tensor(0.3)).scalars, a.scalars.map { $0 / 0.3 }))
        #expect(sameBits(sqrt(a).scalars, a.scalars.map { $0.squareRoot() }))
    }

    @Test("a formula of many operations gives what they give one at a time")
    func formulaBitForBit() {
        // Adam's update, as the course writes it.
        let (w, dw, m0, v0) = (a, b, c, abs(random(seed: 4)))
        let m = 0.9 * m0 + (1 - 0.9) * dw
        let v = 0.999 * v0 + (1 - 0.999) * dw * dw
        let update = w - 1e-3 * (m / 0.41) / (sqrt(v / 0.005) + 1e-8)
        var expected = [Double]()
        for i in 0..<count {
            let (wi, gi) = (w.scalars[i], dw.scalars[i])
            let mi = 0.9 * m0.scalars[i] + (1 - 0.9) * gi
            let vi = 0.999 * v0.scalars[i] + (1 - 0.999) * gi * gi
            expected.append(wi - 1e-3 * (mi / 0.41) / ((vi / 0.005).squareRoot() + 1e-8))
        }
        #expect(sameBits(update.scalars, expected))
        // m and v are still held here: computed on their own, once, and readable.
        #expect((m.deferred as? DeferredArithmetic)?.isComputed == true)
        #expect(sameBits(m.scalars, (0..<count).map { 0.9 * m0.scalars[$0] + (1 - 0.9) * dw.scalars[$0] }))
    }

    @Test("a formula big enough for two cores gives the same bits, ragged last block included")
    func splitBetweenCores() {
        var generator = SeededGenerator(seed: 6)
        let x = Tensor.randomNormal([601, 499], using: &generator)  // 299,899 elements
        let y = Tensor.randomNormal([601, 499], using: &generator)
        #expect(x.count >= 2 * DeferredArithmetic.elementsPerThread, "not big enough for two threads")
        let formula = (x * y + 1) / (sqrt(abs(y)) + 0.5)
        let expected = zip(x.scalars, y.scalars).map { ($0 * $1 + 1) / (Swift.abs($1).squareRoot() + 0.5) }
        #expect(sameBits(formula.scalars, expected))
    }

    @Test("operands may be views, products, reshaped or deferred themselves")
    func mixedOperands() {
        var generator = SeededGenerator(seed: 5)
        let square = Tensor.randomNormal([300, 300], using: &generator)
        let product = square.matmul(square)                 // deferred product
        let viewSum = square.transposed() + product          // a view and a product
        #expect(sameBits(viewSum.scalars, elementwise(square.transposed(), product, +)))
        let flat = (a + b).reshaped(-1) * c.reshaped(-1)    // a reshaped formula
        #expect(sameBits(flat.scalars, zip(elementwise(a, b, +), c.scalars).map(*)))
        #expect(flat.shape == [count])
    }

    @Test("a loop that keeps building on its result stays bounded and correct")
    func longChains() {
        var x = a, expected = a.scalars, deferredSteps = 0
        for step in 0..<100 {
            x = x * 1.001 + Double(step)
            expected = expected.map { $0 * 1.001 + Double(step) }
            // Deferred until the formula would grow too long; then computed at once.
            if let arithmetic = x.deferred as? DeferredArithmetic {
                #expect(arithmetic.operations <= DeferredArithmetic.largestFormula)
                deferredSteps += 1
            }
        }
        #expect(deferredSteps > 50 && deferredSteps < 100)
        #expect(sameBits(x.scalars, expected))
    }

    @Test("once computed, it lets go of the tensors it was computed from")
    func releasesItsOperands() throws {
        var x: Tensor? = a + b
        _ = x?.scalars  // computed: the next formula reads it as a tensor
        weak let box = try #require(x?.deferred as? DeferredArithmetic)
        let y = x! * 2
        x = nil
        #expect(box != nil, "y's formula still needs x")
        _ = y.scalars
        #expect(box == nil, "computed, y's formula no longer holds x")
    }

    @Test("changing a copy changes neither the other copies nor the operands")
    func valueSemantics() {
        let sum = a + b
        var changed = sum
        changed[0, 0] = 42
        changed += 1
        #expect(changed[0, 0] == 43 && changed[0, 1] == sum[0, 1] + 1)
        #expect(sameBits(sum.scalars, elementwise(a, b, +)))
        #expect(a == random(seed: 1) && b == random(seed: 2))
    }

    @Test("threads that read it at once all get the same elements")
    func readFromManyThreads() {
        let formula = sqrt(abs(a) * b + c) / 3
        let expected = zip(zip(a.scalars, b.scalars).map { Swift.abs($0) * $1 }, c.scalars)
            .map { ($0 + $1).squareRoot() / 3 }
        let reads = concurrentResults(threads: 8) { _ in formula.scalars }
        #expect(reads.allSatisfy { sameBits($0, expected) })
    }

    @Test("small tensors and broadcasting are computed at once")
    func computedAtOnce() {
        let small = Tensor.ones([10, 10])
        #expect((small + small).deferred == nil && (small * 2).deferred == nil && sqrt(small).deferred == nil)
        #expect((a * Tensor(2)).deferred != nil && (Tensor([[2]]) - a).deferred != nil,
                "a one-element tensor is a number")
        let row = Tensor.ones([250])
        #expect((a + row).deferred == nil)
        #expect(sameBits((a + row).scalars, a.scalars.map { $0 + 1 }))
    }
}
