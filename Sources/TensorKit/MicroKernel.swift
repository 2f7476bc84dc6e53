/// The innermost loop of `MatMulKernel`: one tile of C from one packed panel of A and
/// one of B.
///
/// `MatMulKernel` is generic over it, so that packing, blocking and edge tiles are
/// written once and specialized for each tile's size. Two conform: the 6×8
/// `PortableMicroKernel`, compiled with TensorKit (AVX2 and FMA on x86-64, NEON on
/// arm64), and on x86-64 the 8×16 `AVX512MicroKernel` of the module TensorKitAVX512,
/// compiled for AVX-512 and run only where the CPU has it (`MatMulKernel.Choice`).
protocol MicroKernel: Sendable {
    /// Rows of C per tile: the width of A's panels.
    static var rows: Int { get }
    /// Columns of C per tile: the width of B's panels.
    static var columns: Int { get }

    /// Writes the `rows × columns` product of one packed A panel and one packed B panel
    /// into C, or adds it to what C holds.
    /// - Parameters:
    ///   - a: `depth` groups of `rows` values: column p of consecutive rows of A.
    ///   - b: `depth` groups of `columns` values: row p of consecutive columns of B.
    ///   - depth: the length of the inner dimension in these panels.
    ///   - c: the tile's first element; the whole tile is written.
    ///   - rowStride: elements from one row of C to the next.
    ///   - adding: add to C's values instead of overwriting them.
    static func multiply(
        _ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, depth: Int,
        into c: UnsafeMutablePointer<Double>, rowStride: Int, adding: Bool)
}

#if arch(x86_64)
import TensorKitAVX512

extension AVX512MicroKernel: MicroKernel {}
#endif
