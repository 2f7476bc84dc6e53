/// One way to grade an exercise on a fixture set: the set's own cases, or a variant in
/// which further cases `<case>@<label>` stand in for their namesakes (a set may hold
/// any number of cases for one check; each must pass).
public struct FixtureVariant: Sendable {
    /// How reports name it: `"hidden 'midterm'"`, `"hidden 'midterm', cases @2"`.
    public var name: String
    /// The cases, by the names checks ask for.
    public var fixtures: [String: FixtureCase]
    /// The names whose cases differ from the set's own (none for the set itself): a
    /// check that reads none of them would only repeat itself on this variant.
    public var replaced: Set<String>

    public init(name: String, fixtures: [String: FixtureCase], replaced: Set<String> = []) {
        self.name = name
        self.fixtures = fixtures
        self.replaced = replaced
    }
}
