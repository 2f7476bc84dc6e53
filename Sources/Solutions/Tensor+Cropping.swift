import TensorKit

extension Tensor {
    /// `rows × columns` pixels of each channel of each image of this `(N, C, H, W)`
    /// tensor, starting at pixel `origin` (NumPy's `t[:, :, r:r + rows, s:s + columns]`).
    public func cropped(from origin: (row: Int, column: Int) = (0, 0), rows: Int, columns: Int) -> Tensor {
        var out = Tensor.zeros([shape[0], shape[1], rows, columns])
        for n in 0..<shape[0] {
            for c in 0..<shape[1] {
                for r in 0..<rows {
                    for s in 0..<columns { out[n, c, r, s] = self[n, c, origin.row + r, origin.column + s] }
                }
            }
        }
        return out
    }
}
