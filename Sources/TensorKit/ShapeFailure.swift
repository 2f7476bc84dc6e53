/// Stops the program with a shape error that prints in every build configuration.
///
/// A failed `precondition` in an optimized build traps without printing its message;
/// `fatalError` prints it. Every programming error in TensorKit goes through here, so
/// a student sees `matmul: shapes (4, 5) and (6, 3) not aligned: …` rather than an
/// unexplained "illegal instruction".
/// - Parameter message: what went wrong, naming the shapes involved.
public func shapeFailure(
    _ message: @autoclosure () -> String, file: StaticString = #file, line: UInt = #line
) -> Never {
    fatalError(message(), file: file, line: line)
}

/// Formats a shape as NumPy prints it: `(2, 3)`, `(4,)`, `()`.
public func formatShape(_ shape: [Int]) -> String {
    shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
}

/// Resolves a possibly negative axis against a rank, or stops with NumPy's message.
@usableFromInline
func normalizedAxis(_ axis: Int, rank: Int) -> Int {
    let resolved = axis < 0 ? axis + rank : axis
    if resolved < 0 || resolved >= rank {
        shapeFailure("axis \(axis) is out of bounds for a \(rank)-d tensor")
    }
    return resolved
}
