/// Text that zstd cannot shrink, for tests that must fill a disk or reach a size limit: spans are stored
/// compressed, so padding of one repeated letter would take almost no space in the file.
enum IncompressibleText {
    /// `count` letters of a fixed pseudo-random sequence per seed (SplitMix64), so runs compare.
    static func letters(_ count: Int, seed: UInt64) -> String {
        var state = seed &+ 0x9E37_79B9_7F4A_7C15
        let letters = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_".utf8)
        return String(
            decoding: (0..<count).map { _ in
                state &+= 0x9E37_79B9_7F4A_7C15
                var mixed = (state ^ (state >> 30)) &* 0xBF58_476D_1CE4_E5B9
                mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
                return letters[Int((mixed ^ (mixed >> 31)) & 63)]
            }, as: UTF8.self)
    }
}
