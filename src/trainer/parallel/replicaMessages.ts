// Messages between the main trainer thread and a replica worker (bulk data goes through ReplicaChannel).
import type { Experiment } from '../../protocol/experiment';
import type { EpochSettings } from '../loop/trainingAids';
import type { ChannelBuffers } from './replicaChannel';

export interface ReplicaWorkerData {
  replica: number;
  experiment: Experiment;
  sampleShape: number[];
  buffers: ChannelBuffers;
  /** Shapes of the trainable variables, in exchange order, as the main thread sees them. */
  variableShapes: number[][];
}

export interface NamedValues {
  name: string;
  shape: number[];
  values: Float32Array;
}

export type MainToReplica =
  | { type: 'sync'; model: NamedValues[]; optimizer: NamedValues[]; settings?: EpochSettings }
  | { type: 'step'; step: number; rows: number[]; noiseSeed: number }
  | { type: 'exit' };

export type ReplicaToMain =
  | { type: 'ready' }
  | { type: 'synced' }
  | { type: 'failed'; message: string };
