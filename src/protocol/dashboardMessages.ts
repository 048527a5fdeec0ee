// The typed contract between the extension host and the dashboard webview (panel and side view).
// Host -> webview messages are built by the host and only typed; webview -> host messages are untrusted and
// validated with zod. The webview imports its types and a few plain values (emptyDashboardData, canDrawSamples); the
// zod schema is built lazily by webviewToHostSchema(), which the webview never calls, so zod is left out of its bundle.
import { z } from 'zod';
import type { ShownStatus } from '../runs/runLiveness';
import type { Evaluation } from './evaluation';
import type { Probed } from './applyMessages';
import type { EpochMetrics } from './trainerMessages';
import { emptyViewData, VIEW_DATA_KEYS, type ViewData, type ViewPayload } from './viewPayloads';

export const DASHBOARD_VIEWS = ['curves', 'reconstructions', 'latent', 'generate', 'anomalies', 'tryit', 'evaluation', 'compare', 'experiments', 'series', 'audio'] as const;
export type DashboardView = (typeof DASHBOARD_VIEWS)[number];

// ---- host -> webview ----

export interface RunInfo {
  runId: string;
  name: string;
  kind: string;
  /** As shown: a stored "running" run whose trainer is gone is "interrupted". */
  status: ShownStatus;
  backend: string;
  epochs: number;
  epochsPlanned: number;
  batchesPerEpoch: number;
  sampleShape: number[];
  labelNames?: string[];
  trainSamples: number;
  validationSamples: number;
  parameterCount: number;
  /** True while the trainer of this run is alive in this window. */
  live: boolean;
  error?: string;
  /** A run another engine trained (`backend` names it) whose script wrote tfjs models: Generate, Try it and Evaluation work. */
  tfjsModel?: boolean;
}

export interface BatchProgress {
  epoch: number;
  batch: number;
  batches: number;
  loss?: number;
}

export interface RunListItem {
  runId: string;
  name: string;
  kind: string;
  /** As shown: a stored "running" run whose trainer is gone is "interrupted". */
  status: ShownStatus;
  epochs: number;
  epochsPlanned: number;
  bestValLoss: number | null;
  startedAt: string;
  /**
   * What Resume Run does with it: continue from its checkpoint, or (never checkpointed) train it again from epoch 0 in
   * the same folder. False for running, completed and damaged runs.
   */
  resumable: Resumable;
  /**
   * What the listing says beside the status: for a damaged run, why no reader can use it (file, line and field); for
   * a run another engine trained, which engine, and whether its script wrote tfjs models.
   */
  detail?: string;
  /** Runs another engine trained ("PyTorch", see trainedElsewhere.ts): listed and charted, never resumed. */
  trainedBy?: string;
  /** Such a run whose folder holds tfjs models its script wrote: applied, evaluated and exported like ours. */
  tfjsModel?: boolean;
}

export type Resumable = 'checkpoint' | 'retrain' | false;

export interface ComparedRun {
  runId: string;
  name: string;
  kind: string;
  status: ShownStatus;
  metrics: EpochMetrics[];
  final: EpochMetrics | null;
  bestValLoss: number | null;
  /** The headline numbers of its evaluation.json; null when it has none or it is damaged. */
  evaluation: EvaluationHeadline | null;
  /** Runs another engine trained ("PyTorch"): their curves compare with ours, their Kind cell names the engine. */
  trainedBy?: string;
}

/** The evaluation numbers the Compare view tabulates, one column each when some compared run has it. */
export type HeadlineKey = 'psnr' | 'ssim' | 'mse' | 'auroc' | 'auprc' | 'knnAccuracy' | 'probeAccuracy' | 'nmi' | 'nll' | 'activeUnits';

export interface HeadlineMetric {
  /** The autoencoder's value (PSNR may be Infinity: an exact reconstruction). */
  value: number;
  /** The same metric for its baseline: PCA for reconstruction and anomaly, raw inputs for features; null when none. */
  baseline: number | null;
  /** Active units: out of how many latent dimensions. */
  of?: number;
}

/** Only the metrics the run's evaluation has (e.g. no PSNR for tables, no NLL unless a VAE). */
export type EvaluationHeadline = Partial<Record<HeadlineKey, HeadlineMetric>>;

/** One flattened experiment key whose value differs between the compared runs; values[i] belongs to runs[i]. */
export interface ConfigDiff {
  key: string;
  values: (string | null)[];
}

export interface Comparison {
  runs: ComparedRun[];
  differingKeys: ConfigDiff[];
}

