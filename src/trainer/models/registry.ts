// Maps `kind` to the module that builds it. One module per kind; a kind added to MODEL_KINDS (and the table in
// protocol/kinds.ts) does not compile until it has a builder here.
import type { ModelKind } from '../../protocol/experiment';
import { buildAae } from './aae';
import { buildBetaVae } from './betaVae';
import { buildContractive } from './contractive';
import { buildConv } from './conv';
import { buildConv1d } from './conv1d';
import { buildConvVae } from './convVae';
import { buildCustom } from './custom';
import { buildCvae } from './cvae';
import { buildDeep } from './deep';
import { buildDenoising } from './denoising';
import { buildLstm } from './lstm';
import { buildIwae } from './iwae';
import { buildSparse } from './sparse';
import type { AutoencoderBuilder } from './types';
import { buildUndercomplete } from './undercomplete';
import { buildVae } from './vae';
import { buildWaeMmd } from './waeMmd';
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
  conv1d: buildConv1d,
  lstm: buildLstm,
  'wae-mmd': buildWaeMmd,
  aae: buildAae,
  cvae: buildCvae,
  iwae: buildIwae,
  'vq-vae': buildVqVae,
};
