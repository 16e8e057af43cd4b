/// SQLite's page cache per connection, in KiB (`PRAGMA cache_size`), sized for the collector's memory target
/// (peak RSS ≤ 100 MB, issue #20): each connection's cache fills to its size and stays allocated, and the pool
/// has the writer and up to five readers.
///
/// The writer's commits touch the newest pages of each table and index (they append) plus one random `traces`
/// page per new trace; pages it misses come from the operating system's file cache, not the disk. At 16 MB,
/// half of what it had, ingest kept its rate (tracetop-bench --only process: 63.9k vs 65.3k spans/s back to
/// back, within the noise) and the collector's peak fell by 15 MB. Readers run one query each and start cold
/// anyway (a page another connection wrote is re-read); 8 MB each bounds the five at 40 MB.
enum PageCache {
    static let writerKiB = 16_000
    static let readerKiB = 8_000
}
