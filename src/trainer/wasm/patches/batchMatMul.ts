// Every dense-layer gradient: transposed operands made explicit so XNNPACK runs the product (see matMulOrder.ts).
import { overrideKernel } from '../wasmPatch';
import { reorderedMatMul } from './matMulOrder';

export const batchMatMulPatch = overrideKernel('BatchMatMul', reorderedMatMul('BatchMatMul'));
