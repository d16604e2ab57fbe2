import Crypto
public import Foundation

/// API keys: 32 random bytes shown once as `ftk-HEX`, stored only as their SHA-256 (a key has
/// enough entropy that a fast hash is safe; nothing in the store can be turned back into a key).
public enum APIKey {
    /// A new random key.
    public static func generate() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return "ftk-" + LowercaseHex.string(bytes)
    }

    /// The stored form of `key`.
    public static func hash(_ key: String) -> String {
        LowercaseHex.string(SHA256.hash(data: Data(key.utf8)))
    }
}

/// Who a request acts for: the name of its key, and whether that key sees everyone's objects.
public struct Principal: Sendable, Hashable {
    public var name: String
    public var isAdmin: Bool

    public init(name: String, isAdmin: Bool) {
        self.name = name
        self.isAdmin = isAdmin
    }
}

/// A key as `finetune keys list` shows it (never the key itself).
public struct APIKeyRecord: Sendable, Hashable {
    public var name: String
    public var isAdmin: Bool
    public var createdAt: Date
    public var revokedAt: Date?
}
