// IDX files (the MNIST / Fashion-MNIST container), raw or gzipped: magic 0x0000 <type> <ndims>, big-endian dims, data.
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { InputError } from '../../protocol/errors';

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

export function readIdxFile(file: string): IdxArray {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    throw new InputError(`cannot read IDX file (${(error as NodeJS.ErrnoException).code ?? String(error)})`, { file });
  }
  if (bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      bytes = gunzipSync(bytes);
    } catch {
      throw new InputError('the file starts like gzip but does not decompress; it is truncated or corrupt', { file });
    }
  }
  return parseIdx(bytes, file);
}

export function parseIdx(bytes: Buffer, file: string): IdxArray {
  if (bytes.length < 4 || bytes[0] !== 0 || bytes[1] !== 0 || !IDX_TYPES[bytes[2]]) {
    const magic = bytes.subarray(0, 4).toString('hex').padEnd(8, '?');
    throw new InputError(
      `wrong magic number 0x${magic}; expected 0x0000TTDD (TT = data type 08/09/0b/0c/0d/0e, DD = number of dimensions), as in MNIST's train-images-idx3-ubyte`,
      { file },
    );
  }
  const type = IDX_TYPES[bytes[2]];
  const ndims = bytes[3];
  const headerBytes = 4 + 4 * ndims;
  if (ndims === 0 || bytes.length < headerBytes) throw new InputError(`truncated header: ${ndims} dimensions need ${headerBytes} bytes, file has ${bytes.length}`, { file });
  const dims = Array.from({ length: ndims }, (_, i) => bytes.readUInt32BE(4 + 4 * i));
  const count = dims.reduce((a, b) => a * b, 1);
  const expected = headerBytes + count * type.bytes;
  if (bytes.length < expected) {
    throw new InputError(`truncated data: dimensions ${dims.join('x')} of ${type.name} need ${expected} bytes, file has ${bytes.length}`, { file });
  }
  return { dims, data: decodeBigEndian(bytes, headerBytes, count, bytes[2]) };
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
