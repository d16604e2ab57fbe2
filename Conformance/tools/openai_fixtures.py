#!/usr/bin/env python3
"""Writes the conformance fixtures of the OpenAI-style providers (openai, azure,
openai_compatible): Conformance/Fixtures/<provider>/target.json, train.jsonl and one HAR 1.2
file per scenario.

Response shapes follow OpenAI's OpenAPI spec and SDK types (null fields, an `error` object of
nulls or `{}` on jobs that did not fail, unix-second timestamps) and Azure OpenAI's 2024-10-21
REST examples (201 on create with Location, `pending` state, `organisation_id`, event level
`warning`, `{"error":{"code","message","target"}}` errors). Secrets are scrubbed. No network.

Run from anywhere: python3 Conformance/tools/openai_fixtures.py
"""
import hashlib
import har_entries
import json
import os

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Fixtures")
TOKEN = "conformance-token"  # the client token the conformance runner puts on every create
MODEL = "gpt-4o-mini-2024-07-18"
STARTED = "2026-11-21T12:00:00.000Z"

TRAINING_LINES = [
    {"messages": [
        {"role": "system", "content": "Marv is a factual chatbot that is also sarcastic."},
        {"role": "user", "content": question},
        {"role": "assistant", "content": answer}]}
    for question, answer in [
        ("What's the capital of France?", "Paris, as if everyone doesn't know that already."),
        ("Who wrote 'Romeo and Juliet'?", "Oh, just some guy named William Shakespeare. Ever heard of him?"),
        ("How far is the Moon from Earth?", "Around 384,400 kilometers. Give or take a few, like that really matters."),
        ("What's the boiling point of water?", "100 degrees Celsius at sea level. Groundbreaking, I know."),
        ("How many legs does a spider have?", "Eight. Count them yourself if you don't believe me."),
        ("What is the largest ocean?", "The Pacific. It's the big wet thing on the map."),
        ("Who painted the Mona Lisa?", "Leonardo da Vinci, in between inventing half of everything else."),
        ("What's 2 plus 2?", "Four. Try to keep up."),
        ("What gas do plants absorb?", "Carbon dioxide. They're better at breathing than some people."),
        ("How many continents are there?", "Seven, unless you ask someone who likes arguing."),
    ]
]

# Preference (DPO) pairs in OpenAI's preference format: the sarcastic answer is preferred.
PREFERENCE_LINES = [
    {"input": {"messages": [{"role": "system", "content": line["messages"][0]["content"]},
                            {"role": "user", "content": line["messages"][1]["content"]}]},
     "preferred_output": [{"role": "assistant", "content": line["messages"][2]["content"]}],
     "non_preferred_output": [{"role": "assistant", "content": plain}]}
    for line, plain in zip(TRAINING_LINES, [
        "Paris.", "William Shakespeare.", "About 384,400 kilometers.", "100 degrees Celsius at sea level.", "Eight.",
        "The Pacific Ocean.", "Leonardo da Vinci.", "Four.", "Carbon dioxide.", "Seven."])
]


class Flavor:
    """What differs per provider: URLs, headers, job shape, error bodies."""

    def __init__(self, provider, base, query, environment, training_file, job_prefix, created_status):
        self.provider = provider
        self.base = base
        self.query = query
        self.environment = environment
        self.training_file = training_file
        self.job_prefix = job_prefix
        self.created_status = created_status

    def url(self, path, **params):
        items = [(k, v) for k, v in params.items() if v is not None]
        items += self.query
        text = self.base + path
        if items:
            text += "?" + "&".join(f"{k}={v}" for k, v in items)
        return text

    def job_id(self, name):
        return self.job_prefix + name


OPENAI = Flavor(
    "openai", "https://api.openai.com/v1", [],
    {"OPENAI_API_KEY": "sk-test", "OPENAI_BASE_URL": "https://api.openai.com/v1"},
    "file-RCnFCYRhFDcq1aHxiYkBHw", "ftjob-", "validating_files")
