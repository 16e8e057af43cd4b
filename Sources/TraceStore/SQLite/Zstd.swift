import CZstd

/// Every zstd call of the store: compressing and decompressing span chunks (see `TraceChunk`), with or without
/// a dictionary, and training a dictionary. Sizes are checked before any buffer is made: a damaged chunk gives
/// an error, never an allocation of whatever its header claims.
enum Zstd {
    /// zstd's default level: ~3.5× on span chunks with a dictionary at several hundred MB/s, far above ingest's ~30 MB/s.
    static let level: Int32 = 3
    /// No chunk decompresses to more than this: a commit's spans of one trace are bounded by the request limits
    /// (a few MB); a header claiming more means a damaged file.
    static let maxDecompressedBytes = 256 << 20

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// A dictionary of one id with its digested forms, immutable once made, so one instance serves every thread.
    final class Dictionary: @unchecked Sendable {
        let id: Int64
        fileprivate let compression: OpaquePointer
        fileprivate let decompression: OpaquePointer

        init(id: Int64, bytes: [UInt8]) throws {
            guard
                let compression = bytes.withUnsafeBytes({ ZSTD_createCDict($0.baseAddress, $0.count, Zstd.level) }),
                let decompression = bytes.withUnsafeBytes({ ZSTD_createDDict($0.baseAddress, $0.count) })
            else { throw Failure(description: "zstd dictionary \(id) (\(bytes.count) bytes) cannot be loaded") }
            self.id = id
            self.compression = compression
            self.decompression = decompression
        }

        deinit {
            ZSTD_freeCDict(compression)
            ZSTD_freeDDict(decompression)
        }
    }

    /// One compression context, reused across chunks (its working memory is allocated once). Not for two threads.
    final class Compressor {
        private let context: OpaquePointer

        init() {
            context = ZSTD_createCCtx()
            // The chunk row names its dictionary: the 4 bytes of dictionary id in each frame would repeat it.
            ZSTD_CCtx_setParameter(context, ZSTD_c_dictIDFlag, 0)
            ZSTD_CCtx_setParameter(context, ZSTD_c_compressionLevel, Zstd.level)
        }

        deinit { ZSTD_freeCCtx(context) }

        func compress(_ input: [UInt8], dictionary: Dictionary?) throws -> [UInt8] {
            try Zstd.check(ZSTD_CCtx_refCDict(context, dictionary?.compression))
            let bound = ZSTD_compressBound(input.count)
            var written = 0
            let output = try [UInt8](unsafeUninitializedCapacity: bound) { buffer, count in
                written = input.withUnsafeBytes { source in
                    ZSTD_compress2(context, buffer.baseAddress, bound, source.baseAddress, source.count)
                }
                count = try Zstd.check(written)
            }
            return output
        }
    }

    /// One decompression context, reused for the chunks of one read. Not for two threads.
    final class Decompressor {
        private let context: OpaquePointer

        init() { context = ZSTD_createDCtx() }

        deinit { ZSTD_freeDCtx(context) }

        func decompress(_ input: UnsafeRawBufferPointer, dictionary: Dictionary?) throws -> [UInt8] {
            let size = ZSTD_getFrameContentSize(input.baseAddress, input.count)
            // ZSTD_CONTENTSIZE_UNKNOWN and _ERROR are the two largest values: our frames always carry their size.
            guard size < UInt64.max - 1, size <= UInt64(Zstd.maxDecompressedBytes) else {
                throw Failure(description: "a stored chunk's zstd frame is damaged or claims too many bytes")
            }
            return try [UInt8](unsafeUninitializedCapacity: Int(size)) { buffer, count in
                let written = ZSTD_decompress_usingDDict(
                    context, buffer.baseAddress, Int(size), input.baseAddress, input.count, dictionary?.decompression)
                count = try Zstd.check(written)
                guard count == Int(size) else {
                    throw Failure(description: "a stored chunk decompressed to \(count) bytes, its frame says \(size)")
                }
            }
        }
    }

    /// A dictionary of at most `capacity` bytes trained on `samples`; nil when zstd finds too little to learn
    /// from (too few or too uniform samples): the caller keeps compressing without one and tries again later.
    static func trainDictionary(samples: [[UInt8]], capacity: Int) -> [UInt8]? {
        let sizes = samples.map(\.count)
        let joined = Array(samples.joined())
        var dictionary = [UInt8](repeating: 0, count: capacity)
        let size = dictionary.withUnsafeMutableBytes { target in
            joined.withUnsafeBytes { source in
                sizes.withUnsafeBufferPointer { sizes in
                    ZDICT_trainFromBuffer(
                        target.baseAddress, capacity, source.baseAddress, sizes.baseAddress, UInt32(clamping: sizes.count))
                }
            }
        }
        guard ZDICT_isError(size) == 0 else { return nil }
        return Array(dictionary.prefix(size))
    }

    @discardableResult
    fileprivate static func check(_ result: Int) throws -> Int {
        guard ZSTD_isError(result) == 0 else {
            throw Failure(description: "zstd: \(String(cString: ZSTD_getErrorName(result)))")
        }
        return result
    }
}
