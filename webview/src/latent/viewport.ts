// Maps latent (world) coordinates to canvas pixels; y grows upwards in the world, downwards on screen.
// A true 2-D code keeps its aspect ratio; projections (PCA, UMAP) are stretched to use the whole canvas.
export class Viewport {
  scaleX = 1;
  scaleY = 1;
  offsetX = 0;
  offsetY = 0;

  /** Fits the points' bounding box into width x height with a margin. */
  fit(points: Float32Array, count: number, width: number, height: number, keepAspect: boolean, margin = 24): void {
    let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
    for (let i = 0; i < count; i++) {
      const [x, y] = [points[2 * i], points[2 * i + 1]];
      if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
      [minX, maxX, minY, maxY] = [Math.min(minX, x), Math.max(maxX, x), Math.min(minY, y), Math.max(maxY, y)];
    }
    if (!Number.isFinite(minX)) [minX, maxX, minY, maxY] = [-1, 1, -1, 1];
    this.scaleX = Math.max(1, width - 2 * margin) / Math.max(maxX - minX, 1e-9);
    this.scaleY = Math.max(1, height - 2 * margin) / Math.max(maxY - minY, 1e-9);
    if (keepAspect) this.scaleX = this.scaleY = Math.min(this.scaleX, this.scaleY);
    this.offsetX = width / 2 - ((minX + maxX) / 2) * this.scaleX;
    this.offsetY = height / 2 + ((minY + maxY) / 2) * this.scaleY;
  }

  toScreenX(x: number): number {
    return x * this.scaleX + this.offsetX;
  }

  toScreenY(y: number): number {
    return this.offsetY - y * this.scaleY;
  }

  toWorld(sx: number, sy: number): [number, number] {
    return [(sx - this.offsetX) / this.scaleX, (this.offsetY - sy) / this.scaleY];
  }

  /** Zooms by `factor` keeping the world point under (sx, sy) fixed. */
  zoomAt(sx: number, sy: number, factor: number): void {
    this.offsetX = sx - (sx - this.offsetX) * factor;
    this.offsetY = sy - (sy - this.offsetY) * factor;
    this.scaleX *= factor;
    this.scaleY *= factor;
  }

  pan(dx: number, dy: number): void {
    this.offsetX += dx;
    this.offsetY += dy;
  }
}
