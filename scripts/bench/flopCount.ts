// Analytic training FLOPs per sample: multiply-adds of the dense and conv layers, times two (a multiply-add is two
// FLOPs), times three for forward + the two backward products (dX, dW); the encoder's first layer needs no dX.
// Element-wise work (activations, pooling, up-sampling, the loss, the optimizer) is left out, as is usual.
import type * as tf from '@tensorflow/tfjs';

type Layer = tf.layers.Layer & { layers?: Layer[] };

function forwardMacs(layer: Layer): number {
  const kernel = layer.getWeights()[0];
  if (!kernel) return 0;
  const k = kernel.shape as number[];
  switch (layer.getClassName()) {
    case 'Dense':
      return k[0] * k[1];
    case 'Conv2D': {
      const [, h, w] = layer.outputShape as number[];
      return h * w * k[0] * k[1] * k[2] * k[3];
    }
    case 'Conv2DTranspose': {
      // Each input pixel meets the whole kernel; the layer's input tensor has that size (its inputShape is unset).
      const [, h, w] = (layer.input as tf.SymbolicTensor).shape as number[];
      return h * w * k[0] * k[1] * k[2] * k[3];
    }
    default:
      return 0;
  }
}

function layersOf(model: Layer): Layer[] {
  return (model.layers ?? []).flatMap((layer) => (layer.layers ? layersOf(layer) : [layer]));
}

export function trainingFlopsPerSample(autoencoder: { encoder: tf.LayersModel; decoder: tf.LayersModel }): number {
  const macs = [...layersOf(autoencoder.encoder as unknown as Layer), ...layersOf(autoencoder.decoder as unknown as Layer)].map(forwardMacs).filter((m) => m > 0);
  const forward = macs.reduce((a, b) => a + b, 0);
  return 2 * (3 * forward - (macs[0] ?? 0));
}
