/*
 * finetune_plugin.h — the plugin ABI of the finetune framework, version 1.
 *
 * A plugin is a shared library (.so / .dylib) that adds one fine-tuning provider. It exports one
 * C function, finetune_plugin_v1, that returns a table of function pointers. Everything that
 * crosses the boundary is a NUL-terminated UTF-8 JSON text in the framework's wire form
 * (snake_case keys, every document an object with "format_version": 1); no language's types
 * cross it, so a plugin can be written in C, Rust, Zig, Swift or anything that exports a C symbol.
 *
 * Memory ownership
 *   - Text the host passes in (configuration, requests) belongs to the host and is valid only
 *     during the call; copy it to keep it.
 *   - Text a plugin returns (manifest, responses, errors) is allocated by the plugin and released
 *     by the host with the table's free_string, exactly once, possibly on another thread.
 *   - Text a host service returns (HTTP responses and errors) is allocated by the host and
 *     released by the plugin with the host's free_string, exactly once.
 *
 * Threading
 *   - manifest may be called at any time from any thread, and more than once.
 *   - create_instance and destroy_instance are never called concurrently with any other call on
 *     the same instance. The host destroys an instance only after every call on it has returned.
 *   - Operations (create_job ... resume_job, start_job) on one instance may run concurrently on different
 *     threads: a plugin must make them thread-safe. The host calls them on threads it owns for the
 *     duration of the call, so a plugin may block the calling thread (for example on a host HTTP
 *     call) but must not keep the thread.
 *   - Host services may be called from any thread, concurrently, but only while the operation
 *     whose call token they are given is still running. They block the calling thread.
 *
 * Documents
 *   - Every document has a JSON Schema (draft 2020-12) in Sources/CFineTuningPlugin/schemas/,
 *     described with examples in Plugins/REFERENCE.md. The host checks what a plugin returns
 *     against them: an unknown (misspelt) key is a failure in `finetune conformance` and one
 *     warning per key in normal use.
 *
 * Error reporting
 *   - An operation returns FINETUNE_OK and a response document, or FINETUNE_ERROR and an error
 *     document. Like every document it is versioned, the FineTuningError under "error":
 *       {"format_version":1,"error":{"code":"not_found","message":"job job-9 does not exist",
 *        "provider":"echo_c","http_status":404}}
 *     (the bare object of the ABI 1.0 examples, {"code":...,"message":...}, is still read.)
 *     Codes: invalid_request, authentication, permission_denied, not_found, conflict,
 *     rate_limited, quota_exceeded, provider_unavailable, unsupported, invalid_data, transport,
 *     timeout, cancelled, configuration, provider_error, plugin_abi. The host reports an error
 *     document it cannot read, or a response that is not the documented JSON, as a plugin_abi
 *     error naming the plugin file. Errors of host services use the same form.
 *   - Retrying: "retryable":true beside the error's members lets the host run the operation
 *     again (after "retry_after" seconds when given, else a backoff), up to its retry budget;
 *     false or absent makes the error final. The host HTTP service retries idempotent requests
 *     after 408/429/5xx itself unless the request says "retry":false; a plugin that classifies
 *     answers itself (say, a 429 that is its own quota error) sends "retry":false and decides
 *     with "retryable".
 *
 * Timeouts
 *   - An operation that has not returned after the manifest's "operation_timeout" seconds
 *     (default 120; callers may override it) fails with a "timeout" error in the host; the host
 *     then reports is_cancelled as 1 for that call, and the plugin should return soon.
 *
 * Versioning
 *   - The entry symbol carries the major version (finetune_plugin_v1). A host that speaks ABI 1
 *     looks only for finetune_plugin_v1 and refuses a table whose abi_version is not 1.
 *   - Within a major version fields are only ever appended, and struct_size says how many the
 *     side that filled the table knows. Each side accepts any struct_size of at least the ABI 1.0
 *     size (FINETUNE_PLUGIN_TABLE_V1_0_SIZE, FINETUNE_HOST_V1_0_SIZE): fields past the other
 *     side's struct_size are absent (read them only after checking struct_size), and fields the
 *     reader does not know are ignored. A smaller table is refused as truncated.
 *   - Documents gain keys and values in minor versions too. A manifest that uses one (ABI 1.2: the
 *     hyperparameter encoding {"enumeration":[{"value":4,"native":"NAME"}]}) is refused by an older
 *     host as an invalid manifest naming the rule; a host reads every earlier minor's manifests
 *     ("vertex_adapter_size" of ABI 1.0 is read as the enumeration of Vertex's ADAPTER_SIZE_* names).
 */
