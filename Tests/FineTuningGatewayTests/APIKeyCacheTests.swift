import FineTuning
import Testing
@testable import FineTuningGateway

/// The key cache over both databases: a key revoked by another process (`finetune keys revoke` opens
/// its own store) works for at most the cache's lifetime, on an injected clock; one revoked through
/// the serving store is refused at once; unknown keys are never remembered.
@Suite struct APIKeyCacheTests {
    @Test(arguments: TestDatabase.allCases)
    func aKeyRevokedElsewhereIsRefusedOnceItsEntryExpires(database: TestDatabase) async throws {
        let location = try await database.makeLocation()
        let clock = ImmediateClock()
        let serving = try await GatewayStore.open(location, keyCacheLifetime: .seconds(5), clock: clock)
        let keysCommand = try await GatewayStore.open(location)
        do {
            let key = try await serving.createKey(name: "alice", isAdmin: false)
            #expect(try await serving.principal(forKey: key) == GatewayStoreTests.alice)
            try await keysCommand.revokeKey(name: "alice")
            try await clock.sleep(for: .seconds(4))
            #expect(try await serving.principal(forKey: key) == GatewayStoreTests.alice, "still within the cache's lifetime")
            try await clock.sleep(for: .seconds(1))
            #expect(try await serving.principal(forKey: key) == nil, "the revoked key outlived the cache's lifetime")
        } catch {
            await serving.close()
            await keysCommand.close()
            throw error
        }
        await serving.close()
        await keysCommand.close()
    }

    @Test(arguments: TestDatabase.allCases)
    func aKeyRevokedThroughTheServingStoreIsRefusedAtOnce(database: TestDatabase) async throws {
        try await database.withStore { store, _ in
            let key = try await store.createKey(name: "alice", isAdmin: false)
            let other = try await store.createKey(name: "bob", isAdmin: false)
            #expect(try await store.principal(forKey: key) == GatewayStoreTests.alice)
            #expect(try await store.principal(forKey: other) == GatewayStoreTests.bob)
            try await store.revokeKey(name: "alice")
            #expect(try await store.principal(forKey: key) == nil)
            #expect(try await store.principal(forKey: other) == GatewayStoreTests.bob)
        }
    }

    @Test func entriesExpireUnknownKeysAreNotKeptAndTheSizeIsBounded() async throws {
        let clock = ImmediateClock()
        let cache = APIKeyCache(lifetime: .seconds(5), capacity: 2, clock: clock)
        cache.remember(GatewayStoreTests.alice, forHash: "a")
        #expect(cache.principal(forHash: "a") == GatewayStoreTests.alice)
        #expect(cache.principal(forHash: "b") == nil)
        try await clock.sleep(for: .seconds(5))
        #expect(cache.principal(forHash: "a") == nil)

        cache.remember(GatewayStoreTests.alice, forHash: "a")
        cache.remember(GatewayStoreTests.bob, forHash: "b")
        cache.remember(GatewayStoreTests.admin, forHash: "c")
        // Full: the cache starts again with the newest entry.
        #expect(cache.principal(forHash: "a") == nil)
        #expect(cache.principal(forHash: "c") == GatewayStoreTests.admin)

        let disabled = APIKeyCache(lifetime: .zero, clock: clock)
        disabled.remember(GatewayStoreTests.alice, forHash: "a")
        #expect(disabled.principal(forHash: "a") == nil)
    }
}
