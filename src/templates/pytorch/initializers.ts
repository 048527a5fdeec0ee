// Python: fresh weights drawn as the tfjs/Keras initializer config in the layer says (Glorot, He, LeCun, variance
// scaling, normal, uniform, truncated normal, orthogonal, constants), in the tfjs layout and with Keras' fan rules,
// then converted to the torch layout by the same function that converts loaded weights. The draws use torch's RNG
// (seeded by the script), not the config's tfjs seed.

/** Initializer class names the Python `initial_values` draws, lower-cased without underscores. */
export const TORCH_INITIALIZERS = [
  'zeros',
  'ones',
  'constant',
  'randomnormal',
  'randomuniform',
  'truncatednormal',
  'variancescaling',
  'glorotuniform',
  'glorotnormal',
  'heuniform',
  'henormal',
  'lecununiform',
  'lecunnormal',
  'orthogonal',
  'identity',
];

export const PYTHON_INITIALIZERS = `# Named VarianceScaling presets: (scale, mode, distribution), as Keras defines them.
VARIANCE_SCALING_PRESETS = {
    "glorotuniform": (1.0, "fan_avg", "uniform"),
    "glorotnormal": (1.0, "fan_avg", "truncated_normal"),
    "heuniform": (2.0, "fan_in", "uniform"),
    "henormal": (2.0, "fan_in", "truncated_normal"),
    "lecununiform": (1.0, "fan_in", "uniform"),
    "lecunnormal": (1.0, "fan_in", "truncated_normal"),
}


def keras_fans(shape):
    """Keras' fan_in/fan_out of a kernel in tfjs layout ([in, out], or [*kernel, in, out] for convs)."""
    if len(shape) < 2:
        return (shape[0], shape[0]) if shape else (1, 1)
    receptive = math.prod(shape[:-2])
    return shape[-2] * receptive, shape[-1] * receptive


def truncated_normal(shape, mean, stddev):
    values = torch.empty(shape)
    nn.init.trunc_normal_(values, mean, stddev, mean - 2 * stddev, mean + 2 * stddev)
    return values


def variance_scaling(shape, scale, mode, distribution):
    fan_in, fan_out = keras_fans(shape)
    fan = {"fan_in": fan_in, "fan_out": fan_out}.get(mode, (fan_in + fan_out) / 2)
    scale = scale / max(1.0, fan)
    if distribution == "uniform":
        limit = math.sqrt(3.0 * scale)
        return torch.empty(shape).uniform_(-limit, limit)
    if distribution == "untruncated_normal":
        return torch.randn(shape) * math.sqrt(scale)
    # "normal" is truncated in tfjs and Keras 2; 0.8796... is the stddev of a unit normal truncated at 2 sigma.
    return truncated_normal(shape, 0.0, math.sqrt(scale) / 0.87962566103423978)


def initial_values(initializer, shape):
    """A float32 tensor of \`shape\` (tfjs layout) drawn as the initializer config {"class_name", "config"} says."""
    shape = tuple(int(size) for size in shape)
    name = initializer.get("class_name", "") if isinstance(initializer, dict) else str(initializer or "")
    config = (initializer.get("config") or {}) if isinstance(initializer, dict) else {}
    key = name.lower().replace("_", "")
    if key == "zeros":
        return torch.zeros(shape)
    if key == "ones":
        return torch.ones(shape)
    if key == "constant":
        return torch.full(shape, float(config.get("value", 0.0)))
    if key == "randomnormal":
        return torch.randn(shape) * config.get("stddev", 0.05) + config.get("mean", 0.0)
    if key == "randomuniform":
        return torch.empty(shape).uniform_(config.get("minval", -0.05), config.get("maxval", 0.05))
    if key == "truncatednormal":
        return truncated_normal(shape, config.get("mean", 0.0), config.get("stddev", 0.05))
    if key in VARIANCE_SCALING_PRESETS:
        return variance_scaling(shape, *VARIANCE_SCALING_PRESETS[key])
    if key == "variancescaling":
        scale, mode = config.get("scale", 1.0), config.get("mode", "fan_in")
        return variance_scaling(shape, scale, mode, config.get("distribution", "truncated_normal"))
    if key == "orthogonal":
        # Keras makes the [prod(shape[:-1]), shape[-1]] matrix orthogonal.
        flat = torch.empty(math.prod(shape[:-1]), shape[-1])
        nn.init.orthogonal_(flat, config.get("gain", 1.0))
        return flat.reshape(shape)
    if key == "identity" and len(shape) == 2:
        return torch.eye(*shape) * config.get("gain", 1.0)
    raise SystemExit(
        f"initializer {name!r} cannot be rebuilt; expected one of zeros, ones, constant, random_normal, "
        "random_uniform, truncated_normal, variance_scaling (Glorot, He, LeCun), orthogonal, identity"
    )`;
