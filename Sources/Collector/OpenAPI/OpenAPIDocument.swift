import Hummingbird
import NIOCore
import WireCodecs

/// `GET /openapi.json`: the API of docs/API.md as an OpenAPI 3 document, written by hand (the API is small and
/// the document is its contract). Schemathesis runs against it (RELIABILITY.md says how).
enum OpenAPIDocument {
    static func addRoute(to router: Router<some RequestContext>) {
        router.get("/openapi.json") { _, _ in
            Response(status: .ok, headers: [.contentType: "application/json"], body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
        }
    }

    static let text = """
        {
          "openapi": "3.0.3",
          "info": {"title": "tracetop collector", "version": "1.0.0",
            "description": "OTLP/HTTP ingest of spans and logs, structured log lines, and a Jaeger-compatible query API. Times are microseconds since the epoch unless named …Nano."},
          "components": {
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
            "parameters": {
              "service": {"name": "service", "in": "query", "schema": {"type": "string"}},
              "operation": {"name": "operation", "in": "query", "schema": {"type": "string"}},
              "spanKind": {"name": "spanKind", "in": "query", "schema": {"type": "string", "enum": ["server", "client", "producer", "consumer", "internal", "unspecified"]}},
              "start": {"name": "start", "in": "query", "description": "microseconds since the epoch", "schema": {"type": "integer", "minimum": 0}},
              "end": {"name": "end", "in": "query", "description": "microseconds since the epoch", "schema": {"type": "integer", "minimum": 0}},
              "lookback": {"name": "lookback", "in": "query", "description": "a duration: 250us, 500ms, 1.5s, 2m, 1h, 7d", "schema": {"type": "string", "pattern": "^[0-9]+(\\\\.[0-9]+)?(ns|us|ms|s|m|h|d)?$"}},
              "minDuration": {"name": "minDuration", "in": "query", "schema": {"type": "string", "pattern": "^[0-9]+(\\\\.[0-9]+)?(ns|us|ms|s|m|h|d)?$"}},
              "maxDuration": {"name": "maxDuration", "in": "query", "schema": {"type": "string", "pattern": "^[0-9]+(\\\\.[0-9]+)?(ns|us|ms|s|m|h|d)?$"}},
              "tags": {"name": "tags", "in": "query", "description": "a JSON object of strings", "schema": {"type": "string"}},
              "tag": {"name": "tag", "in": "query", "description": "key:value, may repeat", "schema": {"type": "string"}},
              "traceLimit": {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 1000}},
              "durationScope": {"name": "durationScope", "in": "query", "schema": {"type": "string", "enum": ["trace", "span"]}},
              "query_serviceName": {"name": "query.serviceName", "in": "query", "schema": {"type": "string"}},
              "query_service_name": {"name": "query.service_name", "in": "query", "description": "alias of query.serviceName", "schema": {"type": "string"}},
              "query_operationName": {"name": "query.operationName", "in": "query", "schema": {"type": "string"}},
              "query_operation_name": {"name": "query.operation_name", "in": "query", "description": "alias of query.operationName", "schema": {"type": "string"}},
              "query_startTimeMin": {"name": "query.startTimeMin", "in": "query", "description": "RFC 3339 with up to nanoseconds; required, in either spelling", "schema": {"type": "string", "format": "date-time"}},
              "query_start_time_min": {"name": "query.start_time_min", "in": "query", "description": "alias of query.startTimeMin", "schema": {"type": "string", "format": "date-time"}},
              "query_startTimeMax": {"name": "query.startTimeMax", "in": "query", "description": "RFC 3339; required, in either spelling", "schema": {"type": "string", "format": "date-time"}},
              "query_start_time_max": {"name": "query.start_time_max", "in": "query", "description": "alias of query.startTimeMax", "schema": {"type": "string", "format": "date-time"}},
              "query_durationMin": {"name": "query.durationMin", "in": "query", "description": "a Go duration (100ms, 1.5s, 1h30m): the trace's duration, unless durationScope=span", "schema": {"type": "string", "pattern": "^([0-9]*\\\\.?[0-9]+(ns|us|µs|μs|ms|s|m|h))+$|^0$"}},
              "query_duration_min": {"name": "query.duration_min", "in": "query", "description": "alias of query.durationMin", "schema": {"type": "string", "pattern": "^([0-9]*\\\\.?[0-9]+(ns|us|µs|μs|ms|s|m|h))+$|^0$"}},
              "query_durationMax": {"name": "query.durationMax", "in": "query", "description": "a Go duration", "schema": {"type": "string", "pattern": "^([0-9]*\\\\.?[0-9]+(ns|us|µs|μs|ms|s|m|h))+$|^0$"}},
              "query_duration_max": {"name": "query.duration_max", "in": "query", "description": "alias of query.durationMax", "schema": {"type": "string", "pattern": "^([0-9]*\\\\.?[0-9]+(ns|us|µs|μs|ms|s|m|h))+$|^0$"}},
              "query_searchDepth": {"name": "query.searchDepth", "in": "query", "description": "traces at most (default 100)", "schema": {"type": "integer", "minimum": 1, "maximum": 1000}},
              "query_search_depth": {"name": "query.search_depth", "in": "query", "description": "alias of query.searchDepth", "schema": {"type": "integer", "minimum": 1, "maximum": 1000}},
              "query_num_traces": {"name": "query.num_traces", "in": "query", "description": "older alias of query.searchDepth", "schema": {"type": "integer", "minimum": 1, "maximum": 1000}},
              "query_attributes": {"name": "query.attributes", "in": "query", "description": "a JSON object of strings", "schema": {"type": "string"}},
              "query_rawTraces": {"name": "query.rawTraces", "in": "query", "description": "accepted; spans are never adjusted here", "schema": {"type": "boolean"}},
              "query_raw_traces": {"name": "query.raw_traces", "in": "query", "description": "alias of query.rawTraces", "schema": {"type": "boolean"}}
            },
            "schemas": {
              "Envelope": {"type": "object", "required": ["data", "total", "limit", "offset", "errors"], "properties": {
                "data": {}, "total": {"type": "integer"}, "limit": {"type": "integer"}, "offset": {"type": "integer"},
                "errors": {"nullable": true, "type": "array", "items": {"$ref": "#/components/schemas/EnvelopeError"}}}},
              "EnvelopeError": {"type": "object", "required": ["code", "msg"], "properties": {"code": {"type": "integer"}, "msg": {"type": "string"}}},
              "Status": {"type": "object", "description": "google.rpc.Status", "required": ["code", "message"], "properties": {"code": {"type": "integer"}, "message": {"type": "string"}}},
              "ExportResponse": {"type": "object", "properties": {"partialSuccess": {"type": "object"}}},
              "OTLPRequest": {"type": "object", "description": "ExportTraceServiceRequest or ExportLogsServiceRequest in OTLP JSON"},
              "V3Error": {"type": "object", "required": ["error"], "properties": {"error": {"type": "object", "required": ["httpCode", "message"], "properties": {"httpCode": {"type": "integer"}, "message": {"type": "string"}}}}},
              "V3Traces": {"type": "object", "required": ["result"], "properties": {"result": {"type": "object", "description": "OTLP TracesData in OTLP JSON: every matching trace's resourceSpans in one list", "properties": {"resourceSpans": {"type": "array", "items": {"type": "object"}}}}}},
              "V3Summary": {"type": "object", "required": ["traceId"], "properties": {"traceId": {"type": "string"}, "rootServiceName": {"type": "string"}, "rootOperationName": {"type": "string"},
                "minStartTimeUnixNano": {"type": "string"}, "maxEndTimeUnixNano": {"type": "string"}, "spanCount": {"type": "integer"}, "errorSpanCount": {"type": "integer"}, "orphanSpanCount": {"type": "integer"},
                "services": {"type": "array", "items": {"type": "object", "required": ["name"], "properties": {"name": {"type": "string"}, "spanCount": {"type": "integer"}, "errorSpanCount": {"type": "integer"}}}}}}
            },
            "responses": {
              "Query": {"description": "Jaeger-style envelope", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Envelope"}}}},
              "QueryError": {"description": "a parameter is wrong (named in errors[0].msg), the token is missing, or the store is busy", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Envelope"}}}},
              "IngestError": {"description": "refused; message says why", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Status"}}}},
              "Exported": {"description": "stored (partialSuccess names what was rejected)", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ExportResponse"}}}},
              "V3Error": {"description": "a parameter is wrong or missing (400, named in the message), nothing was found (404), the token is missing (401) or the store is busy (503)", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/V3Error"}}}},
              "V3Traces": {"description": "the traces, as OTLP JSON", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/V3Traces"}}}},
              "Probe": {"description": "ok / ready, or why not", "content": {"text/plain": {"schema": {"type": "string"}}}}
            }
          },
          "security": [{}, {"bearer": []}],
          "paths": {
            "/v1/traces": {"post": {"summary": "OTLP/HTTP spans", "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/OTLPRequest"}}, "application/x-protobuf": {"schema": {"type": "string", "format": "binary"}}}},
              "responses": {"200": {"$ref": "#/components/responses/Exported"}, "400": {"$ref": "#/components/responses/IngestError"}, "401": {"$ref": "#/components/responses/IngestError"}, "413": {"$ref": "#/components/responses/IngestError"}, "415": {"$ref": "#/components/responses/IngestError"}, "503": {"$ref": "#/components/responses/IngestError"}}}},
            "/v1/logs": {"post": {"summary": "OTLP/HTTP logs", "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/OTLPRequest"}}, "application/x-protobuf": {"schema": {"type": "string", "format": "binary"}}}},
              "responses": {"200": {"$ref": "#/components/responses/Exported"}, "400": {"$ref": "#/components/responses/IngestError"}, "401": {"$ref": "#/components/responses/IngestError"}, "413": {"$ref": "#/components/responses/IngestError"}, "415": {"$ref": "#/components/responses/IngestError"}, "503": {"$ref": "#/components/responses/IngestError"}}}},
            "/api/v2/spans": {"post": {"summary": "Zipkin v2 spans (docs/API.md#zipkin)", "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "array", "items": {"type": "object"}}}, "application/x-protobuf": {"schema": {"type": "string", "format": "binary"}}}},
              "responses": {"202": {"description": "committed (empty body)"}, "400": {"description": "what is malformed, as text", "content": {"text/plain": {"schema": {"type": "string"}}}}, "401": {"$ref": "#/components/responses/IngestError"}, "413": {"description": "too large, as text"}, "503": {"description": "busy: retry after Retry-After"}}}},
            "/api/v1/spans": {"post": {"summary": "Zipkin v1 JSON spans (docs/API.md#zipkin)", "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "array", "items": {"type": "object"}}}}},
              "responses": {"202": {"description": "committed (empty body)"}, "400": {"description": "what is malformed, as text", "content": {"text/plain": {"schema": {"type": "string"}}}}, "401": {"$ref": "#/components/responses/IngestError"}, "413": {"description": "too large, as text"}, "415": {"description": "Thrift is not read"}, "503": {"description": "busy: retry after Retry-After"}}}},
            "/api/logs": {
              "post": {"summary": "structured log lines (NDJSON or a JSON array)", "requestBody": {"required": true, "content": {"application/x-ndjson": {"schema": {"type": "string"}}, "application/json": {"schema": {"type": "array", "items": {"type": "object"}}}}},
                "responses": {"200": {"description": "accepted count and per-line errors", "content": {"application/json": {"schema": {"type": "object", "required": ["accepted"], "properties": {"accepted": {"type": "integer"}}}}}}, "400": {"$ref": "#/components/responses/IngestError"}, "401": {"$ref": "#/components/responses/IngestError"}, "413": {"$ref": "#/components/responses/IngestError"}, "415": {"$ref": "#/components/responses/IngestError"}, "503": {"$ref": "#/components/responses/IngestError"}}},
              "get": {"summary": "log search", "parameters": [
                  {"name": "traceID", "in": "query", "schema": {"type": "string", "pattern": "^[0-9a-fA-F]{1,32}$"}},
                  {"name": "spanID", "in": "query", "schema": {"type": "string", "pattern": "^[0-9a-fA-F]{16}$"}},
                  {"name": "correlationId", "in": "query", "schema": {"type": "string"}},
                  {"$ref": "#/components/parameters/service"},
                  {"name": "minSeverity", "in": "query", "schema": {"type": "string"}},
                  {"name": "q", "in": "query", "schema": {"type": "string"}},
                  {"$ref": "#/components/parameters/start"}, {"$ref": "#/components/parameters/end"},
                  {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 5000}}],
                "responses": {"200": {"$ref": "#/components/responses/Query"}, "400": {"$ref": "#/components/responses/QueryError"}, "401": {"$ref": "#/components/responses/QueryError"}, "503": {"$ref": "#/components/responses/QueryError"}}}},
            "/api/services": {"get": {"summary": "service names", "responses": {"200": {"$ref": "#/components/responses/Query"}, "401": {"$ref": "#/components/responses/QueryError"}, "503": {"$ref": "#/components/responses/QueryError"}}}},
            "/api/services/{service}/operations": {"get": {"summary": "operation names of a service", "parameters": [{"name": "service", "in": "path", "required": true, "schema": {"type": "string"}}],
              "responses": {"200": {"$ref": "#/components/responses/Query"}, "401": {"$ref": "#/components/responses/QueryError"}, "503": {"$ref": "#/components/responses/QueryError"}}}},
            "/api/operations": {"get": {"summary": "operations with span kinds", "parameters": [{"name": "service", "in": "query", "required": true, "schema": {"type": "string", "minLength": 1}}, {"$ref": "#/components/parameters/spanKind"}],
              "responses": {"200": {"$ref": "#/components/responses/Query"}, "400": {"$ref": "#/components/responses/QueryError"}, "401": {"$ref": "#/components/responses/QueryError"}, "503": {"$ref": "#/components/responses/QueryError"}}}},
            "/api/traces/{traceID}": {"get": {"summary": "one trace", "parameters": [{"name": "traceID", "in": "path", "required": true, "schema": {"type": "string", "pattern": "^[0-9a-fA-F]{1,32}$"}},
                {"name": "format", "in": "query", "schema": {"type": "string", "enum": ["jaeger", "otlp"]}}],
              "responses": {"200": {"description": "the trace (Jaeger envelope, or OTLP JSON with format=otlp)", "content": {"application/json": {"schema": {"type": "object"}}}}, "400": {"$ref": "#/components/responses/QueryError"}, "401": {"$ref": "#/components/responses/QueryError"}, "404": {"$ref": "#/components/responses/QueryError"}, "503": {"$ref": "#/components/responses/QueryError"}}}},
            "/api/traces": {"get": {"summary": "trace search (Jaeger)", "parameters": [{"$ref": "#/components/parameters/service"}, {"$ref": "#/components/parameters/operation"}, {"$ref": "#/components/parameters/tags"}, {"$ref": "#/components/parameters/tag"}, {"$ref": "#/components/parameters/minDuration"}, {"$ref": "#/components/parameters/maxDuration"}, {"$ref": "#/components/parameters/start"}, {"$ref": "#/components/parameters/end"}, {"$ref": "#/components/parameters/lookback"}, {"$ref": "#/components/parameters/traceLimit"}, {"$ref": "#/components/parameters/durationScope"},
                {"name": "sort", "in": "query", "schema": {"type": "string", "enum": ["recent", "duration", "errors", "spans"]}}, {"name": "error", "in": "query", "schema": {"type": "boolean"}}, {"name": "correlationId", "in": "query", "schema": {"type": "string"}}],
              "responses": {"200": {"$ref": "#/components/responses/Query"}, "400": {"$ref": "#/components/responses/QueryError"}, "401": {"$ref": "#/components/responses/QueryError"}, "503": {"$ref": "#/components/responses/QueryError"}}}},
            "/api/trace-summaries": {"get": {"summary": "trace summaries", "parameters": [{"$ref": "#/components/parameters/service"}, {"$ref": "#/components/parameters/operation"}, {"$ref": "#/components/parameters/tags"}, {"$ref": "#/components/parameters/tag"}, {"$ref": "#/components/parameters/minDuration"}, {"$ref": "#/components/parameters/maxDuration"}, {"$ref": "#/components/parameters/start"}, {"$ref": "#/components/parameters/end"}, {"$ref": "#/components/parameters/lookback"}, {"$ref": "#/components/parameters/traceLimit"}, {"$ref": "#/components/parameters/durationScope"},
                {"name": "sort", "in": "query", "schema": {"type": "string", "enum": ["recent", "duration", "errors", "spans"]}}, {"name": "error", "in": "query", "schema": {"type": "boolean"}}, {"name": "correlationId", "in": "query", "schema": {"type": "string"}}],
              "responses": {"200": {"$ref": "#/components/responses/Query"}, "400": {"$ref": "#/components/responses/QueryError"}, "401": {"$ref": "#/components/responses/QueryError"}, "503": {"$ref": "#/components/responses/QueryError"}}}},
            "/api/dependencies": {"get": {"summary": "service calls (milliseconds)", "parameters": [{"name": "endTs", "in": "query", "schema": {"type": "integer", "minimum": 0}}, {"name": "lookback", "in": "query", "schema": {"type": "integer", "minimum": 0}}],
              "responses": {"200": {"$ref": "#/components/responses/Query"}, "400": {"$ref": "#/components/responses/QueryError"}, "401": {"$ref": "#/components/responses/QueryError"}, "503": {"$ref": "#/components/responses/QueryError"}}}},
            "/api/latency": {"get": {"summary": "latency percentiles per operation", "parameters": [{"$ref": "#/components/parameters/service"}, {"$ref": "#/components/parameters/operation"}, {"$ref": "#/components/parameters/spanKind"}, {"$ref": "#/components/parameters/start"}, {"$ref": "#/components/parameters/end"}, {"$ref": "#/components/parameters/lookback"}, {"name": "step", "in": "query", "schema": {"type": "string"}}],
              "responses": {"200": {"$ref": "#/components/responses/Query"}, "400": {"$ref": "#/components/responses/QueryError"}, "401": {"$ref": "#/components/responses/QueryError"}, "503": {"$ref": "#/components/responses/QueryError"}}}},
            "/api/latency/histogram": {"get": {"summary": "latency histogram of one operation", "parameters": [{"name": "service", "in": "query", "required": true, "schema": {"type": "string", "minLength": 1}}, {"name": "operation", "in": "query", "required": true, "schema": {"type": "string", "minLength": 1}}, {"$ref": "#/components/parameters/spanKind"}, {"$ref": "#/components/parameters/start"}, {"$ref": "#/components/parameters/end"}, {"$ref": "#/components/parameters/lookback"}],
              "responses": {"200": {"$ref": "#/components/responses/Query"}, "400": {"$ref": "#/components/responses/QueryError"}, "401": {"$ref": "#/components/responses/QueryError"}, "503": {"$ref": "#/components/responses/QueryError"}}}},
            "/api/correlations/{id}": {"get": {"summary": "traces and logs of a correlation id", "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string", "minLength": 1, "maxLength": 256}}, {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 5000}}],
              "responses": {"200": {"$ref": "#/components/responses/Query"}, "400": {"$ref": "#/components/responses/QueryError"}, "401": {"$ref": "#/components/responses/QueryError"}, "503": {"$ref": "#/components/responses/QueryError"}}}},
            "/api/v3/services": {"get": {"summary": "service names (Jaeger api_v3)", "responses": {"200": {"description": "services", "content": {"application/json": {"schema": {"type": "object", "required": ["services"], "properties": {"services": {"type": "array", "items": {"type": "string"}}}}}}}, "401": {"$ref": "#/components/responses/V3Error"}, "503": {"$ref": "#/components/responses/V3Error"}}}},
            "/api/v3/operations": {"get": {"summary": "operations of a service (Jaeger api_v3)", "parameters": [{"name": "service", "in": "query", "required": true, "schema": {"type": "string", "minLength": 1}},
                {"name": "spanKind", "in": "query", "schema": {"type": "string", "enum": ["server", "client", "producer", "consumer", "internal"]}}, {"name": "span_kind", "in": "query", "description": "alias of spanKind", "schema": {"type": "string", "enum": ["server", "client", "producer", "consumer", "internal"]}}],
              "responses": {"200": {"description": "operations", "content": {"application/json": {"schema": {"type": "object", "required": ["operations"], "properties": {"operations": {"type": "array", "items": {"type": "object", "required": ["name", "spanKind"], "properties": {"name": {"type": "string"}, "spanKind": {"type": "string"}}}}}}}}}, "400": {"$ref": "#/components/responses/V3Error"}, "401": {"$ref": "#/components/responses/V3Error"}, "503": {"$ref": "#/components/responses/V3Error"}}}},
            "/api/v3/traces/{traceID}": {"get": {"summary": "one trace as OTLP JSON (Jaeger api_v3)", "parameters": [{"name": "traceID", "in": "path", "required": true, "description": "hex (up to 32 digits) or base64 of the 16 bytes", "schema": {"type": "string", "minLength": 1}},
                {"name": "startTime", "in": "query", "schema": {"type": "string", "format": "date-time"}}, {"name": "start_time", "in": "query", "schema": {"type": "string", "format": "date-time"}},
                {"name": "endTime", "in": "query", "schema": {"type": "string", "format": "date-time"}}, {"name": "end_time", "in": "query", "schema": {"type": "string", "format": "date-time"}},
                {"name": "rawTraces", "in": "query", "schema": {"type": "boolean"}}, {"name": "raw_traces", "in": "query", "schema": {"type": "boolean"}}],
              "responses": {"200": {"$ref": "#/components/responses/V3Traces"}, "404": {"$ref": "#/components/responses/V3Error"}, "400": {"$ref": "#/components/responses/V3Error"}, "401": {"$ref": "#/components/responses/V3Error"}, "503": {"$ref": "#/components/responses/V3Error"}}}},
            "/api/v3/traces": {"get": {"summary": "trace search, every match in one OTLP JSON result (Jaeger api_v3)", "parameters": [{"$ref": "#/components/parameters/query_serviceName"}, {"$ref": "#/components/parameters/query_service_name"}, {"$ref": "#/components/parameters/query_operationName"}, {"$ref": "#/components/parameters/query_operation_name"}, {"$ref": "#/components/parameters/query_startTimeMin"}, {"$ref": "#/components/parameters/query_start_time_min"}, {"$ref": "#/components/parameters/query_startTimeMax"}, {"$ref": "#/components/parameters/query_start_time_max"}, {"$ref": "#/components/parameters/query_durationMin"}, {"$ref": "#/components/parameters/query_duration_min"}, {"$ref": "#/components/parameters/query_durationMax"}, {"$ref": "#/components/parameters/query_duration_max"}, {"$ref": "#/components/parameters/query_searchDepth"}, {"$ref": "#/components/parameters/query_search_depth"}, {"$ref": "#/components/parameters/query_num_traces"}, {"$ref": "#/components/parameters/query_attributes"}, {"$ref": "#/components/parameters/query_rawTraces"}, {"$ref": "#/components/parameters/query_raw_traces"}, {"$ref": "#/components/parameters/durationScope"}],
              "responses": {"200": {"$ref": "#/components/responses/V3Traces"}, "404": {"$ref": "#/components/responses/V3Error"}, "400": {"$ref": "#/components/responses/V3Error"}, "401": {"$ref": "#/components/responses/V3Error"}, "503": {"$ref": "#/components/responses/V3Error"}}}},
            "/api/v3/trace-summaries": {"get": {"summary": "trace summaries as Jaeger computes them (Jaeger api_v3)", "parameters": [{"$ref": "#/components/parameters/query_serviceName"}, {"$ref": "#/components/parameters/query_service_name"}, {"$ref": "#/components/parameters/query_operationName"}, {"$ref": "#/components/parameters/query_operation_name"}, {"$ref": "#/components/parameters/query_startTimeMin"}, {"$ref": "#/components/parameters/query_start_time_min"}, {"$ref": "#/components/parameters/query_startTimeMax"}, {"$ref": "#/components/parameters/query_start_time_max"}, {"$ref": "#/components/parameters/query_durationMin"}, {"$ref": "#/components/parameters/query_duration_min"}, {"$ref": "#/components/parameters/query_durationMax"}, {"$ref": "#/components/parameters/query_duration_max"}, {"$ref": "#/components/parameters/query_searchDepth"}, {"$ref": "#/components/parameters/query_search_depth"}, {"$ref": "#/components/parameters/query_num_traces"}, {"$ref": "#/components/parameters/query_attributes"}, {"$ref": "#/components/parameters/query_rawTraces"}, {"$ref": "#/components/parameters/query_raw_traces"}, {"$ref": "#/components/parameters/durationScope"}],
              "responses": {"200": {"description": "summaries (an empty list when nothing matches)", "content": {"application/json": {"schema": {"type": "object", "required": ["summaries"], "properties": {"summaries": {"type": "array", "items": {"$ref": "#/components/schemas/V3Summary"}}}}}}}, "400": {"$ref": "#/components/responses/V3Error"}, "401": {"$ref": "#/components/responses/V3Error"}, "503": {"$ref": "#/components/responses/V3Error"}}}},
            "/metrics": {"get": {"summary": "the collector's own metrics in Prometheus text format (query token)", "responses": {"200": {"description": "Prometheus text exposition 0.0.4", "content": {"text/plain; version=0.0.4; charset=utf-8": {"schema": {"type": "string"}}}}, "401": {"$ref": "#/components/responses/QueryError"}}}},
            "/healthz": {"get": {"summary": "liveness: the process answers (no token)", "security": [{}], "responses": {"200": {"$ref": "#/components/responses/Probe"}}}},
            "/readyz": {"get": {"summary": "readiness: the store is writable and the ingest queue not full (no token)", "security": [{}], "responses": {"200": {"$ref": "#/components/responses/Probe"}, "503": {"$ref": "#/components/responses/Probe"}}}}
          }
        }
        """
}
