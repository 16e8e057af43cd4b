import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A child process started with posix_spawn, its standard streams on pipes, run to its end.
///
/// Not Foundation's `Process`: on Linux (Swift 6.3.1) its `run()` lists /proc/self/fd copying each entry's whole
/// 256-byte name field, which reads past glibc's buffer when an entry ends it and the next page is unmapped, and
/// the test process dies with SIGSEGV (swift-corelibs-foundation #5472, fixed after 6.3.1). The suites start the
/// Python scripts hundreds of times, and a fresh-clone CI run died there once (in `RawGRPC.call`). As Foundation
/// does, the child keeps only its three streams: every other descriptor is closed in it (listed with
/// `FileManager`, whose listing reads the names safely), and our pipes are close-on-exec.
enum SpawnedProcess {
    struct Finished {
        var output: Data
        var errors: Data
        /// The exit code, or the signal that ended it (as `Process.terminationStatus`).
        var status: Int32
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Runs `path` with `arguments` and this process's environment; `input` (then end of file) on its standard
    /// input. Reads its output and its errors to their ends, then waits for it.
    static func run(_ path: String, _ arguments: [String], input: Data? = nil) throws -> Finished {
        var stdin: [Int32] = [-1, -1], stdout: [Int32] = [-1, -1], stderr: [Int32] = [-1, -1]
        // (`pipe2` is not in Swift's Glibc module: close-on-exec is set after.)
        guard pipe(&stdin) == 0, pipe(&stdout) == 0, pipe(&stderr) == 0 else {
            for fd in stdin + stdout + stderr where fd >= 0 { close(fd) }
            throw Failure(description: "cannot make pipes for \(path): \(String(cString: strerror(errno)))")
        }
        for fd in stdin + stdout + stderr { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, stdin[0], 0)
        posix_spawn_file_actions_adddup2(&actions, stdout[1], 1)
        posix_spawn_file_actions_adddup2(&actions, stderr[1], 2)
        // Descriptors another thread opens meanwhile may still be inherited, as with Foundation.
        let open = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd"))?.compactMap { Int32($0) } ?? []
        for fd in open where fd > 2 { posix_spawn_file_actions_addclose(&actions, fd) }
        // The test runner's threads block most signals, and a child would inherit that mask.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t(), all = sigset_t()
        sigemptyset(&empty)
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let started = posix_spawn(&pid, path, &actions, &attributes, argv, environ)
        close(stdin[0])
        close(stdout[1])
        close(stderr[1])
        let writer = FileHandle(fileDescriptor: stdin[1], closeOnDealloc: true)
        let output = FileHandle(fileDescriptor: stdout[0], closeOnDealloc: true)
        let errors = FileHandle(fileDescriptor: stderr[0], closeOnDealloc: true)
        guard started == 0 else { throw Failure(description: "cannot start \(path): \(String(cString: strerror(started)))") }
        // Input written and errors read on threads of their own: a child stalls once a pipe it writes is full, and
        // may read its input only as it writes its output.
        let done = DispatchGroup()
        let errorData = LockedData()
        done.enter()
        Thread {
            if let input { writer.write(input) }
            try? writer.close()
            done.leave()
        }.start()
        done.enter()
        Thread {
            errorData.set(errors.readDataToEndOfFile())
            done.leave()
        }.start()
        let outputData = output.readDataToEndOfFile()
        done.wait()
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let signal = status & 0x7f
        return Finished(output: outputData, errors: errorData.value, status: signal == 0 ? (status >> 8) & 0xff : signal)
    }

    /// What the errors thread read, handed to the caller once it is done.
    private final class LockedData: @unchecked Sendable {
        private let lock = NSLock()
        private var data = Data()
        func set(_ new: Data) { lock.withLock { data = new } }
        var value: Data { lock.withLock { data } }
    }
}
