// tfjs-backend-wasm 4.22 sends matMul with transposeA or transposeB to a naive C++ loop (~1 GFLOP/s here)
// instead of XNNPACK (~25-30 GFLOP/s). Every dense-layer gradient is such a matMul (dW = x^T dy, dX = dy W^T),
// so training spent most of its time there. This wraps the wasm kernels: transpose the operand explicitly
// (a fast memory pass), then run the untransposed XNNPACK path.
//
// XNNPACK also packs its right operand on every call with a tensor it has not seen (~6 ns per element,
// measured), and in training every weight is a new tensor each step. With a large W and a small batch it is
// cheaper to pack the batch side: dX = dy W^T as (W dy^T)^T, and the forward x W as (W^T x^T)^T.
import * as tf from '@tensorflow/tfjs';
import { releaseData, type KernelArgs } from '../wasmInternals';

type MatMulKernel = 'BatchMatMul' | '_FusedMatMul';
/** Measured per-element costs (ns) of a transpose and of XNNPACK's weight packing, for choosing an order. */
const TRANSPOSE_NS = 1;
const PACK_NS = 6;
/**
 * Right operands seen before. A training step multiplies by each new weight tensor once, so the first product swaps;
 * a second product with the same tensor means reuse (evaluation, inference), and from then on it is multiplied
 * directly, so XNNPACK packs it once and keeps it packed.
 */
const seenAsRight = new WeakSet<object>();

interface MatMulAttrs {
  transposeA: boolean;
  transposeB: boolean;
}
type Args = KernelArgs;

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

/** a [M, K] times b [K, N]: pack b (K*N), or transpose both, pack a^T (M*K) and transpose the [N, M] result. */
function forwardSwapIsCheaper(a: tf.TensorInfo, b: tf.TensorInfo): boolean {
  const [m, k, n] = [rows(a), cols(a), cols(b)];
  return k * n * TRANSPOSE_NS + m * k * (TRANSPOSE_NS + PACK_NS) + m * n * TRANSPOSE_NS < k * n * PACK_NS;
}

/** A product with no bias or activation fused in (dense layers send their output layer's matMul this way). */
function isPlainProduct(name: MatMulKernel, args: Args): boolean {
  if (name === 'BatchMatMul') return true;
  const { bias, preluActivationWeights } = args.inputs as Record<string, tf.TensorInfo | null>;
  return !bias && !preluActivationWeights && (args.attrs as unknown as { activation?: string }).activation === 'linear';
}

function run(stock: tf.KernelFunc, args: Args, inputs: Record<string, tf.TensorInfo>, temporaries: tf.TensorInfo[]): tf.TensorInfo {
  try {
    return stock({ ...args, inputs, attrs: { ...args.attrs, transposeA: false, transposeB: false } }) as tf.TensorInfo;
  } finally {
    temporaries.forEach((t) => releaseData(args.backend, t.dataId));
  }
}

/** The kernel body for BatchMatMul or _FusedMatMul; undefined hands the product to the stock kernel as it is. */
export function reorderedMatMul(name: MatMulKernel): (args: Args, stock: tf.KernelFunc) => tf.TensorInfo | undefined {
  return (args, stock) => {
    const attrs = args.attrs as unknown as MatMulAttrs;
    const inputs = { ...args.inputs } as Record<string, tf.TensorInfo>;
    const { a, b } = inputs;
    if (!attrs.transposeA && !attrs.transposeB) {
      const reused = seenAsRight.has(b.dataId);
      seenAsRight.add(b.dataId);
      if (!reused && isPlainProduct(name, args) && isMatrix(a) && isMatrix(b) && forwardSwapIsCheaper(a, b)) {
        // a b = (b^T a^T)^T: only the batch side gets packed.
        const [bT, aT] = [transposeLastTwo(b, args.backend), transposeLastTwo(a, args.backend)];
        const productT = run(stock, args, { ...inputs, a: bT, b: aT }, [bT, aT]);
        const product = transposeLastTwo(productT, args.backend);
        releaseData(args.backend, productT.dataId);
        return product;
      }
      return undefined;
    }
    if (name === 'BatchMatMul' && attrs.transposeB && !attrs.transposeA && isMatrix(a) && isMatrix(b) && swapIsCheaper(a, b)) {
      // (a b^T)^T = b a^T: b is already in the layout the untransposed kernel wants.
      const aT = transposeLastTwo(a, args.backend);
      const productT = run(stock, args, { a: b, b: aT }, [aT]);
      const product = transposeLastTwo(productT, args.backend);
      releaseData(args.backend, productT.dataId);
      return product;
    }
    const temporaries: tf.TensorInfo[] = [];
    if (attrs.transposeA) temporaries.push((inputs.a = transposeLastTwo(a, args.backend)));
    if (attrs.transposeB) temporaries.push((inputs.b = transposeLastTwo(b, args.backend)));
    return run(stock, args, inputs, temporaries);
  };
}

