/// The keys of one OTLP message, recognised straight from the key's bytes (no String is made for a key).
/// Each set switches on the first byte so a key is compared with one or two candidate names at most.
protocol OTLPFieldSet {
    static func lookup(_ key: UnsafeRawBufferPointer) -> Self?
}

enum OTLPKeyName {
    /// True when `key` is `name` (lowerCamelCase) or its snake_case spelling (`startTimeUnixNano` /
    /// `start_time_unix_nano`): receivers must accept both (OTLP JSON mapping).
    @inline(__always)
    static func matches(_ key: UnsafeRawBufferPointer, _ name: StaticString) -> Bool {
        let nameCount = name.utf8CodeUnitCount
        let nameBytes = name.utf8Start
        if key.count == nameCount {
            for index in 0..<nameCount where key[index] != nameBytes[index] { return false }
            return true
        }
        guard key.count > nameCount else { return false }
        var keyIndex = 0
        var nameIndex = 0
        while keyIndex < key.count && nameIndex < nameCount {
            let keyByte = key[keyIndex]
            let nameByte = nameBytes[nameIndex]
            if keyByte == nameByte {
                keyIndex += 1
            } else if keyByte == UInt8(ascii: "_"), nameByte &- UInt8(ascii: "A") < 26, keyIndex + 1 < key.count,
                key[keyIndex + 1] == nameByte | 0x20
            {
                keyIndex += 2
            } else {
                return false
            }
            nameIndex += 1
        }
        return keyIndex == key.count && nameIndex == nameCount
    }

    @inline(__always)
    static func first(_ key: UnsafeRawBufferPointer) -> UInt8 { key.isEmpty ? 0 : key[0] }
}
