import FineTuning
import Testing

@Suite struct DataReferenceTests {
    /// No file exists, unless the test says so.
    static func parse(_ text: String, existing: Set<String> = []) -> DataReference {
        DataReference(parsing: text) { existing.contains($0) }
    }

    @Test(arguments: [
        ("gs://bucket/train.jsonl", DataReference.uri("gs://bucket/train.jsonl")),
        ("s3://bucket/prefix/train.jsonl", .uri("s3://bucket/prefix/train.jsonl")),
        ("https://example.com/train.jsonl", .uri("https://example.com/train.jsonl")),
        ("projects/p/locations/us-central1/datasets/123", .resourceName("projects/p/locations/us-central1/datasets/123")),
        ("projects/p/locations/us-central1/tuningJobs/9", .resourceName("projects/p/locations/us-central1/tuningJobs/9")),
        ("file-abc123", .providerFile(id: "file-abc123")),
        ("e1b6a57d-4b41-4c4b-9d1e-7f0d0a1b2c3d", .providerFile(id: "e1b6a57d-4b41-4c4b-9d1e-7f0d0a1b2c3d")),
        ("train.jsonl", .localFile(path: "train.jsonl")),
        ("data/train", .localFile(path: "data/train")),
        ("/abs/train.csv", .localFile(path: "/abs/train.csv")),
        ("projects/p/datasets/d.jsonl", .localFile(path: "projects/p/datasets/d.jsonl")),
    ])
    func parsesEachKindOfReference(text: String, expected: DataReference) {
        #expect(Self.parse(text) == expected)
        #expect(Self.parse(text).description == text)
    }

    @Test func anExistingFileIsLocalWhateverItLooksLike() {
        #expect(Self.parse("file-abc123", existing: ["file-abc123"]) == .localFile(path: "file-abc123"))
        #expect(Self.parse("projects/p/locations/l", existing: ["projects/p/locations/l"]) == .localFile(path: "projects/p/locations/l"))
    }

    @Test func remoteParsingNeverMakesALocalFile() {
        #expect(DataReference.remote(parsing: "train.jsonl") == .providerFile(id: "train.jsonl"))
        #expect(DataReference.remote(parsing: "gs://b/t.jsonl") == .uri("gs://b/t.jsonl"))
        #expect(DataReference.remote(parsing: "projects/p/locations/l/datasets/d") == .resourceName("projects/p/locations/l/datasets/d"))
    }
}
