// DECODE with labels (the Generate view's by-label variant): the host passes one label per code on to the decoder,
// and drops, with a warning, labels of the wrong count, non-integer or negative labels, and mistyped labels.
import { describe, expect, it } from 'vitest';
import { handleWebviewMessage } from '../../../src/extension/dashboard/handleWebviewMessage';
import { recordingWebviewDeps } from '../../helpers/recordingWebviewDeps';

function harness() {
  const decoded: { count: number; labels?: number[] }[] = [];
  const recording = recordingWebviewDeps({
    decode: async (_codes, count, labels) => {
      decoded.push({ count, labels });
      return Array.from({ length: count }, () => new Float32Array(4));
    },
  });
  return { ...recording, decoded };
}

describe('DECODE with labels', () => {
  it('hands one label per code to the decoder, and none when the request has none', async () => {
    const { deps, decoded, warnings, replies } = harness();
    await handleWebviewMessage({ type: 'DECODE', requestId: 1, codes: [0, 0, 1, 1, 2, 2], count: 3, labels: [4, 4, 9] }, deps);
    await handleWebviewMessage({ type: 'DECODE', requestId: 2, codes: [0, 0], count: 1 }, deps);
    expect(decoded).toEqual([{ count: 3, labels: [4, 4, 9] }, { count: 1, labels: undefined }]);
    expect(replies).toHaveLength(2);
    expect(warnings).toEqual([]);
  });

  it('drops labels that do not fit: wrong count, negative, fractional, strings, too large', async () => {
    const { deps, decoded, warnings } = harness();
    await handleWebviewMessage({ type: 'DECODE', requestId: 1, codes: [0, 0, 1, 1], count: 2, labels: [3] }, deps);
    expect(warnings).toEqual(['dropped a decode request: 1 labels for 2 codes']);
    for (const labels of [[-1, 2], [0.5, 1], ['1', '2'], [1, 1e9], 'ab']) {
      await handleWebviewMessage({ type: 'DECODE', requestId: 3, codes: [0, 0, 1, 1], count: 2, labels }, deps);
    }
    expect(decoded).toEqual([]);
    expect(warnings).toHaveLength(6);
  });
});
