import NIOCore
import Testing

@testable import Collector

/// `GRPCMessageFraming` alone: frames whose prefixes lie whole inside them pass unchanged (nil: no copy),
/// whatever frame a payload continues into; a prefix split across frames is reassembled; the position carries
/// over from frame to frame, so `finish` still sees a message cut short.
@Suite struct GRPCMessageFramingTests {
    private static func message(_ payload: [UInt8], flag: UInt8 = 0) -> [UInt8] {
        let length = UInt32(payload.count)
        return [flag, UInt8(length >> 24), UInt8(length >> 16 & 0xff), UInt8(length >> 8 & 0xff), UInt8(length & 0xff)] + payload
    }

    @Test func wholePrefixesPassUnchangedEvenWhenAPayloadContinuesIntoTheNextFrame() throws {
        var framing = GRPCMessageFraming(grpcEncoding: nil, maxMessageBytes: 1_000)
        let bytes = Self.message(Array(repeating: 7, count: 300)) + Self.message([]) + Self.message(Array(repeating: 8, count: 20))
        // The first message's payload spans the first two frames; the last frame starts right after it.
        let cuts = [0, 100, 305, bytes.count]
        for (start, end) in zip(cuts, cuts.dropFirst()) {
            #expect(try framing.consume(ByteBuffer(bytes: bytes[start..<end])) == nil, "frame \(start)..<\(end)")
        }
        try framing.finish()
    }

    @Test func aPrefixSplitAcrossFramesIsReassembledAndTheRestFollowsVerbatim() throws {
        var framing = GRPCMessageFraming(grpcEncoding: nil, maxMessageBytes: 1_000)
        // 8 bytes of the first message, then the second's 5-byte prefix split 2 + 2 + 1 over three frames.
        let bytes = Self.message([1, 2, 3]) + Self.message([4, 5])
        let first = try #require(try framing.consume(ByteBuffer(bytes: bytes[0..<10])))
        #expect(first.map { Array($0.readableBytesView) } == [[0, 0, 0, 0, 3], [1, 2, 3]])
        let second = try #require(try framing.consume(ByteBuffer(bytes: bytes[10..<12])))
        #expect(second.isEmpty)
        let third = try #require(try framing.consume(ByteBuffer(bytes: bytes[12..<15])))
        #expect(third.map { Array($0.readableBytesView) } == [[0, 0, 0, 0, 2], [4, 5]])
        #expect(try framing.consume(ByteBuffer(bytes: Self.message([6]))) == nil)
        try framing.finish()
    }

    @Test func aMessageCutShortAfterVerbatimFramesIsNamedByFinish() throws {
        var framing = GRPCMessageFraming(grpcEncoding: nil, maxMessageBytes: 1_000)
        let bytes = Self.message(Array(repeating: 9, count: 50))
        #expect(try framing.consume(ByteBuffer(bytes: bytes[0..<30])) == nil)
        #expect(throws: GRPCMessageFraming.Problem.endedMidMessage(received: 25, announced: 50)) { try framing.finish() }
    }

    @Test func anUncompressedMessageOverTheLimitIsRefusedFromItsPrefix() {
        var framing = GRPCMessageFraming(grpcEncoding: nil, maxMessageBytes: 10)
        #expect(throws: GRPCMessageFraming.Problem.tooLarge(limit: 10)) {
            _ = try framing.consume(ByteBuffer(bytes: Self.message(Array(repeating: 1, count: 11))))
        }
    }

    @Test func aCompressedFlagWithoutEncodingIsRefused() {
        var framing = GRPCMessageFraming(grpcEncoding: nil, maxMessageBytes: 100)
        #expect(throws: GRPCMessageFraming.Problem.compressedWithoutEncoding) {
            _ = try framing.consume(ByteBuffer(bytes: Self.message([1], flag: 1)))
        }
    }
}
