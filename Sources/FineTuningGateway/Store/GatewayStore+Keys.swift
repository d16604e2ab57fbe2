import FineTuning
import Foundation
import GRDB
extension GatewayStore {
    /// Makes a key named `name` and returns it: the only time it is ever visible.
    public func createKey(name: String, isAdmin: Bool) throws -> String {
        guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || "-_.".contains($0) }) else {
            throw FineTuningError(.invalidRequest, "a key name is letters, digits, '-', '_' or '.', got '\(name)'", parameter: "NAME")
        }
        let key = APIKey.generate()
        try pool.write { db in
            if try Bool.fetchOne(db, sql: "SELECT 1 FROM api_key WHERE name = ?", arguments: [name]) != nil {
                throw FineTuningError(.conflict, "a key named '\(name)' already exists (revoked keys keep their name)", parameter: "NAME")
            }
            try db.execute(
                sql: "INSERT INTO api_key (name, key_hash, is_admin, created_at) VALUES (?, ?, ?, ?)",
                arguments: [name, APIKey.hash(key), isAdmin, Int64(Date().timeIntervalSince1970)])
        }
        return key
    }

    /// Every key, by name.
    public func keys() throws -> [APIKeyRecord] {
        try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT name, is_admin, created_at, revoked_at FROM api_key ORDER BY name").map { row in
                APIKeyRecord(
                    name: row["name"], isAdmin: row["is_admin"], createdAt: Date(timeIntervalSince1970: Double(row["created_at"] as Int64)),
                    revokedAt: (row["revoked_at"] as Int64?).map { Date(timeIntervalSince1970: Double($0)) })
            }
        }
    }

    /// Revokes the key named `name`; its objects stay in the store.
    public func revokeKey(name: String) throws {
        try pool.write { db in
            try db.execute(sql: "UPDATE api_key SET revoked_at = ? WHERE name = ? AND revoked_at IS NULL", arguments: [Int64(Date().timeIntervalSince1970), name])
            if db.changesCount == 0 {
                throw FineTuningError(.notFound, "no active key named '\(name)'", parameter: "NAME")
            }
        }
    }

    /// The principal of an active key, or nil.
    func principal(forKey key: String) async throws -> Principal? {
        let hash = APIKey.hash(key)
        return try await pool.read { db in
            try Row.fetchOne(db, sql: "SELECT name, is_admin FROM api_key WHERE key_hash = ? AND revoked_at IS NULL", arguments: [hash])
                .map { Principal(name: $0["name"], isAdmin: $0["is_admin"]) }
        }
    }
}
