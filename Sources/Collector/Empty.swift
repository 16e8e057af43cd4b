// Collector sources are being written.
