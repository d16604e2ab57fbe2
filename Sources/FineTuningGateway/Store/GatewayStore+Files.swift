import Foundation
import GRDB

extension GatewayStore {
    func insert(_ file: StoredFile) async throws {
        try await pool.write { db in
            try db.execute(
                sql: "INSERT INTO file (id, owner, filename, purpose, bytes, sha256, blob_path, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                arguments: [file.id, file.owner, file.filename, file.purpose, file.bytes, file.sha256, file.blobPath, file.createdAt])
        }
    }

    /// The file, when `principal` may see it (nil exactly as for a missing one).
    func file(_ id: String, visibleTo principal: Principal) async throws -> StoredFile? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM file WHERE id = ? AND (? IS NULL OR owner = ?)", arguments: [id, principal.ownerFilter, principal.ownerFilter])
                .map(StoredFile.init(row:))
        }
    }

    /// The files `principal` may see, newest first.
    func files(visibleTo principal: Principal, purpose: String?) async throws -> [StoredFile] {
        try await pool.read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM file WHERE (? IS NULL OR owner = ?) AND (? IS NULL OR purpose = ?) ORDER BY created_at DESC, rowid DESC",
                arguments: [principal.ownerFilter, principal.ownerFilter, purpose, purpose]
            ).map(StoredFile.init(row:))
        }
    }

    /// Deletes the file's record; returns the blob path when no other file shares its content.
    func deleteFile(_ file: StoredFile) async throws -> String? {
        try await pool.write { db in
            try db.execute(sql: "DELETE FROM file WHERE id = ?", arguments: [file.id])
            let shared = try Bool.fetchOne(db, sql: "SELECT 1 FROM file WHERE sha256 = ?", arguments: [file.sha256]) ?? false
            return shared ? nil : file.blobPath
        }
    }
}

extension StoredFile {
    init(row: Row) {
        self.init(
            id: row["id"], owner: row["owner"], filename: row["filename"], purpose: row["purpose"], bytes: row["bytes"],
            sha256: row["sha256"], blobPath: row["blob_path"], createdAt: row["created_at"])
    }
}
