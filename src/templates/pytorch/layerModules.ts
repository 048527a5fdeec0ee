// Python: one torch module per tfjs layer class a run's model.json can hold. Tensors between layers stay in the tfjs
// layout (images NHWC, sequences [N, steps, channels]), so Flatten, Reshape, Concatenate and softmax see tfjs's element
// order and dense kernels after a Flatten load unchanged. The convolution and pooling layers are in convModules.ts,
// the recurrent ones in recurrentModules.ts; this file holds what every layer shares, the rest, and the table.
//
// Every module lists its weights as TfjsWeight entries (tfjs name suffix, tfjs shape, initializer, where the torch
// tensor lives, and the layout conversion), which both fresh initialisation and load_tfjs_weights read.
import { PYTHON_CONV_MODULES } from './convModules';
import { PYTHON_RECURRENT_MODULES } from './recurrentModules';

/** The layer classes LAYER_MODULES (Python) rebuilds; exportableLayers.ts checks each one's config. */
export const PYTHON_LAYER_CLASSES = [
  'Dense',
  'Conv1D',
  'Conv2D',
  'Conv2DTranspose',
  'MaxPooling1D',
  'MaxPooling2D',
  'AveragePooling1D',
  'AveragePooling2D',
  'UpSampling2D',
  'Cropping2D',
  'ZeroPadding2D',
  'Flatten',
  'Reshape',
  'Dropout',
  'BatchNormalization',
  'Activation',
  'LeakyReLU',
  'ELU',
  'Softmax',
  'Concatenate',
  'Add',
  'Subtract',
  'Multiply',
  'Average',
  'Maximum',
  'Minimum',
  'RepeatVector',
  'LSTM',
] as const;

const PYTHON_LAYER_BASE = `def as_tuple(value, rank):
    """A Keras int-or-list option (kernel_size, strides, ...) as a tuple of \`rank\` ints."""
    if isinstance(value, (list, tuple)):
        return tuple(int(v) for v in value)
    return (int(value),) * rank


class TfjsWeight:
    """One tfjs weight of a layer: its name after "<layer>/", its tfjs shape and initializer, and the torch tensor
    it becomes (looked up on \`owner\` by attribute name, since .to(device) replaces buffers)."""

    def __init__(self, suffix, shape, initializer, owner, attribute, to_torch=None, to_tfjs=None):
        self.suffix = suffix
        self.shape = [int(size) for size in shape]
        self.initializer = initializer
        self.owner = owner
        self.attribute = attribute
        self.to_torch = to_torch or (lambda value: value)
        self.to_tfjs = to_tfjs or (lambda value: value)

    def assign(self, value):
        """Copies \`value\` (tfjs layout, shape checked by the caller) into the torch tensor."""
        target = getattr(self.owner, self.attribute)
        with torch.no_grad():
            target.copy_(self.to_torch(value).to(dtype=target.dtype, device=target.device))

    def initialize(self):
        self.assign(initial_values(self.initializer, self.shape))

    def tfjs_value(self):
        """The torch tensor as a float32 numpy array in the tfjs layout, checked against the tfjs shape."""
        value = self.to_tfjs(getattr(self.owner, self.attribute).detach().to("cpu", torch.float32)).contiguous()
        if list(value.shape) != self.shape:
            raise RuntimeError(f"weight {self.suffix}: torch gives shape {list(value.shape)}; tfjs expects {self.shape}")
        return value.numpy()


def glorot():
    return {"class_name": "GlorotUniform", "config": {}}


def zeros():
    return {"class_name": "Zeros", "config": {}}


class TfjsLayer(nn.Module):
    """Base of the rebuilt layers: \`weights\` lists the layer's TfjsWeight entries."""

    def __init__(self):
        super().__init__()
        self.weights = []`;

