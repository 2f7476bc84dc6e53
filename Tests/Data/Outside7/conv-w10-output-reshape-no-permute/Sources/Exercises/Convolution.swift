import Curriculum
import TensorKit

/// Convolution as im2col + one matrix product; backward through col2im.
/// Sizes and the stop come from TensorKit's ConvolutionGeometry.
public struct Convolution: ConvolutionLayer {
    public struct Cache {
        var columns: Tensor          // (N·H′·W′, C·HH·WW)
        var w: Tensor
        var geometry: ConvolutionGeometry
    }

    public init() {}

    private func im2col(_ x: Tensor, _ g: ConvolutionGeometry) -> Tensor {
        let xp = x.padded([(0, 0), (0, 0), (g.padding, g.padding), (g.padding, g.padding)])
        let rows = g.batch * g.outputHeight * g.outputWidth
        let width = g.channels * g.windowHeight * g.windowWidth
        var data = [Double](repeating: 0, count: rows * width)
        var row = 0
        for i in 0..<g.batch {
            for r in 0..<g.outputHeight {
                for s in 0..<g.outputWidth {
                    var col = 0
                    for ch in 0..<g.channels {
                        for p in 0..<g.windowHeight {
                            for q in 0..<g.windowWidth {
                                data[row * width + col] = xp[i, ch, r * g.stride + p, s * g.stride + q]
                                col += 1
                            }
                        }
                    }
                    row += 1
                }
            }
        }
        return Tensor(shape: [rows, width], scalars: data)
    }

    public func forward(_ x: Tensor, _ w: Tensor, _ b: Tensor, stride: Int, padding: Int) -> (out: Tensor, cache: Cache) {
        let g = ConvolutionGeometry(input: x.shape, windowHeight: w.shape[2], windowWidth: w.shape[3],
                                    stride: stride, padding: padding)
        let f = w.shape[0]
        let columns = im2col(x, g)
        let product = columns.matmul(w.reshaped([f, -1]), transposingOther: true) + b   // (N·H′·W′, F)
        let out = product.reshaped([g.batch, f, g.outputHeight, g.outputWidth])
        return (out, Cache(columns: columns, w: w, geometry: g))
    }

    public func backward(_ dout: Tensor, cache: Cache) -> (dx: Tensor, dw: Tensor, db: Tensor) {
        let g = cache.geometry
        let f = cache.w.shape[0]
        let d = dout.reshaped([-1, f])                   // (N·H′·W′, F)
        let db = d.sum(axis: 0)
        let dw = d.matmul(cache.columns, transposingSelf: true).reshaped(cache.w.shape)
        let dcolumns = d.matmul(cache.w.reshaped([f, -1]))                        // (N·H′·W′, C·HH·WW)
        let (hp, wp) = (g.height + 2 * g.padding, g.width + 2 * g.padding)
        var dxp = Tensor.zeros([g.batch, g.channels, hp, wp])
        let width = dcolumns.shape[1]
        let dc = dcolumns.scalars
        var row = 0
        for i in 0..<g.batch {
            for r in 0..<g.outputHeight {
                for s in 0..<g.outputWidth {
                    var col = 0
                    for ch in 0..<g.channels {
                        for p in 0..<g.windowHeight {
                            for q in 0..<g.windowWidth {
                                dxp[i, ch, r * g.stride + p, s * g.stride + q] += dc[row * width + col]
                                col += 1
                            }
                        }
                    }
                    row += 1
                }
            }
        }
        var dx = Tensor.zeros([g.batch, g.channels, g.height, g.width])
        for i in 0..<g.batch {
            for ch in 0..<g.channels {
                for y in 0..<g.height {
                    for z in 0..<g.width {
                        dx[i, ch, y, z] = dxp[i, ch, y + g.padding, z + g.padding]
                    }
                }
            }
        }
        return (dx, dw, db)
    }
}
