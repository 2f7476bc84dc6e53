import Testing
@testable import AuthorKit
@testable import GraderKit

@Suite("The names of a new exercise")
struct ExerciseNameTests {
    @Test("are derived from its name: type, protocol, member, title", arguments: [
        ("sigmoid", "Sigmoid", "SigmoidLayer", "sigmoid", "Sigmoid"),
        ("leaky-relu", "LeakyRelu", "LeakyReluLayer", "leakyRelu", "Leaky relu"),
        ("swish2", "Swish2", "Swish2Layer", "swish2", "Swish2"),
        ("max-pool-2d", "MaxPool2d", "MaxPool2dLayer", "maxPool2d", "Max pool 2d"),
    ])
    func derived(name: String, type: String, protocolName: String, member: String, title: String) throws {
        let names = try ExerciseName(name)
        #expect(names.name == name)
        #expect(names.typeName == type)
        #expect(names.protocolName == protocolName)
        #expect(names.memberName == member)
        #expect(names.title == title)
    }

    @Test("--type chooses the type; the member lowers its leading capitals", arguments: [
        ("LeakyReLU", "leakyReLU"), ("GELU", "gelu"), ("HTMLParser", "htmlParser"), ("ELU2", "elu2"),
    ])
    func chosenType(type: String, member: String) throws {
        let names = try ExerciseName("x", typeName: type, title: "X")
        #expect(names.typeName == type && names.memberName == member && names.title == "X")
    }

    @Test("invalid names are refused with what a valid one looks like",
          arguments: ["Sigmoid", "leaky_relu", "leaky--relu", "-relu", "relu-", "2relu", "", "sigmöid", "leaky relu"])
    func invalidNames(name: String) {
        #expect { try ExerciseName(name) } throws: { error in
            "\(error)".contains("not a valid exercise name") && "\(error)".contains("leaky-relu")
        }
    }

    @Test("invalid or reserved type names are refused", arguments: [
        ("x", "leakyReLU", "not a valid type name"),
        ("x", "Leaky-ReLU", "not a valid type name"),
        ("self", nil, "which Swift reserves"),
        ("type", nil, "which Swift reserves"),
        ("default", nil, "which Swift reserves"),
    ])
    func invalidTypes(name: String, type: String?, message: String) {
        #expect { try ExerciseName(name, typeName: type) } throws: { error in
            "\(error)".contains(message)
        }
    }
}
