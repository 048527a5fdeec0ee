// Python: the convolution, pooling, upsampling, cropping and padding layers. They run on a channels-first *view* of
// the tfjs-layout tensor (x.movedim(-1, 1)), which for an NHWC tensor is torch's channels_last memory format: no copy,
// and cuDNN/oneDNN take it as it is. "same" padding is TensorFlow's (the smaller half first, also for stride 2),
// computed once per layer from the fixed input size: the conv or pool pads the symmetric part itself, F.pad adds the
// odd cell at the end. Uses TfjsLayer, TfjsWeight, as_tuple, glorot and zeros from layerModules.ts.

export const PYTHON_CONV_MODULES = `def tf_same_padding(sizes, kernels, strides, dilations):
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


def kernel_to_torch(kernel):
    """tfjs conv kernel [*k, a, b] -> torch [b, a, *k]: Conv [*k, in, out] -> [out, in, *k], ConvTranspose
    [*k, out, in] -> [in, out, *k], Dense [in, out] -> Linear [out, in]."""
    rank = kernel.dim() - 2
    return kernel.permute(rank + 1, rank, *range(rank))


def kernel_to_tfjs(weight):
    """torch [b, a, *k] -> tfjs [*k, a, b], the inverse of kernel_to_torch."""
    return weight.permute(*range(2, weight.dim()), 1, 0)


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
        self.weights.append(TfjsWeight("kernel", shape, kernel_init, self.conv, "weight", kernel_to_torch, kernel_to_tfjs))
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
        self.weights.append(TfjsWeight("kernel", shape, kernel_init, self.conv, "weight", kernel_to_torch, kernel_to_tfjs))
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
        return F.pad(x, self.pads)`;
