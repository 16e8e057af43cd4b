import Foundation
#if canImport(Glibc)
    import Glibc
#endif

/// Starts child processes with posix_spawn and reaps them with waitpid. Foundation's `Process.waitUntilExit`
/// can wait forever on Linux when called from a test's task (the child exits, nobody reaps it).
struct Subprocess {
    let pid: pid_t

    /// Starts `path` with `arguments`; stdin and stderr go to /dev/null, stdout to `stdout` (a file descriptor)
    /// or /dev/null.
    static func start(_ path: String, _ arguments: [String], environment: [String: String], stdout: Int32? = nil) throws -> Subprocess {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        if let stdout {
            posix_spawn_file_actions_adddup2(&actions, stdout, 1)
        } else {
            posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        }
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        // The test runner's threads block most signals and posix_spawn would pass that on: a child that
        // ignores SIGTERM and SIGHUP outlives the test. Start children with a clean mask and default handlers.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t()
        sigemptyset(&empty)
        var all = sigset_t()
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let status = posix_spawn(&pid, path, &actions, &attributes, argv, envp)
        guard status == 0 else { throw E2EError("cannot start \(path): \(String(cString: strerror(status)))") }
        return Subprocess(pid: pid)
    }

    /// Runs to completion and returns what it wrote to stdout.
    static func output(_ path: String, _ arguments: [String], environment: [String: String]) throws -> String {
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { throw E2EError("pipe() failed") }
        let process: Subprocess
        do {
            process = try start(path, arguments, environment: environment, stdout: fds[1])
        } catch {
            close(fds[0]); close(fds[1])
            throw error
        }
        close(fds[1])
        let reader = FileHandle(fileDescriptor: fds[0], closeOnDealloc: true)
        let data = reader.readDataToEndOfFile()
        _ = process.wait()
        return String(decoding: data, as: UTF8.self)
    }

    @discardableResult
    func wait() -> Int32 {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        return status
    }

    func terminate() {
        kill(pid, SIGTERM)
        wait()
    }
}