const PYTHON_CORE_MODULES = `def transposed(matrix):
    """A Dense kernel between tfjs [in, out] and torch Linear [out, in], either way: a transpose is its own inverse."""
    return matrix.t()


class Dense(TfjsLayer):
    def __init__(self, config, input_shapes):
        super().__init__()
        features = input_shapes[0][-1]
        units = int(config["units"])
        self.linear = nn.Linear(features, units, bias=config.get("use_bias", True))
        self.activation = activation(config.get("activation"))
        kernel_init, bias_init = config.get("kernel_initializer", glorot()), config.get("bias_initializer", zeros())
        kernel = TfjsWeight("kernel", [features, units], kernel_init, self.linear, "weight", transposed, transposed)
        self.weights.append(kernel)
        if self.linear.bias is not None:
            self.weights.append(TfjsWeight("bias", [units], bias_init, self.linear, "bias"))

    def forward(self, x):
        return self.activation(self.linear(x))


class Flatten(TfjsLayer):
    def __init__(self, config, input_shapes):
        super().__init__()

    def forward(self, x):
        return x.reshape(x.shape[0], -1)


class Reshape(TfjsLayer):
    def __init__(self, config, input_shapes):
        super().__init__()
        self.target = tuple(int(size) for size in config["target_shape"])

    def forward(self, x):
        return x.reshape(x.shape[0], *self.target)


class Dropout(TfjsLayer):
    """Dropout follows module.train()/eval(), like tfjs's training flag."""

    def __init__(self, config, input_shapes):
        super().__init__()
        self.dropout = nn.Dropout(float(config.get("rate", 0.0)))

    def forward(self, x):
        return self.dropout(x)


def batch_moments(moved, dims):
    """The per-feature mean and biased variance of a batch (features last). Under DistributedDataParallel each process
    holds a share of the global batch: the sums are all-reduced, differentiably, so every process normalises by the
    global batch's moments as one process training the whole batch would (what torch's SyncBatchNorm does for its own
    layer)."""
    if not (dist.is_available() and dist.is_initialized() and dist.get_world_size() > 1):
        return moved.mean(dim=dims), moved.var(dim=dims, unbiased=False)
    from torch.distributed.nn.functional import all_reduce

    wide = moved.double()  # E[x^2] - E[x]^2 in float64, so the difference keeps its digits
    count = wide.new_tensor([float(math.prod(moved.shape[:-1]))])
    total = all_reduce(torch.cat([wide.sum(dim=dims), (wide * wide).sum(dim=dims), count]))
    features = moved.shape[-1]
    mean = total[:features] / total[-1]
    variance = (total[features : 2 * features] / total[-1] - mean * mean).clamp(min=0.0)
    return mean.to(moved.dtype), variance.to(moved.dtype)


class BatchNormalization(TfjsLayer):
    """Normalises over \`axis\` (the channels, last by default) in any rank. Training normalises by the batch's
    mean and biased variance (the global batch's under torchrun: batch_moments) and moves the moving averages towards
    them, keeping \`momentum\` of the old value, as tfjs does (torch's BatchNorm would move the variance towards the
    unbiased one); eval uses the moving averages."""

    def __init__(self, config, input_shapes):
        super().__init__()
        shape = input_shapes[0]
        axis = config.get("axis", -1)
        axis = axis[0] if isinstance(axis, (list, tuple)) else axis
        self.axis = axis if axis < 0 else axis - len(shape) - 1
        features = shape[self.axis]
        self.epsilon = float(config.get("epsilon", 1e-3))
        self.momentum = float(config.get("momentum", 0.99))
        self.gamma = nn.Parameter(torch.ones(features)) if config.get("scale", True) else None
        self.beta = nn.Parameter(torch.zeros(features)) if config.get("center", True) else None
        self.register_buffer("moving_mean", torch.zeros(features))
        self.register_buffer("moving_variance", torch.ones(features))
        for suffix in ("gamma", "beta", "moving_mean", "moving_variance"):
            if getattr(self, suffix) is not None:
                default = "Ones" if suffix in ("gamma", "moving_variance") else "Zeros"
                initializer = config.get(f"{suffix}_initializer", {"class_name": default, "config": {}})
                self.weights.append(TfjsWeight(suffix, [features], initializer, self, suffix))

    def forward(self, x):
        moved = x.movedim(self.axis, -1)
        if self.training:
            mean, variance = batch_moments(moved, tuple(range(moved.dim() - 1)))
            with torch.no_grad():
                self.moving_mean.mul_(self.momentum).add_(mean.detach(), alpha=1 - self.momentum)
                self.moving_variance.mul_(self.momentum).add_(variance.detach(), alpha=1 - self.momentum)
        else:
            mean, variance = self.moving_mean, self.moving_variance
        y = (moved - mean) * torch.rsqrt(variance + self.epsilon)
        if self.gamma is not None:
            y = y * self.gamma
        if self.beta is not None:
            y = y + self.beta
        return y.movedim(-1, self.axis)


class Activation(TfjsLayer):
    def __init__(self, config, input_shapes):
        super().__init__()
        self.activation = activation(config.get("activation"))

    def forward(self, x):
        return self.activation(x)


class LeakyReLU(TfjsLayer):
    def __init__(self, config, input_shapes):
        super().__init__()
        self.alpha = float(config.get("alpha", config.get("negative_slope", 0.3)))

    def forward(self, x):
        return F.leaky_relu(x, self.alpha)


class ELU(TfjsLayer):
    def __init__(self, config, input_shapes):
        super().__init__()
        self.alpha = float(config.get("alpha", 1.0))

    def forward(self, x):
        return F.elu(x, self.alpha)


class Softmax(TfjsLayer):
    def __init__(self, config, input_shapes):
        super().__init__()
        axis = config.get("axis", -1)
        self.axis = axis[0] if isinstance(axis, (list, tuple)) else axis

    def forward(self, x):
        return F.softmax(x, dim=self.axis)


class Concatenate(TfjsLayer):
    """Keras axes count the batch axis, as torch's do."""

    def __init__(self, config, input_shapes):
        super().__init__()
        self.axis = int(config.get("axis", -1))

    def forward(self, *xs):
        return torch.cat(xs, dim=self.axis)


class Merge(TfjsLayer):
    """Add, Subtract, Multiply, Average, Maximum, Minimum: element by element over the inputs."""

    def __init__(self, config, input_shapes, combine):
        super().__init__()
        self.combine = combine

    def forward(self, *xs):
        return self.combine(xs)


def reduce_inputs(step):
    def combine(xs):
        result = xs[0]
        for x in xs[1:]:
            result = step(result, x)
        return result
    return combine`;

