import Foundation

/// Timestamps as AWS services write them: ISO 8601 with or without fractional seconds, and the
/// `yyyy-MM-dd HH:mm:ss` (UTC) form some JSON APIs and emulators use.
enum AWSDate {
    static func parse(_ text: String) -> Date? {
        let iso = ISO8601DateFormatter()
        iso.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = iso.date(from: text) { return date }
        iso.formatOptions = [.withInternetDateTime]
        if let date = iso.date(from: text) { return date }
        let spaced = DateFormatter()
        spaced.locale = Locale(identifier: "en_US_POSIX")
        spaced.timeZone = TimeZone(identifier: "UTC")
        spaced.dateFormat = "yyyy-MM-dd HH:mm:ss"
        return spaced.date(from: text)
    }
}
