// What every dashboard view gives the tab container.
export interface View {
  readonly element: HTMLElement;
  /** Called when its tab is shown or hidden: views render only while visible. */
  setActive(active: boolean): void;
}
