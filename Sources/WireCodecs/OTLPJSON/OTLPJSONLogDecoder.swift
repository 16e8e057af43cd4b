import JSONToolkit
import TraceModel

/// Decodes an OTLP JSON `ExportLogsServiceRequest` straight from its bytes. A record's invalid or empty
/// trace/span id only unlinks it from a trace (nil): log records are never rejected for their ids.
enum OTLPJSONLogDecoder {
    static func decode(_ bytes: UnsafeRawBufferPointer) throws(OTLPDecodingError) -> DecodedLogs {
        var decoder = OTLPJSONDecoding(bytes)
        var data = LogsData()
        try decoder.decodeDocument("an ExportLogsServiceRequest") { decoder throws(JSONParseError) in
            try decoder.readObject(nil, LogsRequestField.self) { decoder, _ throws(JSONParseError) in
                try decoder.readArray("resourceLogs") { decoder throws(JSONParseError) in
                    data.resourceLogs.append(try decoder.resourceLogs())
                }
            }
        }
        return DecodedLogs(data: data, rejected: decoder.rejected)
    }
}

extension OTLPJSONDecoding {
    mutating func resourceLogs() throws(JSONParseError) -> ResourceLogs {
        var group = ResourceLogs()
        try readObject(nil, ResourceGroupField.self) { decoder, member throws(JSONParseError) in
            switch member {
            case .resource: group.resource = try decoder.resource("resource")
            case .schemaUrl: group.schemaUrl = try decoder.string("schemaUrl")
            case .scopeLogs:
                try decoder.readArray("scopeLogs") { decoder throws(JSONParseError) in
                    group.scopeLogs.append(try decoder.scopeLogs())
                }
            case .scopeSpans: try decoder.reader.skipValue()
            }
        }
        return group
    }

    mutating func scopeLogs() throws(JSONParseError) -> ScopeLogs {
        var group = ScopeLogs()
        try readObject(nil, ScopeGroupField.self) { decoder, member throws(JSONParseError) in
            switch member {
            case .scope: group.scope = try decoder.scope("scope")
            case .schemaUrl: group.schemaUrl = try decoder.string("schemaUrl")
            case .logRecords:
                try decoder.readArray("logRecords") { decoder throws(JSONParseError) in
                    group.logRecords.append(try decoder.logRecord())
                }
            case .spans: try decoder.reader.skipValue()
            }
        }
        return group
    }

    mutating func logRecord() throws(JSONParseError) -> LogRecord {
        var record = LogRecord()
        try readObject(nil, LogRecordField.self) { decoder, member throws(JSONParseError) in
            switch member {
            case .timeUnixNano: record.timeUnixNano = try decoder.uint64("timeUnixNano")
            case .observedTimeUnixNano: record.observedTimeUnixNano = try decoder.uint64("observedTimeUnixNano")
            case .severityNumber:
                record.severityNumber = try decoder.enumValue("severityNumber", kind: "severity number", named: SeverityNumberName.value)
            case .severityText: record.severityText = try decoder.string("severityText")
            case .body: record.body = try decoder.anyValue("body")
            case .attributes: record.attributes = try decoder.keyValues("attributes")
            case .droppedAttributesCount: record.droppedAttributesCount = try decoder.uint32("droppedAttributesCount")
            case .flags: record.flags = try decoder.uint32("flags")
            case .traceId:
                if case .valid(let id) = try decoder.traceID("traceId") { record.traceID = id } else { record.traceID = nil }
            case .spanId:
                if case .valid(let id) = try decoder.spanID("spanId") { record.spanID = id } else { record.spanID = nil }
            case .eventName: record.eventName = try decoder.string("eventName")
            }
        }
        return record
    }
}

/// The proto names of `SeverityNumber`: `SEVERITY_NUMBER_WARN` is 13, `SEVERITY_NUMBER_WARN2` 14, …
enum SeverityNumberName {
    static func value(_ name: String) -> Int32? {
        let prefix = "SEVERITY_NUMBER_"
        guard name.hasPrefix(prefix) else { return nil }
        let rest = name.dropFirst(prefix.count)
        return rest == "UNSPECIFIED" ? 0 : Severity.number(shortName: rest)
    }
}
