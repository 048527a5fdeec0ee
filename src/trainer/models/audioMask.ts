// model.output "mask" (audio denoising): the network's output is a ratio mask in [0, 1] on the noisy magnitudes
// rather than the clean magnitudes themselves. Regressing magnitudes pulls the loud bins, which carry most of a
// waveform's energy, towards the mean; a mask of 1 keeps a loud bin exactly, so the network only has to learn where
// the noise is. On the [0, 1] log-magnitude scale (data/audio/spectrogramPatches) a gain m is a shift by
// 20 log10(m) / AUDIO_DB_RANGE. The same function is used in training, at the end of training and when a saved run is
// applied (apply/loadRun), so every path cleans alike.
import * as tf from '@tensorflow/tfjs';
import type { ModelConfig } from '../../protocol/experiment';
import { AUDIO_DB_RANGE } from '../data/audio/spectrogramPatches';

/** The model's output from its input and its network's output; absent when the network's output is the output. */
export type OutputOf = (input: tf.Tensor, network: tf.Tensor) => tf.Tensor;

/** The smallest gain: -100 dB, the bottom of the scale. */
const MIN_GAIN = 1e-5;
const LN_TO_UNIT = 20 / Math.LN10 / AUDIO_DB_RANGE;

export function applyAudioMask(noisy: tf.Tensor, mask: tf.Tensor): tf.Tensor {
  return tf.tidy(() => noisy.add(mask.reshape(noisy.shape).clipByValue(MIN_GAIN, 1).log().mul(LN_TO_UNIT)).clipByValue(0, 1));
}

/** [0, 1] log-magnitudes -> magnitudes relative to full scale. */
function magnitudes(unit: tf.Tensor): tf.Tensor {
  return unit.mul(AUDIO_DB_RANGE).sub(AUDIO_DB_RANGE).div(LN_TO_UNIT * AUDIO_DB_RANGE).exp();
}

/**
 * The masked output's loss: each sample's squared magnitude error over its clean energy (a noise-to-signal ratio),
 * averaged over the batch. Magnitudes, not their logs, so each bin counts by its energy as in the waveform's SNR (a
 * log-scale loss spends the network on the many quiet bins); per sample, so quiet patches count like loud ones as in
 * the evaluation's mean SNR, and the loss stays near 1 whatever the level (Adam's epsilon would damp tiny gradients).
 */
export function magnitudeLoss(target: tf.Tensor, output: tf.Tensor): tf.Scalar {
  return tf.tidy(() => {
    const clean = magnitudes(target);
    const axes = Array.from({ length: target.rank - 1 }, (_, i) => i + 1);
    const error = clean.sub(magnitudes(output.reshape(target.shape))).square().sum(axes);
    return error.div(clean.square().sum(axes).add(1e-12)).mean() as tf.Scalar;
  });
}

export function outputOf(model: Pick<ModelConfig, 'output'>): OutputOf | undefined {
  return model.output === 'mask' ? applyAudioMask : undefined;
}
