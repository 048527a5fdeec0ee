// Resolves data.source against the experiment file and picks a loader by data.format (or by sniffing for "auto").
import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { DataConfig, TrainingConfig } from '../../protocol/experiment';
import { InputError } from '../../protocol/errors';
import { BUILTIN_PREFIX, loadBuiltinDataset } from './builtin';
import { loadCsvDataset } from './csv';
import type { Dataset } from './dataset';
import { loadIdxDataset } from './idxDataset';
import { loadImageFolder } from './imageFolder';
import { loadNpyDataset } from './npyDataset';
import { loadTimeseriesDataset } from './timeseries';
import { loadAudioDataset } from './audioDataset';
import { dropInvalidSamples } from './validateSamples';
import { DATA_FORMAT_NAMES, DATA_FORMATS } from '../../protocol/dataFormats';
import { detectFormat, type DataFormat } from './detectFormat';
import { fitToLoss } from './fitToLoss';
import { REGULAR_FILES_ONLY, specialFileKind } from './regularFile';

export { detectFormat, type DataFormat };

export function resolveDataPath(source: string, experimentFile: string): string {
  return resolve(dirname(experimentFile), source);
}

/** `loss` is training.loss: data that BCE cannot use is scaled ("auto") or refused (see fitToLoss). */
export async function loadDataset(config: DataConfig, experimentFile: string, loss?: TrainingConfig['loss']): Promise<Dataset> {
  if (config.source.startsWith(BUILTIN_PREFIX)) return dropInvalidSamples(loadBuiltinDataset(config.source, experimentFile), { min: 0, max: 1 });
  const path = resolveDataPath(config.source, experimentFile);
  if (!existsSync(path)) {
    throw new InputError(`data.source "${config.source}" does not exist (resolved to ${path}); give a path relative to the experiment file or "builtin:mnist"`, {
      file: experimentFile,
      field: 'data.source',
    });
  }
  refuseSpecialFile(path, config.source, experimentFile);
  const format = config.format === 'auto' ? detectFormat(path) : config.format;
  if (!format) {
    throw new InputError(`cannot tell the format of "${config.source}"; set data.format to one of ${DATA_FORMAT_NAMES.map((name) => `"${name}"`).join(', ')}`, {
      file: experimentFile,
      field: 'data.format',
    });
  }
  if (!DATA_FORMATS[format].readsFolder && statSync(path).isDirectory()) {
    throw new InputError(`data.source "${config.source}" is a folder, but data.format "${format}" reads one file; point it at the file, or use "images" for a folder of images`, {
      file: experimentFile,
      field: 'data.source',
    });
  }
  const dataset = await loadByFormat(format, path, config, experimentFile);
  dataset.notes.push(...unusedOptionNotes(format, config));
  const valid = dropInvalidSamples(dataset);
  return loss ? fitToLoss(valid, config, loss, experimentFile) : valid;
}

/** A FIFO or device would block the trainer as soon as it is opened: refused from its stat, before any loader runs. */
function refuseSpecialFile(path: string, source: string, experimentFile: string): void {
  const kind = specialFileKind(statSync(path));
  if (kind) throw new InputError(`data.source "${source}" (${path}) is ${kind}, not a regular file or folder; ${REGULAR_FILES_ONLY}`, { file: experimentFile, field: 'data.source' });
}

type Loader = (path: string, config: DataConfig, experimentFile: string) => Promise<Dataset>;

/** One loader per format of protocol/dataFormats.ts: a new format does not compile until it has one here. */
const LOADERS: Record<DataFormat, Loader> = {
  idx: async (path, config, experimentFile) => loadIdxDataset(path, config.labels ? resolveDataPath(config.labels, experimentFile) : undefined, config.normalization),
  images: async (path, config) => loadImageFolder(path, config),
  csv: async (path, config) => loadCsvDataset(path, config),
  npy: async (path, config) => loadNpyDataset(path, config),
  timeseries: async (path, config) => loadTimeseriesDataset(path, config),
  audio: async (path, config) => loadAudioDataset(path, config),
};

function loadByFormat(format: DataFormat, path: string, config: DataConfig, experimentFile: string): Promise<Dataset> {
  return LOADERS[format](path, config, experimentFile);
}

/** Options that only some formats read: say so in the run log rather than silently ignoring them. */
function unusedOptionNotes(format: DataFormat, config: DataConfig): string[] {
  const usedBy: [keyof DataConfig, boolean, string][] = [
    ['labels', config.labels !== undefined, 'idx'],
    ['imageSize', config.imageSize !== undefined, 'images'],
    ['channels', config.channels !== undefined, 'images'],
    ['header', config.header !== 'auto', format === 'timeseries' ? 'timeseries' : 'csv'], // both read CSV headers
    ['labelColumn', config.labelColumn !== undefined, 'csv'],
    ['timeColumn', config.timeColumn !== undefined, 'timeseries'],
    ['columns', config.columns !== undefined, 'timeseries'],
    ['window', config.window !== undefined, 'timeseries'],
    ['sampleRate', config.sampleRate !== undefined, 'audio'],
    ['stft', config.stft !== undefined, 'audio'],
    ['patchFrames', config.patchFrames !== undefined, 'audio'],
  ];
  return usedBy.filter(([, set, owner]) => set && owner !== format).map(([key, , owner]) => `data.${key} was ignored: it applies to the "${owner}" format, and this data is "${format}"`);
}
