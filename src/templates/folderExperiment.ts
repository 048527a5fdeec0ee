// Right-click "Train on Folder" and `aelab train-folder`: writes a repeatable experiment file for a data path.
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { basename, join, relative, sep } from 'node:path';
import { DATA_FORMATS, dataStem } from '../protocol/dataFormats';
import type { ExperimentInput, ModelKind } from '../protocol/experiment';
import { DEFAULT_KIND_FOR } from '../protocol/kinds';
import { InputError } from '../protocol/errors';
import { detectFormat } from '../trainer/data/detectFormat';
import { writeFileAtomic } from '../trainer/runs/atomicWrite';
import { findTemplate } from './templates';
import { listImageFiles } from '../trainer/data/listImageFiles';

export interface FolderExperimentOptions {
  dataPath: string;
  kind?: ModelKind;
  experimentsDir: string;
  epochs?: number;
}

/** Conv for images, deep for tables: what a user would pick first. */
export function defaultKindFor(dataPath: string): ModelKind {
  const format = existsSync(dataPath) ? detectFormat(dataPath) : undefined;
  return DEFAULT_KIND_FOR[format ? DATA_FORMATS[format].shape : 'table'];
}

export function folderExperiment(options: FolderExperimentOptions): { name: string; experiment: ExperimentInput } {
  if (!existsSync(options.dataPath)) throw new InputError('does not exist; pick a folder of images or an .idx/.csv/.npy file', { file: options.dataPath });
  const kind = options.kind ?? defaultKindFor(options.dataPath);
  const template = findTemplate(kind);
  if (!template) throw new InputError(`unknown kind "${kind}"`, { field: 'kind' });
  const isFolder = statSync(options.dataPath).isDirectory();
  const base = isFolder ? basename(options.dataPath) : dataStem(basename(options.dataPath));
  const name = `${base.replace(/[^A-Za-z0-9._-]+/g, '-') || 'data'}-${kind}`;
  const fromTemplate = template.experiment(name);
  const source = relative(options.experimentsDir, options.dataPath).split(sep).join('/') || '.';
  const format = detectFormat(options.dataPath);
  const isTable = !isFolder && format !== undefined && DATA_FORMATS[format].shape === 'table';
  const experiment: ExperimentInput = {
    ...fromTemplate,
    comment: `Trained from ${basename(options.dataPath)} with the ${template.id ?? kind} template (${template.reference}).`,
    data: { source, validationSplit: 0.1, ...(isTable ? { normalization: 'minmax' as const } : {}) },
    training: { ...fromTemplate.training, batchSize: batchSizeFor(options.dataPath, fromTemplate.training?.batchSize ?? 256), ...(options.epochs ? { epochs: options.epochs } : {}) },
  };
  return { name, experiment };
}

/** Small folders still get several steps per epoch: at most a quarter of the training images per batch. */
function batchSizeFor(dataPath: string, templateBatch: number): number {
  if (!statSync(dataPath).isDirectory()) return templateBatch;
  const images = listImageFiles(dataPath).files.length;
  return Math.max(1, Math.min(templateBatch, Math.floor((images * 0.9) / 4)));
}

/** Writes `<experimentsDir>/<name>.ae.json` (overwriting an earlier one for the same data and kind) and returns its path. */
export function writeFolderExperiment(options: FolderExperimentOptions): string {
  const { name, experiment } = folderExperiment(options);
  mkdirSync(options.experimentsDir, { recursive: true });
  const file = join(options.experimentsDir, `${name}.ae.json`);
  writeFileAtomic(file, `${JSON.stringify(experiment, null, 2)}\n`);
  return file;
}
