// The VQ-VAE's codebook as a Keras-style layer: K code vectors of size D (the last axis of its input). Called on the
// encoder's output z_e it returns each position's nearest code vector, passing gradients straight through to z_e
// (z_q = z_e + stop_gradient(q - z_e), van den Oord et al. 2017). It is the decoder's first layer, so the codebook is a
// weight of the decoder model: checkpoints, saved models, best/ and the Keras export keep it like any other weight.
import * as tf from '@tensorflow/tfjs';

export const VECTOR_QUANTIZER_CLASS = 'VectorQuantizer';

export interface VectorQuantizerArgs {
  codebookSize: number;
  /** Seeds the codebook's uniform initialisation in [-0.05, 0.05] (keras.io's tf.random_uniform_initializer()). */
  seed?: number;
  name?: string;
}

export class VectorQuantizer extends tf.layers.Layer {
  static className = VECTOR_QUANTIZER_CLASS;
  readonly codebookSize: number;
  private readonly seed: number | undefined;
  private codebookWeight: tf.LayerVariable | undefined;

  constructor(args: VectorQuantizerArgs) {
    super({ name: args.name });
    this.codebookSize = args.codebookSize;
    this.seed = args.seed;
  }

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
    const dim = shape[shape.length - 1] as number;
    this.codebookWeight = this.addWeight('codebook', [this.codebookSize, dim], 'float32', tf.initializers.randomUniform({ minval: -0.05, maxval: 0.05, seed: this.seed }));
    this.built = true;
  }

  /** [K, D]: the code vectors. */
  get codebook(): tf.Tensor2D {
    if (!this.codebookWeight) throw new Error('the VectorQuantizer is not built yet');
    return this.codebookWeight.read() as tf.Tensor2D;
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => straightThrough(Array.isArray(inputs) ? inputs[0] : inputs, this.codebook));
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape | tf.Shape[] {
    return inputShape;
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), codebookSize: this.codebookSize };
  }

  /** Index of the nearest code vector of every position: z_e [..., D] -> int32 [...]. No gradient. */
  codes(ze: tf.Tensor): tf.Tensor {
    return nearestCodes(ze, this.codebook);
  }

  /** Code vectors of indices: int32 [...] -> [..., D]. */
  lookup(indices: tf.Tensor): tf.Tensor {
    return tf.tidy(() => tf.gather(this.codebook, indices.flatten()).reshape([...indices.shape, this.codebook.shape[1]]));
  }
}
tf.serialization.registerClass(VectorQuantizer);

/** Nearest code index per position by squared distance ||z||² - 2 z·e + ||e||² (the ||z||² term does not change the argmin). */
export function nearestCodes(ze: tf.Tensor, codebook: tf.Tensor2D): tf.Tensor {
  return tf.tidy(() => {
    const dim = codebook.shape[1];
    const flat = ze.reshape([-1, dim]) as tf.Tensor2D;
    const distances = codebook.square().sum(1).expandDims(0).sub(tf.matMul(flat, codebook, false, true).mul(2));
    return distances.argMin(1).reshape(ze.shape.slice(0, -1));
  });
}

/**
 * The nearest code vectors, differentiable in the codebook (for the codebook loss) but not in z_e. A one-hot matMul
 * rather than a gather: gather's gradient needs UnsortedSegmentSum, which tfjs-backend-wasm does not have.
 */
export function quantize(ze: tf.Tensor, codebook: tf.Tensor2D): tf.Tensor {
  return tf.tidy(() => tf.matMul(tf.oneHot(nearestCodes(ze, codebook).flatten(), codebook.shape[0]), codebook).reshape(ze.shape));
}

type CustomGradient = Parameters<typeof tf.customGrad>[0];

/** Forward: x; backward: no gradient. tfjs has no stopGradient op; customGrad records one node whose gradient is zero. */
const stopGradientOp = tf.customGrad(((x: tf.Tensor) => ({ value: x.clone(), gradFunc: (dy: tf.Tensor) => tf.zerosLike(dy) })) as unknown as CustomGradient);

export function stopGradient(x: tf.Tensor): tf.Tensor {
  return stopGradientOp(x);
}

/**
 * Forward: the nearest code vectors q; backward: dL/dz_e = dL/dq (the straight-through estimator) and nothing to the
 * codebook, which learns from the codebook loss instead. Ops inside a customGrad are not taped, so the argmin is
 * never differentiated.
 */
const straightThroughOp = tf.customGrad(((ze: tf.Tensor, codebook: tf.Tensor2D) => ({
  value: quantize(ze, codebook),
  gradFunc: (dy: tf.Tensor) => [dy.clone(), tf.zerosLike(codebook)],
})) as unknown as CustomGradient);

export function straightThrough(ze: tf.Tensor, codebook: tf.Tensor2D): tf.Tensor {
  return straightThroughOp(ze, codebook);
}

/** The model's VectorQuantizer layer (the decoder's first), or undefined for other kinds' models. */
export function findVectorQuantizer(model: tf.LayersModel): VectorQuantizer | undefined {
  return model.layers.find((layer): layer is VectorQuantizer => layer instanceof VectorQuantizer);
}
