import FineTuningTestSupport
import Foundation

/// A plugin written by a test: C source against the real header, with one part of the ABI
/// broken on purpose, compiled with `cc -shared` into a temporary folder.
struct TestPluginSource {
    var providerID = "broken"
    var abiVersion = "FINETUNE_PLUGIN_ABI_VERSION"
    var structSize = "sizeof(finetune_plugin_table_v1)"
    /// `"sizeof(table)"` declares the fields a later 1.x header appends after the 1.0 table.
    static let laterTableSize = "sizeof(table)"
    var entrySymbol = "finetune_plugin_v1"
    var capabilities = "[]"
    var modelPrefixes = "[]"
    var hyperparameterProvider: String?
    /// The hyperparameter table's rules, as JSON.
    var hyperparameterRules = "[]"
    /// A file create_job writes the request document it receives to (before it fails); nil: it only fails.
    var createRequestFile: String?
    /// The whole manifest text; nil builds a valid one from the fields above.
    var manifest: String?
    var hasGetJob = true
    var getStatus = "FINETUNE_OK"
    /// What get_job answers; nil answers a running job qualified with `providerID`.
    var getResponse: String?
    /// get_job waits until the host says the call is cancelled, then reports `cancelled`.
    var getWaitsForCancellation = false
    /// A line get_job writes to the host's log at warning level first.
    var getLogs = ""
    /// get_job calls abort() (a crashing plugin).
    var getCrashes = false
    /// Seconds get_job sleeps before it answers (a hanging plugin).
    var getSleepSeconds = 0
    /// How many of the first get_job calls answer `getFailure` with FINETUNE_ERROR.
    var getFailuresFirst = 0
    var getFailure = ""
    /// A request get_job sends through the host's http service, answering with the host's answer.
    var getSendsHTTP: String?

    var validManifest: String {
        """
        {"format_version":1,"manifest":{"version":"0.0.1","model_prefixes":\(modelPrefixes),"provider":{"id":"\(providerID)",\
        "display_name":"Test plugin","capabilities":\(capabilities),"hyperparameters":{"provider":"\(hyperparameterProvider ?? providerID)",\
        "api":"test","rules":\(hyperparameterRules)},"dataset":{"format":"openai_chat","min_examples":1,"allows_system_prompt":true},\
        "poll_interval":1,"environment":[]}}}
        """
    }

    var runningJob: String {
        #"{"format_version":1,"job":{"id":"\#(providerID):job-1","base_model":"m","status":"running","provider_status":"RUNNING"}}"#
    }

    /// The C source.
    var source: String {
        """
        #include "finetune_plugin.h"
        #include <stdio.h>
        #include <stdlib.h>
        #include <string.h>
        #include <unistd.h>

        static char *manifest(void) { return strdup(\(cString(manifest ?? validManifest))); }
        static int32_t create_instance(const finetune_host_v1 *host, const char *config, void **instance, char **error) {
            if (host->abi_version != FINETUNE_PLUGIN_ABI_VERSION || host->struct_size < FINETUNE_HOST_V1_0_SIZE) {
                *error = strdup("{\\"format_version\\":1,\\"error\\":{\\"code\\":\\"plugin_abi\\",\\"message\\":\\"host table too small\\"}}");
                return FINETUNE_ERROR;
            }
            *instance = (void *)host;
            return FINETUNE_OK;
        }
        static void destroy_instance(void *instance) {}
        static int32_t answer(void *instance, finetune_call *call, const char *request, char **response) {
            *response = strdup("{}");
            return FINETUNE_ERROR;
        }
        static int32_t create_job(void *instance, finetune_call *call, const char *request, char **response) {
            const char *path = \(createRequestFile.map(cString) ?? "NULL");
            FILE *file = path ? fopen(path, "w") : NULL;
            if (file) {
                fputs(request, file);
                fclose(file);
            }
            return answer(instance, call, request, response);
        }
        static int32_t get_job(void *instance, finetune_call *call, const char *request, char **response) {
            const finetune_host_v1 *host = instance;
            static int calls = 0;
            if (\(getCrashes ? 1 : 0)) abort();
            if (\(getSleepSeconds)) sleep(\(getSleepSeconds));
            if (__atomic_fetch_add(&calls, 1, __ATOMIC_SEQ_CST) < \(getFailuresFirst)) {
                *response = strdup(\(cString(getFailure)));
                return FINETUNE_ERROR;
            }
            if (\(getLogs.isEmpty ? 0 : 1)) host->log(call, FINETUNE_LOG_WARNING, \(cString(getLogs)));
            if (\(getSendsHTTP == nil ? 0 : 1)) {
                char *answer = NULL;
                int32_t status = host->http(call, \(cString(getSendsHTTP ?? "")), &answer);
                *response = strdup(answer);
                host->free_string(answer);
                return status;
            }
            if (\(getWaitsForCancellation ? 1 : 0)) {
                while (!host->is_cancelled(call)) usleep(1000);
                *response = strdup("{\\"code\\":\\"cancelled\\",\\"message\\":\\"stopped on request\\"}");
                return FINETUNE_ERROR;
            }
            *response = strdup(\(cString(getResponse ?? runningJob)));
            return \(getStatus);
        }
        static void free_string(char *text) { free(text); }
        static void later_field(void) { abort(); }
        /* The 1.0 table, then a field as a later 1.x header would append it. */
        static const struct { finetune_plugin_table_v1 v1_0; void (*appended)(void); } table = {
            .v1_0 = {
                .abi_version = \(abiVersion), .struct_size = \(structSize),
                .manifest = manifest, .create_instance = create_instance, .destroy_instance = destroy_instance,
                .create_job = create_job, .get_job = \(hasGetJob ? "get_job" : "NULL"), .list_jobs = answer, .cancel_job = answer,
                .free_string = free_string,
            },
            .appended = later_field,
        };
        const finetune_plugin_table_v1 *\(entrySymbol)(void) { return &table.v1_0; }
        """
    }

    /// Compiles the source into `folder/lib<name>.so` and returns its path.
    func build(named name: String, in folder: URL) throws -> String {
        try CPluginCompiler.build(source, named: name, in: folder)
    }

    /// `$CC`, else `cc`, else the Swift toolchain's `clang`.
    static let compiler = CPluginCompiler.compiler

    /// `text` as a C string literal.
    private func cString(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}

/// A fresh folder, writable only by its owner, for one test's libraries.
func temporaryPluginFolder() throws -> URL {
    try CPluginCompiler.temporaryFolder()
}
