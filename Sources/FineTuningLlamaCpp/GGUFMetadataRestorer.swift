import FineTuning
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
public import Darwin
#endif

/// Puts back the metadata llama.cpp's `llama_model_save_to_file` leaves out of a saved model (the
/// chat template above all, without which the tuned model would talk in another format than the one
/// it was trained in): every entry of the original model that the saved file lacks is copied over
/// byte for byte, with its original type; the saved file's own entries, tensor directory and tensor
/// data are kept exactly (tensor offsets are relative to the data section, so they stay valid).
public enum GGUFMetadataRestorer {
    /// Rewrites `saved` in place with the entries of `original` it lacks; returns the keys restored.
    @discardableResult
    public static func restore(from original: GGUFFile, into saved: String) throws -> [String] {
        let file = try GGUFFile(path: saved)
        let present = Set(file.metadata.map(\.key))
        let missing = original.metadata.indices.filter { index in
            let key = original.metadata[index].key
            return !present.contains(key) && key != "general.alignment"
        }
        guard !missing.isEmpty else { return [] }
        var header = Data("GGUF".utf8)
        header.appendLittleEndian(UInt32(3))
        header.appendLittleEndian(UInt64(file.tensors.count))
        header.appendLittleEndian(UInt64(file.metadata.count + missing.count))
        for range in file.metadataBytes { header.append(file.data[range]) }
        for index in missing { header.append(original.data[original.metadataBytes[index]]) }
        header.append(file.data[file.tensorInfoBytes])
        header.append(Data(count: (file.alignment - header.count % file.alignment) % file.alignment))

        let partial = saved + ".partial"
        _ = FileManager.default.createFile(atPath: partial, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: partial))
        do {
            try handle.write(contentsOf: header)
            // Read, not mapped: mapped pages would count in the worker's resident memory.
            let source = try FileHandle(forReadingFrom: URL(fileURLWithPath: saved))
            defer { try? source.close() }
            try source.seek(toOffset: UInt64(file.dataOffset))
            while let chunk = try source.read(upToCount: 64 << 20), !chunk.isEmpty {
                try handle.write(contentsOf: chunk)
            }
            try handle.close()
            guard rename(partial, saved) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        } catch {
            try? handle.close()
            try? FileManager.default.removeItem(atPath: partial)
            throw FineTuningError(.providerError, "could not restore the metadata of '\(saved)': \(error.localizedDescription)", provider: "llamacpp")
        }
        return missing.map { original.metadata[$0].key }
    }
}
