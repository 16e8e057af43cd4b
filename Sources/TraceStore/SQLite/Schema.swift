import GRDB

/// Versioned migrations. A shipped migration never changes: add a new one.
///
/// Layout, chosen for the hot paths and for disk:
/// - spans are stored in `trace_chunks` (v9, before it `spans`, one row per span): each commit writes one chunk
///   per trace it holds spans of, the spans' columns packed one after another and zstd-compressed with a
///   dictionary trained on the file's own spans (`chunk_dictionaries`, see `TraceChunk`, `ChunkCompression`).
///   Chunks are found by `trace_seq`, the trace's sequence number (`traces.seq`, given in order of arrival), so
///   new chunks append at the right edge of the B-trees (their hot pages stay in cache at 10M spans, where random
///   trace ids would touch a random page per span), and a trace's chunks sit side by side. A re-sent span is
///   taken out of its old chunk (`TraceChunkWriter`), so a span id is in one chunk of its trace.
/// - `traces` holds one summary row per trace, kept right at ingest; searches run on it and its small indexes.
/// - services, operations, resources and scopes are interned: spans carry small integers, not repeated strings.
/// - `latency_minutes` keeps one HdrHistogram per minute and operation, so percentiles never scan spans;
///   `latency_hours` rolls them up by hour, so a day's percentiles merge 24 histograms per operation, not 1,440.
///   Both are keyed by time first (v5), so a commit merges into a few pages and a query reads one range;
///   commits append their counts to `latency_pending`, merged every few dozen commits (v6, `PendingLatency`).
/// - Indexes that took a random page per trace are keyed by trace sequence number first (v7: `attribute_blocks`,
///   `correlation_blocks`, `trace_correlation_ids`, `traces_by_duration_class`), so a commit writes the newest
///   blocks' few pages; lookups probe each block. Correlation ids also get a row per superblock of 64 blocks
///   (v8, written when the superblock fills), so a lookup probes the superblocks, not every block; tag pairs a row
///   per region of 64 superblocks (v11, `attribute_regions`), so a tag lookup probes regions, not every superblock.
///   `traces_by_duration_class` also carries the columns a duration-sorted search filters and sorts on (v10),
///   so that walk reads no table row until it has its results.
enum Schema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(
                sql: """
                    CREATE TABLE services (
                        id INTEGER PRIMARY KEY,
                        name TEXT NOT NULL UNIQUE
                    );
                    CREATE TABLE operations (
                        id INTEGER PRIMARY KEY,
                        service_id INTEGER NOT NULL,
                        name TEXT NOT NULL,
                        kind INTEGER NOT NULL,
                        UNIQUE (service_id, name, kind)
                    );
                    CREATE TABLE resources (
                        id INTEGER PRIMARY KEY,
                        body BLOB NOT NULL UNIQUE
                    );
                    CREATE TABLE scopes (
                        id INTEGER PRIMARY KEY,
                        body BLOB NOT NULL UNIQUE
                    );
                    CREATE TABLE spans (
                        trace_seq INTEGER NOT NULL,
                        span_id BLOB NOT NULL,
                        parent_span_id BLOB,
                        service_id INTEGER NOT NULL,
                        operation_id INTEGER NOT NULL,
                        resource_id INTEGER NOT NULL,
                        scope_id INTEGER NOT NULL,
                        start_ns INTEGER NOT NULL,
                        end_ns INTEGER NOT NULL,
                        status_code INTEGER NOT NULL,
                        is_error INTEGER NOT NULL,
                        body BLOB NOT NULL,
                        PRIMARY KEY (trace_seq, span_id)
                    ) WITHOUT ROWID;
                    CREATE TABLE traces (
                        trace_id BLOB PRIMARY KEY,
                        seq INTEGER NOT NULL,
                        start_ns INTEGER NOT NULL,
                        duration_ns INTEGER NOT NULL,
                        span_count INTEGER NOT NULL,
                        error_count INTEGER NOT NULL,
                        root_service_id INTEGER,
                        root_operation_id INTEGER,
                        service_ids TEXT NOT NULL
                    ) WITHOUT ROWID;
                    CREATE INDEX traces_by_start ON traces (start_ns);
                    CREATE INDEX traces_by_duration ON traces (duration_ns);
                    CREATE TABLE trace_correlations (
                        correlation_id TEXT NOT NULL,
                        trace_id BLOB NOT NULL,
                        PRIMARY KEY (correlation_id, trace_id)
                    ) WITHOUT ROWID;
                    CREATE INDEX trace_correlations_by_trace ON trace_correlations (trace_id);
                    CREATE TABLE logs (
                        id INTEGER PRIMARY KEY,
                        time_ns INTEGER NOT NULL,
                        service_id INTEGER NOT NULL,
                        severity_number INTEGER NOT NULL,
                        trace_id BLOB,
                        span_id BLOB,
                        resource_id INTEGER NOT NULL,
                        scope_id INTEGER NOT NULL,
                        body_text TEXT NOT NULL,
                        body BLOB NOT NULL
                    );
                    CREATE INDEX logs_by_time ON logs (time_ns);
                    CREATE INDEX logs_by_trace ON logs (trace_id, time_ns) WHERE trace_id IS NOT NULL;
                    CREATE TABLE log_correlations (
                        correlation_id TEXT NOT NULL,
                        log_id INTEGER NOT NULL,
                        PRIMARY KEY (correlation_id, log_id)
                    ) WITHOUT ROWID;
                    CREATE TABLE latency_minutes (
                        operation_id INTEGER NOT NULL,
                        minute INTEGER NOT NULL,
                        count INTEGER NOT NULL,
                        error_count INTEGER NOT NULL,
                        histogram BLOB NOT NULL,
                        PRIMARY KEY (operation_id, minute)
                    ) WITHOUT ROWID;
                    CREATE INDEX latency_minutes_by_minute ON latency_minutes (minute);
                    CREATE TABLE latency_hours (
                        operation_id INTEGER NOT NULL,
                        hour INTEGER NOT NULL,
                        count INTEGER NOT NULL,
                        error_count INTEGER NOT NULL,
                        histogram BLOB NOT NULL,
                        PRIMARY KEY (operation_id, hour)
                    ) WITHOUT ROWID;
                    CREATE INDEX latency_hours_by_hour ON latency_hours (hour);
                    """)
        }
        migrator.registerMigration("v2 retention") { db in
            // Retention deletes logs by id; without this, each delete of their correlation rows scans the table.
            try db.execute(sql: "CREATE INDEX log_correlations_by_log ON log_correlations (log_id)")
        }
        migrator.registerMigration("v3 string dictionary") { db in
            try StringDictionaryMigration.run(db)
        }
        migrator.registerMigration("v4 attribute index") { db in
            // See `AttributeIndex`. `traces_by_seq` lets a search read a block's traces; seq only grows, so the
            // index appends.
            try db.execute(
                sql: """
                    CREATE TABLE attribute_index (
                        pair_hash INTEGER NOT NULL,
                        block INTEGER NOT NULL,
                        PRIMARY KEY (pair_hash, block)
                    ) WITHOUT ROWID;
                    CREATE INDEX attribute_index_by_block ON attribute_index (block);
                    CREATE TABLE indexed_attribute_keys (
                        key TEXT PRIMARY KEY,
                        since_seq INTEGER NOT NULL
                    ) WITHOUT ROWID;
                    CREATE INDEX traces_by_seq ON traces (seq);
                    """)
        }
        migrator.registerMigration("v5 latency by time") { db in
            // Keyed by time first: a commit's spans fall in a few minutes, so the histograms it merges share
            // a few pages instead of one page per operation (about 100 of the ~900 pages a 2,000-span commit
            // wrote), and retention deletes a key prefix. A query reads each time range once for all operations.
            for (table, column) in [("latency_minutes", "minute"), ("latency_hours", "hour")] {
                try db.execute(
                    sql: """
                        CREATE TABLE \(table)_by_time (
                            \(column) INTEGER NOT NULL,
                            operation_id INTEGER NOT NULL,
                            count INTEGER NOT NULL,
                            error_count INTEGER NOT NULL,
                            histogram BLOB NOT NULL,
                            PRIMARY KEY (\(column), operation_id)
                        ) WITHOUT ROWID;
                        INSERT INTO \(table)_by_time (\(column), operation_id, count, error_count, histogram)
                            SELECT \(column), operation_id, count, error_count, histogram FROM \(table);
                        DROP TABLE \(table);
                        ALTER TABLE \(table)_by_time RENAME TO \(table);
                        """)
            }
        }
        migrator.registerMigration("v6 pending latency") { db in
            // See `PendingLatency`: one row per commit, merged into the histogram tables every few dozen commits.
            try db.execute(sql: "CREATE TABLE latency_pending (id INTEGER PRIMARY KEY, body BLOB NOT NULL)")
        }
        migrator.registerMigration("v7 append-ordered indexes") { db in
            try AppendOrderedIndexesMigration.run(db)
        }
        migrator.registerMigration("v8 correlation superblocks") { db in
            // See `CorrelationIndex`: every superblock but the newest is sealed, as the writer seals them.
            try db.execute(
                sql: """
                    CREATE TABLE correlation_superblocks (
                        superblock INTEGER NOT NULL,
                        id_hash INTEGER NOT NULL,
                        blocks INTEGER NOT NULL,
                        PRIMARY KEY (superblock, id_hash)
                    ) WITHOUT ROWID;
                    """)
            if let newest = try Int64.fetchOne(db, sql: "SELECT max(seq) FROM traces"), CorrelationIndex.superblock(ofSeq: newest) > 0 {
                try CorrelationIndex.sealSuperblocks(0...(CorrelationIndex.superblock(ofSeq: newest) - 1), db: db)
            }
        }
        migrator.registerMigration("v9 trace chunks") { db in
            try TraceChunksMigration.run(db)
        }
        migrator.registerMigration("v10 covering duration index") { db in
            // The duration walk's filters and sort read the index alone (see `SummarySearch`); the key is still
            // (duration_class, seq), so inserts still append at the end of their class.
            try db.execute(
                sql: """
                    DROP INDEX traces_by_duration_class;
                    CREATE INDEX traces_by_duration_class ON traces (duration_class, seq, duration_ns, start_ns, error_count, service_ids);
                    """)
        }
        migrator.registerMigration("v11 attribute regions") { db in
            // See `AttributeRegions`: every region but the newest is sealed, as the writer seals them.
            try db.execute(
                sql: """
                    CREATE TABLE attribute_regions (
                        region INTEGER NOT NULL,
                        pair_hash INTEGER NOT NULL,
                        superblocks INTEGER NOT NULL,
                        PRIMARY KEY (region, pair_hash)
                    ) WITHOUT ROWID;
                    """)
            if let newest = try Int64.fetchOne(db, sql: "SELECT max(seq) FROM traces"), AttributeRegions.region(ofSeq: newest) > 0 {
                try AttributeRegions.seal(0...(AttributeRegions.region(ofSeq: newest) - 1), db: db)
            }
        }
        return migrator
    }
}
