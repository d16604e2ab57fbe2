import FineTuning
import Foundation

/// Strict comparison of a live request with a recorded one, both in scrubbed HAR form: method,
/// URL (query order ignored), and body — JSON semantically (key order, whitespace and 1 vs 1.0
/// ignored), multipart by its fields (boundary ignored), anything else as text.
enum HARRequestComparison {
    /// How two requests differ: `weight` ranks how far apart they are (method, then path — the
    /// longer the common prefix the closer —, then query, then body), `description` names the
    /// first difference.
    struct Difference {
        let weight: Double
        let description: String
    }

    /// nil when `sent` matches `recorded`.
    static func difference(recorded: HARArchive.Request, sent: HARArchive.Request) -> Difference? {
        if recorded.method.uppercased() != sent.method.uppercased() {
            return Difference(weight: 8, description: "method: recorded \(recorded.method), sent \(sent.method)")
        }
        let (recordedPath, recordedQuery) = split(recorded.url)
        let (sentPath, sentQuery) = split(sent.url)
        if recordedPath != sentPath {
            let common = zip(recordedPath, sentPath).prefix { $0 == $1 }.count
            let distance = 1 - Double(common) / Double(max(recordedPath.count, sentPath.count))
            return Difference(weight: 4 + distance, description: "URL: recorded \(recordedPath), sent \(sentPath)")
        }
        if let query = queryDifference(recorded: recordedQuery, sent: sentQuery) {
            return Difference(weight: 2, description: query)
        }
        if let body = bodyDifference(recorded: recorded.postData, sent: sent.postData) {
            return Difference(weight: 1, description: body)
        }
        return nil
    }

    private static func split(_ url: String) -> (path: String, query: [String: [String]]) {
        let parts = url.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        let items = URLComponents(string: url)?.queryItems ?? []
        let query = Dictionary(grouping: items, by: \.name).mapValues { $0.map { $0.value ?? "" }.sorted() }
        return (String(parts[0]), query)
    }

    private static func queryDifference(recorded: [String: [String]], sent: [String: [String]]) -> String? {
        for name in Set(recorded.keys).union(sent.keys).sorted() where recorded[name] != sent[name] {
            let recordedValue = recorded[name].map { $0.joined(separator: ",") }.map { "'\($0)'" } ?? "absent"
            let sentValue = sent[name].map { $0.joined(separator: ",") }.map { "'\($0)'" } ?? "absent"
            return "query parameter '\(name)': recorded \(recordedValue), sent \(sentValue)"
        }
        return nil
    }

    private static func bodyDifference(recorded: HARArchive.PostData?, sent: HARArchive.PostData?) -> String? {
        if recorded?.params != nil || sent?.params != nil {
            return multipartDifference(recorded: recorded?.params ?? [], sent: sent?.params ?? [])
        }
        let recordedText = recorded?.text ?? ""
        let sentText = sent?.text ?? ""
        if recordedText == sentText { return nil }
        if let recordedJSON = try? JSONValue(parsing: recordedText), let sentJSON = try? JSONValue(parsing: sentText) {
            return jsonDifference(recorded: recordedJSON, sent: sentJSON, path: "$").map { "body at \($0)" }
        }
        let common = zip(recordedText, sentText).prefix { $0 == $1 }.count
        return "body text differs at character \(common): recorded \(excerpt(recordedText, from: common)), sent \(excerpt(sentText, from: common))"
    }

    private static func multipartDifference(recorded: [HARArchive.Param], sent: [HARArchive.Param]) -> String? {
        let recordedFields = Dictionary(grouping: recorded, by: \.name)
        let sentFields = Dictionary(grouping: sent, by: \.name)
        for name in Set(recordedFields.keys).union(sentFields.keys).sorted() {
            let recordedParts = recordedFields[name] ?? []
            let sentParts = sentFields[name] ?? []
            guard recordedParts != sentParts else { continue }
            guard let recordedPart = recordedParts.first else { return "multipart field '\(name)': not recorded, sent" }
            guard let sentPart = sentParts.first else { return "multipart field '\(name)': recorded, not sent" }
            if recordedPart.fileName != sentPart.fileName {
                return "multipart field '\(name)': recorded file name \(recordedPart.fileName ?? "none"), sent \(sentPart.fileName ?? "none")"
            }
            if recordedPart.contentType != sentPart.contentType {
                return "multipart field '\(name)': recorded type \(recordedPart.contentType ?? "none"), sent \(sentPart.contentType ?? "none")"
            }
            return "multipart field '\(name)': recorded \(excerpt(recordedPart.value ?? "", from: 0)), sent \(excerpt(sentPart.value ?? "", from: 0))"
        }
        return nil
    }

    /// The path of the first place where two JSON values differ, with both values.
    static func jsonDifference(recorded: JSONValue, sent: JSONValue, path: String) -> String? {
        switch (recorded, sent) {
        case (.object(let recordedMembers), .object(let sentMembers)):
            for key in Set(recordedMembers.keys).union(sentMembers.keys).sorted() {
                let memberPath = path + "." + key
                switch (recordedMembers[key], sentMembers[key]) {
                case (nil, let value?): return "\(memberPath): not recorded, sent \(value.jsonText)"
                case (let value?, nil): return "\(memberPath): recorded \(value.jsonText), not sent"
                case (let recordedValue?, let sentValue?):
                    if let difference = jsonDifference(recorded: recordedValue, sent: sentValue, path: memberPath) { return difference }
                case (nil, nil): continue
                }
            }
            return nil
        case (.array(let recordedValues), .array(let sentValues)):
            guard recordedValues.count == sentValues.count else {
                return "\(path): recorded \(recordedValues.count) elements, sent \(sentValues.count)"
            }
            for (index, pair) in zip(recordedValues, sentValues).enumerated() {
                if let difference = jsonDifference(recorded: pair.0, sent: pair.1, path: "\(path)[\(index)]") { return difference }
            }
            return nil
        default:
            if let recordedNumber = number(recorded), let sentNumber = number(sent), recordedNumber == sentNumber { return nil }
            return recorded == sent ? nil : "\(path): recorded \(recorded.jsonText), sent \(sent.jsonText)"
        }
    }

    private static func number(_ value: JSONValue) -> Double? {
        switch value {
        case .integer(let integer): Double(integer)
        case .number(let number): number
        default: nil
        }
    }

    private static func excerpt(_ text: String, from offset: Int) -> String {
        let start = text.index(text.startIndex, offsetBy: max(0, min(offset - 20, text.count)))
        let piece = text[start...].prefix(60)
        return "\"" + piece.replacingOccurrences(of: "\n", with: "\\n") + (text[start...].count > 60 ? "…\"" : "\"")
    }
}
