import JSONToolkit
import TraceModel
import WireCodecs

extension StructuredLogNormalizer {
    /// Collects normalised records per service, and the bounded list of bad lines.
    struct Builder {
        let limits: Limits
        let receivedAtUnixNano: UInt64
        private var resourceLogs: [ResourceLogs] = []
        private var indexByService: [String: Int] = [:]
        private var errors: [LineError] = []
        private var rejectedCount = 0

        init(limits: Limits, receivedAtUnixNano: UInt64) {
            self.limits = limits
            self.receivedAtUnixNano = receivedAtUnixNano
        }

        mutating func add(_ value: JSONValue, at line: Int, location: String) {
            guard case .object(let object) = value else {
                reject(line, "\(location): not a JSON object (found \(Quoted.json(value)))")
                return
            }
            do {
                let normalized = try LogLineNormalizer.normalize(object, receivedAtUnixNano: receivedAtUnixNano)
                append(normalized.record, service: normalized.service)
            } catch {
                reject(line, "\(location): \(error.reason)")
            }
        }

        mutating func reject(_ line: Int, _ reason: String) {
            rejectedCount += 1
            if errors.count < limits.maxReportedErrors { errors.append(LineError(line: line, reason: reason)) }
        }

        private mutating func append(_ record: LogRecord, service: String) {
            if let index = indexByService[service] {
                resourceLogs[index].scopeLogs[0].logRecords.append(record)
            } else {
                indexByService[service] = resourceLogs.count
                resourceLogs.append(
                    ResourceLogs(
                        resource: Resource(attributes: [KeyValue("service.name", .string(service))]),
                        scopeLogs: [ScopeLogs(logRecords: [record])]
                    ))
            }
        }

        var result: NormalizedLogs {
            NormalizedLogs(data: LogsData(resourceLogs: resourceLogs), errors: errors, rejectedCount: rejectedCount)
        }
    }
}
