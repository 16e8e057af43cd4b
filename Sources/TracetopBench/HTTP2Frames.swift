/// HTTP/2 frames as bytes (RFC 9113 §4.1, §6), for `LoopbackGRPCClient`: what a client needs to send, and reading one.
enum HTTP2Frames {
    static let preface = Array("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".utf8)

    struct Frame {
        var type: UInt8
        var flags: UInt8
        var stream: UInt32
        var payload: [UInt8]
    }

    static func frame<Payload: Collection<UInt8>>(type: UInt8, flags: UInt8, stream: UInt32, _ payload: Payload) -> [UInt8] {
        let length = payload.count
        var bytes: [UInt8] = [UInt8(length >> 16 & 0xff), UInt8(length >> 8 & 0xff), UInt8(length & 0xff), type, flags]
        bytes += bigEndian(stream)
        bytes += payload
        return bytes
    }

    static func settings(_ values: [(UInt16, UInt32)]) -> [UInt8] {
        frame(type: 0x4, flags: 0, stream: 0, values.flatMap { [UInt8($0.0 >> 8), UInt8($0.0 & 0xff)] + bigEndian($0.1) })
    }

    static func windowUpdate(stream: UInt32, _ increment: Int32) -> [UInt8] {
        frame(type: 0x8, flags: 0, stream: stream, bigEndian(UInt32(increment)))
    }

    /// An HPACK literal header field with a new name (RFC 7541 §6.2.1, §6.2.2), no Huffman coding: `indexed`
    /// adds it to the decoder's dynamic table (a later request then names it by `index`), otherwise it is not kept.
    static func literal(_ header: (name: String, value: String), indexed: Bool = false) -> [UInt8] {
        let name = Array(header.name.utf8), value = Array(header.value.utf8)
        precondition(name.count < 127 && value.count < 127, "one-byte HPACK lengths only")
        return [indexed ? 0x40 : 0x00, UInt8(name.count)] + name + [UInt8(value.count)] + value
    }

    /// An HPACK indexed header field (RFC 7541 §6.1): an entry of the static or dynamic table by its index.
    static func index(_ index: Int) -> [UInt8] {
        precondition(index > 0 && index < 127, "one-byte HPACK indexes only")
        return [0x80 | UInt8(index)]
    }

    static func read(from socket: LoopbackSocket) throws -> Frame {
        let head = try socket.read(count: 9)
        let length = Int(head[0]) << 16 | Int(head[1]) << 8 | Int(head[2])
        return Frame(type: head[3], flags: head[4], stream: uint32(head[5...]) & 0x7fff_ffff, payload: try socket.read(count: length))
    }

    static func uint32<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> UInt32 {
        bytes.prefix(4).reduce(0) { $0 << 8 | UInt32($1) }
    }

    private static func bigEndian(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8(value >> 16 & 0xff), UInt8(value >> 8 & 0xff), UInt8(value & 0xff)]
    }
}
