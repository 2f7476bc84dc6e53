extension DifferenceDescription {
    /// What it means when a check's case with the course's default hyper-parameters
    /// passes and a case that differs from it only in their values fails: the code does
    /// the right thing at the defaults, so the slip is in how a hyper-parameter is used —
    /// a constant where its argument belongs, or the value entering the formula at the
    /// wrong place (which the defaults can hide: eps inside or outside a root is
    /// invisible at 1e-8, momentum and 1 − momentum coincide at 0.5).
    ///
    /// - Parameters:
    ///   - passed: the passing case's name and numbers.
    ///   - failed: the failing case's name and numbers.
    /// - Returns: the sentence, or `nil` when the two cases share no number whose value
    ///   differs (then this is not what tells them apart).
    public static func onlyWithOtherHyperParameters(passed: (name: String, numbers: [String: Double]),
                                                    failed: (name: String, numbers: [String: Double])) -> String? {
        let changed = failed.numbers.keys.sorted().filter { key in
            passed.numbers[key].map { $0 != failed.numbers[key]! } ?? false
        }
        guard !changed.isEmpty else { return nil }
        func values(_ numbers: [String: Double]) -> String {
            changed.map { "\($0) \(format(numbers[$0]!))" }.joined(separator: ", ")
        }
        let which = changed.count == 1 ? changed[0] : "one of " + changed.joined(separator: ", ")
        return "Right with \(values(passed.numbers)) (case '\(passed.name)'), wrong with \(values(failed.numbers)) "
            + "(case '\(failed.name)'): the slip is in how \(which) is used — a constant where the argument belongs, "
            + "or the value entering the formula at another place than the handout's."
    }
}
