import Foundation

extension GatewayStore {
    func insert(_ file: StoredFile) async throws {
        try await database.write(SQLStatement(
            "INSERT INTO file (id, owner, filename, purpose, bytes, sha256, blob_path, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [.text(file.id), .text(file.owner), .text(file.filename), .text(file.purpose), .integer(file.bytes), .text(file.sha256), .text(file.blobPath),
             .integer(file.createdAt)]))
    }

    /// The file, when `principal` may see it (nil exactly as for a missing one).
    func file(_ id: String, visibleTo principal: Principal) async throws -> StoredFile? {
        let owner = principal.ownerCondition()
        return try await database.read(SQLStatement("SELECT * FROM file WHERE id = ?" + owner.sql, [.text(id)] + owner.arguments))
            .first.map(StoredFile.init(row:))
    }

    /// The files `principal` may see, newest first.
    func files(visibleTo principal: Principal, purpose: String?) async throws -> [StoredFile] {
        let owner = principal.ownerCondition()
        var statement = SQLStatement("SELECT * FROM file WHERE 1 = 1" + owner.sql, owner.arguments)
        if let purpose {
            statement.sql += " AND purpose = ?"
            statement.arguments.append(.text(purpose))
        }
        statement.sql += " ORDER BY created_at DESC, rowid DESC"
        return try await database.read(statement).map(StoredFile.init(row:))
    }

    /// Deletes the file's record; returns the blob path when no other file shares its content.
    func deleteFile(_ file: StoredFile) async throws -> String? {
        let results = try await database.write([
            SQLStatement("DELETE FROM file WHERE id = ?", [.text(file.id)]),
            SQLStatement("SELECT 1 AS shared FROM file WHERE sha256 = ? LIMIT 1", [.text(file.sha256)]),
        ])
        return results[1].isEmpty ? file.blobPath : nil
    }
}

extension StoredFile {
    init(row: SQLRow) throws {
        self.init(
            id: try row.text("id"), owner: try row.text("owner"), filename: try row.text("filename"), purpose: try row.text("purpose"),
            bytes: try row.integer("bytes"), sha256: try row.text("sha256"), blobPath: try row.text("blob_path"), createdAt: try row.integer("created_at"))
    }
}
