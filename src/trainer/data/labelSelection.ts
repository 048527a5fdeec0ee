// Picks classes by the names a user wrote in an experiment (data.includeLabels, evaluation.normalLabels): a name
// matches a class by its label name, a number by its string ("3" for IDX digit 3), so JSON numbers and strings both work.
import { InputError } from '../../protocol/errors';
import type { Dataset } from './dataset';
import { selectSamples } from './validateSamples';

/** The label names of a dataset's classes, by class id. */
export function classNames(dataset: Pick<Dataset, 'labels' | 'labelNames'>): string[] {
  if (dataset.labelNames) return dataset.labelNames;
  let max = -1;
  dataset.labels?.forEach((label) => (max = Math.max(max, label)));
  return Array.from({ length: max + 1 }, (_, i) => String(i));
}

/**
 * The class ids named by `wanted`. An unknown name, or a dataset without labels, is an InputError naming `field` and
 * listing the labels the data has.
 */
export function selectClasses(dataset: Pick<Dataset, 'labels' | 'labelNames'>, wanted: readonly (string | number)[], field: string): Set<number> {
  if (!dataset.labels) throw new InputError('names labels, but the data has none (give a labelled source: an image folder with class subfolders, an IDX labels file, or a CSV labelColumn)', { field });
  const names = classNames(dataset);
  const ids = new Set<number>();
  for (const name of wanted.map(String)) {
    const id = names.indexOf(name);
    if (id < 0) throw new InputError(`names the label "${name}", which the data does not have; its labels are ${listed(names)}`, { field });
    ids.add(id);
  }
  return ids;
}

/** The samples whose class is in `classes`, in their order (streamed datasets stay streamed). */
export function keepClasses(dataset: Dataset, classes: ReadonlySet<number>): Dataset {
  const labels = dataset.labels;
  if (!labels) return dataset;
  const kept: number[] = [];
  for (let i = 0; i < dataset.count; i++) if (classes.has(labels[i])) kept.push(i);
  return kept.length === dataset.count ? dataset : selectSamples(dataset, kept);
}

function listed(names: string[]): string {
  const shown = names.slice(0, 20).map((n) => `"${n}"`).join(', ');
  return names.length > 20 ? `${shown}, … (${names.length} in all)` : shown;
}
