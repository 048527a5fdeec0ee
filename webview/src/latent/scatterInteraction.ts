// Pointer handling on the scatter: wheel zooms at the cursor, drag pans, a click (no drag) picks a point,
// double-click refits. Hover lookups are coalesced to one per animation frame.
export interface ScatterHandlers {
  onPan(dx: number, dy: number): void;
  onZoom(x: number, y: number, factor: number): void;
  onHover(x: number, y: number): void;
  onLeave(): void;
  onClick(x: number, y: number): void;
  onReset(): void;
}

export function attachScatterInteraction(target: HTMLElement, handlers: ScatterHandlers): void {
  let drag: { x: number; y: number; moved: boolean; id: number } | undefined;
  let hoverFrame = 0;
  let hoverAt: [number, number] = [0, 0];
  const local = (event: MouseEvent): [number, number] => {
    const box = target.getBoundingClientRect();
    return [event.clientX - box.left, event.clientY - box.top];
  };
  target.addEventListener('wheel', (event) => {
    event.preventDefault();
    handlers.onZoom(...local(event), Math.exp(-event.deltaY * 0.0015));
  }, { passive: false });
  target.addEventListener('pointerdown', (event) => {
    if (event.button !== 0) return;
    drag = { x: event.clientX, y: event.clientY, moved: false, id: event.pointerId };
    target.setPointerCapture(event.pointerId);
  });
  target.addEventListener('pointermove', (event) => {
    if (drag && event.pointerId === drag.id) {
      const [dx, dy] = [event.clientX - drag.x, event.clientY - drag.y];
      if (drag.moved || Math.hypot(dx, dy) > 4) {
        drag.moved = true;
        Object.assign(drag, { x: event.clientX, y: event.clientY });
        handlers.onPan(dx, dy);
        return;
      }
    }
    hoverAt = local(event);
    hoverFrame ||= requestAnimationFrame(() => {
      hoverFrame = 0;
      handlers.onHover(...hoverAt);
    });
  });
  target.addEventListener('pointerup', (event) => {
    if (drag && !drag.moved) handlers.onClick(...local(event));
    drag = undefined;
  });
  target.addEventListener('pointerleave', () => drag || handlers.onLeave());
  target.addEventListener('dblclick', () => handlers.onReset());
}
