import FineTuning
import Foundation
import NIOCore
import Testing
@testable import FineTuningGateway

/// The read path's shortcuts give exactly what the slow path gives: a list joined from serialized
/// objects, and values kept by row only while the row is unchanged.
@Suite struct RenderedJobTests {
    @Test(arguments: [false, true])
    func aListOfSerializedObjectsIsTheBytesOfTheListDocument(hasMore: Bool) {
        let jobs = ["ftjob-a", "ftjob-\"quoted\""].map { RenderedJob(GatewayStoreTests.job($0)) }
        for count in 0...jobs.count {
            let page = Array(jobs.prefix(count))
            let joined = OpenAIObjects.list(serialized: page.map(\.object), hasMore: hasMore)
            let document = OpenAIObjects.list(page.map { OpenAIObjects.job($0.job) }, hasMore: hasMore).serialized()
            #expect(Array(joined.readableBytesView) == Array(document), "\(count) jobs")
        }
    }

    @Test func aValueIsGivenOnlyForTheStampItWasMadeAt() {
        let memo = RowMemo<String>(capacity: 2)
        let first = RowStamp(seq: 1, version: 0)
        memo.keep("a:queued", "a", at: first)
        #expect(memo.values([("a", first)]) == ["a:queued"])
        #expect(memo.values([("a", RowStamp(seq: 1, version: 1))]) == [nil], "an updated row is never answered from the memo")
        #expect(memo.values([("a", RowStamp(seq: 2, version: 0))]) == [nil], "nor another row under the same id")
        memo.keep("b:queued", "b", at: RowStamp(seq: 3, version: 0))
        #expect(memo.values([("b", RowStamp(seq: 3, version: 0)), ("z", first), ("a", first)]) == ["b:queued", nil, "a:queued"], "in order")
        memo.keep("c:queued", "c", at: RowStamp(seq: 4, version: 0))
        #expect(memo.values([("a", first), ("c", RowStamp(seq: 4, version: 0))]) == [nil, "c:queued"], "a full memo starts again")
    }

    @Test func aRowsValuesAreReadByColumnName() {
        let row = SQLRow(columns: SQLColumns(["id", "n"]), values: [.text("a"), .integer(1)])
        #expect(row["n"] == .integer(1))
        #expect(row["missing"] == .null)
        #expect(throws: FineTuningError.self) { try row.integer("id") }
    }
}
