// Locale-independent string order, so runs on different machines number files and classes the same way.
export function compareCodePoints(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
