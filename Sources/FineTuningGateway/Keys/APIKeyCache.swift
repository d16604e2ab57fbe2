import Synchronization

/// The principals of recently seen keys, by key hash, for `lifetime` each: most requests then need no
/// database read to authenticate. Keys are revoked by another process (`finetune keys revoke`), so a
/// revoked key keeps working here for at most `lifetime`; a revocation through this process's store
/// takes effect at once. Only hashes are kept (never a key), only of active keys (an unknown key is
/// looked up every time), and at most `capacity` of them.
final class APIKeyCache: Sendable {
    let lifetime: Duration
    let capacity: Int
    /// Time on the injected clock since the cache was made: entries expire by it.
    private let elapsed: @Sendable () -> Duration
    private let entries = Mutex<[String: Entry]>([:])

    private struct Entry {
        var principal: Principal
        var expiry: Duration
    }

    init(lifetime: Duration, capacity: Int = 4096, clock: some Clock<Duration> = ContinuousClock()) {
        self.lifetime = lifetime
        self.capacity = capacity
        let start = clock.now
        elapsed = { start.duration(to: clock.now) }
    }

    /// The cached principal of the key whose hash is `keyHash`, while its entry lasts.
    func principal(forHash keyHash: String) -> Principal? {
        let now = elapsed()
        return entries.withLock { entries in
            guard let entry = entries[keyHash] else { return nil }
            guard now < entry.expiry else {
                entries[keyHash] = nil
                return nil
            }
            return entry.principal
        }
    }

    /// Remembers that `keyHash` is an active key of `principal`, from now for `lifetime`.
    func remember(_ principal: Principal, forHash keyHash: String) {
        guard lifetime > .zero else { return }
        let expiry = elapsed() + lifetime
        entries.withLock { $0.keep(Entry(principal: principal, expiry: expiry), forKey: keyHash, capacity: capacity) }
    }

    /// Forgets every key of the principal named `name` (revoked through this process).
    func forget(name: String) {
        entries.withLock { entries in entries = entries.filter { $0.value.principal.name != name } }
    }
}
