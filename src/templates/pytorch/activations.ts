// tfjs activation names (as a saved model.json spells them) and the torch function each one is, in one table: the
// Python ACTIVATIONS dict is written from it and checkExportableNetwork refuses any name it does not hold.

/** Keyed by activationKey(name): tfjs writes camelCase (hardSigmoid), Keras snake_case (hard_sigmoid). */
const TORCH_ACTIVATIONS: Record<string, string> = {
  linear: 'lambda x: x',
  relu: 'F.relu',
  relu6: 'F.relu6',
  sigmoid: 'torch.sigmoid',
  // Keras 2 / tfjs hard sigmoid: clip(0.2 x + 0.5, 0, 1); torch's hardsigmoid uses x / 6 instead.
  hardsigmoid: 'lambda x: torch.clamp(0.2 * x + 0.5, 0.0, 1.0)',
  tanh: 'torch.tanh',
  softmax: 'lambda x: F.softmax(x, dim=-1)',
  logsoftmax: 'lambda x: F.log_softmax(x, dim=-1)',
  elu: 'F.elu',
  selu: 'F.selu',
  softplus: 'F.softplus',
  softsign: 'F.softsign',
  swish: 'F.silu',
  mish: 'F.mish',
  gelu: 'F.gelu',
  // tfjs "gelu_new" is the tanh approximation.
  gelunew: 'lambda x: F.gelu(x, approximate="tanh")',
};

export function activationKey(name: string): string {
  return name.toLowerCase().replace(/_/g, '');
}

export function isTorchActivation(name: unknown): boolean {
  return typeof name === 'string' && activationKey(name) in TORCH_ACTIVATIONS;
}

export const TORCH_ACTIVATION_NAMES = Object.keys(TORCH_ACTIVATIONS);

/** The Python dict, and activation(name), which looks names up the same way activationKey does. */
export const PYTHON_ACTIVATIONS = `ACTIVATIONS = {
${Object.entries(TORCH_ACTIVATIONS)
  .map(([key, fn]) => `    ${JSON.stringify(key)}: ${fn},`)
  .join('\n')}
}


def activation(name):
    """The torch function of a tfjs/Keras activation name (relu, hardSigmoid, hard_sigmoid, ...)."""
    key = str(name or "linear").lower().replace("_", "")
    if key not in ACTIVATIONS:
        raise SystemExit(f"activation {name!r} cannot be rebuilt; expected one of {', '.join(ACTIVATIONS)}")
    return ACTIVATIONS[key]`;
