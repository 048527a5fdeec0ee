// The reconstruction history behind the Reconstructions view's epoch slider: display values, even thinning under the
// frame cap, and a resumed run continuing its saved history.
import { describe, expect, it } from 'vitest';
import { MAX_RECONSTRUCTION_FRAMES } from '../../../src/protocol/trainerMessages';
import { keepsFrame, ReconstructionHistory, type ReconstructionHistoryMessage } from '../../../src/trainer/samples/reconstructionHistory';

const epochsOf = (message: ReconstructionHistoryMessage) => message.frames.map((frame) => frame.epoch);
const output = (value: number, size = 4) => new Float32Array(size).fill(value);

function train(history: ReconstructionHistory, from: number, to: number): ReconstructionHistoryMessage {
  let last: ReconstructionHistoryMessage | undefined;
  for (let epoch = from; epoch <= to; epoch++) last = history.add(epoch, [output(epoch / 1000)]);
  return last!;
}

describe('reconstruction history', () => {
  it('keeps images as uint8 display pixels (clamped, rounded) and table rows as they are', () => {
    const image = new ReconstructionHistory([1, 5, 1]).add(1, [Float32Array.from([0, 0.5, 1, -0.2, 1.3])]);
    expect(image.frames[0].outputs[0]).toBeInstanceOf(Uint8Array);
    expect(Array.from(image.frames[0].outputs[0])).toEqual([0, 128, 255, 0, 255]);
    const row = Float32Array.from([-3.5, 0.25, 12]);
    const table = new ReconstructionHistory([3]).add(1, [row]);
    expect(table.frames[0].outputs[0]).toBeInstanceOf(Float32Array);
    expect(Array.from(table.frames[0].outputs[0])).toEqual([-3.5, 0.25, 12]);
    expect(table.sampleShape).toEqual([3]);
  });

  it('keeps every epoch up to the cap', () => {
    const history = train(new ReconstructionHistory([2, 2, 1]), 1, MAX_RECONSTRUCTION_FRAMES);
    expect(epochsOf(history)).toEqual(Array.from({ length: MAX_RECONSTRUCTION_FRAMES }, (_, i) => i + 1));
  });

  it('thins a 500-epoch run evenly to at most the cap, keeping the first and the newest epoch', () => {
    const history = new ReconstructionHistory([2, 2, 1]);
    for (let epoch = 1; epoch <= 500; epoch++) {
      const epochs = epochsOf(history.add(epoch, [output(0.5)]));
      expect(epochs.length).toBeLessThanOrEqual(MAX_RECONSTRUCTION_FRAMES);
      expect(epochs[0]).toBe(1);
      expect(epochs.at(-1)).toBe(epoch);
    }
    const epochs = epochsOf(history.add(501, [output(0.5)]));
    // Spread over the whole run: equal gaps between the kept epochs (the newest aside), none wider than a tenth of it.
    const gaps = epochs.slice(1, -1).map((epoch, i) => epoch - epochs[i]);
    expect(new Set(gaps).size).toBe(1);
    expect(gaps[0]).toBeLessThanOrEqual(50);
    expect(epochs.length).toBeGreaterThanOrEqual(MAX_RECONSTRUCTION_FRAMES / 2);
    expect(epochs.at(-2)).toBeGreaterThan(450);
  });

  it('thins to the set a pure function of the newest epoch gives (so a resume thins the same way)', () => {
    const history = train(new ReconstructionHistory([2, 2, 1], undefined, 6), 1, 20);
    expect(epochsOf(history)).toEqual([1, 5, 9, 13, 17, 20]);
    expect([1, 5, 9, 13, 17, 20].every((epoch) => keepsFrame(epoch, 20, 6))).toBe(true);
    expect(keepsFrame(3, 20, 6)).toBe(false);
  });

  it('a resumed run continues its saved history and replaces the frames after the checkpoint', () => {
    // Saved after epoch 5, but the checkpoint is of epoch 3: training resumes at epoch 4.
    const saved = train(new ReconstructionHistory([2, 2, 1]), 1, 5);
    const resumed = new ReconstructionHistory([2, 2, 1], saved);
    const next = resumed.add(4, [output(0.8)]);
    expect(epochsOf(next)).toEqual([1, 2, 3, 4]);
    expect(Array.from(next.frames[3].outputs[0])).toEqual([204, 204, 204, 204]);
    expect(next.frames.slice(0, 3)).toEqual(saved.frames.slice(0, 3));
    expect(epochsOf(resumed.add(5, [output(0.1)]))).toEqual([1, 2, 3, 4, 5]);
  });

  it('retraining from epoch 1 starts a new history; a saved history of another sample shape is ignored', () => {
    const saved = train(new ReconstructionHistory([2, 2, 1]), 1, 3);
    expect(epochsOf(new ReconstructionHistory([2, 2, 1], saved).add(1, [output(0)]))).toEqual([1]);
    expect(epochsOf(new ReconstructionHistory([3, 3, 1], saved).add(4, [output(0, 9)]))).toEqual([4]);
  });
});
