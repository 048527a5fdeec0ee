// Python: one torch module per tfjs layer class a run's model.json can hold. Tensors between layers stay in the tfjs
// layout (images NHWC, sequences [N, steps, channels]), so Flatten, Reshape, Concatenate and softmax see tfjs's element
// order and dense kernels after a Flatten load unchanged. Convolutions and pooling run on a channels-first *view*
// (x.movedim(-1, 1)), which for an NHWC tensor is torch's channels_last memory format: no copy, and cuDNN/oneDNN
// take it as it is. "same" padding is TensorFlow's (the smaller half first, also for stride 2), computed once per layer
// from the fixed input size: the conv or pool pads the symmetric part itself, F.pad adds the odd cell at the end.
//
// Every module lists its weights as TfjsWeight entries (tfjs name suffix, tfjs shape, initializer, where the torch
// tensor lives, and the layout conversion), which both fresh initialisation and load_tfjs_weights read.

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

export const PYTHON_LAYER_MODULES = `def as_tuple(value, rank):
    """A Keras int-or-list option (kernel_size, strides, ...) as a tuple of \`rank\` ints."""
    if isinstance(value, (list, tuple)):
        return tuple(int(v) for v in value)
    return (int(value),) * rank


def tf_same_padding(sizes, kernels, strides, dilations):
    """F.pad amounts (last spatial axis first) for TensorFlow's "same": total max((ceil(n/s)-1)*s + k_eff - n, 0),
    the smaller half at the start."""
    pads = []
    for size, kernel, stride, dilation in zip(sizes, kernels, strides, dilations):
        span = (kernel - 1) * dilation + 1
        total = max((-(-size // stride) - 1) * stride + span - size, 0)
        pads.append((total // 2, total - total // 2))
    return [amount for pair in reversed(pads) for amount in pair]


def split_padding(pads):
    """TF's F.pad amounts as (the symmetric part per axis, in axis order, which a conv or pool pads itself without a
    copy; the F.pad list of the rest, at most one cell at the end of an axis, or None)."""
    pairs = list(zip(pads[0::2], pads[1::2]))
    inner = tuple(min(pair) for pair in reversed(pairs))
    rest = [amount - min(pair) for pair in pairs for amount in pair]
    return inner, (rest if any(rest) else None)


def channels_first(x):
    return x.movedim(-1, 1)


def channels_last(x):
    return x.movedim(1, -1)


def dense_kernel_to_torch(kernel):
    return kernel.t()


def kernel_to_torch(kernel):
    """tfjs conv kernel [*k, a, b] -> torch [b, a, *k]: Conv [*k, in, out] -> [out, in, *k], ConvTranspose
    [*k, out, in] -> [in, out, *k], Dense [in, out] -> Linear [out, in]."""
    rank = kernel.dim() - 2
    return kernel.permute(rank + 1, rank, *range(rank))


class TfjsWeight:
    """One tfjs weight of a layer: its name after "<layer>/", its tfjs shape and initializer, and the torch tensor
    it becomes (looked up on \`owner\` by attribute name, since .to(device) replaces buffers)."""

    def __init__(self, suffix, shape, initializer, owner, attribute, to_torch=None):
        self.suffix = suffix
        self.shape = [int(size) for size in shape]
        self.initializer = initializer
        self.owner = owner
        self.attribute = attribute
        self.to_torch = to_torch or (lambda value: value)

    def assign(self, value):
        """Copies \`value\` (tfjs layout, shape checked by the caller) into the torch tensor."""
        target = getattr(self.owner, self.attribute)
        with torch.no_grad():
            target.copy_(self.to_torch(value).to(dtype=target.dtype, device=target.device))

    def initialize(self):
        self.assign(initial_values(self.initializer, self.shape))


def glorot():
    return {"class_name": "GlorotUniform", "config": {}}


def zeros():
    return {"class_name": "Zeros", "config": {}}


class TfjsLayer(nn.Module):
    """Base of the rebuilt layers: \`weights\` lists the layer's TfjsWeight entries."""

    def __init__(self):
        super().__init__()
        self.weights = []


class Dense(TfjsLayer):
    def __init__(self, config, input_shapes):
        super().__init__()
        features = input_shapes[0][-1]
        units = int(config["units"])
        self.linear = nn.Linear(features, units, bias=config.get("use_bias", True))
        self.activation = activation(config.get("activation"))
        kernel_init, bias_init = config.get("kernel_initializer", glorot()), config.get("bias_initializer", zeros())
        kernel = TfjsWeight("kernel", [features, units], kernel_init, self.linear, "weight", dense_kernel_to_torch)
        self.weights.append(kernel)
        if self.linear.bias is not None:
            self.weights.append(TfjsWeight("bias", [units], bias_init, self.linear, "bias"))

    def forward(self, x):
        return self.activation(self.linear(x))


class Conv(TfjsLayer):
    """Conv1D and Conv2D on [N, *spatial, C]."""

    def __init__(self, config, input_shapes):
        super().__init__()
        rank = len(input_shapes[0]) - 1
        channels = input_shapes[0][-1]
        filters = int(config["filters"])
        self.kernel_size = as_tuple(config["kernel_size"], rank)
        self.strides = as_tuple(config.get("strides", 1), rank)
        self.dilation = as_tuple(config.get("dilation_rate", 1), rank)
        inner, self.extra = (0,) * rank, None
        if config.get("padding", "valid") == "same":
            pads = tf_same_padding(input_shapes[0][:-1], self.kernel_size, self.strides, self.dilation)
            inner, self.extra = split_padding(pads)
        conv = nn.Conv1d if rank == 1 else nn.Conv2d
        self.conv = conv(
            channels, filters, self.kernel_size, stride=self.strides, padding=inner, dilation=self.dilation,
            bias=config.get("use_bias", True),
        )
        self.activation = activation(config.get("activation"))
        shape = [*self.kernel_size, channels, filters]
        kernel_init, bias_init = config.get("kernel_initializer", glorot()), config.get("bias_initializer", zeros())
        self.weights.append(TfjsWeight("kernel", shape, kernel_init, self.conv, "weight", kernel_to_torch))
        if self.conv.bias is not None:
            self.weights.append(TfjsWeight("bias", [filters], bias_init, self.conv, "bias"))

    def forward(self, x):
        x = channels_first(x)
        if self.extra:
            x = F.pad(x, self.extra)
        return self.activation(channels_last(self.conv(x)))


class Conv2DTranspose(TfjsLayer):
    """tfjs's output size: "same" in*s, "valid" in*s + max(k - s, 0). The full transposed convolution,
    (in-1)*s + k long, is cropped (or zero-padded when k < s) to that, starting at max(k - s, 0) // 2 for "same";
    the bias is added after, as TensorFlow does, so padded cells hold the bias too."""

    def __init__(self, config, input_shapes):
        super().__init__()
        channels = input_shapes[0][-1]
        filters = int(config["filters"])
        self.kernel_size = as_tuple(config["kernel_size"], 2)
        self.strides = as_tuple(config.get("strides", 1), 2)
        same = config.get("padding", "valid") == "same"
        self.conv = nn.ConvTranspose2d(channels, filters, self.kernel_size, stride=self.strides, bias=False)
        self.bias = nn.Parameter(torch.zeros(filters)) if config.get("use_bias", True) else None
        self.activation = activation(config.get("activation"))
        shape = [*self.kernel_size, filters, channels]
        kernel_init, bias_init = config.get("kernel_initializer", glorot()), config.get("bias_initializer", zeros())
        self.weights.append(TfjsWeight("kernel", shape, kernel_init, self.conv, "weight", kernel_to_torch))
        if self.bias is not None:
            self.weights.append(TfjsWeight("bias", [filters], bias_init, self, "bias"))
        pads, crops = [], []
        for size, kernel, stride in zip(input_shapes[0][:-1], self.kernel_size, self.strides):
            overhang = max(kernel - stride, 0)
            target = size * stride + (0 if same else overhang)
            start = overhang // 2 if same else 0
            full = (size - 1) * stride + kernel
            pads.append((-start, target + start - full))
            crops.append(slice(start, start + target))
        # Only cropping (k >= s, the usual case): a slice, which copies nothing; else F.pad, whose negative pads crop.
        self.crop = None
        self.pads = None
        if all(end <= 0 for _, end in pads):
            self.crop = tuple(crops)
        else:
            self.pads = [amount for pair in reversed(pads) for amount in pair]

    def forward(self, x):
        y = self.conv(channels_first(x))
        y = y[(slice(None), slice(None), *self.crop)] if self.crop else F.pad(y, self.pads)
        y = channels_last(y)
        if self.bias is not None:
            y = y + self.bias
        return self.activation(y)


class Pooling(TfjsLayer):
    """MaxPooling1D/2D and AveragePooling1D/2D. "same" average pooling divides by the cells inside the input only,
    as TensorFlow does; "same" max pooling never picks a padding cell (torch pads max pooling with -inf)."""

    def __init__(self, config, input_shapes, average):
        super().__init__()
        rank = len(input_shapes[0]) - 1
        self.pool = as_tuple(config.get("pool_size", 2), rank)
        self.strides = as_tuple(config.get("strides") or self.pool, rank)
        self.pads = None
        if config.get("padding", "valid") == "same":
            pads = tf_same_padding(input_shapes[0][:-1], self.pool, self.strides, (1,) * rank)
            self.pads = pads if any(pads) else None
        self.average = average
        self.max_pool = F.max_pool1d if rank == 1 else F.max_pool2d
        self.avg_pool = F.avg_pool1d if rank == 1 else F.avg_pool2d

    def forward(self, x):
        x = channels_first(x)
        if not self.pads:
            pool = self.avg_pool if self.average else self.max_pool
            return channels_last(pool(x, self.pool, self.strides))
        if not self.average:
            inner, extra = split_padding(self.pads)
            if extra:
                x = F.pad(x, extra, value=-math.inf)
            return channels_last(self.max_pool(x, self.pool, self.strides, inner))
        inside = F.pad(torch.ones_like(x[:1, :1]), self.pads)
        summed = self.avg_pool(F.pad(x, self.pads), self.pool, self.strides)
        return channels_last(summed / self.avg_pool(inside, self.pool, self.strides))


class UpSampling2D(TfjsLayer):
    """Nearest neighbour: each cell repeated along height and width. F.interpolate is much faster than
    repeat_interleave (a gather, and a scatter backward), but finds its source cells by floating point, so it is
    used only when it picks exactly the repeated cells for this layer's sizes, which is checked once here."""

    def __init__(self, config, input_shapes):
        super().__init__()
        self.size = as_tuple(config.get("size", 2), 2)
        height, width = input_shapes[0][:2]
        probe = torch.arange(float(height * width)).reshape(1, 1, height, width)
        repeated = probe.repeat_interleave(self.size[0], dim=2).repeat_interleave(self.size[1], dim=3)
        self.interpolate = torch.equal(F.interpolate(probe, scale_factor=self.size, mode="nearest"), repeated)

    def forward(self, x):
        if self.interpolate:
            return channels_last(F.interpolate(channels_first(x), scale_factor=self.size, mode="nearest"))
        return x.repeat_interleave(self.size[0], dim=1).repeat_interleave(self.size[1], dim=2)


def padding_pairs(value):
    """Keras' Cropping2D/ZeroPadding2D amount: n, [h, w] or [[top, bottom], [left, right]]."""
    if not isinstance(value, (list, tuple)):
        return [(int(value),) * 2] * 2
    return [as_tuple(pair, 2) for pair in value]


class Cropping2D(TfjsLayer):
    def __init__(self, config, input_shapes):
        super().__init__()
        (top, bottom), (left, right) = padding_pairs(config.get("cropping", 0))
        height, width = input_shapes[0][:2]
        self.rows, self.columns = slice(top, height - bottom), slice(left, width - right)

    def forward(self, x):
        return x[:, self.rows, self.columns]


class ZeroPadding2D(TfjsLayer):
    def __init__(self, config, input_shapes):
        super().__init__()
        (top, bottom), (left, right) = padding_pairs(config.get("padding", 1))
        self.pads = [0, 0, left, right, top, bottom]

    def forward(self, x):
        return F.pad(x, self.pads)


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


class BatchNormalization(TfjsLayer):
    """Normalises over \`axis\` (the channels, last by default) in any rank. Training normalises by the batch's
    mean and biased variance and moves the moving averages towards them, keeping \`momentum\` of the old value, as
    tfjs does (torch's BatchNorm would move the variance towards the unbiased one); eval uses the moving averages."""

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
            dims = tuple(range(moved.dim() - 1))
            mean = moved.mean(dim=dims)
            variance = moved.var(dim=dims, unbiased=False)
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
    return combine


class RepeatVector(TfjsLayer):
    def __init__(self, config, input_shapes):
        super().__init__()
        self.n = int(config["n"])

    def forward(self, x):
        return x.unsqueeze(1).repeat(1, self.n, 1)


class LSTM(TfjsLayer):
    """Keras' LSTM, gates in Keras order (input, forget, cell, output) with one bias, weights kept in the tfjs layout
    ([features, 4u] and [u, 4u]) so any activation pair works. Stepped in Python: exact, if slower than cuDNN."""

    def __init__(self, config, input_shapes):
        super().__init__()
        features = input_shapes[0][-1]
        units = int(config["units"])
        self.units = units
        self.activation = activation(config.get("activation", "tanh"))
        self.recurrent_activation = activation(config.get("recurrent_activation", "sigmoid"))
        self.return_sequences = bool(config.get("return_sequences", False))
        self.go_backwards = bool(config.get("go_backwards", False))
        self.kernel = nn.Parameter(torch.zeros(features, 4 * units))
        self.recurrent_kernel = nn.Parameter(torch.zeros(units, 4 * units))
        self.bias = nn.Parameter(torch.zeros(4 * units)) if config.get("use_bias", True) else None
        kernel_init = config.get("kernel_initializer", glorot())
        self.weights.append(TfjsWeight("kernel", [features, 4 * units], kernel_init, self, "kernel"))
        recurrent = config.get("recurrent_initializer", {"class_name": "Orthogonal", "config": {}})
        self.weights.append(TfjsWeight("recurrent_kernel", [units, 4 * units], recurrent, self, "recurrent_kernel"))
        if self.bias is not None:
            self.weights.append(LstmBias(config, units, self))

    def forward(self, x):
        if self.go_backwards:
            x = x.flip(1)
        projected = x @ self.kernel
        if self.bias is not None:
            projected = projected + self.bias
        h = x.new_zeros(x.shape[0], self.units)
        c = x.new_zeros(x.shape[0], self.units)
        outputs = []
        for step in range(x.shape[1]):
            i, f, g, o = (projected[:, step] + h @ self.recurrent_kernel).chunk(4, dim=1)
            c = self.recurrent_activation(f) * c + self.recurrent_activation(i) * self.activation(g)
            h = self.recurrent_activation(o) * self.activation(c)
            outputs.append(h)
        return torch.stack(outputs, dim=1) if self.return_sequences else h


class LstmBias(TfjsWeight):
    """unit_forget_bias: the forget gate's quarter of a fresh bias starts at 1, as in Keras."""

    def __init__(self, config, units, owner):
        super().__init__("bias", [4 * units], config.get("bias_initializer", zeros()), owner, "bias")
        self.units = units
        self.forget_ones = bool(config.get("unit_forget_bias", True))

    def initialize(self):
        values = initial_values(self.initializer, self.shape)
        if self.forget_ones:
            values[self.units:2 * self.units] = 1.0
        self.assign(values)


LAYER_MODULES = {
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
