"""`finetune serve` driven end to end by the official `openai` Python SDK.

A real gateway process (SQLite store in a temporary FINETUNE_HOME) with real local llama.cpp jobs on
the tiny model: upload, create, list with pagination, events, wait until succeeded, the tuned model in
/v1/models, chat completions (plain and streamed), cancel, two keys that cannot see each other's
objects, the SDK's error types, and a restart after SIGKILL during a running job; and a gateway with a
plugin that crashes, which fails that request and serves on.

Needs FINETUNE_BIN (the `finetune` executable, with finetune-llama-worker beside it) and
FINETUNE_TINY_MODEL (a GGUF); run by scripts/test-gateway.sh.
"""

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import unittest
import urllib.request

import openai
from openai import OpenAI

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from openapi_check import OpenAPICheck  # noqa: E402 (beside this file)

FINETUNE = os.environ["FINETUNE_BIN"]
TINY_MODEL = os.path.abspath(os.environ["FINETUNE_TINY_MODEL"])
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
TRAINING_DATA = os.path.join(ROOT, "Examples", "data", "support-faq.jsonl")
TERMINAL = {"succeeded", "failed", "cancelled"}
# Every response an SDK client of these tests receives is checked against the gateway's openapi.json.
SCHEMA = OpenAPICheck()


class Gateway:
    """A `finetune serve` process on a free port over one FINETUNE_HOME."""

    def __init__(self, home):
        self.home = home
        self.env = dict(os.environ, FINETUNE_HOME=home)
        self.process = None
        self.url = None
        self.log = open(os.path.join(home, "serve.log"), "a")

    def run(self, *arguments):
        return subprocess.run([FINETUNE, *arguments], env=self.env, check=True, capture_output=True, text=True).stdout

    def start(self, *extra):
        self.process = subprocess.Popen(
            [FINETUNE, "serve", "--port", "0", "--models-dir", os.path.dirname(TINY_MODEL), *extra],
            env=self.env, stdout=subprocess.PIPE, stderr=self.log, text=True)
        line = self.process.stdout.readline().strip()
        if not line.startswith("listening on http://"):
            raise AssertionError(f"serve printed {line!r} instead of 'listening on http://...'")
        self.url = line.split(" ", 2)[2]

    def client(self, key):
        return OpenAI(
            base_url=self.url + "/v1", api_key=key, max_retries=0, timeout=60,
            http_client=openai.DefaultHttpxClient(event_hooks={"response": [SCHEMA]}))

    def kill(self, sig):
        self.process.send_signal(sig)
        code = self.process.wait(timeout=30)
        self.process.stdout.close()
        return code


def wait_for(client, job_id, statuses, timeout=600):
    deadline = time.time() + timeout
    while time.time() < deadline:
        job = client.fine_tuning.jobs.retrieve(job_id)
        if job.status in statuses:
            return job
        time.sleep(0.5)
    raise AssertionError(f"job {job_id} still {job.status} after {timeout}s")


