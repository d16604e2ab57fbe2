#!/usr/bin/env python3
"""Writes the Mistral fixtures of the deferred-start and upload scenarios
(Conformance/Fixtures/mistral/deferred_start.har, file_upload.har), constructed from the shapes of
mistralai client-python: UploadFileOut for POST /v1/files, CompletionJobOut (auto_start, job_type
"completion", metadata = JobMetadataOut with cost, cost_currency, train_tokens, data_tokens,
expected_duration_seconds) for create and POST /v1/fine_tuning/jobs/{id}/start.
The other Mistral fixtures were written by hand in the same shapes."""
import json
import pathlib

from har_entries import archive, exchange, json_text, post_data

folder = pathlib.Path(__file__).resolve().parent.parent / "Fixtures" / "mistral"
BASE = "https://api.mistral.ai/v1"
MODEL = "open-mistral-7b"
TRAINING_FILE = "e1b6a57d-4b41-4c4b-9d1e-7f0d0a1b2c3d"
UPLOADED_FILE = "7c2e9f14-5b8a-4d3e-a1f0-2b6c8d9e0f11"
UNSTARTED_JOB = "0a1b2c3d-0000-4000-8000-000000000008"
START_JOB = "0a1b2c3d-0000-4000-8000-000000000009"
REQUEST_HEADERS = [("Accept", "application/json"), ("Authorization", "REDACTED"), ("Content-Type", "application/json")]
RESPONSE_HEADERS = [("Content-Type", "application/json")]
METADATA = {"expected_duration_seconds": 220, "cost": 2.0, "cost_currency": "EUR", "train_tokens_per_step": 131072,
            "train_tokens": 13107200, "data_tokens": 305375, "estimated_start_time": None}


def job(job_id, status, auto_start, training_file, modified_at):
    """A CompletionJobOut as Mistral sends it (null members kept, as the API writes them)."""
    return {
        "id": job_id, "auto_start": auto_start,
        "hyperparameters": {"training_steps": None, "learning_rate": 0.0001, "weight_decay": 0.1, "warmup_fraction": 0.05,
                            "epochs": 3, "seq_len": 32768, "fim_ratio": None},
        "model": MODEL, "status": status, "job_type": "completion", "created_at": 1763722800, "modified_at": modified_at,
        "training_files": [training_file], "validation_files": [], "object": "job", "fine_tuned_model": None,
        "suffix": None, "integrations": [], "trained_tokens": None, "repositories": [], "metadata": METADATA,
    }


def create(training_file, auto_start, job_id, started):
    body = {"auto_start": auto_start, "hyperparameters": {"epochs": 3}, "model": MODEL,
            "training_files": [{"file_id": training_file, "weight": 1}]}
    data, size = post_data("application/json", json_text(body))
    answer = json.dumps(job(job_id, "QUEUED", auto_start, training_file, 1763722800))
    return exchange("POST", f"{BASE}/fine_tuning/jobs", REQUEST_HEADERS, 200, RESPONSE_HEADERS, answer,
                    body=data, body_size=size, started=started, time=40, wait=38)


def start(job_id, started):
    answer = json.dumps(job(job_id, "STARTED", False, TRAINING_FILE, 1763723400))
    return exchange("POST", f"{BASE}/fine_tuning/jobs/{job_id}/start", REQUEST_HEADERS[:2], 200, RESPONSE_HEADERS, answer,
                    started=started, time=30, wait=28)


def upload(started):
    content = (folder / "train.jsonl").read_text()
    params = [{"name": "purpose", "value": "fine-tune"},
              {"name": "file", "value": content, "fileName": "train.jsonl", "contentType": "application/jsonl"}]
    answer = json.dumps({"id": UPLOADED_FILE, "object": "file", "bytes": len(content.encode()), "created_at": 1763722700,
                         "filename": "train.jsonl", "purpose": "fine-tune", "sample_type": "instruct", "num_lines": content.count("\n"),
                         "source": "upload"})
    return exchange("POST", f"{BASE}/files", REQUEST_HEADERS[:2], 200, RESPONSE_HEADERS, answer,
                    body={"mimeType": "multipart/form-data", "params": params}, body_size=-1, started=started, time=120, wait=110)


def write(name, entries):
    text = json.dumps(archive(entries, "finetune-mistral-fixtures (constructed from Mistral's API shapes)"), indent=1)
    (folder / f"{name}.har").write_text(text + "\n")


write("deferred_start", [create(TRAINING_FILE, False, UNSTARTED_JOB, "2026-11-21T12:00:00.000Z"),
                         start(START_JOB, "2026-11-21T12:00:01.000Z")])
write("file_upload", [upload("2026-11-21T12:00:00.000Z"), create(UPLOADED_FILE, True, "0a1b2c3d-0000-4000-8000-000000000001", "2026-11-21T12:00:01.000Z")])
