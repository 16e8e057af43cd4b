import LogAggregator
import Testing
import TraceModel

/// Damaged input must give errors, never a crash, and every non-blank line must be either stored or reported.
@Suite struct StructuredLogMutationTests {
    static let sample = Array(
        """
        {"ts":"2024-11-24T23:13:20.5+01:00","level":"warn","service":"billing","msg":"slow","trace_id":"4bf92f3577b34da6a3ce929d0e0e4736"}
        {"time":1732490000123,"level":50,"msg":{"event":"x","n":[1,2.5,true,null]},"request_id":"r-1","log":{"level":"info"}}
        {"@timestamp":"1732490000.25","severity":"NOTICE","message":"é ü 漢字 \\u00e9 \\ud83d\\ude00","traceparent":"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"}
        [{"not":"an object"}]
        {"ts":"yesterday"}
        """.utf8)

    /// A small deterministic generator (xorshift), so a failure can be replayed.
    struct Generator {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            return Int(state % UInt64(bound))
        }
    }

    /// Bytes that change the meaning of JSON or of the framing.
    static let structural = Array("{}[]\",:\\\n0e-.".utf8)

    static func mutate(_ bytes: [UInt8], _ generator: inout Generator) -> [UInt8] {
        var bytes = bytes
        for _ in 0...generator.next(4) {
            guard !bytes.isEmpty else { break }
            let position = generator.next(bytes.count)
            switch generator.next(5) {
            case 0: bytes[position] = UInt8(truncatingIfNeeded: generator.next(256))
            case 1: bytes.remove(at: position)
            case 2: bytes.insert(structural[generator.next(structural.count)], at: position)
            case 3: bytes.removeSubrange(position...)
            default: bytes.insert(contentsOf: bytes[position...].prefix(generator.next(20)), at: position)
            }
        }
        return bytes
    }

    static func nonBlankLineCount(_ bytes: [UInt8]) -> Int {
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        return body.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
            .filter { $0.contains { ![0x20, 0x09, 0x0D].contains($0) } }.count
    }

    @Test func damagedNDJSONIsStoredOrReportedLineByLine() throws {
        var generator = Generator(state: 0x9E37_79B9_7F4A_7C15)
        let normalizer = StructuredLogNormalizer()
        var accepted = 0, rejected = 0
        for round in 0..<3000 {
            let body = Self.mutate(Self.sample, &generator)
            let result = try normalizer.normalize(body, contentType: "application/x-ndjson", receivedAtUnixNano: 1)
            accepted += result.acceptedCount
            rejected += result.rejectedCount
            #expect(result.acceptedCount + result.rejectedCount == Self.nonBlankLineCount(body), "round \(round)")
            for error in result.errors {
                #expect(
                    !error.reason.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) },
                    "round \(round): \(error.reason)")
            }
        }
        #expect(accepted > 3000 && rejected > 3000, "the mutations exercise both outcomes")
    }

    @Test func damagedJSONDocumentIsStoredReportedOrRefused() {
        var generator = Generator(state: 0xD1B5_4A32_D192_ED03)
        let document =
            Array("[".utf8) + Self.sample.split(separator: UInt8(ascii: "\n")).joined(separator: Array(",".utf8)) + Array("]".utf8)
        let normalizer = StructuredLogNormalizer()
        var refused = 0
        for round in 0..<3000 {
            let body = Self.mutate(document, &generator)
            do {
                let result = try normalizer.normalize(body, contentType: "application/json", receivedAtUnixNano: 1)
                #expect(result.acceptedCount + result.rejectedCount >= 1, "round \(round)")
            } catch {
                #expect(error.kind == .invalidDocument, "round \(round): \(error)")
                refused += 1
            }
        }
        #expect(refused > 0 && refused < 3000, "the mutations exercise both outcomes")
    }
}
