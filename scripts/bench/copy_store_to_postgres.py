"""Copies the keys and jobs of a seeded SQLite gateway store into a PostgreSQL gateway database (already
migrated by `finetune keys list --database URL`), through psql's \\copy, so scripts/bench-serve.sh
--database postgres serves exactly the rows the SQLite run and the reference serve."""

import csv
import io
import sqlite3
import subprocess
import sys

database, url = sys.argv[1], sys.argv[2]
connection = sqlite3.connect(database)
for table, columns in [
    ("api_key", ["name", "key_hash", "is_admin", "created_at", "revoked_at"]),
    ("job", ["id", "owner", "model", "training_file", "validation_file", "request", "client_token", "backend_job_id", "status",
             "fine_tuned_model", "created_at", "finished_at", "snapshot", "gateway_error", "next_poll_at"]),
]:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    rows = connection.execute(f"SELECT {', '.join(columns)} FROM {table} ORDER BY rowid").fetchall()
    for row in rows:
        writer.writerow(["" if value is None else value for value in row])
    command = f"\\copy {table} ({', '.join(columns)}) FROM STDIN WITH (FORMAT csv)"
    subprocess.run(["psql", "-q", "-v", "ON_ERROR_STOP=1", url, "-c", command], input=buffer.getvalue(), text=True, check=True)
    print(f"copied {len(rows)} rows of {table}")
