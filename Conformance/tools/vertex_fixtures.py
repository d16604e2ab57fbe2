#!/usr/bin/env python3
"""Writes the conformance fixtures of the Vertex AI providers (vertex_ai: Gemini tuning on
/v1, model_garden: open models on /v1beta1): Conformance/Fixtures/<provider>/target.json,
train.jsonl, README.md and one HAR 1.2 file per scenario.

Shapes follow googleapis/googleapis aiplatform/{v1,v1beta1}/tuning_job.proto and job_state.proto,
python-genai tunings.py / errors.py and the real TuningJob capture in the project's provider
reference: int64 fields as JSON strings, empty fields omitted, cancel answered with `{}`, errors
as {"error":{code,message,status,details}}, project numbers scrubbed to `projects/PROJECT`,
Cloud Storage JSON API object resources for uploads. No network.

There is deliberately no quota_exceeded.har: Vertex answers every exhausted quota with
429 RESOURCE_EXHAUSTED, which Google's SDKs retry; see the README this script writes.

Run from anywhere: python3 Conformance/tools/vertex_fixtures.py
"""
import base64
import hashlib
import har_entries
import json
import os

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Fixtures")
TOKEN = "conformance-token"  # the client token the conformance runner puts on every create
BUCKET = "finetune-conformance"
PROJECT = "test-project"     # what the adapter sends (from GOOGLE_CLOUD_PROJECT)
LOCATION = "us-central1"
HOST = f"https://{LOCATION}-aiplatform.googleapis.com"
STARTED = "2026-11-21T12:00:00.000Z"


class Flavor:
    def __init__(self, provider, version, model, training_data, training_lines, jobs, invalid, options):
        self.provider = provider
        self.version = version
        self.model = model
        self.training_data = training_data
        self.training_lines = training_lines
        self.jobs = jobs
        self.invalid = invalid
        self.options = options

    def name(self, key):
        return f"projects/PROJECT/locations/{LOCATION}/tuningJobs/{self.jobs[key]}"

    def collection(self):
        return f"{HOST}/{self.version}/projects/{PROJECT}/locations/{LOCATION}/tuningJobs"


GEMINI_LINES = [
    {"systemInstruction": {"role": "system", "parts": [{"text": "You are a terse assistant that answers geography questions."}]},
     "contents": [{"role": "user", "parts": [{"text": question}]}, {"role": "model", "parts": [{"text": answer}]}]}
    for question, answer in [
        ("What is the capital of France?", "Paris."),
        ("What is the capital of Japan?", "Tokyo."),
        ("Which river flows through Cairo?", "The Nile."),
        ("What is the largest ocean?", "The Pacific."),
        ("Which country has the most people?", "India."),
    ]
]
# Preference pairs in Vertex's Gemini preference format (score 1 preferred, 0 dispreferred).
GEMINI_PREFERENCE_LINES = [
    {"systemInstruction": line["systemInstruction"],
     "contents": line["contents"][:1],
     "completions": [{"score": 1, "completion": line["contents"][1]},
                     {"score": 0, "completion": {"role": "model", "parts": [{"text": wordy}]}}]}
    for line, wordy in zip(GEMINI_LINES, [
        "The capital of France is the city of Paris, which is also its largest city.",
        "Japan's capital is Tokyo, a very large metropolitan area on Honshu.",
        "Cairo lies on the Nile, the longest river in Africa.",
        "The largest ocean on Earth is the Pacific Ocean.",
        "India is now the country with the largest population in the world."])
]
CHAT_LINES = [
    {"messages": [
        {"role": "system", "content": "You are a terse assistant that answers geography questions."},
        {"role": "user", "content": line["contents"][0]["parts"][0]["text"]},
        {"role": "assistant", "content": line["contents"][1]["parts"][0]["text"]}]}
    for line in GEMINI_LINES
]

VERTEX_AI = Flavor(
    "vertex_ai", "v1", "gemini-2.5-flash",
    "gs://cloud-samples-data/ai-platform/generative_ai/gemini-2_0/text/sft_train_data.jsonl", GEMINI_LINES,
    {"running": "6284765961371254784", "succeeded": "1402067540926005248", "failed": "7391045582139891712",
     "cancelled": "3918466212470751232", "unknown_state": "5536126848264142848", "cancel": "8130721059338764288",
     "not_found": "1111111111111111111", "page": ["2857399436012453888", "4473091170339946496", "6088782904667439104"]},
    {"adapter_size": 32}, None)