AZURE = Flavor(
    "azure", "https://my-resource.openai.azure.com/openai", [("api-version", "2024-10-21")],
    {"AZURE_OPENAI_ENDPOINT": "https://my-resource.openai.azure.com", "AZURE_OPENAI_API_KEY": "azure-test-key"},
    "file-181a1cbdcdcf4677ada87f63a0928099", "ftjob-", "pending")
COMPATIBLE = Flavor(
    "openai_compatible", "http://127.0.0.1:8000/v1", [],
    {"OPENAI_COMPATIBLE_BASE_URL": "http://127.0.0.1:8000/v1"},
    "file-7f3c2a9e51d84b0c", "ftjob-", "queued")

JOB_NAMES = {
    "openai": {"running": "Ra1vQ9ZkLmXc2Tn8Ye4Wb7Pd", "succeeded": "S7hKp2VxNq4Lz8Rt1Mw3Yc6B", "failed": "Fx3Qw8Tn1Lp6Vk2Zr9Ys4Hm",
               "cancelled": "Cq5Zt2Wm8Nr1Kx7Vp3Ly6Gd", "unknown_state": "U9kRw3Xp7Mq2Nt5Lz8Vb1Hc", "cancel": "Kc8Vn3Rq6Xm1Tz4Lw7Pb2Yd",
               "not_found": "Nz0Missing000000000000000", "pause": "Pw4Lm9Xq2Rk7Vt1Nz6Yb3Hc", "created": "Nw2Jq7Lx4Rv9Tk1Pz6Mb8Yc",
               "uploaded": "Up6Rk1Xw8Lq3Vn7Tz2Mb5Yd", "list1": "L1aQ7Xp3Rm9Vt2Nz5Kb8Wc", "list2": "L2bR8Yq4Sn1Wu3Pa6Lc9Xd",
               "list3": "L3cS9Zr5To2Xv4Qb7Md1Ye"},
}
# Azure job ids are 32 hex digits.
JOB_NAMES["azure"] = {k: hashlib.md5(v.encode()).hexdigest() for k, v in JOB_NAMES["openai"].items()}
JOB_NAMES["openai_compatible"] = {k: v[:12].lower() for k, v in JOB_NAMES["openai"].items()}


# ---------------------------------------------------------------------------------------------
# Response bodies

def hyperparameters(flavor, epochs):
    if flavor is AZURE:
        return {"n_epochs": epochs if epochs != "auto" else -1, "batch_size": 1 if epochs != "auto" else -1,
                "learning_rate_multiplier": 1.0 if epochs != "auto" else -1}
    return {"batch_size": "auto" if epochs == "auto" else 1, "learning_rate_multiplier": "auto" if epochs == "auto" else 1.8,
            "n_epochs": epochs}


def job(flavor, name, status, *, epochs=3, fine_tuned_model=None, finished_at=None, trained_tokens=None,
        error="nulls", estimated_finish=None, training_file=None, metadata=False):
    """A job object as the flavor sends it; `metadata` marks a job made by the conformance create
    (it carries the client token)."""
    job_id = flavor.job_id(JOB_NAMES[flavor.provider][name])
    created = 1763712000 + 60 * sorted(JOB_NAMES["openai"]).index(name)
    training_file = training_file or flavor.training_file
    if flavor is AZURE:
        body = {
            "hyperparameters": hyperparameters(flavor, epochs), "status": status, "model": MODEL,
            "fine_tuned_model": fine_tuned_model, "training_file": training_file, "validation_file": None,
            "result_files": ["file-" + JOB_NAMES["azure"][name][:32]] if status == "succeeded" else [],
            "finished_at": finished_at, "trained_tokens": trained_tokens, "estimated_finish": estimated_finish,
            "seed": 1836594011, "suffix": None, "organisation_id": None, "integrations": [],
            "id": job_id, "created_at": created, "object": "fine_tuning.job",
        }
        if error is not None and error != "nulls":
            body["error"] = error
        return body
    err = {"code": None, "message": None, "param": None} if error == "nulls" else error
    body = {
        "object": "fine_tuning.job", "id": job_id, "model": MODEL, "created_at": created,
        "error": err, "fine_tuned_model": fine_tuned_model, "finished_at": finished_at,
        "hyperparameters": hyperparameters(flavor, epochs),
        "organization_id": "org-REDACTED", "result_files": ["file-" + JOB_NAMES["openai"][name]] if status == "succeeded" else [],
        "seed": 1836594011, "status": status, "trained_tokens": trained_tokens, "training_file": training_file,
        "validation_file": None, "estimated_finish": estimated_finish, "integrations": [], "user_provided_suffix": None,
        "metadata": {"finetune-client-token": TOKEN} if metadata else None,
        "method": {"type": "supervised", "supervised": {"hyperparameters": hyperparameters(flavor, epochs)}},
        "usage_metrics": None, "shared_with_openai": False,
    }
    if flavor is COMPATIBLE:
        # A compatible server implements the documented fields only.
        for key in ("usage_metrics", "shared_with_openai", "user_provided_suffix"):
            del body[key]
        body["organization_id"] = "local"
    return body


