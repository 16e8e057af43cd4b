/// What a page's key handler decided, carried out by `perform` after the page has been written back
/// (so a push never lands on top of a stale copy of the page).
enum Outcome {
    case stay
    case refresh
    case fetch(APIRequest)
    case push(Page)
    case back
    case correlation([String])
    case copy(String)
}

extension AppState {
    mutating func perform(_ outcome: Outcome) -> [Effect] {
        switch outcome {
        case .stay: return []
        case .refresh: return refresh()
        case .fetch(let request): return fetch(request)
        case .push(let page): return push(page)
        case .back: return back(quitAtRoot: false)
        case .correlation(let ids):
            guard let id = ids.first else {
                notice = Notice("no correlation id known here", isError: true)
                return []
            }
            return push(.correlation(CorrelationPage(correlationId: id)))
        case .copy(let text):
            notice = Notice("copied \(text)")
            return [.copy(text)]
        }
    }
}
