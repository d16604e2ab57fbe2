import FineTuning
import NIOCore

/// A job as read from the store together with its OpenAI `fine_tuning.job` object, serialized once:
/// the store keeps these by row (`RowMemo`), so a client polling an unchanged job is answered with
/// bytes made before, while a changed row is decoded and serialized again.
struct RenderedJob: Sendable {
    let job: StoredJob
    /// `OpenAIObjects.job(job)` as compact JSON.
    let object: ByteBuffer

    init(_ job: StoredJob) {
        self.job = job
        object = ByteBuffer(bytes: OpenAIObjects.job(job).serialized())
    }
}
