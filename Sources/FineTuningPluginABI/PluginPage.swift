package import FineTuning

/// A page as it crosses the plugin boundary: `{"items":[...],"next_cursor":"c"|null}` under the
/// document key `page`.
package struct PluginPage<Item: Codable & Sendable>: Codable, Sendable {
    var items: [Item]
    var nextCursor: String?

    package static var documentKey: String { "page" }

    package init(_ page: Page<Item>) {
        items = page.items
        nextCursor = page.nextCursor
    }

    package var page: Page<Item> { Page(items: items, nextCursor: nextCursor) }

    enum CodingKeys: String, CodingKey {
        case items, nextCursor = "next_cursor"
    }
}
