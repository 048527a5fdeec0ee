// "Export as Keras Script": real runs made through the CLI become Python that parses, names every saved layer, carries
// the kind's loss terms and hyperparameters, loads the right data, and (with stub keras/tensorflow modules) wires
// each layer to its inputs. No TensorFlow for Python is needed.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { writeDailyTemperatureRows } from '../helpers/seriesRows';
import { exportKerasCommand } from '../../src/cli/exportKeras';
import type { ExperimentInput } from '../../src/protocol/experiment';
import { KERAS_DEFAULTS } from '../../src/templates/keras/lossSection';
import { networkSpec } from '../../src/templates/python/networkSpec';
import { kerasScript } from '../../src/templates/kerasScript';
import { DEFAULT_BETA } from '../../src/trainer/models/betaVae';
import { DEFAULT_CONTRACTIVE_WEIGHT } from '../../src/trainer/models/contractive';
import { DEFAULT_NOISE } from '../../src/trainer/models/corruption/createCorruption';
import { DEFAULT_IWAE_SAMPLES } from '../../src/trainer/models/iwae';
import { DEFAULT_L1 } from '../../src/trainer/models/sparse';
import { runNode } from '../helpers/runNode';
import { CLI_SCRIPT, tempWorkspace, writeExperiment } from '../helpers/experimentFiles';

const workspace = tempWorkspace('aelab-keras-');
const runsDir = join(workspace, 'runs');
// The stub-driven checks need NumPy; CI installs Debian's python3-numpy, which may sit beside a python3 without it.
const PYTHON = ['python3', '/usr/bin/python3'].find((python) => spawnSync(python, ['-c', 'import numpy'], { encoding: 'utf8' }).status === 0);
if (!PYTHON) throw new Error('these tests need a python3 with NumPy: apt-get install python3-numpy');

/** Trains `experiment` for one epoch on 300 samples through the CLI and returns the run folder. */
async function trainRun(experiment: Partial<ExperimentInput> & { name: string }): Promise<string> {
  const file = writeExperiment(workspace, { training: { epochs: 1, batchSize: 64, learningRate: 0.002, seed: 7 }, ...experiment });
  const result = await runNode([CLI_SCRIPT, 'train', file, '--epochs', '1', '--limit', '300', '--json', '--runs-dir', runsDir]);
  expect(result.status, result.stderr).toBe(0);
  return join(runsDir, JSON.parse(result.stdout).runId);
}

function writeScript(runDir: string, name: string): { file: string; script: string } {
  const file = join(workspace, `${name}.py`);
  writeFileSync(file, kerasScript(runDir));
  return { file, script: readFileSync(file, 'utf8') };
}

function expectParsesAsPython(file: string): void {
  const result = spawnSync(PYTHON!, ['-c', 'import ast, sys; ast.parse(open(sys.argv[1]).read())', file], { encoding: 'utf8' });
  expect(result.status, result.stderr).toBe(0);
}

function savedLayers(runDir: string, part: 'encoder' | 'decoder') {
  return networkSpec(JSON.parse(readFileSync(join(runDir, part, 'model.json'), 'utf8')), part).layers;
}

function expectEveryLayer(script: string, runDir: string): void {
  for (const layer of [...savedLayers(runDir, 'encoder'), ...savedLayers(runDir, 'decoder')]) {
    expect(script).toContain(`{"class_name": "${layer.class_name}", "name": "${layer.name}"`);
  }
}

function expectHyperparameters(script: string, runDir: string): void {
  const { training } = JSON.parse(readFileSync(join(runDir, 'experiment.json'), 'utf8'));
  expect(script).toContain(`BATCH_SIZE = ${training.batchSize}\n`);
  expect(script).toContain(`LEARNING_RATE = ${training.learningRate}\n`);
  expect(script).toContain(`EPOCHS = ${training.epochs}\n`);
  expect(script).toContain(`SEED = ${training.seed}\n`);
}

/** A little-endian float32 .npy (format 1.0) of shape [rows, cols] holding varied values. */
function npyFloat32(rows: number, cols: number): Buffer {
  let header = `{'descr': '<f4', 'fortran_order': False, 'shape': (${rows}, ${cols}), }`;
  header = header.padEnd(Math.ceil((10 + header.length + 1) / 64) * 64 - 10 - 1) + '\n';
  const preamble = Buffer.alloc(10);
  Buffer.from('\x93NUMPY', 'latin1').copy(preamble);
  preamble.writeUInt8(1, 6);
  preamble.writeUInt16LE(header.length, 8);
  const values = Float32Array.from({ length: rows * cols }, (_, i) => Math.sin(i) * 10 + (i % cols));
  return Buffer.concat([preamble, Buffer.from(header, 'latin1'), Buffer.from(values.buffer)]);
}

