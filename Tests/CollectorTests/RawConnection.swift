import Foundation

/// A bare TCP connection to 127.0.0.1, for requests no HTTP client will send: wrong Content-Length,
/// headers or bodies trickled a byte at a time. Blocking; run it with `offThePool`.
final class RawConnection: @unchecked Sendable {
    private let socketFD: Int32

    init(port: Int, readTimeoutSeconds: Int = 10) throws {
        socketFD = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socketFD >= 0 else { throw StoreError("socket() failed") }
        var timeout = timeval(tv_sec: readTimeoutSeconds, tv_usec: 0)
        setsockopt(socketFD, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socketFD, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else {
            close(socketFD)
            throw StoreError("connect() to 127.0.0.1:\(port) failed: \(String(cString: strerror(errno)))")
        }
    }

    /// False once the server has closed the connection.
    @discardableResult
    func send(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { Foundation.send(socketFD, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) } == bytes.count
    }

    @discardableResult
    func send(_ text: String) -> Bool { send(Array(text.utf8)) }

    /// Everything until the server closes the connection or the read timeout passes; nil on a timeout with
    /// nothing read.
    func readAll() -> String? {
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(socketFD, $0.baseAddress, $0.count, 0) }
            if count > 0 {
                received += buffer[0..<count]
            } else if count == 0 {
                return String(decoding: received, as: UTF8.self)
            } else {
                return received.isEmpty ? nil : String(decoding: received, as: UTF8.self)
            }
        }
    }

    deinit { close(socketFD) }
}
