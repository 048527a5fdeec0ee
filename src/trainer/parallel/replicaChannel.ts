// Shared memory between the main trainer thread (replica 0) and its replica workers: per-replica gradient
// buffers (two, alternating by step, so a fast replica never overwrites gradients a slow one is still reading),
// per-worker input rows, per-replica losses, and Int32 flags used as a barrier.
export const LOSS_SLOTS = 17; // the total loss plus up to 16 named components

/** Node 16+ has Atomics.waitAsync; the project's TypeScript lib (ES2022) does not declare it yet. */
type WaitAsync = (array: Int32Array, index: number, value: number, timeout?: number) => { async: false; value: string } | { async: true; value: Promise<string> };
const waitAsync = (Atomics as unknown as { waitAsync: WaitAsync }).waitAsync;

const READY = 0; // control[READY + r]: the last step replica r has published gradients for
const FAILED_OFFSET = 1; // control[replicas + FAILED_OFFSET]: nonzero once any replica failed

export interface ChannelBuffers {
  replicas: number;
  parameterCount: number;
  control: SharedArrayBuffer;
  gradients: SharedArrayBuffer[];
  inputs: SharedArrayBuffer[];
  losses: SharedArrayBuffer;
}

export function createChannelBuffers(replicas: number, parameterCount: number, inputFloats: number): ChannelBuffers {
  const floats = (n: number) => new SharedArrayBuffer(n * Float32Array.BYTES_PER_ELEMENT);
  return {
    replicas,
    parameterCount,
    control: new SharedArrayBuffer((replicas + 2) * Int32Array.BYTES_PER_ELEMENT),
    gradients: Array.from({ length: replicas }, () => floats(2 * parameterCount)),
    inputs: Array.from({ length: replicas - 1 }, () => floats(inputFloats)),
    losses: floats(replicas * LOSS_SLOTS),
  };
}

export class ReplicaChannel {
  readonly control: Int32Array;
  private readonly gradientViews: Float32Array[];
  private readonly inputViews: Float32Array[];
  private readonly lossView: Float32Array;

  constructor(readonly buffers: ChannelBuffers) {
    this.control = new Int32Array(buffers.control);
    this.gradientViews = buffers.gradients.map((b) => new Float32Array(b));
    this.inputViews = buffers.inputs.map((b) => new Float32Array(b));
    this.lossView = new Float32Array(buffers.losses);
  }

  get replicas(): number {
    return this.buffers.replicas;
  }

  gradients(replica: number, step: number): Float32Array {
    const n = this.buffers.parameterCount;
    return this.gradientViews[replica].subarray((step % 2) * n, (step % 2 + 1) * n);
  }

  /** Input rows of replica r >= 1 (replica 0, the main thread, keeps its rows local). */
  input(replica: number): Float32Array {
    return this.inputViews[replica - 1];
  }

  losses(replica: number): Float32Array {
    return this.lossView.subarray(replica * LOSS_SLOTS, (replica + 1) * LOSS_SLOTS);
  }

  publish(replica: number, step: number): void {
    Atomics.store(this.control, READY + replica, step);
    Atomics.notify(this.control, READY + replica);
  }

  published(replica: number): number {
    return Atomics.load(this.control, READY + replica);
  }

  markFailed(): void {
    Atomics.store(this.control, this.replicas + FAILED_OFFSET, 1);
    for (let r = 0; r < this.replicas; r++) Atomics.notify(this.control, READY + r);
  }

  get failed(): boolean {
    return Atomics.load(this.control, this.replicas + FAILED_OFFSET) !== 0;
  }

  /** Blocking wait (worker threads only) until every other replica has published `step`. */
  waitForOthers(self: number, step: number, timeoutMs: number): void {
    const deadline = Date.now() + timeoutMs;
    for (let r = 0; r < this.replicas; r++) {
      if (r === self) continue;
      for (let seen = this.published(r); seen < step; seen = this.published(r)) {
        if (this.failed) throw new Error('another replica failed');
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`replica ${r} did not publish step ${step} within ${timeoutMs} ms`);
        Atomics.wait(this.control, READY + r, seen, Math.min(left, 1000));
      }
    }
  }

  /** Non-blocking wait (main thread) until replicas 1..n-1 have published `step`; false on failure or timeout. */
  async waitForWorkers(step: number, timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    for (let r = 1; r < this.replicas; r++) {
      for (let seen = this.published(r); seen < step; seen = this.published(r)) {
        if (this.failed) return false;
        const left = deadline - Date.now();
        if (left <= 0) return false;
        const result = waitAsync(this.control, READY + r, seen, Math.min(left, 1000));
        if (result.async) await result.value;
      }
    }
    return !this.failed;
  }
}