// Stand-ins for keras and tensorflow: layers record what they are called on, so the wiring can be checked.
const STUB_KERAS = `import numpy as np
CALLS = {"layers": [], "image_dataset": None}

class Tensor:
    def __init__(self, layer, inputs):
        self.layer, self.inputs = layer, inputs

def chain(tensor):
    names = []
    while tensor is not None:
        names.append(tensor.layer)
        tensor = tensor.inputs
    return names[::-1]

class Layer:
    def __init__(self, spec):
        self.spec = spec
    def __call__(self, inputs):
        return Tensor(self.spec["config"]["name"], inputs)

def Input(shape=None, dtype=None, name=None):
    return Tensor(name, None)

class layers:
    class Layer:  # the base of a script's own layer classes (vq-vae's VectorQuantizer)
        def __init__(self, **kwargs):
            pass

    @staticmethod
    def deserialize(spec):
        assert spec["module"] == "keras.layers", spec
        CALLS["layers"].append(spec["class_name"])
        return Layer(spec)

class Model:
    def __init__(self, inputs=None, outputs=None, name=None, **kwargs):
        outs = outputs if isinstance(outputs, list) else [outputs]
        self.record = {"name": name, "outputs": [chain(t) for t in outs if t is not None]}

class saving:
    OBJECTS = {}

    @staticmethod
    def get_custom_objects():
        return saving.OBJECTS

class utils:
    @staticmethod
    def image_dataset_from_directory(path, **kwargs):
        CALLS["image_dataset"] = dict(kwargs, image_size=list(kwargs["image_size"]))
        height, width = kwargs["image_size"]
        return [np.full((5, height, width, 3 if kwargs["color_mode"] == "rgb" else 1), 255.0, np.float32)]

class datasets:
    class mnist:
        @staticmethod
        def load_data():
            digits = lambda n: (np.arange(n * 784) % 256).astype(np.uint8).reshape(n, 28, 28)
            return (digits(700), None), (digits(300), None)
`;

const DRIVER = `import importlib.util, json, sys
sys.path.insert(0, sys.argv[1])
import keras
spec = importlib.util.spec_from_file_location("exported", sys.argv[2])
module = importlib.util.module_from_spec(spec)
spec.loader.exec_module(module)
out = {"encoder": module.build_network(module.ENCODER).record, "decoder": module.build_network(module.DECODER).record}
out["deserialized"] = keras.CALLS["layers"]
raw = module.load_raw(module.DATA_PATH) if hasattr(module, "DATA_PATH") else module.load_raw()
x_train, x_val = module.split(module.normalize(raw))
out["data"] = {"train": list(x_train.shape), "val": list(x_val.shape), "min": float(x_train.min()), "max": float(x_train.max())}
out["image_dataset"] = keras.CALLS["image_dataset"]
print(json.dumps(out))
`;

interface StubReport {
  encoder: { outputs: string[][] };
  decoder: { outputs: string[][] };
  deserialized: string[];
  data: { train: number[]; val: number[]; min: number; max: number };
  image_dataset: { labels: null; color_mode: string; image_size: number[]; shuffle: boolean } | null;
}