/** One run of the runs folder as the Experiments table shows it. */
export interface ExperimentRow {
  runId: string;
  name: string;
  kind: string;
  status: ShownStatus;
  startedAt: string;
  epochs: number;
  /** The run's experiment.json flattened to dotted keys (compareRuns' flattenConfig), without its sweep block. */
  params: Record<string, string>;
  /** best_val_loss, final.<metric> of the last epoch, eval.<headline> of evaluation.json; null where the run has none. */
  metrics: Record<string, number | null>;
  /** The sweep whose sweep.json lists this run. */
  sweepId: string | null;
}

export interface ExperimentSweep {
  sweepId: string;
  name: string;
  method: 'grid' | 'random';
  /** The swept dotted keys. */
  keys: string[];
  runIds: string[];
}

/** One parameter's share of a random forest's importance for a metric, and its correlation with it (numbers only). */
export interface ParameterImportance {
  key: string;
  importance: number;
  correlation: number | null;
}

export interface MetricImportance {
  metric: string;
  /** Runs that have the metric. */
  runs: number;
  parameters: ParameterImportance[];
  /** Why there is no estimate (too few runs, no parameter varies). */
  reason?: string;
}

/** The Experiments tab: every run of the runs folder, its sweeps, and what could not be read. */
export interface Experiments {
  rows: ExperimentRow[];
  sweeps: ExperimentSweep[];
  /** Whether each metric is better low or high (the best run of the parallel-coordinates plot). */
  goals: Record<string, 'min' | 'max'>;
  importance: MetricImportance[];
  /** Damaged sweep.json files and runs, each naming the file and what is wrong. */
  problems: string[];
}

export type Reconstructions = ViewPayload<'reconstructions'>;
export type ValidationSamples = ViewPayload<'validationSamples'>;
export type LatentCodes = ViewPayload<'latent'>;
export type ReconstructionErrors = ViewPayload<'errors'>;
export type GeneratedImages = ViewPayload<'generated'>;

/** Everything a dashboard shows; the view keys (reconstructions, samples, ...) come from protocol/viewPayloads.ts. */
export interface DashboardData extends ViewData {
  run: RunInfo | null;
  metrics: EpochMetrics[];
  progress: BatchProgress | null;
  /** evaluation.json of the run (sent by the trainer when training ends, or read from the run folder). */
  evaluation: Evaluation | null;
  runList: RunListItem[];
  comparison: Comparison | null;
  experiments: Experiments | null;
}
export type DataKey = keyof DashboardData;
export const DATA_KEYS: DataKey[] = ['run', 'metrics', 'progress', 'evaluation', ...VIEW_DATA_KEYS, 'runList', 'comparison', 'experiments'];
/** Keys that belong to one run; runList, comparison and experiments outlive a run change. */
export const RUN_DATA_KEYS: DataKey[] = ['run', 'metrics', 'progress', 'evaluation', ...VIEW_DATA_KEYS];

/** A dashboard before any data: used by the host's model and the webview's store alike. */
export function emptyDashboardData(): DashboardData {
  return { run: null, metrics: [], progress: null, evaluation: null, ...emptyViewData(), runList: [], comparison: null, experiments: null };
}

/** What the Try it view shows for one probe: the trainer's answer without its envelope. */
export type ProbeResult = Omit<Probed, 'type' | 'requestId' | 'error'>;

/** The Try it view draws on a canvas only for small grayscale image runs: at most this many values. */
export const MAX_DRAWN_VALUES = 64 * 64;

/** Whether the Try it view offers drawing for a run of this sample shape: small grayscale images (e.g. 28×28×1). */
export function canDrawSamples(sampleShape: readonly number[]): boolean {
  const [height, width, channels] = sampleShape;
  return sampleShape.length === 3 && channels === 1 && height * width <= MAX_DRAWN_VALUES;
}

export type HostToWebview =
  /** A partial state: every key present replaces the webview's copy. */
  | { type: 'SET_DATA'; data: Partial<DashboardData> }
  | { type: 'SHOW_VIEW'; view: DashboardView; compareRunIds?: string[] }
  | { type: 'DECODED'; requestId: number; images?: Float32Array[]; error?: string }
  | { type: 'EXPORT_RESULT'; ok: boolean; message: string }
  /** The answer to PROBE_FILE / PROBE_PIXELS: a result, an error to show, or a cancelled file dialog. */
  | { type: 'PROBED'; requestId: number; source?: string; result?: ProbeResult; error?: string; cancelled?: boolean };

// ---- webview -> host ----

const MAX_DECODE = 256;
const MAX_TABLE_RUNS = 5000;

