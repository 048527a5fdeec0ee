// How the extension starts every trainer process (train, embed, decode): the bundled script, in an environment that
// points it at tfjs-node once Install Native Backend has put it in the extension's storage.
import type { TrainerProcessOptions } from '../../host/trainerProcess';
import { trainerEnvironment } from '../nativeBackend/nativeBackendFolder';

/** Read at each start, so a tfjs-node installed meanwhile is picked up. */
export type TrainerLaunch = () => Pick<TrainerProcessOptions, 'trainerScript' | 'env'>;

export function trainerLaunch(trainerScript: string, nativeBackendDir: string): TrainerLaunch {
  return () => ({ trainerScript, env: trainerEnvironment(nativeBackendDir) });
}
