/// `Bearer <token>` in an HTTP `Authorization` header or gRPC `authorization` metadata: the scheme is
/// case-insensitive and spaces around the token are ignored, as RFC 6750 clients send it.
enum BearerToken {
    static func parse(_ header: String?) -> Substring? {
        guard let header else { return nil }
        let trimmed = header.drop { $0 == " " }
        guard trimmed.count > 7, trimmed.prefix(7).lowercased() == "bearer " else { return nil }
        return trimmed.dropFirst(7).drop { $0 == " " }
    }
}
