// The benchmark's baseline: the same llama.cpp C API calls the framework's worker makes (load,
// llama_opt_init, llama_opt_epoch per epoch, prompt masking through the scheduler's eval callback,
// the gradients zeroed per window, weight matrices trained),
// with nothing around them. Reads the training windows the worker prepared
// (`finetune-llama-worker prepare`), trains, prints the loss per epoch and the training speed.
//
// Build: cc -O2 -I.deps/llama/include direct-loop.c -L.deps/llama/lib -lllama -lggml -lggml-base \
//            -Wl,-rpath,.deps/llama/lib -lm -o direct-loop
// Usage: direct-loop MODEL.gguf WINDOWS.bin EPOCHS LEARNING_RATE THREADS
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "llama.h"
#include "ggml-backend.h"

typedef struct {
    uint32_t n_ctx, n_windows;
    int32_t *tokens, *targets; // n_windows * n_ctx each
    uint8_t *trained;          // 1 where the target is an answer token
} windows_t;

typedef struct {
    const windows_t *windows;
    ggml_opt_context_t opt_ctx;
    int64_t current; // index of the window being evaluated
    float *row;
    double loss_sum;
    int64_t loss_count;
    float learning_rate;
} trainer_t;

static int read_windows(const char *path, windows_t *w) {
    FILE *f = fopen(path, "rb");
    if (!f) return 0;
    char magic[4];
    uint32_t version;
    if (fread(magic, 1, 4, f) != 4 || memcmp(magic, "FTWN", 4) != 0 || fread(&version, 4, 1, f) != 1 ||
        fread(&w->n_ctx, 4, 1, f) != 1 || fread(&w->n_windows, 4, 1, f) != 1) { fclose(f); return 0; }
    size_t n = (size_t) w->n_ctx * w->n_windows;
    w->tokens = malloc(n * 4);
    w->targets = malloc(n * 4);
    w->trained = malloc(n);
    int ok = fread(w->tokens, 4, n, f) == n && fread(w->targets, 4, n, f) == n && fread(w->trained, 1, n, f) == n;
    fclose(f);
    return ok;
}

// Where the logits of a training window are computed: masked rows get the model's own distribution as
// their label (zero gradient); answer rows keep their one-hot label and count towards the loss.
static bool on_tensor(struct ggml_tensor *t, bool ask, void *user_data) {
    trainer_t *trainer = user_data;
    if (trainer->opt_ctx == NULL || strcmp(t->name, "result_output") != 0) return ask ? false : true;
    if (ask) return true;
    // As the worker does: the pinned ggml never zeroes the gradient accumulators of llama.cpp's
    // per-window graphs, so without this each window's gradient would be added to all earlier ones.
    // The forward pass is done and the backward pass has not begun.
    ggml_opt_reset(trainer->opt_ctx, false);
    const windows_t *w = trainer->windows;
    const int64_t n_vocab = t->ne[0];
    struct ggml_tensor *labels = ggml_opt_labels(trainer->opt_ctx);
    const size_t base = (size_t) trainer->current * w->n_ctx;
    for (uint32_t i = 0; i < w->n_ctx; i++) {
        ggml_backend_tensor_get(t, trainer->row, (size_t) i * n_vocab * 4, n_vocab * 4);
        float max = -INFINITY;
        for (int64_t j = 0; j < n_vocab; j++) max = fmaxf(max, trainer->row[j]);
        double sum = 0;
        for (int64_t j = 0; j < n_vocab; j++) sum += exp(trainer->row[j] - max);
        if (w->trained[base + i]) {
            trainer->loss_sum += -(trainer->row[w->targets[base + i]] - max - log(sum));
            trainer->loss_count++;
            continue;
        }
        for (int64_t j = 0; j < n_vocab; j++) trainer->row[j] = (float) (exp(trainer->row[j] - max) / sum);
        ggml_backend_tensor_set(labels, trainer->row, (size_t) i * n_vocab * 4, n_vocab * 4);
    }
    return true;
}

static void on_batch(bool train, ggml_opt_context_t opt_ctx, ggml_opt_dataset_t dataset, ggml_opt_result_t result,
                     int64_t ibatch, int64_t ibatch_max, int64_t t_start_us) {
    (void) train; (void) dataset; (void) result; (void) ibatch; (void) ibatch_max; (void) t_start_us;
    extern trainer_t the_trainer;
    the_trainer.opt_ctx = opt_ctx;
    the_trainer.current++;
}

trainer_t the_trainer;

static struct ggml_opt_optimizer_params optimizer_params(void *user_data) {
    trainer_t *trainer = user_data;
    struct ggml_opt_optimizer_params params = ggml_opt_get_default_optimizer_params(NULL);
    params.adamw.alpha = trainer->learning_rate;
    params.adamw.wd = 0;
    return params;
}

