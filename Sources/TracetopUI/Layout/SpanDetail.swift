import TraceModel
import TracetopAPI

/// One line of the span detail pane: styled pieces of text, and where Enter leads from it.
package struct DetailLine: Hashable, Sendable {
    package struct Piece: Hashable, Sendable {
        package var text: String
        package var style: Style
    }

    package var pieces: [Piece]
    /// A link to another trace (and span): Enter follows it.
    package var link: SpanReference?

    init(_ pieces: [(String, Style)], link: SpanReference? = nil) {
        self.pieces = pieces.map { Piece(text: $0.0, style: $0.1) }
        self.link = link
    }
}

/// Builds the detail pane's lines for a span: identity, timing, attributes, resource, events (stack traces
/// split into lines), links and the span's own log lines. Pure, so `update` and the view agree on the lines.
package enum SpanDetail {
    package static func lines(tree: TraceTree, span index: Int, logs: [LogLine], clock: WallClock) -> [DetailLine] {
        let span = tree.spans[index]
        var lines: [DetailLine] = []
        let service = tree.serviceNames[index]
        lines.append(
            DetailLine([(service, Style(foreground: ServiceColors.color(for: service), bold: true)), (" " + span.operationName, .bold)]))

        var identity: [(String, Style)] = [("span ", .dim), (span.spanID, .plain)]
        if let parentID = span.parentSpanID {
            identity +=
                tree.isOrphan[index]
                ? [("  parent ", .dim), (parentID + " (missing: shown as a root)", .warning)] : [("  parent ", .dim), (parentID, .plain)]
        } else {
            identity += [("  (root)", .dim)]
        }
        lines.append(DetailLine(identity))

        let offset = DurationText.format(micros: span.startTime - tree.startTime)
        var timing: [(String, Style)] = [
            ("start ", .dim), ("+" + offset, .plain), ("  duration ", .dim), (DurationText.format(micros: span.duration), .bold)
        ]
        if span.kind != .unspecified { timing += [("  kind ", .dim), (span.kind.shortName, .plain)] }
        if span.isError {
            let description = span.status.message.isEmpty ? "" : ": " + span.status.message
            timing += [("  status ", .dim), ("ERROR" + description, .error)]
        } else if span.status.code == .ok {
            timing += [("  status ", .dim), ("OK", .plain)]
        }
        lines.append(DetailLine(timing))
        if tree.skewMicros[index] > 0 {
            lines.append(
                DetailLine([
                    ("clock skew: ", .warning),
                    ("lies \(DurationText.format(micros: tree.skewMicros[index])) outside its parent's time range", .warning)
                ]))
        }
        let critical = tree.criticalPath.segments(of: index).reduce(Int64(0)) { $0 + ($1.end - $1.start) }
        if critical > 0 {
            lines.append(
                DetailLine([
                    ("critical path: ", Style(foreground: .brightYellow)),
                    ("\(DurationText.format(micros: critical)) of this span's own time is on it", .plain)
                ]))
        }

        let attributes = span.tags + span.contextTags
        if !attributes.isEmpty {
            lines.append(heading("Attributes"))
            lines += attributes.map(keyValue)
        }
        if let process = tree.processes[span.processID] {
            lines.append(heading("Resource"))
            lines.append(keyValue(Tag(key: "service.name", value: .string(process.serviceName))))
            lines += (process.tags ?? []).filter { $0.key != "service.name" }.map(keyValue)
        }
        if !span.logs.isEmpty {
            lines.append(heading("Events"))
            for event in span.logs.prefix(200) {
                let name = event.fields[tag: "event"] ?? "event"
                lines.append(
                    DetailLine([
                        ("+" + DurationText.format(micros: event.timestamp - tree.startTime) + " ", .dim),
                        (name, name == "exception" ? .error : .bold)
                    ]))
                for field in event.fields where field.key != "event" {
                    if field.key == "exception.stacktrace" {
                        lines.append(DetailLine([("  " + field.key, Style(foreground: .cyan))]))
                        lines += DisplayText.lines(of: field.text).map { DetailLine([("    " + $0, .plain)]) }
                    } else {
                        lines.append(keyValue(field, indent: "  "))
                    }
                }
            }
        }
        let links = span.references
        if !links.isEmpty {
            lines.append(heading("Links (Enter follows)"))
            for link in links.prefix(200) {
                let sameTrace = link.traceID == span.traceID
                lines.append(
                    DetailLine(
                        [
                            ("→ ", Style(foreground: .cyan)),
                            (sameTrace ? "this trace" : "trace " + link.traceID, Style(foreground: .cyan, underline: true)),
                            ("  span " + link.spanID, .dim)
                        ], link: link))
            }
        }
        let spanLogs = logs.filter { $0.spanID == span.spanID }
        if !spanLogs.isEmpty {
            lines.append(heading("Logs"))
            for line in spanLogs.prefix(500) {
                lines.append(
                    DetailLine([
                        (clock.time(line.timestamp, milliseconds: true) + " ", .dim),
                        (SeverityStyle.label(line) + " ", SeverityStyle.style(line.severityNumber)), (line.body, .plain)
                    ]))
            }
        }
        return lines
    }

    private static func heading(_ text: String) -> DetailLine { DetailLine([(text, .header)]) }

    private static func keyValue(_ tag: Tag) -> DetailLine { keyValue(tag, indent: "") }

    private static func keyValue(_ tag: Tag, indent: String) -> DetailLine {
        DetailLine([(indent + tag.key, Style(foreground: .cyan)), (" = ", .dim), (tag.text, .plain)])
    }
}
