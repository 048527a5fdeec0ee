// A row of nearest-neighbour cards (Try it and the latent view): thumbnail, label, source and distance. Labels and
// source names come from the user's files, so they only ever go in as text.
import { h } from './dom';
import { formatLoss } from './format';

export interface NeighborCard {
  picture: HTMLElement | undefined;
  label: string | null | undefined;
  source: string;
  distance: number;
  /** Sample index, for tests and tooltips. */
  index: number;
}

export function neighborCards(cards: NeighborCard[]): HTMLElement {
  return h(
    'ol',
    { className: 'neighbor-list' },
    ...cards.map((card, rank) => {
      const item = h(
        'li',
        { className: 'neighbor-card', title: card.source },
        card.picture,
        h('div', { className: 'neighbor-label', text: `${rank + 1}. ${card.label ?? 'no label'}` }),
        h('div', { className: 'neighbor-source', text: card.source }),
        h('div', { className: 'neighbor-distance', text: `distance ${formatLoss(card.distance)}` }),
      );
      item.dataset.index = String(card.index);
      return item;
    }),
  );
}
