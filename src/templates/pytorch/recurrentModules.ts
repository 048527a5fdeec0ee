// Python: the sequence layers of the lstm stacks: RepeatVector and Keras' LSTM, stepped in Python so any pair of
// activations (tfjs's default recurrent activation is the hard sigmoid) computes what tfjs computes.
// Uses TfjsLayer, TfjsWeight, glorot and zeros from layerModules.ts.

export const PYTHON_RECURRENT_MODULES = `class RepeatVector(TfjsLayer):
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
        self.assign(values)`;