// Built on first use: no zod call runs at import time, so the webview can import this file's helpers without
// zod landing in its bundle.
function buildWebviewToHostSchema() {
  // A run folder name; the host still resolves it against the runs folder before touching the disk.
  const runId = z.string().min(1).max(200);
  const finite = z.number().refine(Number.isFinite, 'expected a finite number');
  const codes = z
    .union([z.instanceof(Float32Array), z.array(finite).max(MAX_DECODE * 512)])
    .transform((value) => (value instanceof Float32Array ? value : Float32Array.from(value)))
    .refine((value) => value.length <= MAX_DECODE * 512 && value.every(Number.isFinite), 'codes must be finite');
  const requestId = z.number().int().nonnegative().max(2 ** 31);
  const pixels = z
    .union([z.instanceof(Float32Array), z.array(finite).max(MAX_DRAWN_VALUES)])
    .refine((value) => value.length <= MAX_DRAWN_VALUES && value.every(Number.isFinite), `pixels must be at most ${MAX_DRAWN_VALUES} finite numbers`)
    .transform((value) => Float32Array.from(value, (v) => Math.min(1, Math.max(0, v))));
  return z.discriminatedUnion('type', [
    z.object({ type: z.literal('INITIALIZED') }).strict(),
    z.object({ type: z.literal('STOP_RUN') }).strict(),
    z.object({ type: z.literal('OPEN_DASHBOARD'), view: z.enum(DASHBOARD_VIEWS).optional() }).strict(),
    z.object({ type: z.literal('OPEN_RUN'), runId }).strict(),
    z.object({ type: z.literal('LIST_RUNS') }).strict(),
    z.object({ type: z.literal('COMPARE_RUNS'), runIds: z.array(runId).max(12) }).strict(),
    // labels: the Generate view's by-label variant (cvae) decodes each code with a class; the host checks the count.
    z.object({ type: z.literal('DECODE'), requestId, codes, count: z.number().int().positive().max(MAX_DECODE), labels: z.array(z.number().int().nonnegative().max(100_000)).max(MAX_DECODE).optional() }).strict(),
    z.object({ type: z.literal('EXPORT_FLAGGED'), threshold: finite }).strict(),
    // Try it: the host shows the open dialog and keeps the path; the webview never names a file.
    z.object({ type: z.literal('PROBE_FILE'), requestId }).strict(),
    // Drawn pixels: finite, clamped to [0, 1]; the host checks their count against the shape and the run.
    z.object({ type: z.literal('PROBE_PIXELS'), requestId, pixels, shape: z.array(z.number().int().positive().max(MAX_DRAWN_VALUES)).min(1).max(3) }).strict(),
    // Evaluate Run on the shown run; the host checks the id against the runs folder and runs the command.
    z.object({ type: z.literal('EVALUATE_RUN'), runId }).strict(),
    // The Experiments tab: its data, deleting runs (the host asks in a modal), a new experiment file from a run, and
    // CSV of the shown columns and rows, built from the host's own copy of the data.
    z.object({ type: z.literal('LIST_EXPERIMENTS') }).strict(),
    z.object({ type: z.literal('DELETE_RUNS'), runIds: z.array(runId).min(1).max(MAX_TABLE_RUNS) }).strict(),
    z.object({ type: z.literal('RERUN_WITH_EDITS'), runId }).strict(),
    z.object({ type: z.literal('EXPORT_EXPERIMENTS'), runIds: z.array(runId).max(MAX_TABLE_RUNS), columns: z.array(z.string().min(1).max(300)).min(1).max(500) }).strict(),
  ]);
}
type WebviewToHostSchema = ReturnType<typeof buildWebviewToHostSchema>;
let schema: WebviewToHostSchema | undefined;

/** The zod schema of every message a webview may send (discriminated on `type`). */
export function webviewToHostSchema(): WebviewToHostSchema {
  return (schema ??= buildWebviewToHostSchema());
}
export type WebviewToHost = z.input<WebviewToHostSchema>;
export type ParsedWebviewMessage = z.output<WebviewToHostSchema>;

/** What the webview persists with setState: small on purpose; the host re-sends big data on INITIALIZED. */
export interface PersistedWebviewState {
  view: DashboardView;
  runId?: string;
  run: RunInfo | null;
  metrics: EpochMetrics[];
  prefs: Record<string, number | boolean>;
}

// ---- typed arrays in JSON (run folder views/*.json, test fixtures) ----

const TYPED_TAGS = { $f32: Float32Array, $u8: Uint8Array, $i32: Int32Array } as const;
type TypedTag = keyof typeof TYPED_TAGS;

