// The exported script's tfjs model writer on its own: a folder holds model.json (the topology, a weightsManifest
// naming each weight's shape) and weights.bin (float32, little-endian, in that order), and a write that fails half way
// (here: a topology JSON cannot encode, after weights.bin is written) leaves the previous folder and nothing beside it.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findTorchPython } from '../../../src/templates/python/torchPython';
import { RUN_FOLDER, RUN_FOLDER_IMPORTS } from '../../../src/templates/pytorch/runFolderSection';
import { PYTHON_SAVE_TFJS_MODELS, TFJS_MODELS_IMPORTS } from '../../../src/templates/pytorch/tfjsModelsSection';
import { tempWorkspace } from '../../helpers/experimentFiles';

const torch = findTorchPython();
if (!torch) throw new Error('these tests need PyTorch (apt-get install python3-torch)');

const workspace = tempWorkspace('aelab-pt-writer-');
const moduleFile = join(workspace, 'writer.py');
const imports = [...RUN_FOLDER_IMPORTS, ...TFJS_MODELS_IMPORTS, 'math', 'time'].map((name) => `import ${name}`);
writeFileSync(moduleFile, `${imports.join('\n')}\nimport numpy as np\nimport torch\n\n\n${RUN_FOLDER}\n\n\n${PYTHON_SAVE_TFJS_MODELS}\n`);

function python(code: string) {
  return spawnSync(torch!.python, ['-c', `exec(open(${JSON.stringify(moduleFile)}).read())\n${code}`], { encoding: 'utf8', timeout: 60_000 });
}

describe('the exported script\'s tfjs model writer', () => {
  const folder = join(workspace, 'runs', 'encoder');

  it('write_tfjs_model writes model.json with the topology and each weight\'s name and shape, and weights.bin in that order', () => {
    const result = python(`
os.makedirs(${JSON.stringify(join(workspace, 'runs'))}, exist_ok=True)
kernel = np.arange(6, dtype=np.float32).reshape(2, 3)
write_tfjs_model(${JSON.stringify(folder)}, {"class_name": "Model"}, [("d/kernel", kernel), ("d/bias", np.array([7.5, -1], dtype=np.float64))])`);
    expect(result.status, result.stderr).toBe(0);
    const modelJson = JSON.parse(readFileSync(join(folder, 'model.json'), 'utf8'));
    expect(modelJson).toMatchObject({ format: 'layers-model', convertedBy: null, modelTopology: { class_name: 'Model' } });
    expect(modelJson.weightsManifest).toEqual([{ paths: ['./weights.bin'], weights: [{ name: 'd/kernel', shape: [2, 3], dtype: 'float32' }, { name: 'd/bias', shape: [2], dtype: 'float32' }] }]);
    const bytes = readFileSync(join(folder, 'weights.bin'));
    expect(Array.from(new Float32Array(bytes.buffer, bytes.byteOffset, bytes.length / 4))).toEqual([0, 1, 2, 3, 4, 5, 7.5, -1]);
  });

  it('write_tfjs_models: each folder gets the weights its source model.json names, in order; one naming a weight the networks lack is skipped and logged', () => {
    const runDir = join(workspace, 'run-folder');
    const result = python(`
class Weight:
    def __init__(self, value):
        self.value = np.array(value, dtype=np.float32)

    def tfjs_value(self):
        return self.value


class Net:
    def __init__(self, weights):
        self.weights = weights

    def tfjs_weights(self):
        return iter(self.weights)


class Run:
    def __init__(self, path):
        self.path, self.logged = path, []

    def file(self, *parts):
        return os.path.join(self.path, *parts)

    def log(self, message):
        self.logged.append(message)


TFJS_MODELS = {
    "encoder": {"topology": {"name": "encoder"}, "weights": ["e/kernel"]},
    "decoder": {"topology": {"name": "decoder"}, "weights": ["d/bias", "d/kernel"]},
    "model": {"topology": {"name": "autoencoder"}, "weights": ["e/kernel", "z_log_var/kernel"]},
}
run = Run(${JSON.stringify(runDir)})
os.makedirs(run.path)
encoder = Net([("e/kernel", Weight([1, 2])), ("z_log_var/bias", Weight([3]))])
decoder = Net([("d/kernel", Weight([4])), ("d/bias", Weight([5]))])
write_tfjs_models(run, encoder, decoder)
print(json.dumps(run.logged))`);
    expect(result.status, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual(["model/ not written: the source run's model/model.json names weights the networks lack: z_log_var/kernel"]);
    expect(readdirSync(runDir).sort()).toEqual(['decoder', 'encoder']);
    const names = (part: string) => JSON.parse(readFileSync(join(runDir, part, 'model.json'), 'utf8')).weightsManifest[0].weights.map((w: { name: string }) => w.name);
    expect([names('encoder'), names('decoder')]).toEqual([['e/kernel'], ['d/bias', 'd/kernel']]);
    const decoderBytes = readFileSync(join(runDir, 'decoder', 'weights.bin'));
    expect(Array.from(new Float32Array(decoderBytes.buffer, decoderBytes.byteOffset, 2))).toEqual([5, 4]);
  });

  it('a write_tfjs_model that fails after weights.bin keeps the previous folder whole and leaves no temporary or old copy', () => {
    const before = readFileSync(join(folder, 'weights.bin'));
    const result = python(`write_tfjs_model(${JSON.stringify(folder)}, {"not json": {1, 2}}, [("d/kernel", np.zeros((2, 3), dtype=np.float32))])`);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('TypeError');
    expect(readFileSync(join(folder, 'weights.bin')).equals(before)).toBe(true);
    expect(existsSync(join(folder, 'model.json'))).toBe(true);
    expect(readdirSync(join(workspace, 'runs'))).toEqual(['encoder']);
  });
});
