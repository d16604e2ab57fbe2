/// Finds the first invalid UTF-8 sequence in a byte range (RFC 3629, table 3-7: no overlong forms, no
/// surrogates, nothing above U+10FFFF, no truncated sequences). ASCII is skipped eight bytes at a time.
enum UTF8Validation {
    struct Failure: Equatable {
        var offset: Int
        var reason: String
    }

    static func firstFailure(in base: UnsafePointer<UInt8>, count: Int) -> Failure? {
        var position = 0
        while position < count {
            while count - position >= 8 {
                let high = UnsafeRawPointer(base + position).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080
                if high != 0 {
                    position += high.trailingZeroBitCount >> 3
                    break
                }
                position += 8
            }
            guard position < count else { return nil }
            let lead = base[position]
            if lead < 0x80 {
                position += 1
                continue
            }
            // The common cases first: a two-byte scalar, or a three-byte one outside the special leads.
            if count - position >= 3 {
                let second = base[position + 1]
                if lead >= 0xC2, lead <= 0xDF, second & 0xC0 == 0x80 {
                    position += 2
                    continue
                }
                if lead >= 0xE1, lead <= 0xEF, lead != 0xED, second & 0xC0 == 0x80, base[position + 2] & 0xC0 == 0x80 {
                    position += 3
                    continue
                }
            }
            let length: Int
            var lowerBound: UInt8 = 0x80
            var upperBound: UInt8 = 0xBF
            switch lead {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; lowerBound = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; upperBound = 0x9F
            case 0xF0: length = 4; lowerBound = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; upperBound = 0x8F
            default: return Failure(offset: position, reason: "invalid UTF-8 byte 0x\(String(lead, radix: 16, uppercase: true))")
            }
            guard count - position >= length else { return Failure(offset: position, reason: "truncated UTF-8 sequence") }
            let second = base[position + 1]
            guard second >= lowerBound, second <= upperBound else { return Failure(offset: position, reason: "invalid UTF-8 sequence") }
            for offset in 2..<max(length, 2) where base[position + offset] & 0xC0 != 0x80 {
                return Failure(offset: position, reason: "invalid UTF-8 sequence")
            }
            position += length
        }
        return nil
    }
}
