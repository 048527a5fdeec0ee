// Tiny DOM builders. Styles go through classes or CSSOM (never style attributes), which the CSP allows.
type Child = Node | string | null | undefined | false;

export interface Props {
  className?: string;
  text?: string;
  title?: string;
  attrs?: Record<string, string>;
}

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, props: Props = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  if (props.className) element.className = props.className;
  if (props.text !== undefined) element.textContent = props.text;
  if (props.title) element.title = props.title;
  for (const [name, value] of Object.entries(props.attrs ?? {})) element.setAttribute(name, value);
  element.append(...children.filter((c): c is Node | string => !!c));
  return element;
}

export function replaceChildren(parent: Element, ...children: Child[]): void {
  parent.replaceChildren(...children.filter((c): c is Node | string => !!c));
}

export function button(label: string, icon: string, onClick: () => void, secondary = false): HTMLElementTagNameMap['vscode-button'] {
  const element = h('vscode-button', { text: label });
  element.icon = icon;
  element.secondary = secondary;
  element.addEventListener('click', onClick);
  return element;
}

/** A titled block inside a view. */
export function section(title: string, ...children: Child[]): HTMLElement {
  return h('section', { className: 'section' }, h('h3', { className: 'section-title', text: title }), ...children);
}

export function emptyNote(text: string): HTMLElement {
  return h('p', { className: 'empty-note', text });
}
