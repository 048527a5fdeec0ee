// 10,000 random and malformed messages into the host's webview message handler: it must never throw or reject,
// never write a file, and never hand a path outside the runs folder to the host.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DashboardModel } from '../../src/extension/dashboard/dashboardModel';
import { handleWebviewMessage, type WebviewMessageDeps } from '../../src/extension/dashboard/handleWebviewMessage';
import { resolveRunDir } from '../../src/extension/dashboard/runsFolder';
import { DASHBOARD_VIEWS } from '../../src/protocol/dashboardMessages';
import { lastMessage, loadFixture } from './harness/fixtures';

const workspace = mkdtempSync(join(tmpdir(), 'aelab-fuzz-'));
const runsDir = join(workspace, 'runs');
const outside = join(workspace, 'outside');
mkdirSync(join(runsDir, 'good-run'), { recursive: true });
mkdirSync(join(runsDir, 'v1..2-run'), { recursive: true });
mkdirSync(outside, { recursive: true });
writeFileSync(join(runsDir, 'not-a-folder'), 'x');
symlinkSync(outside, join(runsDir, 'escaping-link'));
afterAll(() => rmSync(workspace, { recursive: true, force: true }));

/** A small seeded generator so a failure can be replayed. */
function random(seed: number) {
  let state = seed >>> 0;
  const next = () => ((state = (state * 1664525 + 1013904223) >>> 0) / 2 ** 32);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)];
  return { next, pick, int: (n: number) => Math.floor(next() * n) };
}

const TYPES = ['INITIALIZED', 'STOP_RUN', 'OPEN_DASHBOARD', 'OPEN_RUN', 'LIST_RUNS', 'COMPARE_RUNS', 'DECODE', 'EXPORT_FLAGGED', 'VIEW_CHANGED', 'PROBE_FILE', 'PROBE_PIXELS', 'EVALUATE_RUN', 'LIST_EXPERIMENTS', 'DELETE_RUNS', 'RERUN_WITH_EDITS', 'EXPORT_EXPERIMENTS', 'SET_DATA', 'decode', '', 'constructor', '__proto__'];
const NASTY_IDS = ['../outside', '..', '.', '', 'good-run/../../outside', '/etc/passwd', 'C:\\Windows', '..\\..\\x', 'escaping-link', 'not-a-folder', 'good-run\u0000', '%2e%2e', 'a'.repeat(500), 'good-run', 'missing-run', 'good-run/', ' good-run'];
const NASTY_VALUES = [null, undefined, NaN, Infinity, -Infinity, -1, 0, 1.5, 2 ** 53, '', 'x', true, {}, [], [1, 2], { length: 1e9 }, new Float32Array([NaN, 1]), new Float32Array(3), new Uint8Array(4), () => 1, Symbol('s'), 10n];

function value(r: ReturnType<typeof random>, depth = 0): unknown {
  switch (r.int(depth > 2 ? 3 : 6)) {
    case 0:
      return r.pick(NASTY_VALUES);
    case 1:
      return r.pick(NASTY_IDS);
    case 2:
      return r.next() * 2000 - 1000;
    case 3:
      return Array.from({ length: r.int(5) }, () => value(r, depth + 1));
    case 4:
      return Object.fromEntries(Array.from({ length: r.int(4) }, () => [r.pick(['type', 'runId', 'runIds', 'codes', 'count', 'threshold', 'view', 'requestId', '__proto__', 'constructor']), value(r, depth + 1)]));
    default:
      return new Float32Array(r.int(100)).map(() => r.next() * 4 - 2);
  }
}

/** Valid messages of every type, which the fuzzer also sends as they are or with one field broken. */
const VALID: Record<string, unknown>[] = [
  { type: 'INITIALIZED' },
  { type: 'STOP_RUN' },
  { type: 'OPEN_DASHBOARD', view: 'latent' },
  { type: 'OPEN_RUN', runId: 'good-run' },
  { type: 'LIST_RUNS' },
  { type: 'COMPARE_RUNS', runIds: ['good-run', 'good-run'] },
  { type: 'DECODE', requestId: 3, codes: new Float32Array(320), count: 10 },
  { type: 'EXPORT_FLAGGED', threshold: 0.3 },
  { type: 'PROBE_FILE', requestId: 4 },
  { type: 'PROBE_PIXELS', requestId: 5, pixels: Array.from({ length: 784 }, (_, i) => (i % 7) / 6), shape: [28, 28, 1] },
  { type: 'EVALUATE_RUN', runId: 'good-run' },
  { type: 'LIST_EXPERIMENTS' },
  { type: 'DELETE_RUNS', runIds: ['good-run'] },
  { type: 'RERUN_WITH_EDITS', runId: 'good-run' },
  { type: 'EXPORT_EXPERIMENTS', runIds: ['good-run'], columns: ['name', 'p:model.latentDim'] },
];

