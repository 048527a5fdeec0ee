// The Python that writes the exported script's run folder in Autoencoder Lab's layout (src/runs/layout.ts), so the
// Runs tree, dashboard and Compare read a run trained elsewhere: experiment.json and data.json copied from the source
// run, metrics.jsonl one line per epoch (epochMetricsSchema), summary.json (runSummarySchema, backend "pytorch") with
// the owner's heartbeat that runs/runLiveness.ts reads, log.txt, and pytorch/ (weights and provenance).
// Run ids follow runs/createRunDir.ts; every JSON file is written atomically; only rank 0 makes one.
import { HEARTBEAT_INTERVAL_MS } from '../../runs/runLiveness';

export const RUN_FOLDER_IMPORTS = ['datetime', 'json', 'os', 're', 'socket', 'threading'];

export const RUN_FOLDER = `HEARTBEAT_SECONDS = ${HEARTBEAT_INTERVAL_MS / 1000 - 1}  # summary.json's owner.heartbeatAt is refreshed this often


def utc_now():
    """An ISO 8601 UTC time with milliseconds, as the run files write it."""
    return datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def write_json_atomically(path, value):
    """Writes a temporary file beside \`path\`, then renames it over: readers never see half a file."""
    temporary = f"{path}.{os.getpid()}.tmp"
    with open(temporary, "w", encoding="utf-8") as f:
        json.dump(value, f, indent=2, allow_nan=False)
        f.write("\\n")
        f.flush()
        os.fsync(f.fileno())
    os.replace(temporary, path)


def finite_or_none(value):
    return value if value is not None and math.isfinite(value) else None


class RunFolder:
    """<runs-dir>/<name>-<yyyymmdd-hhmmss>[-n]/, claimed by mkdir so an existing folder is never overwritten."""

    def __init__(self, runs_dir):
        stamp = datetime.datetime.now(datetime.timezone.utc).strftime("%Y%m%d-%H%M%S")
        name = re.sub(r"^[-.]+", "", re.sub(r"[^A-Za-z0-9._-]+", "-", NAME))[:60] or "run"
        os.makedirs(runs_dir, exist_ok=True)
        attempt = 0
        while True:
            self.run_id = f"{name}-{stamp}" if attempt == 0 else f"{name}-{stamp}-{attempt}"
            self.path = os.path.join(runs_dir, self.run_id)
            try:
                os.mkdir(self.path)
                break
            except FileExistsError:
                attempt += 1
        self.summary = None
        self.lock = threading.Lock()
        self.beating = threading.Event()
        with open(self.file("experiment.json"), "w", encoding="utf-8") as f:
            f.write(EXPERIMENT_JSON)
        if DATA_JSON is not None:
            with open(self.file("data.json"), "w", encoding="utf-8") as f:
                f.write(DATA_JSON)
        os.makedirs(self.file("pytorch"), exist_ok=True)

    def file(self, *parts):
        return os.path.join(self.path, *parts)

    def log(self, message):
        print(message, flush=True)
        with open(self.file("log.txt"), "a", encoding="utf-8") as f:
            f.write(f"{utc_now()} {message}\\n")

    def start(self, summary):
        """Writes the running summary and keeps its heartbeat fresh from a daemon thread until finish()."""
        self.summary = dict(summary, runId=self.run_id, status="running", startedAt=utc_now(), endedAt=None, error=None)
        self.write_summary()
        self.beating.set()
        threading.Thread(target=self.beat, daemon=True).start()

    def update(self, **fields):
        """Sets summary fields (written with the next epoch, heartbeat or the end)."""
        with self.lock:
            self.summary.update(fields)

    def owner(self):
        return {"pid": os.getpid(), "host": socket.gethostname(), "heartbeatAt": utc_now()}

    def write_summary(self):
        with self.lock:
            if self.summary["status"] == "running":
                self.summary["owner"] = self.owner()
            write_json_atomically(self.file("summary.json"), self.summary)

    def beat(self):
        while self.beating.is_set():
            time.sleep(HEARTBEAT_SECONDS)
            if self.beating.is_set():
                self.write_summary()

    def add_epoch(self, metrics):
        """One line of metrics.jsonl, flushed, and the summary's final/best values."""
        with open(self.file("metrics.jsonl"), "a", encoding="utf-8") as f:
            f.write(json.dumps(metrics, allow_nan=False) + "\\n")
            f.flush()
        self.record(metrics, epochs=metrics["epoch"])

    def record(self, metrics, epochs):
        with self.lock:
            self.summary.update(epochs=epochs, final=metrics)
            val_loss = metrics.get("val_loss")
            best = self.summary.get("best_val_loss")
            if val_loss is not None and (best is None or val_loss < best):
                self.summary.update(best_val_loss=val_loss, bestEpoch=metrics["epoch"])
        self.write_summary()

    def finish(self, status, error=None):
        """The one way a run ends: completed, stopped (a signal) or failed (an exception), never left running."""
        self.beating.clear()
        with self.lock:
            self.summary.pop("owner", None)
            self.summary.update(status=status, error=error, endedAt=utc_now())
        self.write_summary()`;
