// What the PyTorch export refuses before writing a script (checkExportableNetwork), that its tables and the Python
// agree, how fresh weights are drawn, that every weight reads back in the tfjs layout, and that load_tfjs_weights
// names a missing or extra weight.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { LayerSpec, NetworkSpec } from '../../../src/templates/python/networkSpec';
import { findTorchPython } from '../../../src/templates/python/torchPython';
import { TORCH_ACTIVATION_NAMES } from '../../../src/templates/pytorch/activations';
import { PYTHON_LAYER_CLASSES } from '../../../src/templates/pytorch/layerModules';
import { checkExportableNetwork, PYTORCH_NETWORK, PYTORCH_NETWORK_IMPORTS } from '../../../src/templates/pytorch/networkSection';
import { tempWorkspace } from '../../helpers/experimentFiles';

const torchPython = findTorchPython();
if (!torchPython) throw new Error('these tests need PyTorch (apt-get install python3-torch)');

const workspace = tempWorkspace('aelab-pt-layers-');
const moduleFile = join(workspace, 'network.py');
writeFileSync(moduleFile, `${PYTORCH_NETWORK_IMPORTS.join('\n')}\n\n\n${PYTORCH_NETWORK}\n`);

/** Runs `code` after the network section; returns its exit status, stdout and stderr. */
function python(code: string) {
  return spawnSync(torchPython!.python, ['-c', `exec(open(${JSON.stringify(moduleFile)}).read())\n${code}`], { encoding: 'utf8', timeout: 60_000 });
}

const input = (name: string, shape: number[]): LayerSpec => ({ class_name: 'InputLayer', name, inbound: [], config: { batch_input_shape: [null, ...shape] } });
const layer = (class_name: string, name: string, inbound: string, config: Record<string, unknown> = {}): LayerSpec => ({ class_name, name, inbound: [inbound], config });
const network = (...layers: LayerSpec[]): NetworkSpec => ({ name: 'decoder', inputs: [layers[0].name], outputs: [layers.at(-1)!.name], layers });

describe('checkExportableNetwork', () => {
  const refusal = (spec: NetworkSpec) => {
    try {
      checkExportableNetwork(spec, '/runs/r1/decoder/model.json');
    } catch (error) {
      return (error as Error).message;
    }
    return undefined;
  };

  it("refuses the VQ-VAE's registered VectorQuantizer layer, naming the file, layer and class", () => {
    const spec = network(input('decoder_input', [7, 7, 16]), layer('VectorQuantizer', 'vector_quantizer', 'decoder_input', { codebook_size: 128 }));
    expect(refusal(spec)).toMatch(/^\/runs\/r1\/decoder\/model\.json: layer "vector_quantizer" \(VectorQuantizer\) of network "decoder" cannot be rebuilt in PyTorch: the export rebuilds only InputLayer, Dense, /);
  });

  it.each<[string, LayerSpec, string]>([
    ['an activation it does not map', layer('Dense', 'd', 'x', { units: 2, activation: 'hardTanh' }), 'activation "hardTanh" is not supported; expected one of linear, relu'],
    ['channels_first', layer('Conv2D', 'c', 'x', { filters: 2, kernel_size: [3, 3], data_format: 'channels_first' }), 'data_format "channels_first" is not supported; expected "channels_last"'],
    ['bilinear upsampling', layer('UpSampling2D', 'u', 'x', { size: [2, 2], interpolation: 'bilinear' }), 'interpolation "bilinear" is not supported; expected "nearest"'],
    ['a dilated transpose', layer('Conv2DTranspose', 't', 'x', { filters: 2, kernel_size: [3, 3], dilation_rate: [2, 2] }), 'dilation_rate [2,2] is not supported; expected 1'],
    ['a weight constraint', layer('Dense', 'd', 'x', { units: 2, kernel_constraint: { class_name: 'MaxNorm', config: {} } }), 'kernel_constraint is set; weight constraints are not rebuilt'],
    ['a regularizer', layer('Dense', 'd', 'x', { units: 2, kernel_regularizer: { class_name: 'L1L2', config: { l1: 0.01 } } }), 'kernel_regularizer is set; layer regularizers are not rebuilt'],
    ['an unknown initializer', layer('Dense', 'd', 'x', { units: 2, kernel_initializer: { class_name: 'Fancy', config: {} } }), 'kernel_initializer {"class_name":"Fancy","config":{}} is not supported'],
    ['a stateful LSTM', layer('LSTM', 'l', 'x', { units: 2, stateful: true }), 'stateful true is not supported; expected false'],
  ])('refuses %s, naming the layer', (_, bad, reason) => {
    const message = refusal(network(input('x', [4, 4, 2]), bad));
    expect(message).toContain(`layer "${bad.name}" (${bad.class_name})`);
    expect(message).toContain(reason);
  });

  it("accepts tfjs's camelCase and Keras' snake_case activation names and every rebuilt class", () => {
    expect(refusal(network(input('x', [4]), layer('Dense', 'a', 'x', { units: 2, activation: 'hardSigmoid' }), layer('Dense', 'b', 'a', { units: 2, activation: 'hard_sigmoid' })))).toBeUndefined();
  });

  it('refuses an input without a fixed shape', () => {
    expect(refusal(network({ class_name: 'InputLayer', name: 'x', inbound: [], config: { batch_input_shape: [null, null, 1] } }))).toContain('layer "x" (InputLayer) of network "decoder" cannot be rebuilt in PyTorch: its shape [null,null,1] is not fixed');
  });
});