def api_error(flavor, status, *, message, code=None, kind=None, param=None):
    if flavor is AZURE:
        body = {"code": code, "message": message}
        if param:
            body["target"] = param
        if code == "invalidPayload":
            body["details"] = []
            body["innererror"] = {"code": "invalidPayload"}
        return {"error": body}
    if flavor is COMPATIBLE and status == 404:
        return {"error": {"message": message, "type": "invalid_request_error", "param": param, "code": code}}
    return {"error": {"message": message, "type": kind, "param": param, "code": code}}


# ---------------------------------------------------------------------------------------------
# HAR assembly

REQUEST_IDS = iter(f"{n:032x}" for n in range(0x5e1d0c7a90b24f6c8d3e7a1b2c4d6e8f, 0x5e1d0c7a90b24f6c8d3e7a1b2c4d6fff))


def response_headers(flavor, status, extra=()):
    request_id = next(REQUEST_IDS)
    if flavor is AZURE:
        headers = [
            ("Content-Type", "application/json; charset=utf-8"),
            ("apim-request-id", f"{request_id[:8]}-{request_id[8:12]}-{request_id[12:16]}-{request_id[16:20]}-{request_id[20:]}"),
            ("Strict-Transport-Security", "max-age=31536000; includeSubDomains; preload"),
            ("x-content-type-options", "nosniff"),
            ("x-ms-region", "Sweden Central"),
            ("Date", "Sat, 21 Nov 2026 12:00:00 GMT"),
        ]
    elif flavor is COMPATIBLE:
        headers = [
            ("date", "Sat, 21 Nov 2026 12:00:00 GMT"),
            ("server", "uvicorn"),
            ("content-type", "application/json"),
            ("x-request-id", request_id),
        ]
    else:
        headers = [
            ("date", "Sat, 21 Nov 2026 12:00:00 GMT"),
            ("content-type", "application/json"),
            ("openai-version", "2020-10-01"),
            ("openai-organization", "user-REDACTED"),
            ("x-request-id", "req_" + request_id),
            ("openai-processing-ms", "87"),
            ("strict-transport-security", "max-age=31536000; includeSubDomains; preload"),
            ("cf-cache-status", "DYNAMIC"),
            ("x-content-type-options", "nosniff"),
            ("server", "cloudflare"),
            ("cf-ray", request_id[:16] + "-AMS"),
            ("alt-svc", 'h3=":443"; ma=86400'),
        ]
    return headers + list(extra)


def request_headers(flavor, json_body):
    headers = []
    if flavor is AZURE:
        headers.append(("api-key", "REDACTED"))
    elif flavor is OPENAI:
        headers.append(("Authorization", "Bearer REDACTED"))
    headers.append(("Accept", "application/json"))
    if json_body:
        headers.append(("Content-Type", "application/json"))
    return headers


