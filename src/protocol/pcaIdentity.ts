// When the code has at least as many values as a sample (e.g. vq-vae's 7×7×16 = 784 z_e values for 784 pixels), PCA
// with that many components is the identity: it reconstructs exactly (MSE 0, PSNR Infinity) and scores every sample 0,
// so its numbers say nothing about the autoencoder. The evaluation texts name that instead of printing them.
import type { ReconstructionMetrics } from './evaluation';

export const PCA_IDENTITY_TEXT = 'PCA: identity at this code size';

/** The identity baseline is the only PCA that reconstructs exactly; a fitted one always leaves some error. */
export function isPcaIdentity(pca: ReconstructionMetrics | null): boolean {
  return pca !== null && pca.mse === 0;
}
