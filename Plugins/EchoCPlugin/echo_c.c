/*
 * echo_c — a finetune plugin in plain C, written only against finetune_plugin.h.
 *
 * It speaks the "echo" API: a tiny HTTP service whose documents are already the framework's wire
 * form, so the plugin only routes operations to URLs, sends them through the host's HTTP service
 * and maps HTTP failures to FineTuningError documents.
 *
 *   POST {base}/jobs                 body: the create_job request   -> {"format_version":1,"job":{...}}
 *   GET  {base}/jobs/{id}                                           -> {"format_version":1,"job":{...}}
 *   GET  {base}/jobs?limit=&cursor=                                 -> {"format_version":1,"page":{...}}
 *   POST {base}/jobs/{id}/cancel                                    -> {"format_version":1,"job":{...}}
 *   GET  {base}/jobs/{id}/events?limit=&cursor=                     -> {"format_version":1,"page":{...}}
 *   errors: {"error":{"code":"insufficient_quota","message":"...","param":"epochs"}}
 *
 * Configuration: ECHO_C_API_KEY (required, sent as a bearer token), ECHO_C_BASE_URL (optional).
 * Build without SwiftPM:
 *   cc -shared -fPIC -I Sources/CFineTuningPlugin/include -o libecho_c.so Plugins/EchoCPlugin/echo_c.c
 */
#define _POSIX_C_SOURCE 200809L /* strdup */

#include "finetune_plugin.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ECHO_PROVIDER "echo_c"
#define ECHO_DEFAULT_BASE_URL "https://echo.example.test/v1"

/* ---- growable text buffer ---------------------------------------------------------------- */

typedef struct {
    char *data;
    size_t length;
    size_t capacity;
} buffer;

static void buffer_append_bytes(buffer *b, const char *bytes, size_t count) {
    if (b->length + count + 1 > b->capacity) {
        size_t capacity = b->capacity ? b->capacity : 256;
        while (b->length + count + 1 > capacity) capacity *= 2;
        b->data = realloc(b->data, capacity);
        b->capacity = capacity;
    }
    memcpy(b->data + b->length, bytes, count);
    b->length += count;
    b->data[b->length] = '\0';
}

static void buffer_append(buffer *b, const char *text) { buffer_append_bytes(b, text, strlen(text)); }

static void buffer_printf(buffer *b, const char *format, ...) {
    char small[256];
    va_list arguments;
    va_start(arguments, format);
    int count = vsnprintf(small, sizeof small, format, arguments);
    va_end(arguments);
    if (count < 0) return;
    if ((size_t)count < sizeof small) {
        buffer_append_bytes(b, small, (size_t)count);
        return;
    }
    char *large = malloc((size_t)count + 1);
    va_start(arguments, format);
    vsnprintf(large, (size_t)count + 1, format, arguments);
    va_end(arguments);
    buffer_append_bytes(b, large, (size_t)count);
    free(large);
}

/* Appends text as a JSON string literal, quotes included. */
static void buffer_append_json_string(buffer *b, const char *text) {
    buffer_append(b, "\"");
    for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
        switch (*p) {
        case '"': buffer_append(b, "\\\""); break;
        case '\\': buffer_append(b, "\\\\"); break;
        case '\n': buffer_append(b, "\\n"); break;
        case '\r': buffer_append(b, "\\r"); break;
        case '\t': buffer_append(b, "\\t"); break;
        default:
            if (*p < 0x20) buffer_printf(b, "\\u%04x", *p);
            else buffer_append_bytes(b, (const char *)p, 1);
        }
    }
    buffer_append(b, "\"");
}

/* Hands the buffer's text to the host (released with echo_free_string). */
static char *buffer_take(buffer *b) {
    if (!b->data) buffer_append(b, "");
    return b->data;
}

/* ---- just enough JSON reading ------------------------------------------------------------ */

static const char *json_skip_space(const char *p) {
    while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') p++;
    return p;
}

/* Skips one JSON value; returns the character after it, or NULL when the text is not JSON. */
static const char *json_skip_value(const char *p, int depth) {
    p = json_skip_space(p);
    if (depth > 64) return NULL;
    if (*p == '"') {
        for (p++; *p && *p != '"'; p++) {
            if (*p == '\\' && !*++p) return NULL;
        }
        return *p == '"' ? p + 1 : NULL;
    }
    if (*p == '{' || *p == '[') {
        char close = *p == '{' ? '}' : ']';
        p = json_skip_space(p + 1);
        if (*p == close) return p + 1;
        for (;;) {
            if (close == '}') {
                if (*p != '"' || !(p = json_skip_value(p, depth + 1))) return NULL;
                p = json_skip_space(p);
                if (*p++ != ':') return NULL;
            }
            if (!(p = json_skip_value(p, depth + 1))) return NULL;
            p = json_skip_space(p);
            if (*p == close) return p + 1;
            if (*p++ != ',') return NULL;
            p = json_skip_space(p);
        }
    }
    const char *start = p;
    while (*p && strchr("+-0123456789.eEtruefalsn", *p)) p++;
    return p > start ? p : NULL;
}

