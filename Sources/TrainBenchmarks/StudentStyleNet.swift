import Curriculum
import TensorKit

/// The benchmark's step written the way a student writes it from the handouts: one
/// network type, layers as plain functions of TensorKit's operations (`transposed()`,
/// broadcasting, reductions with `keepDims`), caches as tuples. No reference code.
///
/// Architecture: `{affine – batch norm – ReLU – dropout} × (L − 1) – affine – softmax`,
/// L2 regularization on the weights, Adam on every parameter.
struct StudentStyleNet {
    var params: [String: Tensor] = [:]
    var adam: [String: (m: Tensor, v: Tensor)] = [:]
    var runningMean: [Tensor]
    var runningVariance: [Tensor]
    var step = 0
    let layers: Int
    let reg: Double
    let keep: Double
    var generator: SeededGenerator

    /// - Parameters:
    ///   - sizes: `[D, H1, …, C]`.
    ///   - reg: L2 strength.
    ///   - keep: dropout keep probability.
    init(sizes: [Int], reg: Double, keep: Double, seed: UInt64) {
        generator = SeededGenerator(seed: seed)
        layers = sizes.count - 1
        self.reg = reg
        self.keep = keep
        for i in 1...layers {
            params["W\(i)"] = 1e-2 * Tensor.randomNormal([sizes[i - 1], sizes[i]], using: &generator)
            params["b\(i)"] = .zeros([sizes[i]])
            if i < layers {
                params["gamma\(i)"] = .ones([sizes[i]])
                params["beta\(i)"] = .zeros([sizes[i]])
            }
        }
        for (name, p) in params { adam[name] = (.zeros(like: p), .zeros(like: p)) }
        runningMean = sizes[1..<layers].map { .zeros([$0]) }
        runningVariance = runningMean
    }

    /// Forward, backward and an Adam update of every parameter.
    /// - Parameters:
    ///   - x: inputs `(N, D)`.
    ///   - labels: `N` class indices.
    /// - Returns: the loss before the update.
    mutating func trainStep(_ x: Tensor, labels: [Int]) -> Double {
        var caches: [(x: Tensor, xHat: Tensor, std: Tensor, relu: Tensor, mask: Tensor)] = []
        var h = x
        for i in 1..<layers {
            let a = h.matmul(params["W\(i)"]!) + params["b\(i)"]!
            let mean = a.mean(axis: 0)
            let variance = a.variance(axis: 0)
            runningMean[i - 1] = 0.9 * runningMean[i - 1] + 0.1 * mean
            runningVariance[i - 1] = 0.9 * runningVariance[i - 1] + 0.1 * variance
            let std = sqrt(variance + 1e-5)
            let xHat = (a - mean) / std
            let bn = params["gamma\(i)"]! * xHat + params["beta\(i)"]!
            let relu = maximum(bn, 0)
            let mask = (Tensor.randomUniform(relu.shape, using: &generator) .< keep) / keep
            caches.append((h, xHat, std, bn, mask))
            h = relu * mask
        }
        let scores = h.matmul(params["W\(layers)"]!) + params["b\(layers)"]!
        var (loss, dscores) = softmaxLoss(scores, labels: labels)

        var grads: [String: Tensor] = [:]
        grads["W\(layers)"] = h.transposed().matmul(dscores)
        grads["b\(layers)"] = dscores.sum(axis: 0)
        var dh = dscores.matmul(params["W\(layers)"]!.transposed())
        for i in (1..<layers).reversed() {
            let cache = caches[i - 1]
            dh = dh * cache.mask
            dh = dh * (cache.relu .> 0)
            let n = Double(dh.shape[0])
            grads["gamma\(i)"] = (dh * cache.xHat).sum(axis: 0)
            grads["beta\(i)"] = dh.sum(axis: 0)
            let dxHat = dh * params["gamma\(i)"]!
            dh = (n * dxHat - dxHat.sum(axis: 0) - cache.xHat * (dxHat * cache.xHat).sum(axis: 0))
                / (n * cache.std)
            grads["W\(i)"] = cache.x.transposed().matmul(dh)
            grads["b\(i)"] = dh.sum(axis: 0)
            dh = dh.matmul(params["W\(i)"]!.transposed())
        }
        for i in 1...layers {
            let w = params["W\(i)"]!
            loss += 0.5 * reg * (w * w).sum().scalar
            grads["W\(i)"]! += reg * w
        }

        step += 1
        let t = Double(step)
        for (name, dw) in grads {
            var (m, v) = adam[name]!
            m = 0.9 * m + 0.1 * dw
            v = 0.999 * v + 0.001 * dw * dw
            adam[name] = (m, v)
            let mHat = m / (1 - pow(0.9, t))
            let vHat = v / (1 - pow(0.999, t))
            params[name] = params[name]! - 1e-3 * mHat / (sqrt(vHat) + 1e-8)
        }
        return loss
    }
}
