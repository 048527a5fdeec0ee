// The view payloads: trainer messages that carry a dashboard view's data. One row per message type says which
// DashboardData key holds it and which file in the run folder's views/ keeps its latest copy; the dashboard data type, the host's
// model, the run-history reader, the trainer's snapshot writer and the webview's store are all derived from it.
// Type-only imports: the webview bundles this file.
import type { TrainerMessageOf, TrainerToHost } from './trainerMessages';

interface ViewPayloadFacts {
  /** The DashboardData key the payload (the message without `type`) replaces. Empty value: null. */
  dashboardKey: string;
  /** The file in the run folder's views/ where the trainer keeps the latest message of this type. */
  snapshotFile: string;
}

export const VIEW_PAYLOADS = {
  validationSamples: { dashboardKey: 'samples', snapshotFile: 'validationSamples.json' },
  reconstructions: { dashboardKey: 'reconstructions', snapshotFile: 'reconstructions.json' },
  reconstructionHistory: { dashboardKey: 'reconstructionHistory', snapshotFile: 'reconstructionHistory.json' },
  latent: { dashboardKey: 'latent', snapshotFile: 'latent.json' },
  errors: { dashboardKey: 'errors', snapshotFile: 'errors.json' },
  generated: { dashboardKey: 'generated', snapshotFile: 'generated.json' },
  series: { dashboardKey: 'series', snapshotFile: 'series.json' },
  codebook: { dashboardKey: 'codebook', snapshotFile: 'codebook.json' },
  audioClips: { dashboardKey: 'audioClips', snapshotFile: 'audioClips.json' },
} as const satisfies { [T in TrainerToHost['type']]?: ViewPayloadFacts };

export type ViewMessageType = keyof typeof VIEW_PAYLOADS;
export type ViewMessage = TrainerMessageOf<ViewMessageType>;
export type ViewPayload<T extends ViewMessageType> = Omit<TrainerMessageOf<T>, 'type'>;
export type ViewDataKey = (typeof VIEW_PAYLOADS)[ViewMessageType]['dashboardKey'];

/** The view part of DashboardData: one key per row, holding the payload or null before the first message. */
export type ViewData = { [T in ViewMessageType as (typeof VIEW_PAYLOADS)[T]['dashboardKey']]: ViewPayload<T> | null };

export const VIEW_MESSAGE_TYPES = Object.keys(VIEW_PAYLOADS) as ViewMessageType[];
export const VIEW_DATA_KEYS: ViewDataKey[] = VIEW_MESSAGE_TYPES.map((type) => VIEW_PAYLOADS[type].dashboardKey);

export function isViewMessage(message: TrainerToHost): message is ViewMessage {
  return message.type in VIEW_PAYLOADS;
}

/** Every view key set to its empty value. */
export function emptyViewData(): ViewData {
  return Object.fromEntries(VIEW_DATA_KEYS.map((key) => [key, null])) as ViewData;
}

/** The DashboardData entry a view message sets: its key, and the message without `type`. */
export function viewEntry(message: ViewMessage): Partial<ViewData> {
  const { type, ...payload } = message;
  return { [VIEW_PAYLOADS[type].dashboardKey]: payload } as Partial<ViewData>;
}
