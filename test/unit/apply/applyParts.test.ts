// The small pure parts of applying a run: nearest codes (euclidean and Hamming), the run's scale and its
// inverse, the NPY header the jobs write, the search codes' reader, the AUROC the measuring script reports, and how the
// trainer's message handler passes a stop to an apply job.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { createMessageHandler } from '../../../src/trainer/messageHandler';
import type { Normalization } from '../../../src/trainer/data/dataset';
import { parseNpy } from '../../../src/trainer/data/npy';
import { nearestCodes } from '../../../src/trainer/apply/nearest';
import { float32Bytes, float32NpyHeader } from '../../../src/trainer/apply/npyHeader';
import { pixelsPerUnit, toPixels, toRunScale, toUserUnits } from '../../../src/trainer/apply/runScale';
import { readSearchCodes, writeSearchCodes } from '../../../src/runs/searchCodes';
import { runPath, SEARCH_FILES } from '../../../src/runs/layout';
import { tempWorkspace } from '../../helpers/experimentFiles';
// @ts-expect-error -- a plain .mjs module of the scripts, without types
import { auroc } from '../../../scripts/apply/auroc.mjs';

describe('nearestCodes', () => {
  const codes = Float32Array.from([0, 0, 3, 4, 1, 0, -1, -1]); // 4 codes of 2 values

  it('returns the k nearest by euclidean distance, nearest first', () => {
    expect(nearestCodes(codes, 2, [0.9, 0], 3, false)).toEqual([
      { index: 2, distance: expect.closeTo(0.1, 6) },
      { index: 0, distance: expect.closeTo(0.9, 6) },
      { index: 3, distance: expect.closeTo(Math.hypot(1.9, 1), 6) },
    ]);
  });

  it('compares sign codes by Hamming distance with binary', () => {
    // Signs (> 0): [0,0], [1,1], [1,0], [0,0]; the query [5, -2] is [1, 0].
    expect(nearestCodes(codes, 2, [5, -2], 4, true)).toEqual([
      { index: 2, distance: 0 },
      { index: 0, distance: 1 },
      { index: 1, distance: 1 },
      { index: 3, distance: 1 },
    ]);
  });
});

describe('the run scale', () => {
  it('applies each normalisation with its fitted statistics and inverts it', () => {
    const cases: Normalization[] = [
      { kind: 'scale', divisor: 255 },
      { kind: 'minmax', min: [0, 10], max: [2, 30] },
      { kind: 'zscore', mean: [1, -1], std: [2, 4] },
    ];
    for (const normalization of cases) {
      const user = Float32Array.from([1, 20, 2, 30]);
      const run = Float32Array.from(user);
      toRunScale(run, normalization, 2);
      expect(Array.from(run)).not.toEqual(Array.from(user));
      toUserUnits(run, normalization, 2);
      Array.from(run).forEach((v, i) => expect(v).toBeCloseTo(user[i], 4));
    }
    const minmax = Float32Array.from([1, 20]);
    toRunScale(minmax, cases[1], 2);
    expect(Array.from(minmax)).toEqual([0.5, 0.5]);
  });

  it('writes pixels clamped to 0..255, from the pixel range the run trained on', () => {
    const spec = (pixelRange?: '0-255' | '0-1') => ({ kind: 'images', height: 1, width: 1, channels: 1, resize: 'bilinear', pixelRange }) as const;
    expect(Array.from(toPixels(Float32Array.from([0, 0.5, 1.2, -0.1]), spec('0-255'), { kind: 'scale', divisor: 255 }, 4))).toEqual([0, 128, 255, 0]);
    expect(Array.from(toPixels(Float32Array.from([0.5]), spec('0-1'), { kind: 'none' }, 1))).toEqual([128]);
    // An image folder trained without normalisation saw 0..255 values.
    expect(Array.from(toPixels(Float32Array.from([100]), spec('0-255'), { kind: 'none' }, 1))).toEqual([100]);
    expect(pixelsPerUnit(spec(), { kind: 'none' })).toBe(255); // older data.json: a float array
    expect(pixelsPerUnit(spec('0-255'), { kind: 'none' })).toBe(1);
  });
});