MODEL_GARDEN = Flavor(
    "model_garden", "v1beta1", "meta/llama3_1@llama-3.1-8b-instruct",
    f"gs://{BUCKET}/datasets/geography-chat.jsonl", CHAT_LINES,
    {"running": "2244668800224466880", "succeeded": "3355779911335577991", "failed": "4466880022446688002",
     "cancelled": "5577991133557799113", "unknown_state": "6688002244668800224", "cancel": "7799113355779911335",
     "not_found": "1111111111111111111", "page": ["8800224466880022446", "9911335577991133557", "1022446688002244668"]},
    {"learning_rate": 0.5}, {"tuning_mode": "peft_adapter"})


# ---------------------------------------------------------------------------------------------
# Resources

def tuning_spec(flavor, training_uri, *, epochs=3, echo=True):
    """supervisedTuningSpec as Vertex echoes it (defaults filled in, int64 as strings)."""
    hyper = {"epochCount": str(epochs) if echo else epochs}
    if flavor is VERTEX_AI:
        if echo:
            hyper.update({"learningRateMultiplier": 1, "adapterSize": "ADAPTER_SIZE_FOUR"})
        return {"trainingDatasetUri": training_uri, "hyperParameters": hyper}
    if echo:
        hyper.update({"learningRate": 0.0002, "adapterSize": "ADAPTER_SIZE_SIXTEEN"})
    return {"trainingDatasetUri": training_uri, "hyperParameters": hyper, "tuningMode": "TUNING_MODE_PEFT_ADAPTER"}


def output_uri():
    return f"gs://{BUCKET}/finetune-output/{TOKEN}"


def job(flavor, key, state, *, training_uri=None, created="2026-11-21T09:14:03.218447Z", started=None, ended=None,
        tuning_state=None, completed_epochs=None, completed_steps=None, tuned=None, error=None, stats=False, name=None):
    body = {
        "name": name or flavor.name(key),
        "tunedModelDisplayName": ("gemini-2.5-flash-" if flavor is VERTEX_AI else "llama-3.1-8b-instruct-") + (name or flavor.name(key))[-8:],
        "baseModel": flavor.model,
        "supervisedTuningSpec": tuning_spec(flavor, training_uri or flavor.training_data),
        "state": state,
        "createTime": created,
    }
    if started:
        body["startTime"] = started
    if ended:
        body["endTime"] = ended
    body["updateTime"] = ended or started or created
    if error:
        body["error"] = error
    if started and flavor is VERTEX_AI:
        body["experiment"] = f"projects/PROJECT/locations/{LOCATION}/metadataStores/default/contexts/tuning-experiment-20261121091403218447"
    if tuned:
        body["tunedModel"] = tuned
    if stats:
        body["tuningDataStats"] = {"supervisedTuningDataStats": {
            "tuningDatasetExampleCount": "500", "totalTuningCharacterCount": "1032886", "totalBillableTokenCount": "255243",
            "tuningStepCount": "75",
            "userInputTokenDistribution": {"sum": "233592", "min": 25, "max": 2932, "mean": 467.184, "median": 414,
                                           "p5": 101, "p95": 1016, "buckets": [{"count": 326, "left": 25, "right": 509},
                                                                               {"count": 174, "left": 509, "right": 2932}]},
            "userOutputTokenDistribution": {"sum": "21651", "min": 3, "max": 198, "mean": 43.302, "median": 39,
                                            "p5": 12, "p95": 88, "buckets": [{"count": 500, "left": 3, "right": 198}]},
        }}
    if flavor is MODEL_GARDEN:
        body["outputUri"] = output_uri()
        if tuning_state:
            body["tuningJobState"] = tuning_state
        if completed_epochs is not None:
            body["tuningJobMetadata"] = {"completedEpochCount": str(completed_epochs), "completedStepCount": str(completed_steps)}
    body["labels"] = {"finetune-client-token": TOKEN}
    return body


