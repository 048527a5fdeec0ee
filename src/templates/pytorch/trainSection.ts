// The exported script's training: the optimizer with tfjs' settings, one process or torchrun's (DistributedDataParallel,
// a DistributedSampler, metrics all-reduced so every rank agrees, rank 0 alone writing the run folder), evaluation in
// eval mode without gradients, and main() with its options and the one way a run ends (completed, stopped, failed).
import { indentPython } from '../python/pythonLiteral';

export const TRAIN_IMPORTS = ['argparse', 'copy', 'math', 'os', 'signal', 'sys', 'time'];

/** The Autoencoder module: its forward() is the kind's loss, so DistributedDataParallel syncs what it computes. */
export function autoencoderModule(forwardBody: string): string {
  return `class Autoencoder(nn.Module):
    """The encoder and decoder, with the kind's loss as forward(inputs, targets) -> {part: value}."""

    def __init__(self, encoder, decoder):
        super().__init__()
        self.encoder = encoder
        self.decoder = decoder

    def forward(self, inputs, targets):
${indentPython(forwardBody, 8)}`;
}

export const TRAIN = `TFJS_EPSILON = 1e-7  # the epsilon of the run's optimizers (the tfjs backend's)
EVAL_BATCH = 1024
VALIDATION_NOISE_SEED = SEED + 12345  # denoising: validation inputs get the same noise every epoch


def make_optimizer(parameters):
    """training.optimizer with the run's (tfjs') defaults."""
    if OPTIMIZER == "sgd":
        return torch.optim.SGD(parameters, lr=LEARNING_RATE)
    if OPTIMIZER == "rmsprop":
        # tfjs adds epsilon under the square root, torch after it: they differ only for the tiniest gradients.
        return torch.optim.RMSprop(parameters, lr=LEARNING_RATE, alpha=0.9, eps=TFJS_EPSILON)
    if OPTIMIZER == "adadelta":
        return torch.optim.Adadelta(parameters, lr=LEARNING_RATE, rho=0.95, eps=TFJS_EPSILON)
    return torch.optim.Adam(parameters, lr=LEARNING_RATE, betas=(0.9, 0.999), eps=TFJS_EPSILON)


class Processes:
    """This process among torchrun's (WORLD_SIZE, RANK, LOCAL_RANK); one process without torchrun."""

    def __init__(self, device_name):
        self.world = int(os.environ.get("WORLD_SIZE", "1"))
        self.rank = int(os.environ.get("RANK", "0"))
        local_rank = int(os.environ.get("LOCAL_RANK", "0"))
        local_world = int(os.environ.get("LOCAL_WORLD_SIZE", str(self.world)))
        if device_name == "cuda" and self.world > 1:
            self.device = torch.device("cuda", local_rank)  # one GPU per process
        else:
            self.device = torch.device(device_name)
        if self.device.type == "cuda" and self.device.index is not None:
            torch.cuda.set_device(self.device)
        if self.device.type == "cpu":  # the processes on this machine share its cores rather than each taking all
            torch.set_num_threads(max(1, (os.cpu_count() or 1) // local_world))
        if self.world > 1:
            dist.init_process_group("nccl" if self.device.type == "cuda" else "gloo")

    def summed(self, values):
        """Element-wise sum over every process (all-reduce), so every rank sees the same metrics."""
        if self.world > 1:
            dist.all_reduce(values)
        return values


def part_means(processes, sums):
    """{part: mean} from per-process [part sums..., sample count]; None without samples."""
    sums = processes.summed(sums)
    count = sums[-1].item()
    if count == 0:
        return None
    return {name: round(value / count, 6) for name, value in zip(LOSS_PARTS, sums[:-1].tolist())}


def batch_sums(parts, rows):
    values = [parts[name].detach().double() for name in LOSS_PARTS]
    return torch.stack(values + [torch.ones_like(values[0])]) * rows


def evaluate(model, x, processes):
    """Mean loss parts over \`x\` in eval mode without gradients; process r takes every r-th batch of EVAL_BATCH."""
    model.eval()
    sums = torch.zeros(len(LOSS_PARTS) + 1, dtype=torch.float64, device=processes.device)
    with torch.no_grad():
        for index, start in enumerate(range(0, len(x), EVAL_BATCH)):
            if index % processes.world != processes.rank:
                continue
            clean = torch.from_numpy(x[start : start + EVAL_BATCH]).to(processes.device)
            if CORRUPTS:  # the same noise for the same samples every epoch, whatever the number of processes
                inputs = corrupt(clean, torch.Generator().manual_seed(VALIDATION_NOISE_SEED + start))
            else:
                inputs = clean
            sums += batch_sums(model(inputs, clean), len(clean))
    return part_means(processes, sums)


def train_epoch(trained, optimizer, loader, processes, generator):
    """One pass over this process's share of the training set; the loss parts averaged over every process."""
    trained.train()
    sums = torch.zeros(len(LOSS_PARTS) + 1, dtype=torch.float64, device=processes.device)
    for (clean,) in loader:
        clean = clean.to(processes.device, non_blocking=True)
        inputs = corrupt(clean, generator) if CORRUPTS else clean
        parts = trained(inputs, clean)
        optimizer.zero_grad(set_to_none=True)
        parts["loss"].backward()
        if CLIP_NORM is not None:
            nn.utils.clip_grad_norm_(trained.parameters(), CLIP_NORM)
        optimizer.step()
        sums += batch_sums(parts, len(clean))
    return part_means(processes, sums)


def epoch_metrics(epoch, train, validation, seconds, samples, world, learning_rate=None, kl_weight=None):
    """One metrics.jsonl line: loss, val_loss, timing, the processes, the learning rate and KL weight (\`beta\`) when
    trained, and each loss part with its val_ version."""
    metrics = {
        "epoch": epoch,
        "loss": train["loss"],
        "val_loss": validation["loss"] if validation else None,
        "seconds": round(seconds, 3),
        "samples_per_second": round(samples / max(seconds, 1e-9), 1),
        "threads": world,
    }
    if learning_rate is not None:
        metrics["lr"] = learning_rate
    if kl_weight is not None:
        metrics["beta"] = kl_weight
    for name in LOSS_PARTS[1:]:
        metrics[name] = finite_or_none(train[name])
        metrics[f"val_{name}"] = finite_or_none(validation[name]) if validation else None
    return metrics


class Stopped(Exception):
    """SIGTERM (exit 143) or Ctrl+C (exit 130): the run ends as "stopped"."""

    def __init__(self, exit_code):
        super().__init__(f"stopped by a signal (exit {exit_code})")
        self.exit_code = exit_code


class StopSignal:
    """SIGTERM stops the run at once, except while an epoch's files are written: then right after, so that
    metrics.jsonl, summary.json and the weights always agree."""

    def __init__(self):
        self.deferring = False
        self.pending = None

    def __call__(self, signum, frame):
        if self.deferring:
            self.pending = 143
        else:
            raise Stopped(143)

    def __enter__(self):
        self.deferring = True

    def __exit__(self, *exc_info):
        self.deferring = False
        if self.pending is not None and exc_info[0] is None:
            raise Stopped(self.pending)


STOP_SIGNAL = StopSignal()


def parse_args():
    parser = argparse.ArgumentParser(description=DESCRIPTION)
    parser.add_argument("--epochs", type=int, default=EPOCHS, help="epochs to train; 0 only evaluates")
    parser.add_argument("--init-from", help="an Autoencoder Lab run folder: start from its trained weights")
    parser.add_argument("--data", default=None, help="the data (default: the run's)")
    parser.add_argument("--runs-dir", default=".aelab/runs", help="where the new run folder goes")
    default_device = "cuda" if torch.cuda.is_available() else "cpu"
    parser.add_argument("--device", default=default_device, help="cpu, cuda, cuda:1, ...")
    parser.add_argument("--batch-size", type=int, default=BATCH_SIZE, help="the global batch, split over the processes")
    parser.add_argument("--seed", type=int, default=SEED, help="the split and initialisation (the run's by default)")
    args = parser.parse_args()
    if args.epochs < 0 or args.batch_size < 1:
        parser.error("--epochs must be 0 or more and --batch-size 1 or more")
    if args.init_from is not None:
        for part in ("encoder", "decoder"):
            if not os.path.isfile(os.path.join(args.init_from, part, "model.json")):
                parser.error(f"--init-from {args.init_from}: not a run folder ({part}/model.json is missing)")
    return args


def source_epoch(run_dir):
    """The epoch whose weights --init-from loads: that run's modelsEpoch, else its epoch count."""
    try:
        with open(os.path.join(run_dir, "summary.json"), encoding="utf-8") as f:
            summary = json.load(f)
    except (OSError, ValueError):
        return 1
    return max(1, int(summary.get("modelsEpoch") or summary.get("epochs") or 1))


def save_weights(run, encoder, decoder, processes, init_from):
    weights = run.file("pytorch", "autoencoder.pt")
    torch.save({"encoder": encoder.state_dict(), "decoder": decoder.state_dict()}, weights + ".tmp")
    os.replace(weights + ".tmp", weights)
    source = {
        "script": os.path.abspath(__file__),
        "torch": torch.__version__,
        "world_size": processes.world,
        "device": str(processes.device),
        "init_from": os.path.abspath(init_from) if init_from else None,
    }
    write_json_atomically(run.file("pytorch", "source.json"), source)
    write_tfjs_models(run, encoder, decoder)


def train(args, processes, run):
    """Loads and splits the data, builds the networks, trains args.epochs epochs (or evaluates), saves."""
    global SEED, KL_WEIGHT
    SEED = args.seed
    data_path = args.data or DEFAULT_DATA
    if not os.path.exists(data_path):
        raise SystemExit(f"{data_path}: no such file or folder; pass --data with the data's path on this machine")
    raw = load_raw(data_path)
    samples = normalize(raw)
    x_train, x_val = split(samples)
    torch.manual_seed(SEED)  # the same initial weights in every process
    encoder, decoder = Network(ENCODER), Network(DECODER)
    if args.init_from:
        load_tfjs_weights(encoder, os.path.join(args.init_from, "encoder"))
        load_tfjs_weights(decoder, os.path.join(args.init_from, "decoder"))
    model = Autoencoder(encoder, decoder).to(processes.device)
    torch.manual_seed(SEED * 1000 + processes.rank)  # sampling noise differs per process
    generator = torch.Generator().manual_seed(SEED * 1000 + processes.rank)
    if run:
        dropped = len(raw) - len(samples)
        run.update(
            parameterCount=sum(p.numel() for p in model.parameters()),
            trainSamples=len(x_train),
            validationSamples=len(x_val),
            droppedSamples={"count": dropped, "reasons": {"NaN or infinite value": dropped} if dropped else {}},
        )
        run.log(f"{len(x_train)} training and {len(x_val)} validation samples of shape {INPUT_SHAPE}")
        run.log(f"{processes.world} process(es) on {processes.device}, {run.summary['parameterCount']} parameters")
    if args.epochs == 0:
        started = time.time()
        measured = evaluate(model, x_train, processes)
        validation = evaluate(model, x_val, processes)
        seconds = time.time() - started
        if run:
            epoch = source_epoch(args.init_from) if args.init_from else 1
            samples = len(x_train) + len(x_val)
            run.record(epoch_metrics(epoch, measured, validation, seconds, samples, processes.world), epochs=0)
            run.log(f"evaluated: loss {measured['loss']}, val_loss {validation['loss'] if validation else None}")
            save_weights(run, encoder, decoder, processes, args.init_from)
        return
    if processes.world > 1:
        device_ids = [processes.device.index] if processes.device.type == "cuda" else None
        trained = DistributedDataParallel(model, device_ids=device_ids)
    else:
        trained = model
    train_set = TensorDataset(torch.from_numpy(x_train))
    sampler = DistributedSampler(train_set, processes.world, processes.rank, shuffle=True, seed=SEED)
    per_process = max(1, args.batch_size // processes.world)
    loader = DataLoader(train_set, batch_size=per_process, sampler=sampler)
    optimizer = make_optimizer(model.parameters())
    aids = TrainingAids(args.epochs)
    for epoch in range(1, args.epochs + 1):
        learning_rate = aids.learning_rate(epoch)
        for group in optimizer.param_groups:
            group["lr"] = learning_rate
        kl_weight = scheduled_kl_weight(epoch, args.epochs)
        if kl_weight is not None:  # the loss reads it, in training and in this epoch's validation
            KL_WEIGHT = kl_weight
        sampler.set_epoch(epoch)
        started = time.time()
        measured = train_epoch(trained, optimizer, loader, processes, generator)
        validation = evaluate(model, x_val, processes)
        seconds = time.time() - started
        if not math.isfinite(measured["loss"]):
            raise Diverged(epoch, measured["loss"])
        metrics = epoch_metrics(epoch, measured, validation, seconds, len(x_train), processes.world, learning_rate, kl_weight)
        stop = aids.after_epoch(epoch, metrics, model)
        if run:
            with STOP_SIGNAL:
                run.add_epoch(metrics)
                save_weights(run, encoder, decoder, processes, args.init_from)
            losses = f"loss {metrics['loss']}, val_loss {metrics['val_loss']}"
            run.log(f"epoch {epoch}/{args.epochs}: {losses}, {seconds:.1f} s")
        if stop:
            break
    if run and aids.stopped_early:
        early = aids.stopped_early
        last = f"{early['monitor']} last improved to {early['best']} in epoch {early['bestEpoch']}"
        run.log(f"early stopping after epoch {early['epoch']}: {last}")
        run.update(stoppedEarly=early)
    if aids.best_state is not None:  # earlyStopping.restoreBest: the saved weights are the best epoch's
        model.load_state_dict(aids.best_state)
        if run:
            save_weights(run, encoder, decoder, processes, args.init_from)
            run.update(modelsEpoch=aids.early.best_epoch)


class Diverged(Exception):
    def __init__(self, epoch, loss):
        super().__init__(f"the training loss became {loss} in epoch {epoch}; try a smaller learning rate")
        self.epoch = epoch


def main():
    args = parse_args()
    processes = Processes(args.device)
    signal.signal(signal.SIGTERM, STOP_SIGNAL)
    run = RunFolder(args.runs_dir) if processes.rank == 0 else None
    if run:
        run.start(
            {
                "name": NAME,
                "kind": KIND,
                "backend": "pytorch",
                "epochs": 0,
                "epochsPlanned": args.epochs,
                "final": None,
                "best_val_loss": None,
                "parameterCount": 0,
                "trainSamples": 0,
                "validationSamples": 0,
                "droppedSamples": {"count": 0, "reasons": {}},
            }
        )
        run.log(f"run folder {run.path}")
    exit_code = 0
    try:
        train(args, processes, run)
        if run:
            run.finish("completed")
    except (Stopped, KeyboardInterrupt) as stop:
        exit_code = stop.exit_code if isinstance(stop, Stopped) else 130
        if run:
            run.log(f"stopped (exit {exit_code})")
            run.finish("stopped")
    except Diverged as error:
        exit_code = 1
        if run:
            run.log(str(error))
            run.finish("failed", {"message": str(error), "reason": "diverged", "epoch": error.epoch})
    except SystemExit as error:  # a bad input: the message names the file and what was expected
        exit_code = error.code if isinstance(error.code, int) else 2
        if run:
            run.log(str(error.code))
            run.finish("failed", {"message": str(error.code), "reason": "input"})
        if not isinstance(error.code, int):
            print(error.code, file=sys.stderr)
    except BaseException as error:
        if run:
            run.log(f"crashed: {type(error).__name__}: {error}")
            run.finish("failed", {"message": f"{type(error).__name__}: {error}", "reason": "crashed"})
        raise
    finally:
        if dist.is_initialized():
            dist.destroy_process_group()
    sys.exit(exit_code)


if __name__ == "__main__":
    main()`;