/* True when text is exactly one JSON value. */
static int json_is_valid(const char *text) {
    const char *end = json_skip_value(text, 0);
    return end && *json_skip_space(end) == '\0';
}

/* The value of member key of the object that starts at object, or NULL. */
static const char *json_member(const char *object, const char *key) {
    if (!object) return NULL;
    const char *p = json_skip_space(object);
    if (*p++ != '{') return NULL;
    size_t key_length = strlen(key);
    for (;;) {
        p = json_skip_space(p);
        if (*p != '"') return NULL;
        const char *name = p + 1;
        const char *after_name = json_skip_value(p, 0);
        if (!after_name) return NULL;
        p = json_skip_space(after_name);
        if (*p++ != ':') return NULL;
        p = json_skip_space(p);
        if ((size_t)(after_name - 1 - name) == key_length && strncmp(name, key, key_length) == 0) return p;
        if (!(p = json_skip_value(p, 0))) return NULL;
        p = json_skip_space(p);
        if (*p++ != ',') return NULL;
    }
}

static void append_utf8(buffer *b, unsigned long code) {
    char bytes[4];
    size_t count;
    if (code < 0x80) { bytes[0] = (char)code; count = 1; }
    else if (code < 0x800) { bytes[0] = (char)(0xC0 | (code >> 6)); bytes[1] = (char)(0x80 | (code & 0x3F)); count = 2; }
    else if (code < 0x10000) {
        bytes[0] = (char)(0xE0 | (code >> 12)); bytes[1] = (char)(0x80 | ((code >> 6) & 0x3F));
        bytes[2] = (char)(0x80 | (code & 0x3F)); count = 3;
    } else {
        bytes[0] = (char)(0xF0 | (code >> 18)); bytes[1] = (char)(0x80 | ((code >> 12) & 0x3F));
        bytes[2] = (char)(0x80 | ((code >> 6) & 0x3F)); bytes[3] = (char)(0x80 | (code & 0x3F)); count = 4;
    }
    buffer_append_bytes(b, bytes, count);
}

/* The JSON string at value, unescaped, in a new allocation; NULL when value is not a string. */
static char *json_string(const char *value) {
    if (!value || *value != '"' || !json_skip_value(value, 0)) return NULL;
    buffer b = {0};
    for (const char *p = value + 1; *p != '"'; p++) {
        if (*p != '\\') { buffer_append_bytes(&b, p, 1); continue; }
        switch (*++p) {
        case 'n': buffer_append(&b, "\n"); break;
        case 'r': buffer_append(&b, "\r"); break;
        case 't': buffer_append(&b, "\t"); break;
        case 'b': buffer_append(&b, "\b"); break;
        case 'f': buffer_append(&b, "\f"); break;
        case 'u': {
            unsigned long code = strtoul((char[]){p[1], p[2], p[3], p[4], 0}, NULL, 16);
            p += 4;
            if (code >= 0xD800 && code < 0xDC00 && p[1] == '\\' && p[2] == 'u') {
                unsigned long low = strtoul((char[]){p[3], p[4], p[5], p[6], 0}, NULL, 16);
                code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
                p += 6;
            }
            append_utf8(&b, code);
            break;
        }
        default: buffer_append_bytes(&b, p, 1);
        }
    }
    return buffer_take(&b);
}

/* ---- errors ------------------------------------------------------------------------------ */

/* Whether the host may run an operation again after an error (the error document's "retryable"). */
typedef struct {
    int retryable;      /* 1: "retryable":true; 0: left out (final) */
    double retry_after; /* seconds the server asked to wait; 0: none */
} retry_hint;

static const retry_hint FINAL = {0, 0};

