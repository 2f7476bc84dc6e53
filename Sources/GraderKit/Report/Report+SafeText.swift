extension Report {
    /// The report with what the student's code wrote escaped (``SafeText``): its printed
    /// output, and the problems of checks, which quote its crash messages.
    public func escapingSubmissionText() -> Report {
        var safe = self
        safe.output = SafeText.block(output)
        for i in safe.exercises.indices {
            for j in safe.exercises[i].checks.indices {
                safe.exercises[i].checks[j].problem = safe.exercises[i].checks[j].problem.map(SafeText.block)
            }
        }
        return safe
    }
}
