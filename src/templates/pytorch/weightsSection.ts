// Python: a saved tfjs layers model's weights (model.json's weightsManifest and its binary files) read into a
// rebuilt Network, every weight exactly once, by layer name, converted to the torch layout by the layer's TfjsWeight.

export const PYTHON_LOAD_WEIGHTS = `def read_tfjs_weights(model_dir):
    """{name: float32 array in tfjs layout} of <model_dir>/model.json, and that file's path."""
    path = os.path.join(model_dir, "model.json")
    try:
        with open(path, encoding="utf-8") as file:
            manifest = json.load(file)
    except OSError as error:
        raise SystemExit(f"{path}: cannot be read ({error.strerror}); expected the model.json of a saved tfjs model")
    except ValueError as error:
        raise SystemExit(f"{path}: is not JSON ({error})")
    groups = manifest.get("weightsManifest") if isinstance(manifest, dict) else None
    if not isinstance(groups, list):
        raise SystemExit(
            f"{path}: weightsManifest is missing; "
            "expected a tfjs layers model.json with weightsManifest[].paths and .weights"
        )
    arrays = {}
    for group in groups:
        data = b""
        for name in group.get("paths", []):
            try:
                with open(os.path.join(model_dir, name), "rb") as file:
                    data += file.read()
            except OSError as error:
                raise SystemExit(f"{path}: weights file {name} cannot be read ({error.strerror})")
        offset = 0
        for spec in group.get("weights", []):
            name, dtype = spec.get("name"), spec.get("dtype", "float32")
            shape = [int(size) for size in spec.get("shape", [])]
            if dtype != "float32" or spec.get("quantization"):
                stored = f"{dtype} quantized" if spec.get("quantization") else dtype
                raise SystemExit(f"{path}: weight {name} is stored as {stored}; expected float32")
            if name in arrays:
                raise SystemExit(f"{path}: weight {name} is listed twice; expected each weight once")
            size = 4 * math.prod(shape)
            if offset + size > len(data):
                files = ", ".join(group.get("paths", []))
                raise SystemExit(
                    f"{path}: weight {name} (shape {shape}) ends at byte {offset + size}, "
                    f"but {files} hold only {len(data)} bytes"
                )
            arrays[name] = np.frombuffer(data, dtype="<f4", count=size // 4, offset=offset).reshape(shape)
            offset += size
    return path, arrays


def load_tfjs_weights(network, model_dir):
    """Assigns every weight of <model_dir>/model.json to the layer of the same name in \`network\` (a Network, or a
    DistributedDataParallel around one), converting tfjs layouts to torch ones. A missing, extra or mis-shaped weight
    stops the script naming model.json and the weight."""
    network = getattr(network, "module", network)
    path, arrays = read_tfjs_weights(model_dir)
    expected = dict(network.tfjs_weights())
    for name, weight in expected.items():
        if name not in arrays:
            layer = name.rsplit("/", 1)[0]
            raise SystemExit(
                f"{path}: weight {name} is missing; expected shape {weight.shape} "
                f"(layer {layer} of network {network.name})"
            )
        if list(arrays[name].shape) != weight.shape:
            found = list(arrays[name].shape)
            raise SystemExit(f"{path}: weight {name} has shape {found}; expected shape {weight.shape}")
    for name, array in arrays.items():
        if name not in expected:
            raise SystemExit(
                f"{path}: weight {name} (shape {list(array.shape)}) belongs to no layer of network {network.name}; "
                f"expected shape: none, its weights are {', '.join(expected)}"
            )
    for name, weight in expected.items():
        weight.assign(torch.from_numpy(arrays[name].copy()))`;