#ifndef FINETUNE_PLUGIN_H
#define FINETUNE_PLUGIN_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The ABI version this header describes; the suffix of the entry symbol. */
#define FINETUNE_PLUGIN_ABI_VERSION 1

/* The name of the entry symbol, for hosts that look it up with dlsym. */
#define FINETUNE_PLUGIN_ENTRY_SYMBOL "finetune_plugin_v1"

/* Return value of an operation or host service that succeeded; *response holds the result. */
#define FINETUNE_OK 0
/* Return value of an operation or host service that failed; *response holds a FineTuningError. */
#define FINETUNE_ERROR 1

/* Log levels for finetune_host_v1.log. */
#define FINETUNE_LOG_DEBUG 0
#define FINETUNE_LOG_INFO 1
#define FINETUNE_LOG_WARNING 2
#define FINETUNE_LOG_ERROR 3

/* An opaque token for one operation call, handed to the operation by the host and handed back
 * by the plugin to every host service it uses during that call. Invalid once the call returns. */
typedef struct finetune_call finetune_call;

/* Services the host offers a plugin. The host passes this table to create_instance; it stays
 * valid until destroy_instance returns. A plugin checks abi_version and struct_size there and
 * refuses (code "plugin_abi") a host whose table lacks the fields it uses. */
typedef struct finetune_host_v1 {
    /* FINETUNE_PLUGIN_ABI_VERSION of the host. */
    uint32_t abi_version;
    /* sizeof(finetune_host_v1) as the host was compiled; fields past it are absent. */
    uint32_t struct_size;

    /* Sends one HTTP request through the host's transport (retries of safe requests, secret
     * redaction, HAR recording and replay are the host's). Blocks until the exchange is over.
     * request_json:  {"method":"GET","url":"https://...","headers":[["Authorization","Bearer ..."]],
     *                 "body":"text" (optional), "timeout":30 (optional, seconds),
     *                 "idempotent":true (optional; default true for GET/HEAD/PUT/DELETE/OPTIONS),
 *                 "retry":false (optional; send once, see "Retrying" above),
 *                 "multipart":[{"name":"purpose","value":"fine-tune"},{"name":"file",
 *                 "file":"/abs/train.jsonl","filename":"train.jsonl","content_type":"application/jsonl"}]
 *                 (optional, ABI 1.1, instead of "body": a multipart/form-data body whose file
 *                 parts the host streams from disk)}
     * On FINETUNE_OK, *response_json is {"status":200,"headers":[["Content-Type","..."]],
     *                 "body":"text"} with every status, 4xx and 5xx included;
     *                 "body_base64" replaces "body" when the body is not UTF-8.
     * On FINETUNE_ERROR, *response_json is a FineTuningError: no response arrived (code
     *                 transport, timeout or cancelled), or request_json was malformed
     *                 (invalid_request).
     * Release *response_json with free_string. */
    int32_t (*http)(finetune_call *call, const char *request_json, char **response_json);

    /* Writes one line to the host's log at a FINETUNE_LOG_* level; the host redacts secrets. */
    void (*log)(finetune_call *call, int32_t level, const char *message);

    /* Returns 1 when the caller of the operation has cancelled it, else 0. A plugin that loops
     * or waits should check it and return a "cancelled" error. */
    int32_t (*is_cancelled)(finetune_call *call);

    /* Releases text the host returned (from http). */
    void (*free_string)(char *text);
} finetune_host_v1;

