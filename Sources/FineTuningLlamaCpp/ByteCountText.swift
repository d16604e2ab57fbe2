import Foundation

/// Byte counts as people read them: `531.2 MiB`, `2.04 GiB` (binary units, as `free` and `top` show them).
public enum ByteCountText {
    public static func text(_ bytes: Int64) -> String {
        let value = Double(bytes)
        switch value {
        case ..<Double(1 << 10): return "\(bytes) B"
        case ..<Double(1 << 20): return String(format: "%.1f KiB", value / Double(1 << 10))
        case ..<Double(1 << 30): return String(format: "%.1f MiB", value / Double(1 << 20))
        default: return String(format: "%.2f GiB", value / Double(1 << 30))
        }
    }
}
