// Class labels from any source are checked here: a labels file with one absurd value must not make the trainer build
// (and send over IPC) a name for every class id below it.
import { InputError, type InputErrorLocation } from '../../protocol/errors';

/** More classes than this is a mistake (an id or value column used as labels), not a dataset to colour a plot by. */
export const MAX_CLASSES = 10_000;

/**
 * Integer class ids (as in MNIST's labels file) -> labels and the names "0".."max". Refused, naming the value and
 * its position, unless every label is an integer in [0, MAX_CLASSES).
 */
export function classIdLabels(values: ArrayLike<number>, where: InputErrorLocation): { labels: Int32Array; labelNames: string[] } {
  let max = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isInteger(v) || v < 0 || v >= MAX_CLASSES) {
      const why = !Number.isInteger(v) ? 'is not an integer' : v < 0 ? 'is negative' : `is ${MAX_CLASSES} or more`;
      throw new InputError(`label ${v} (sample ${i}) ${why}; labels must be class ids 0..${MAX_CLASSES - 1}`, where);
    }
    if (v > max) max = v;
  }
  return { labels: Int32Array.from(values), labelNames: Array.from({ length: max + 1 }, (_, i) => String(i)) };
}

/** Refuses more than MAX_CLASSES distinct label names. */
export function refuseTooManyClasses(count: number, where: InputErrorLocation, what: string): void {
  if (count <= MAX_CLASSES) return;
  throw new InputError(`${what} has ${count} distinct labels, more than the ${MAX_CLASSES} classes supported; labels are class names, not ids or values`, where);
}
