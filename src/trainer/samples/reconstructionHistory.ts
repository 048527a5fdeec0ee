// The Reconstructions view's epoch slider: the preview outputs after every epoch (the same samples each time), thinned
// evenly to at most MAX_RECONSTRUCTION_FRAMES frames so a long run stays small.
// Size: a full 50-frame MNIST history (8 samples of 28x28 uint8 pixels, 313,600 bytes) is 424,908 bytes (415 KiB) as
// views/reconstructionHistory.json (base64 in JSON), measured on a 50-epoch deep MNIST run; float32 would be 4x that.
import { MAX_RECONSTRUCTION_FRAMES, type TrainerMessageOf } from '../../protocol/trainerMessages';
import { toPixels } from '../analysis/displayValues';
import { isImageShape } from '../data/dataset';

export type ReconstructionHistoryMessage = TrainerMessageOf<'reconstructionHistory'>;
type Frame = ReconstructionHistoryMessage['frames'][number];

/**
 * Whether the frame of `epoch` stays once `newest` is the latest epoch: the newest always does, and so do epochs
 * 1, 1 + s, 1 + 2s, ... for the smallest power of two s that leaves at most `cap` frames. The kept set depends only
 * on `newest`, and a larger s keeps a subset of a smaller one, so thinning as epochs arrive drops frames and never
 * needs one it dropped: a 500-epoch run keeps epochs 1, 17, 33, ..., 497 and 500.
 */
export function keepsFrame(epoch: number, newest: number, cap = MAX_RECONSTRUCTION_FRAMES): boolean {
  if (epoch === newest) return true;
  let stride = 1;
  while (Math.ceil(newest / stride) + ((newest - 1) % stride === 0 ? 0 : 1) > cap) stride *= 2;
  return (epoch - 1) % stride === 0;
}

export class ReconstructionHistory {
  private frames: Frame[];

  /** `saved`: the run's views/reconstructionHistory.json when resuming; frames of another sample shape are ignored. */
  constructor(
    private readonly sampleShape: number[],
    saved?: ReconstructionHistoryMessage,
    private readonly cap = MAX_RECONSTRUCTION_FRAMES,
  ) {
    const size = sampleShape.reduce((a, b) => a * b, 1);
    const fits = saved !== undefined && saved.sampleShape.join('x') === sampleShape.join('x');
    this.frames = fits ? saved.frames.filter((frame) => frame.outputs.every((output) => output.length === size)) : [];
  }

  /** Adds the outputs after `epoch` (model values) and returns the history to publish. */
  add(epoch: number, outputs: Float32Array[]): ReconstructionHistoryMessage {
    // Images keep display pixels (a quarter of the bytes); tables keep the values the table grid plots.
    const frame = { epoch, outputs: isImageShape(this.sampleShape) ? outputs.map(toPixels) : outputs };
    // A resumed run trains again from its checkpoint: frames of the epochs it repeats are replaced, not duplicated.
    const earlier = this.frames.filter((kept) => kept.epoch < epoch);
    this.frames = [...earlier, frame].filter((kept) => keepsFrame(kept.epoch, epoch, this.cap));
    return { type: 'reconstructionHistory', sampleShape: this.sampleShape, frames: this.frames };
  }
}
