// A finished run rebuilt from its folder: metrics.jsonl and summary.json, plus the views/<type>.json snapshots the
// trainer writes with encodeTyped. The rebuilt dashboard must hold the same data as the live one did.
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeBase64, decodeTyped, encodeTyped } from '../../src/protocol/dashboardMessages';
import { flattenConfig, differingKeys, loadComparison } from '../../src/extension/dashboard/compareRuns';
import { DashboardModel } from '../../src/extension/dashboard/dashboardModel';
import { loadRunFromFolder } from '../../src/extension/dashboard/runHistory';
import { readMetricsLeniently } from '../../src/runs/metricsFile';
import { VIEW_MESSAGE_TYPES, VIEW_PAYLOADS } from '../../src/protocol/viewPayloads';
import { FIXTURE_RUNS, fixtureRunId, lastMessage, loadFixture, type FixtureName } from './harness/fixtures';

const work = mkdtempSync(join(tmpdir(), 'aelab-history-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('typed array JSON encoding', () => {
  it('round-trips Float32, Uint8 and Int32 arrays, including unaligned views', () => {
    const buffer = new ArrayBuffer(64);
    const value = { f: new Float32Array([1.5, NaN, -Infinity, 3e-39]), u: new Uint8Array([0, 255, 7]), i: new Int32Array([-1, 2 ** 31 - 1]), view: new Uint8Array(buffer, 3, 5).fill(9), plain: { $f32: 5 } };
    const back = JSON.parse(JSON.stringify(value, encodeTyped), decodeTyped);
    expect(back.f).toBeInstanceOf(Float32Array);
    expect(Array.from(back.f)).toEqual(Array.from(value.f));
    expect(back.u).toEqual(value.u);
    expect(back.i).toEqual(value.i);
    expect(Array.from(back.view)).toEqual([9, 9, 9, 9, 9]);
    expect(back.plain).toEqual({ $f32: 5 });
  });
});

describe('decodeBase64 (the webview fallback when Uint8Array.fromBase64 is missing)', () => {
  it('matches Node for every padding and length', () => {
    for (let length = 0; length < 70; length++) {
      const bytes = Uint8Array.from({ length }, (_, i) => (i * 73 + length) & 255);
      expect(decodeBase64(Buffer.from(bytes).toString('base64'))).toEqual(bytes);
    }
    const big = Uint8Array.from({ length: 1_000_003 }, (_, i) => (i * 31) & 255);
    expect(decodeBase64(Buffer.from(big).toString('base64'))).toEqual(big);
  });
});

describe('loadRunFromFolder', () => {
  it('rebuilds metrics, run info and every saved view of a finished run', async () => {
    const fixture = loadFixture('vae-mnist');
    const runDir = join(work, fixtureRunId('vae-mnist'));
    cpSync(join(FIXTURE_RUNS, fixtureRunId('vae-mnist')), runDir, { recursive: true });
    mkdirSync(join(runDir, 'views'));
    // Views a VAE run never sends (or sent before vae-mnist was recorded) come from the fixtures that show them.
    const fromOther: Partial<Record<(typeof VIEW_MESSAGE_TYPES)[number], FixtureName>> = { reconstructionHistory: 'recon-history-mnist', series: 'series-weather', codebook: 'vq-vae-mnist', audioClips: 'audio-alsa' };
    const saved = <T extends (typeof VIEW_MESSAGE_TYPES)[number]>(type: T) => lastMessage(loadFixture(fromOther[type] ?? 'vae-mnist'), type);
    for (const type of VIEW_MESSAGE_TYPES) writeFileSync(join(runDir, 'views', VIEW_PAYLOADS[type].snapshotFile), JSON.stringify(saved(type), encodeTyped));
    const history = saved('reconstructionHistory');
    writeFileSync(join(runDir, 'views', 'latent.json.tmp'), 'garbage');

    const rebuilt = loadRunFromFolder(runDir).data;
    const live = new DashboardModel();
    fixture.messages.forEach((m) => live.apply(m));
    expect(rebuilt.metrics).toEqual(live.data.metrics);
    expect(rebuilt.latent).toEqual(live.data.latent);
    expect(rebuilt.samples).toEqual(live.data.samples);
    expect(rebuilt.errors).toEqual(live.data.errors);
    expect(rebuilt.generated).toEqual(live.data.generated);
    expect(rebuilt.reconstructions).toEqual(live.data.reconstructions);
    expect(rebuilt.reconstructionHistory).toEqual({ sampleShape: history.sampleShape, frames: history.frames });
    for (const type of ['series', 'codebook', 'audioClips'] as const) {
      const payload = Object.fromEntries(Object.entries(saved(type)).filter(([key]) => key !== 'type'));
      expect(rebuilt[VIEW_PAYLOADS[type].dashboardKey], type).toEqual(payload);
    }
    expect(rebuilt.run).toMatchObject({ runId: fixtureRunId('vae-mnist'), kind: 'vae', live: false, sampleShape: [28, 28, 1], epochs: live.data.run!.epochs });
  });

  it('shows what it can from a broken folder instead of failing', async () => {
    const runDir = join(work, 'broken');
    mkdirSync(join(runDir, 'views'), { recursive: true });
    writeFileSync(join(runDir, 'metrics.jsonl'), '{"epoch":1,"loss":0.5,"val_loss":0.4,"seconds":1,"samples_per_second":10}\nnot json\n{"epoch":"x"}\n');
    writeFileSync(join(runDir, 'views', 'latent.json'), '{"type":"latent","points":{"$f32":"!!"}}');
    const data = loadRunFromFolder(runDir).data;
    expect(data.metrics).toHaveLength(1);
    expect(readMetricsLeniently(runDir).problem).toMatch(/metrics\.jsonl:2: not JSON/);
    expect(data.run).toBeNull();
    expect(data.latent).toBeNull();
  });
});

describe('compare data', () => {
  it('flattens experiments to dotted keys and keeps only the keys that differ', async () => {
    expect(flattenConfig({ $schema: 'x', a: { b: [1, 2], c: 'd', e: [{ f: 1 }] } })).toEqual({ 'a.b': '[1,2]', 'a.c': 'd', 'a.e.0.f': '1' });
    expect(differingKeys([{ a: '1', b: '2' }, { a: '1', b: '3', c: 'x' }])).toEqual([
      { key: 'b', values: ['2', '3'] },
      { key: 'c', values: [null, 'x'] },
    ]);
    const comparison = loadComparison([fixtureRunId('deep-mnist'), fixtureRunId('vae-mnist')].map((id) => join(FIXTURE_RUNS, id)));
    expect(comparison.runs.map((r) => r.kind)).toEqual(['deep', 'vae']);
    expect(comparison.differingKeys.map((d) => d.key)).toEqual(expect.arrayContaining(['kind', 'name', 'model.beta']));
  });
});
