// The PyTorch export's network: Python that rebuilds a run's encoder or decoder from its NetworkSpec (the layer list
// the Keras export also writes) as a torch module taking and returning tensors in the tfjs layout, and loads the
// run's trained tfjs weights into it. checkExportableNetwork refuses, before any script is written, a network the
// Python could not rebuild exactly.
import { PYTHON_ACTIVATIONS } from './activations';
import { PYTHON_INITIALIZERS } from './initializers';
import { PYTHON_LAYER_MODULES } from './layerModules';
import { PYTHON_LOAD_WEIGHTS } from './weightsSection';

export { checkExportableNetwork } from './exportableLayers';

/** The imports PYTORCH_NETWORK needs at module level. */
export const PYTORCH_NETWORK_IMPORTS: string[] = ['import json', 'import math', 'import os', 'import numpy as np', 'import torch', 'import torch.distributed as dist', 'import torch.nn as nn', 'import torch.nn.functional as F'];

const PYTHON_NETWORK = `def input_shape(layer):
    """The per-sample shape of an InputLayer, from batch_input_shape (tfjs, Keras 2) or batch_shape (Keras 3)."""
    config = layer["config"]
    shape = config.get("batch_input_shape") or config.get("batch_shape")
    if not shape or any(size is None for size in shape[1:]):
        raise SystemExit(f"input {layer['name']}: shape {shape} cannot be rebuilt; expected a fixed [batch, ...] shape")
    return tuple(int(size) for size in shape[1:])


class Network(nn.Module):
    """A tfjs functional model (the NetworkSpec of a run's model.json) rebuilt layer for layer. forward(*inputs) takes
    and returns tensors in the tfjs layout: one tensor, or a list in spec["outputs"] order when there are several."""

    def __init__(self, spec):
        super().__init__()
        self.name = spec["name"]
        self.inputs = list(spec["inputs"])
        self.outputs = list(spec["outputs"])
        self.layers = nn.ModuleDict()
        self.steps = []  # (tfjs layer name, ModuleDict key, inbound layer names), in spec order
        shapes = {}
        for layer in spec["layers"]:
            name, class_name = layer["name"], layer["class_name"]
            if class_name == "InputLayer":
                shapes[name] = input_shape(layer)
                continue
            if class_name not in LAYER_MODULES:
                raise SystemExit(f"network {self.name}: layer {name} is a {class_name}, which cannot be rebuilt")
            inbound = list(layer["inbound"])
            module = LAYER_MODULES[class_name](layer["config"], [shapes[source] for source in inbound])
            for weight in module.weights:
                weight.initialize()
            if layer["config"].get("trainable") is False:
                module.requires_grad_(False)
            key = name.replace(".", "_")  # ModuleDict keys cannot hold dots
            self.layers[key] = module
            self.steps.append((name, key, inbound))
            shapes[name] = self.output_shape(module, [shapes[source] for source in inbound])
        self.input_shapes = [shapes[name] for name in self.inputs]
        self.output_shapes = [shapes[name] for name in self.outputs]

    @staticmethod
    def output_shape(module, input_shapes):
        """A layer's per-sample output shape, from one zero sample run through it in eval mode."""
        module.eval()
        with torch.no_grad():
            output = module(*[torch.zeros((1, *shape)) for shape in input_shapes])
        module.train()
        return tuple(output.shape[1:])

    def forward(self, *inputs):
        if len(inputs) != len(self.inputs):
            expected = f"{len(self.inputs)} inputs ({', '.join(self.inputs)})"
            raise ValueError(f"network {self.name} takes {expected}, got {len(inputs)}")
        values = dict(zip(self.inputs, inputs))
        for name, key, inbound in self.steps:
            values[name] = self.layers[key](*[values[source] for source in inbound])
        outputs = [values[name] for name in self.outputs]
        return outputs[0] if len(outputs) == 1 else outputs

    def tfjs_weights(self):
        """(tfjs weight name, TfjsWeight) of every weight, in layer order."""
        for name, key, _ in self.steps:
            for weight in self.layers[key].weights:
                yield f"{name}/{weight.suffix}", weight`;

/** Module-level Python defining Network(spec) and load_tfjs_weights(network, model_dir); needs PYTORCH_NETWORK_IMPORTS. */
export const PYTORCH_NETWORK = [PYTHON_ACTIVATIONS, PYTHON_INITIALIZERS, PYTHON_LAYER_MODULES, PYTHON_NETWORK, PYTHON_LOAD_WEIGHTS].join('\n\n\n');
