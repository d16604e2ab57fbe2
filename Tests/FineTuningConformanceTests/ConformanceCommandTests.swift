import ArgumentParser
import FineTuningCLI
import Foundation
import Testing
import FineTuningConformance

/// `finetune conformance` end to end: the table, the JUnit file and the exit status.
@Suite struct ConformanceCommandTests {
    static func command(_ arguments: [String]) throws -> ConformanceCommand {
        let layout = TestFixtures.layout
        return try ConformanceCommand.parse(arguments + ["--scenarios", layout.scenarios.path])
    }

    @Test func aConformingProviderExitsZeroAndWritesJUnit() async throws {
        let junit = FileManager.default.temporaryDirectory.appendingPathComponent("conformance-\(UUID().uuidString).xml")
        defer { try? FileManager.default.removeItem(at: junit) }
        let command = try Self.command([
            "--provider", "openai", "--fixtures", TestFixtures.layout.fixtures.path, "--junit", junit.path,
        ])

        try await command.run()

        let xml = try String(contentsOf: junit, encoding: .utf8)
        let scenarios = try TestFixtures.scenarios().count
        #expect(xml.contains(#"<testsuite name="conformance.openai" tests="\#(scenarios)" failures="0""#))
    }

    @Test func liveModeServesTheFixturesOverLoopback() async throws {
        let junit = FileManager.default.temporaryDirectory.appendingPathComponent("conformance-\(UUID().uuidString).xml")
        defer { try? FileManager.default.removeItem(at: junit) }
        let command = try Self.command([
            "--provider", "azure", "--fixtures", TestFixtures.layout.fixtures.path, "--mode", "live", "--junit", junit.path,
        ])

        try await command.run()

        let xml = try String(contentsOf: junit, encoding: .utf8)
        #expect(xml.contains(#"<testsuite name="conformance.azure" tests="\#(try TestFixtures.scenarios().count)" failures="0""#))
    }

    @Test func anUnknownModeIsAUsageErrorListingTheModes() throws {
        let error = try #require(throws: (any Error).self) { try Self.command(["--provider", "openai", "--mode", "loopback"]) }
        #expect(ConformanceCommand.exitCode(for: error).rawValue == 64)
        let message = ConformanceCommand.message(for: error)
        #expect(message.contains("'loopback'") && message.contains("'replay'") && message.contains("'live'"), "\(message)")
    }

    @Test func aFailingProviderExitsNonZero() async throws {
        // The reference provider's fixtures are not OpenAI's: every scenario fails.
        let command = try Self.command(["--provider", "openai", "--fixtures", TestFixtures.reference.path])
        await #expect(throws: ExitCode.failure) { try await command.run() }
    }

    @Test func anUnknownProviderIsAUsageErrorListingTheBuiltIns() async throws {
        let command = try Self.command(["--provider", "nope", "--fixtures", TestFixtures.layout.fixtures.path])
        let error = await #expect(throws: ValidationError.self) { try await command.run() }
        #expect(error?.message.contains("openai") == true)
    }
}
