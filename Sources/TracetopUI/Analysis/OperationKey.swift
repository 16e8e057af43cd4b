/// (service, operation): how the analyses group spans. A struct key rather than a joined string, so grouping
/// 10,000 spans does not build 10,000 strings.
struct OperationKey: Hashable {
    var service: String
    var operation: String

    init(service: String, operation: String) {
        self.service = service
        self.operation = operation
    }

    init(_ tree: TraceTree, _ span: Int) {
        service = tree.serviceNames[span]
        operation = tree.spans[span].operationName
    }
}
