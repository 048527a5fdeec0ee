// Per-epoch loss sums, weighted by batch rows. Losses computed here stay on the device and are read back only
// when asked (each read is a sync); losses already on the host (from a replica thread) are summed in JavaScript.
import * as tf from '@tensorflow/tfjs';
import { round } from './round';

export class LossAccumulator {
  private loss: tf.Scalar | undefined;
  private components = new Map<string, tf.Scalar>();
  private hostLoss = 0;
  private hostComponents = new Map<string, number>();
  private samples = 0;

  add(loss: tf.Scalar, components: Record<string, tf.Scalar>, rows: number): void {
    this.loss = accumulate(this.loss, loss, rows);
    for (const [name, value] of Object.entries(components)) this.components.set(name, accumulate(this.components.get(name), value, rows));
    this.samples += rows;
  }

  addHost(loss: number, components: Record<string, number>, rows: number): void {
    this.hostLoss += loss * rows;
    for (const [name, value] of Object.entries(components)) this.hostComponents.set(name, (this.hostComponents.get(name) ?? 0) + value * rows);
    this.samples += rows;
  }

  meanLoss(): number {
    if (this.samples === 0) return NaN;
    return ((this.loss ? this.loss.dataSync()[0] : 0) + this.hostLoss) / this.samples;
  }

  meanComponents(): Record<string, number> {
    const names = new Set([...this.components.keys(), ...this.hostComponents.keys()]);
    return Object.fromEntries(
      [...names].map((name) => {
        const device = this.components.get(name)?.dataSync()[0] ?? 0;
        return [name, round((device + (this.hostComponents.get(name) ?? 0)) / this.samples, 6)];
      }),
    );
  }

  dispose(): void {
    this.loss?.dispose();
    this.components.forEach((c) => c.dispose());
  }
}

function accumulate(sum: tf.Scalar | undefined, value: tf.Scalar, rows: number): tf.Scalar {
  const next = tf.tidy(() => tf.keep(sum ? sum.add(value.mul(rows)) : value.mul(rows)) as tf.Scalar);
  sum?.dispose();
  return next;
}
