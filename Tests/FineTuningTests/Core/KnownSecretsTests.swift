import FineTuning
import Foundation
import Testing

/// The one registry of secrets: what it registers from an environment, and how it scrubs.
@Suite struct KnownSecretsTests {
    @Test func registersCredentialsAndURLUserInfoButNotOrdinaryValues() {
        let secrets = KnownSecrets()
        secrets.register(environment: [
            "OPENAI_API_KEY": "opaque-value-one", "AZURE_OPENAI_AD_TOKEN": "opaque-value-two", "AWS_SECRET_ACCESS_KEY": "opaque/value+3",
            "OPENAI_COMPATIBLE_BASE_URL": "https://proxy-user:proxy-pass@gw.example/v1",
            "GIT_AUTHOR_NAME": "Jane Doe", "GOOGLE_APPLICATION_CREDENTIALS": "/home/jane/sa.json", "KEY_FILE": "relative.pem",
            "VERTEX_AI_PROJECT": "my-project",
        ])
        let text = "a opaque-value-one b opaque-value-two c opaque\\/value+3 d proxy-pass e proxy-user f Jane Doe g /home/jane/sa.json h relative.pem i my-project"
        #expect(secrets.scrub(text) == "a REDACTED b REDACTED c REDACTED d REDACTED e REDACTED f Jane Doe g /home/jane/sa.json h relative.pem i my-project")
    }

    @Test func shapesAreReplacedWholeAndShortValuesAreNotRegistered() {
        let secrets = KnownSecrets()
        secrets.register("sk-abc")
        secrets.register("abc")
        #expect(secrets.scrub("key sk-abcdefghijklmnop and abc, Bearer xyz.123") == "key REDACTED and abc, Bearer REDACTED")
    }
}
