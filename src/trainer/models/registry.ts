// Maps `kind` to the module that builds it. One module per kind.
import type { ModelKind } from '../../protocol/experiment';
import { buildDeep } from './deep';
import type { AutoencoderBuilder } from './types';

export const MODEL_BUILDERS: Partial<Record<ModelKind, AutoencoderBuilder>> = {
  deep: buildDeep,
};
