/// Knobs of the simulated shop's exporters. The defaults are small batches and a short timer so a
/// demo of a few dozen traces still arrives split across several requests, as real SDKs send them.
package struct ShopConfiguration: Hashable, Sendable {
    /// Most spans or log records in one export request (SDK default 512).
    package var maxExportBatch: Int
    /// How often a service's exporter flushes what is ready (SDK default 5 s).
    package var exportDelayNanos: UInt64

    package init(maxExportBatch: Int = 64, exportDelayNanos: UInt64 = 1_000_000_000) {
        precondition(maxExportBatch > 0, "maxExportBatch must be positive")
        self.maxExportBatch = maxExportBatch
        self.exportDelayNanos = exportDelayNanos
    }
}
