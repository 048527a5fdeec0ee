// IDX files (the MNIST / Fashion-MNIST container), raw or gzipped: magic 0x0000 <type> <ndims>, big-endian dims, data.
// The header is read first (from the start of the gzip stream for .gz files), so the decoded size is known and
// capped before the data is read or decompressed; gunzip is then capped at the size the header declares.
import { constants, gunzipSync } from 'node:zlib';
import { InputError } from '../../protocol/errors';
import { FILE_HINT, MEMORY_BUDGET_BYTES, refuseIfTooLarge } from './memoryBudget';
import { readFilePrefix, readRegularFile, statRegularFile } from './regularFile';

export interface IdxArray {
  dims: number[];
  data: Uint8Array | Int8Array | Int16Array | Int32Array | Float32Array | Float64Array;
}

const IDX_TYPES: Record<number, { bytes: number; name: string }> = {
  0x08: { bytes: 1, name: 'uint8' },
  0x09: { bytes: 1, name: 'int8' },
  0x0b: { bytes: 2, name: 'int16' },
  0x0c: { bytes: 4, name: 'int32' },
  0x0d: { bytes: 4, name: 'float32' },
  0x0e: { bytes: 8, name: 'float64' },
};

/** 4 magic bytes + up to 255 dimensions of 4 bytes. */
const MAX_HEADER_BYTES = 4 + 4 * 255;

interface IdxHeader {
  dims: number[];
  typeCode: number;
  headerBytes: number;
  /** Header plus data, as the header declares it. */
  totalBytes: number;
}

export function readIdxFile(file: string, maxBytes = MEMORY_BUDGET_BYTES): IdxArray {
  const what = 'IDX file';
  const { size } = statRegularFile(file, what);
  const start = readFilePrefix(file, MAX_HEADER_BYTES, what);
  const gzipped = start.length >= 2 && start[0] === 0x1f && start[1] === 0x8b;
  const header = parseHeader(gzipped ? gunzipStart(file) : start, file);
  const values = header.dims.reduce((a, b) => a * b, 1);
  refuseIfTooLarge({ what: `loading an IDX array of dimensions ${header.dims.join('x')} as float32`, bytes: values * 4, where: { file }, hint: FILE_HINT, maxBytes });
  if (!gzipped && size < header.totalBytes) throw truncated(header, size, file);
  const compressed = readRegularFile(file, what);
  return parseIdx(gzipped ? gunzipAll(compressed, header, file) : compressed, file);
}

/**
 * The first bytes of the decompressed stream, without decompressing the rest: a 1 kB prefix inflates to at most
 * about 1 MB. A longer prefix is tried only when a long gzip header (a stored file name) leaves too little data.
 */
function gunzipStart(file: string): Buffer {
  let start = Buffer.alloc(0);
  for (const prefixBytes of [1024, 65_536]) {
    const prefix = readFilePrefix(file, prefixBytes, 'IDX file');
    try {
      start = gunzipSync(prefix, { finishFlush: constants.Z_SYNC_FLUSH });
    } catch {
      throw new InputError('the file starts like gzip but does not decompress; it is truncated or corrupt', { file });
    }
    if (start.length >= 4 && start.length >= 4 + 4 * start[3]) break;
  }
  return start;
}

function gunzipAll(compressed: Buffer, header: IdxHeader, file: string): Buffer {
  try {
    return gunzipSync(compressed, { maxOutputLength: Math.max(header.totalBytes, 1) });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
      throw new InputError(`decompresses to more than the ${header.totalBytes} bytes its header declares (dimensions ${header.dims.join('x')}); the file is corrupt`, { file });
    }
    throw new InputError('the file starts like gzip but does not decompress; it is truncated or corrupt', { file });
  }
}

function parseHeader(bytes: Buffer, file: string): IdxHeader {
  if (bytes.length < 4 || bytes[0] !== 0 || bytes[1] !== 0 || !IDX_TYPES[bytes[2]]) {
    const magic = bytes.subarray(0, 4).toString('hex').padEnd(8, '?');
    throw new InputError(
      `wrong magic number 0x${magic}; expected 0x0000TTDD (TT = data type 08/09/0b/0c/0d/0e, DD = number of dimensions), as in MNIST's train-images-idx3-ubyte`,
      { file },
    );
  }
  const typeCode = bytes[2];
  const ndims = bytes[3];
  const headerBytes = 4 + 4 * ndims;
  if (ndims === 0 || bytes.length < headerBytes) throw new InputError(`truncated header: ${ndims} dimensions need ${headerBytes} bytes, file has ${bytes.length}`, { file });
  const dims = Array.from({ length: ndims }, (_, i) => bytes.readUInt32BE(4 + 4 * i));
  const values = dims.reduce((a, b) => a * b, 1);
  return { dims, typeCode, headerBytes, totalBytes: headerBytes + values * IDX_TYPES[typeCode].bytes };
}

function truncated(header: IdxHeader, size: number, file: string): InputError {
  return new InputError(`truncated data: dimensions ${header.dims.join('x')} of ${IDX_TYPES[header.typeCode].name} need ${header.totalBytes} bytes, file has ${size}`, { file });
}

export function parseIdx(bytes: Buffer, file: string): IdxArray {
  const header = parseHeader(bytes, file);
  if (bytes.length < header.totalBytes) throw truncated(header, bytes.length, file);
  const count = header.dims.reduce((a, b) => a * b, 1);
  return { dims: header.dims, data: decodeBigEndian(bytes, header.headerBytes, count, header.typeCode) };
}

function decodeBigEndian(bytes: Buffer, offset: number, count: number, typeCode: number): IdxArray['data'] {
  switch (typeCode) {
    case 0x08:
      return new Uint8Array(bytes.buffer.slice(bytes.byteOffset + offset, bytes.byteOffset + offset + count));
    case 0x09:
      return new Int8Array(bytes.buffer.slice(bytes.byteOffset + offset, bytes.byteOffset + offset + count));
    case 0x0b:
      return Int16Array.from({ length: count }, (_, i) => bytes.readInt16BE(offset + 2 * i));
    case 0x0c:
      return Int32Array.from({ length: count }, (_, i) => bytes.readInt32BE(offset + 4 * i));
    case 0x0d:
      return Float32Array.from({ length: count }, (_, i) => bytes.readFloatBE(offset + 4 * i));
    default:
      return Float64Array.from({ length: count }, (_, i) => bytes.readDoubleBE(offset + 8 * i));
  }
}