class GatewayEndToEnd(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.home = tempfile.mkdtemp(prefix="finetune-gateway-e2e-")
        cls.gateway = Gateway(cls.home)
        cls.alice_key = cls.gateway.run("keys", "create", "alice").strip()
        cls.bob_key = cls.gateway.run("keys", "create", "bob").strip()
        cls.gateway.start()
        cls.alice = cls.gateway.client(cls.alice_key)
        cls.bob = cls.gateway.client(cls.bob_key)

    @classmethod
    def tearDownClass(cls):
        if cls.gateway.process and cls.gateway.process.poll() is None:
            try:
                # Leave no training worker behind, whatever a failed test left running.
                client = cls.gateway.client(cls.alice_key)
                for job in client.fine_tuning.jobs.list(limit=100):
                    if job.status not in TERMINAL:
                        client.fine_tuning.jobs.cancel(job.id)
            finally:
                cls.gateway.kill(signal.SIGTERM)
        cls.gateway.log.close()

    def create_job(self, file_id, epochs, **extra):
        return self.alice.fine_tuning.jobs.create(
            model="llamacpp/" + TINY_MODEL, training_file=file_id,
            method={"type": "supervised", "supervised": {"hyperparameters": {"n_epochs": epochs, "learning_rate": 2e-4}}}, **extra)

    def test_1_full_cycle(self):
        with open(TRAINING_DATA, "rb") as data:
            uploaded = self.alice.files.create(file=data, purpose="fine-tune")
        self.assertEqual(uploaded.bytes, os.path.getsize(TRAINING_DATA))
        self.assertEqual(self.alice.files.retrieve(uploaded.id).filename, "support-faq.jsonl")

        job = self.create_job(uploaded.id, 2, metadata={"run": "e2e"}, suffix="faq")
        second = self.create_job(uploaded.id, 50)
        self.assertTrue(job.id.startswith("ftjob-"))
        self.assertEqual(job.model, "llamacpp/" + TINY_MODEL)

        page = self.alice.fine_tuning.jobs.list(limit=1)
        self.assertEqual([j.id for j in page.data], [second.id])
        self.assertTrue(page.has_more)
        older = self.alice.fine_tuning.jobs.list(limit=1, after=second.id)
        self.assertEqual([j.id for j in older.data], [job.id])
        self.assertFalse(older.has_more)
        self.assertEqual([j.id for j in self.alice.fine_tuning.jobs.list(metadata={"run": "e2e"})], [job.id])
        self.assertEqual([j.id for j in self.alice.fine_tuning.jobs.list()], [second.id, job.id], "the SDK pages through every job")

        cancelled = self.alice.fine_tuning.jobs.cancel(second.id)
        self.assertIn(cancelled.status, {"cancelling", "cancelled"})
        self.assertEqual(wait_for(self.alice, second.id, TERMINAL).status, "cancelled")

        done = wait_for(self.alice, job.id, TERMINAL)
        self.assertEqual(done.status, "succeeded", done.error)
        self.assertEqual(done.fine_tuned_model, f"ft:llamacpp:alice:faq:{job.id}")
        self.assertIn(done.fine_tuned_model, [m.id for m in self.alice.models.list()])

        events = self.alice.fine_tuning.jobs.list_events(job.id, limit=3)
        self.assertEqual(len(events.data), 3)
        self.assertTrue(events.has_more)
        rest = self.alice.fine_tuning.jobs.list_events(job.id, after=events.data[-1].id, limit=100)
        self.assertFalse(set(e.id for e in events.data) & set(e.id for e in rest.data))
        self.assertTrue(any(e.type == "metrics" for e in list(events.data) + list(rest.data)))

        reply = self.alice.chat.completions.create(
            model=done.fine_tuned_model, messages=[{"role": "user", "content": "How do I reset my password?"}], max_tokens=16)
        self.assertEqual(reply.choices[0].message.role, "assistant")
        self.assertTrue(reply.choices[0].message.content)
        streamed = self.alice.chat.completions.create(
            model=done.fine_tuned_model, messages=[{"role": "user", "content": "How do I reset my password?"}], max_tokens=16, stream=True)
        text = "".join(chunk.choices[0].delta.content or "" for chunk in streamed)
        self.assertEqual(text, reply.choices[0].message.content, "greedy generation answers the same, streamed or not")

        self.check_dashboard(job.id)

        # Bob sees none of it: 404 exactly like a missing id, and empty lists.
        with self.assertRaises(openai.NotFoundError):
            self.bob.fine_tuning.jobs.retrieve(job.id)
        with self.assertRaises(openai.NotFoundError):
            self.bob.files.retrieve(uploaded.id)
        with self.assertRaises(openai.NotFoundError):
            self.bob.chat.completions.create(model=done.fine_tuned_model, messages=[{"role": "user", "content": "hi"}])
        self.assertEqual(list(self.bob.fine_tuning.jobs.list()), [])
        self.assertEqual(list(self.bob.models.list()), [])

    def check_dashboard(self, job_id):
        """The page at / in headless Chromium: the job's row and its loss chart, in the DOM and on screen."""
        from PIL import Image

        chromium = ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--window-size=1000,1400",
                    f"--user-data-dir={tempfile.mkdtemp(prefix='chromium-')}"]
        url = f"{self.gateway.url}/?key={self.alice_key}"
        dom = subprocess.run(chromium + ["--dump-dom", url], check=True, capture_output=True, text=True, timeout=120).stdout
        self.assertIn(job_id, dom)
        self.assertIn('class="status status-succeeded"', dom)
        self.assertIn('<polyline class="train-loss"', dom)
        self.assertNotIn(self.alice_key, dom)
        screenshot = os.path.join(self.home, "dashboard.png")
        subprocess.run(chromium + [f"--screenshot={screenshot}", url], check=True, capture_output=True, timeout=120)
        image = Image.open(screenshot).convert("RGB")
        # The training-loss line is drawn in #0b57d0: the screenshot must show it.
        blue = sum(1 for pixel in image.get_flattened_data() if abs(pixel[0] - 11) < 40 and abs(pixel[1] - 87) < 40 and abs(pixel[2] - 208) < 40)
        self.assertGreater(blue, 100, "no training-loss line visible in the screenshot")

    def test_2_errors_the_sdk_raises(self):
        with open(TRAINING_DATA, "rb") as data:
            uploaded = self.alice.files.create(file=data, purpose="fine-tune")
        with self.assertRaises(openai.BadRequestError) as bad_model:
            self.alice.fine_tuning.jobs.create(model="no-provider-prefix", training_file=uploaded.id)
        self.assertEqual(bad_model.exception.param, "model")
        with self.assertRaises(openai.BadRequestError) as bad_file:
            self.alice.fine_tuning.jobs.create(model="llamacpp/" + TINY_MODEL, training_file="file-missing")
        self.assertEqual(bad_file.exception.param, "training_file")
        # Only models in FINETUNE_HOME/models and the --models-dir folders are served, symlinks resolved.
        outside = os.path.join(self.gateway.home, "outside.gguf")
        shutil.copyfile(TINY_MODEL, outside)
        with self.assertRaises(openai.BadRequestError) as not_allowed:
            self.alice.fine_tuning.jobs.create(model="llamacpp/" + outside, training_file=uploaded.id)
        self.assertEqual(not_allowed.exception.param, "model")
        linked = os.path.join(self.gateway.home, "models", "linked.gguf")
        os.makedirs(os.path.dirname(linked), exist_ok=True)
        os.symlink("/etc/passwd", linked)
        with self.assertRaises(openai.BadRequestError) as escaping_link:
            self.alice.fine_tuning.jobs.create(model="llamacpp/" + linked, training_file=uploaded.id)
        self.assertEqual(escaping_link.exception.param, "model")
        self.assertIn("--models-dir", escaping_link.exception.message)
        with self.assertRaises(openai.BadRequestError) as invalid_data:
            self.alice.files.create(file=("bad.jsonl", b'{"messages": [{"role": "wizard", "content": "x"}]}\n'), purpose="fine-tune")
        self.assertEqual(invalid_data.exception.param, "file")
        self.assertIn("line 1: messages[0].role", invalid_data.exception.message)
        with self.assertRaises(openai.NotFoundError):
            self.alice.fine_tuning.jobs.retrieve("ftjob-doesnotexist")
        with self.assertRaises(openai.AuthenticationError):
            self.gateway.client("ftk-wrong").files.list()

    def test_2b_metrics_keep_their_exposition_names(self):
        self.alice.fine_tuning.jobs.list(limit=1)
        with urllib.request.urlopen(self.gateway.url + "/metrics", timeout=30) as response:
            text = response.read().decode()
        for line in ["# TYPE finetune_gateway_jobs gauge", 'finetune_gateway_jobs{status="succeeded"} ',
                     "# TYPE finetune_gateway_poller_lag_seconds gauge", "# TYPE hb_requests counter",
                     "# TYPE http_server_request_duration histogram"]:
            self.assertIn(line, text)
        self.assertNotIn("# HELP finetune_gateway_jobs", text)

    def test_3_sigkill_during_a_local_job_loses_nothing(self):
        with open(TRAINING_DATA, "rb") as data:
            uploaded = self.alice.files.create(file=data, purpose="fine-tune")
        job = self.create_job(uploaded.id, 2)
        wait_for(self.alice, job.id, {"running"} | TERMINAL)
        self.assertEqual(self.gateway.kill(signal.SIGKILL), -signal.SIGKILL)

        self.gateway.start()
        client = self.gateway.client(self.alice_key)
        self.assertEqual(client.files.retrieve(uploaded.id).id, uploaded.id)
        self.assertIn(job.id, [j.id for j in client.fine_tuning.jobs.list(limit=100)])
        final = wait_for(client, job.id, TERMINAL)
        self.assertEqual(final.status, "succeeded", final.error)

    def test_4_sigterm_exits_zero(self):
        self.assertEqual(self.gateway.kill(signal.SIGTERM), 0)
        self.gateway.start()

    def test_5_every_operation_answers_as_openapi_json_says(self):
        """The operations the tests above leave out (a file's content and deletion, checkpoints, one model,
        the dataset endpoints), then: every /v1 operation of openapi.json but pause and resume has had a
        response checked against it (the SDK client's response hook checks every one)."""
        alice = self.gateway.client(self.alice_key)  # the gateway restarted on a new port
        with open(TRAINING_DATA, "rb") as data:
            uploaded = alice.files.create(file=data, purpose="fine-tune")
        with open(TRAINING_DATA, "rb") as data:
            self.assertEqual(alice.files.content(uploaded.id).read(), data.read())
        self.assertIn(uploaded.id, [f.id for f in alice.files.list()])
        report = alice.post("/fine_tuning/validate", body={"file_id": uploaded.id, "provider": "llamacpp"}, cast_to=object)
        self.assertEqual(report["object"], "fine_tuning.dataset_report")
        converted = alice.post("/fine_tuning/convert", body={"file_id": uploaded.id, "to": "gemini"}, cast_to=object)
        self.assertEqual(converted["converted"], len(converted["records"]))
        tuned = next(job for job in alice.fine_tuning.jobs.list() if job.fine_tuned_model)
        self.assertEqual(alice.models.retrieve(tuned.fine_tuned_model).id, tuned.fine_tuned_model)
        list(alice.fine_tuning.jobs.checkpoints.list(tuned.id))
        self.assertTrue(alice.files.delete(uploaded.id).deleted)

        checked = {(method, template) for method, template, _ in SCHEMA.checked}
        documented = {(method.upper(), template) for template, operations in SCHEMA.document["paths"].items()
                      for method in operations if template.startswith("/v1/")}
        unchecked = documented - checked - {("POST", "/v1/fine_tuning/jobs/{job_id}/pause"), ("POST", "/v1/fine_tuning/jobs/{job_id}/resume")}
        self.assertEqual(unchecked, set(), "operations of openapi.json no response was checked against")
        self.assertTrue(any(status >= 400 for _, _, status in SCHEMA.checked), "error bodies are checked too")


