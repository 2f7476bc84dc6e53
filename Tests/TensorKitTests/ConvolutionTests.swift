import Testing
import TensorKit
import Curriculum

/// One convolution to check: the shapes of its input and filters, its stride and pad.
struct ConvolutionCase: CustomTestStringConvertible, Sendable {
    let input: [Int]
    let filters: [Int]
    let stride: Int
    let padding: Int

    var testDescription: String {
        "x \(formatShape(input)) * w \(formatShape(filters)), stride \(stride), pad \(padding)"
    }
}

/// The course's naive convolution (`conv_forward_naive` / `conv_backward_naive`), one
/// window at a time, written here independently of TensorKit's im2col.
///
/// Next to each result it keeps the sum of the magnitudes of the terms added into it,
/// and the most terms any element adds: two correct implementations that add the same
/// terms in different orders differ by at most `2·terms·u·Σ|term|` (u = 2⁻⁵³), the
/// bound `MatMulTests` explains, which ``Result/mismatch(_:)`` allows per element.
private struct NaiveConvolution {
    struct Result {
        var values: [Double]
        var magnitudes: [Double]
        var terms: Int
        let shape: [Int]

        init(shape: [Int], terms: Int) {
            values = [Double](repeating: 0, count: shape.reduce(1, *))
            magnitudes = values
            self.shape = shape
            self.terms = terms
        }

        mutating func add(_ term: Double, at i: Int) {
            values[i] += term
            magnitudes[i] += Swift.abs(term)
        }

        /// What is wrong with `actual`: nil when it has this shape and every element is
        /// within the rounding bound, else the shape or the first element that is not.
        func mismatch(_ actual: Tensor) -> String? {
            if actual.shape != shape { return "shape \(formatShape(actual.shape)), expected \(formatShape(shape))" }
            for i in actual.scalars.indices {
                let bound = 2 * Double(terms) * 0x1p-53 * magnitudes[i]
                if !(Swift.abs(actual.scalars[i] - values[i]) <= bound) {
                    return "at \(actual.multiIndex(ofFlatIndex: i)): \(actual.scalars[i]), expected \(values[i]) ± \(bound)"
                }
            }
            return nil
        }
    }

    var output: Result
    var input: Result
    var filters: Result
    var bias: Result

