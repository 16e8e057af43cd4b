/// Token comparison whose running time does not depend on where the first differing byte is, so a client
/// cannot guess a token one byte at a time by timing 401s. Only the token's length can leak, not its content.
enum ConstantTime {
    static func equal(_ given: some StringProtocol, _ expected: String) -> Bool {
        let given = Array(given.utf8)
        let expected = Array(expected.utf8)
        var difference: UInt8 = given.count == expected.count ? 0 : 1
        // Walk the expected token whatever was sent: the loop's length is fixed by the secret's length.
        for index in 0..<expected.count {
            let byte = index < given.count ? given[index] : 0
            difference |= byte ^ expected[index]
        }
        return difference == 0
    }
}
