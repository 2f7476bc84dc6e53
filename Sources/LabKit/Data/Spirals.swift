import Curriculum
import Foundation
import TensorKit

/// Points on interleaved spiral arms in the plane, one arm per class: a data set no
/// linear classifier can separate and a small net learns in a second.
public enum Spirals {
    /// Generates `classes × pointsPerClass` points and splits them 60/20/20.
    /// - Parameters:
    ///   - classes: the number of arms.
    ///   - pointsPerClass: points on each arm, from the centre outwards.
    ///   - noise: the standard deviation of the random jitter of each point's angle.
    ///   - seed: fixes the jitter and the split.
    public static func dataset(classes: Int = 3, pointsPerClass: Int = 300,
                               noise: Double = 0.2, seed: UInt64 = 0) -> Dataset {
        var generator = SeededGenerator(seed: seed)
        var points: [Double] = []
        var labels: [Int] = []
        let turn = 4.0  // radians each arm sweeps
        for arm in 0..<classes {
            for i in 0..<pointsPerClass {
                let radius = Double(i) / Double(Swift.max(pointsPerClass - 1, 1))
                let angle = Double(arm) * turn + radius * turn + noise * generator.nextNormal()
                points += [radius * sin(angle), radius * cos(angle)]
                labels.append(arm)
            }
        }
        let all = LabeledExamples(x: Tensor(shape: [labels.count, 2], scalars: points), labels: labels)
        let order = generator.permutation(all.count)
        let fifth = all.count / 5
        return Dataset(name: "spirals", classes: classes,
                       centring: all.subset(Array(order.dropFirst(2 * fifth))),
                       validation: all.subset(Array(order.prefix(fifth))),
                       test: all.subset(Array(order.dropFirst(fifth).prefix(fifth))))
    }
}