/* An error document (error.schema.json); message, parameter and provider_code may be NULL. */
static char *error_document_retry(const char *code, const char *message, int http_status, const char *parameter,
                                  const char *provider_code, retry_hint retry) {
    buffer b = {0};
    buffer_append(&b, "{\"format_version\":1,\"error\":{\"code\":");
    buffer_append_json_string(&b, code);
    buffer_append(&b, ",\"message\":");
    buffer_append_json_string(&b, message ? message : code);
    buffer_append(&b, ",\"provider\":\"" ECHO_PROVIDER "\"");
    if (http_status) buffer_printf(&b, ",\"http_status\":%d", http_status);
    if (parameter) { buffer_append(&b, ",\"parameter\":"); buffer_append_json_string(&b, parameter); }
    if (provider_code) { buffer_append(&b, ",\"provider_code\":"); buffer_append_json_string(&b, provider_code); }
    if (retry.retry_after > 0) buffer_printf(&b, ",\"retry_after\":%g", retry.retry_after);
    if (retry.retryable) buffer_append(&b, ",\"retryable\":true");
    buffer_append(&b, "}}");
    return buffer_take(&b);
}

static char *error_document(const char *code, const char *message, int http_status, const char *parameter, const char *provider_code) {
    return error_document_retry(code, message, http_status, parameter, provider_code, FINAL);
}

/* The normalized code of a failed HTTP status; quota codes make a 429 final. */
static const char *error_code(int status, const char *provider_code) {
    switch (status) {
    case 400: case 413: case 422: return "invalid_request";
    case 401: return "authentication";
    case 403: return "permission_denied";
    case 404: return "not_found";
    case 409: return "conflict";
    case 429:
        if (provider_code && (!strcmp(provider_code, "insufficient_quota") || !strcmp(provider_code, "daily_rate_limit_exceeded")))
            return "quota_exceeded";
        return "rate_limited";
    default: return (status == 408 || status >= 500) ? "provider_unavailable" : "provider_error";
    }
}

/* The error for a non-success response, read from the echo API's {"error":{...}} body. The
 * plugin decides on retries itself (its requests say "retry":false): a quota 429 is final, any
 * other 429 may be retried after Retry-After, a 408 or 5xx only when the request was idempotent. */
static char *error_from_response(int status, const char *body, double retry_after, int idempotent) {
    const char *error = json_member(body, "error");
    char *message = json_string(json_member(error, "message"));
    char *parameter = json_string(json_member(error, "param"));
    char *provider_code = json_string(json_member(error, "code"));
    if (!message) {
        buffer b = {0};
        buffer_printf(&b, "HTTP %d: %.200s", status, body);
        message = buffer_take(&b);
    }
    const char *code = error_code(status, provider_code);
    retry_hint retry = {0, retry_after};
    if (!strcmp(code, "rate_limited") || (idempotent && !strcmp(code, "provider_unavailable"))) retry.retryable = 1;
    char *document = error_document_retry(code, message, status, parameter, provider_code, retry);
    free(message);
    free(parameter);
    free(provider_code);
    return document;
}

/* ---- instances and HTTP ------------------------------------------------------------------ */

typedef struct {
    const finetune_host_v1 *host;
    char *base_url;
    char *api_key;
} echo_instance;

/* Appends text percent-encoded for a URL path segment or query value. */
static void buffer_append_url_component(buffer *b, const char *text) {
    for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || strchr("-._~", *p))
            buffer_append_bytes(b, (const char *)p, 1);
        else
            buffer_printf(b, "%%%02X", *p);
    }
}

/* The value in seconds of header name (case-insensitive) in a [[name, value], ...] array, or 0. */
static double header_seconds(const char *headers, const char *name) {
    const char *p = headers ? json_skip_space(headers) : NULL;
    if (!p || *p++ != '[') return 0;
    for (;;) {
        p = json_skip_space(p);
        if (*p != '[') return 0;
        const char *pair_name = json_skip_space(p + 1);
        const char *after_name = json_skip_value(pair_name, 0);
        if (!after_name) return 0;
        const char *comma = json_skip_space(after_name);
        char *header = json_string(pair_name);
        int matches = header && strlen(header) == strlen(name);
        for (size_t i = 0; matches && header[i]; i++) matches = (header[i] | 0x20) == name[i];
        free(header);
        if (matches && *comma == ',') {
            char *value = json_string(json_skip_space(comma + 1));
            double seconds = value ? atof(value) : 0;
            free(value);
            return seconds;
        }
        if (!(p = json_skip_value(p, 0))) return 0;
        p = json_skip_space(p);
        if (*p++ != ',') return 0;
    }
}

/* Sends one request through the host and returns the response document (FINETUNE_OK) or an
 * error (FINETUNE_ERROR) in *out. body may be NULL. */
