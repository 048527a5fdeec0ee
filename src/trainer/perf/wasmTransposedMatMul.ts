// tfjs-backend-wasm 4.22 sends matMul with transposeA or transposeB to a naive C++ loop (~1 GFLOP/s here)
// instead of XNNPACK (~25-30 GFLOP/s). Every dense-layer gradient is such a matMul (dW = x^T dy, dX = dy W^T),
// so training spent most of its time there. This wraps the wasm kernels: transpose the operand explicitly
// (a fast memory pass), then run the untransposed XNNPACK path.
//
// XNNPACK also re-packs its right operand on every call with new weights (~3.6 ns per element, measured).
// For dX = dy W^T with a large W and a small batch it is cheaper to compute (W dy^T)^T, which packs dy instead.
import * as tf from '@tensorflow/tfjs';

const KERNELS = ['BatchMatMul', '_FusedMatMul'] as const;
const wrapped = new WeakSet<tf.KernelFunc>();
/** Measured per-element costs (ns) of a transpose and of XNNPACK's weight packing, for choosing an order. */
const TRANSPOSE_NS = 1;
const PACK_NS = 3.6;

interface MatMulAttrs {
  transposeA: boolean;
  transposeB: boolean;
}
type Backend = { disposeData(dataId: object): void };
type Args = Parameters<tf.KernelFunc>[0];

/** Swaps the last two axes with the backend's own Transpose kernel (no tape, no engine bookkeeping). */
function transposeLastTwo(x: tf.TensorInfo, backend: unknown): tf.TensorInfo {
  const transpose = tf.getKernel('Transpose', 'wasm');
  if (!transpose) throw new Error('wasm Transpose kernel is not registered');
  const rank = x.shape.length;
  const perm = [...Array(rank).keys()];
  [perm[rank - 2], perm[rank - 1]] = [perm[rank - 1], perm[rank - 2]];
  return transpose.kernelFunc({ inputs: { x }, backend, attrs: { perm } } as unknown as Args) as tf.TensorInfo;
}

const isMatrix = (t: tf.TensorInfo) => t.shape.length === 2 || (t.shape.length === 3 && t.shape[0] === 1);
const rows = (t: tf.TensorInfo) => t.shape[t.shape.length - 2];
const cols = (t: tf.TensorInfo) => t.shape[t.shape.length - 1];

/** a [M, K] times b^T for b [N, K]: pack b^T (N*K) the usual way, or pack a^T (M*K) and transpose the [N, M] result. */
function swapIsCheaper(a: tf.TensorInfo, b: tf.TensorInfo): boolean {
  const [m, k, n] = [rows(a), cols(a), rows(b)];
  return m * k * (TRANSPOSE_NS + PACK_NS) + m * n * TRANSPOSE_NS < n * k * (TRANSPOSE_NS + PACK_NS);
}

function run(original: tf.KernelConfig, args: Args, inputs: Record<string, tf.TensorInfo>, temporaries: tf.TensorInfo[]): tf.TensorInfo {
  const backend = args.backend as unknown as Backend;
  try {
    return original.kernelFunc({ ...args, inputs, attrs: { ...args.attrs, transposeA: false, transposeB: false } }) as tf.TensorInfo;
  } finally {
    temporaries.forEach((t) => backend.disposeData(t.dataId));
  }
}

function kernelFor(name: (typeof KERNELS)[number], original: tf.KernelConfig): tf.KernelFunc {
  return (args) => {
    const attrs = args.attrs as unknown as MatMulAttrs;
    if (!attrs.transposeA && !attrs.transposeB) return original.kernelFunc(args);
    const inputs = { ...args.inputs } as Record<string, tf.TensorInfo>;
    const { a, b } = inputs;
    if (name === 'BatchMatMul' && attrs.transposeB && !attrs.transposeA && isMatrix(a) && isMatrix(b) && swapIsCheaper(a, b)) {
      // (a b^T)^T = b a^T: b is already in the layout the untransposed kernel wants.
      const aT = transposeLastTwo(a, args.backend);
      const productT = run(original, args, { a: b, b: aT }, [aT]);
      const product = transposeLastTwo(productT, args.backend);
      (args.backend as unknown as Backend).disposeData(productT.dataId);
      return product;
    }
    const temporaries: tf.TensorInfo[] = [];
    if (attrs.transposeA) temporaries.push((inputs.a = transposeLastTwo(a, args.backend)));
    if (attrs.transposeB) temporaries.push((inputs.b = transposeLastTwo(b, args.backend)));
    return run(original, args, inputs, temporaries);
  };
}

/** Installs the wrappers on the wasm backend. Idempotent; call after the wasm backend package is imported. */
export function registerWasmTransposedMatMul(): void {
  for (const name of KERNELS) {
    const original = tf.getKernel(name, 'wasm');
    if (!original || wrapped.has(original.kernelFunc)) continue;
    const kernelFunc = kernelFor(name, original);
    wrapped.add(kernelFunc);
    tf.unregisterKernel(name, 'wasm');
    // Keep setupFunc: it binds the wasm export the original kernelFunc calls.
    tf.registerKernel({ ...original, kernelFunc });
  }
}
