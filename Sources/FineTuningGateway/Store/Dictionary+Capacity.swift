extension Dictionary {
    /// Sets `value` for `key` in a dictionary used as a cache of at most `capacity` entries: when it is
    /// full and `key` is new, it is emptied first (starting again rather than tracking ages; the
    /// entries still in use come back on their next use).
    mutating func keep(_ value: Value, forKey key: Key, capacity: Int) {
        if count >= capacity, self[key] == nil { removeAll(keepingCapacity: true) }
        self[key] = value
    }
}