def tuned_model(flavor, key):
    model = f"projects/PROJECT/locations/{LOCATION}/models/{flavor.jobs[key][:9]}0926005248@1"
    endpoint = f"projects/PROJECT/locations/{LOCATION}/endpoints/{flavor.jobs[key][:9]}5212456789"
    if flavor is MODEL_GARDEN:
        return {"model": model, "checkpoints": [
            {"checkpointId": "1", "epoch": "1", "step": "25"},
            {"checkpointId": "2", "epoch": "2", "step": "50"},
            {"checkpointId": "3", "epoch": "3", "step": "75"}]}
    return {"model": model, "endpoint": endpoint, "checkpoints": [
        {"checkpointId": "1", "epoch": "1", "step": "25", "endpoint": endpoint.replace("5212456789", "5212456701")},
        {"checkpointId": "2", "epoch": "2", "step": "50", "endpoint": endpoint.replace("5212456789", "5212456702")},
        {"checkpointId": "3", "epoch": "3", "step": "75", "endpoint": endpoint}]}


def api_error(code, status, message, violations=()):
    error = {"code": code, "message": message, "status": status}
    if violations:
        error["details"] = [{"@type": "type.googleapis.com/google.rpc.BadRequest",
                             "fieldViolations": [{"field": f, "description": d} for f, d in violations]}]
    return {"error": error}


def crc32c(data):
    crc = 0xFFFFFFFF
    for byte in data:
        crc ^= byte
        for _ in range(8):
            crc = (crc >> 1) ^ (0x82F63B78 if crc & 1 else 0)
    return (crc ^ 0xFFFFFFFF).to_bytes(4, "big")


def storage_object(name, data):
    generation = "1763716443218447"
    quoted = name.replace("/", "%2F")
    return {
        "kind": "storage#object",
        "id": f"{BUCKET}/{name}/{generation}",
        "selfLink": f"https://www.googleapis.com/storage/v1/b/{BUCKET}/o/{quoted}",
        "mediaLink": f"https://storage.googleapis.com/download/storage/v1/b/{BUCKET}/o/{quoted}?generation={generation}&alt=media",
        "name": name, "bucket": BUCKET, "generation": generation, "metageneration": "1",
        "contentType": "application/jsonl", "storageClass": "STANDARD", "size": str(len(data)),
        "md5Hash": base64.b64encode(hashlib.md5(data).digest()).decode(),
        "crc32c": base64.b64encode(crc32c(data)).decode(),
        "etag": "CI/k+5PWqJEDEAE=",
        "timeCreated": "2026-11-21T09:14:03.221Z", "updated": "2026-11-21T09:14:03.221Z",
        "timeStorageClassUpdated": "2026-11-21T09:14:03.221Z", "timeFinalized": "2026-11-21T09:14:03.221Z",
    }


# ---------------------------------------------------------------------------------------------
# HAR assembly

def response_headers(status, storage=False, extra=()):
    headers = [("Content-Type", "application/json; charset=UTF-8"), ("Vary", "Origin"), ("Vary", "X-Origin"),
               ("Vary", "Referer"), ("Date", "Sat, 21 Nov 2026 12:00:00 GMT")]
    if storage:
        headers += [("X-GUploader-UploadID", "ABgVH8-REDACTED"), ("Server", "UploadServer")]
    else:
        headers += [("Server", "scaffolding on HTTPServer2"), ("X-XSS-Protection", "0"), ("X-Frame-Options", "SAMEORIGIN"),
                    ("X-Content-Type-Options", "nosniff")]
    if status == 401:
        headers.append(("WWW-Authenticate", 'Bearer realm="https://accounts.google.com/", error="invalid_token"'))
    return headers + [("Alt-Svc", 'h3=":443"; ma=2592000,h3-29=":443"; ma=2592000')] + list(extra)


def entry(method, url, status, body, *, json_body=None, text_body=None, storage=False, extra_headers=(), raw_text=None):
    headers = [("Authorization", "Bearer REDACTED"), ("Accept", "application/json")]
    request_body, body_size = None, 0
    if json_body is not None:
        headers.append(("Content-Type", "application/json"))
        request_body, body_size = har_entries.post_data("application/json", har_entries.json_text(json_body))
    if text_body is not None:
        headers.append(("Content-Type", "application/jsonl"))
        request_body, body_size = har_entries.post_data("application/jsonl", text_body)
    text = raw_text if raw_text is not None else json.dumps(body, indent=2)
    return har_entries.exchange(
        method, url, headers, status, response_headers(status, storage, extra_headers), text,
        body=request_body, body_size=body_size, started=STARTED, time=180, wait=177)


