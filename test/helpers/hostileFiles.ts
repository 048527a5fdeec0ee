// Byte-level writers for files that declare more than they hold, shared by the loader and CLI tests.
import { execFileSync } from 'node:child_process';
import { crc32, deflateSync } from 'node:zlib';

/** An NPY v1 file: the header dict padded so the data starts on a 64-byte boundary. */
export function npyBytes(descr: string, shape: number[], data: Buffer): Buffer {
  const dict = `{'descr': '${descr}', 'fortran_order': False, 'shape': (${shape.join(', ')}${shape.length === 1 ? ',' : ''}), }`;
  const padded = dict.padEnd(Math.ceil((10 + dict.length + 1) / 64) * 64 - 10 - 1, ' ') + '\n';
  const preamble = Buffer.from([0x93, ...Buffer.from('NUMPY'), 1, 0, 0, 0]);
  preamble.writeUInt16LE(padded.length, 8);
  return Buffer.concat([preamble, Buffer.from(padded, 'latin1'), data]);
}

export function float32Npy(shape: number[], value: (i: number) => number): Buffer {
  const count = shape.reduce((a, b) => a * b, 1);
  return npyBytes('<f4', shape, Buffer.from(Float32Array.from({ length: count }, (_, i) => value(i)).buffer));
}

/** An IDX file: magic 0x0000 <type> <ndims>, big-endian dims, then `data` as given. */
export function idxBytes(typeCode: number, dims: number[], data: Buffer): Buffer {
  const header = Buffer.alloc(4 + 4 * dims.length);
  header.writeUInt32BE((typeCode << 8) | dims.length, 0);
  dims.forEach((d, i) => header.writeUInt32BE(d, 4 + 4 * i));
  return Buffer.concat([header, data]);
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A valid all-black 8-bit grayscale PNG of any size; 8000x8000 compresses to about 62 kB. */
export function blackGrayPng(width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 0, 0, 0, 0], 8); // 8 bits, grayscale, deflate, no filter, no interlace
  const rows = Buffer.alloc(height * (width + 1)); // filter byte 0 + zero pixels per row
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(rows, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

/** Rewrites the frame size in a JPEG's first SOF marker. */
export function withJpegSize(jpeg: Buffer, width: number, height: number): Buffer {
  const out = Buffer.from(jpeg);
  for (let i = 2; i + 9 < out.length; ) {
    const marker = out[i + 1];
    if (marker >= 0xc0 && marker <= 0xc3) {
      out.writeUInt16BE(height, i + 5);
      out.writeUInt16BE(width, i + 7);
      return out;
    }
    i += 2 + out.readUInt16BE(i + 2);
  }
  throw new Error('no SOF marker');
}

export function makeFifo(path: string): string {
  execFileSync('mkfifo', [path]);
  return path;
}
