/**
 * Conv2D gradients for the tfjs wasm backend (4.22.0), installed by patches/conv2DBackprop*.ts.
 *
 * - `Conv2DBackpropFilter` (dW) is missing on wasm, so conv nets cannot train there at all.
 * - `Conv2DBackpropInput` (dX) exists but is a naive loop, ~10x slower than XNNPACK's Conv2D.
 *
 * Both are rebuilt from kernels wasm runs on XNNPACK (Conv2D, BatchMatMul) plus pads, transposes and
 * im2col rows gathered on the wasm heap. On the Keras-blog conv AE (batch 256, 2-core box) dW costs ~70 ms/step here versus
 * ~100 ms for a single "conv of transposed tensors" formulation; the dX rewrite saves ~230 ms/step.
 */
import * as tf from '@tensorflow/tfjs';
import { gatheredConvBackpropFilter } from './gatheredConvBackpropFilter';
import { shiftedPlanes } from './shiftedPlanes';
import { stridedConvBackpropInput } from './stridedConvBackpropInput';

type Attrs = tf.Conv2DBackpropFilterAttrs;
type Strategy = 'im2colX' | 'im2colDy' | 'xAsInput' | 'dyAsInput' | 'gatherX';

function convInfo(xShape: number[], filterShape: number[], attrs: Omit<Attrs, 'filterShape'>) {
  if (attrs.dataFormat === 'NCHW') {
    throw new Error('wasm Conv2D gradient kernels support only dataFormat NHWC (channels last), got NCHW');
  }
  return tf.backend_util.computeConv2DInfo(
    xShape as [number, number, number, number], filterShape as [number, number, number, number],
    attrs.strides, 1, attrs.pad, attrs.dimRoundingMode, false, 'channelsLast');
}

/**
 * dW[a,b,ci,co] = sum_{n,oh,ow} xPadded[n, oh*s+a, ow*s+b, ci] * dy[n,oh,ow,co].
 * Five equivalent formulations; which one is fastest depends on the stride and channel counts (see pickStrategy).
 */
export function conv2DBackpropFilterWasm(x: tf.Tensor4D, dy: tf.Tensor4D, attrs: Attrs, force?: Strategy): tf.Tensor4D {
  // `force` (tests, benchmarks) is only honoured where that formulation applies to the shape.
  const c = convInfo(x.shape, attrs.filterShape, attrs);
  const { filterHeight: fh, filterWidth: fw, inChannels: cin, outChannels: cout, strideHeight: sh, strideWidth: sw } = c;
  const k = fh * fw;
  // Padding of x that makes the window grid exactly cover it (negative = rows the conv never reads).
  const top = c.padInfo.top, left = c.padInfo.left;
  const bottom = (c.outHeight - 1) * sh + fh - c.inHeight - top;
  const right = (c.outWidth - 1) * sw + fw - c.inWidth - left;
  // Padding of dy that aligns it with x when dy is the sliding operand (stride 1 only).
  const dyPad = [fh - 1 - top, c.inHeight - c.outHeight + top, fw - 1 - left, c.inWidth - c.outWidth + left];
  const stride1 = sh === 1 && sw === 1;
  const applies: Record<Strategy, boolean> = {
    im2colX: stride1 && cin === 1, // (a strided gather would copy element by element, not row by row)
    im2colDy: stride1 && cout === 1,
    dyAsInput: stride1 && dyPad[0] >= 0 && dyPad[2] >= 0,
    xAsInput: true,
    gatherX: true,
  };
  const strategy = force && applies[force] ? force
    : pickStrategy(x.size, dy.size, c.batchSize * c.outHeight * c.outWidth, k, cin, cout, applies, stride1);
  if (strategy === 'gatherX') return gatheredConvBackpropFilter(x, dy, c);

  return tf.tidy(() => {
    switch (strategy) {
      case 'im2colX': { // cin == 1, stride 1: x shifted by each tap onto dy's grid -> [K, M] x dy [M, Cout] (XNNPACK matmul)
        const rows = shiftedPlanes(x, { gridHeight: c.outHeight, gridWidth: c.outWidth, taps: [fh, fw], rowShift: (a) => a - top, colShift: (b) => b - left });
        return tf.reshape(tf.matMul(rows, tf.reshape(dy, [-1, cout])), [fh, fw, 1, cout]);
      }
      case 'im2colDy': { // cout == 1, stride 1: dy shifted back by each tap onto x's grid -> [K, N*H*W] x x [N*H*W, Cin]
        const rows = shiftedPlanes(dy, { gridHeight: c.inHeight, gridWidth: c.inWidth, taps: [fh, fw], rowShift: (a) => top - a, colShift: (b) => left - b });
        return tf.reshape(tf.matMul(rows, tf.reshape(x, [-1, cin])), [fh, fw, cin, 1]);
      }
      case 'dyAsInput': { // dy^T [Cout,OH,OW,N] slides over x as filter [H,W,N,Cin]; result comes out flipped
        const [pt, pb, pl, pr] = dyPad;
        const dyT = tf.transpose(dy, [3, 1, 2, 0]) as tf.Tensor4D;
        let r = tf.conv2d(dyT, tf.transpose(x, [1, 2, 0, 3]) as tf.Tensor4D, 1,
          [[0, 0], [pt, Math.max(pb, 0)], [pl, Math.max(pr, 0)], [0, 0]]);
        if (pb < 0 || pr < 0) r = tf.slice(r, [0, 0, 0, 0], [-1, fh, fw, -1]); // extra rows = taps a < 0
        return tf.transpose(tf.reverse(r, [1, 2]), [1, 2, 3, 0]);
      }
      default: { // 'xAsInput': x^T [Cin,H,W,N] as input, dy [OH,OW,N,Cout] as filter dilated by the stride
        const xT = tf.transpose(x, [3, 1, 2, 0]) as tf.Tensor4D;
        let r = tf.conv2d(xT, tf.transpose(dy, [1, 2, 0, 3]) as tf.Tensor4D, 1,
          [[0, 0], [top, Math.max(bottom, 0)], [left, Math.max(right, 0)], [0, 0]], 'NHWC', [sh, sw]);
        if (bottom < 0 || right < 0) r = tf.slice(r, [0, 0, 0, 0], [-1, fh, fw, -1]);
        return tf.transpose(r, [1, 2, 0, 3]);
      }
    }
  }) as tf.Tensor4D;
}

