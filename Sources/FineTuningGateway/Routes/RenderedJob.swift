import FineTuning
import NIOCore

/// A job as read from the store together with its OpenAI `fine_tuning.job` object, serialized once:
/// the store keeps these by row (`RowMemo`), so a client polling an unchanged job is answered with
/// bytes made before, while a changed row is decoded and serialized again. A class, so passing one
/// around (in and out of the memo, into a page) copies a reference rather than every field of the job.
final class RenderedJob: Sendable {
    let job: StoredJob
    /// `OpenAIObjects.job(job)` as compact JSON.
    let object: ByteBuffer

    init(_ job: StoredJob) {
        self.job = job
        object = ByteBuffer(bytes: OpenAIObjects.job(job).serialized())
    }
}
