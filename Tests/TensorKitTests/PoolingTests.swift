import Testing
import TensorKit
import Curriculum

/// One max pooling to check: the input's shape, the window and the stride.
struct PoolingCase: CustomTestStringConvertible, Sendable {
    let input: [Int]
    let height: Int
    let width: Int
    let stride: Int

    var testDescription: String { "x \(formatShape(input)), \(height)×\(width) window, stride \(stride)" }
}

/// The course's naive max pooling (`max_pool_forward_naive` / `max_pool_backward_naive`),
/// one window at a time, written here independently: the forward pass's output and the
/// backward pass's input gradient, each window's gradient routed to the window's first
/// maximum in row-major order (`np.argmax`).
private func naiveMaxPooling(_ x: Tensor, _ dout: Tensor?, _ c: PoolingCase) -> (output: Tensor, input: Tensor) {
    let (n, ch, h, w) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
    let (ho, wo) = (1 + (h - c.height) / c.stride, 1 + (w - c.width) / c.stride)
    var out = Tensor.zeros([n, ch, ho, wo])
    var dx = Tensor.zeros(like: x)
    for i in 0..<n {
        for k in 0..<ch {
            for r in 0..<ho {
                for t in 0..<wo {
                    var (bestRow, bestColumn) = (r * c.stride, t * c.stride)
                    for p in 0..<c.height {
                        for q in 0..<c.width where x[i, k, r * c.stride + p, t * c.stride + q] > x[i, k, bestRow, bestColumn] {
                            (bestRow, bestColumn) = (r * c.stride + p, t * c.stride + q)
                        }
                    }
                    out[i, k, r, t] = x[i, k, bestRow, bestColumn]
                    if let dout { dx[i, k, bestRow, bestColumn] += dout[i, k, r, t] }
                }
            }
        }
    }
    return (out, dx)
}

@Suite("Max pooling: forward and backward against the course's naive loops")
struct PoolingTests {
    static let cases = [
        PoolingCase(input: [1, 1, 4, 4], height: 2, width: 2, stride: 2),
        PoolingCase(input: [2, 3, 5, 7], height: 3, width: 2, stride: 2),  // leaves a column out
        PoolingCase(input: [1, 2, 6, 6], height: 3, width: 3, stride: 1),  // overlapping windows
        PoolingCase(input: [3, 2, 8, 8], height: 2, width: 2, stride: 2),
        PoolingCase(input: [2, 1, 7, 5], height: 1, width: 1, stride: 1),
        PoolingCase(input: [1, 1, 5, 9], height: 5, width: 4, stride: 3),
    ]

    @Test("forward and backward agree with the naive loops", arguments: cases)
    func agreesWithNaiveLoops(_ c: PoolingCase) {
        var generator = SeededGenerator(seed: 5)
        let x = Tensor.randomNormal(c.input, using: &generator)
        let out = x.maxPooled(height: c.height, width: c.width, stride: c.stride)
        let dout = Tensor.randomNormal(out.shape, using: &generator)
        let naive = naiveMaxPooling(x, dout, c)
        // Choosing and adding up values: no rounding to allow for.
        #expect(bits(out) == bits(naive.output))
        #expect(bits(x.maxPoolingGradient(dout, height: c.height, width: c.width, stride: c.stride)) == bits(naive.input))
    }

    @Test("agrees with numpy's naive loops", arguments: [
        ("pool_course", PoolingCase(input: [2, 3, 4, 4], height: 2, width: 2, stride: 2)),
        ("pool_overlapping", PoolingCase(input: [1, 2, 5, 7], height: 3, width: 2, stride: 2)),
        ("pool_ties", PoolingCase(input: [2, 2, 5, 5], height: 2, width: 2, stride: 1)),
    ])
    func agreesWithNumpy(_ name: String, _ c: PoolingCase) throws {
        let x = try convolutionReference(name, "x")
        #expect(x.shape == c.input)
        #expect(bits(x.maxPooled(height: c.height, width: c.width, stride: c.stride)) == bits(try convolutionReference(name, "out")))
        let dx = x.maxPoolingGradient(try convolutionReference(name, "dout"), height: c.height, width: c.width, stride: c.stride)
        // np.zeros + dout values added in the same window order: the same sums.
        #expect(bits(dx) == bits(try convolutionReference(name, "dx")))
    }

    @Test("the backward pass is the gradient, by central differences", arguments: [cases[1], cases[2]])
    func backwardMatchesNumericGradient(_ c: PoolingCase) {
        var generator = SeededGenerator(seed: 8)
        let x = Tensor.randomNormal(c.input, using: &generator)
        let forward = { (x: Tensor) in x.maxPooled(height: c.height, width: c.width, stride: c.stride) }
        let dout = Tensor.randomNormal(forward(x).shape, using: &generator)
        let dx = x.maxPoolingGradient(dout, height: c.height, width: c.width, stride: c.stride)
        #expect(relativeError(dx, numericGradient(of: forward, at: x, dout: dout)) < 1e-8)
    }

    @Test("a tied window sends its whole gradient to its first maximum in row-major order")
    func tiesGoToTheFirstMaximum() {
        // Window 1: all equal, the first element wins. Window 2: 3 twice, the one in
        // the first row wins. A `window == max` mask would send 7 to four elements
        // and 5 to two.
        let x = Tensor(shape: [1, 1, 2, 4], scalars: [1, 1, 0, 3,
                                                      1, 1, 3, 2])
        #expect(x.maxPooled(height: 2, width: 2, stride: 2).scalars == [1, 3])
        let dx = x.maxPoolingGradient(Tensor(shape: [1, 1, 1, 2], scalars: [7, 5]), height: 2, width: 2, stride: 2)
        #expect(dx.scalars == [7, 0, 0, 5,
                               0, 0, 0, 0])
    }

    @Test("an element that is the maximum of overlapping windows gets the sum of their gradients")
    func overlappingWindowsAddUp() {
        let x = Tensor(shape: [1, 1, 1, 3], scalars: [0, 9, 0])
        let dx = x.maxPoolingGradient(Tensor(shape: [1, 1, 1, 2], scalars: [2, 3]), height: 1, width: 2, stride: 1)
        #expect(dx.scalars == [0, 5, 0])
    }

    @Test("NaN is a window's maximum, as in np.max and np.argmax")
    func notANumberWins() {
        let x = Tensor(shape: [1, 1, 2, 2], scalars: [1, .nan, 5, .nan])
        #expect(x.maxPooled(height: 2, width: 2, stride: 2).scalars[0].isNaN)
        let dx = x.maxPoolingGradient(Tensor(shape: [1, 1, 1, 1], scalars: [4]), height: 2, width: 2, stride: 2)
        #expect(dx.scalars == [0, 4, 0, 0])
    }
}
