// Conditional kinds (cvae): their encoder takes [x, one-hot label] and their decoder [z, one-hot label]. Every caller
// that runs a saved or live model goes through here, so a model with a label input gets one: the one-hot of the given
// labels, or, when the data has none (new files given to `aelab encode/reconstruct`), the uniform vector 1/classes,
// which conditions on "any class" (documented in the README's CVAE section).
import * as tf from '@tensorflow/tfjs';

/** The number of classes a model is conditioned on, or undefined for a model with one input. */
export function conditionedClasses(model: tf.LayersModel): number | undefined {
  return model.inputs.length === 2 ? (model.inputs[1].shape[1] as number) : undefined;
}

/** One-hot rows of int32 `labels`, or uniform rows when there are none. */
export function labelRows(classes: number, rows: number, labels?: tf.Tensor): tf.Tensor2D {
  if (!labels) return tf.fill([rows, classes], 1 / classes) as tf.Tensor2D;
  return tf.oneHot(labels.toInt() as tf.Tensor1D, classes).toFloat() as tf.Tensor2D;
}

/** What `model.apply`/`predict` takes: `main` alone, or [main, label rows] for a conditional model. */
export function modelInputs(model: tf.LayersModel, main: tf.Tensor, labels?: tf.Tensor): tf.Tensor | tf.Tensor[] {
  const classes = conditionedClasses(model);
  return classes === undefined ? main : [main, labelRows(classes, main.shape[0], labels)];
}

/** Int32 labels for rows [start, start + rows) of a labelled set, or undefined. */
export function labelsTensor(labels: Int32Array | undefined, start: number, rows: number): tf.Tensor1D | undefined {
  return labels ? tf.tensor1d(labels.subarray(start, start + rows), 'int32') : undefined;
}
