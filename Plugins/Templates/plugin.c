/*
 * __NAME__ — a finetune provider plugin, scaffolded by `finetune plugin new __NAME__ --language c`.
 *
 * It answers from a table of jobs in memory, so its first conformance run passes with no service
 * behind it (fixtures/target.json declares "transport": "none"). Replace the table with calls to
 * your API through host->http (see finetune_plugin.h and the document reference, Plugins/REFERENCE.md
 * in the finetune repository), then record HAR fixtures for the HTTP scenarios.
 *
 * Build: sh build.sh    Test: finetune conformance --plugin ./lib__NAME__.so --fixtures fixtures
 */
#define _POSIX_C_SOURCE 200809L /* strdup */

#include "finetune_plugin.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PROVIDER "__NAME__"

typedef struct {
    const char *id;
    const char *status;
} job_row;

/* The jobs the fixtures name; list_jobs lists the first three. */
static const job_row JOBS[] = {
    {"job-run", "running"}, {"job-done", "succeeded"}, {"job-failed", "failed"},
    {"job-cancelled", "cancelled"}, {"job-cancel", "running"},
};
#define JOB_COUNT (sizeof JOBS / sizeof JOBS[0])
#define LISTED_JOBS 3

static char *manifest(void) {
    return strdup(
        "{\"format_version\":1,\"manifest\":{\"version\":\"0.1.0\",\"model_prefixes\":[],\"provider\":{"
        "\"id\":\"" PROVIDER "\",\"display_name\":\"" PROVIDER "\",\"capabilities\":[],"
        "\"hyperparameters\":{\"provider\":\"" PROVIDER "\",\"api\":\"" PROVIDER " API\",\"rules\":["
        "{\"parameter\":\"epochs\",\"native_name\":\"epochs\",\"encoding\":\"integer\",\"minimum\":1,\"maximum\":50}]},"
        "\"dataset\":{\"format\":\"openai_chat\",\"min_examples\":1,\"allows_system_prompt\":true},"
        "\"environment\":[]}}}");
}

/* The string member "key" of a flat JSON request (enough for the host's documents), or NULL. */
static char *string_member(const char *json, const char *key) {
    char pattern[64];
    snprintf(pattern, sizeof pattern, "\"%s\":\"", key);
    const char *start = strstr(json, pattern);
    if (!start) return NULL;
    start += strlen(pattern);
    const char *end = strchr(start, '"');
    if (!end) return NULL;
    char *value = malloc((size_t)(end - start) + 1);
    memcpy(value, start, (size_t)(end - start));
    value[end - start] = '\0';
    return value;
}

/* A job (job.schema.json): a succeeded job names its tuned model, a failed one its error. */
static char *job_json(const char *id, const char *status, int document) {
    char extra[160] = "";
    if (!strcmp(status, "succeeded")) snprintf(extra, sizeof extra, ",\"tuned_model\":{\"name\":\"" PROVIDER "-small:ft-%s\"}", id);
    if (!strcmp(status, "failed")) snprintf(extra, sizeof extra, ",\"error\":{\"message\":\"training data rejected\"}");
    char *text = malloc(640);
    snprintf(text, 640, "%s{\"id\":\"" PROVIDER ":%s\",\"base_model\":\"" PROVIDER "-small\",\"status\":\"%s\",\"provider_status\":\"%s\"%s}%s",
             document ? "{\"format_version\":1,\"job\":" : "", id, status, status, extra, document ? "}" : "");
    return text;
}

static char *error_json(const char *code, const char *message) {
    char *text = malloc(512);
    snprintf(text, 512, "{\"format_version\":1,\"error\":{\"code\":\"%s\",\"message\":\"%s\",\"provider\":\"" PROVIDER "\"}}", code, message);
    return text;
}

static const job_row *find_job(const char *request) {
    char *id = string_member(request, "id");
    const job_row *found = NULL;
    for (size_t i = 0; id && i < JOB_COUNT; i++)
        if (!strcmp(JOBS[i].id, id)) found = &JOBS[i];
    free(id);
    return found;
}

static int32_t create_instance(const finetune_host_v1 *host, const char *config, void **instance, char **error) {
    (void)config;
    if (host->abi_version != FINETUNE_PLUGIN_ABI_VERSION || host->struct_size < FINETUNE_HOST_V1_0_SIZE) {
        *error = error_json("plugin_abi", "this plugin needs a host of plugin ABI 1");
        return FINETUNE_ERROR;
    }
    *instance = (void *)host;
    return FINETUNE_OK;
}

static void destroy_instance(void *instance) { (void)instance; }

static int32_t create_job(void *instance, finetune_call *call, const char *request, char **response) {
    (void)instance; (void)call; (void)request;
    *response = job_json("job-new", "queued", 1);
    return FINETUNE_OK;
}

static int32_t get_job(void *instance, finetune_call *call, const char *request, char **response) {
    (void)instance; (void)call;
    const job_row *job = find_job(request);
    if (!job) {
        *response = error_json("not_found", "no such job");
        return FINETUNE_ERROR;
    }
    *response = job_json(job->id, job->status, 1);
    return FINETUNE_OK;
}

static int32_t cancel_job(void *instance, finetune_call *call, const char *request, char **response) {
    (void)instance; (void)call;
    const job_row *job = find_job(request);
    if (!job) {
        *response = error_json("not_found", "no such job");
        return FINETUNE_ERROR;
    }
    *response = job_json(job->id, "cancelled", 1);
    return FINETUNE_OK;
}

/* Pages over the first LISTED_JOBS jobs; the cursor is the index of the next one. */
static int32_t list_jobs(void *instance, finetune_call *call, const char *request, char **response) {
    (void)instance; (void)call;
    char *cursor = string_member(request, "cursor");
    size_t start = cursor ? (size_t)strtoul(cursor, NULL, 10) : 0;
    free(cursor);
    const char *limit_text = strstr(request, "\"limit\":");
    size_t limit = limit_text ? (size_t)strtoul(limit_text + 8, NULL, 10) : LISTED_JOBS;
    if (limit == 0) limit = LISTED_JOBS;
    char *text = malloc(2048);
    size_t used = (size_t)snprintf(text, 2048, "{\"format_version\":1,\"page\":{\"items\":[");
    size_t end = start + limit < LISTED_JOBS ? start + limit : LISTED_JOBS;
    for (size_t i = start; i < end; i++) {
        char *job = job_json(JOBS[i].id, JOBS[i].status, 0);
        used += (size_t)snprintf(text + used, 2048 - used, "%s%s", i > start ? "," : "", job);
        free(job);
    }
    if (end < LISTED_JOBS) snprintf(text + used, 2048 - used, "],\"next_cursor\":\"%zu\"}}", end);
    else snprintf(text + used, 2048 - used, "]}}");
    *response = text;
    return FINETUNE_OK;
}

static void free_string(char *text) { free(text); }

static const finetune_plugin_table_v1 table = {
    .abi_version = FINETUNE_PLUGIN_ABI_VERSION,
    .struct_size = sizeof(finetune_plugin_table_v1),
    .manifest = manifest,
    .create_instance = create_instance,
    .destroy_instance = destroy_instance,
    .create_job = create_job,
    .get_job = get_job,
    .list_jobs = list_jobs,
    .cancel_job = cancel_job,
    .free_string = free_string,
};

const finetune_plugin_table_v1 *finetune_plugin_v1(void) { return &table; }
