import FineTuningPluginABI
import Foundation

/// A check of an ELF file's extent before `dlopen`: glibc maps the segments a file's program
/// headers describe, and touching a segment that lies past the end of a cut-short file (an
/// interrupted copy) kills the process with SIGBUS instead of failing. Non-ELF files are left to
/// `dlopen`, which refuses them cleanly.
enum ELFFileCheck {
    /// Why the ELF file at `path` cannot be complete, or nil when its headers fit in the file.
    static func problem(at path: String) -> String? {
        guard let data = try? Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped),
            data.starts(with: [0x7F, 0x45, 0x4C, 0x46])
        else { return nil }
        guard data.count >= 64, data[4] == 2, data[5] == 1 else {
            return data.count < 64 ? "the ELF header is cut short (\(data.count) bytes)" : nil
        }
        // 64-bit little-endian: e_phoff at 0x20, e_shoff at 0x28, e_phentsize/e_phnum at 0x36/0x38,
        // e_shentsize/e_shnum at 0x3A/0x3C.
        func integer<T: FixedWidthInteger>(_ offset: Int, _: T.Type) -> T? {
            guard offset >= 0, offset + MemoryLayout<T>.size <= data.count else { return nil }
            return data.withUnsafeBytes { T(littleEndian: $0.loadUnaligned(fromByteOffset: offset, as: T.self)) }
        }
        let size = UInt64(data.count)
        guard let programHeaders = integer(0x20, UInt64.self), let sectionHeaders = integer(0x28, UInt64.self),
            let entrySize = integer(0x36, UInt16.self), let entries = integer(0x38, UInt16.self),
            let sectionEntrySize = integer(0x3A, UInt16.self), let sections = integer(0x3C, UInt16.self)
        else { return "the ELF header is cut short" }
        let needed = [
            programHeaders + UInt64(entrySize) * UInt64(entries), sectionHeaders + UInt64(sectionEntrySize) * UInt64(sections),
        ] + (0..<Int(entries)).compactMap { index -> UInt64? in
            let header = Int(programHeaders) + index * Int(entrySize)
            guard let offset = integer(header + 0x08, UInt64.self), let fileSize = integer(header + 0x20, UInt64.self) else { return .max }
            return offset + fileSize
        }
        guard let largest = needed.max(), largest > size else { return nil }
        return "the file is cut short: its headers describe \(largest == .max ? "more" : String(largest)) bytes, the file has \(size)"
    }
}