describe('the Python network section', () => {
  it('rebuilds exactly the layer classes and activations the TypeScript check accepts', () => {
    const result = python('print(json.dumps({"layers": sorted(LAYER_MODULES), "activations": sorted(ACTIVATIONS)}))');
    expect(result.status, result.stderr).toBe(0);
    const tables = JSON.parse(result.stdout);
    expect(tables.layers).toEqual([...PYTHON_LAYER_CLASSES].sort());
    expect(tables.activations).toEqual([...TORCH_ACTIVATION_NAMES].sort());
  });

  it('draws fresh weights as the config says: Glorot uniform and He (truncated) normal kernels, zero biases, BN ones', () => {
    const spec = network(
      input('x', [400]),
      layer('Dense', 'glorot', 'x', { units: 300, kernel_initializer: { class_name: 'VarianceScaling', config: { scale: 1, mode: 'fan_avg', distribution: 'uniform' } } }),
      layer('Dense', 'he', 'glorot', { units: 200, kernel_initializer: { class_name: 'VarianceScaling', config: { scale: 2, mode: 'fan_in', distribution: 'truncated_normal' } } }),
      layer('BatchNormalization', 'bn', 'he'),
    );
    const result = python(`
torch.manual_seed(0)
net = Network(json.loads(${JSON.stringify(JSON.stringify(spec))}))
glorot, he, bn = net.layers["glorot"], net.layers["he"], net.layers["bn"]
print(json.dumps({
    "glorot_max": float(glorot.linear.weight.abs().max()), "glorot_std": float(glorot.linear.weight.std()),
    "glorot_shape": list(glorot.linear.weight.shape), "he_std": float(he.linear.weight.std()), "he_max": float(he.linear.weight.abs().max()),
    "bias_max": float(glorot.linear.bias.abs().max()), "gamma": float(bn.gamma.mean()), "variance": float(bn.moving_variance.mean()),
}))`);
    expect(result.status, result.stderr).toBe(0);
    const drawn = JSON.parse(result.stdout);
    const glorotLimit = Math.sqrt(6 / (400 + 300));
    expect(drawn.glorot_shape).toEqual([300, 400]);
    expect(drawn.glorot_max).toBeLessThanOrEqual(glorotLimit);
    expect(drawn.glorot_max).toBeGreaterThan(0.99 * glorotLimit);
    expect(drawn.glorot_std).toBeCloseTo(glorotLimit / Math.sqrt(3), 2);
    expect(drawn.he_std).toBeCloseTo(Math.sqrt(2 / 300), 2);
    expect(drawn.he_max).toBeLessThanOrEqual((2 * Math.sqrt(2 / 300)) / 0.87962566103423978 + 1e-6);
    expect(drawn.bias_max).toBe(0);
    expect([drawn.gamma, drawn.variance]).toEqual([1, 1]);
  });

  it("trains batch normalisation as tfjs does: the batch's biased variance, the moving averages keeping momentum 0.99", () => {
    const spec = network(input('x', [2, 2, 3]), layer('BatchNormalization', 'bn', 'x', { momentum: 0.99, epsilon: 0.001 }));
    const result = python(`
net = Network(json.loads(${JSON.stringify(JSON.stringify(spec))}))
x = torch.arange(24, dtype=torch.float32).reshape(2, 2, 2, 3) ** 1.5
y = net(x)
channels = x.reshape(-1, 3)
expected = (channels - channels.mean(0)) / torch.sqrt(channels.var(0, unbiased=False) + 0.001)
bn = net.layers["bn"]
print(json.dumps({
    "normalised": float((y.reshape(-1, 3) - expected).abs().max()),
    "mean": float((bn.moving_mean - 0.01 * channels.mean(0)).abs().max()),
    "variance": float((bn.moving_variance - (0.99 + 0.01 * channels.var(0, unbiased=False))).abs().max()),
}))`);
    expect(result.status, result.stderr).toBe(0);
    const errors = JSON.parse(result.stdout);
    expect(errors.normalised).toBeLessThan(1e-5);
    expect(errors.mean).toBeLessThan(1e-5);
    expect(errors.variance).toBeLessThan(1e-4);
  });

  it('keeps a layer saved as not trainable frozen', () => {
    const spec = network(input('x', [3]), layer('Dense', 'frozen', 'x', { units: 2, trainable: false }), layer('Dense', 'free', 'frozen', { units: 2 }));
    const result = python(`net = Network(json.loads(${JSON.stringify(JSON.stringify(spec))}))\nprint(json.dumps([name for name, p in net.named_parameters() if p.requires_grad]))`);
    expect(result.status, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual(['layers.free.linear.weight', 'layers.free.linear.bias']);
  });

  it('upsamples by F.interpolate only where it repeats cells exactly, else by repeat_interleave, with the same result', () => {
    const result = python(`
x = torch.randn(2, 5, 3, 4)
up = UpSampling2D({"size": [3, 2]}, [(5, 3, 4)])
picked, fast = up.interpolate, up(x)
up.interpolate = False
print(json.dumps({"picked": picked, "equal": torch.equal(fast, up(x)), "shape": list(fast.shape)}))`);
    expect(result.status, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ picked: true, equal: true, shape: [2, 15, 6, 4] });
  });

  it('reads every kind of weight back in the tfjs layout it was assigned in (tfjs_value inverts each conversion)', () => {
    const convs = network(
      input('x', [6, 6, 2]),
      layer('Conv2D', 'c2', 'x', { filters: 3, kernel_size: 3, padding: 'same' }),
      layer('BatchNormalization', 'bn', 'c2'),
      layer('Conv2DTranspose', 'ct', 'bn', { filters: 2, kernel_size: 3, strides: 2 }),
      layer('Flatten', 'f', 'ct'),
      layer('Dense', 'd', 'f', { units: 4 }),
    );
    const sequence = network(input('s', [5, 3]), layer('Conv1D', 'c1', 's', { filters: 4, kernel_size: 2 }), layer('LSTM', 'lstm', 'c1', { units: 3 }));
    const result = python(`
read_back = {}
for salt, spec in enumerate([${JSON.stringify(JSON.stringify(convs))}, ${JSON.stringify(JSON.stringify(sequence))}]):
    net = Network(json.loads(spec))
    for name, weight in net.tfjs_weights():
        values = (np.arange(math.prod(weight.shape), dtype=np.float32) / 7 + salt).reshape(weight.shape)
        weight.assign(torch.from_numpy(values))
        torch_shape = list(getattr(weight.owner, weight.attribute).shape)
        read = weight.tfjs_value()
        read_back[name] = {"equal": bool(np.array_equal(read, values)), "torch": torch_shape, "tfjs": list(read.shape)}
print(json.dumps(read_back))`);
    expect(result.status, result.stderr).toBe(0);
    const readBack = JSON.parse(result.stdout) as Record<string, { equal: boolean; torch: number[]; tfjs: number[] }>;
    expect(Object.keys(readBack).sort()).toEqual(['bn/beta', 'bn/gamma', 'bn/moving_mean', 'bn/moving_variance', 'c1/bias', 'c1/kernel', 'c2/bias', 'c2/kernel', 'ct/bias', 'ct/kernel', 'd/bias', 'd/kernel', 'lstm/bias', 'lstm/kernel', 'lstm/recurrent_kernel']);
    for (const [name, { equal }] of Object.entries(readBack)) expect(equal, name).toBe(true);
    // The kernels really were converted on the way in: torch holds them in its own layout.
    expect(readBack['c2/kernel']).toMatchObject({ tfjs: [3, 3, 2, 3], torch: [3, 2, 3, 3] });
    expect(readBack['ct/kernel']).toMatchObject({ tfjs: [3, 3, 2, 3], torch: [3, 2, 3, 3] });
    expect(readBack['c1/kernel']).toMatchObject({ tfjs: [2, 3, 4], torch: [4, 3, 2] });
    expect(readBack['d/kernel']).toMatchObject({ tfjs: [13 * 13 * 2, 4], torch: [4, 13 * 13 * 2] });
  });

  describe('load_tfjs_weights', () => {
    const spec = network(input('x', [3]), layer('Dense', 'code', 'x', { units: 2 }));
    const weightsDir = (name: string, weights: { name: string; shape: number[] }[]) => {
      const dir = join(workspace, name);
      mkdirSync(dir, { recursive: true });
      const count = weights.reduce((sum, w) => sum + w.shape.reduce((a, b) => a * b, 1), 0);
      writeFileSync(join(dir, 'weights.bin'), Buffer.from(Float32Array.from({ length: count }, (_, i) => i / 10).buffer));
      writeFileSync(join(dir, 'model.json'), JSON.stringify({ weightsManifest: [{ paths: ['./weights.bin'], weights: weights.map((w) => ({ ...w, dtype: 'float32' })) }] }));
      return dir;
    };
    const load = (dir: string) => python(`net = Network(json.loads(${JSON.stringify(JSON.stringify(spec))}))\nload_tfjs_weights(net, ${JSON.stringify(dir)})\nprint(json.dumps(net.layers["code"].linear.weight.tolist()))`);

    it('assigns a Dense kernel [in, out] as the Linear weight [out, in]', () => {
      const result = load(weightsDir('good', [{ name: 'code/kernel', shape: [3, 2] }, { name: 'code/bias', shape: [2] }]));
      expect(result.status, result.stderr).toBe(0);
      const weight = JSON.parse(result.stdout) as number[][];
      // tfjs kernel rows are inputs: [[0, .1], [.2, .3], [.4, .5]]; torch rows are outputs.
      expect(weight.map((row) => row.map((v) => Number(v.toFixed(4))))).toEqual([[0, 0.2, 0.4], [0.1, 0.3, 0.5]]);
    });

    it('exits naming model.json and a missing weight with its expected shape', () => {
      const dir = weightsDir('missing', [{ name: 'code/kernel', shape: [3, 2] }]);
      const result = load(dir);
      expect(result.status).not.toBe(0);
      expect(result.stderr).toContain(`${join(dir, 'model.json')}: weight code/bias is missing; expected shape [2]`);
    });

    it('exits naming model.json and a weight that belongs to no layer', () => {
      const dir = weightsDir('extra', [{ name: 'code/kernel', shape: [3, 2] }, { name: 'code/bias', shape: [2] }, { name: 'other/kernel', shape: [2, 2] }]);
      const result = load(dir);
      expect(result.status).not.toBe(0);
      expect(result.stderr).toContain(`${join(dir, 'model.json')}: weight other/kernel (shape [2, 2]) belongs to no layer of network decoder`);
    });
  });
});