/** JSON.stringify replacer: typed arrays become {"$f32": "<base64>"} (little-endian bytes). */
export function encodeTyped(_key: string, value: unknown): unknown {
  for (const [tag, Type] of Object.entries(TYPED_TAGS)) {
    if (value instanceof Type) return { [tag]: bytesToBase64(new Uint8Array(value.buffer, value.byteOffset, value.byteLength)) };
  }
  return value;
}

/** JSON.parse reviver, the inverse of encodeTyped. */
export function decodeTyped(_key: string, value: unknown): unknown {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return value;
  const keys = Object.keys(value);
  if (keys.length !== 1 || !(keys[0] in TYPED_TAGS)) return value;
  const text = (value as Record<string, unknown>)[keys[0]];
  if (typeof text !== 'string') return value;
  const Type = TYPED_TAGS[keys[0] as TypedTag];
  const bytes = base64ToBytes(text);
  // Copy into a fresh, aligned buffer: base64 output has no alignment guarantee for 4-byte element views.
  const aligned = new ArrayBuffer(bytes.length - (bytes.length % Type.BYTES_PER_ELEMENT));
  new Uint8Array(aligned).set(bytes.subarray(0, aligned.byteLength));
  return new Type(aligned);
}

/**
 * Deep copy of a message with every typed array replaced by its tag. VS Code's webview transport is not relied on
 * for typed arrays (in VS Code 1.100 / code-server they arrived as {"0": ..} objects), so the host sends tags.
 */
export function encodeTypedArrays(value: unknown): unknown {
  if (ArrayBuffer.isView(value)) return encodeTyped('', value);
  // JSON would turn an exact reconstruction's PSNR (Infinity) into null, which means "no PSNR".
  if (value === Infinity || value === -Infinity) return { [INFINITY_TAG]: String(value) };
  if (Array.isArray(value)) return value.map(encodeTypedArrays);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, child]) => [key, encodeTypedArrays(child)]));
  return value;
}

/** The inverse of encodeTypedArrays; typed arrays already present pass through untouched. */
export function decodeTypedArrays(value: unknown): unknown {
  if (!value || typeof value !== 'object' || ArrayBuffer.isView(value)) return value;
  if (Array.isArray(value)) return value.map(decodeTypedArrays);
  const infinite = decodeInfinity(value);
  if (infinite !== undefined) return infinite;
  const decoded = decodeTyped('', value);
  if (decoded !== value) return decoded;
  return Object.fromEntries(Object.entries(value).map(([key, child]) => [key, decodeTypedArrays(child)]));
}

const INFINITY_TAG = '$inf';

function decodeInfinity(value: object): number | undefined {
  const keys = Object.keys(value);
  const text = keys.length === 1 && keys[0] === INFINITY_TAG ? (value as Record<string, unknown>)[INFINITY_TAG] : undefined;
  return text === 'Infinity' ? Infinity : text === '-Infinity' ? -Infinity : undefined;
}

interface NodeBuffer {
  from(data: Uint8Array | string, encoding?: string): Uint8Array & { toString(encoding: string): string };
}
const nodeBuffer = (globalThis as { Buffer?: NodeBuffer }).Buffer;

function bytesToBase64(bytes: Uint8Array): string {
  if (nodeBuffer) return nodeBuffer.from(bytes).toString('base64');
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

function base64ToBytes(text: string): Uint8Array {
  if (nodeBuffer) return new Uint8Array(nodeBuffer.from(text, 'base64'));
  const native = (Uint8Array as unknown as { fromBase64?: (text: string) => Uint8Array }).fromBase64;
  return native ? native(text) : decodeBase64(text);
}

const BASE64_VALUES = new Uint8Array(128);
'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'.split('').forEach((c, i) => (BASE64_VALUES[c.charCodeAt(0)] = i));

/** One pass over the string: two to three times faster than atob plus a charCodeAt copy for 10 MB of thumbnails. */
export function decodeBase64(text: string): Uint8Array {
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  const out = new Uint8Array(Math.floor(text.length / 4) * 3 - padding);
  const value = (i: number) => BASE64_VALUES[text.charCodeAt(i) & 127];
  let o = 0;
  for (let i = 0; i + 3 < text.length; i += 4) {
    const n = (value(i) << 18) | (value(i + 1) << 12) | (value(i + 2) << 6) | value(i + 3);
    out[o++] = n >> 16;
    if (o < out.length) out[o++] = (n >> 8) & 255;
    if (o < out.length) out[o++] = n & 255;
  }
  return out;
}
