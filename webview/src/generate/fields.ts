// Small labelled inputs for the Generate controls.
import { h } from '../shared/dom';

export function numberField(label: string, value: number, onChange: () => void): { element: HTMLElement; input: HTMLElementTagNameMap['vscode-textfield'] } {
  const input = h('vscode-textfield', { className: 'number-field', attrs: { type: 'number', 'aria-label': label } });
  input.value = String(value);
  input.addEventListener('change', onChange);
  return { element: h('label', { className: 'field' }, h('span', { text: label }), input), input };
}

export function readNumber(input: { value: string }, fallback: number): number {
  const value = Number(input.value);
  return input.value.trim() !== '' && Number.isFinite(value) ? value : fallback;
}
