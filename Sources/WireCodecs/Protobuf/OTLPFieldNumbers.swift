import TraceModel

/// Field numbers of the OTLP messages, written from the OpenTelemetry protocol specification
/// (`opentelemetry/proto/{common,resource,trace,logs,collector}/v1`, proto3) and checked against the
/// captured Python SDK requests in `../shared/otlp-samples/real-sdk/`. The wire type each field uses is
/// given beside it; the decoders reject a known field arriving with another wire type.
/// One place for these numbers: decoders and encoders both read them from here.
enum OTLPField {
    /// `ExportTraceServiceRequest` / `TracesData`, `ExportLogsServiceRequest` / `LogsData`.
    enum Request {
        static let resourceSpans: UInt32 = 1  // repeated ResourceSpans
        static let resourceLogs: UInt32 = 1  // repeated ResourceLogs
    }

    /// `ResourceSpans` and `ResourceLogs` share their layout.
    enum ResourceGroup {
        static let resource: UInt32 = 1  // Resource
        static let scopeGroups: UInt32 = 2  // repeated ScopeSpans / ScopeLogs
        static let schemaUrl: UInt32 = 3  // string
    }

    /// `ScopeSpans` and `ScopeLogs` share their layout.
    enum ScopeGroup {
        static let scope: UInt32 = 1  // InstrumentationScope
        static let items: UInt32 = 2  // repeated Span / LogRecord
        static let schemaUrl: UInt32 = 3  // string
    }

    enum Resource {
        static let attributes: UInt32 = 1  // repeated KeyValue
        static let droppedAttributesCount: UInt32 = 2  // uint32
    }

    enum Scope {
        static let name: UInt32 = 1  // string
        static let version: UInt32 = 2  // string
        static let attributes: UInt32 = 3  // repeated KeyValue
        static let droppedAttributesCount: UInt32 = 4  // uint32
    }

    enum KeyValue {
        static let key: UInt32 = 1  // string
        static let value: UInt32 = 2  // AnyValue
    }

    /// `AnyValue` is a oneof; `ArrayValue` and `KeyValueList` hold their elements in field 1.
    enum AnyValue {
        static let stringValue: UInt32 = 1  // string
        static let boolValue: UInt32 = 2  // bool (varint)
        static let intValue: UInt32 = 3  // int64 (varint)
        static let doubleValue: UInt32 = 4  // double (fixed64)
        static let arrayValue: UInt32 = 5  // ArrayValue
        static let kvlistValue: UInt32 = 6  // KeyValueList
        static let bytesValue: UInt32 = 7  // bytes
        static let listValues: UInt32 = 1  // ArrayValue.values / KeyValueList.values
    }

    enum Span {
        static let traceID: UInt32 = 1  // bytes (16)
        static let spanID: UInt32 = 2  // bytes (8)
        static let traceState: UInt32 = 3  // string
        static let parentSpanID: UInt32 = 4  // bytes (8 or empty)
        static let name: UInt32 = 5  // string
        static let kind: UInt32 = 6  // enum (varint)
        static let startTimeUnixNano: UInt32 = 7  // fixed64
        static let endTimeUnixNano: UInt32 = 8  // fixed64
        static let attributes: UInt32 = 9  // repeated KeyValue
        static let droppedAttributesCount: UInt32 = 10  // uint32
        static let events: UInt32 = 11  // repeated Span.Event
        static let droppedEventsCount: UInt32 = 12  // uint32
        static let links: UInt32 = 13  // repeated Span.Link
        static let droppedLinksCount: UInt32 = 14  // uint32
        static let status: UInt32 = 15  // Status
        static let flags: UInt32 = 16  // fixed32
    }

    enum Event {
        static let timeUnixNano: UInt32 = 1  // fixed64
        static let name: UInt32 = 2  // string
        static let attributes: UInt32 = 3  // repeated KeyValue
        static let droppedAttributesCount: UInt32 = 4  // uint32
    }

    enum Link {
        static let traceID: UInt32 = 1  // bytes (16)
        static let spanID: UInt32 = 2  // bytes (8)
        static let traceState: UInt32 = 3  // string
        static let attributes: UInt32 = 4  // repeated KeyValue
        static let droppedAttributesCount: UInt32 = 5  // uint32
        static let flags: UInt32 = 6  // fixed32
    }

    /// Field 1 is reserved (a deprecated code).
    enum Status {
        static let message: UInt32 = 2  // string
        static let code: UInt32 = 3  // enum (varint)
    }

    /// Field 4 is reserved.
    enum LogRecord {
        static let timeUnixNano: UInt32 = 1  // fixed64
        static let severityNumber: UInt32 = 2  // enum (varint)
        static let severityText: UInt32 = 3  // string
        static let body: UInt32 = 5  // AnyValue
        static let attributes: UInt32 = 6  // repeated KeyValue
        static let droppedAttributesCount: UInt32 = 7  // uint32
        static let flags: UInt32 = 8  // fixed32
        static let traceID: UInt32 = 9  // bytes (16 or empty)
        static let spanID: UInt32 = 10  // bytes (8 or empty)
        static let observedTimeUnixNano: UInt32 = 11  // fixed64
        static let eventName: UInt32 = 12  // string
    }

    /// `ExportTraceServiceResponse` / `ExportLogsServiceResponse` and their `Export*PartialSuccess`.
    enum ExportResponse {
        static let partialSuccess: UInt32 = 1  // Export*PartialSuccess
        static let rejectedCount: UInt32 = 1  // int64: rejected_spans / rejected_log_records
        static let errorMessage: UInt32 = 2  // string
    }

    /// `google.rpc.Status` (the body of every OTLP/HTTP error response).
    enum RPCStatus {
        static let code: UInt32 = 1  // int32
        static let message: UInt32 = 2  // string
        static let details: UInt32 = 3  // repeated google.protobuf.Any
    }

    /// `google.protobuf.Any{string type_url=1; bytes value=2}` holding `google.rpc.RetryInfo{Duration retry_delay=1}`,
    /// `google.protobuf.Duration{int64 seconds=1; int32 nanos=2}`: what OTLP/gRPC clients read the retry delay from.
    enum RetryInfo {
        static let anyTypeURL: UInt32 = 1
        static let anyValue: UInt32 = 2
        static let typeURL = "type.googleapis.com/google.rpc.RetryInfo"
        static let retryDelay: UInt32 = 1
        static let durationSeconds: UInt32 = 1
    }
}
