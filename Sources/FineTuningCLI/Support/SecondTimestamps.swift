import Foundation
import Synchronization

/// The local time as `2026-11-30T12:28:32+0000`, formatted once per second.
final class SecondTimestamps: Sendable {
    private let last = Mutex<(second: time_t, text: String)>((-1, ""))

    func now() -> String {
        let second = time(nil)
        if let text = last.withLock({ $0.second == second ? $0.text : nil }) { return text }
        var moment = second
        var local = tm()
        localtime_r(&moment, &local)
        var buffer = [CChar](repeating: 0, count: 64)
        strftime(&buffer, buffer.count, "%Y-%m-%dT%H:%M:%S%z", &local)
        let text = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        last.withLock { $0 = (second, text) }
        return text
    }
}
