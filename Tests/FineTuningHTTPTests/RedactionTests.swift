import FineTuning
import Foundation
import Testing

@testable import FineTuningHTTP

@Suite struct RedactionTests {
    let redaction = Redaction.standard

    @Test func redactsSecretQueryParameters() {
        let url = URL(string: "https://storage.googleapis.com/b/o?alt=media&key=AIzaSyA&X-Goog-Signature=abc&access_token=ya29.x&sig=s1&limit=5")!
        let text = redaction.url(url)
        #expect(text == "https://storage.googleapis.com/b/o?alt=media&key=REDACTED&X-Goog-Signature=REDACTED&access_token=REDACTED&sig=REDACTED&limit=5")
        #expect(redaction.url("https://user:pass@example.com/x") == "https://user:REDACTED@example.com/x")
    }

    @Test func redactsCredentialHeaders() {
        let headers: HTTPHeaders = [
            "Authorization": "Bearer sk-abc", "api-key": "k", "x-goog-api-key": "g", "Proxy-Authorization": "Basic p",
            "Cookie": "session=1", "Content-Type": "application/json",
        ]
        let redacted = redaction.headers(headers)
        for name in ["Authorization", "api-key", "x-goog-api-key", "Proxy-Authorization", "Cookie"] {
            #expect(redacted[name] == Redaction.placeholder, "\(name)")
        }
        #expect(redacted["Content-Type"] == "application/json")
    }

    @Test func redactsSecretShapesInFreeText() {
        let text = redaction.text(
            "call failed: Authorization: Bearer eyJhbGciOi.J9 with sk-proj-abcdefghijkl, AIzaSyD1234567890abcdefghijk and https://x/y?token=t0k&alt=json")
        #expect(text == "call failed: Authorization: Bearer REDACTED with REDACTED, REDACTED and https://x/y?token=REDACTED&alt=json")
    }

    @Test func descriptionsOfRequestsNeverShowSecrets() {
        let request = HTTPRequest(
            method: .post, url: URL(string: "https://api.example.com/v1/jobs?key=SECRETKEY")!,
            headers: ["Authorization": "Bearer SECRETTOKEN", "x-api-key": "SECRETKEY2"], body: .data(Data(#"{"secret":"x"}"#.utf8)))
        for text in [String(describing: request), String(reflecting: request), "\(request.headers)"] {
            #expect(!text.contains("SECRET"), "\(text)")
        }
        #expect(String(describing: request) == "POST https://api.example.com/v1/jobs?key=REDACTED [Authorization: REDACTED, x-api-key: REDACTED] 14 bytes")
    }
}
