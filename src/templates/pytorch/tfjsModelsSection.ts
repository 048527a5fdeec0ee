// Python: the trained torch weights written back as tfjs layers models (encoder/, decoder/ and model/ with the source
// run's topologies), so Autoencoder Lab applies, evaluates and serves a run trained by the script like one of its own.
// Each folder is replaced the way runs/atomicWrite.ts replaceDirAtomic does it (temp folder, rename, `.old` swap),
// so runs/atomicWrite.ts recoverRunWrites tidies what a kill leaves.

export const TFJS_MODELS_IMPORTS = ['shutil'];

export const PYTHON_SAVE_TFJS_MODELS = `def write_tfjs_model(folder, topology, named_arrays):
    """<folder>/model.json and weights.bin in the tfjs layers format; the folder is replaced as a whole."""
    temporary, old = f"{folder}.{os.getpid()}.tmp", f"{folder}.{os.getpid()}.old"
    shutil.rmtree(temporary, ignore_errors=True)
    specs, chunks = [], []
    for name, array in named_arrays:
        data = np.ascontiguousarray(array, dtype="<f4")
        specs.append({"name": name, "shape": list(data.shape), "dtype": "float32"})
        chunks.append(data.tobytes())
    model_json = {
        "format": "layers-model",
        "generatedBy": f"PyTorch {torch.__version__} (a script exported by Autoencoder Lab)",
        "convertedBy": None,
        "modelTopology": topology,
        "weightsManifest": [{"paths": ["./weights.bin"], "weights": specs}],
    }
    try:
        os.makedirs(temporary)
        with open(os.path.join(temporary, "weights.bin"), "wb") as f:
            f.write(b"".join(chunks))
            f.flush()
            os.fsync(f.fileno())
        write_json_atomically(os.path.join(temporary, "model.json"), model_json)
        if os.path.exists(folder):
            os.replace(folder, old)
        os.replace(temporary, folder)
    except BaseException:  # a full disk or a kill: the previous epoch's folder stays, nothing half written beside it
        shutil.rmtree(temporary, ignore_errors=True)
        if not os.path.exists(folder) and os.path.exists(old):
            os.replace(old, folder)
        raise
    shutil.rmtree(old, ignore_errors=True)


def tfjs_arrays(network):
    """(tfjs weight name, float32 array in the tfjs layout) of every weight of a Network (a module of the Autoencoder,
    so never wrapped in DistributedDataParallel)."""
    return [(name, weight.tfjs_value()) for name, weight in network.tfjs_weights()]


def write_tfjs_models(run, encoder, decoder):
    """The run's encoder/, decoder/ and (when the source run had one) model/ folders, from the trained networks. Each
    holds the weights its source model.json names, in that order (model/ leaves out what it does not use, such as a
    VAE's z_log_var head)."""
    arrays = dict(tfjs_arrays(encoder) + tfjs_arrays(decoder))
    for part in ("encoder", "decoder", "model"):
        saved = TFJS_MODELS.get(part)
        if saved is None:
            continue
        missing = [name for name in saved["weights"] if name not in arrays]
        if missing:  # not worth ending the training over: the run only cannot be applied in VS Code
            run.log(f"{part}/ not written: the source run's {part}/model.json names weights the networks lack: {', '.join(missing)}")
            continue
        write_tfjs_model(run.file(part), saved["topology"], [(name, arrays[name]) for name in saved["weights"]])`;
