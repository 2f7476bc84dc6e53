import Curriculum
import Foundation
import LabKit
import Solutions
import Testing
#if canImport(FoundationXML)
import FoundationXML
#endif

/// The reference implementation, which the lab's tests train.
typealias Reference = ReferenceImplementation

extension ReferenceImplementation: Implementation {
    public static let name = "solutions"
}

/// This test process's scratch folder, `<temporary directory>/LabTests-<pid>`, removed
/// when the process exits so that repeated runs do not fill the temporary directory.
let scratchRoot: URL = {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("LabTests-\(getpid())")
    atexit { try? FileManager.default.removeItem(at: scratchRoot) }
    return url
}()

/// A fresh, empty folder under this process's scratch folder.
func temporaryDirectory(_ label: String = #function) throws -> URL {
    let url = scratchRoot.appendingPathComponent("\(label.filter(\.isLetter))-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// Everything `lab` wrote during one command, for assertions.
final class CapturedConsole: @unchecked Sendable {
    private let lock = NSLock()
    private var outputText = ""
    private var errorText = ""

    var output: String { lock.withLock { outputText } }
    var errors: String { lock.withLock { errorText } }

    var console: Console {
        Console(write: { text in self.lock.withLock { self.outputText += text } },
                error: { text in self.lock.withLock { self.errorText += text + "\n" } },
                isTerminal: false, environment: [:])
    }
}

/// Runs `lab` in-process with the reference implementation.
func runLab(_ arguments: [String]) -> (status: Int32, output: String, errors: String) {
    let captured = CapturedConsole()
    let status = LabCommandLine.run(arguments, implementations: [Reference.self], console: captured.console)
    return (status, captured.output, captured.errors)
}

/// An element of a parsed XML document: its name, attributes and text.
struct XMLElementRecord {
    var name: String
    var attributes: [String: String]
    var text: String
}

/// Parses `xml` with Foundation's `XMLParser` and returns every element in document
/// order; fails the test when the document is not well-formed XML.
func parseXML(_ xml: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> [XMLElementRecord] {
    final class Collector: NSObject, XMLParserDelegate {
        var elements: [XMLElementRecord] = []
        var open: [Int] = []
        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?,
                    qualifiedName: String?, attributes: [String: String]) {
            open.append(elements.count)
            elements.append(XMLElementRecord(name: name, attributes: attributes, text: ""))
        }
        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if let index = open.last { elements[index].text += string }
        }
        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?,
                    qualifiedName: String?) {
            open.removeLast()
        }
    }
    let parser = XMLParser(data: Data(xml.utf8))
    let collector = Collector()
    parser.delegate = collector
    let parsed = parser.parse()
    try #require(parsed, "not well-formed XML: \(parser.parserError.map { "\($0)" } ?? "?")", sourceLocation: sourceLocation)
    return collector.elements
}
