import TraceModel

/// Decodes an `ExportLogsServiceRequest` from the protobuf wire format into the same `DecodedLogs` the JSON
/// decoder produces. Log records are never rejected: an invalid trace or span id leaves the record unlinked.
enum ProtobufLogDecoder {
    static func decode(_ bytes: UnsafeRawBufferPointer) throws(OTLPDecodingError) -> DecodedLogs {
        let caches = ProtobufCaches.allocate(forRequestOf: bytes.count)
        defer { caches.deallocate() }
        var reader = ProtobufReader(bytes, caches: caches)
        var data = LogsData()
        while !reader.isAtEnd {
            let tag = try reader.readTag()
            if tag.field == OTLPField.Request.resourceLogs {
                try reader.expect(tag, .lengthDelimited, "ExportLogsServiceRequest.resource_logs")
                var nested = try reader.readMessage()
                data.resourceLogs.append(try decodeResourceLogs(&nested))
            } else {
                try reader.skip(tag)
            }
        }
        return DecodedLogs(data: data)
    }

    private static func decodeResourceLogs(_ reader: inout ProtobufReader) throws(OTLPDecodingError) -> ResourceLogs {
        var group = ResourceLogs()
        while !reader.isAtEnd {
            let tag = try reader.readTag()
            switch tag.field {
            case OTLPField.ResourceGroup.resource:
                try reader.expect(tag, .lengthDelimited, "ResourceLogs.resource")
                var nested = try reader.readMessage()
                try nested.decodeResource(into: &group.resource)
            case OTLPField.ResourceGroup.scopeGroups:
                try reader.expect(tag, .lengthDelimited, "ResourceLogs.scope_logs")
                var nested = try reader.readMessage()
                group.scopeLogs.append(try decodeScopeLogs(&nested))
            case OTLPField.ResourceGroup.schemaUrl:
                try reader.expect(tag, .lengthDelimited, "ResourceLogs.schema_url")
                group.schemaUrl = try reader.readString()
            default:
                try reader.skip(tag)
            }
        }
        return group
    }

    private static func decodeScopeLogs(_ reader: inout ProtobufReader) throws(OTLPDecodingError) -> ScopeLogs {
        var group = ScopeLogs()
        while !reader.isAtEnd {
            let tag = try reader.readTag()
            switch tag.field {
            case OTLPField.ScopeGroup.scope:
                try reader.expect(tag, .lengthDelimited, "ScopeLogs.scope")
                var nested = try reader.readMessage()
                try nested.decodeScope(into: &group.scope)
            case OTLPField.ScopeGroup.items:
                try reader.expect(tag, .lengthDelimited, "ScopeLogs.log_records")
                if group.logRecords.isEmpty { group.logRecords.reserveCapacity(reader.countConsecutive(tag.field, from: tag.offset)) }
                var nested = try reader.readMessage()
                group.logRecords.append(try nested.decodeLogRecord())
            case OTLPField.ScopeGroup.schemaUrl:
                try reader.expect(tag, .lengthDelimited, "ScopeLogs.schema_url")
                group.schemaUrl = try reader.readString()
            default:
                try reader.skip(tag)
            }
        }
        return group
    }
}

extension ProtobufReader {
    mutating func decodeLogRecord() throws(OTLPDecodingError) -> LogRecord {
        var record = LogRecord()
        while !isAtEnd {
            let tag = try readTag()
            switch tag.field {
            case OTLPField.LogRecord.timeUnixNano:
                try expect(tag, .fixed64, "LogRecord.time_unix_nano")
                record.timeUnixNano = try readFixed64()
            case OTLPField.LogRecord.observedTimeUnixNano:
                try expect(tag, .fixed64, "LogRecord.observed_time_unix_nano")
                record.observedTimeUnixNano = try readFixed64()
            case OTLPField.LogRecord.severityNumber:
                try expect(tag, .varint, "LogRecord.severity_number")
                record.severityNumber = Int32(truncatingIfNeeded: try readVarint())
            case OTLPField.LogRecord.severityText:
                try expect(tag, .lengthDelimited, "LogRecord.severity_text")
                record.severityText = try readString()
            case OTLPField.LogRecord.body:
                try expect(tag, .lengthDelimited, "LogRecord.body")
                var nested = try readMessage()
                record.body = try nested.decodeAnyValue(depth: 1)
            case OTLPField.LogRecord.attributes:
                try appendKeyValue(to: &record.attributes, tag: tag, "LogRecord.attributes")
            case OTLPField.LogRecord.droppedAttributesCount:
                try expect(tag, .varint, "LogRecord.dropped_attributes_count")
                record.droppedAttributesCount = UInt32(truncatingIfNeeded: try readVarint())
            case OTLPField.LogRecord.flags:
                try expect(tag, .fixed32, "LogRecord.flags")
                record.flags = try readFixed32()
            case OTLPField.LogRecord.traceID:
                try expect(tag, .lengthDelimited, "LogRecord.trace_id")
                record.traceID = ProtobufIDs.traceID(try readBytes()).value
            case OTLPField.LogRecord.spanID:
                try expect(tag, .lengthDelimited, "LogRecord.span_id")
                record.spanID = ProtobufIDs.spanID(try readBytes()).value
            case OTLPField.LogRecord.eventName:
                try expect(tag, .lengthDelimited, "LogRecord.event_name")
                record.eventName = try readString()
            default:
                try skip(tag)
            }
        }
        return record
    }
}
