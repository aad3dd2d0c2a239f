// Prints generation time per example (median of several runs, in-process) and, when the
// ezbuilt binary and the practice corpus are available, the score-corpus summary line.
// usage: RequirementsBenchmark [EXAMPLES_DIR] [EZBUILT_BIN] [CORPUS_DIR]
import Foundation
import Requirements

let args = CommandLine.arguments
let examples = URL(fileURLWithPath: args.count > 1 ? args[1] : "Examples")
let names = ((try? FileManager.default.contentsOfDirectory(atPath: examples.path)) ?? []).sorted()
var total = 0.0
for name in names {
    let file = examples.appendingPathComponent(name).appendingPathComponent("requirements.md")
    guard let data = try? Data(contentsOf: file) else { continue }
    let bytes = Array(data)
    var times: [Double] = []
    var resources = 0
    for _ in 0..<7 {
        let start = DispatchTime.now().uptimeNanoseconds
        let result = Generator.generate(bytes: bytes)
        times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
        resources = result.resources.count
    }
    let median = times.sorted()[times.count / 2]
    total += median
    print(name.padding(toLength: 32, withPad: " ", startingAt: 0) + String(format: "%8.2f ms  %3d resources", median, resources))
}
print(String(format: "total %.2f ms over %d examples", total, names.count))

let bin = args.count > 2 ? args[2] : ".build/debug/ezbuilt"
let corpus = args.count > 3 ? args[3] : "../shared/practice-corpus"

// Every corpus document, timed in-process: the p99 goal is 10 ms per document in release mode.
let corpusDocs = ((try? FileManager.default.contentsOfDirectory(atPath: corpus)) ?? []).filter { $0.hasSuffix(".md") }.sorted()
var perDocument: [Double] = []
for name in corpusDocs {
    guard let data = try? Data(contentsOf: URL(fileURLWithPath: corpus).appendingPathComponent(name)) else { continue }
    let bytes = Array(data)
    var times: [Double] = []
    var refused = false
    for _ in 0..<5 {
        let start = DispatchTime.now().uptimeNanoseconds
        refused = Generator.generate(bytes: bytes, fileName: name).refused
        times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
    }
    let median = times.sorted()[times.count / 2]
    perDocument.append(median)
    print(name.padding(toLength: 48, withPad: " ", startingAt: 0) + String(format: "%8.2f ms%@", median, refused ? "  (refused)" : ""))
}
if !perDocument.isEmpty {
    let sorted = perDocument.sorted()
    func percentile(_ p: Double) -> Double { sorted[min(sorted.count - 1, Int((Double(sorted.count - 1) * p).rounded(.up)))] }
    print(String(format: "corpus generation: %d documents, p50 %.2f ms, p99 %.2f ms, max %.2f ms (goal: p99 <= 10 ms in release mode)", sorted.count, percentile(0.5), percentile(0.99), sorted.last!))
}
let scorer = URL(fileURLWithPath: corpus).deletingLastPathComponent().appendingPathComponent("tools/score-corpus").path
if FileManager.default.isExecutableFile(atPath: scorer), FileManager.default.isExecutableFile(atPath: bin) {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: scorer)
    p.arguments = [bin, corpus, "--validate"]
    let pipe = Pipe()
    p.standardOutput = pipe
    try p.run()
    let out = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    p.waitUntilExit()
    print(out.split(separator: "\n").last { $0.hasPrefix("corpus:") }.map(String.init) ?? "score-corpus printed no summary")
} else {
    print("score-corpus skipped: \(scorer) or \(bin) not found")
}