    init(x: Tensor, w: Tensor, b: Tensor, dout: Tensor, stride s: Int, padding pad: Int) {
        let (n, c, h, wd) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
        let (f, hh, ww) = (w.shape[0], w.shape[2], w.shape[3])
        let (ho, wo) = (1 + (h + 2 * pad - hh) / s, 1 + (wd + 2 * pad - ww) / s)
        output = Result(shape: [n, f, ho, wo], terms: c * hh * ww + 1)
        input = Result(shape: x.shape, terms: f * hh * ww)
        filters = Result(shape: w.shape, terms: n * ho * wo)
        bias = Result(shape: [f], terms: n * ho * wo)
        for i in 0..<n {
            for k in 0..<f {
                for r in 0..<ho {
                    for t in 0..<wo {
                        let o = ((i * f + k) * ho + r) * wo + t
                        let g = dout[i, k, r, t]
                        output.add(b[k], at: o)
                        bias.add(g, at: k)
                        for ch in 0..<c {
                            for p in 0..<hh {
                                for q in 0..<ww {
                                    let (y, z) = (r * s + p - pad, t * s + q - pad)
                                    if y < 0 || y >= h || z < 0 || z >= wd { continue }  // padding: zero
                                    let xi = ((i * c + ch) * h + y) * wd + z
                                    let wi = ((k * c + ch) * hh + p) * ww + q
                                    output.add(x.scalars[xi] * w.scalars[wi], at: o)
                                    input.add(w.scalars[wi] * g, at: xi)
                                    filters.add(x.scalars[xi] * g, at: wi)
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

@Suite("Convolution: forward and backward against the course's naive loops")
struct ConvolutionTests {
    static let cases = [
        ConvolutionCase(input: [1, 1, 5, 5], filters: [2, 1, 3, 3], stride: 1, padding: 0),
        ConvolutionCase(input: [2, 3, 7, 7], filters: [4, 3, 3, 3], stride: 2, padding: 1),
        ConvolutionCase(input: [1, 1, 6, 9], filters: [3, 1, 2, 4], stride: 1, padding: 2),
        ConvolutionCase(input: [3, 2, 5, 8], filters: [2, 2, 3, 2], stride: 2, padding: 0),
        ConvolutionCase(input: [1, 3, 9, 7], filters: [2, 3, 5, 3], stride: 2, padding: 2),
        ConvolutionCase(input: [2, 4, 3, 3], filters: [3, 4, 1, 1], stride: 1, padding: 0),
        ConvolutionCase(input: [5, 1, 8, 8], filters: [6, 1, 3, 3], stride: 1, padding: 1),
        ConvolutionCase(input: [2, 2, 4, 4], filters: [1, 2, 4, 4], stride: 1, padding: 0),
        // Padding wider than the filter: the first and last windows lie in it entirely.
        ConvolutionCase(input: [2, 2, 3, 4], filters: [2, 2, 1, 1], stride: 1, padding: 2),
        ConvolutionCase(input: [1, 2, 6, 3], filters: [3, 2, 2, 3], stride: 2, padding: 4),
        // 13 images of 147 × 1024 window values: laid out in several groups of images.
        ConvolutionCase(input: [13, 3, 32, 32], filters: [2, 3, 7, 7], stride: 1, padding: 3),
    ]

    @Test("forward and backward agree with the naive loops", arguments: cases)
    func agreesWithNaiveLoops(_ c: ConvolutionCase) {
        var generator = SeededGenerator(seed: 12)
        let x = Tensor.randomNormal(c.input, using: &generator)
        let w = Tensor.randomNormal(c.filters, using: &generator)
        let b = Tensor.randomNormal([c.filters[0]], using: &generator)
        let out = x.convolved(with: w, bias: b, stride: c.stride, padding: c.padding)
        let dout = Tensor.randomNormal(out.shape, using: &generator)
        let naive = NaiveConvolution(x: x, w: w, b: b, dout: dout, stride: c.stride, padding: c.padding)
        #expect(naive.output.mismatch(out) == nil)
        let gradients = x.convolutionGradients(dout, filters: w, stride: c.stride, padding: c.padding)
        #expect(naive.input.mismatch(gradients.input) == nil)
        #expect(naive.filters.mismatch(gradients.filters) == nil)
        #expect(naive.bias.mismatch(gradients.bias) == nil)
    }

    @Test("agrees with numpy's naive loops", arguments: ["conv_course", "conv_rectangular", "conv_stride2_pad2"])
    func agreesWithNumpy(_ name: String) throws {
        let (stride, padding) = name == "conv_rectangular" ? (1, 0) : (2, name == "conv_course" ? 1 : 2)
        let x = try convolutionReference(name, "x"), w = try convolutionReference(name, "w")
        let out = x.convolved(with: w, bias: try convolutionReference(name, "b"), stride: stride, padding: padding)
        let gradients = x.convolutionGradients(try convolutionReference(name, "dout"), filters: w, stride: stride, padding: padding)
        // numpy adds in yet another order (np.sum over a window); values are of order 1
        // to 10 and sums have at most 48 terms.
        #expect(isClose(out, try convolutionReference(name, "out"), tolerance: 1e-13))
        #expect(isClose(gradients.input, try convolutionReference(name, "dx"), tolerance: 1e-13))
        #expect(isClose(gradients.filters, try convolutionReference(name, "dw"), tolerance: 1e-13))
        #expect(isClose(gradients.bias, try convolutionReference(name, "db"), tolerance: 1e-13))
    }

    @Test("the backward pass is the gradient, by central differences", arguments: [cases[1], cases[2], cases[4]])
    func backwardMatchesNumericGradient(_ c: ConvolutionCase) {
        var generator = SeededGenerator(seed: 3)
        let x = Tensor.randomNormal(c.input, using: &generator)
        let w = Tensor.randomNormal(c.filters, using: &generator)
        let b = Tensor.randomNormal([c.filters[0]], using: &generator)
        let forward = { (x: Tensor, w: Tensor, b: Tensor) in x.convolved(with: w, bias: b, stride: c.stride, padding: c.padding) }
        let dout = Tensor.randomNormal(forward(x, w, b).shape, using: &generator)
        let gradients = x.convolutionGradients(dout, filters: w, stride: c.stride, padding: c.padding)
        #expect(relativeError(gradients.input, numericGradient(of: { forward($0, w, b) }, at: x, dout: dout)) < 1e-8)
        #expect(relativeError(gradients.filters, numericGradient(of: { forward(x, $0, b) }, at: w, dout: dout)) < 1e-8)
        #expect(relativeError(gradients.bias, numericGradient(of: { forward(x, w, $0) }, at: b, dout: dout)) < 1e-8)
    }

    @Test("is a cross-correlation: the filter is not flipped")
    func crossCorrelationByHand() {
        // One 3×3 image, one 2×2 filter: out[i, j] = Σ x[i + p, j + q] · w[p, q].
        let x = Tensor(shape: [1, 1, 3, 3], scalars: [1, 2, 3, 4, 5, 6, 7, 8, 9])
        let w = Tensor(shape: [1, 1, 2, 2], scalars: [1, 0, 0, 2])
        let out = x.convolved(with: w, bias: Tensor([0.5]))
        #expect(out.shape == [1, 1, 2, 2])
        // 1·1 + 5·2 + 0.5, 2·1 + 6·2 + 0.5, 4·1 + 8·2 + 0.5, 5·1 + 9·2 + 0.5
        #expect(out.scalars == [11.5, 14.5, 20.5, 23.5])
    }

    @Test("pads with zeros on every side")
    func paddingByHand() {
        // A 2×2 image under a 3×3 filter of 1…9 with pad 1: each of the four windows
        // holds the image in a different corner, so padding on one side only, or
        // unpadded, would give other values.
        let x = Tensor(shape: [1, 1, 2, 2], scalars: [1, 2, 3, 4])
        let w = Tensor(shape: [1, 1, 3, 3], scalars: (1...9).map(Double.init))
        let out = x.convolved(with: w, bias: Tensor([0]), padding: 1)
        #expect(out.shape == [1, 1, 2, 2])
        // 1·5 + 2·6 + 3·8 + 4·9, 1·4 + 2·5 + 3·7 + 4·8, 1·2 + 2·3 + 3·5 + 4·6, 1·1 + 2·2 + 3·4 + 4·5
        #expect(out.scalars == [77, 67, 47, 37])
    }
}
