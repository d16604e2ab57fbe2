"""Records the `bedrock` conformance fixtures from moto's server (scripts/setup-moto.sh installs it).

Run: .deps/moto/bin/python Conformance/tools/bedrock_fixtures.py

Every request is the one the `bedrock` adapter sends (the replay checks method, URL and body
strictly), sent to a moto server on 127.0.0.1; every 200 answer is moto's own, recorded. URLs are
written with the real endpoints (bedrock.us-west-2 / s3.us-west-2.amazonaws.com), credentials are
never recorded. Where moto cannot produce a situation, the recorded answer is edited to what the
Bedrock API reference documents, and the edit is named here:
- moto keeps every job InProgress until stopped: get_succeeded, get_failed and unknown_state take
  the recorded running job with its status set (Completed / Failed / a state Bedrock may add);
- moto writes `yyyy-MM-dd HH:mm:ss` timestamps and a placeholder failureMessage on every job:
  timestamps become ISO 8601 as Bedrock sends them, failureMessage is kept only on a failed job,
  endTime only on an ended one;
- moto answers an unknown job with 400: Bedrock's ResourceNotFoundException is a 404;
- throttling, unavailability, quota, bad credentials, a rejected hyperparameter and a truncated
  body are Bedrock's documented error shapes ({"message"} with x-amzn-ErrorType), not moto's.
"""
import json
import os
import socket
import subprocess
import sys
import time
from datetime import datetime, timezone

import requests