def har(entries):
    return har_entries.archive(entries, "vertex_fixtures.py")


# ---------------------------------------------------------------------------------------------
# Scenarios

def create_body(flavor, training_uri, hyper):
    spec = {"trainingDatasetUri": training_uri, "hyperParameters": hyper}
    if flavor is MODEL_GARDEN:
        spec["tuningMode"] = "TUNING_MODE_PEFT_ADAPTER"
    body = {"baseModel": flavor.model, "supervisedTuningSpec": spec, "labels": {"finetune-client-token": TOKEN}}
    if flavor is MODEL_GARDEN:
        body["outputUri"] = output_uri()
    return body


def scenarios(flavor):
    v = flavor.version

    def job_url(key, suffix=""):
        return f"{HOST}/{v}/{flavor.name(key)}{suffix}"

    def get(key, body, status=200, **extra):
        return entry("GET", job_url(key), status, body, **extra)

    running = job(flavor, "running", "JOB_STATE_RUNNING", started="2026-11-21T09:14:31.888568Z",
                  tuning_state="TUNING_JOB_STATE_TUNING", completed_epochs=1, completed_steps=31, stats=True)
    created = job(flavor, "running", "JOB_STATE_PENDING", name=flavor.name("running"))
    created.pop("updateTime")
    created["updateTime"] = created["createTime"]
    if flavor is MODEL_GARDEN:
        created["tuningJobState"] = "TUNING_JOB_STATE_WAITING_FOR_QUOTA"
    succeeded = job(flavor, "succeeded", "JOB_STATE_SUCCEEDED", started="2026-11-21T09:14:31.888568Z",
                    ended="2026-11-21T10:02:47.139132Z", tuned=tuned_model(flavor, "succeeded"), stats=True,
                    completed_epochs=3, completed_steps=75)
    failed = job(flavor, "failed", "JOB_STATE_FAILED", started="2026-11-21T09:14:31.888568Z",
                 ended="2026-11-21T09:40:37.139132Z", stats=True,
                 error={"code": 13, "message": "Failed to create endpoint. Tuned model is uploaded and can be accessed through Model Registry."})
    cancelled = job(flavor, "cancelled", "JOB_STATE_CANCELLED", started="2026-11-21T09:14:31.888568Z",
                    ended="2026-11-21T09:20:12.503114Z", error={"code": 1, "message": "CANCELED"})
    cancelling = job(flavor, "cancel", "JOB_STATE_CANCELLING", started="2026-11-21T09:14:31.888568Z")
    unknown = job(flavor, "unknown_state", "JOB_STATE_PARTIALLY_SUCCEEDED", started="2026-11-21T09:14:31.888568Z",
                  ended="2026-11-21T10:02:47.139132Z")
    page_jobs = [job(flavor, None, state, name=f"projects/PROJECT/locations/{LOCATION}/tuningJobs/{number}",
                     started="2026-11-20T16:02:10.120034Z" if state != "JOB_STATE_PENDING" else None,
                     ended="2026-11-20T17:31:55.902311Z" if state == "JOB_STATE_SUCCEEDED" else None)
                 for number, state in zip(flavor.jobs["page"], ["JOB_STATE_PENDING", "JOB_STATE_RUNNING", "JOB_STATE_SUCCEEDED"])]

    training = "".join(json.dumps(line) + "\n" for line in flavor.training_lines)
    staged_object = f"finetune-staging/{TOKEN}/training-train.jsonl"
    staged_uri = f"gs://{BUCKET}/{staged_object}"
    uploaded = job(flavor, "running", "JOB_STATE_PENDING", training_uri=staged_uri)
    uploaded["updateTime"] = uploaded["createTime"]

    invalid_hyper = {"adapterSize": "ADAPTER_SIZE_THIRTY_TWO"} if flavor is VERTEX_AI else {"learningRate": 0.5}
    invalid_field, invalid_text = (
        ("tuning_job.supervised_tuning_spec.hyper_parameters.adapter_size", "The adapter size is not supported for this base model.")
        if flavor is VERTEX_AI else
        ("tuning_job.supervised_tuning_spec.hyper_parameters.learning_rate", "Learning rate must be in the range (0, 0.01] for this base model."))

    return {
        "create": [entry("POST", flavor.collection(), 200, created, json_body=create_body(flavor, flavor.training_data, {"epochCount": 3}))],
        "get_running": [get("running", running)],
        "get_succeeded": [get("succeeded", succeeded)],
        "get_failed": [get("failed", failed)],
        "get_cancelled": [get("cancelled", cancelled)],
        "list_pages": [
            entry("GET", flavor.collection() + "?pageSize=2", 200,
                  {"tuningJobs": page_jobs[:2], "nextPageToken": "Cg0KCzg4MDAyMjQ0NjYQAg"}),
            entry("GET", flavor.collection() + "?pageSize=2&pageToken=Cg0KCzg4MDAyMjQ0NjYQAg", 200, {"tuningJobs": page_jobs[2:]}),
        ],
        "cancel": [
            entry("POST", job_url("cancel", ":cancel"), 200, {}, json_body={}),
            get("cancel", cancelling),
        ],
        "invalid_hyperparameter": [entry(
            "POST", flavor.collection(), 400,
            api_error(400, "INVALID_ARGUMENT", "Request contains an invalid argument.", [(invalid_field, invalid_text)]),
            json_body=create_body(flavor, flavor.training_data, invalid_hyper))],
        "unauthorized": [get("running", api_error(
            401, "UNAUTHENTICATED",
            "Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project."),
            status=401)],
        "not_found": [get("not_found", [api_error(404, "NOT_FOUND", f"The TuningJob {flavor.name('not_found')} does not exist.")], status=404)],
        "rate_limited_retry": [
            get("running", api_error(
                429, "RESOURCE_EXHAUSTED",
                "Resource exhausted. Please try again later. Please refer to https://cloud.google.com/vertex-ai/generative-ai/docs/error-code-429 for more details."),
                status=429, extra_headers=[("Retry-After", "7")]),
            get("running", running),
        ],
        "unavailable_retry": [
            get("running", api_error(503, "UNAVAILABLE", "The service is currently unavailable."), status=503),
            get("running", running),
        ],
        "malformed_response": [get("running", None, raw_text=json.dumps(running, indent=2)[:300])],
        "unknown_state": [get("unknown_state", unknown)],
        "checkpoints": [get("succeeded", succeeded)],
        "file_upload": [
            entry("POST", f"https://storage.googleapis.com/upload/storage/v1/b/{BUCKET}/o?uploadType=media&name={staged_object}", 200,
                  storage_object(staged_object, training.encode()), text_body=training, storage=True),
            entry("POST", flavor.collection(), 200, uploaded, json_body=create_body(flavor, staged_uri, {"epochCount": 3})),
        ],
    }, training


