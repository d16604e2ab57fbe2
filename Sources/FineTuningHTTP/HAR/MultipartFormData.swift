import Foundation

/// Reads a multipart/form-data body (RFC 7578) as it arrives on the wire, for matching a received
/// upload with its recording field by field.
enum MultipartFormData {
    /// One part: its field name, the file name and content type a file part declares, and its bytes.
    struct Part {
        var name: String
        var fileName: String?
        var contentType: String?
        var body: Data
    }

    /// The parts of `body`, or nil when `contentType` is not multipart/form-data with a boundary or
    /// the body is not framed by that boundary.
    static func parts(of body: Data, contentType: String) -> [Part]? {
        let parameters = contentType.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        guard parameters.first?.lowercased() == "multipart/form-data",
            let boundaryParameter = parameters.dropFirst().first(where: { $0.lowercased().hasPrefix("boundary=") })
        else { return nil }
        let boundary = unquoted(String(boundaryParameter.dropFirst("boundary=".count)))
        let bytes = [UInt8](body)
        let delimiter = Array("--\(boundary)".utf8)
        // Each part sits between "--boundary\r\n" and "\r\n--boundary"; the last delimiter ends in "--".
        guard var start = bytes.firstRange(of: delimiter)?.upperBound else { return nil }
        var parts: [Part] = []
        while bytes[start...].starts(with: Array("\r\n".utf8)) {
            let content = start + 2
            guard let next = bytes[content...].firstRange(of: Array("\r\n".utf8) + delimiter) else { return nil }
            guard let part = part(bytes[content..<next.lowerBound]) else { return nil }
            parts.append(part)
            start = next.upperBound
        }
        return bytes[start...].starts(with: Array("--".utf8)) ? parts : nil
    }

    /// A part's headers up to the blank line, then its bytes; nil without a named form-data disposition.
    private static func part(_ bytes: ArraySlice<UInt8>) -> Part? {
        guard let headEnd = bytes.firstRange(of: Array("\r\n\r\n".utf8)) else { return nil }
        var name: String?
        var fileName: String?
        var contentType: String?
        for line in String(decoding: bytes[..<headEnd.lowerBound], as: UTF8.self).components(separatedBy: "\r\n") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            switch line[..<colon].lowercased() {
            case "content-disposition":
                for parameter in value.split(separator: ";").dropFirst().map({ $0.trimmingCharacters(in: .whitespaces) }) {
                    if parameter.hasPrefix("name=") { name = unquoted(String(parameter.dropFirst("name=".count))) }
                    if parameter.hasPrefix("filename=") { fileName = unquoted(String(parameter.dropFirst("filename=".count))) }
                }
            case "content-type":
                contentType = value
            default:
                continue
            }
        }
        guard let name else { return nil }
        return Part(name: name, fileName: fileName, contentType: contentType, body: Data(bytes[headEnd.upperBound...]))
    }

    private static func unquoted(_ text: String) -> String {
        text.count >= 2 && text.hasPrefix("\"") && text.hasSuffix("\"") ? String(text.dropFirst().dropLast()) : text
    }
}