/** Imports the script with stub keras/tensorflow (real NumPy), rebuilds both networks and runs the data pipeline. */
function runWithStubs(file: string): StubReport {
  const stubs = join(workspace, 'stubs');
  mkdirSync(join(stubs, 'keras'), { recursive: true });
  mkdirSync(join(stubs, 'tensorflow'), { recursive: true });
  writeFileSync(join(stubs, 'keras', '__init__.py'), STUB_KERAS);
  writeFileSync(join(stubs, 'tensorflow', '__init__.py'), '');
  const result = spawnSync(PYTHON!, ['-c', DRIVER, stubs, file], { encoding: 'utf8', timeout: 60_000 });
  expect(result.status, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as StubReport;
}

/** Each network output traces back through every saved layer in order (the nets here are chains). */
function expectWiredLikeTheRun(report: StubReport, runDir: string): void {
  for (const part of ['encoder', 'decoder'] as const) {
    const layers = savedLayers(runDir, part);
    const names = layers.map((layer) => layer.name);
    for (const chain of report[part].outputs) {
      expect(chain[0]).toBe(names[0]);
      expect(names.slice(0, chain.length - 1).concat(chain[chain.length - 1])).toEqual(chain);
    }
  }
  const built = [...savedLayers(runDir, 'encoder'), ...savedLayers(runDir, 'decoder')].filter((l) => l.class_name !== 'InputLayer').map((l) => l.class_name);
  expect(report.deserialized).toEqual(built);
}

describe('Keras script export', () => {
  it('deep on builtin MNIST: every layer, BCE, Adam, hyperparameters, keras.datasets loader', async () => {
    const runDir = await trainRun({ name: 'k-deep', kind: 'deep', model: { hidden: [64, 32], latentDim: 8 } });
    const { file, script } = writeScript(runDir, 'deep');
    expectParsesAsPython(file);
    expectEveryLayer(script, runDir);
    expectHyperparameters(script, runDir);
    expect(script).toContain('keras.datasets.mnist.load_data()');
    expect(script).toContain('LOSS = "bce"');
    expect(script).toContain('keras.optimizers.Adam(learning_rate=LEARNING_RATE)');
    expect(script).toContain('LIMIT = 300');
    expect(script).toContain('"batch_input_shape": [None, 28, 28, 1]');
    expect(script).not.toMatch(/\bnull\b|\btrue\b|\bfalse\b/); // JSON literals would be NameErrors in Python
    const report = runWithStubs(file);
    expectWiredLikeTheRun(report, runDir);
    expect(report.data).toEqual({ train: [270, 28, 28, 1], val: [30, 28, 28, 1], min: 0, max: 1 });
  });

  it('conv: Conv2D / pooling / upsampling layers rebuilt and wired', async () => {
    const runDir = await trainRun({ name: 'k-conv', kind: 'conv', model: { filters: [8, 4] } });
    const { file, script } = writeScript(runDir, 'conv');
    expectParsesAsPython(file);
    expectEveryLayer(script, runDir);
    expectHyperparameters(script, runDir);
    for (const layer of ['Conv2D', 'MaxPooling2D', 'UpSampling2D']) expect(script).toContain(`"class_name": "${layer}"`);
    expectWiredLikeTheRun(runWithStubs(file), runDir);
  });

  it.each([
    ['conv1d', {}, ['Conv1D', 'Dropout', 'Flatten', 'Reshape', 'Conv2DTranspose'], ['"kernel_size": [7, 1], "strides": [2, 1]']],
    ['lstm', { latentDim: 6 }, ['LSTM', 'RepeatVector', 'Dense'], ['"recurrent_activation": "sigmoid", "use_bias": True', '"unit_forget_bias": True', '"return_sequences": True']],
  ] as const)('%s on series rows: its sequence layers rebuilt and wired (Conv1DTranspose is Conv2DTranspose [7, 1] between reshapes)', async (kind, model, classes, config) => {
    writeDailyTemperatureRows(workspace, 'days.csv');
    const runDir = await trainRun({ name: `k-${kind}`, kind, data: { source: 'days.csv' }, model: { outputActivation: 'linear', filters: [8, 4], ...model }, training: { epochs: 1, batchSize: 64, loss: 'mse', seed: 7 } });
    const { file, script } = writeScript(runDir, kind);
    expectParsesAsPython(file);
    expectEveryLayer(script, runDir);
    for (const layer of classes) expect(script).toContain(`"class_name": "${layer}"`);
    for (const text of config) expect(script).toContain(text);
    expect(script).toContain('"batch_input_shape": [None, 24]');
    const report = runWithStubs(file);
    expectWiredLikeTheRun(report, runDir);
    expect(report.data).toMatchObject({ train: [270, 24], val: [30, 24] });
  });

  it('vae: reparameterisation, summed reconstruction + beta * KL, both reported, z_mean saved', async () => {
    const runDir = await trainRun({ name: 'k-vae', kind: 'vae', model: { hidden: [32], latentDim: 2, beta: 1.5 } });
    const { file, script } = writeScript(runDir, 'vae');
    expectParsesAsPython(file);
    expectEveryLayer(script, runDir);
    expectHyperparameters(script, runDir);
    expect(script).toContain('BETA = 1.5');
    expect(script).toContain('LOSS_PARTS = ["loss", "recon_loss", "kl_loss"]');
    expect(script).toContain('tf.exp(0.5 * z_log_var) * tf.random.normal(tf.shape(z_mean))');
    expect(script).toContain('summed_reconstruction_loss(targets');
    expect(script).toContain('"loss": recon + BETA * kl');
    expect(script).toContain('code = model.encoder(inputs)[0]  # z_mean');
    const report = runWithStubs(file);
    expectWiredLikeTheRun(report, runDir);
    expect(report.encoder.outputs.map((chain) => chain[chain.length - 1])).toEqual(['z_mean', 'z_log_var']);
  });

  it('iwae: minus the importance-weighted bound over IWAE_SAMPLES draws, the bound and the ELBO reported', async () => {
    const runDir = await trainRun({ name: 'k-iwae', kind: 'iwae', model: { hidden: [32], latentDim: 2, samples: 3 } });
    const { file, script } = writeScript(runDir, 'iwae');
    expectParsesAsPython(file);
    expectEveryLayer(script, runDir);
    expectHyperparameters(script, runDir);
    expect(script).toContain('IWAE_SAMPLES = 3');
    expect(script).toContain('LOSS_PARTS = ["loss", "iwae_bound", "elbo"]');
    expect(script).toContain('tf.reduce_logsumexp(log_w, axis=0)');
    expect(script).toContain('return {"loss": -bound, "iwae_bound": bound, "elbo": tf.reduce_mean(log_w)}');
    expectWiredLikeTheRun(runWithStubs(file), runDir);
  });

  it('cvae: not exportable, with the reason', async () => {
    const runDir = await trainRun({ name: 'k-cvae', kind: 'cvae', model: { hidden: [32], latentDim: 2 } });
    expect(() => kerasScript(runDir)).toThrow('kind "cvae" is not exportable to Keras: its encoder and decoder take the one-hot label as a second input');
  });

  it('vq-vae: a VectorQuantizer layer class registered for the decoder, the three loss parts and beta', async () => {
    const runDir = await trainRun({ name: 'k-vq', kind: 'vq-vae', model: { filters: [8], latentDim: 4, codebookSize: 16, commitmentCost: 0.5, outputActivation: 'linear' }, training: { epochs: 1, batchSize: 64, seed: 7, loss: 'mse' } });
    const { file, script } = writeScript(runDir, 'vq');
    expectParsesAsPython(file);
    expectEveryLayer(script, runDir);
    expectHyperparameters(script, runDir);
    expect(script).toContain('"class_name": "VectorQuantizer", "name": "vector_quantizer"');
    expect(script).toContain('"codebook_size": 16');
    expect(script).toContain('class VectorQuantizer(keras.layers.Layer):');
    expect(script).toContain('keras.saving.get_custom_objects()["VectorQuantizer"] = VectorQuantizer');
    expect(script).toContain('return z + tf.stop_gradient(self.nearest(z) - z)');
    expect(script).toContain('COMMITMENT_COST = 0.5');
    expect(script).toContain('LOSS_PARTS = ["loss", "recon_loss", "commitment_loss", "codebook_loss"]');
    expect(script).toContain('"loss": recon + commitment + codebook');
    const report = runWithStubs(file);
    expectWiredLikeTheRun(report, runDir);
    expect(report.deserialized).toContain('VectorQuantizer');
  });

  it('denoising: corrupts training and validation inputs per model.noise, targets stay clean', async () => {
    const runDir = await trainRun({ name: 'k-denoise', kind: 'denoising', model: { architecture: 'conv', filters: [8], noise: { type: 'mask', boxes: 2, size: 0.25 } } });
    const { file, script } = writeScript(runDir, 'denoising');
    expectParsesAsPython(file);
    expectEveryLayer(script, runDir);
    expectHyperparameters(script, runDir);
    expect(script).toContain('NOISE = {"type": "mask", "boxes": 2, "size": 0.25}');
    expect(script).toContain('self.loss_parts(corrupt(clean, None), clean, training=True)');
    expect(script).toContain('self.loss_parts(corrupt(clean, VALIDATION_NOISE_SEED), clean, training=False)');
    expectWiredLikeTheRun(runWithStubs(file), runDir);
  });

  it('sparse and contractive: their penalty terms', async () => {
    const sparse = writeScript(await trainRun({ name: 'k-sparse', kind: 'sparse', model: { latentDim: 16, l1: 0.001 } }), 'sparse');
    expectParsesAsPython(sparse.file);
    expect(sparse.script).toContain('L1 = 0.001');
    expect(sparse.script).toContain('penalty = L1 * tf.reduce_mean(tf.reduce_sum(tf.abs(flat), axis=1))');
    const contractive = writeScript(await trainRun({ name: 'k-contractive', kind: 'contractive', model: { hidden: [], latentDim: 8, activation: 'sigmoid', contractiveWeight: 0.01 } }), 'contractive');
    expectParsesAsPython(contractive.file);
    expect(contractive.script).toContain('CONTRACTIVE_WEIGHT = 0.01');
    expect(contractive.script).toContain('tape.batch_jacobian(code, inputs)');
  });

  it('CSV table: genfromtxt loader, label column dropped, min-max scaling, optimizer and MSE from the experiment', async () => {
    const rows = ['a,b,c,d,kind', ...Array.from({ length: 200 }, (_, i) => `${i},${i % 7},${(i * 37) % 101},${-i / 3},${i % 2 ? 'odd' : 'even'}`)];
    writeFileSync(join(workspace, 'table.csv'), `${rows.join('\n')}\n`);
    const runDir = await trainRun({
      name: 'k-csv',
      kind: 'deep',
      data: { source: 'table.csv', labelColumn: 'kind', validationSplit: 0.25 },
      model: { hidden: [8], latentDim: 2 },
      training: { epochs: 1, batchSize: 32, learningRate: 0.01, optimizer: 'rmsprop', loss: 'mse', seed: 3 },
    });
    const { file, script } = writeScript(runDir, 'csv');
    expectParsesAsPython(file);
    expectHyperparameters(script, runDir);
    expect(script).toContain('np.genfromtxt(');
    expect(script).toContain('LABEL_COLUMN = "kind"');
    expect(script).toContain('NORMALIZATION = {"kind": "minmax"}');
    expect(script).toContain('LOSS = "mse"');
    expect(script).toContain('keras.optimizers.RMSprop(learning_rate=LEARNING_RATE)');
    expect(script).toContain(`DATA_PATH = ${JSON.stringify(join(workspace, 'table.csv'))}`);
    const report = runWithStubs(file);
    expect(report.data).toEqual({ train: [150, 4], val: [50, 4], min: 0, max: 1 });
  });

  it('image folder: image_dataset_from_directory with the run\'s size and colour mode, scaled by 1/255', async () => {
    for (const [folder, count] of [['cats', 12], ['dogs', 12]] as const) {
      mkdirSync(join(workspace, 'pictures', folder), { recursive: true });
      for (let i = 0; i < count; i++) {
        const png = new PNG({ width: 10, height: 12 });
        png.data.fill(40 + i * 8);
        writeFileSync(join(workspace, 'pictures', folder, `${i}.png`), PNG.sync.write(png));
      }
    }
    const runDir = await trainRun({ name: 'k-images', kind: 'deep', data: { source: 'pictures', channels: 3, validationSplit: 0.2 }, model: { hidden: [8], latentDim: 2 }, training: { epochs: 1, batchSize: 8, seed: 7 } });
    const { file, script } = writeScript(runDir, 'images');
    expectParsesAsPython(file);
    expect(script).toContain('keras.utils.image_dataset_from_directory(');
    expect(script).toContain('INPUT_SHAPE = (12, 10, 3)');
    expect(script).toContain('NORMALIZATION = {"kind": "scale", "divisor": 255}');
    const report = runWithStubs(file);
    expect(report.image_dataset).toMatchObject({ labels: null, color_mode: 'rgb', image_size: [12, 10], shuffle: false });
    expect(report.data).toEqual({ train: [4, 12, 10, 3], val: [1, 12, 10, 3], min: 1, max: 1 });
  });

  it('IDX (gzipped) and NPY files: the NumPy readers', async () => {
    const idx = join(__dirname, '..', '..', 'dist', 'data', 'mnist-10k-images.idx3-ubyte.gz');
    const idxRun = await trainRun({ name: 'k-idx', kind: 'deep', data: { source: idx, validationSplit: 0.1 }, model: { hidden: [8], latentDim: 2 } });
    const idxScript = writeScript(idxRun, 'idx');
    expectParsesAsPython(idxScript.file);
    expect(idxScript.script).toContain('IDX_TYPES = {0x08: ">u1"');
    expect(idxScript.script).toContain('gzip.decompress(raw)');

    writeFileSync(join(workspace, 'table.npy'), npyFloat32(40, 6));
    const npyRun = await trainRun({ name: 'k-npy', kind: 'deep', data: { source: 'table.npy', validationSplit: 0.25, normalization: 'zscore' }, model: { hidden: [4], latentDim: 2, outputActivation: 'linear' }, training: { epochs: 1, batchSize: 8, seed: 7, loss: 'mse' } });
    const npyScript = writeScript(npyRun, 'npy');
    expectParsesAsPython(npyScript.file);
    expect(npyScript.script).toContain('x = np.load(path)');
    expect(npyScript.script).toContain('NORMALIZATION = {"kind": "zscore"}');
    expect(runWithStubs(idxScript.file).data).toEqual({ train: [270, 28, 28, 1], val: [30, 28, 28, 1], min: 0, max: 1 });
    expect(runWithStubs(npyScript.file).data).toMatchObject({ train: [30, 6], val: [10, 6] });
  });

  it('CLI: writes the script and exits 0; exits 2 naming the folder when it is not a run', async () => {
    const runDir = await trainRun({ name: 'k-cli', kind: 'undercomplete', model: { latentDim: 4 } });
    const out = join(workspace, 'cli.py');
    expect(exportKerasCommand(runDir, out)).toBe(0);
    expectParsesAsPython(out);

    const errors: string[] = [];
    const write = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((chunk: string) => (errors.push(String(chunk)), true)) as typeof process.stderr.write;
    try {
      expect(exportKerasCommand(workspace, join(workspace, 'none.py'))).toBe(2);
      mkdirSync(join(workspace, 'half-run'), { recursive: true });
      writeFileSync(join(workspace, 'half-run', 'experiment.json'), readFileSync(join(runDir, 'experiment.json')));
      expect(exportKerasCommand(join(workspace, 'half-run'), join(workspace, 'none.py'))).toBe(2);
    } finally {
      process.stderr.write = write;
    }
    expect(errors[0]).toContain(workspace);
    expect(errors[0]).toContain('experiment.json is missing');
    expect(errors[1]).toContain('half-run');
    expect(errors[1]).toContain('encoder/model.json is missing');
  });
});

describe('tfjs topology -> Keras layer list', () => {
  it('takes Keras 3 inbound nodes and batch_shape, and rewrites what Keras 3 refuses', async () => {
    const spec = networkSpec(
      {
        class_name: 'Functional',
        config: {
          name: 'enc',
          input_layers: [['in', 0, 0]],
          output_layers: [['d', 0, 0]],
          layers: [
            { name: 'in', class_name: 'InputLayer', config: { batch_shape: [null, 4], name: 'in' }, inbound_nodes: [] },
            {
              name: 'd',
              class_name: 'Dense',
              config: { units: 2, kernel_regularizer: null, trainable: true, kernel_initializer: { class_name: 'HeNormal', config: { scale: 2, mode: 'fan_in', distribution: 'normal', seed: 1 } } },
              inbound_nodes: [{ args: [{ class_name: '__keras_tensor__', config: { shape: [null, 4], keras_history: ['in', 0, 0] } }], kwargs: {} }],
            },
          ],
        },
      },
      'model.json',
    );
    expect(spec).toMatchObject({ name: 'enc', inputs: ['in'], outputs: ['d'] });
    expect(spec.layers[1]).toEqual({
      class_name: 'Dense',
      name: 'd',
      inbound: ['in'],
      config: { units: 2, kernel_initializer: { class_name: 'VarianceScaling', config: { scale: 2, mode: 'fan_in', distribution: 'truncated_normal', seed: 1 } } },
    });
  });

  it('the restated defaults agree with the trainer', async () => {
    expect(KERAS_DEFAULTS.l1).toBe(DEFAULT_L1);
    expect(KERAS_DEFAULTS.contractiveWeight).toBe(DEFAULT_CONTRACTIVE_WEIGHT);
    expect(KERAS_DEFAULTS.beta['beta-vae']).toBe(DEFAULT_BETA);
    expect(KERAS_DEFAULTS.noise).toEqual(DEFAULT_NOISE);
    expect(KERAS_DEFAULTS.iwaeSamples).toBe(DEFAULT_IWAE_SAMPLES);
  });
});