def preference_scenario():
    """create_dpo (vertex_ai only): stage the preference file, then create a job whose
    preferenceOptimizationSpec carries beta among the hyperParameters (v1 TuningJob)."""
    text = "".join(json.dumps(line) + "\n" for line in GEMINI_PREFERENCE_LINES)
    staged_object = f"finetune-staging/{TOKEN}/training-preference.jsonl"
    staged_uri = f"gs://{BUCKET}/{staged_object}"
    name = f"projects/PROJECT/locations/{LOCATION}/tuningJobs/2735109284619812864"
    spec = {"trainingDatasetUri": staged_uri, "hyperParameters": {
        "epochCount": "2", "beta": 0.1, "learningRateMultiplier": 1, "adapterSize": "ADAPTER_SIZE_FOUR"}}
    created = {("preferenceOptimizationSpec" if key == "supervisedTuningSpec" else key): (spec if key == "supervisedTuningSpec" else value)
               for key, value in job(VERTEX_AI, None, "JOB_STATE_PENDING", name=name).items()}
    body = {"baseModel": VERTEX_AI.model,
            "preferenceOptimizationSpec": {"trainingDatasetUri": staged_uri, "hyperParameters": {"epochCount": 2, "beta": 0.1}},
            "labels": {"finetune-client-token": TOKEN}}
    return [
        entry("POST", f"https://storage.googleapis.com/upload/storage/v1/b/{BUCKET}/o?uploadType=media&name={staged_object}", 200,
              storage_object(staged_object, text.encode()), text_body=text, storage=True),
        entry("POST", VERTEX_AI.collection(), 200, created, json_body=body),
    ], text


