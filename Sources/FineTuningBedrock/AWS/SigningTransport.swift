import FineTuning
import FineTuningHTTP
import Foundation

/// An `HTTPTransport` that signs every request with SigV4 before handing it on: the one place
/// AWS credentials meet a request. S3 requests also carry `x-amz-content-sha256`, which S3 requires.
struct SigningTransport: HTTPTransport {
    let base: any HTTPTransport
    let signer: SigV4Signer
    let credentials: AWSCredentialCache
    let provider: String
    var now: @Sendable () -> Date = { Date() }

    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        let current = try await credentials.credentials()
        let payloadHash = try PayloadHash.of(request.body, provider: provider)
        var fields = request.headers.fields.filter { $0.name.lowercased() != "authorization" }
        if signer.service == "s3" { fields.append(("x-amz-content-sha256", payloadHash)) }
        let signed = signer.sign(method: request.method.rawValue, url: request.url, headers: fields, payloadHash: payloadHash, credentials: current, date: now())
        var outgoing = request
        outgoing.headers = HTTPHeaders(signed.map { ($0.name, $0.value) })
        return try await base.send(outgoing)
    }
}