const PYTHON_LAYER_TABLE = `LAYER_MODULES = {
    "Dense": Dense,
    "Conv1D": Conv,
    "Conv2D": Conv,
    "Conv2DTranspose": Conv2DTranspose,
    "MaxPooling1D": lambda config, shapes: Pooling(config, shapes, average=False),
    "MaxPooling2D": lambda config, shapes: Pooling(config, shapes, average=False),
    "AveragePooling1D": lambda config, shapes: Pooling(config, shapes, average=True),
    "AveragePooling2D": lambda config, shapes: Pooling(config, shapes, average=True),
    "UpSampling2D": UpSampling2D,
    "Cropping2D": Cropping2D,
    "ZeroPadding2D": ZeroPadding2D,
    "Flatten": Flatten,
    "Reshape": Reshape,
    "Dropout": Dropout,
    "BatchNormalization": BatchNormalization,
    "Activation": Activation,
    "LeakyReLU": LeakyReLU,
    "ELU": ELU,
    "Softmax": Softmax,
    "Concatenate": Concatenate,
    "Add": lambda config, shapes: Merge(config, shapes, reduce_inputs(torch.add)),
    "Subtract": lambda config, shapes: Merge(config, shapes, lambda xs: xs[0] - xs[1]),
    "Multiply": lambda config, shapes: Merge(config, shapes, reduce_inputs(torch.mul)),
    "Average": lambda config, shapes: Merge(config, shapes, lambda xs: torch.stack(xs).mean(dim=0)),
    "Maximum": lambda config, shapes: Merge(config, shapes, reduce_inputs(torch.maximum)),
    "Minimum": lambda config, shapes: Merge(config, shapes, reduce_inputs(torch.minimum)),
    "RepeatVector": RepeatVector,
    "LSTM": LSTM,
}`;

/** Module-level Python: the layer modules and LAYER_MODULES, {tfjs class name: module factory(config, input_shapes)}. */
export const PYTHON_LAYER_MODULES = [PYTHON_LAYER_BASE, PYTHON_CONV_MODULES, PYTHON_CORE_MODULES, PYTHON_RECURRENT_MODULES, PYTHON_LAYER_TABLE].join('\n\n\n');
