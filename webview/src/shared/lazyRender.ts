// Renders a view at most once per frame, and only while its tab is visible: hidden tabs just remember they are stale.
export class LazyRender {
  private dirty = true;
  private active = false;
  private frame = 0;

  constructor(private readonly render: () => void) {}

  invalidate(): void {
    this.dirty = true;
    this.schedule();
  }

  setActive(active: boolean): void {
    this.active = active;
    this.schedule();
  }

  private schedule(): void {
    if (!this.active || !this.dirty || this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      if (!this.active || !this.dirty) return;
      this.dirty = false;
      this.render();
    });
  }
}
