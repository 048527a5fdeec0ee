// The Keras export of wae-mmd carries the run's MMD (its Python, run here on NumPy through a minimal `tf`, equals the
// trainer's imqMmd); the aae is refused with the reason, and `aelab export-keras` exits 2 on it.
import * as tf from '@tensorflow/tfjs';
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { experimentSchema } from '../../../src/protocol/experiment';
import { lossSection, WAE_MMD_DEFAULTS } from '../../../src/templates/keras/lossSection';
import { findTemplate } from '../../../src/templates/templates';
import { IMQ_SCALES, imqMmd } from '../../../src/trainer/models/mmd';
import { DEFAULT_MMD_WEIGHT } from '../../../src/trainer/models/waeMmd';
import { CLI_SCRIPT, tempWorkspace, writeExperiment } from '../../helpers/experimentFiles';
import { runNode } from '../../helpers/runNode';

const PYTHON = ['python3', '/usr/bin/python3'].find((python) => spawnSync(python, ['-c', 'import numpy'], { encoding: 'utf8' }).status === 0);
if (!PYTHON) throw new Error('these tests need a python3 with NumPy: apt-get install python3-numpy');

const experimentOf = (id: string) => experimentSchema.parse(findTemplate(id)!.experiment(id));

/** Just the TensorFlow calls the exported imq_mmd makes, on NumPy. */
const NUMPY_TF = `
import numpy as np, types
tf = types.SimpleNamespace(
    float32=np.float64, shape=lambda x: np.array(x.shape), cast=lambda x, t: np.asarray(x, dtype=np.float64),
    reduce_sum=lambda x, axis=None, keepdims=False: np.sum(x, axis=axis, keepdims=keepdims), square=np.square,
    transpose=np.transpose, matmul=lambda a, b, transpose_b=False: a @ (b.T if transpose_b else b),
    add_n=lambda xs: sum(xs), eye=lambda n: np.eye(n), maximum=np.maximum, nn=types.SimpleNamespace(relu=lambda x: np.maximum(x, 0.0)),
)
`;

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('wae-mmd export', () => {
  it('states the trainer\'s defaults', () => {
    expect(WAE_MMD_DEFAULTS.mmdWeight).toBe(DEFAULT_MMD_WEIGHT);
    expect(WAE_MMD_DEFAULTS.imqScales).toEqual(IMQ_SCALES);
  });

  it('logs recon_loss and mmd, with model.mmdWeight as MMD_WEIGHT', () => {
    const experiment = experimentOf('wae-mmd');
    experiment.model.mmdWeight = 3;
    const section = lossSection(experiment);
    expect(section.parts).toEqual(['loss', 'recon_loss', 'mmd']);
    expect(section.constants[0]).toMatch(/^MMD_WEIGHT = 3 /);
    expect(section.lossBody).toContain('"loss": recon + MMD_WEIGHT * mmd');
  });

  it('computes the same MMD in Python as the trainer', () => {
    const codes = [[0.5, -1, 2], [1, 0.2, -0.3], [-0.7, 0.1, 0.9], [2, 2, -1], [0, 0.4, 0.3]];
    const prior = [[0.1, 0.3, -0.2], [-1.2, 0.5, 0.7], [0.4, -0.9, 1.1], [0.8, 0.05, -0.6], [-0.3, 1.4, 0.2]];
    const section = lossSection(experimentOf('wae-mmd'));
    const file = join(tempWorkspace('aelab-mmd-py-'), 'mmd.py');
    const program = `${NUMPY_TF}\n${section.constants.join('\n')}\nLOSS = "mse"\n${section.helpers}\n\nprint(float(imq_mmd(np.array(${JSON.stringify(codes)}), np.array(${JSON.stringify(prior)}))))\n`;
    writeFileSync(file, program);
    const result = spawnSync(PYTHON!, [file], { encoding: 'utf8' });
    expect(result.status, result.stderr).toBe(0);
    const [x, y] = [tf.tensor2d(codes), tf.tensor2d(prior)];
    const mmd = imqMmd(x, y);
    expect(Number(result.stdout)).toBeCloseTo(mmd.dataSync()[0], 5);
    tf.dispose([x, y, mmd]);
  });
});

describe('aae export', () => {
  it('is refused, saying why', () => {
    expect(() => lossSection(experimentOf('aae'))).toThrow(/field "kind": the aae kind cannot be exported as a Keras script: each batch runs three optimizers/);
  });

  it('aelab export-keras exits 2 with the reason', async () => {
    const workspace = tempWorkspace('aelab-aae-export-');
    const template = experimentOf('aae');
    writeExperiment(workspace, { name: 'aae', kind: 'aae', data: { source: 'builtin:mnist', limit: 200 }, model: { hidden: [16], latentDim: 2, discriminator: [16] }, training: { ...template.training, epochs: 1 } });
    const trained = await runNode([CLI_SCRIPT, 'train', 'aae.ae.json', '--backend', 'cpu', '--json'], { cwd: workspace, timeout: 120_000 });
    expect(trained.status, trained.stderr).toBe(0);
    const runDir = join(workspace, '.aelab', 'runs', JSON.parse(trained.stdout).runId);
    const exported = await runNode([CLI_SCRIPT, 'export-keras', runDir, '--out', 'aae.py'], { cwd: workspace });
    expect(existsSync(join(workspace, 'aae.py'))).toBe(false);
    expect(exported.status).toBe(2);
    expect(exported.stderr).toContain('the aae kind cannot be exported as a Keras script');
  }, 120_000);
});