describe('files', () => {
  it('writes NPY headers numpy (and our reader) accept', () => {
    const values = Float32Array.from({ length: 6 }, (_, i) => i / 2);
    const bytes = Buffer.concat([float32NpyHeader([3, 2]), float32Bytes(values)]);
    expect((bytes.readUInt16LE(8) + 10) % 64).toBe(0); // data aligned on 64 bytes
    const array = parseNpy(bytes, 'x.npy');
    expect(array.shape).toEqual([3, 2]);
    expect(Array.from(array.data)).toEqual(Array.from(values));
  });

  it('reads back the search codes it wrote, and refuses codes that do not match their index', () => {
    const runDir = tempWorkspace();
    writeSearchCodes(runDir, { count: 2, dim: 3, codes: Float32Array.from([1, 2, 3, 4, 5, 6]), sources: ['a.png', 'b.png'], labels: ['cat', null] });
    expect(readSearchCodes(runDir)).toMatchObject({ count: 2, dim: 3, sources: ['a.png', 'b.png'], labels: ['cat', null], codes: Float32Array.from([1, 2, 3, 4, 5, 6]) });
    writeFileSync(runPath(runDir, 'search', SEARCH_FILES.codes), Buffer.alloc(20));
    expect(() => readSearchCodes(runDir)).toThrow(/codes\.bin: holds 20 bytes, but index\.json declares 2 codes of 3 float32 values \(24 bytes\)/);
    const other = tempWorkspace();
    mkdirSync(join(other, 'search'));
    expect(() => readSearchCodes(other)).toThrow(/index\.json: is missing/);
  });
});

describe('auroc', () => {
  it('matches a hand-computed case, with ties counting one half', () => {
    // Anomalies score 0.9, 0.4, 0.6; normals 0.1, 0.4, 0.35. Pairs (anomaly > normal): 0.9 beats 3, 0.4 beats 2 and
    // ties 1 (0.5), 0.6 beats 3: (3 + 2.5 + 3) / 9.
    expect(auroc([0.9, 0.1, 0.4, 0.4, 0.6, 0.35], [1, 0, 1, 0, 1, 0])).toBeCloseTo(8.5 / 9, 10);
    expect(auroc([1, 2, 3, 4], [0, 0, 1, 1])).toBe(1);
    expect(auroc([1, 2, 3, 4], [1, 1, 0, 0])).toBe(0);
    expect(auroc([1, 2], [1, 1])).toBeNaN();
  });
});

describe('a stop during an apply job', () => {
  it('reaches the job through shouldStop; the process ends after the job answers, not at once', async () => {
    let finish: (answer: never) => void = () => {};
    let shouldStop: () => boolean = () => false;
    const apply = vi.fn((_message, _send, stop: () => boolean) => {
      shouldStop = stop;
      return new Promise<never>((resolve) => (finish = resolve));
    });
    const exit = vi.fn();
    const sent: unknown[] = [];
    const handler = createMessageHandler({ send: (m) => sent.push(m), exit }, { train: vi.fn(), embed: vi.fn(), infer: vi.fn(), apply, evaluate: vi.fn() });
    handler.onMessage({ type: 'apply', job: 'score', runDir: 'run', input: 'in', out: 'out.csv' });
    expect(shouldStop()).toBe(false);
    handler.onMessage({ type: 'stop' });
    expect(shouldStop()).toBe(true);
    expect(exit).not.toHaveBeenCalled();
    const answer = { type: 'applied', job: 'score', count: 0, out: null, error: 'stopped after 0 of 5 samples', reason: 'stopped' };
    finish(answer as never);
    await vi.waitFor(() => expect(exit).toHaveBeenCalledTimes(1));
    expect(sent).toContainEqual(answer);
  });
});
