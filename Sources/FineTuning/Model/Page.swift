/// One page of a listing and the cursor of the next one (nil on the last page).
public struct Page<Element: Sendable>: Sendable {
    public var items: [Element]
    public var nextCursor: String?

    public init(items: [Element], nextCursor: String?) {
        self.items = items
        self.nextCursor = nextCursor
    }
}

/// Where a listing starts and how many items a page should hold.
public struct PageRequest: Sendable, Hashable {
    public var cursor: String?
    /// The page size to ask for; nil lets the provider choose.
    public var limit: Int?

    public init(cursor: String? = nil, limit: Int? = nil) {
        self.cursor = cursor
        self.limit = limit
    }
}

/// Every item of every page, fetched lazily one page at a time as the sequence is iterated.
public struct PagedSequence<Element: Sendable>: AsyncSequence, Sendable {
    public typealias FetchPage = @Sendable (PageRequest) async throws -> Page<Element>

    private let first: PageRequest
    private let fetch: FetchPage

    public init(first: PageRequest = PageRequest(), fetch: @escaping FetchPage) {
        self.first = first
        self.fetch = fetch
    }

    public func makeAsyncIterator() -> Iterator { Iterator(next: first, fetch: fetch) }

    public struct Iterator: AsyncIteratorProtocol {
        var buffer: [Element] = []
        var next: PageRequest?
        let fetch: FetchPage

        init(next: PageRequest, fetch: @escaping FetchPage) {
            self.next = next
            self.fetch = fetch
        }

        public mutating func next() async throws -> Element? {
            while buffer.isEmpty {
                guard let request = next else { return nil }
                let page = try await fetch(request)
                buffer = page.items.reversed()
                if let cursor = page.nextCursor, cursor != request.cursor {
                    next = PageRequest(cursor: cursor, limit: request.limit)
                } else {
                    next = nil
                }
            }
            return buffer.popLast()
        }
    }

    /// All items, in order.
    public func collect() async throws -> [Element] {
        var all: [Element] = []
        for try await item in self { all.append(item) }
        return all
    }
}
