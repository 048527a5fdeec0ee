// Maps `kind` to the module that builds it. One module per kind; a kind added to MODEL_KINDS (and the table in
// protocol/kinds.ts) does not compile until it has a builder here.
import type { ModelKind } from '../../protocol/experiment';
import { buildBetaVae } from './betaVae';
import { buildContractive } from './contractive';
import { buildConv } from './conv';
import { buildConvVae } from './convVae';
import { buildCustom } from './custom';
import { buildDeep } from './deep';
import { buildDenoising } from './denoising';
import { buildSparse } from './sparse';
import type { AutoencoderBuilder } from './types';
import { buildUndercomplete } from './undercomplete';
import { buildVae } from './vae';
import { buildVqVae } from './vqVae';

export const MODEL_BUILDERS: Record<ModelKind, AutoencoderBuilder> = {
  undercomplete: buildUndercomplete,
  deep: buildDeep,
  conv: buildConv,
  denoising: buildDenoising,
  sparse: buildSparse,
  contractive: buildContractive,
  vae: buildVae,
  'conv-vae': buildConvVae,
  'beta-vae': buildBetaVae,
  custom: buildCustom,
  'vq-vae': buildVqVae,
};