/* One operation: JSON in, JSON out. instance is what create_instance made; call is the host's
 * token for this call; request_json is the operation's request document. The plugin stores a
 * text it allocated in *response_json (a response on FINETUNE_OK, a FineTuningError on
 * FINETUNE_ERROR) and the host releases it with free_string.
 *
 * Requests and responses ("…" is the normalized model's wire form, as printed by --json):
 *   create_job        {"format_version":1,"request":{"base_model":"m","training_data":{"remote":"file-1"}
 *                      or {"local_file":"/abs/path"},"validation_data":…,"hyperparameters":{normalized},
 *                      "native_hyperparameters":{"n_epochs":3},"method":"supervised","suffix":"s",
 *                      "labels":{},"options":{},"client_token":"…"}}
 *                     -> {"format_version":1,"job":{…}}
 *                     "start":false (ABI 1.1, sent only to a plugin declaring "deferred_start")
 *                     asks for the job to be created unstarted and priced: the job's
 *                     "cost_preview" carries the price, and start_job starts it later.
 *   get_job, cancel_job, pause_job, resume_job, start_job
 *                     {"format_version":1,"id":"native-id"} -> {"format_version":1,"job":{…}}
 *   list_jobs         {"format_version":1,"list":{"cursor":"c"|null,"limit":20|null,
 *                      "statuses":["running"]|null,"labels":{}}}
 *                     -> {"format_version":1,"page":{"items":[job…],"next_cursor":"c"|null}}
 *   list_events       {"format_version":1,"list":{"job_id":"native-id","cursor":…,"limit":…}}
 *                     -> {"format_version":1,"page":{"items":[event…],"next_cursor":…}}
 *   list_checkpoints  same request -> {"format_version":1,"page":{"items":[checkpoint…],"next_cursor":…}}
 * "cursor", "limit", "statuses" and "labels" are left out when unset; a plugin that cannot
 * filter by status or label may ignore them (the host filters the page again).
 * Jobs carry provider-qualified ids ("echo_c:job-1"); the ids in requests are native. */
typedef int32_t (*finetune_operation_fn)(
    void *instance, finetune_call *call, const char *request_json, char **response_json);

/* The table a plugin returns from its entry symbol. It must stay valid (static storage) for as
 * long as the library is loaded; the host never unloads a plugin. */
typedef struct finetune_plugin_table_v1 {
    /* FINETUNE_PLUGIN_ABI_VERSION the plugin was built against. */
    uint32_t abi_version;
    /* sizeof(finetune_plugin_table_v1) as the plugin was compiled; at least
     * FINETUNE_PLUGIN_TABLE_V1_0_SIZE. */
    uint32_t struct_size;

    /* The manifest, a new text released with free_string:
     * {"format_version":1,"manifest":{"version":"1.2.0","model_prefixes":["open-mistral"],
     *  "provider":{ProviderDescriptor: "id","display_name","capabilities","hyperparameters"
     *  (the same table form as the built-in providers'; Plugins/REFERENCE.md lists the encodings),
 *  "dataset","poll_interval","environment"}}}
     * model_prefixes: the base models the plugin takes (by prefix); empty means any.
 * "operation_timeout" (optional, seconds, default 120): how long one operation may take. */
    char *(*manifest)(void);

    /* Makes an instance from config_json: {"format_version":1,"environment":{"NAME":"value"}}
     * (the environment variables the manifest declares, as the host resolved them). On
     * FINETUNE_OK *instance is the plugin's handle; on FINETUNE_ERROR *error_json is a
     * FineTuningError (code "configuration" for a missing credential). host stays valid until
     * destroy_instance returns. No operation and no host service runs during this call. */
    int32_t (*create_instance)(const finetune_host_v1 *host, const char *config_json, void **instance, char **error_json);

    /* Releases an instance; no call on it is running or will run. */
    void (*destroy_instance)(void *instance);

    /* The four operations every plugin has. */
    finetune_operation_fn create_job;
    finetune_operation_fn get_job;
    finetune_operation_fn list_jobs;
    finetune_operation_fn cancel_job;

    /* Optional operations: required when the manifest declares the capability named in the
     * comment, NULL otherwise. */
    finetune_operation_fn list_events;      /* "events" */
    finetune_operation_fn list_checkpoints; /* "checkpoints" */
    finetune_operation_fn pause_job;        /* "pause_resume" */
    finetune_operation_fn resume_job;       /* "pause_resume" */

    /* Releases text the plugin returned (manifest, responses, errors). */
    void (*free_string)(char *text);

    /* Appended in ABI 1.1; absent (NULL) in a table whose struct_size ends before it. */

    /* Starts a job create_job made with "start": false; required when the manifest declares
     * "deferred_start", NULL otherwise. {"format_version":1,"id":"native-id"} -> job document. */
    finetune_operation_fn start_job;
} finetune_plugin_table_v1;

/* The entry symbol every ABI-1 plugin exports. Returns the plugin's table (never NULL). */
const finetune_plugin_table_v1 *finetune_plugin_v1(void);

/* The sizes of the ABI 1.0 tables, the smallest struct_size either side accepts. */
#define FINETUNE_PLUGIN_TABLE_V1_0_SIZE (2 * sizeof(uint32_t) + 12 * sizeof(void *))
#define FINETUNE_HOST_V1_0_SIZE (2 * sizeof(uint32_t) + 4 * sizeof(void *))

#ifdef __cplusplus
}
#endif

#endif /* FINETUNE_PLUGIN_H */
