import CLlama
import FineTuning
import FineTuningLlamaCpp
import Foundation

/// Fine-tuning of every weight matrix through llama.cpp's training API, with the loss on prompt tokens masked.
///
/// llama.cpp trains every position against a one-hot label. When the logits of a training window
/// have been computed (the scheduler's eval callback on `result_output`), each masked row's label is
/// replaced by the model's own softmax for that row: the cross-entropy gradient `softmax - label`
/// is then zero there, so only answer tokens teach the model. The same callback measures the loss
/// and accuracy on answer tokens, which is what the job reports.
final class MaskedTrainer {
    /// What one evaluated window contributed.
    struct BatchReport {
        /// Windows evaluated so far in this pass.
        var window: Int
        /// Mean loss and accuracy over the answer tokens evaluated so far in this pass.
        var loss: Double
        var accuracy: Double
    }

    let model: LlamaModel
    private(set) var context: OpaquePointer!
    let contextLength: Int
    let spec: TrainingSpec
    /// How far the job is, from 0 to 1: the learning rate decays linearly with it.
    var progress = 0.0
    /// The learning rate at `progress`.
    var learningRate: Double { spec.learningRate * max(0.01, 1 - progress) }
    private var optimizerContext: ggml_opt_context_t?
    private var windows: TrainingWindows
    private var training = false
    private var currentWindow = 0
    private var lossSum = 0.0
    private var correct = 0
    private var counted = 0
    private var row: [Float]
    private var logits: [Float]
    private var onBatch: (BatchReport) -> Void = { _ in }

    init(model: LlamaModel, spec: TrainingSpec, contextLength: Int) throws {
        self.model = model
        self.spec = spec
        self.contextLength = contextLength
        windows = TrainingWindows(contextLength: contextLength)
        row = [Float](repeating: 0, count: model.vocabularySize)
        logits = [Float](repeating: 0, count: model.vocabularySize * contextLength)
        var parameters = llama_context_default_params()
        parameters.n_ctx = UInt32(contextLength)
        parameters.n_batch = UInt32(contextLength)
        parameters.n_ubatch = UInt32(contextLength)
        parameters.n_threads = Int32(spec.threads)
        parameters.n_threads_batch = Int32(spec.threads)
        parameters.type_k = GGML_TYPE_F32
        parameters.type_v = GGML_TYPE_F32
        parameters.flash_attn_type = LLAMA_FLASH_ATTN_TYPE_DISABLED
        parameters.no_perf = true
        parameters.cb_eval = { tensor, ask, userData in
            Unmanaged<MaskedTrainer>.fromOpaque(userData!).takeUnretainedValue().observe(tensor!, ask: ask)
        }
        parameters.cb_eval_user_data = Unmanaged.passUnretained(self).toOpaque()
        guard let context = llama_init_from_model(model.pointer, parameters) else {
            throw FineTuningError(.providerError, "llama.cpp could not create a training context of \(contextLength) tokens", provider: "llamacpp")
        }
        self.context = context
        llama_set_n_threads(context, Int32(spec.threads), Int32(spec.threads))
    }

    deinit { llama_free(context) }

    /// Prepares the optimizer; `first` is any window (used to finish llama.cpp's set-up).
    func start(first: TrainingWindows) {
        let opt = llama_opt_params(
            n_ctx_train: 0, param_filter: MaskedTrainer.matricesOnly, param_filter_ud: nil,
            get_opt_pars: { userData in Unmanaged<MaskedTrainer>.fromOpaque(userData!).takeUnretainedValue().optimizerParameters() },
            get_opt_pars_ud: Unmanaged.passUnretained(self).toOpaque(),
            optimizer_type: spec.optimizer == .sgd ? GGML_OPT_OPTIMIZER_TYPE_SGD : GGML_OPT_OPTIMIZER_TYPE_ADAMW)
        llama_opt_init(context, model.pointer, opt)
        // llama_opt_init made a new scheduler; a decode installs the eval callback on it (in
        // training mode a decode must fill the whole context).
        llama_memory_clear(llama_get_memory(context), true)
        var tokens = Array(first.slice(first.tokens, 0))
        _ = llama_decode(context, llama_batch_get_one(&tokens, Int32(contextLength)))
        // The optimizer context is handed out only to epoch callbacks: evaluate one window to get it.
        _ = evaluate(first.reordered([0]))
    }

    /// One training pass over `windows` in their order; `onBatch` runs after every window.
    func train(_ windows: TrainingWindows, onBatch: @escaping (BatchReport) -> Void) -> (loss: Double, accuracy: Double) {
        pass(windows, training: true, onBatch: onBatch)
    }

    /// Loss and accuracy on answer tokens of `windows`, without training.
    func evaluate(_ windows: TrainingWindows) -> (loss: Double, accuracy: Double) {
        pass(windows, training: false, onBatch: { _ in })
    }

