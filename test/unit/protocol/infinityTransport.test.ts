// The host posts webview messages through JSON, which has no Infinity: an exact reconstruction's PSNR must still
// arrive as Infinity (JSON would make it null, which means "no PSNR"), and nothing else may change.
import { describe, expect, it } from 'vitest';
import { decodeTypedArrays, encodeTypedArrays } from '../../../src/protocol/dashboardMessages';

const overJson = (value: unknown) => decodeTypedArrays(JSON.parse(JSON.stringify(encodeTypedArrays(value))));

describe('webview transport of infinite numbers', () => {
  it('keeps +Infinity and -Infinity through a JSON round trip, beside typed arrays', () => {
    const message = { psnr: Infinity, low: -Infinity, rows: [1, Infinity], codes: new Float32Array([0.5, 2]) };
    expect(JSON.parse(JSON.stringify(message)).psnr).toBeNull();
    expect(overJson(message)).toEqual(message);
  });

  it('leaves finite numbers, NaN handling and look-alike objects as they were', () => {
    expect(overJson({ a: 1.5, b: null, c: { $inf: 'nope' }, d: { $inf: 'Infinity', extra: 1 } })).toEqual({ a: 1.5, b: null, c: { $inf: 'nope' }, d: { $inf: 'Infinity', extra: 1 } });
    // NaN still becomes null, as before: only the infinities are tagged.
    expect(overJson({ loss: NaN })).toEqual({ loss: null });
  });
});
