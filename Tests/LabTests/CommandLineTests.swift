import CommandLineKit
import Foundation
import LabKit
import Testing

@Suite("lab command line")
struct CommandLineTests {
    @Test("an unknown option is a usage error: a message naming it, and status 2")
    func unknownOption() {
        let result = runLab(["train", "--learning-rate", "0.1"])
        #expect(result.status == 2)
        #expect(result.errors.contains("unknown option '--learning-rate' for 'lab train'"))
        #expect(result.errors.contains("lab train --help"))
    }

    @Test("bad values are usage errors that say what was expected", arguments: [
        (["train", "--epochs", "zero"], "'--epochs zero': expected a positive whole number"),
        (["train", "--optimizer", "lion"], "expected one of sgd, momentum, nesterov, adagrad, rmsprop, adam"),
        (["train", "--optimizer", "sgd", "--beta1", "0.5"], "--beta1 does not apply to --optimizer sgd"),
        (["train", "--hidden", "10,x"], "expected positive widths"),
        (["train", "--epochs"], "option '--epochs' needs a value"),
        (["train", "--keep", "2"], "a keep probability is in (0, 1]"),
        (["train", "--dataset", "cifar10"], "pass --data DIR or set CIFAR10_DIR"),
        (["experiment", "nonsense"], "unknown experiment 'nonsense'"),
        (["frobnicate"], "unknown command 'frobnicate'"),
    ])
    func badValues(arguments: [String], message: String) {
        let result = runLab(arguments)
        #expect(result.status == 2)
        #expect(result.errors.contains(message))
    }

    @Test("--help prints each command's usage")
    func help() {
        #expect(runLab(["--help"]).output.contains("USAGE: lab <command>"))
        let train = runLab(["train", "--help"])
        #expect(train.status == 0)
        #expect(train.output.contains("USAGE: lab train"))
        #expect(runLab(["help", "experiment"]).output.contains("init-activations"))
    }

    @Test("each command's help lists exactly its options, each once; the overview lists the commands", arguments: ["train", "experiment"])
    func helpFromTheTable(command: String) {
        let help = runLab([command, "--help"]).output
        let lines = help.split(separator: "\n")
        for option in LabCommandLine.tool.options {
            let count = lines.filter { $0.hasPrefix("  " + option.synopsis + " ") }.count
            #expect(count == (option.belongs(to: command) ? 1 : 0), "\(option.flag) in lab \(command) --help")
        }
        #expect(runLab(["help"]).output.contains("\n  \(command) "))
        #expect(runLab(["help", command]).output == help)
    }

    @Test("an option of the other command is refused, with the closest option of this one")
    func otherCommandsOption() {
        let result = runLab(["experiment", "list", "--epochs", "2"])
        #expect(result.status == 2)
        #expect(result.errors.contains("unknown option '--epochs' for 'lab experiment'"))
        #expect(runLab(["train", "--epoch", "2"]).errors.contains("did you mean '--epochs'?"))
    }

    @Test("missing CIFAR-10 files fail with status 1 and the file's name")
    func missingData() throws {
        let folder = try temporaryDirectory()
        let result = runLab(["train", "--dataset", "cifar10", "--data", folder.path])
        #expect(result.status == 1)
        #expect(result.errors.contains("data_batch_1.bin"))
    }

    @Test("train writes the history as CSV and JSON, two charts and a checkpoint")
    func train() throws {
        let folder = try temporaryDirectory()
        let result = runLab(["train", "--impl", "solutions", "--dataset", "spirals", "--hidden", "20,20",
                             "--epochs", "2", "--batch-size", "50", "--out", folder.path, "--checkpoint"])
        #expect(result.status == 0, "\(result.errors)")
        #expect(result.output.contains("epoch 2/2"))
        #expect(result.output.contains("test accuracy"))
        for file in ["loss.csv", "accuracy.csv", "history.json", "loss.svg", "accuracy.svg",
                     "checkpoint/checkpoint.json", "checkpoint/W1.npy"] {
            #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent(file).path), "\(file)")
        }
        let accuracy = try String(contentsOf: folder.appendingPathComponent("accuracy.csv"), encoding: .utf8)
        #expect(accuracy.split(separator: "\n").count == 4, "a header and epochs 0, 1, 2")
        _ = try parseXML(String(contentsOf: folder.appendingPathComponent("loss.svg"), encoding: .utf8))
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("history.json"))) as? [String: Any]
        let summary = try #require(json?["summary"] as? [String: Any])
        #expect(summary["testAccuracy"] is Double)
    }

    @Test("two-layer trains with its own initialization")
    func twoLayer() throws {
        let folder = try temporaryDirectory()
        let result = runLab(["train", "--impl", "solutions", "--model", "two-layer", "--dataset", "spirals",
                             "--hidden", "20", "--epochs", "1", "--out", folder.path])
        #expect(result.status == 0, "\(result.errors)")
        #expect(runLab(["train", "--model", "two-layer", "--init", "kaiming"]).errors.contains("two-layer takes --init as a standard deviation"))
    }

    @Test("experiment --tiny writes the report and charts")
    func experiment() throws {
        let folder = try temporaryDirectory()
        let result = runLab(["experiment", "init-activations", "--tiny", "--out", folder.path])
        #expect(result.status == 0, "\(result.errors)")
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("init-activations.md").path))
        #expect(runLab(["experiment", "list"]).output.split(separator: "\n").count == Experiment.allCases.count)
    }
}
