import Foundation
import XCTest

@testable import FineTuningBedrock

/// AWS's published SigV4 test vectors, embedded: the aws-sig-v4-test-suite cases (credentials
/// AKIDEXAMPLE, 2015-08-30T12:36:00Z, us-east-1, service `service`) and the S3 user guide's
/// "GET Object" example (examplebucket/test.txt with a Range header, 2013-05-24).
final class SigV4SignerTests: XCTestCase {
    private let suiteCredentials = AWSCredentials(accessKeyID: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY")
    private let suiteDate = Date(timeIntervalSince1970: 1_440_938_160)  // 20150830T123600Z

    private func suiteAuthorization(_ method: String, _ url: String) -> String? {
        SigV4Signer(region: "us-east-1", service: "service")
            .sign(method: method, url: URL(string: url)!, headers: [], payloadHash: SigV4Signer.emptyPayloadHash, credentials: suiteCredentials, date: suiteDate)
            .first { $0.name == "Authorization" }?.value
    }

    private func suiteSignature(_ method: String, _ url: String) -> String? {
        suiteAuthorization(method, url)?.components(separatedBy: "Signature=").last
    }

    func testGetVanilla() {
        XCTAssertEqual(
            suiteAuthorization("GET", "https://example.amazonaws.com/"),
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31")
    }

    func testPostVanilla() {
        XCTAssertEqual(suiteSignature("POST", "https://example.amazonaws.com/"), "5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b")
    }

    func testGetVanillaQueryOrderKeyCaseSortsParameters() {
        XCTAssertEqual(
            suiteSignature("GET", "https://example.amazonaws.com/?Param2=value2&Param1=value1"),
            "b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500")
    }

    func testPostVanillaQuery() {
        XCTAssertEqual(suiteSignature("POST", "https://example.amazonaws.com/?Param1=value1"), "28038455d6de14eafc1f9222cf5aa6f1a96197d7deb8263271d420d138af7f11")
    }

    func testGetSpaceEncodesThePathOnce() {
        XCTAssertEqual(suiteSignature("GET", "https://example.amazonaws.com/example%20space/"), "652487583200325589f1fba4c7e578f72c47cb61beeca81406b39ddec1366741")
    }

    func testGetUTF8() {
        XCTAssertEqual(suiteSignature("GET", "https://example.amazonaws.com/%E1%88%B4"), "8318018e0b0f223aa2bbf98705b62bb787dc9c0e678f255a891fd03141be5d85")
    }

    /// The S3 user guide's signed GET Object example, Range and x-amz-content-sha256 signed.
    func testS3GetObjectExample() {
        let credentials = AWSCredentials(accessKeyID: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")
        let signed = SigV4Signer(region: "us-east-1", service: "s3").sign(
            method: "GET", url: URL(string: "https://examplebucket.s3.amazonaws.com/test.txt")!,
            headers: [("Range", "bytes=0-9"), ("x-amz-content-sha256", SigV4Signer.emptyPayloadHash)],
            payloadHash: SigV4Signer.emptyPayloadHash, credentials: credentials, date: Date(timeIntervalSince1970: 1_369_353_600))
        XCTAssertEqual(
            signed.first { $0.name == "Authorization" }?.value,
            "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41")
    }

    /// Temporary credentials add X-Amz-Security-Token, which is itself signed.
    func testSessionTokenIsSentAndSigned() {
        var credentials = suiteCredentials
        credentials.sessionToken = "session-token"
        let signed = SigV4Signer(region: "us-east-1", service: "service")
            .sign(method: "GET", url: URL(string: "https://example.amazonaws.com/")!, headers: [], payloadHash: SigV4Signer.emptyPayloadHash, credentials: credentials, date: suiteDate)
        XCTAssertEqual(signed.first { $0.name == "X-Amz-Security-Token" }?.value, "session-token")
        let authorization = signed.first { $0.name == "Authorization" }?.value ?? ""
        XCTAssertTrue(authorization.contains("SignedHeaders=host;x-amz-date;x-amz-security-token"), authorization)
        XCTAssertFalse(authorization.hasSuffix("5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"))
    }

    func testHostHeaderKeepsANonDefaultPort() {
        XCTAssertEqual(SigV4Signer.hostHeader(URL(string: "http://127.0.0.1:5000/x")!), "127.0.0.1:5000")
        XCTAssertEqual(SigV4Signer.hostHeader(URL(string: "https://bedrock.us-west-2.amazonaws.com:443/x")!), "bedrock.us-west-2.amazonaws.com")
    }
}
