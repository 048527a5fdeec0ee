// New data for an apply job, from any supported format, brought to the run's input spec and scale and read in
// batches: an image folder is decoded batch by batch (never whole); IDX, NPY and CSV files are read once, within the
// loaders' memory budget. What does not fit the run is an InputError naming what the run expects and what was found.
import { existsSync, statSync } from 'node:fs';
import { DATA_FORMAT_NAMES, type DataFormat } from '../../protocol/dataFormats';
import { InputError } from '../../protocol/errors';
import { detectFormat } from '../data/detectFormat';
import { REGULAR_FILES_ONLY, specialFileKind } from '../data/regularFile';
import { openArrayInput } from './arrayInput';
import { openAudioInput } from './audioInput';
import { openCsvInput } from './csvInput';
import { openImageInput } from './imageInput';
import type { ApplyInput, RunInput } from './inputTypes';
import { openSeriesInput } from './seriesInput';

type Opener = (path: string, run: RunInput, format: DataFormat) => ApplyInput;

const OPENERS: Record<DataFormat, Opener> = {
  images: openImageInput,
  idx: openArrayInput,
  npy: openArrayInput,
  csv: openCsvInput,
  timeseries: openSeriesInput,
  audio: openAudioInput,
};

export function openApplyInput(path: string, run: RunInput): ApplyInput {
  if (!existsSync(path)) throw new InputError('does not exist; give an image, a folder of images, or an IDX, CSV or NPY file', { file: path });
  const stats = statSync(path);
  const special = specialFileKind(stats);
  if (special) throw new InputError(`is ${special}, not a regular file or folder; ${REGULAR_FILES_ONLY}`, { file: path });
  const format = detectFormat(path);
  if (!format) throw new InputError(`is not a format the run can read; give an image (.png, .jpg), a folder of images, or a file in one of the formats ${DATA_FORMAT_NAMES.join(', ')}`, { file: path });
  // A run trained on a time series reads its CSV files as one ("auto" takes a .csv for a table).
  const read = run.spec.kind === 'series' && format === 'csv' ? 'timeseries' : format;
  return OPENERS[read](path, run, read);
}
