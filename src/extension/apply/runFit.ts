// Which runs can take an input: an images run takes images of any size and of 1 or 3 channels (the trainer resizes them
// and converts gray and RGB to the run's channels, as training did), a table run takes rows with as many feature
// columns as it was trained on (a CSV's label column does not count). An audio run (data.json "audio") takes WAV files
// and only them: its patches look like images to the model, but new data must be cut from sound as training was.
import { seriesColumnsByIndex, type InputSpec } from '../../runs/dataFile';
import type { InputShape } from './inputShape';

/** The number of feature values the input gives a table run (a CSV header's label column is not a feature). */
function featureCount(shape: Extract<InputShape, { kind: 'table' }>, spec: Extract<InputSpec, { kind: 'table' }>): number {
  return shape.header && spec.labelColumn && shape.header.includes(spec.labelColumn) ? shape.values - 1 : shape.values;
}

export function runTakes(spec: InputSpec, shape: InputShape, trainedOnAudio = false): boolean {
  if (trainedOnAudio || shape.kind === 'audio') return trainedOnAudio && shape.kind === 'audio';
  if (spec.kind === 'images') return shape.kind === 'images';
  if (spec.kind === 'series') return shape.kind === 'table' && shape.format === 'csv' && seriesColumnsPresent(shape, spec);
  return shape.kind === 'table' && featureCount(shape, spec) === spec.columns.length;
}

/** A series run reads its value columns (and time column) by name, or by index in a CSV without a header. */
function seriesColumnsPresent(shape: Extract<InputShape, { kind: 'table' }>, spec: Extract<InputSpec, { kind: 'series' }>): boolean {
  const needed = spec.timeColumn === null ? spec.columns : [...spec.columns, spec.timeColumn];
  // A run trained on a header-less file names columns by index (its first row may hold a time stamp, read as a header here).
  if (seriesColumnsByIndex(spec)) return needed.every((name) => Number(name) < shape.values);
  // A run trained with a header row reads names there even when they look like numbers ("2019").
  const names = spec.header ? shape.firstRow : shape.header;
  return names !== null && names !== undefined && needed.every((name) => names.includes(name));
}

/** Said next to a run that takes the input only after converting its channels; undefined when they match. */
export function channelConversion(spec: InputSpec, shape: InputShape): string | undefined {
  if (spec.kind !== 'images' || shape.kind !== 'images' || spec.channels === shape.channels) return undefined;
  return spec.channels === 1 ? 'converts RGB to gray' : 'converts gray to RGB';
}

/** What the input is, in the words of "no finished run takes …". */
export function describeShape(shape: InputShape): string {
  if (shape.kind === 'images') return 'images';
  if (shape.kind === 'audio') return 'WAV audio';
  return `tables of ${shape.values} ${shape.header ? 'columns' : 'values'} per row`;
}

/** `completed`: runs that finished; `applicable`: those of them that say what input they take (newer runs all do). */
export function noRunFitsMessage(shape: InputShape, counts: { completed: number; applicable: number }): string {
  if (counts.completed === 0) return 'no run has finished yet; train one first.';
  if (counts.applicable === 0) return 'the finished runs were trained before runs kept what applying them needs (data.json "input"); train one again.';
  return `no finished run takes ${describeShape(shape)}; train one first on data like this.`;
}
