// The header of a little-endian float32 NPY (format 1.0) file, for arrays written row by row after it.
export function float32NpyHeader(shape: number[]): Buffer {
  const dict = `{'descr': '<f4', 'fortran_order': False, 'shape': (${shape.join(', ')}${shape.length === 1 ? ',' : ''}), }`;
  // Magic (6) + version (2) + length (2) + dict + newline, padded with spaces to a multiple of 64 bytes.
  const total = Math.ceil((10 + dict.length + 1) / 64) * 64;
  const text = `${dict.padEnd(total - 10 - 1, ' ')}\n`;
  const preamble = Buffer.from([0x93, ...Buffer.from('NUMPY', 'latin1'), 1, 0, 0, 0]);
  preamble.writeUInt16LE(text.length, 8);
  return Buffer.concat([preamble, Buffer.from(text, 'latin1')]);
}

export function float32Bytes(values: Float32Array): Uint8Array {
  return new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
}