def form_entry(url, form, status, body):
    """A token-endpoint exchange: a form POST answered with Google's OAuth JSON."""
    from urllib.parse import urlencode
    request_body, body_size = har_entries.post_data("application/x-www-form-urlencoded", urlencode(form))
    headers = [("Content-Type", "application/x-www-form-urlencoded"), ("Accept", "application/json")]
    response_headers = [
        ("Content-Type", "application/json; charset=utf-8"), ("Cache-Control", "no-cache, no-store, max-age=0, must-revalidate"),
        ("Pragma", "no-cache"), ("Date", "Sat, 21 Nov 2026 12:00:00 GMT"), ("Server", "scaffolding on HTTPServer2")]
    return har_entries.exchange(
        "POST", url, headers, status, response_headers, json.dumps(body, indent=2),
        body=request_body, body_size=body_size, started=STARTED, time=95, wait=93)


# The authorized-user file the credential tests write (test values, no real secret).
AUTHORIZED_USER = {"client_id": "764086051850-6qr4p6gpi6hn506pt8ejuq83di341hur.apps.googleusercontent.com",
                   "client_secret": "test-client-secret", "refresh_token": "1//test-refresh-token"}


def credential_flows():
    """Token exchanges followed by the call they authorize (vertex_ai get of jobs.running)."""
    running = scenarios(VERTEX_AI)[0]["get_running"][0]
    # As the HAR recorder writes it: the secret and the refresh token scrubbed.
    refresh_form = [("grant_type", "refresh_token"), ("client_id", AUTHORIZED_USER["client_id"]),
                    ("client_secret", "REDACTED"), ("refresh_token", "REDACTED")]
    metadata = entry("GET", "http://metadata.google.internal/computeMetadata/v1/instance/service-accounts/default/token", 200,
                     {"access_token": "ya29.c.metadata-token", "expires_in": 3599, "token_type": "Bearer"})
    metadata["request"]["headers"] = [{"name": "Metadata-Flavor", "value": "Google"}, {"name": "Accept", "value": "application/json"}]
    metadata["response"]["headers"] = [{"name": n, "value": v} for n, v in [
        ("Metadata-Flavor", "Google"), ("Content-Type", "application/json"), ("Date", "Sat, 21 Nov 2026 12:00:00 GMT"),
        ("Server", "Metadata Server for VM"), ("X-XSS-Protection", "0"), ("X-Frame-Options", "SAMEORIGIN")]]
    return {
        "authorized_user": [form_entry("https://oauth2.googleapis.com/token", refresh_form, 200, {
            "access_token": "ya29.a0-authorized-user-token", "expires_in": 3599,
            "scope": "https://www.googleapis.com/auth/cloud-platform openid https://www.googleapis.com/auth/userinfo.email",
            "token_type": "Bearer"}), running],
        "refresh_refused": [form_entry("https://oauth2.googleapis.com/token", refresh_form, 400, {
            "error": "invalid_grant", "error_description": "Token has been expired or revoked."})],
        "metadata_server": [metadata, running],
    }


NO_HARD_QUOTA_429 = (
    "Vertex AI has no non-retryable 429: every exhausted quota is a retryable 429 RESOURCE_EXHAUSTED "
    "(covered by rate_limited_retry), and the tuning-job quota makes a job wait in TUNING_JOB_STATE_WAITING_FOR_QUOTA")


