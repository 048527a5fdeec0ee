// Audio: a few validation clips of an audio run after the last epoch. Per clip, the clean input, the noisy mix the
// model hears (denoising runs) and the model's output rebuilt with the noisy phase: each a spectrogram and a player.
// The trainer sends each track's WAV bytes; they play from blob: URLs, revoked when the clips are replaced.
import type { DashboardData } from '../../../src/protocol/dashboardMessages';
import { emptyNote, h, replaceChildren } from '../shared/dom';
import type { Store } from '../store';
import type { View } from '../app/view';
import { spectrogramCanvas } from './spectrogramCanvas';

type Payload = NonNullable<DashboardData['audioClips']>;
type Clip = Payload['clips'][number];
type Track = Clip['input'];

function emptyText(data: DashboardData): string {
  if (data.run && data.metrics.length > 0) return 'This run\'s data is not audio: the Audio view shows runs on data.format "audio" (a folder of WAV files).';
  return 'Spectrograms and players of a few clips appear after the first epoch of a run on audio (data.format "audio").';
}

const db = (value: number) => `${value.toFixed(1)} dB`;

function summary(payload: Payload): string {
  const mix = payload.mixSnr === null ? 'no noise added' : `white noise mixed at ${db(payload.mixSnr)} SNR`;
  return `Epoch ${payload.epoch} · ${payload.clips.length} clip${payload.clips.length === 1 ? '' : 's'} at ${payload.sampleRate} Hz · ${mix}`;
}

/** The SNR and SI-SNR of a track against the clean input, and for the output its gain over the noisy mix. */
function scores(clip: Clip, role: 'noisy' | 'output'): string {
  if (!clip.snr || !clip.siSnr) return '';
  const text = `SNR ${db(clip.snr[role])} · SI-SNR ${db(clip.siSnr[role])}`;
  if (role === 'noisy') return text;
  const gain = (value: number) => `${value >= 0 ? '+' : ''}${db(value)}`;
  return `${text} (${gain(clip.snr.output - clip.snr.noisy)}, ${gain(clip.siSnr.output - clip.siSnr.noisy)} over the noisy input)`;
}

export function audioView(store: Store): View {
  const info = h('p', { className: 'caption audio-summary' });
  const clipsBox = h('div', { className: 'audio-clips' });
  const empty = emptyNote('');
  const body = h('div', { className: 'audio-body' }, info, clipsBox);
  const element = h('div', { className: 'view audio-view' }, empty, body);
  let urls: string[] = [];
  let shown: Payload | null = null;

  const trackRow = (clip: Clip, label: string, role: 'input' | 'noisy' | 'output', track: Track) => {
    const url = URL.createObjectURL(new Blob([track.wav as Uint8Array<ArrayBuffer>], { type: 'audio/wav' }));
    urls.push(url);
    const player = h('audio', { className: 'audio-player', attrs: { controls: '', preload: 'auto', src: url } });
    const score = role === 'input' ? '' : scores(clip, role);
    return h(
      'div',
      { className: 'audio-track', attrs: { 'data-role': role } },
      h('div', { className: 'audio-track-label' }, h('strong', { text: label }), score && h('span', { className: 'caption audio-score', text: score })),
      spectrogramCanvas(track.spectrogram, clip.bins, clip.frames, label),
      player,
    );
  };

  const render = () => {
    const payload = store.data.audioClips;
    empty.textContent = emptyText(store.data);
    empty.hidden = !!payload;
    body.hidden = !payload;
    if (payload === shown) return;
    shown = payload;
    urls.forEach((url) => URL.revokeObjectURL(url));
    urls = [];
    if (!payload) return replaceChildren(clipsBox);
    info.textContent = summary(payload);
    replaceChildren(
      clipsBox,
      ...payload.clips.map((clip) =>
        h(
          'section',
          { className: 'section audio-clip' },
          h('h3', { className: 'section-title', text: clip.name }),
          h('p', { className: 'caption', text: `${clip.startSeconds.toFixed(2)} s – ${(clip.startSeconds + clip.seconds).toFixed(2)} s` }),
          trackRow(clip, 'Input', 'input', clip.input),
          clip.noisy && trackRow(clip, 'Noisy input', 'noisy', clip.noisy),
          trackRow(clip, 'Output', 'output', clip.output),
        ),
      ),
    );
  };
  // Rendered on arrival, not lazily: the players must exist (and load) even before the tab is first shown.
  store.on(['audioClips', 'run', 'metrics'], render);
  render();
  return { element, setActive: () => {} };
}