// Like the worker: train the weight matrices, not the norm vectors.
static bool matrices_only(const struct ggml_tensor *tensor, void *user_data) {
    (void) user_data;
    return tensor->ne[1] > 1;
}

static int64_t now_us(void) { return ggml_time_us(); }

int main(int argc, char **argv) {
    if (argc != 6) {
        fprintf(stderr, "usage: %s MODEL.gguf WINDOWS.bin EPOCHS LEARNING_RATE THREADS\n", argv[0]);
        return 2;
    }
    windows_t w;
    if (!read_windows(argv[2], &w)) { fprintf(stderr, "cannot read windows %s\n", argv[2]); return 1; }
    const int epochs = atoi(argv[3]);
    const int threads = atoi(argv[5]);
    the_trainer = (trainer_t) { .windows = &w, .learning_rate = (float) atof(argv[4]) };

    llama_backend_init();
    struct llama_model_params mparams = llama_model_default_params();
    mparams.load_mode = LLAMA_LOAD_MODE_NONE;
    struct llama_model *model = llama_model_load_from_file(argv[1], mparams);
    if (!model) { fprintf(stderr, "cannot load %s\n", argv[1]); return 1; }
    struct llama_context_params cparams = llama_context_default_params();
    cparams.n_ctx = cparams.n_batch = cparams.n_ubatch = w.n_ctx;
    cparams.n_threads = cparams.n_threads_batch = threads;
    cparams.type_k = cparams.type_v = GGML_TYPE_F32;
    cparams.flash_attn_type = LLAMA_FLASH_ATTN_TYPE_DISABLED;
    cparams.cb_eval = on_tensor;
    cparams.cb_eval_user_data = &the_trainer;
    struct llama_context *ctx = llama_init_from_model(model, cparams);
    the_trainer.row = malloc(sizeof(float) * llama_vocab_n_tokens(llama_model_get_vocab(model)));

    struct llama_opt_params oparams = {
        .n_ctx_train = 0, .param_filter = matrices_only, .param_filter_ud = NULL,
        .get_opt_pars = optimizer_params, .get_opt_pars_ud = &the_trainer, .optimizer_type = GGML_OPT_OPTIMIZER_TYPE_ADAMW,
    };
    llama_opt_init(ctx, model, oparams);
    // llama_opt_init made a new scheduler; one decode installs the eval callback on it (in training
    // mode a decode must fill the whole context).
    llama_memory_clear(llama_get_memory(ctx), true);
    llama_decode(ctx, llama_batch_get_one(w.tokens, (int32_t) w.n_ctx));

    ggml_opt_dataset_t dataset = ggml_opt_dataset_init(GGML_TYPE_I32, GGML_TYPE_I32, w.n_ctx, w.n_ctx, w.n_windows, 1);
    memcpy(ggml_opt_dataset_data(dataset)->data, w.tokens, (size_t) w.n_ctx * w.n_windows * 4);
    memcpy(ggml_opt_dataset_labels(dataset)->data, w.targets, (size_t) w.n_ctx * w.n_windows * 4);
    ggml_opt_result_t result = ggml_opt_result_init();

    // The optimizer context exists only once an epoch ran: evaluate one window first to learn it.
    ggml_opt_dataset_t first = ggml_opt_dataset_init(GGML_TYPE_I32, GGML_TYPE_I32, w.n_ctx, w.n_ctx, 1, 1);
    memcpy(ggml_opt_dataset_data(first)->data, w.tokens, (size_t) w.n_ctx * 4);
    memcpy(ggml_opt_dataset_labels(first)->data, w.targets, (size_t) w.n_ctx * 4);
    llama_opt_epoch(ctx, first, NULL, result, 0, NULL, on_batch);
    ggml_opt_dataset_free(first);

    const int64_t start = now_us();
    for (int epoch = 0; epoch < epochs; epoch++) {
        the_trainer.current = 0;
        the_trainer.loss_sum = 0;
        the_trainer.loss_count = 0;
        ggml_opt_result_reset(result);
        llama_opt_epoch(ctx, dataset, result, NULL, w.n_windows, on_batch, NULL);
        printf("epoch %d: train loss %.5f\n", epoch + 1, the_trainer.loss_sum / (double) the_trainer.loss_count);
    }
    const double seconds = (double) (now_us() - start) / 1e6;
    const double tokens = (double) w.n_ctx * w.n_windows * epochs;
    printf("direct loop: %.0f tokens in %.2f s = %.1f tokens/s\n", tokens, seconds, tokens / seconds);

    ggml_opt_result_free(result);
    ggml_opt_dataset_free(dataset);
    llama_free(ctx);
    llama_model_free(model);
    return 0;
}
