import Hummingbird
import NIOCore

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
          "durationScope": {"name": "durationScope", "in": "query", "schema": {"type": "string", "enum": ["trace", "span"]}}
        },
        "schemas": {
          "Envelope": {"type": "object", "required": ["data", "total", "limit", "offset", "errors"], "properties": {
            "data": {}, "total": {"type": "integer"}, "limit": {"type": "integer"}, "offset": {"type": "integer"},
            "errors": {"nullable": true, "type": "array", "items": {"$ref": "#/components/schemas/EnvelopeError"}}}},
          "EnvelopeError": {"type": "object", "required": ["code", "msg"], "properties": {"code": {"type": "integer"}, "msg": {"type": "string"}}},
          "Status": {"type": "object", "description": "google.rpc.Status", "required": ["code", "message"], "properties": {"code": {"type": "integer"}, "message": {"type": "string"}}},
          "ExportResponse": {"type": "object", "properties": {"partialSuccess": {"type": "object"}}},
          "OTLPRequest": {"type": "object", "description": "ExportTraceServiceRequest or ExportLogsServiceRequest in OTLP JSON"}
        },
        "responses": {
          "Query": {"description": "Jaeger-style envelope", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Envelope"}}}},
          "QueryError": {"description": "a parameter is wrong (named in errors[0].msg), the token is missing, or the store is busy", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Envelope"}}}},
          "IngestError": {"description": "refused; message says why", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Status"}}}},
          "Exported": {"description": "stored (partialSuccess names what was rejected)", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ExportResponse"}}}}
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
        "/api/traces": {"get": {"summary": "trace search (Jaeger)", "parameters": [{"$ref": "#/components/parameters/service"}, {"$ref": "#/components/parameters/operation"}, {"$ref": "#/components/parameters/tags"}, {"$ref": "#/components/parameters/tag"}, {"$ref": "#/components/parameters/minDuration"}, {"$ref": "#/components/parameters/maxDuration"}, {"$ref": "#/components/parameters/start"}, {"$ref": "#/components/parameters/end"}, {"$ref": "#/components/parameters/lookback"}, {"$ref": "#/components/parameters/traceLimit"}, {"$ref": "#/components/parameters/durationScope"}],
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
          "responses": {"200": {"$ref": "#/components/responses/Query"}, "400": {"$ref": "#/components/responses/QueryError"}, "401": {"$ref": "#/components/responses/QueryError"}, "503": {"$ref": "#/components/responses/QueryError"}}}}
      }
    }
    """
}
