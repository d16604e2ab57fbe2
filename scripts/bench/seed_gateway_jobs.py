"""Seeds a gateway store (already migrated by `finetune keys create`) with N succeeded jobs of one
owner, each with a realistic normalized snapshot, for scripts/bench-serve.sh."""

import json
import sqlite3
import sys

database, owner, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
connection = sqlite3.connect(database)
rows = []
for index in range(count):
    job_id = f"ftjob-bench{index:08d}"
    snapshot = {
        "id": f"llamacpp:ft-bench-{index}", "provider": "llamacpp", "base_model": "/models/tiny.gguf", "status": "succeeded",
        "provider_status": "succeeded", "created_at": "2026-11-30T03:00:00.000Z", "finished_at": "2026-11-30T03:05:00.000Z",
        "hyperparameters": {"epochs": 2, "learning_rate": 0.0002}, "trained_tokens": 11688,
        "tuned_model": {"name": f"/models/ft-bench-{index}/model.gguf"}, "labels": {},
    }
    request = {"model": "llamacpp//models/tiny.gguf", "training_file": "file-bench", "hyperparameters": {"n_epochs": 2}}
    rows.append((job_id, owner, "llamacpp//models/tiny.gguf", "file-bench", json.dumps(request), f"token-{index}",
                 f"llamacpp:ft-bench-{index}", "succeeded", f"ft:llamacpp:{owner}::{job_id}", 1764471600 + index, 1764471900 + index,
                 json.dumps(snapshot), 1e12))
connection.executemany(
    "INSERT INTO job (id, owner, model, training_file, request, client_token, backend_job_id, status, fine_tuned_model, created_at,"
    " finished_at, snapshot, next_poll_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
connection.commit()
print(f"seeded {count} jobs")
