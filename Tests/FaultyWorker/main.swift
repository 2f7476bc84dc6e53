// A worker that misbehaves on purpose, one way per exercise, so the grader's tests can
// show that each misbehaviour is reported as what it is while the rest is still graded:
//   relu       correct (and prints to standard output)
//   affine     traps (index out of range)
//   batchnorm  hangs
//   layernorm  returns wrong values
//   groupnorm  returns a wrong shape
//   dropout    calls TODO (not started)
//   spatial-batchnorm  multiplies (N, C, H, W) by gamma (C,): shapes that do not broadcast
// With `--attack NAME` (see Attack.swift), relu's forward pass first attacks the
// sandbox the way a hostile submission would.
import Curriculum
import Foundation
import TensorKit
import WorkerKit

struct PrintingReLU: ReLULayer {
    func forward(_ x: Tensor) -> (out: Tensor, cache: Tensor) {
        print("hello from relu forward")
        Attack.fromArguments?.run()
        return (maximum(x, 0), x)
    }
    func backward(_ dout: Tensor, cache x: Tensor) -> Tensor { dout * (x .> 0.0) }
}

struct TrappingAffine: AffineLayer {
    func forward(_ x: Tensor, _ w: Tensor, _ b: Tensor) -> (out: Tensor, cache: Int) {
        let empty: [Int] = []
        return (x, empty[x.count])
    }
    func backward(_ dout: Tensor, cache: Int) -> (dx: Tensor, dw: Tensor, db: Tensor) { (dout, dout, dout) }
}

struct HangingBatchNorm: BatchNormLayer {
    func forward(_ x: Tensor, gamma: Tensor, beta: Tensor, mode: Mode,
                 state: inout BatchNormState) -> (out: Tensor, cache: Int) {
        while true { Thread.sleep(forTimeInterval: 1) }
    }
    func backward(_ dout: Tensor, cache: Int) -> (dx: Tensor, dgamma: Tensor, dbeta: Tensor) { (dout, dout, dout) }
    func backwardAlt(_ dout: Tensor, cache: Int) -> (dx: Tensor, dgamma: Tensor, dbeta: Tensor) { (dout, dout, dout) }
}

struct WrongLayerNorm: LayerNormLayer {
    func forward(_ x: Tensor, gamma: Tensor, beta: Tensor, eps: Double) -> (out: Tensor, cache: Tensor) {
        (x * 2 + 1, x)
    }
    func backward(_ dout: Tensor, cache: Tensor) -> (dx: Tensor, dgamma: Tensor, dbeta: Tensor) {
        (dout * 2, dout.sum(axis: 0), dout.sum(axis: 0))
    }
}

struct MisshapenGroupNorm: GroupNormLayer {
    func forward(_ x: Tensor, gamma: Tensor, beta: Tensor, groups: Int, eps: Double) -> (out: Tensor, cache: Int) {
        (x.flattenedBatch(), 0)
    }
    func backward(_ dout: Tensor, cache: Int) -> (dx: Tensor, dgamma: Tensor, dbeta: Tensor) {
        (dout.flattenedBatch(), dout, dout)
    }
}

struct MisbroadcastSpatialBatchNorm: SpatialBatchNormLayer {
    func forward(_ x: Tensor, gamma: Tensor, beta: Tensor, mode: Mode,
                 state: inout BatchNormState) -> (out: Tensor, cache: Int) {
        (x * gamma + beta, 0)
    }
    func backward(_ dout: Tensor, cache: Int) -> (dx: Tensor, dgamma: Tensor, dbeta: Tensor) { (dout, dout, dout) }
}

struct UnstartedDropout: DropoutLayer {
    func forward(_ x: Tensor, parameters: DropoutParameters) -> (out: Tensor, cache: Int) { TODO("dropout") }
    func backward(_ dout: Tensor, cache: Int) -> Tensor { TODO("dropout") }
}

WorkerMain.run(DispatchTable([
    .relu(PrintingReLU()),
    .affine(TrappingAffine()),
    .batchNorm(HangingBatchNorm()),
    .layerNorm(WrongLayerNorm()),
    .groupNorm(MisshapenGroupNorm()),
    .dropout(UnstartedDropout()),
    .spatialBatchNorm(MisbroadcastSpatialBatchNorm()),
]))
