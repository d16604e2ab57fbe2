import FineTuning
import Foundation

extension GatewayStore {
    /// Makes a key named `name` and returns it: the only time it is ever visible.
    public func createKey(name: String, isAdmin: Bool) async throws -> String {
        guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || "-_.".contains($0) }) else {
            throw FineTuningError(.invalidRequest, "a key name is letters, digits, '-', '_' or '.', got '\(name)'", parameter: "NAME")
        }
        let key = APIKey.generate()
        let inserted = try await database.write(SQLStatement(
            "INSERT INTO api_key (name, key_hash, is_admin, created_at) VALUES (?, ?, ?, ?) ON CONFLICT (name) DO NOTHING RETURNING name",
            [.text(name), .text(APIKey.hash(key)), SQLValue(isAdmin), .integer(Int64(Date().timeIntervalSince1970))]))
        guard !inserted.isEmpty else {
            throw FineTuningError(.conflict, "a key named '\(name)' already exists (revoked keys keep their name)", parameter: "NAME")
        }
        return key
    }

    /// Every key, by name.
    public func keys() async throws -> [APIKeyRecord] {
        try await database.read(SQLStatement("SELECT name, is_admin, created_at, revoked_at FROM api_key ORDER BY name")).map { row in
            APIKeyRecord(
                name: try row.text("name"), isAdmin: try row.bool("is_admin"), createdAt: Date(timeIntervalSince1970: Double(try row.integer("created_at"))),
                revokedAt: try row.optionalInteger("revoked_at").map { Date(timeIntervalSince1970: Double($0)) })
        }
    }

    /// Revokes the key named `name`; its objects stay in the store.
    public func revokeKey(name: String) async throws {
        let revoked = try await database.write(SQLStatement(
            "UPDATE api_key SET revoked_at = ? WHERE name = ? AND revoked_at IS NULL RETURNING name",
            [.integer(Int64(Date().timeIntervalSince1970)), .text(name)]))
        if revoked.isEmpty {
            throw FineTuningError(.notFound, "no active key named '\(name)'", parameter: "NAME")
        }
        keyCache.forget(name: name)
    }

    /// The principal of an active key, or nil: from the key cache while its entry lasts (so a key
    /// another process revoked works for at most the cache's lifetime), else from the database.
    func principal(forKey key: String) async throws -> Principal? {
        let hash = APIKey.hash(key)
        if let principal = keyCache.principal(forHash: hash) { return principal }
        guard let principal = try await database.read(SQLStatement(
            "SELECT name, is_admin FROM api_key WHERE key_hash = ? AND revoked_at IS NULL", [.text(hash)])
        ).first.map({ Principal(name: try $0.text("name"), isAdmin: try $0.bool("is_admin")) }) else { return nil }
        keyCache.remember(principal, forHash: hash)
        return principal
    }
}

extension Principal {
    /// The condition limiting a query to what the principal may see (nothing for an admin), and its arguments.
    func ownerCondition(column: String = "owner") -> (sql: String, arguments: [SQLValue]) {
        isAdmin ? ("", []) : (" AND \(column) = ?", [.text(name)])
    }
}
