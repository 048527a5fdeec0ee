// Dense layers' forward products (fused bias and activation): the same reordering as BatchMatMul (see matMulOrder.ts).
import { overrideKernel } from '../wasmPatch';
import { reorderedMatMul } from './matMulOrder';

export const fusedMatMulPatch = overrideKernel('_FusedMatMul', reorderedMatMul('_FusedMatMul'));
