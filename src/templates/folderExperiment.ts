// Right-click "Train on Folder" and `aelab train-folder`: writes a repeatable experiment file for a data path.
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative, sep } from 'node:path';
import { DATA_FORMATS, dataStem } from '../protocol/dataFormats';
import type { ExperimentInput, ModelKind } from '../protocol/experiment';
import { DEFAULT_KIND_FOR, needsImages, needsSeries } from '../protocol/kinds';
import { InputError } from '../protocol/errors';
import { writeFileAtomic } from '../runs/atomicWrite';
import { seriesData, seriesShapeOf } from './seriesData';
import { findTemplate, type Template } from './templates';
// The one folder walk that decides which files are images (node:fs only, no tfjs: test/unit/hostBundles.test.ts).
import { detectFormat } from '../trainer/data/detectFormat';
import { listImageFiles } from '../trainer/data/listImageFiles';

export interface FolderExperimentOptions {
  dataPath: string;
  kind?: ModelKind;
  experimentsDir: string;
  epochs?: number;
}

/** Conv for images, deep for tables, denoising for audio: what a user would pick first. */
export function defaultKindFor(dataPath: string): ModelKind {
  const format = existsSync(dataPath) ? detectFormat(dataPath) : undefined;
  return DEFAULT_KIND_FOR[format ? DATA_FORMATS[format].shape : 'table'];
}

/** Audio trains with the audio denoiser's settings (STFT, sample rate, noise) whatever denoising template the kind names. */
const AUDIO_TEMPLATE = 'audio-denoiser';

export function folderExperiment(options: FolderExperimentOptions): { name: string; experiment: ExperimentInput } {
  if (!existsSync(options.dataPath)) throw new InputError('does not exist; pick a folder of images or an .idx/.csv/.npy file', { file: options.dataPath });
  const kind = options.kind ?? defaultKindFor(options.dataPath);
  const isFolder = statSync(options.dataPath).isDirectory();
  const format = existsSync(options.dataPath) ? detectFormat(options.dataPath) : undefined;
  const isAudio = format === 'audio';
  const template = findTemplate(isAudio && kind === 'denoising' ? AUDIO_TEMPLATE : kind);
  if (!template) throw new InputError(`unknown kind "${kind}"`, { field: 'kind' });
  const base = isFolder ? basename(options.dataPath) : dataStem(basename(options.dataPath));
  const name = `${base.replace(/[^A-Za-z0-9._-]+/g, '-') || 'data'}-${kind}`;
  const fromTemplate = template.experiment(name);
  const source = relative(options.experimentsDir, options.dataPath).split(sep).join('/') || '.';
  const isTable = !isFolder && format !== undefined && DATA_FORMATS[format].shape === 'table';
  const series = format === 'csv' ? seriesFor(options.dataPath, template) : undefined;
  const experiment: ExperimentInput = {
    ...fromTemplate,
    comment: `Trained from ${basename(options.dataPath)}${series ? ' as a time series' : ''} with the ${template.id ?? kind} template (${template.reference}).`,
    data: isAudio ? { ...audioData(fromTemplate.data), source } : series ? seriesData(source, series.points, fromTemplate.data) : { source, validationSplit: 0.1, ...(isTable ? { normalization: 'minmax' as const } : {}) },
    training: { ...fromTemplate.training, batchSize: isAudio ? (fromTemplate.training?.batchSize ?? 32) : batchSizeFor(options.dataPath, fromTemplate.training?.batchSize ?? 256), ...(options.epochs ? { epochs: options.epochs } : {}) },
  };
  return { name, experiment };
}

/**
 * A CSV trains as a time series (windows, data.format "timeseries") when the template reads sequences (conv1d, lstm),
 * or when a dense kind gets a file with a time column: its rows are points in time, not independent samples.
 */
function seriesFor(dataPath: string, template: Template): { points: number } | undefined {
  const { kind, model } = template.experiment('x');
  if (needsImages(kind, model)) return undefined;
  const shape = seriesShapeOf(dataPath);
  if (!shape) return undefined;
  return needsSeries(kind, model) || shape.timed ? shape : undefined;
}

/** The audio template's data settings (or the defaults when another kind's template is used on audio). */
function audioData(data: ExperimentInput['data']): Omit<ExperimentInput['data'], 'source'> {
  const { format, sampleRate, stft, patchFrames, validationSplit } = data;
  return { format: format === 'audio' ? format : 'audio', validationSplit: validationSplit ?? 0.1, ...(sampleRate ? { sampleRate } : {}), ...(stft ? { stft } : {}), ...(patchFrames ? { patchFrames } : {}) };
}

/** Small folders still get several steps per epoch: at most a quarter of the training images per batch. */
function batchSizeFor(dataPath: string, templateBatch: number): number {
  if (!statSync(dataPath).isDirectory()) return templateBatch;
  const images = listImageFiles(dataPath).files.length;
  return Math.max(1, Math.min(templateBatch, Math.floor((images * 0.9) / 4)));
}

export interface FolderExperimentFile {
  file: string;
  /** False when an identical file from an earlier train-folder of the same data was reused. */
  written: boolean;
}

/**
 * Writes `<experimentsDir>/<name>.ae.json` and returns its path. A file that is already there is never overwritten: it
 * is reused when it holds exactly what would be written now (same data, same settings, not edited), and otherwise the
 * next free name is taken (`<name>-2.ae.json`, …), so other data's file and the user's edits survive.
 */
export function writeFolderExperiment(options: FolderExperimentOptions): FolderExperimentFile {
  const { name, experiment } = folderExperiment(options);
  mkdirSync(options.experimentsDir, { recursive: true });
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? name : `${name}-${n}`;
    const file = join(options.experimentsDir, `${candidate}.ae.json`);
    const text = `${JSON.stringify({ ...experiment, name: candidate }, null, 2)}\n`;
    if (!existsSync(file)) {
      writeFileAtomic(file, text);
      return { file, written: true };
    }
    if (sameJson(file, text)) return { file, written: false };
  }
}

/** Equal as JSON (an editor's reformatting is not an edit); a file that is not JSON counts as edited. */
function sameJson(file: string, text: string): boolean {
  try {
    return JSON.stringify(JSON.parse(readFileSync(file, 'utf8'))) === JSON.stringify(JSON.parse(text));
  } catch {
    return false;
  }
}
