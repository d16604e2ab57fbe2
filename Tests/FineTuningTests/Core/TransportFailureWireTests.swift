import FineTuning
import Foundation
import Testing

/// A transport failure is a typed field of `FineTuningError`, apart from the provider's own code,
/// and its wire form is the member `transport_failure`.
@Suite struct TransportFailureWireTests {
    @Test func aTransportFailureIsNotAProviderCode() {
        let error = TransportFailure.connectionRefused.error("POST https://x.test/jobs failed: Connection refused")
        #expect(error.code == .transport)
        #expect(error.transportFailure == .connectionRefused)
        #expect(error.providerCode == nil)
        #expect(TransportFailure.timedOut.error("slow").code == .timeout)
    }

    @Test func itCrossesTheWireAsTransportFailure() throws {
        let error = TransportFailure.connectionLost.error("reset", provider: "openai")
        let text = String(decoding: try WireFormat.encoder().encode(error), as: UTF8.self)
        #expect(text.contains(#""transport_failure":"connection_lost""#), "\(text)")
        #expect(!text.contains("provider_code"), "\(text)")
        #expect(try WireFormat.decoder().decode(FineTuningError.self, from: Data(text.utf8)) == error)
    }

    @Test func aProviderCodeStaysTheProvidersOwn() throws {
        let error = FineTuningError(.rateLimited, "slow down", provider: "openai", httpStatus: 429, providerCode: "rate_limit_exceeded")
        let decoded = try WireFormat.decoder().decode(FineTuningError.self, from: WireFormat.encoder().encode(error))
        #expect(decoded.providerCode == "rate_limit_exceeded")
        #expect(decoded.transportFailure == nil)
    }

    @Test func anUnknownKindIsRefusedNotTakenForAnotherOne() {
        let data = Data(#"{"code":"transport","message":"m","transport_failure":"cosmic_ray"}"#.utf8)
        #expect(throws: DecodingError.self) { try WireFormat.decoder().decode(FineTuningError.self, from: data) }
    }

    @Test func theDescriptionNamesTheKind() {
        #expect(TransportFailure.hostNotFound.error("no such host").description == "transport: no such host (transport failure host_not_found)")
    }
}
