import Foundation

/// Test-side compression through the system's gzip tool (independent of the collector's zlib binding).
enum Compression {
    static func gzip(_ data: Data) throws -> Data { try run(["gzip", "-c", "-n"], data) }

    /// zlib-wrapped deflate, as HTTP's Content-Encoding: deflate means.
    static func zlib(_ data: Data) throws -> Data {
        try run(["python3", "-c", "import sys,zlib; sys.stdout.buffer.write(zlib.compress(sys.stdin.buffer.read()))"], data)
    }

    private static func run(_ arguments: [String], _ input: Data) throws -> Data {
        try SpawnedProcess.run("/usr/bin/env", arguments, input: input).output
    }
}
