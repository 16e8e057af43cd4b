/// A rectangle of the screen.
package struct Rect: Hashable, Sendable {
    package var x: Int
    package var y: Int
    package var width: Int
    package var height: Int

    package init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = max(0, width)
        self.height = max(0, height)
    }
}

/// Where each page puts its parts for a terminal size. The one place this is decided: views draw into
/// these rectangles and `update` uses the same numbers for paging and scrolling.
package enum PageLayout {
    package static let minimumWidth = 60
    package static let minimumHeight = 14

    package static func isTooSmall(width: Int, height: Int) -> Bool { width < minimumWidth || height < minimumHeight }

    /// Row 0 is the title bar; the last two rows are the status line and the hint bar (or prompt).
    package static func body(width: Int, height: Int) -> Rect { Rect(x: 0, y: 1, width: width, height: height - 3) }

    package struct TraceList: Hashable, Sendable {
        package var scatter: Rect
        package var header: Rect
        package var list: Rect
    }

    package static func traceList(width: Int, height: Int, withScatter: Bool = true) -> TraceList {
        let body = body(width: width, height: height)
        let scatterHeight = !withScatter ? 0 : body.height >= 30 ? max(6, body.height / 4) : body.height >= 16 ? 5 : 0
        let scatter = Rect(x: 0, y: body.y, width: width, height: scatterHeight)
        let header = Rect(x: 0, y: body.y + scatterHeight, width: width, height: 1)
        let list = Rect(x: 0, y: header.y + 1, width: width, height: body.height - scatterHeight - 1)
        return TraceList(scatter: scatter, header: header, list: list)
    }

    package struct Trace: Hashable, Sendable {
        package var header: Rect
        /// The why-line under the header: why this trace was slow or failed.
        package var why: Rect
        package var axis: Rect
        package var waterfall: Rect
        package var detail: Rect
        package var logs: Rect
        /// Detail and logs side by side (wide terminals); otherwise they share one pane.
        package var sideBySide: Bool
    }

    package static func trace(width: Int, height: Int) -> Trace {
        let body = body(width: width, height: height)
        let header = Rect(x: 0, y: body.y, width: width, height: 1)
        let why = Rect(x: 0, y: header.y + 1, width: width, height: whyRows)
        let remaining = body.height - 2 - why.height
        let waterfallHeight = max(3, remaining * 55 / 100)
        let axis = Rect(x: 0, y: why.y + why.height, width: width, height: 1)
        let waterfall = Rect(x: 0, y: axis.y + 1, width: width, height: waterfallHeight)
        let bottomY = waterfall.y + waterfallHeight
        let bottomHeight = body.y + body.height - bottomY
        let sideBySide = width >= 120
        if sideBySide {
            let detailWidth = width / 2
            return Trace(
                header: header, why: why, axis: axis, waterfall: waterfall,
                detail: Rect(x: 0, y: bottomY, width: detailWidth, height: bottomHeight),
                logs: Rect(x: detailWidth, y: bottomY, width: width - detailWidth, height: bottomHeight), sideBySide: true)
        }
        let pane = Rect(x: 0, y: bottomY, width: width, height: bottomHeight)
        return Trace(header: header, why: why, axis: axis, waterfall: waterfall, detail: pane, logs: pane, sideBySide: false)
    }

    /// The why-line's rows: two, so its facts (the slowest span, the first error, retries, signals) wrap between
    /// facts and each is read whole: one row holds two facts at 80 columns, and a retried 503 has four.
    static let whyRows = 2

    /// Everything under a trace's header and why-line: where the statistics and the flame graph draw.
    package static func traceBody(width: Int, height: Int) -> Rect {
        let layout = trace(width: width, height: height)
        let body = body(width: width, height: height)
        return Rect(x: 0, y: layout.axis.y, width: width, height: body.y + body.height - layout.axis.y)
    }

    /// A plain list filling the body under one header row (logs, services table, correlation).
    package static func list(width: Int, height: Int, reservedBelow: Int = 0) -> Rect {
        let body = body(width: width, height: height)
        return Rect(x: 0, y: body.y + 1, width: width, height: body.height - 1 - reservedBelow)
    }

    /// The services table and, below it, the selected operation's histogram.
    package static func servicesHistogramHeight(height: Int) -> Int {
        let body = body(width: 0, height: height)
        return body.height >= 24 ? 8 : 0
    }
}
