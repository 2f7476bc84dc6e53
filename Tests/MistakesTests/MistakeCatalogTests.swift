import Mistakes
import Testing

@Suite("The mistake catalogue")
struct MistakeCatalogTests {
    @Test("holds at least 40 mistakes, at least 4 per exercise the reference registers")
    func size() {
        #expect(MistakeCatalog.all.count >= 40)
        for exercise in MistakeCatalog.exercises {
            let count = MistakeCatalog.all.filter { $0.exercise == exercise }.count
            #expect(count >= 4, "\(exercise) has \(count) mistakes")
        }
    }

    @Test("ids are unique and start with their exercise's name")
    func ids() {
        let ids = MistakeCatalog.all.map(\.id)
        #expect(Set(ids).count == ids.count, "duplicates: \(Dictionary(grouping: ids) { $0 }.filter { $0.value.count > 1 }.keys.sorted())")
        for mistake in MistakeCatalog.all {
            #expect(MistakeCatalog.exercises.contains(mistake.exercise), "\(mistake.id): unknown exercise \(mistake.exercise)")
            #expect(mistake.id.hasPrefix(mistake.exercise + "-"), "\(mistake.id) does not start with \(mistake.exercise)-")
            #expect(mistake.id.allSatisfy { $0.isLowercase || $0.isNumber || $0 == "-" }, "\(mistake.id) is not kebab-case")
        }
    }

    @Test("the catalogue is in the course's order of exercises")
    func order() {
        let positions = MistakeCatalog.all.compactMap { MistakeCatalog.exercises.firstIndex(of: $0.exercise) }
        #expect(positions == positions.sorted())
    }

    @Test("every mistake has a short title and a hint that asks or points rather than tells")
    func texts() {
        for mistake in MistakeCatalog.all {
            #expect(!mistake.title.isEmpty && mistake.title.count <= 100, "\(mistake.id): title of \(mistake.title.count) characters")
            #expect(mistake.hint.count >= 40, "\(mistake.id): hint too short")
            #expect(mistake.hint.contains("?"), "\(mistake.id): the hint asks no question")
            #expect(mistake.hint != mistake.title)
        }
    }

    @Test("an unknown id is met with the ids that resemble it")
    func suggestions() {
        #expect(MistakeCatalog.mistake(id: "batchnorm-unbiased-variance")?.exercise == "batchnorm")
        #expect(MistakeCatalog.mistake(id: "batchnorm-unbiased") == nil)
        #expect(MistakeCatalog.idsResembling("batchnorm-unbiased").first == "batchnorm-unbiased-variance")
        #expect(MistakeCatalog.idsResembling("batchnrom-unbiased-variance").first == "batchnorm-unbiased-variance")
        #expect(MistakeCatalog.idsResembling("dropout").count == 5)
        #expect(MistakeCatalog.idsResembling("no-such-thing-at-all").isEmpty)
    }
}