function message(r: ReturnType<typeof random>): unknown {
  if (r.next() < 0.1) return value(r);
  if (r.next() < 0.3) {
    const template = { ...r.pick(VALID) };
    if (r.next() < 0.5) template[r.pick(['type', 'runId', 'runIds', 'codes', 'count', 'threshold', 'view', 'requestId', 'pixels', 'shape', 'columns', 'extra'])] = value(r);
    return template;
  }
  const base: Record<string, unknown> = { type: r.pick(TYPES) };
  const fields: Record<string, () => unknown> = {
    runId: () => r.pick(NASTY_IDS),
    runIds: () => Array.from({ length: r.int(15) }, () => r.pick(NASTY_IDS)),
    codes: () => (r.next() < 0.5 ? new Float32Array(r.pick([r.int(400), 32, 320])).map(() => r.next()) : value(r)),
    count: () => r.pick([1, 2, 10, 0, -1, 300, 1.5, '10', 32]),
    requestId: () => r.pick([0, 1, -1, 2 ** 40, 'a', 7]),
    threshold: () => r.pick([0.1, 0, -5, NaN, Infinity, '0.2', 1e9]),
    view: () => r.pick([...DASHBOARD_VIEWS, 'nope', 5]),
    pixels: () => (r.next() < 0.5 ? Array.from({ length: r.pick([784, 783, 4096, 5000, 0]) }, () => r.next() * 3 - 1) : value(r)),
    columns: () => r.pick([['name'], [], ['p:x', 'm:best_val_loss'], Array.from({ length: 600 }, () => 'name'), [''], value(r)]),
    shape: () => r.pick([[28, 28, 1], [28, 28], [784], [28, 28, 3], [0, 28, 1], [64, 64, 1], [1e9, 1, 1], value(r)]),
    extra: () => value(r),
  };
  for (const [key, make] of Object.entries(fields)) if (r.next() < 0.4) base[key] = make();
  return base;
}

describe('handleWebviewMessage under fuzzing', () => {
  it('survives 10,000 random and malformed messages without writing anything', async () => {
    const fixture = loadFixture('deep-mnist');
    const model = new DashboardModel();
    fixture.messages.forEach((m) => model.apply(m));
    // With a table to export, EXPORT_EXPERIMENTS reaches the (cancelled) save dialog too.
    const row = { runId: 'good-run', name: '=cmd', kind: 'deep', status: 'completed' as const, startedAt: '', epochs: 1, params: { 'model.latentDim': '2' }, metrics: { best_val_loss: 0.1 }, sweepId: null };
    model.set({ experiments: { rows: [row], sweeps: [], goals: { best_val_loss: 'min' }, importance: [], problems: [] } });
    const latentDim = lastMessage(fixture, 'latent').latentDim;
    const handedPaths: string[] = [];
    const counts = { write: 0, save: 0, decode: 0, reply: 0, warn: 0, stop: 0, probe: 0, open: 0, evaluate: 0, experiments: 0, delete: 0, rerun: 0 };
    const deps: WebviewMessageDeps = {
      runsDir: () => runsDir,
      data: () => model.data,
      warn: () => void counts.warn++,
      reply: () => void counts.reply++,
      initialized: () => undefined,
        stopRun: () => void counts.stop++,
      openDashboard: () => undefined,
      openRun: (dir) => void handedPaths.push(dir),
      listRuns: async () => undefined,
      compareRuns: async (dirs) => void handedPaths.push(...dirs),
      evaluateRun: (runId) => {
        counts.evaluate++;
        handedPaths.push(join(runsDir, runId));
      },
      listExperiments: () => void counts.experiments++,
      deleteRuns: (runIds) => {
        counts.delete++;
        handedPaths.push(...runIds.map((id) => join(runsDir, id)));
      },
      rerunWithEdits: (dir) => {
        counts.rerun++;
        handedPaths.push(dir);
      },
      decode: async (codes, count) => {
        counts.decode++;
        expect(codes.length).toBe(count * latentDim);
        return [];
      },
      probe: async (sample) => {
        counts.probe++;
        // Only drawn pixels can arrive here (every open dialog is cancelled), and only in the run's shape.
        expect(sample.kind).toBe('pixels');
        if (sample.kind === 'pixels') {
          expect(sample.shape).toEqual([28, 28, 1]);
          expect(sample.values.length).toBe(784);
          expect(sample.values.every((v) => v >= 0 && v <= 1)).toBe(true);
        }
        return { type: 'probed', requestId: 0 };
      },
      showOpenDialog: async () => void counts.open++,
      // The user cancels every save dialog, so no message may lead to a write.
      showSaveDialog: async () => void counts.save++,
      writeFile: async () => void counts.write++,
    };
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const r = random(20261125);
      for (let i = 0; i < 10_000; i++) await expect(handleWebviewMessage(message(r), deps)).resolves.toBeUndefined();
      await new Promise((resolve) => setTimeout(resolve, 50));
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
    expect(unhandled).toEqual([]);
    expect(counts.write).toBe(0);
    // The fuzz also reaches the deep paths: valid exports (cancelled), decodes and run lookups.
    expect(counts.save).toBeGreaterThan(0);
    expect(counts.decode).toBeGreaterThan(0);
    expect(counts.probe).toBeGreaterThan(0);
    expect(counts.open).toBeGreaterThan(0);
    expect(counts.evaluate).toBeGreaterThan(0);
    expect(counts.experiments).toBeGreaterThan(0);
    expect(counts.delete).toBeGreaterThan(0);
    expect(counts.rerun).toBeGreaterThan(0);
    expect(handedPaths.length).toBeGreaterThan(0);
    expect(counts.warn).toBeGreaterThan(5000);
    for (const dir of handedPaths) {
      const rel = relative(runsDir, dir);
      expect(rel).toBe('good-run');
      expect(rel.includes(sep)).toBe(false);
    }
  });
});

describe('resolveRunDir', () => {
  it('accepts only existing folders directly inside the runs folder', () => {
    expect(resolveRunDir(runsDir, 'good-run')).toBe(join(runsDir, 'good-run'));
    // Dots inside a name are fine (createRunDir keeps them); only separators and "."/".." are not.
    expect(resolveRunDir(runsDir, 'v1..2-run')).toBe(join(runsDir, 'v1..2-run'));
    for (const id of NASTY_IDS.filter((id) => id !== 'good-run')) expect(resolveRunDir(runsDir, id)).toBeUndefined();
    for (const id of [null, 5, {}, ['good-run']]) expect(resolveRunDir(runsDir, id)).toBeUndefined();
  });
});
