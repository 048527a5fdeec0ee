// `aelab eval --input`: a file or folder read through the apply inputs (any format, brought to the run's input spec
// and scale), kept as a seeded subsample of at most evaluation.limit samples. Its labels (folder names, a CSV's label
// column) get the training set's class ids where the names match, so kNN and the probe compare like with like.
import { emptyDropped, type Dataset } from '../data/dataset';
import { seededPermutation } from '../data/split';
import type { ApplyInput } from '../apply/inputTypes';
import type { LoadedRun } from '../apply/loadRun';
import { sampleSizeOf } from '../apply/inputTypes';
import { EVALUATION_BATCH } from './evaluationSample';
import type { StopCheck } from './evaluationStopped';

export async function readInputSet(input: ApplyInput, run: LoadedRun, trainNames: readonly string[], limit: number, seed: number, stop: StopCheck, notes: string[]): Promise<Dataset> {
  const size = sampleSizeOf(run.spec);
  const wanted = Math.min(limit, input.total);
  const picked = new Uint8Array(input.total);
  seededPermutation(input.total, seed).subarray(0, wanted).forEach((i) => (picked[i] = 1));
  if (wanted < input.total) notes.push(`input: a seeded subsample of ${wanted} of its ${input.total} samples (evaluation.limit)`);
  const x = new Float32Array(wanted * size);
  const labels: (string | null)[] = [];
  let index = 0;
  for (const batch of input.batches(EVALUATION_BATCH)) {
    await stop();
    for (let i = 0; i < batch.count; i++, index++) {
      if (!picked[index]) continue;
      x.set(batch.x.subarray(i * size, (i + 1) * size), labels.length * size);
      labels.push(batch.labels[i]);
    }
    if (labels.length === wanted) break; // the rest of the input holds no picked sample
  }
  const count = labels.length;
  const names = [...trainNames];
  const unlabelled = labels.filter((label) => label === null).length;
  if (unlabelled > 0 && unlabelled < count) notes.push(`input: ${unlabelled} of ${count} samples have no label, so labels are not used`);
  const labelled = count > 0 && unlabelled === 0;
  const idOf = new Map(names.map((name, id) => [name, id]));
  const classId = (label: string) => idOf.get(label) ?? (idOf.set(label, names.push(label) - 1), names.length - 1);
  const ids = labelled ? Int32Array.from(labels, (label) => classId(label!)) : undefined;
  return {
    x: x.subarray(0, count * size),
    count,
    sampleShape: run.sampleShape,
    labels: ids,
    labelNames: labelled ? names : undefined,
    normalization: run.normalization,
    dropped: emptyDropped(),
    notes: [],
  };
}
