// A uniform grid over the 2-D points (world coordinates) so hover finds the nearest point by looking at a few
// cells instead of all 10,000 points.
export class SpatialGrid {
  private readonly cellStart: Int32Array;
  private readonly cellPoints: Int32Array;
  private readonly minX: number;
  private readonly minY: number;
  private readonly cell: number;
  private readonly columns: number;
  private readonly rows: number;

  constructor(private readonly points: Float32Array, count: number, cellsPerSide = 64) {
    let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
    for (let i = 0; i < count; i++) {
      minX = Math.min(minX, points[2 * i]);
      maxX = Math.max(maxX, points[2 * i]);
      minY = Math.min(minY, points[2 * i + 1]);
      maxY = Math.max(maxY, points[2 * i + 1]);
    }
    this.minX = Number.isFinite(minX) ? minX : 0;
    this.minY = Number.isFinite(minY) ? minY : 0;
    this.cell = Math.max(maxX - minX, maxY - minY, 1e-9) / cellsPerSide;
    this.columns = Math.floor((maxX - this.minX) / this.cell) + 1 || 1;
    this.rows = Math.floor((maxY - this.minY) / this.cell) + 1 || 1;
    // Counting sort of point indices by cell: two flat arrays, no per-cell allocations.
    const cellOf = new Int32Array(count);
    this.cellStart = new Int32Array(this.columns * this.rows + 1);
    for (let i = 0; i < count; i++) {
      cellOf[i] = this.cellIndex(points[2 * i], points[2 * i + 1]);
      this.cellStart[cellOf[i] + 1]++;
    }
    for (let c = 1; c < this.cellStart.length; c++) this.cellStart[c] += this.cellStart[c - 1];
    const fill = this.cellStart.slice(0, -1);
    this.cellPoints = new Int32Array(count);
    for (let i = 0; i < count; i++) this.cellPoints[fill[cellOf[i]]++] = i;
  }

  /**
   * The closest point inside the ellipse of radii (rx, ry) around (x, y) that passes `accept`, or -1. An ellipse in
   * world units is a circle on screen when the axes are scaled differently.
   */
  nearest(x: number, y: number, rx: number, ry: number, accept: (index: number) => boolean = () => true): number {
    const [c0, c1] = [this.column(x - rx), this.column(x + rx)];
    const [r0, r1] = [this.row(y - ry), this.row(y + ry)];
    let best = -1;
    let bestDistance = 1;
    for (let r = r0; r <= r1; r++) {
      for (let c = c0; c <= c1; c++) {
        const cell = r * this.columns + c;
        for (let k = this.cellStart[cell]; k < this.cellStart[cell + 1]; k++) {
          const i = this.cellPoints[k];
          const d = ((this.points[2 * i] - x) / rx) ** 2 + ((this.points[2 * i + 1] - y) / ry) ** 2;
          if (d <= bestDistance && accept(i)) [best, bestDistance] = [i, d];
        }
      }
    }
    return best;
  }

  private column(x: number): number {
    return Math.min(this.columns - 1, Math.max(0, Math.floor((x - this.minX) / this.cell)));
  }

  private row(y: number): number {
    return Math.min(this.rows - 1, Math.max(0, Math.floor((y - this.minY) / this.cell)));
  }

  private cellIndex(x: number, y: number): number {
    return this.row(y) * this.columns + this.column(x);
  }
}
