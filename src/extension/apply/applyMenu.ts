// The `resourceFilename` regex of Apply Autoencoder's explorer menu entry: every data format's file names (images too,
// unlike Train on Folder, since one image can be denoised). package.json restates it; test/unit/extension/applyInputFit.test.ts
// keeps the two equal.
import { DATA_FORMAT_NAMES, DATA_FORMATS } from '../../protocol/dataFormats';

export function applyFileRegex(): string {
  // Formats may share file names (timeseries reads .csv files too): each alternative once.
  return [...new Set(DATA_FORMAT_NAMES.map((format) => DATA_FORMATS[format].fileName.source))].join('|');
}
