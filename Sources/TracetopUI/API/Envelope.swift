/// The API's Jaeger-style envelope: `{"data":…,"total":N,"limit":…,"offset":…,"errors":null|[{code,msg}]}`.
struct Envelope<Payload: Decodable>: Decodable {
    struct APIError: Decodable {
        var code: Int?
        var msg: String?
    }

    var data: Payload?
    var total: Int?
    var errors: [APIError]?
}
