// tf.train.adam with the update done by one SIMD kernel per variable on wasm (simd/simdAdam.ts): bit-identical
// weights, ~4x less time than the stock op-by-op update (measured in docs/benchmarks.md). Other backends, wasm
// without SIMD, and wasm with the patches off run the stock update. Checkpoints (getWeights/setWeights) are unchanged.
import * as tf from '@tensorflow/tfjs';
import { SIMD_ADAM_WASM, type SimdAdam } from '../simd/simdAdam';
import { simdKernel } from '../simdKernel';
import { adamSlots, heapOf, pointerOf, type WasmHeap } from '../wasmInternals';
import { addKernel } from '../wasmPatch';

const KERNEL = 'AelabAdamUpdate';
const f32 = Math.fround;

interface AdamAttrs {
  beta1: number;
  beta2: number;
  /** float32 1 - beta^t, as the stock update computes them. */
  biasCorrection1: number;
  biasCorrection2: number;
  epsilon: number;
  learningRate: number;
}

function simdKernelFor(heap: WasmHeap): SimdAdam | undefined {
  return simdKernel<SimdAdam>(heap, SIMD_ADAM_WASM, 'adam');
}

/** The last n % 4 elements, same arithmetic in JavaScript rounded to float32 at every step. */
function scalarTail(from: number, arrays: Float32Array[], a: AdamAttrs): void {
  const [value, m, v, g, outValue, outM, outV] = arrays;
  const b1 = f32(a.beta1), c1 = f32(1 - a.beta1), b2 = f32(a.beta2), c2 = f32(1 - a.beta2);
  for (let i = from; i < value.length; i++) {
    const mi = f32(f32(m[i] * b1) + f32(g[i] * c1));
    const vi = f32(f32(v[i] * b2) + f32(f32(g[i] * g[i]) * c2));
    const denominator = f32(f32(Math.sqrt(f32(vi / f32(a.biasCorrection2)))) + f32(a.epsilon));
    outValue[i] = f32(f32(f32(f32(mi / f32(a.biasCorrection1)) / denominator) * f32(-a.learningRate)) + value[i]);
    outM[i] = mi;
    outV[i] = vi;
  }
}

export const adamPatch = addKernel(KERNEL, ({ inputs, backend, attrs }) => {
  const wasm = heapOf(backend);
  const { value, m, v, g } = inputs as Record<string, tf.TensorInfo>;
  const adam = simdKernelFor(wasm)!;
  const a = attrs as unknown as AdamAttrs;
  const outs = [value, m, v].map((t) => wasm.makeOutput(t.shape, 'float32'));
  const pointer = (t: tf.TensorInfo) => pointerOf(wasm, t);
  const size = value.shape.reduce((x, y) => x * y, 1);
  const vectorized = size - (size % 4);
  adam(pointer(value), pointer(m), pointer(v), pointer(g), pointer(outs[0]), pointer(outs[1]), pointer(outs[2]), vectorized * 4,
    a.beta1, 1 - a.beta1, a.beta2, 1 - a.beta2, a.biasCorrection1, a.biasCorrection2, a.epsilon, -a.learningRate);
  if (vectorized < size) scalarTail(vectorized, [value, m, v, g, ...outs].map((t) => wasm.typedArrayFromHeap(t)), a);
  return outs;
}, 'optimizer');

export class FastAdamOptimizer extends tf.AdamOptimizer {
  override applyGradients(variableGradients: Parameters<tf.AdamOptimizer['applyGradients']>[0]): void {
    if (tf.getBackend() !== 'wasm' || !adamPatch.isRegistered() || !simdKernelFor(heapOf(tf.backend()))) return super.applyGradients(variableGradients);
    const state = adamSlots(this);
    const named = Array.isArray(variableGradients) ? variableGradients : Object.entries(variableGradients).map(([name, tensor]) => ({ name, tensor }));
    tf.tidy(() => {
      const [biasCorrection1, biasCorrection2] = [state.accBeta1, state.accBeta2].map((acc) => tf.sub(1, acc).dataSync()[0]);
      const attrs = { beta1: this.beta1, beta2: this.beta2, biasCorrection1, biasCorrection2, epsilon: this.epsilon, learningRate: this.learningRate };
      named.forEach(({ name, tensor: g }, i) => {
        const value = tf.engine().registeredVariables[name];
        state.accumulatedFirstMoment[i] ??= { originalName: `${name}/m`, variable: tf.tidy(() => tf.zerosLike(value).variable(false)) };
        state.accumulatedSecondMoment[i] ??= { originalName: `${name}/v`, variable: tf.tidy(() => tf.zerosLike(value).variable(false)) };
        if (g == null) return;
        const m = state.accumulatedFirstMoment[i].variable;
        const v = state.accumulatedSecondMoment[i].variable;
        const [newValue, newM, newV] = tf.engine().runKernel(KERNEL, { value, m, v, g }, attrs as unknown as tf.NamedAttrMap) as tf.Tensor[];
        m.assign(newM);
        v.assign(newV);
        value.assign(newValue);
      });
      state.accBeta1.assign(tf.mul(state.accBeta1, this.beta1));
      state.accBeta2.assign(tf.mul(state.accBeta2, this.beta2));
    });
    this.incrementIterations();
  }
}
