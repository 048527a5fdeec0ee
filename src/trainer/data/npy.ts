// NumPy .npy files (format versions 1, 2 and 3): magic "\x93NUMPY", version, header length, a Python dict
// literal {'descr': '<f4', 'fortran_order': False, 'shape': (N, ...)} padded with spaces, then raw data.
// Only the little-endian, C-ordered numeric dtypes a dataset needs are read.
import { InputError } from '../../protocol/errors';
import { FILE_HINT, MEMORY_BUDGET_BYTES, refuseIfTooLarge } from './memoryBudget';
import { readFilePrefix, readRegularFile, statRegularFile } from './regularFile';

export interface NpyArray {
  descr: string;
  shape: number[];
  data: Float32Array | Float64Array | Uint8Array | Int32Array;
}

const DTYPES: Record<string, { bytes: number; name: string; read: (buffer: ArrayBuffer) => NpyArray['data'] }> = {
  '<f4': { bytes: 4, name: 'float32', read: (b) => new Float32Array(b) },
  '<f8': { bytes: 8, name: 'float64', read: (b) => new Float64Array(b) },
  '|u1': { bytes: 1, name: 'uint8', read: (b) => new Uint8Array(b) },
  '<i4': { bytes: 4, name: 'int32', read: (b) => new Int32Array(b) },
  // numpy's default integer type; values beyond 2^53 lose precision, which no dataset needs.
  '<i8': { bytes: 8, name: 'int64', read: (b) => Float64Array.from(new BigInt64Array(b), Number) },
};

export const SUPPORTED_NPY_DTYPES = Object.entries(DTYPES)
  .map(([descr, { name }]) => `${name} ('${descr}')`)
  .join(', ');

const MAGIC = Buffer.from('\x93NUMPY', 'latin1');

/** numpy itself refuses to read headers longer than 10,000 bytes by default; more than this is not an array header. */
const MAX_HEADER_BYTES = 65_536;

interface NpyLayout {
  descr: string;
  shape: number[];
  dtype: (typeof DTYPES)[string];
  dataStart: number;
  dataBytes: number;
}

export function readNpyFile(file: string, maxBytes = MEMORY_BUDGET_BYTES): NpyArray {
  const what = 'NPY file';
  const { size } = statRegularFile(file, what);
  // The header alone gives the shape: the decoded size is checked before the data is read.
  const layout = parseLayout(readFilePrefix(file, 12 + MAX_HEADER_BYTES, what), size, file, maxBytes);
  return extract(readRegularFile(file, what), layout);
}

export function parseNpy(bytes: Buffer, file: string): NpyArray {
  return extract(bytes, parseLayout(bytes, bytes.length, file, MEMORY_BUDGET_BYTES));
}

function extract(bytes: Buffer, { descr, shape, dtype, dataStart, dataBytes }: NpyLayout): NpyArray {
  // Copy out of the file buffer: typed arrays need an offset aligned to their element size.
  const start = bytes.byteOffset + dataStart;
  return { descr, shape, data: dtype.read(bytes.buffer.slice(start, start + dataBytes) as ArrayBuffer) };
}

/** Reads the header from the start of the file (`bytes`, possibly only a prefix of its `fileSize` bytes). */
function parseLayout(bytes: Buffer, fileSize: number, file: string, maxBytes: number): NpyLayout {
  if (bytes.length < 10 || !bytes.subarray(0, 6).equals(MAGIC)) {
    const hint = bytes[0] === 0x50 && bytes[1] === 0x4b ? 'it looks like a zip (.npz) archive; save one array with numpy.save' : 'save arrays with numpy.save';
    throw new InputError(`not an NPY file: it does not start with "\\x93NUMPY"; ${hint}`, { file });
  }
  const major = bytes[6];
  if (major < 1 || major > 3) throw new InputError(`NPY format version ${major}.${bytes[7]} is not supported; versions 1, 2 and 3 are`, { file });
  const [lengthBytes, headerLength] = major === 1 ? [2, bytes.readUInt16LE(8)] : [4, bytes.length >= 12 ? bytes.readUInt32LE(8) : Infinity];
  const dataStart = 8 + lengthBytes + headerLength;
  if (dataStart > fileSize) throw new InputError(`truncated NPY header: it needs ${8 + lengthBytes + headerLength} bytes, the file has ${fileSize}`, { file });
  if (headerLength > MAX_HEADER_BYTES) throw new InputError(`the NPY header is ${headerLength} bytes long; an array header is at most ${MAX_HEADER_BYTES} bytes, so the file is corrupt`, { file });
  const header = bytes.toString(major === 3 ? 'utf8' : 'latin1', 8 + lengthBytes, dataStart);
  const { descr, fortranOrder, shape } = parseHeader(header, file);

  const dtype = DTYPES[descr];
  if (!dtype) throw new InputError(unsupportedDtypeMessage(descr), { file });
  if (fortranOrder) throw new InputError(`the array (shape ${formatShape(shape)}) is stored in Fortran order; save it with numpy.save(path, numpy.ascontiguousarray(arr))`, { file });
  const elements = shape.reduce((a, b) => a * b, 1);
  const dataBytes = elements * dtype.bytes;
  refuseIfTooLarge({ what: `loading an array of shape ${formatShape(shape)} as float32`, bytes: elements * 4, where: { file }, hint: FILE_HINT, maxBytes });
  if (fileSize - dataStart < dataBytes) {
    throw new InputError(`truncated data: shape ${formatShape(shape)} of ${dtype.name} needs ${dataBytes} bytes after the header, the file has ${fileSize - dataStart}`, { file });
  }
  return { descr, shape, dtype, dataStart, dataBytes };
}

export function formatShape(shape: number[]): string {
  return `(${shape.join(', ')}${shape.length === 1 ? ',' : ''})`;
}

function parseHeader(header: string, file: string): { descr: string; fortranOrder: boolean; shape: number[] } {
  const descr = /'descr'\s*:\s*'([^']*)'/.exec(header)?.[1];
  const fortran = /'fortran_order'\s*:\s*(True|False)/.exec(header)?.[1];
  const shapeText = /'shape'\s*:\s*\(([^)]*)\)/.exec(header)?.[1];
  if (/'descr'\s*:\s*\[/.test(header)) throw new InputError('structured arrays (record dtypes) are not supported; save a plain numeric array', { file });
  if (descr === undefined || fortran === undefined || shapeText === undefined) {
    throw new InputError(`NPY header is not the expected {'descr': ..., 'fortran_order': ..., 'shape': (...)} dict: ${header.trim().slice(0, 120)}`, { file });
  }
  const shape = shapeText
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .map(Number);
  if (shape.some((n) => !Number.isInteger(n) || n < 0)) throw new InputError(`NPY header has an invalid shape (${shapeText})`, { file });
  return { descr, fortranOrder: fortran === 'True', shape };
}

function unsupportedDtypeMessage(descr: string): string {
  const convert = `convert with arr.astype('float32') before numpy.save`;
  if (descr.startsWith('>')) return `dtype '${descr}' is big-endian; only little-endian data is supported (${SUPPORTED_NPY_DTYPES}); ${convert}`;
  return `dtype '${descr}' is not supported; supported dtypes are ${SUPPORTED_NPY_DTYPES}; ${convert}`;
}