def crashing_plugin(folder, name):
    """The scaffold template (`finetune plugin new --language c`) as provider `name`, compiled with cc,
    whose create_job answers a running job and whose cancel_job calls abort()."""
    with open(os.path.join(ROOT, "Plugins", "Templates", "plugin.c")) as template:
        source = template.read().replace("__NAME__", name)
    cancel = "static int32_t cancel_job(void *instance, finetune_call *call, const char *request, char **response) {"
    for old, new in [('job_json("job-new", "queued", 1)', 'job_json("job-run", "running", 1)'), (cancel, cancel + "\n    abort();")]:
        if old not in source:
            raise AssertionError(f"the template no longer has {old!r}")
        source = source.replace(old, new)
    path = os.path.join(folder, name + ".c")
    with open(path, "w") as file:
        file.write(source)
    library = os.path.join(folder, f"lib{name}.so")
    include = os.path.join(ROOT, "Sources", "CFineTuningPlugin", "include")
    subprocess.run([os.environ.get("CC", "cc"), "-shared", "-fPIC", "-I", include, "-o", library, path], check=True)
    return library


class GatewayPluginIsolation(unittest.TestCase):
    """`finetune serve --plugin` with a plugin that calls abort() in an operation: the SDK gets a 502 in
    OpenAI's shape naming the plugin and the signal, and the same gateway process serves on."""

    @classmethod
    def setUpClass(cls):
        cls.home = tempfile.mkdtemp(prefix="finetune-gateway-plugin-")
        os.chmod(cls.home, 0o755)
        cls.plugin = crashing_plugin(cls.home, "crashy")
        cls.gateway = Gateway(cls.home)
        cls.key = cls.gateway.run("keys", "create", "alice").strip()
        cls.gateway.start("--plugin", cls.plugin)
        cls.client = cls.gateway.client(cls.key)

    @classmethod
    def tearDownClass(cls):
        if cls.gateway.process and cls.gateway.process.poll() is None:
            cls.gateway.kill(signal.SIGTERM)
        cls.gateway.log.close()

    def test_a_crashing_plugin_fails_its_request_and_the_gateway_serves_on(self):
        with open(TRAINING_DATA, "rb") as data:
            uploaded = self.client.files.create(file=data, purpose="fine-tune")
        job = self.client.fine_tuning.jobs.create(model="crashy/crashy-small", training_file=uploaded.id)
        self.assertEqual(job.status, "running")
        with self.assertRaises(openai.InternalServerError) as crashed:
            self.client.fine_tuning.jobs.cancel(job.id)
        self.assertEqual(crashed.exception.status_code, 502)
        self.assertEqual(crashed.exception.code, "plugin_abi")
        self.assertIn(f"plugin {self.plugin}: cancel_job crashed with signal 6 (SIGABRT)", crashed.exception.message)
        self.assertIsNone(self.gateway.process.poll(), "the gateway died with the plugin")
        self.assertEqual(self.client.fine_tuning.jobs.retrieve(job.id).status, "running")
        self.assertEqual([j.id for j in self.client.fine_tuning.jobs.list()], [job.id])


if __name__ == "__main__":
    unittest.main(verbosity=2)