def entry(flavor, method, url, status, body, *, json_body=None, multipart=None, extra_headers=(), raw_text=None):
    request_body, body_size = None, 0
    if json_body is not None:
        request_body, body_size = har_entries.post_data("application/json", har_entries.json_text(json_body))
    if multipart is not None:
        request_body, body_size = {"mimeType": "multipart/form-data", "params": multipart}, -1
    text = raw_text if raw_text is not None else json.dumps(body, indent=2)
    return har_entries.exchange(
        method, url, request_headers(flavor, json_body is not None), status, response_headers(flavor, status, extra_headers), text,
        body=request_body, body_size=body_size, started=STARTED, time=120, wait=118)


def har(entries):
    return har_entries.archive(entries, "openai_fixtures.py")


# ---------------------------------------------------------------------------------------------
# Scenarios

def create_body(flavor, training_file, native):
    body = {"model": MODEL, "training_file": training_file}
    if flavor is AZURE:
        body["hyperparameters"] = native
    else:
        body["method"] = {"type": "supervised", "supervised": {"hyperparameters": native}}
        body["metadata"] = {"finetune-client-token": TOKEN}
    return body


def created_status(flavor):
    return 201 if flavor is AZURE else 200


def scenarios(flavor):
    names = JOB_NAMES[flavor.provider]
    jobs_url = flavor.url("/fine_tuning/jobs")

    def job_url(name, suffix="", **params):
        return flavor.url(f"/fine_tuning/jobs/{flavor.job_id(names[name])}{suffix}", **params)

    def get(name, status, body, **extra):
        return entry(flavor, "GET", job_url(name), status, body, **extra)

    def location(name):
        return [("Location", flavor.base + "/fine_tuning/jobs/" + flavor.job_id(names[name]))] if flavor is AZURE else []

    running = job(flavor, "running", "running", estimated_finish=1763719200)
    succeeded_model = {
        "openai": f"ft:{MODEL}:personal::{names['succeeded'][:8]}",
        "azure": f"{MODEL}.ft-{names['succeeded']}",
        "openai_compatible": f"ft:{MODEL}:local::{names['succeeded'][:8]}",
    }[flavor.provider]
    failed_error = ({"code": "jsonlValidationFailed", "message": "Training file validation failed: line 7 is not valid JSON.", "target": "training_file"}
                    if flavor is AZURE else
                    {"code": "invalid_training_file", "message": "The job failed due to an invalid training file. Expected file to have JSONL format, where every line is a valid JSON dictionary. Line 7 is not a dictionary.", "param": "training_file"})
    quota = (api_error(flavor, 429, code="quotaExceeded", message="Operation failed: the number of concurrent fine-tuning jobs has reached the quota of this resource.")
             if flavor is AZURE else
             api_error(flavor, 429, code="insufficient_quota", kind="insufficient_quota",
                       message="You exceeded your current quota, please check your plan and billing details. For more information on this error, read the docs: https://platform.openai.com/docs/guides/error-codes/api-errors."))
    rate_limited = (api_error(flavor, 429, code="tooManyRequests", message="Requests to the fine-tuning API have exceeded the call rate limit of your resource. Please retry after 2 seconds.")
                    if flavor is AZURE else
                    api_error(flavor, 429, code="rate_limit_exceeded", kind="requests",
                              message="Rate limit reached for requests. Please try again in 2s."))
    unavailable = (api_error(flavor, 503, code="serviceUnavailable", message="The service is currently not available. Please retry.")
                   if flavor is AZURE else
                   api_error(flavor, 503, kind="server_error", message="The server is overloaded or not ready yet."))
    unauthorized = (api_error(flavor, 401, code="401", message="Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key for an active subscription and use a correct regional API endpoint for your resource.")
                    if flavor is AZURE else
                    api_error(flavor, 401, code="invalid_api_key", kind="invalid_request_error",
                              message="Incorrect API key provided: sk-test. You can find your API key at https://platform.openai.com/account/api-keys."))
    not_found_id = flavor.job_id(names["not_found"])
    not_found = (api_error(flavor, 404, code="notFound", message=f"The specified fine tuning job '{not_found_id}' could not be found.")
                 if flavor is AZURE else
                 api_error(flavor, 404, kind="invalid_request_error", code="fine_tuning_job_not_found" if flavor is COMPATIBLE else None,
                           param="fine_tuning_job_id", message=f"Could not find fine-tuning job: {not_found_id}."))
    invalid_param = "hyperparameters.learning_rate_multiplier" if flavor is AZURE else "method.supervised.hyperparameters.learning_rate_multiplier"
    invalid = (api_error(flavor, 400, code="invalidPayload", param=invalid_param,
                         message="The specified hyperparameter 'learning_rate_multiplier' with value 100 is out of range. The value must be greater than 0 and at most 10.")
               if flavor is AZURE else
               api_error(flavor, 400, kind="invalid_request_error", code="invalid_value", param=invalid_param,
                         message="Invalid value for 'learning_rate_multiplier': 100. Expected a value greater than 0 and at most 10."))

    out = {}
    out["create"] = [entry(flavor, "POST", jobs_url, created_status(flavor),
                           job(flavor, "created", flavor.created_status, epochs=3, metadata=True),
                           json_body=create_body(flavor, flavor.training_file, {"n_epochs": 3}), extra_headers=location("created"))]
    out["get_running"] = [get("running", 200, running)]
    out["get_succeeded"] = [get("succeeded", 200, job(flavor, "succeeded", "succeeded", fine_tuned_model=succeeded_model,
                                                      finished_at=1763716980, trained_tokens=11688, error={} if flavor is OPENAI else "nulls"))]
    out["get_failed"] = [get("failed", 200, job(flavor, "failed", "failed", finished_at=1763713140, error=failed_error))]
    out["get_cancelled"] = [get("cancelled", 200, job(flavor, "cancelled", "cancelled", finished_at=1763714400))]
    out["cancel"] = [entry(flavor, "POST", job_url("cancel", "/cancel"), 200, job(flavor, "cancel", "cancelled"))]
    out["unknown_state"] = [get("unknown_state", 200, job(flavor, "unknown_state", "pausing"))]
    out["list_pages"] = [
        entry(flavor, "GET", flavor.url("/fine_tuning/jobs", limit="2"), 200,
              {"object": "list", "data": [job(flavor, "list1", "running"), job(flavor, "list2", "succeeded", fine_tuned_model=succeeded_model, finished_at=1763716980, trained_tokens=11688)],
               "has_more": True}),
        entry(flavor, "GET", flavor.url("/fine_tuning/jobs", after=flavor.job_id(names["list2"]), limit="2"), 200,
              {"object": "list", "data": [job(flavor, "list3", "failed", finished_at=1763713140, error=failed_error)], "has_more": False}),
    ]
    out["invalid_hyperparameter"] = [entry(flavor, "POST", jobs_url, 400, invalid,
                                           json_body=create_body(flavor, flavor.training_file, {"learning_rate_multiplier": 100}))]
    out["unauthorized"] = [get("running", 401, unauthorized)]
    out["not_found"] = [get("not_found", 404, not_found)]
    out["rate_limited_retry"] = [
        get("running", 429, rate_limited, extra_headers=[("retry-after", "2")]),
        get("running", 200, running),
    ]
    out["unavailable_retry"] = [get("running", 503, unavailable), get("running", 200, running)]
    out["quota_exceeded"] = [get("running", 429, quota)]
    full = json.dumps(running, indent=2)
    out["malformed_response"] = [get("running", 200, None, raw_text=full[: len(full) // 2])]

    # Optional tiers.
    event_prefix = "ftevent-"
    def event(n, created, level, message, kind="message", data=None):
        body = {"object": "fine_tuning.job.event", "id": event_prefix + f"{names['succeeded'][:10]}{n:04d}",
                "created_at": created, "level": level, "message": message, "type": kind}
        if flavor is not AZURE or data is not None:
            body["data"] = data if data is not None else {}
        return body
    warn = "warning" if flavor is AZURE else "warn"
    events = [
        event(5, 1763716980, "info", "The job has successfully completed"),
        event(4, 1763716975, "info", f"New fine-tuned model created: {succeeded_model}"),
        event(3, 1763716800, "info", "Step 30/30: training loss=0.08", "metrics",
              {"step": 30, "train_loss": 0.0812, "total_steps": 30, "train_mean_token_accuracy": 0.9731}),
        event(2, 1763716500, "info", "Step 10/30: training loss=1.52", "metrics",
              {"step": 10, "train_loss": 1.5207, "total_steps": 30, "train_mean_token_accuracy": 0.6604}),
        event(1, 1763716200, warn, "File has only 10 examples; we recommend at least 50 for good results"),
    ]
    out["events"] = [
        entry(flavor, "GET", job_url("succeeded", "/events", limit="3"), 200, {"object": "list", "data": events[:3], "has_more": True}),
        entry(flavor, "GET", job_url("succeeded", "/events", after=events[2]["id"], limit="3"), 200, {"object": "list", "data": events[3:], "has_more": False}),
    ]
    checkpoints = []
    for step in (30, 20):
        checkpoint_id = "ftckpt_" + (names["succeeded"][:14] + f"{step:02d}").ljust(24, "x")
        checkpoints.append({
            "object": "fine_tuning.job.checkpoint", "id": checkpoint_id, "created_at": 1763716790 + step,
            "fine_tuned_model_checkpoint": (f"{succeeded_model}:ckpt-step-{step}"),
            "fine_tuning_job_id": flavor.job_id(names["succeeded"]),
            "metrics": {"step": step, "train_loss": 0.0812 if step == 30 else 0.3377, "train_mean_token_accuracy": 0.9731 if step == 30 else 0.9012,
                        "valid_loss": None, "valid_mean_token_accuracy": None, "full_valid_loss": None, "full_valid_mean_token_accuracy": None},
            "step_number": step,
        })
    out["checkpoints"] = [entry(flavor, "GET", job_url("succeeded", "/checkpoints", limit="10"), 200,
                                {"object": "list", "data": checkpoints, "first_id": checkpoints[0]["id"], "last_id": checkpoints[-1]["id"], "has_more": False})]
    if flavor is not AZURE:
        out["pause_resume"] = [
            entry(flavor, "POST", job_url("pause", "/pause"), 200, job(flavor, "pause", "paused")),
            entry(flavor, "POST", job_url("pause", "/resume"), 200, job(flavor, "pause", "running")),
        ]
    uploaded_file = {"openai": "file-Xw8Lq3Vn7Tz2Mb5YdUp6Rk", "azure": "file-0f9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c",
                     "openai_compatible": "file-3b1e7d9c2a6f4e80"}[flavor.provider]
    training_text = "".join(json.dumps(line) + "\n" for line in TRAINING_LINES)
    file_object = {"object": "file", "id": uploaded_file, "purpose": "fine-tune", "filename": "train.jsonl",
                   "bytes": len(training_text.encode()), "created_at": 1763712300, "expires_at": None,
                   "status": "processed", "status_details": None}
    if flavor is AZURE:
        file_object = {"status": "pending", "purpose": "fine-tune", "filename": "train.jsonl", "bytes": len(training_text.encode()),
                       "id": uploaded_file, "created_at": 1763712300, "object": "file"}
    out["file_upload"] = [
        entry(flavor, "POST", flavor.url("/files"), created_status(flavor), file_object,
              multipart=[{"name": "purpose", "value": "fine-tune"},
                         {"name": "file", "value": training_text, "fileName": "train.jsonl", "contentType": "application/jsonl"}],
              extra_headers=[("Location", flavor.base + "/files/" + uploaded_file)] if flavor is AZURE else []),
        entry(flavor, "POST", jobs_url, created_status(flavor),
              job(flavor, "uploaded", flavor.created_status, training_file=uploaded_file, metadata=True),
              json_body=create_body(flavor, uploaded_file, {"n_epochs": 3}), extra_headers=location("uploaded")),
    ]
    return out, training_text


def target(flavor):
    names = JOB_NAMES[flavor.provider]
    return {
        "environment": flavor.environment,
        # Live mode points the base URL at a server on 127.0.0.1 (Conformance/README.md).
        "loopback": [name for name in flavor.environment if name.endswith(("_BASE_URL", "_ENDPOINT"))],
        "model": MODEL,
        "training_data": flavor.training_file,
        "invalid_hyperparameters": {"learning_rate_multiplier": 100},
        "jobs": {key: flavor.job_id(names[key]) for key in
                 ("running", "succeeded", "failed", "cancelled", "unknown_state", "cancel", "not_found", "pause")},
        "list_total": 3,
        "list_page_limit": 2,
        "events_page_limit": 3,
        "checkpoints_page_limit": 10,
        "local_training_file": "train.jsonl",
    } | ({"local_preference_file": "preference.jsonl"} if flavor is OPENAI else {})


def dpo_job(training_file, beta, epochs):
    """A DPO job as OpenAI answers its create (openapi.yaml's createFineTuningJob example): the
    hyperparameters under `method.dpo`, the deprecated top-level `hyperparameters` null."""
    body = job(OPENAI, "uploaded", "validating_files", training_file=training_file, metadata=True)
    body["id"], body["created_at"] = "ftjob-Dp4Ow9Xr2Tm7Lk1Vz5Nq8Bc", 1763712480
    body["hyperparameters"] = None
    body["method"] = {"type": "dpo", "dpo": {"hyperparameters": {
        "beta": beta, "batch_size": "auto", "learning_rate_multiplier": "auto", "n_epochs": epochs}}}
    return body


def preference_scenario():
    """create_dpo (openai only): upload the preference file, then create with method dpo and beta."""
    uploaded_file = "file-Pr7Dq2Xk9Lm4Vz1Tn6Wb3Yc"
    text = "".join(json.dumps(line) + "\n" for line in PREFERENCE_LINES)
    file_object = {"object": "file", "id": uploaded_file, "purpose": "fine-tune", "filename": "preference.jsonl",
                   "bytes": len(text.encode()), "created_at": 1763712420, "expires_at": None,
                   "status": "processed", "status_details": None}
    body = {"model": MODEL, "training_file": uploaded_file,
            "method": {"type": "dpo", "dpo": {"hyperparameters": {"n_epochs": 2, "beta": 0.1}}},
            "metadata": {"finetune-client-token": TOKEN}}
    return [
        entry(OPENAI, "POST", OPENAI.url("/files"), 200, file_object,
              multipart=[{"name": "purpose", "value": "fine-tune"},
                         {"name": "file", "value": text, "fileName": "preference.jsonl", "contentType": "application/jsonl"}]),
        entry(OPENAI, "POST", OPENAI.url("/fine_tuning/jobs"), 200, dpo_job(uploaded_file, 0.1, 2), json_body=body),
    ], text


def main():
    for flavor in (OPENAI, AZURE, COMPATIBLE):
        folder = os.path.join(ROOT, flavor.provider)
        os.makedirs(folder, exist_ok=True)
        out, training_text = scenarios(flavor)
        with open(os.path.join(folder, "target.json"), "w") as f:
            json.dump(target(flavor), f, indent=2)
            f.write("\n")
        with open(os.path.join(folder, "train.jsonl"), "w") as f:
            f.write(training_text)
        for scenario, entries in out.items():
            with open(os.path.join(folder, scenario + ".har"), "w") as f:
                json.dump(har(entries), f, indent=2)
                f.write("\n")
    # Written last, so the request ids of the fixtures above stay as they were.
    entries, text = preference_scenario()
    folder = os.path.join(ROOT, OPENAI.provider)
    with open(os.path.join(folder, "preference.jsonl"), "w") as f:
        f.write(text)
    with open(os.path.join(folder, "create_dpo.har"), "w") as f:
        json.dump(har(entries), f, indent=2)
        f.write("\n")


if __name__ == "__main__":
    main()
