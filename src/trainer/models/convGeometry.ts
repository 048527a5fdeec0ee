// Spatial bookkeeping for conv decoders that must land exactly on the input size.

/** Size after each 2x 'same' downsampling (max-pool or stride 2): ceil(size / 2) per block. */
export function downsampledSizes(size: number, blocks: number): number[] {
  const sizes = [size];
  for (let i = 0; i < blocks; i++) sizes.push(Math.ceil(sizes[i] / 2));
  return sizes;
}

export interface UpsamplingPlan {
  /** Per decoder block: use a 'valid' conv (shrinks by kernel - 1) before the 2x upsampling. */
  valid: boolean[];
  /** Rows and columns still to crop after the last upsampling. */
  crop: [number, number];
}

/**
 * Conv + 2x upsampling blocks from `start` to `target` ([height, width]). Odd sizes on the way down make plain doubling
 * overshoot (28 -> 4 -> 32); like the Keras blog decoder (16 -> 14 -> 28) a 'valid' conv is used wherever its shrink,
 * doubled by the remaining upsamplings, still fits the overshoot. Whatever is left is cropped.
 */
export function upsamplingPlan(start: [number, number], target: [number, number], blocks: number, kernelSize = 3): UpsamplingPlan {
  const current = [...start];
  const valid: boolean[] = [];
  for (let i = 0; i < blocks; i++) {
    const growth = 2 ** (blocks - i);
    const fits = current.every((c, d) => c > kernelSize - 1 && c * growth - target[d] >= (kernelSize - 1) * growth);
    valid.push(fits);
    for (let d = 0; d < 2; d++) current[d] = (current[d] - (fits ? kernelSize - 1 : 0)) * 2;
  }
  return { valid, crop: [current[0] - target[0], current[1] - target[1]] };
}

/** Cropping2D argument that removes `excess` rows/cols, the odd one at the end. */
export function cropping(excess: [number, number]): [[number, number], [number, number]] {
  const split = (n: number): [number, number] => [Math.floor(n / 2), n - Math.floor(n / 2)];
  return [split(excess[0]), split(excess[1])];
}
