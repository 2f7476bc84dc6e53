import TensorKit

/// Normal samples, for fixture recipes.
func normal(_ shape: [Int], _ g: inout SeededGenerator, mean: Double = 0, std: Double = 1) -> Tensor {
    Tensor.randomNormal(shape, mean: mean, standardDeviation: std, using: &g)
}

/// Normal samples pushed at least `margin` away from zero, so that a ReLU's kink is
/// never within a numeric-gradient step of any of them.
func awayFromZero(_ shape: [Int], _ g: inout SeededGenerator, margin: Double = 0.05) -> Tensor {
    let x = normal(shape, &g)
    return x + Tensor.where(x .>= 0.0, Tensor(margin), Tensor(-margin))
}

/// `n` class labels in `0..<classes`, as the tensor the wire carries.
func randomLabels(_ n: Int, classes: Int, _ g: inout SeededGenerator) -> Tensor {
    Tensor((0..<n).map { _ in Double(g.nextInt(below: classes)) })
}