static int32_t echo_send(echo_instance *instance, finetune_call *call, const char *method, const char *url,
                         const char *body, int idempotent, char **out) {
    const finetune_host_v1 *host = instance->host;
    if (host->is_cancelled(call)) {
        *out = error_document("cancelled", "the operation was cancelled", 0, NULL, NULL);
        return FINETUNE_ERROR;
    }
    buffer request = {0};
    buffer_append(&request, "{\"method\":");
    buffer_append_json_string(&request, method);
    buffer_append(&request, ",\"url\":");
    buffer_append_json_string(&request, url);
    buffer_append(&request, ",\"headers\":[[\"Accept\",\"application/json\"],[\"Authorization\",");
    buffer bearer = {0};
    buffer_printf(&bearer, "Bearer %s", instance->api_key);
    buffer_append_json_string(&request, bearer.data);
    free(bearer.data);
    buffer_append(&request, "]");
    if (body) {
        buffer_append(&request, ",[\"Content-Type\",\"application/json\"]],\"body\":");
        buffer_append_json_string(&request, body);
    } else {
        buffer_append(&request, "]");
    }
    buffer_printf(&request, ",\"idempotent\":%s,\"retry\":false}", idempotent ? "true" : "false");

    buffer line = {0};
    buffer_printf(&line, "%s %s", method, url);
    host->log(call, FINETUNE_LOG_DEBUG, line.data);
    free(line.data);

    char *response = NULL;
    int32_t result = host->http(call, request.data, &response);
    free(request.data);
    if (result != FINETUNE_OK) {
        /* The host's error is passed on, copied into memory this plugin releases. */
        *out = strdup(response ? response : "{\"code\":\"transport\",\"message\":\"the host's HTTP service failed\"}");
        host->free_string(response);
        return FINETUNE_ERROR;
    }
    const char *status_value = json_member(response, "status");
    int status = status_value ? atoi(status_value) : 0;
    char *text = json_string(json_member(response, "body"));
    double retry_after = header_seconds(json_member(response, "headers"), "retry-after");
    host->free_string(response);
    if (!text) text = strdup("");

    if (status < 200 || status > 299) {
        *out = error_from_response(status, text, retry_after, idempotent);
        free(text);
        return FINETUNE_ERROR;
    }
    if (!json_is_valid(text)) {
        buffer message = {0};
        buffer_printf(&message, ECHO_PROVIDER " answered HTTP %d with a body that is not valid JSON; body starts: %.200s", status, text);
        *out = error_document("transport", message.data, status, NULL, NULL);
        free(message.data);
        free(text);
        return FINETUNE_ERROR;
    }
    *out = text;
    return FINETUNE_OK;
}

/* {base}/jobs[/{id}[/{suffix}]] with ?limit=&cursor= from a list request's members. */
static char *echo_url(echo_instance *instance, const char *id, const char *suffix, const char *list) {
    buffer url = {0};
    buffer_append(&url, instance->base_url);
    buffer_append(&url, "/jobs");
    if (id) { buffer_append(&url, "/"); buffer_append_url_component(&url, id); }
    if (suffix) { buffer_append(&url, "/"); buffer_append(&url, suffix); }
    const char *limit = json_member(list, "limit");
    char *cursor = json_string(json_member(list, "cursor"));
    char separator = '?';
    if (limit && *limit >= '0' && *limit <= '9') { buffer_printf(&url, "%climit=%ld", separator, strtol(limit, NULL, 10)); separator = '&'; }
    if (cursor) { buffer_printf(&url, "%ccursor=", separator); buffer_append_url_component(&url, cursor); free(cursor); }
    return buffer_take(&url);
}

/* Reads the string member key of object into *value, or reports an invalid request. */
static int32_t required_string(const char *object, const char *key, char **value, char **out) {
    *value = json_string(json_member(object, key));
    if (*value) return FINETUNE_OK;
    buffer message = {0};
    buffer_printf(&message, "the request has no string member '%s'", key);
    *out = error_document("invalid_request", message.data, 0, key, NULL);
    free(message.data);
    return FINETUNE_ERROR;
}

/* ---- the table ----------------------------------------------------------------------------- */

