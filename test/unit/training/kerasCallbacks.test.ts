// The Keras export of the training aids: its callbacks, run in Python against a stub keras.callbacks, get the
// experiment's settings, and its learning-rate schedule gives the trainer's rate at every epoch.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { experimentSchema, type TrainingConfig } from '../../../src/protocol/experiment';
import { callbacksSection } from '../../../src/templates/keras/callbacksSection';
import { scheduledLearningRate } from '../../../src/trainer/loop/schedules';

const EPOCHS = 7;

function training(aids: object, kind = 'deep'): TrainingConfig {
  return experimentSchema.parse({ name: 'k', kind, data: { source: 'builtin:mnist' }, training: { epochs: EPOCHS, learningRate: 0.01, ...aids } }).training;
}

/** Runs make_callbacks(has_validation) with stub callbacks that return what they were given. */
function pythonCallbacks(config: TrainingConfig, hasValidation: boolean): unknown[] {
  const section = callbacksSection(config);
  const program = `import json, math, types
keras = types.SimpleNamespace(callbacks=types.SimpleNamespace(
    EarlyStopping=lambda **k: {"EarlyStopping": k},
    ReduceLROnPlateau=lambda **k: {"ReduceLROnPlateau": k},
    LearningRateScheduler=lambda f: {"LearningRateScheduler": [f(epoch, None) for epoch in range(EPOCHS)]},
))
LEARNING_RATE = 0.01
EPOCHS = ${EPOCHS}
${section.constants.join('\n')}
${section.code}
print(json.dumps(make_callbacks(${hasValidation ? 'True' : 'False'})))
`;
  const result = spawnSync('python3', ['-c', program], { encoding: 'utf8' });
  expect(result.status, result.stderr).toBe(0);
  return JSON.parse(result.stdout);
}

describe('training aids in the Keras export', () => {
  it('no aids: no callbacks and the plain optimizer', () => {
    expect(pythonCallbacks(training({}), true)).toEqual([]);
    expect(callbacksSection(training({})).optimizerArguments).toBe('');
  });

  it('earlyStopping: EarlyStopping with restore_best_weights, watching loss when there is no validation set', () => {
    const config = training({ earlyStopping: { patience: 3, minDelta: 0.01 } });
    const expected = { monitor: 'val_loss', patience: 3, min_delta: 0.01, restore_best_weights: true };
    expect(pythonCallbacks(config, true)).toEqual([{ EarlyStopping: expected }]);
    expect(pythonCallbacks(config, false)).toEqual([{ EarlyStopping: { ...expected, monitor: 'loss' } }]);
  });

  it('reduceOnPlateau: ReduceLROnPlateau with the same settings', () => {
    const config = training({ lrSchedule: { type: 'reduceOnPlateau', factor: 0.2, patience: 2, minDelta: 0.001, minLearningRate: 1e-5 } });
    expect(pythonCallbacks(config, true)).toEqual([{ ReduceLROnPlateau: { monitor: 'val_loss', factor: 0.2, patience: 2, min_delta: 0.001, min_lr: 1e-5 } }]);
  });

  it.each([
    ['step', { type: 'step', every: 2, factor: 0.3 }],
    ['cosine with warm-up', { type: 'cosine', warmupEpochs: 2, minLearningRate: 0.001 }],
    ['cosine', { type: 'cosine' }],
  ])('%s: LearningRateScheduler gives the trainer’s rate at every epoch', (_, lrSchedule) => {
    const config = training({ lrSchedule });
    const [scheduler] = pythonCallbacks(config, true) as { LearningRateScheduler: number[] }[];
    const trainer = Array.from({ length: EPOCHS }, (_, i) => scheduledLearningRate(config.lrSchedule, 0.01, i + 1, EPOCHS));
    expect(scheduler.LearningRateScheduler).toEqual(trainer.map((rate) => expect.closeTo(rate, 12)));
  });

  it('clipNorm: global_clipnorm on the optimizer; KL schedules are named as not exported', () => {
    const clipped = callbacksSection(training({ clipNorm: 2 }));
    expect(clipped.optimizerArguments).toBe(', global_clipnorm=CLIP_NORM');
    expect(clipped.constants).toContain('CLIP_NORM = 2  # training.clipNorm: the global gradient norm is clipped to it');
    expect(callbacksSection(training({ klWarmup: 3 }, 'vae')).code).toContain('# Not exported: training.klWarmup / training.klCycle.');
    expect(callbacksSection(training({}, 'vae')).code).not.toContain('Not exported');
  });
});
