import Foundation
import TraceModel
import TracetopUI

/// The run loop: events in (keys, resizes, ticks, answers), `update`, effects out, redraw when needed.
struct AppLoop {
    let backend: Backend
    let terminal: Terminal

    func run(state initial: AppState) {
        var state = initial
        let inbox = Inbox()
        var effects = state.start(now: Self.now())
        var dirty = true
        while true {
            if perform(effects, inbox: inbox) { return }
            effects = []
            for event in inbox.drain() {
                effects += state.apply(event)
                dirty = true
            }
            let before = state.connection
            effects += state.apply(.tick(now: Self.now()))
            // The status line counts waiting seconds, so redraw when the clock moved a second too.
            if state.connection != before || !effects.isEmpty { dirty = true }
            if dirty {
                terminal.draw(Renderer.render(state))
                dirty = false
            }
            guard effects.isEmpty else { continue }
            if let event = terminal.readEvent(timeoutMilliseconds: 100) {
                effects += state.apply(event)
                dirty = true
            } else if state.connection.oldestWait(now: Self.now()) != nil {
                dirty = true
            }
        }
    }

    /// Starts fetches and copies; returns true when asked to quit.
    private func perform(_ effects: [Effect], inbox: Inbox) -> Bool {
        for effect in effects {
            switch effect {
            case .quit:
                return true
            case .copy(let text):
                terminal.copyToClipboard(text)
            case .fetch(let request):
                let backend = backend
                Task.detached {
                    let result = await backend.send(request)
                    inbox.post(.response(request, result))
                }
            case .save(let trace, let path):
                do { try OfflineFile.write(trace, to: path); inbox.post(.saved(path: path, error: nil)) } catch {
                    inbox.post(.saved(path: path, error: error.description))
                }
            }
        }
        return false
    }

    static func now() -> Int64 { UnixTime.nowMicroseconds() }
}