static char *echo_manifest(void) {
    return strdup(
        "{\"format_version\":1,\"manifest\":{\"version\":\"1.0.0\",\"model_prefixes\":[\"echo-\"],\"provider\":{"
        "\"id\":\"" ECHO_PROVIDER "\",\"display_name\":\"Echo API (C plugin)\",\"capabilities\":[\"events\"],"
        "\"hyperparameters\":{\"provider\":\"" ECHO_PROVIDER "\",\"api\":\"echo API v1\",\"rules\":["
        "{\"parameter\":\"epochs\",\"native_name\":\"epochs\",\"encoding\":\"integer\",\"minimum\":1,\"maximum\":10,\"default\":\"1\"},"
        "{\"parameter\":\"learning_rate_multiplier\",\"native_name\":\"learning_rate_multiplier\",\"encoding\":\"number\","
        "\"minimum\":0,\"minimum_exclusive\":true,\"default\":\"1\"}],\"pass_through\":[\"noise\"]},"
        "\"dataset\":{\"format\":\"openai_chat\",\"min_examples\":1,\"allows_system_prompt\":true},"
        "\"poll_interval\":5,\"environment\":[\"ECHO_C_API_KEY\",\"ECHO_C_BASE_URL\"]}}}");
}

static int32_t echo_create_instance(const finetune_host_v1 *host, const char *config_json, void **instance, char **error_json) {
    if (host->abi_version != FINETUNE_PLUGIN_ABI_VERSION || host->struct_size < sizeof(finetune_host_v1)) {
        *error_json = error_document("plugin_abi", "the host does not offer plugin ABI 1 host services", 0, NULL, NULL);
        return FINETUNE_ERROR;
    }
    const char *environment = json_member(config_json, "environment");
    char *api_key = json_string(json_member(environment, "ECHO_C_API_KEY"));
    if (!api_key || !*api_key) {
        free(api_key);
        *error_json = error_document("configuration", "set ECHO_C_API_KEY to the echo API key", 0, "ECHO_C_API_KEY", NULL);
        return FINETUNE_ERROR;
    }
    char *base_url = json_string(json_member(environment, "ECHO_C_BASE_URL"));
    echo_instance *made = malloc(sizeof *made);
    made->host = host;
    made->api_key = api_key;
    made->base_url = base_url ? base_url : strdup(ECHO_DEFAULT_BASE_URL);
    *instance = made;
    return FINETUNE_OK;
}

static void echo_destroy_instance(void *instance) {
    echo_instance *echo = instance;
    free(echo->base_url);
    free(echo->api_key);
    free(echo);
}

static int32_t echo_create_job(void *instance, finetune_call *call, const char *request, char **out) {
    char *url = echo_url(instance, NULL, NULL, NULL);
    int32_t result = echo_send(instance, call, "POST", url, request, 0, out);
    free(url);
    return result;
}

/* get, cancel and events share one shape: an id read from object, a method, an optional path
 * suffix, and the paging members of list (NULL when there are none). */
static int32_t echo_job_call(void *instance, finetune_call *call, const char *object, const char *id_key,
                             const char *list, const char *method, const char *suffix, char **out) {
    char *id;
    if (required_string(object, id_key, &id, out) != FINETUNE_OK) return FINETUNE_ERROR;
    char *url = echo_url(instance, id, suffix, list);
    int32_t result = echo_send(instance, call, method, url, NULL, 1, out);
    free(url);
    free(id);
    return result;
}

static int32_t echo_get_job(void *instance, finetune_call *call, const char *request, char **out) {
    return echo_job_call(instance, call, request, "id", NULL, "GET", NULL, out);
}

static int32_t echo_cancel_job(void *instance, finetune_call *call, const char *request, char **out) {
    return echo_job_call(instance, call, request, "id", NULL, "POST", "cancel", out);
}

static int32_t echo_list_events(void *instance, finetune_call *call, const char *request, char **out) {
    const char *list = json_member(request, "list");
    return echo_job_call(instance, call, list, "job_id", list, "GET", "events", out);
}

static int32_t echo_list_jobs(void *instance, finetune_call *call, const char *request, char **out) {
    char *url = echo_url(instance, NULL, NULL, json_member(request, "list"));
    int32_t result = echo_send(instance, call, "GET", url, NULL, 1, out);
    free(url);
    return result;
}

static void echo_free_string(char *text) { free(text); }

static const finetune_plugin_table_v1 echo_table = {
    .abi_version = FINETUNE_PLUGIN_ABI_VERSION,
    .struct_size = sizeof(finetune_plugin_table_v1),
    .manifest = echo_manifest,
    .create_instance = echo_create_instance,
    .destroy_instance = echo_destroy_instance,
    .create_job = echo_create_job,
    .get_job = echo_get_job,
    .list_jobs = echo_list_jobs,
    .cancel_job = echo_cancel_job,
    .list_events = echo_list_events,
    .free_string = echo_free_string,
};

const finetune_plugin_table_v1 *finetune_plugin_v1(void) { return &echo_table; }
