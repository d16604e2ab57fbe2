extension Page {
    /// A page over items an adapter derived itself (checkpoints read from the job, metrics read
    /// from a file): the cursor is the id of the last item of the previous page, so it stays valid
    /// while later polls add items.
    public static func local(_ items: [Element], request: PageRequest, id: (Element) -> String) -> Page<Element> {
        var start = 0
        if let cursor = request.cursor, let index = items.firstIndex(where: { id($0) == cursor }) { start = index + 1 }
        let end = request.limit.map { min(items.count, start + max(1, $0)) } ?? items.count
        let slice = Array(items[start..<end])
        return Page(items: slice, nextCursor: end < items.count ? slice.last.map(id) : nil)
    }
}
