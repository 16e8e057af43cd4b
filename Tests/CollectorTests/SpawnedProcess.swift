import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A child process started with posix_spawn, its standard streams on pipes.
///
/// Not Foundation's `Process`: on Linux (Swift 6.3.1) its `run()` lists /proc/self/fd copying each entry's whole
/// 256-byte name field, which reads past glibc's buffer when an entry ends it and the next page is unmapped, and
/// the test process dies with SIGSEGV (swift-corelibs-foundation #5472, fixed after 6.3.1). The suites start
/// child processes hundreds of times, and a fresh-clone CI run died there once (in `RawGRPC.call`). As Foundation
/// does, the child keeps only its three streams: every other descriptor is closed in it (listed with
/// `FileManager`, whose listing reads the names safely), and our pipes are close-on-exec.
final class SpawnedProcess: @unchecked Sendable {
    struct Finished {
        var output: Data
        var errors: Data
        /// The exit code, or the signal that ended it (as `Process.terminationStatus`).
        var status: Int32
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    let pid: pid_t
    /// Its standard input, output and errors (nil when they go to `output`).
    let input: FileHandle
    let output: FileHandle
    let errors: FileHandle?
    private let lock = NSLock()
    private var status: Int32?

    /// Starts `path` with `arguments` and this process's environment plus `environment`; its errors on their own
    /// pipe, or with its output when `errorsToOutput`.
    init(_ path: String, _ arguments: [String], environment: [String: String] = [:], errorsToOutput: Bool = false) throws {
        var pipes: [[Int32]] = []
        for _ in 0..<(errorsToOutput ? 2 : 3) {
            var fds: [Int32] = [-1, -1]
            guard pipe(&fds) == 0 else {
                for fd in pipes.joined() { close(fd) }
                throw Failure(description: "cannot make pipes for \(path): \(String(cString: strerror(errno)))")
            }
            // (`pipe2` is not in Swift's Glibc module: close-on-exec is set after.)
            for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
            pipes.append(fds)
        }
        let stdin = pipes[0], stdout = pipes[1], stderr = errorsToOutput ? pipes[1] : pipes[2]
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
        let variables = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let envp = variables.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let started = posix_spawn(&pid, path, &actions, &attributes, argv, envp)
        for fds in pipes { close(fds == stdin ? fds[0] : fds[1]) }
        input = FileHandle(fileDescriptor: stdin[1], closeOnDealloc: true)
        output = FileHandle(fileDescriptor: stdout[0], closeOnDealloc: true)
        errors = errorsToOutput ? nil : FileHandle(fileDescriptor: stderr[0], closeOnDealloc: true)
        guard started == 0 else { throw Failure(description: "cannot start \(path): \(String(cString: strerror(started)))") }
        self.pid = pid
    }

    /// Runs `path` to its end: `input` (then end of file) on its standard input, its output and its errors read
    /// to their ends (its errors in `output`, interleaved as written, when `errorsToOutput`).
    static func run(_ path: String, _ arguments: [String], input: Data? = nil, errorsToOutput: Bool = false) throws -> Finished {
        let child = try SpawnedProcess(path, arguments, errorsToOutput: errorsToOutput)
        // Input written and errors read on threads of their own: a child stalls once a pipe it writes is full, and
        // may read its input only as it writes its output.
        let done = DispatchGroup()
        let errorData = LockedData()
        done.enter()
        Thread {
            if let input { child.input.write(input) }
            try? child.input.close()
            done.leave()
        }.start()
        done.enter()
        Thread {
            errorData.set(child.errors?.readDataToEndOfFile() ?? Data())
            done.leave()
        }.start()
        let outputData = child.output.readDataToEndOfFile()
        done.wait()
        return Finished(output: outputData, errors: errorData.value, status: child.waitForExit())
    }

    /// Waits for it to end (once; later calls return the same): its exit code, or the signal that ended it.
    @discardableResult
    func waitForExit() -> Int32 {
        lock.withLock {
            if let status { return status }
            var raw: Int32 = 0
            while waitpid(pid, &raw, 0) == -1 && errno == EINTR {}
            let signal = raw & 0x7f
            let decoded = signal == 0 ? (raw >> 8) & 0xff : signal
            status = decoded
            return decoded
        }
    }

    /// Whether it has not ended yet (and was not waited for).
    var isRunning: Bool {
        lock.withLock {
            guard status == nil else { return false }
            var raw: Int32 = 0
            guard waitpid(pid, &raw, WNOHANG) == pid else { return true }
            let signal = raw & 0x7f
            status = signal == 0 ? (raw >> 8) & 0xff : signal
            return false
        }
    }

    /// What the errors thread read, handed to the caller once it is done.
    private final class LockedData: @unchecked Sendable {
        private let lock = NSLock()
        private var data = Data()
        func set(_ new: Data) { lock.withLock { data = new } }
        var value: Data { lock.withLock { data } }
    }
}
