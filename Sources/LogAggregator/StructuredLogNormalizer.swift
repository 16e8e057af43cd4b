import JSONToolkit

/// Normalises the body of `POST /api/logs`: structured log lines (NDJSON, or a JSON array of objects) become
/// OpenTelemetry log records grouped by service. A bad line is reported with its number and the good ones are
/// kept; only a body that cannot be read as a whole is refused.
package struct StructuredLogNormalizer: Sendable {
    package struct Limits: Hashable, Sendable {
        /// Lines (or array elements) per request; more is refused as a whole, so the client splits the batch.
        package var maxRecords: Int
        /// Bytes per NDJSON line; a longer line is reported and skipped without being parsed.
        package var maxLineBytes: Int
        /// Bad lines listed in the result (all are counted): a body of 100 000 bad lines must not build a
        /// 100 000-line response.
        package var maxReportedErrors: Int

        package init(maxRecords: Int = 100_000, maxLineBytes: Int = 1 << 20, maxReportedErrors: Int = 100) {
            self.maxRecords = maxRecords
            self.maxLineBytes = maxLineBytes
            self.maxReportedErrors = maxReportedErrors
        }
    }

    package let limits: Limits

    package init(limits: Limits = Limits()) { self.limits = limits }

    /// - Parameters:
    ///   - contentType: the request's `Content-Type`; see `StructuredLogFormat`.
    ///   - receivedAtUnixNano: becomes every record's `observedTimeUnixNano`.
    package func normalize(
        _ body: UnsafeRawBufferPointer, contentType: String, receivedAtUnixNano: UInt64
    ) throws(StructuredLogError) -> NormalizedLogs {
        guard let format = StructuredLogFormat(contentType: contentType) else {
            throw StructuredLogError(
                .unsupportedContentType,
                "unsupported content type \(Quoted.string(contentType)): expected \(StructuredLogFormat.accepted)"
            )
        }
        var builder = Builder(limits: limits, receivedAtUnixNano: receivedAtUnixNano)
        switch format {
        case .lines: try readLines(Self.droppingByteOrderMark(body), into: &builder)
        case .document: try readDocument(Self.droppingByteOrderMark(body), into: &builder)
        }
        return builder.result
    }

    package func normalize(
        _ body: [UInt8], contentType: String, receivedAtUnixNano: UInt64
    ) throws(StructuredLogError) -> NormalizedLogs {
        let result: Result<NormalizedLogs, StructuredLogError> = body.withUnsafeBytes { raw in
            Result { () throws(StructuredLogError) in
                try normalize(raw, contentType: contentType, receivedAtUnixNano: receivedAtUnixNano)
            }
        }
        return try result.get()
    }

    // MARK: Framing

    /// NDJSON: lines end with `\n` (a `\r` before it is whitespace); blank lines are skipped but counted.
    private func readLines(_ body: UnsafeRawBufferPointer, into builder: inout Builder) throws(StructuredLogError) {
        var start = 0
        var lineNumber = 0
        var records = 0
        while start < body.count {
            let end = body[start...].firstIndex(of: UInt8(ascii: "\n")) ?? body.count
            lineNumber += 1
            let line = UnsafeRawBufferPointer(rebasing: body[start..<end])
            start = end + 1
            guard line.contains(where: { !Self.isWhitespace($0) }) else { continue }
            records += 1
            guard records <= limits.maxRecords else {
                throw StructuredLogError(
                    .tooManyRecords, "more than \(limits.maxRecords) log lines in one request: send smaller batches")
            }
            let location = "line \(lineNumber)"
            guard line.count <= limits.maxLineBytes else {
                builder.reject(lineNumber, "\(location): longer than the limit of \(limits.maxLineBytes) bytes (\(line.count) bytes)")
                continue
            }
            do {
                builder.add(try JSONValue.parse(line), at: lineNumber, location: location)
            } catch {
                builder.reject(lineNumber, "\(location): \(error)")
            }
        }
    }

    /// `application/json`: an array of objects, or one object (reported as `line 1`).
    private func readDocument(_ body: UnsafeRawBufferPointer, into builder: inout Builder) throws(StructuredLogError) {
        let document: JSONValue
        do {
            document = try JSONValue.parse(body)
        } catch {
            throw StructuredLogError(.invalidDocument, "\(error)" + Self.ndjsonHint(body))
        }
        switch document {
        case .array(let elements):
            guard elements.count <= limits.maxRecords else {
                throw StructuredLogError(
                    .tooManyRecords, "more than \(limits.maxRecords) log lines in one request: send smaller batches")
            }
            for (index, element) in elements.enumerated() {
                builder.add(element, at: index, location: "element \(index)")
            }
        case .object:
            builder.add(document, at: 1, location: "line 1")
        default:
            throw StructuredLogError(
                .invalidDocument, "expected a JSON array of log objects or one log object, found \(Quoted.json(document))")
        }
    }

    /// NDJSON sent as `application/json` fails after a first line that is a whole object; say how to send it.
    private static func ndjsonHint(_ body: UnsafeRawBufferPointer) -> String {
        guard let newline = body.firstIndex(of: UInt8(ascii: "\n")),
            case .object? = try? JSONValue.parse(UnsafeRawBufferPointer(rebasing: body[..<newline]))
        else { return "" }
        return " (for one JSON object per line, send Content-Type: application/x-ndjson)"
    }

    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A
    }

    /// Windows tools start files with a UTF-8 byte order mark; JSON forbids it, so it is dropped here.
    private static func droppingByteOrderMark(_ body: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
        guard body.count >= 3, body[0] == 0xEF, body[1] == 0xBB, body[2] == 0xBF else { return body }
        return UnsafeRawBufferPointer(rebasing: body[3...])
    }
}