    private func pass(_ windows: TrainingWindows, training: Bool, onBatch: @escaping (BatchReport) -> Void) -> (loss: Double, accuracy: Double) {
        self.windows = windows
        self.training = training
        self.onBatch = onBatch
        currentWindow = 0
        lossSum = 0
        correct = 0
        counted = 0
        let count = windows.count
        let dataset = ggml_opt_dataset_init(GGML_TYPE_I32, GGML_TYPE_I32, Int64(contextLength), Int64(contextLength), Int64(count), 1)!
        defer { ggml_opt_dataset_free(dataset) }
        windows.tokens.withUnsafeBytes { _ = memcpy(ggml_opt_dataset_data(dataset)!.pointee.data, $0.baseAddress!, $0.count) }
        windows.targets.withUnsafeBytes { _ = memcpy(ggml_opt_dataset_labels(dataset)!.pointee.data, $0.baseAddress!, $0.count) }
        let result = ggml_opt_result_init()
        defer { ggml_opt_result_free(result) }
        MaskedTrainer.active = self
        defer { MaskedTrainer.active = nil }
        if training {
            llama_opt_epoch(context, dataset, result, nil, Int64(count), MaskedTrainer.afterBatch, nil)
        } else {
            llama_opt_epoch(context, dataset, nil, result, 0, nil, MaskedTrainer.afterBatch)
        }
        return (lossSum / Double(max(1, counted)), Double(correct) / Double(max(1, counted)))
    }

    /// Trains the weight matrices and leaves the norm vectors as they are, so that the weight difference
    /// is exactly what a LoRA adapter (which adapts matrices only) can carry.
    static let matricesOnly: llama_opt_param_filter = { tensor, _ in (tensor?.pointee.ne.1 ?? 1) > 1 }

    /// ggml's epoch callback has no user data; the trainer running a pass is kept here (one per process).
    nonisolated(unsafe) static var active: MaskedTrainer?

    static let afterBatch: ggml_opt_epoch_callback = { _, optimizerContext, _, _, batch, _, _ in
        guard let trainer = MaskedTrainer.active else { return }
        trainer.optimizerContext = optimizerContext
        trainer.currentWindow = Int(batch)
        trainer.onBatch(BatchReport(
            window: Int(batch), loss: trainer.lossSum / Double(max(1, trainer.counted)),
            accuracy: Double(trainer.correct) / Double(max(1, trainer.counted))))
    }

    /// The scheduler's eval callback: asks only for the logits, then masks and measures.
    private func observe(_ tensor: UnsafeMutablePointer<ggml_tensor>, ask: Bool) -> Bool {
        let isLogits = withUnsafeBytes(of: tensor.pointee.name) { strcmp($0.baseAddress!.assumingMemoryBound(to: CChar.self), "result_output") == 0 }
        guard isLogits, MaskedTrainer.active === self, let optimizerContext, currentWindow < windows.count else { return !ask }
        if ask { return true }
        // The pinned ggml builds llama.cpp's graphs anew for every window and never zeroes their
        // gradient accumulators, so each window's gradient would be added to the sum of all earlier
        // ones (the optimizer would follow that ever-growing sum and the loss would climb). The
        // forward pass is done here and the backward pass has not begun: zero them now.
        if training { ggml_opt_reset(optimizerContext, false) }
        let vocabulary = Int(tensor.pointee.ne.0)
        let rows = Int(tensor.pointee.ne.1)
        guard rows == contextLength, vocabulary == row.count else { return true }
        logits.withUnsafeMutableBytes { ggml_backend_tensor_get(tensor, $0.baseAddress, 0, $0.count) }
        let labels = ggml_opt_labels(optimizerContext)
        let base = currentWindow * contextLength
        let trained = windows.trained, targets = windows.targets, training = self.training
        var loss = 0.0, hits = 0, count = 0
        logits.withUnsafeBufferPointer { logits in
            row.withUnsafeMutableBufferPointer { row in
                for position in 0..<rows {
                    let values = UnsafeBufferPointer(rebasing: logits[(position * vocabulary)..<((position + 1) * vocabulary)])
                    var maximum = -Float.infinity
                    var best = 0
                    for index in 0..<vocabulary where values[index] > maximum {
                        maximum = values[index]
                        best = index
                    }
                    var sum: Float = 0
                    for index in 0..<vocabulary {
                        row[index] = expf(values[index] - maximum)
                        sum += row[index]
                    }
                    if trained[base + position] {
                        let target = Int(targets[base + position])
                        loss += -(Double(values[target] - maximum) - log(Double(sum)))
                        hits += best == target ? 1 : 0
                        count += 1
                    } else if training {
                        let scale = 1 / sum
                        for index in 0..<vocabulary { row[index] *= scale }
                        ggml_backend_tensor_set(labels, row.baseAddress, position * vocabulary * 4, vocabulary * 4)
                    }
                }
            }
        }
        lossSum += loss
        correct += hits
        counted += count
        return true
    }

    private func optimizerParameters() -> ggml_opt_optimizer_params {
        var parameters = ggml_opt_get_default_optimizer_params(nil)
        let learningRate = Float(self.learningRate)
        parameters.adamw.alpha = learningRate
        parameters.adamw.wd = Float(spec.weightDecay)
        parameters.sgd.alpha = learningRate
        parameters.sgd.wd = Float(spec.weightDecay)
        return parameters
    }
}
