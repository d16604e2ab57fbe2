import Testing
@testable import FineTuningGateway

/// Keys are `ftk-` and 64 lowercase hex digits, stored as the lowercase hex SHA-256 that other tools
/// (the benchmark's Python reference, `sqlite3`) compute the same way.
@Suite struct APIKeyTests {
    @Test func theStoredFormIsTheLowercaseHexSHA256() {
        #expect(APIKey.hash("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(LowercaseHex.string([0x00, 0x0f, 0xa0, 0xff]) == "000fa0ff")
    }

    @Test func aNewKeyIsFtkAnd64HexDigits() {
        let key = APIKey.generate()
        #expect(key.hasPrefix("ftk-"))
        #expect(key.dropFirst(4).count == 64)
        #expect(key.dropFirst(4).allSatisfy { "0123456789abcdef".contains($0) })
        #expect(APIKey.generate() != key)
    }
}
