import Foundation

/// A streaming `multipart/form-data` parser: fed the body chunk by chunk, it reports each part's
/// headers and its content as it arrives, holding back only as many bytes as a boundary is long, so a
/// 1 GB upload passes through in constant memory.
struct MultipartReader {
    enum Event: Equatable {
        /// A part begins; header names are lowercased.
        case partStart(headers: [String: String])
        case content([UInt8])
        case partEnd
    }

    struct Malformed: Error {
        var reason: String
    }

    private enum State {
        case preamble, headers, content, epilogue
    }

    /// `CRLF--boundary`: a part's content ends right before it.
    private let delimiter: [UInt8]
    private var buffer: [UInt8] = [13, 10]  // lets the first boundary match like every later one
    private var state = State.preamble

    init(boundary: String) {
        delimiter = Array("\r\n--\(boundary)".utf8)
    }

    /// True once the closing boundary was read.
    var isComplete: Bool { if case .epilogue = state { true } else { false } }

    /// The boundary of a `multipart/form-data; boundary=...` content type.
    static func boundary(contentType: String) -> String? {
        let parts = contentType.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.first?.lowercased() == "multipart/form-data" else { return nil }
        for part in parts.dropFirst() where part.lowercased().hasPrefix("boundary=") {
            let value = part.dropFirst("boundary=".count)
            let unquoted = value.hasPrefix("\"") && value.hasSuffix("\"") && value.count >= 2 ? value.dropFirst().dropLast() : value
            return unquoted.isEmpty ? nil : String(unquoted)
        }
        return nil
    }

    mutating func feed(_ bytes: some Sequence<UInt8>) throws -> [Event] {
        buffer.append(contentsOf: bytes)
        var events: [Event] = []
        while true {
            switch state {
            case .preamble:
                guard let start = find(delimiter) else {
                    buffer.removeFirst(max(0, buffer.count - delimiter.count))
                    return events
                }
                buffer.removeFirst(start + delimiter.count)
                state = .headers
            case .headers:
                if buffer.count >= 2, buffer[0] == 45, buffer[1] == 45 {  // "--": the closing boundary
                    state = .epilogue
                    buffer.removeAll()
                    return events
                }
                guard let end = find([13, 10, 13, 10]) else {
                    if buffer.count > 16 << 10 { throw Malformed(reason: "a part's headers are longer than 16 KiB") }
                    return events
                }
                events.append(.partStart(headers: try Self.headers(buffer[..<end])))
                buffer.removeFirst(end + 4)
                state = .content
            case .content:
                if let end = find(delimiter) {
                    if end > 0 { events.append(.content(Array(buffer[..<end]))) }
                    events.append(.partEnd)
                    buffer.removeFirst(end + delimiter.count)
                    state = .headers
                } else {
                    let safe = buffer.count - (delimiter.count - 1)
                    if safe > 0 {
                        events.append(.content(Array(buffer[..<safe])))
                        buffer.removeFirst(safe)
                    }
                    return events
                }
            case .epilogue:
                buffer.removeAll()
                return events
            }
        }
    }

    /// Where `pattern` first starts in the buffer.
    private func find(_ pattern: [UInt8]) -> Int? {
        guard buffer.count >= pattern.count, let first = pattern.first else { return nil }
        return buffer.withUnsafeBufferPointer { bytes in
            var index = 0
            let last = bytes.count - pattern.count
            while index <= last {
                if bytes[index] == first {
                    var matched = 1
                    while matched < pattern.count, bytes[index + matched] == pattern[matched] { matched += 1 }
                    if matched == pattern.count { return index }
                }
                index += 1
            }
            return nil
        }
    }

    /// Parses the CRLF-separated `Name: value` lines (the leading CRLF after the boundary included).
    private static func headers(_ bytes: ArraySlice<UInt8>) throws -> [String: String] {
        var headers: [String: String] = [:]
        for line in String(decoding: bytes, as: UTF8.self).split(separator: "\r\n") where !line.isEmpty {
            guard let colon = line.firstIndex(of: ":") else { throw Malformed(reason: "a part header line has no ':'") }
            headers[line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return headers
    }

    /// The `name` and `filename` parameters of a `Content-Disposition: form-data; ...` header.
    static func dispositionParameters(_ value: String) -> [String: String] {
        var parameters: [String: String] = [:]
        for part in value.split(separator: ";").dropFirst() {
            let pair = part.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard pair.count == 2 else { continue }
            var value = pair[1]
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 { value = String(value.dropFirst().dropLast()) }
            parameters[pair[0].lowercased()] = value
        }
        return parameters
    }
}
