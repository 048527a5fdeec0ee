// The Try it plumbing on the host: webview message -> validation -> the decoder service's served trainer -> PROBED
// reply. A stand-in trainer script answers 'serve' and 'probe' over IPC (the real trainer's probe lives elsewhere).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { ProbeMessage, Probed } from '../../../src/protocol/applyMessages';
import { emptyDashboardData, type DashboardData, type HostToWebview, type RunInfo } from '../../../src/protocol/dashboardMessages';
import { handleWebviewMessage, type WebviewMessageDeps } from '../../../src/extension/dashboard/handleWebviewMessage';
import type { TrainingController } from '../../../src/extension/training/trainingController';
import { recordingWebviewDeps, type RecordingWebviewDeps } from '../../helpers/recordingWebviewDeps';

vi.mock('vscode', () => ({ workspace: { isTrusted: true, getConfiguration: () => ({ get: (_key: string, fallback: unknown) => fallback }) } }));
const { DecoderService } = await import('../../../src/extension/training/decoderService');

const folder = mkdtempSync(join(tmpdir(), 'aelab-tryit-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

// Answers like a served trainer: the input echoed, half of it as the "reconstruction", and one neighbour whose
// source says which run was served and which file was probed, and whose label is the server's pid.
const STAND_IN = join(folder, 'standInTrainer.js');
writeFileSync(
  STAND_IN,
  `let served = null;
process.on('message', (m) => {
  if (m.type === 'serve') served = m.runDir;
  if (m.type === 'stop') process.exit(0);
  if (m.type !== 'probe') return;
  if (m.sample.kind === 'file' && m.sample.path.endsWith('.bad')) {
    return process.send({ type: 'probed', requestId: m.requestId, error: 'the run expects 2×2×1 images, found 3 channels' });
  }
  const input = m.sample.kind === 'pixels' ? m.sample.values : new Float32Array([0.5, 0.5, 0.5, 0.5]);
  const reconstruction = input.map((v) => v / 2);
  const errorMap = input.map((v, i) => (v - reconstruction[i]) ** 2);
  const score = errorMap.reduce((a, b) => a + b, 0) / errorMap.length;
  process.send({
    type: 'probed', requestId: m.requestId, sampleShape: [2, 2, 1], input, reconstruction, errorMap, score, threshold: 0.05, flagged: score > 0.05,
    neighbors: [{ index: 3, source: served + '|' + (m.sample.path ?? 'pixels') + '|k=' + m.k, label: String(process.pid), distance: 1.5, image: new Float32Array(4) }],
  });
});
process.on('disconnect', () => process.exit(0));
`,
);

const RUN_DIR = join(folder, 'runs', 'digits-1');

function runInfo(status: RunInfo['status'], live = false): RunInfo {
  return { runId: 'digits-1', name: 'digits', kind: 'deep', status, backend: 'cpu', epochs: 3, epochsPlanned: 3, batchesPerEpoch: 4, sampleShape: [2, 2, 1], trainSamples: 10, validationSamples: 2, parameterCount: 100, live };
}

interface Harness extends RecordingWebviewDeps {
  probes: ProbeMessage['sample'][];
  dialogs: number;
}

function harness(options: { run?: RunInfo | null; probe?: WebviewMessageDeps['probe']; openPath?: string } = {}): Harness {
  const data: DashboardData = { ...emptyDashboardData(), run: options.run === undefined ? runInfo('completed') : options.run };
  const h = { probes: [], dialogs: 0 } as Pick<Harness, 'probes' | 'dialogs'>;
  const recordingProbe = async (sample: ProbeMessage['sample']): Promise<Probed> => {
    h.probes.push(sample);
    return options.probe ? options.probe(sample) : { type: 'probed', requestId: 0, score: 0 };
  };
  const recording = recordingWebviewDeps({
    runsDir: () => join(folder, 'runs'),
    data: () => data,
    probe: recordingProbe,
    showOpenDialog: async () => {
      h.dialogs++;
      return options.openPath;
    },
  });
  return Object.assign(h, recording);
}

function decoderService(activeRunDir?: string) {
  const controller = { activeRun: activeRunDir ? { runDir: activeRunDir } : undefined } as unknown as TrainingController;
  const log = { info: () => undefined, warn: () => undefined } as never;
  return new DecoderService(controller, () => ({ trainerScript: STAND_IN, env: process.env }), log);
}

const probedReply = (h: Harness) => h.replies.filter((r): r is Extract<HostToWebview, { type: 'PROBED' }> => r.type === 'PROBED');

describe('Try it probes through the served trainer', () => {
  it('round-trips drawn pixels and a picked file through one served trainer, clamping the pixels', async () => {
    const decoders = decoderService();
    try {
      const h = harness({ probe: (sample) => decoders.probe(sample, RUN_DIR), openPath: join(folder, 'inputs', 'seven.png') });
      await handleWebviewMessage({ type: 'PROBE_PIXELS', requestId: 7, pixels: [0, 0.5, 2, -1], shape: [2, 2, 1] }, h.deps);
      await handleWebviewMessage({ type: 'PROBE_FILE', requestId: 8 }, h.deps);
      expect(h.warnings).toEqual([]);
      const [drawn, picked] = probedReply(h);
      expect(drawn).toMatchObject({ requestId: 7, source: 'drawing' });
      expect(drawn.error).toBeUndefined();
      expect(Array.from(drawn.result!.input!)).toEqual([0, 0.5, 1, 0]);
      expect(Array.from(drawn.result!.reconstruction!)).toEqual([0, 0.25, 0.5, 0]);
      expect(drawn.result!.score).toBeCloseTo((0.25 ** 2 + 0.5 ** 2) / 4);
      expect(drawn.result).toMatchObject({ threshold: 0.05, flagged: true, sampleShape: [2, 2, 1] });
      // The served run is the shown one, the file is the one the dialog returned, and k is the service's 8.
      expect(drawn.result!.neighbors![0].source).toBe(`${RUN_DIR}|pixels|k=8`);
      expect(picked).toMatchObject({ requestId: 8, source: 'seven.png' });
      expect(picked.result!.neighbors![0].source).toBe(`${RUN_DIR}|${join(folder, 'inputs', 'seven.png')}|k=8`);
      expect(picked.result!.neighbors![0].image).toBeInstanceOf(Float32Array);
      // One server answered both.
      expect(picked.result!.neighbors![0].label).toBe(drawn.result!.neighbors![0].label);
      const pid = Number(drawn.result!.neighbors![0].label);
      decoders.dispose();
      await vi.waitFor(() => expect(() => process.kill(pid, 0)).toThrow(), { timeout: 10_000 });
    } finally {
      decoders.dispose();
    }
  });

  it('shows the trainer\'s error for a file that does not fit the run, and a cancelled dialog as cancelled', async () => {
    const decoders = decoderService();
    try {
      const bad = harness({ probe: (sample) => decoders.probe(sample, RUN_DIR), openPath: join(folder, 'photo.bad') });
      await handleWebviewMessage({ type: 'PROBE_FILE', requestId: 1 }, bad.deps);
      expect(probedReply(bad)).toEqual([{ type: 'PROBED', requestId: 1, source: 'photo.bad', error: 'the run expects 2×2×1 images, found 3 channels' }]);
      const cancelled = harness({ probe: (sample) => decoders.probe(sample, RUN_DIR) });
      await handleWebviewMessage({ type: 'PROBE_FILE', requestId: 2 }, cancelled.deps);
      expect(probedReply(cancelled)).toEqual([{ type: 'PROBED', requestId: 2, cancelled: true }]);
      expect(cancelled.probes).toEqual([]);
    } finally {
      decoders.dispose();
    }
  });

  it('refuses the run that is training now without starting a trainer', async () => {
    const decoders = decoderService(RUN_DIR);
    const h = harness({ probe: (sample) => decoders.probe(sample, RUN_DIR), openPath: join(folder, 'seven.png') });
    await handleWebviewMessage({ type: 'PROBE_FILE', requestId: 3 }, h.deps);
    expect(probedReply(h)[0].error).toMatch(/available when the run ends/);
    // The webview's own check comes first when the shown run says it is running: no dialog, no probe.
    const live = harness({ run: runInfo('running', true), openPath: join(folder, 'seven.png') });
    await handleWebviewMessage({ type: 'PROBE_FILE', requestId: 4 }, live.deps);
    expect(probedReply(live)).toEqual([{ type: 'PROBED', requestId: 4, error: 'Try it uses the saved model: it is available when the run ends.' }]);
    expect(live.dialogs).toBe(0);
    expect(live.probes).toEqual([]);
    decoders.dispose();
  });
});

describe('Try it webview messages', () => {
  it('drops invalid messages without a reply, a dialog or a probe', async () => {
    const h = harness({ openPath: '/etc/passwd' });
    const invalid: unknown[] = [
      { type: 'PROBE_FILE', requestId: 1, path: '/etc/passwd' },
      { type: 'PROBE_FILE' },
      { type: 'PROBE_FILE', requestId: -1 },
      { type: 'PROBE_PIXELS', requestId: 1, pixels: [0, NaN, 0, 0], shape: [2, 2, 1] },
      { type: 'PROBE_PIXELS', requestId: 1, pixels: [0, Infinity, 0, 0], shape: [2, 2, 1] },
      { type: 'PROBE_PIXELS', requestId: 1, pixels: ['0', 0, 0, 0], shape: [2, 2, 1] },
      { type: 'PROBE_PIXELS', requestId: 1, pixels: new Array(5000).fill(0), shape: [50, 100, 1] },
      { type: 'PROBE_PIXELS', requestId: 1, pixels: [0, 0, 0, 0], shape: [2, 2, 1, 1] },
      { type: 'PROBE_PIXELS', requestId: 1, pixels: [0, 0, 0, 0], shape: [2, 2.5, 1] },
      { type: 'PROBE_PIXELS', requestId: 1, pixels: [0, 0, 0, 0], shape: [2, 2, 1], runDir: '/elsewhere' },
      { type: 'PROBE_PIXELS', requestId: 1, pixels: { length: 4 }, shape: [2, 2, 1] },
    ];
    for (const message of invalid) await handleWebviewMessage(message, h.deps);
    expect(h.warnings).toHaveLength(invalid.length);
    for (const warning of h.warnings) expect(warning).toMatch(/^dropped an invalid dashboard message/);
    expect(h.replies).toEqual([]);
    expect(h.dialogs).toBe(0);
    expect(h.probes).toEqual([]);
  });

  it('answers drawn pixels that do not fill their shape or do not fit the run with an error, never probing', async () => {
    const h = harness();
    await handleWebviewMessage({ type: 'PROBE_PIXELS', requestId: 1, pixels: [0, 0, 0], shape: [2, 2, 1] }, h.deps);
    await handleWebviewMessage({ type: 'PROBE_PIXELS', requestId: 2, pixels: new Array(9).fill(0.5), shape: [3, 3, 1] }, h.deps);
    const table = harness({ run: { ...runInfo('completed'), sampleShape: [4] } });
    await handleWebviewMessage({ type: 'PROBE_PIXELS', requestId: 3, pixels: [0, 0, 0, 0], shape: [4] }, table.deps);
    expect(probedReply(h).map((r) => r.error)).toEqual([
      'The drawing does not fit this run: 3 values do not fill a 2×2×1 image (4 values).',
      'The drawing does not fit this run: the drawing is 3×3×1 but the run expects 2×2×1.',
    ]);
    expect(probedReply(table)[0].error).toBe("The drawing does not fit this run: the run's samples (4) are not a small grayscale image.");
    expect(h.probes).toEqual([]);
    expect(table.probes).toEqual([]);
    expect(h.warnings).toHaveLength(2);
  });

  it('says so when no run is shown or no trainer can be started', async () => {
    const none = harness({ run: null });
    await handleWebviewMessage({ type: 'PROBE_FILE', requestId: 1 }, none.deps);
    const noTrainer = harness();
    noTrainer.deps.probe = undefined;
    await handleWebviewMessage({ type: 'PROBE_PIXELS', requestId: 2, pixels: [0, 0, 0, 0], shape: [2, 2, 1] }, noTrainer.deps);
    expect(probedReply(none)[0].error).toBe('No run is shown.');
    expect(probedReply(noTrainer)[0].error).toMatch(/needs a trainer process/);
  });
});
