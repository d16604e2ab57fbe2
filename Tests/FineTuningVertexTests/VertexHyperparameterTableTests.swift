import FineTuning
import Foundation
import Testing
import FineTuningVertex

/// Vertex's two tables send `adapterSize` by Vertex's enum names through the general
/// `enumeration` encoding; the core knows none of the names. (Every rule of every built-in table
/// is checked in FineTuningProvidersTests.)
@Suite struct VertexHyperparameterTableTests {
    @Test(arguments: [HyperparameterTable.vertexGemini, .modelGarden])
    func everyRankVertexHasIsSentByItsName(_ table: HyperparameterTable) throws {
        for (rank, name) in VertexAdapterSize.names {
            let translated = try table.translate(Hyperparameters(adapterSize: .rank(rank)))
            #expect(translated.native == ["adapterSize": .string(name)], "\(table.provider) rank \(rank)")
        }
        let presets = try table.translate(Hyperparameters(adapterSize: .medium))
        #expect(presets.native == ["adapterSize": "ADAPTER_SIZE_EIGHT"])
    }

    @Test(arguments: [HyperparameterTable.vertexGemini, .modelGarden])
    func aRankVertexDoesNotHaveIsRefusedBeforeARequest(_ table: HyperparameterTable) throws {
        let error = try #require(throws: FineTuningError.self) { try table.translate(Hyperparameters(adapterSize: .rank(3))) }
        #expect(error.parameter == "adapter_size")
        #expect(error.message == "hyperparameter 'adapter_size' = 3 is out of range for provider '\(table.provider)' (adapterSize): allowed one of 1, 2, 4, 8, 16, 32")
        let lenient = try table.translate(Hyperparameters(epochs: 2, adapterSize: .rank(64)), mode: .lenient)
        #expect(lenient.native == ["epochCount": 2])
        #expect(lenient.warnings.count == 1)
    }

    @Test func vertexNamesAreReadBackAsRanks() {
        #expect(VertexAdapterSize.size(named: "ADAPTER_SIZE_THIRTY_TWO") == .rank(32))
        #expect(VertexAdapterSize.size(named: "ADAPTER_SIZE_THREE") == nil)
    }
}
