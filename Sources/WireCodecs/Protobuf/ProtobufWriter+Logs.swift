import TraceModel

/// Encoding of `ExportLogsServiceRequest`.
extension ProtobufWriter {
    mutating func writeLogs(_ logs: LogsData) {
        for group in logs.resourceLogs {
            writeMessageField(OTLPField.Request.resourceLogs) { $0.writeResourceLogs(group) }
        }
    }

    private mutating func writeResourceLogs(_ group: ResourceLogs) {
        writeMessageField(OTLPField.ResourceGroup.resource) { $0.writeResource(group.resource) }
        for scopeGroup in group.scopeLogs {
            writeMessageField(OTLPField.ResourceGroup.scopeGroups) { writer in
                writer.writeMessageField(OTLPField.ScopeGroup.scope) { $0.writeScope(scopeGroup.scope) }
                for record in scopeGroup.logRecords {
                    writer.writeMessageField(OTLPField.ScopeGroup.items) { $0.writeLogRecord(record) }
                }
                writer.writeStringField(OTLPField.ScopeGroup.schemaUrl, scopeGroup.schemaUrl)
            }
        }
        writeStringField(OTLPField.ResourceGroup.schemaUrl, group.schemaUrl)
    }

    private mutating func writeLogRecord(_ record: LogRecord) {
        writeFixed64Field(OTLPField.LogRecord.timeUnixNano, record.timeUnixNano)
        writeInt32Field(OTLPField.LogRecord.severityNumber, record.severityNumber)
        writeStringField(OTLPField.LogRecord.severityText, record.severityText)
        if record.body != .empty {
            writeMessageField(OTLPField.LogRecord.body) { $0.writeAnyValue(record.body) }
        }
        writeAttributes(OTLPField.LogRecord.attributes, record.attributes)
        writeVarintField(OTLPField.LogRecord.droppedAttributesCount, UInt64(record.droppedAttributesCount))
        writeFixed32Field(OTLPField.LogRecord.flags, record.flags)
        if let traceID = record.traceID {
            writeBytesField(OTLPField.LogRecord.traceID, traceID.bytes)
        }
        if let spanID = record.spanID {
            writeBytesField(OTLPField.LogRecord.spanID, spanID.bytes)
        }
        writeFixed64Field(OTLPField.LogRecord.observedTimeUnixNano, record.observedTimeUnixNano)
        writeStringField(OTLPField.LogRecord.eventName, record.eventName)
    }
}
