"""The Python reference for scripts/bench-serve.sh: FastAPI under uvicorn serving the same two
endpoints as `finetune serve` (GET /v1/fine_tuning/jobs/{id} and GET /v1/fine_tuning/jobs?limit=N)
from the same SQLite file, with the same key check (SHA-256 lookup) and the same job object."""

import hashlib
import json
import os
import sqlite3
import threading

from fastapi import FastAPI, Header, HTTPException, Query

DATABASE = os.environ["BENCH_DATABASE"]
app = FastAPI()
local = threading.local()


def db():
    if not hasattr(local, "connection"):
        local.connection = sqlite3.connect(DATABASE, check_same_thread=False)
        local.connection.row_factory = sqlite3.Row
    return local.connection


def owner(authorization):
    if not authorization or not authorization.startswith("Bearer "):
        raise HTTPException(401)
    digest = hashlib.sha256(authorization[7:].encode()).hexdigest()
    row = db().execute("SELECT name, is_admin FROM api_key WHERE key_hash = ? AND revoked_at IS NULL", (digest,)).fetchone()
    if row is None:
        raise HTTPException(401)
    return None if row["is_admin"] else row["name"]


def job_object(row):
    snapshot = json.loads(row["snapshot"]) if row["snapshot"] else {}
    hyper = snapshot.get("hyperparameters", {})
    return {
        "object": "fine_tuning.job", "id": row["id"], "model": row["model"], "created_at": row["created_at"],
        "finished_at": row["finished_at"], "fine_tuned_model": row["fine_tuned_model"], "organization_id": "org-" + row["owner"],
        "result_files": [], "status": row["status"], "training_file": row["training_file"], "validation_file": row["validation_file"],
        "hyperparameters": {"n_epochs": hyper.get("epochs", "auto"), "batch_size": hyper.get("batch_size", "auto"),
                            "learning_rate_multiplier": hyper.get("learning_rate_multiplier", "auto")},
        "trained_tokens": snapshot.get("trained_tokens"), "error": None, "seed": 0, "metadata": None,
    }


@app.get("/v1/fine_tuning/jobs/{job_id}")
def retrieve(job_id: str, authorization: str = Header(None)):
    who = owner(authorization)
    row = db().execute("SELECT * FROM job WHERE id = ? AND (? IS NULL OR owner = ?)", (job_id, who, who)).fetchone()
    if row is None:
        raise HTTPException(404)
    return job_object(row)


@app.get("/v1/fine_tuning/jobs")
def list_jobs(limit: int = Query(20, ge=1, le=100), authorization: str = Header(None)):
    who = owner(authorization)
    rows = db().execute("SELECT * FROM job WHERE (? IS NULL OR owner = ?) ORDER BY seq DESC LIMIT ?", (who, who, limit + 1)).fetchall()
    return {"object": "list", "data": [job_object(r) for r in rows[:limit]], "has_more": len(rows) > limit}
