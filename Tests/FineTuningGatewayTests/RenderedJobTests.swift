import FineTuning
import Foundation
import NIOCore
import Synchronization
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

    @Test func aRowReadAgainUnchangedIsMadeOnceAndAChangedRowAgain() throws {
        let columns = SQLColumns(["id", "status"])
        let memo = RowMemo<String>(capacity: 2)
        let made = Mutex(0)
        func value(_ id: String, _ status: String) throws -> String {
            // A separate column list per read, as each query makes its own.
            let row = SQLRow(columns: SQLColumns(columns.names), values: [.text(id), .text(status)])
            return try memo.value(for: row, key: id) { row in
                made.withLock { $0 += 1 }
                return try row.text("id") + ":" + row.text("status")
            }
        }
        #expect(try value("a", "queued") == "a:queued")
        #expect(try value("a", "queued") == "a:queued")
        #expect(made.withLock { $0 } == 1)
        #expect(try value("a", "running") == "a:running", "a changed row is never answered from the memo")
        #expect(try value("a", "queued") == "a:queued")
        #expect(made.withLock { $0 } == 3)
        #expect(try value("b", "queued") == "b:queued")
        #expect(try value("c", "queued") == "c:queued", "a full memo starts again")
        #expect(try value("c", "queued") == "c:queued")
        #expect(made.withLock { $0 } == 5)
    }

    @Test func rowsAreEqualByColumnsAndValues() {
        let row = SQLRow(columns: SQLColumns(["id", "n"]), values: [.text("a"), .integer(1)])
        #expect(row == SQLRow(columns: SQLColumns(["id", "n"]), values: [.text("a"), .integer(1)]))
        #expect(row != SQLRow(columns: SQLColumns(["id", "m"]), values: [.text("a"), .integer(1)]))
        #expect(row != SQLRow(columns: row.columns, values: [.text("a"), .integer(2)]))
        #expect(row["n"] == .integer(1))
        #expect(row["missing"] == .null)
    }
}