def target(flavor):
    document = {
        "environment": {"VERTEX_ACCESS_TOKEN": "test-token", "GOOGLE_CLOUD_PROJECT": PROJECT, "GOOGLE_CLOUD_LOCATION": LOCATION,
                        "VERTEX_AI_STAGING_BUCKET": f"gs://{BUCKET}",
                        "VERTEX_AI_BASE_URL": f"https://{LOCATION}-aiplatform.googleapis.com",
                        "VERTEX_AI_STORAGE_BASE_URL": "https://storage.googleapis.com"},
        # Live mode points both hosts at servers on 127.0.0.1 (Conformance/README.md).
        "loopback": ["VERTEX_AI_BASE_URL", "VERTEX_AI_STORAGE_BASE_URL"],
        "model": flavor.model,
        "training_data": flavor.training_data,
        "invalid_hyperparameters": flavor.invalid,
        "jobs": {key: f"projects/PROJECT/locations/{LOCATION}/tuningJobs/{value}" for key, value in flavor.jobs.items() if key != "page"},
        "list_total": 3,
        "list_page_limit": 2,
        "local_training_file": "train.jsonl",
        "not_applicable": {"quota_exceeded": NO_HARD_QUOTA_429},
    }
    if flavor.options:
        document["create_options"] = flavor.options
    if flavor is VERTEX_AI:
        document["local_preference_file"] = "preference.jsonl"
    return document


README = """# Vertex AI fixtures ({provider})

Written by `Conformance/tools/vertex_fixtures.py` (run it again after changing it; do not edit the
files by hand). Shapes: aiplatform {version} `TuningJob` (int64 as strings, empty fields omitted,
`{{}}` for cancel and for an empty list page), Google error bodies, Cloud Storage object resources;
project numbers are scrubbed to `projects/PROJECT`. `credentials/` (vertex_ai only) holds the
token-endpoint and metadata-server exchanges the credential tests replay, with test values only.

## No `quota_exceeded.har`

Vertex AI has no non-retryable 429. Every exhausted quota or rate limit is answered with
`429 RESOURCE_EXHAUSTED` ("Resource exhausted. Please try again later."), which Google's own SDKs
(python-genai's retry options: 408/429/500/502/503/504) retry with backoff, and the concurrent
tuning-job quota does not fail a create at all: the job waits in `JOB_STATE_PENDING` with
`tuningJobState: TUNING_JOB_STATE_WAITING_FOR_QUOTA`. A fixture with a quota 429 that must not be
retried would be one Vertex never sends, so there is none: `target.json` declares the required
`quota_exceeded` scenario not applicable (the one scenario the contract lets a provider declare so),
and the suite reports it skipped with that reason. The retryable 429 is covered by
`rate_limited_retry.har`.

## No `events.har`

Vertex has no events endpoint and reports no training metrics (loss) on the job, so the providers
do not declare the `events` capability; progress is read from `tuningJobMetadata` into the job's
`progress`. Checkpoints come from `tunedModel.checkpoints` (`checkpoints.har`).
"""


def main():
    for flavor in (VERTEX_AI, MODEL_GARDEN):
        folder = os.path.join(ROOT, flavor.provider)
        os.makedirs(folder, exist_ok=True)
        all_scenarios, training = scenarios(flavor)
        for scenario, entries in all_scenarios.items():
            with open(os.path.join(folder, scenario + ".har"), "w") as f:
                json.dump(har(entries), f, indent=2)
                f.write("\n")
        with open(os.path.join(folder, "target.json"), "w") as f:
            json.dump(target(flavor), f, indent=2)
            f.write("\n")
        with open(os.path.join(folder, "train.jsonl"), "w") as f:
            f.write(training)
        with open(os.path.join(folder, "README.md"), "w") as f:
            f.write(README.format(provider=flavor.provider, version=flavor.version))
    entries, text = preference_scenario()
    folder = os.path.join(ROOT, VERTEX_AI.provider)
    with open(os.path.join(folder, "preference.jsonl"), "w") as f:
        f.write(text)
    with open(os.path.join(folder, "create_dpo.har"), "w") as f:
        json.dump(har(entries), f, indent=2)
        f.write("\n")
    # Credential flows, replayed by Tests/FineTuningVertexTests (not conformance scenarios).
    folder = os.path.join(ROOT, VERTEX_AI.provider, "credentials")
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "authorized_user.json"), "w") as f:
        json.dump(dict(type="authorized_user", **AUTHORIZED_USER), f, indent=2)
        f.write("\n")
    for flow, entries in credential_flows().items():
        with open(os.path.join(folder, flow + ".har"), "w") as f:
            json.dump(har(entries), f, indent=2)
            f.write("\n")


if __name__ == "__main__":
    main()
