/// The names a new exercise goes by in the code, derived from its name.
///
/// `leaky-relu` gives the type `LeakyRelu` (files `LeakyRelu.swift`, `LeakyReluChecks.swift`,
/// `LeakyReluHandlers.swift`), the protocol `LeakyReluLayer`, the members
/// `ExerciseChecks.leakyRelu` and `ExerciseHandlers.leakyRelu`, and the calls
/// `leaky-relu.forward` and `leaky-relu.backward`. `--type LeakyReLU` chooses the type.
public struct ExerciseName: Sendable, Hashable {
    /// The grader's name, also `TODO`'s and the handout folder's: `"leaky-relu"`.
    public var name: String
    /// The type in Exercises and Solutions, and the stem of every file: `"LeakyRelu"`.
    public var typeName: String
    /// For tables and the handout's heading: `"Leaky relu"`.
    public var title: String

    /// The Curriculum protocol: `"LeakyReluLayer"`.
    public var protocolName: String { typeName + "Layer" }
    /// The enum of its calls, shared by checks and handlers: `SigmoidCalls`.
    public var callsName: String { typeName + "Calls" }

    /// The static members of `ExerciseChecks` and `ExerciseHandlers`: the type's name
    /// with its leading capitals lowered (`LeakyReLU` → `leakyReLU`, `GELU` → `gelu`).
    public var memberName: String {
        let characters = Array(typeName)
        let capitals = characters.prefix { $0.isUppercase }.count
        // Lower a run of capitals except its last letter when a lowercase word follows it
        // (`HTMLParser` → `htmlParser`).
        let wordFollows = capitals > 1 && capitals < characters.count && characters[capitals].isLowercase
        let lowered = wordFollows ? capitals - 1 : capitals
        return String(characters.prefix(lowered)).lowercased() + String(characters.dropFirst(lowered))
    }

    /// Validates `name` (and the chosen type name) and derives the rest.
    /// - Throws: ``AuthorError`` saying what a valid name looks like.
    public init(_ name: String, typeName: String? = nil, title: String? = nil) throws(AuthorError) {
        let words = name.split(separator: "-", omittingEmptySubsequences: false)
        let isValid = !name.isEmpty
            && words.allSatisfy { !$0.isEmpty && $0.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber) } }
            && name.first!.isLetter
        guard isValid else {
            throw AuthorError("'\(name)' is not a valid exercise name: use lowercase letters and digits, words joined by single hyphens, starting with a letter (like 'sigmoid' or 'leaky-relu')")
        }
        let derived = words.map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
        let type = typeName ?? derived
        guard let first = type.first, first.isASCII, first.isUppercase,
              type.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else {
            throw AuthorError("'\(type)' is not a valid type name: use ASCII letters and digits, starting with a capital (like 'LeakyReLU')")
        }
        self.name = name
        self.typeName = type
        self.title = title ?? (words[0].prefix(1).uppercased() + words[0].dropFirst() + words.dropFirst().map { " " + $0 }.joined())
        if ExerciseName.reservedTypeNames.contains(self.typeName) || ExerciseName.reservedMemberNames.contains(memberName) {
            throw AuthorError("'\(name)' would give the type '\(self.typeName)' and the member '\(memberName)', which Swift reserves; choose another name or pass --type")
        }
    }

    /// Type names that Swift gives a meaning of its own.
    static let reservedTypeNames: Set<String> = ["Self", "Type", "Protocol", "Any", "Never", "Void"]

    /// Keywords that cannot name a static member without backquotes.
    static let reservedMemberNames: Set<String> = [
        "associatedtype", "class", "deinit", "enum", "extension", "func", "import", "init", "inout", "internal",
        "let", "operator", "private", "protocol", "public", "static", "struct", "subscript", "typealias", "var",
        "break", "case", "continue", "default", "defer", "do", "else", "fallthrough", "for", "guard", "if", "in",
        "repeat", "return", "switch", "where", "while", "as", "catch", "false", "is", "nil", "rethrows", "super",
        "self", "throw", "throws", "true", "try", "any", "some", "type",
    ]
}
