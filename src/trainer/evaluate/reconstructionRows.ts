// The reconstruction section's rows (model, PCA, noisy input), each accumulated batch by batch over the whole set and
// per class, so no row needs the outputs of the whole set at once.
import type { ReconstructionMetrics, ReconstructionSection } from '../../protocol/evaluation';
import { ReconstructionAccumulator } from './metrics/reconstructionMetrics';

export type RowName = 'model' | 'pca' | 'noisyInput';

export class ReconstructionRows {
  private readonly rows: Partial<Record<RowName, ReconstructionAccumulator>> = {};

  /** `classes`: the label names by class id, when the set has labels. */
  constructor(
    sampleShape: number[],
    options: { images: boolean; bce: boolean },
    private readonly classes: string[] | null,
    present: { pca: boolean; noisyInput: boolean },
  ) {
    const make = () => new ReconstructionAccumulator(sampleShape, options, classes?.length);
    this.rows.model = make();
    if (present.pca) this.rows.pca = make();
    if (present.noisyInput) this.rows.noisyInput = make();
  }

  add(row: RowName, targets: Float32Array, outputs: Float32Array, count: number, labels: Int32Array | undefined): void {
    this.rows[row]!.add(targets, outputs, count, labels);
  }

  section(): Omit<ReconstructionSection, 'corruption'> {
    const model = this.rows.model!;
    const totalOf = (row: RowName) => this.rows[row]?.total() ?? null;
    return { model: model.total(), pca: totalOf('pca'), noisyInput: totalOf('noisyInput'), perClass: this.perClass(model) };
  }

  private perClass(model: ReconstructionAccumulator): ReconstructionSection['perClass'] {
    if (!this.classes) return null;
    const counts = model.classCounts();
    const byClass = (row: RowName): (ReconstructionMetrics | null)[] | null => this.rows[row]?.byClass() ?? null;
    const [ofModel, ofPca, ofNoisy] = [byClass('model')!, byClass('pca'), byClass('noisyInput')];
    return this.classes.flatMap((label, id) => {
      const metrics = ofModel[id];
      if (!counts[id] || !metrics) return [];
      return [{ label, count: counts[id], model: metrics, pca: ofPca?.[id] ?? null, noisyInput: ofNoisy?.[id] ?? null }];
    });
  }
}