sys.path.insert(0, os.path.dirname(__file__))
from har_entries import archive, exchange, json_text, post_data  # noqa: E402

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
OUT = os.path.join(ROOT, "Conformance", "Fixtures", "bedrock")
REGION = "us-west-2"
BEDROCK = f"https://bedrock.{REGION}.amazonaws.com"
S3 = f"https://s3.{REGION}.amazonaws.com"
MODEL = "anthropic.claude-3-haiku-20240307-v1:0:200k"
ROLE = "arn:aws:iam::123456789012:role/BedrockFineTuning"
BUCKET = "finetune-conformance"
OUTPUT = f"s3://{BUCKET}/output"
TRAINING = f"s3://{BUCKET}/data/train.jsonl"
STARTED = "2026-11-30T04:00:00.000Z"
STAMP = 0


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Moto:
    def __init__(self):
        self.port = free_port()
        self.process = subprocess.Popen(
            [os.path.join(ROOT, ".deps", "moto", "bin", "moto_server"), "-H", "127.0.0.1", "-p", str(self.port)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for _ in range(300):
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                return
            except OSError:
                time.sleep(0.1)
        raise SystemExit("moto_server did not start")

    def call(self, service, method, path, body=None, query=None):
        """Sends to moto; the Authorization scope names the service, which is how moto routes."""
        headers = {
            "Authorization": f"AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261130/{REGION}/{service}/aws4_request, SignedHeaders=host, Signature=0",
            "Accept": "application/json",
        }
        if body is not None and service == "bedrock":
            headers["Content-Type"] = "application/json"
        return requests.request(method, f"http://127.0.0.1:{self.port}{path}", params=query, data=body, headers=headers)

    def stop(self):
        self.process.kill()


def iso(text):
    return datetime.strptime(text, "%Y-%m-%d %H:%M:%S").replace(tzinfo=timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.000Z")


def as_bedrock_sends(job):
    """moto's job with the documented timestamp format and fields (see the module note)."""
    job = dict(job)
    for key in ("creationTime", "lastModifiedTime", "endTime"):
        if key in job:
            job[key] = iso(job[key])
    if job.get("status") != "Failed":
        job.pop("failureMessage", None)
    if job.get("status") not in ("Completed", "Failed", "Stopped"):
        job.pop("endTime", None)
    if job.get("status") != "Completed":
        job.pop("trainingMetrics", None)
        job.pop("validationMetrics", None)
    return job


def entry(method, url, status, text, body=None, error_type=None, extra_headers=()):
    global STAMP
    STAMP += 1
    request_headers = [("Authorization", "REDACTED"), ("Accept", "application/json")]
    postdata, size = (None, 0)
    if body is not None:
        mime = "application/json" if url.startswith(BEDROCK) else "application/jsonl"
        request_headers.append(("Content-Type", mime))
        postdata, size = post_data(mime, body)
    headers = [("Content-Type", "application/json"), ("x-amzn-RequestId", f"8f3a2b1c-0000-4000-8000-{STAMP:012d}")]
    if error_type:
        headers.append(("x-amzn-ErrorType", f"{error_type}:http://internal.amazon.com/coral/com.amazon.bedrock/"))
    headers.extend(extra_headers)
    return exchange(method, url, request_headers, status, headers, text, body=postdata, body_size=size,
                    started=STARTED, time=120, wait=100)


def create_body(token, training, epochs=None, batch=None):
    """The CreateModelCustomizationJob body the adapter sends for this client token."""
    name = "finetune-" + token
    hyper = {}
    if epochs is not None:
        hyper["epochCount"] = str(epochs)
    if batch is not None:
        hyper["batchSize"] = str(batch)
    return {
        "jobName": name, "customModelName": name + "-model", "roleArn": ROLE, "baseModelIdentifier": MODEL,
        "customizationType": "FINE_TUNING", "trainingDataConfig": {"s3Uri": training},
        "outputDataConfig": {"s3Uri": OUTPUT}, "hyperParameters": hyper, "clientRequestToken": token,
    }


def write(scenario, entries):
    with open(os.path.join(OUT, scenario + ".har"), "w") as f:
        json.dump(archive(entries, "bedrock_fixtures.py"), f, indent=1)
        f.write("\n")


def error(status, error_type, message):
    return status, json.dumps({"message": message}), error_type


def main():
    moto = Moto()
    try:
        moto.call("s3", "PUT", f"/{BUCKET}", body=f"<CreateBucketConfiguration><LocationConstraint>{REGION}</LocationConstraint></CreateBucketConfiguration>")
        record = {}

        def create(scenario, token, training=TRAINING, epochs=3, batch=None):
            body = json_text(create_body(token, training, epochs, batch))
            answer = moto.call("bedrock", "POST", "/model-customization-jobs", body=body)
            assert answer.ok, answer.text
            record.setdefault(scenario, []).append(entry("POST", f"{BEDROCK}/model-customization-jobs", 201, answer.text, body=body))
            return "finetune-" + token

        def get(name):
            answer = moto.call("bedrock", "GET", f"/model-customization-jobs/{name}")
            assert answer.ok, answer.text
            return as_bedrock_sends(answer.json())

        def get_entry(name, job, status=200):
            return entry("GET", f"{BEDROCK}/model-customization-jobs/{name}", status, json.dumps(job))

        create("create", "conformance-token")
        running = create("setup", "conformance-running")
        cancelled = create("setup", "conformance-cancelled")
        cancel = create("setup", "conformance-cancel")
        moto.call("bedrock", "POST", f"/model-customization-jobs/{cancelled}/stop")
        running_job = get(running)
        record["get_running"] = [get_entry(running, running_job)]
        record["get_cancelled"] = [get_entry(cancelled, get(cancelled))]

        stop = moto.call("bedrock", "POST", f"/model-customization-jobs/{cancel}/stop")
        record["cancel"] = [entry("POST", f"{BEDROCK}/model-customization-jobs/{cancel}/stop", 200, stop.text),
                            get_entry(cancel, get(cancel))]

        def edited(status, **fields):
            job = dict(running_job, status=status, **fields)
            job["endTime"] = "2026-11-30T05:12:44.000Z"
            return job

        succeeded_job = edited("Completed", trainingMetrics={"trainingLoss": 0.2341},
                               validationMetrics=[{"validationLoss": 0.2718}])
        record["get_succeeded"] = [get_entry(running, succeeded_job)]
        record["get_failed"] = [get_entry(running, edited(
            "Failed", failureMessage="Training data validation failed: line 7: 'messages' alternate user and assistant roles; found two user turns in a row."))]
        unknown = dict(running_job, status="Queued")
        record["unknown_state"] = [get_entry(running, unknown)]

        # Every page of the listing: three jobs, two per page, newest first.
        token = None
        pages = []
        while True:
            query = {"sortBy": "CreationTime", "sortOrder": "Descending", "maxResults": "2"}
            if token:
                query["nextToken"] = token
            answer = moto.call("bedrock", "GET", "/model-customization-jobs", query=query).json()
            for summary in answer["modelCustomizationJobSummaries"]:
                for key in ("creationTime", "lastModifiedTime", "endTime"):
                    summary[key] = iso(summary[key])
                if summary["status"] == "InProgress":
                    summary.pop("endTime")
            if not answer.get("nextToken"):
                answer.pop("nextToken", None)
            url = f"{BEDROCK}/model-customization-jobs?" + "&".join(f"{k}={requests.utils.quote(v, safe='')}" for k, v in query.items())
            pages.append(entry("GET", url, 200, json.dumps(answer)))
            token = answer.get("nextToken")
            if not token:
                break
        record["list_pages"] = pages

        # Events: the succeeded job, then the step-wise metrics CSV under its output folder.
        csv = "step_number,epoch_number,training_loss,perplexity\n1,0,2.4183,11.2271\n2,0,1.9025,6.7023\n3,1,0.9731,2.6461\n"
        metrics_key = f"/{BUCKET}/output/model-customization-job-{running}/training_artifacts/step_wise_training_metrics.csv"
        moto.call("s3", "PUT", metrics_key, body=csv)
        metrics = moto.call("s3", "GET", metrics_key)
        assert metrics.ok and metrics.text == csv, metrics.text
        metrics_entry = exchange(
            "GET", f"{S3}{metrics_key}", [("Authorization", "REDACTED"), ("Accept", "application/json")], 200,
            [("Content-Type", "text/csv"), ("ETag", metrics.headers.get("ETag", ""))], metrics.text,
            started=STARTED, time=90, wait=70)
        record["events"] = [get_entry(running, succeeded_job), metrics_entry]

        # file_upload: the local train.jsonl is PUT under the output prefix, then the job created.
        with open(os.path.join(OUT, "train.jsonl")) as f:
            local = f.read()
        staged_key = f"/{BUCKET}/output/finetune-staging/finetune-conformance-token/training-train.jsonl"
        put = moto.call("s3", "PUT", staged_key, body=local.encode())
        assert put.ok, put.text
        put_entry = exchange(
            "PUT", f"{S3}{staged_key}", [("Authorization", "REDACTED"), ("Content-Type", "application/jsonl")], 200,
            [("Content-Type", "application/xml"), ("ETag", put.headers.get("ETag", ""))], "",
            body=post_data("application/jsonl", local)[0], body_size=len(local.encode()), started=STARTED, time=90, wait=70)
        moto.call("bedrock", "POST", "/model-customization-jobs/finetune-conformance-token/stop")
        fresh = Moto()
        try:
            fresh.call("s3", "PUT", f"/{BUCKET}", body=f"<CreateBucketConfiguration><LocationConstraint>{REGION}</LocationConstraint></CreateBucketConfiguration>")
            moto, previous = fresh, moto
            create("file_upload", "conformance-token", training=f"s3://{BUCKET}/output/finetune-staging/finetune-conformance-token/training-train.jsonl", epochs=3)
            moto = previous
        finally:
            fresh.stop()
        record["file_upload"].insert(0, put_entry)

        # Documented error answers (see the module note).
        def failing(scenario, name, answers):
            record[scenario] = [entry("GET", f"{BEDROCK}/model-customization-jobs/{name}", status, text, error_type=kind, extra_headers=headers)
                                for status, text, kind, headers in answers]

        not_found = moto.call("bedrock", "GET", "/model-customization-jobs/finetune-no-such-job")
        failing("not_found", "finetune-no-such-job", [(404, json.dumps({"message": not_found.json()["message"]}), "ResourceNotFoundException", ())])
        failing("unauthorized", running, [(403, json.dumps({"message": "The security token included in the request is invalid."}), "UnrecognizedClientException", ())])
        failing("quota_exceeded", running, [(400, json.dumps({"message": "You have reached the maximum number of concurrent model customization jobs for this account."}), "ServiceQuotaExceededException", ())])
        running_text = json.dumps(running_job)
        failing("rate_limited_retry", running, [(429, json.dumps({"message": "Too many requests, please wait before trying again."}), "ThrottlingException", (("Retry-After", "2"),)),
                                                 (200, running_text, None, ())])
        failing("unavailable_retry", running, [(503, json.dumps({"message": "Service Unavailable"}), "ServiceUnavailableException", ()),
                                                (200, running_text, None, ())])
        failing("malformed_response", running, [(200, running_text[: len(running_text) // 3], None, ())])

        body = json_text(create_body("conformance-token", TRAINING, epochs=None, batch=256))
        record["invalid_hyperparameter"] = [entry(
            "POST", f"{BEDROCK}/model-customization-jobs", 400,
            json.dumps({"message": "1 validation error detected: Value '256' at 'hyperParameters' failed to satisfy constraint: batchSize must be between 8 and 128 for training data of this size"}),
            body=body, error_type="ValidationException")]

        record.pop("setup")
        for scenario, entries in record.items():
            write(scenario, entries)
        print("wrote", ", ".join(sorted(record)))
    finally:
        moto.stop()


if __name__ == "__main__":
    main()