/**
 * Rough cost model fitted on this machine with fresh tensors (no XNNPACK weight-cache hits): XNNPACK
 * packs the conv filter / matmul weights on every call (~8 ns/elem incl. tfjs's HWIO->OHWI copy), the
 * other operand needs an element-wise transpose (~2.5 ns/elem), and the kernel tile is 8 output
 * channels wide, so a conv with 1 output channel runs at 1/8 speed. im2col (9x the data) only pays
 * off for single-channel sides, e.g. the grayscale input/output layers of an image autoencoder.
 */
function pickStrategy(xSize: number, dySize: number, m: number, k: number, cin: number, cout: number,
  applies: Record<Strategy, boolean>, stride1: boolean): Strategy {
  if (applies.im2colX && k <= cout) return 'im2colX';
  if (applies.im2colDy && k <= cin) return 'im2colDy';
  const macs = m * k * cin * cout;
  const util = (ch: number) => ch / (8 * Math.ceil(ch / 8));
  const costXAsInput = 8 * dySize + 2.5 * xSize + 0.12 * macs / util(cout);
  const costDyAsInput = 8 * xSize + 2.5 * dySize + 0.12 * macs / util(cin);
  // Gathered windows (~3.5 ns/elem with their transpose), dy packed as matMul weights, then a plain GEMM.
  const costGatherX = 3.5 * m * k * cin + 8 * m * cout + 0.07 * macs / util(cout);
  if (!stride1 && costGatherX < costXAsInput) return 'gatherX';
  return applies.dyAsInput && costDyAsInput < costXAsInput ? 'dyAsInput' : 'xAsInput';
}

/**
 * dX for stride 1 as a plain XNNPACK conv: dy convolved with the filter rotated 180 degrees and
 * in/out channels swapped, padded by (filter - 1 - pad). Strided convs use a matMul and a scatter.
 */
export function conv2DBackpropInputWasm(dy: tf.Tensor4D, filter: tf.Tensor4D, attrs: tf.Conv2DBackpropInputAttrs): tf.TensorInfo | null {
  const c = convInfo(attrs.inputShape, filter.shape, attrs);
  const pads = [c.filterHeight - 1 - c.padInfo.top, c.inHeight - c.outHeight + c.padInfo.top,
    c.filterWidth - 1 - c.padInfo.left, c.inWidth - c.outWidth + c.padInfo.left];
  if (c.strideHeight !== 1 || c.strideWidth !== 1) return stridedConvBackpropInput(dy, filter, c);
  if (pads.some((p) => p < 0)) return null;
  const [pt, pb, pl, pr] = pads;
  return tf.tidy(() => {
    const rotated = tf.transpose(tf.reverse(filter, [0, 1]), [0, 1, 3, 2]) as tf.Tensor4D;
    return tf.conv2d(dy, rotated, 1, [[0, 0], [pt, pb], [pl, pr], [0, 0]]);
  });
}

