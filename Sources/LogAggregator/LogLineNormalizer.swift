import JSONToolkit
import TraceModel
import WireCodecs

/// Turns one structured log line (a JSON object) into a log record and the name of the service that wrote it.
enum LogLineNormalizer {
    struct Line {
        var record: LogRecord
        /// `unknown_service` when the line names none (OpenTelemetry's rule).
        var service: String
    }

    /// Why a line was refused, without its line number (the caller adds it).
    struct Problem: Error, Hashable {
        let reason: String
    }

    static func normalize(_ object: JSONObject, receivedAtUnixNano: UInt64) throws(Problem) -> Line {
        var fields = LogLineFields(object)
        var record = LogRecord(observedTimeUnixNano: receivedAtUnixNano)

        if let time = fields.candidates(.time).first {
            do {
                record.timeUnixNano = try LogTime.unixNanos(time.value) ?? 0
            } catch {
                let detail = error.detail.isEmpty ? "" : " (\(error.detail))"
                throw Problem(reason: "\"\(time.spelling)\" is not a recognised time: \(Quoted.json(time.value))\(detail)")
            }
            fields.consume(time)
        }

        if let level = fields.candidates(.level).first {
            do {
                if let severity = try LogLevel.severity(level.value) {
                    record.severityNumber = severity.number
                    record.severityText = severity.text
                }
            } catch {
                throw Problem(reason: "\"\(level.spelling)\" is not a recognised level: \(Quoted.json(level.value))")
            }
            fields.consume(level)
        }

        if let message = fields.candidates(.message).first {
            record.body = message.value.anyValue
            fields.consume(message)
        }

        // Only a non-empty string names a service; `"app": {…}` is some other data and stays an attribute.
        var service = "unknown_service"
        if let named = fields.candidates(.service).first(where: { $0.value.nonEmptyString != nil }),
            let name = named.value.nonEmptyString
        {
            service = name
            fields.consume(named)
        }

        // Invalid ids leave the record unlinked and stay attributes: never a reason to refuse the line.
        // A traceparent is read only when no trace id field is valid, and then gives both ids (they belong together).
        if let field = fields.candidates(.traceID).first(where: { traceID($0.value) != nil }) {
            record.traceID = traceID(field.value)
            fields.consume(field)
        } else if let field = fields.candidates(.traceParent).first,
            let text = field.value.nonEmptyString, let parent = try? TraceParent(parsing: text)
        {
            record.traceID = parent.traceID
            record.spanID = parent.spanID
            record.flags = UInt32(parent.flags)
            fields.consume(field)
        }
        if record.spanID == nil,
            let field = fields.candidates(.spanID).first(where: { spanID($0.value) != nil })
        {
            record.spanID = spanID(field.value)
            fields.consume(field)
        }

        record.attributes = fields.remainingAttributes
        return Line(record: record, service: service)
    }

    private static func traceID(_ value: JSONValue) -> TraceID? {
        guard let text = value.nonEmptyString, let id = TraceID(hex: text), id.isValid else { return nil }
        return id
    }

    private static func spanID(_ value: JSONValue) -> SpanID? {
        guard let text = value.nonEmptyString, let id = SpanID(hex: text), id.isValid else { return nil }
        return id
    }
}

extension JSONValue {
    var nonEmptyString: String? {
        if case .string(let text) = self, !text.isEmpty { return text }
        return nil
    }
}
