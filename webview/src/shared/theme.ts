// Colours from the VS Code theme (CSS variables the webview receives), with fallbacks for the test harness.
const CHART_VARS: [string, string][] = [
  ['--vscode-charts-blue', '#3794ff'],
  ['--vscode-charts-orange', '#d18616'],
  ['--vscode-charts-green', '#89d185'],
  ['--vscode-charts-purple', '#b180d7'],
  ['--vscode-charts-red', '#f14c4c'],
  ['--vscode-charts-yellow', '#cca700'],
];

/** Ten label colours that stay apart on light and dark backgrounds (a Tableau-10-like set). */
const LABEL_COLORS = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac'];

export function cssVar(name: string, fallback: string): string {
  return getComputedStyle(document.body).getPropertyValue(name).trim() || fallback;
}

export function seriesColor(index: number): string {
  const [name, fallback] = CHART_VARS[index % CHART_VARS.length];
  return cssVar(name, fallback);
}

export function labelColor(label: number): string {
  return LABEL_COLORS[((label % LABEL_COLORS.length) + LABEL_COLORS.length) % LABEL_COLORS.length];
}

export function foreground(): string {
  return cssVar('--vscode-foreground', '#cccccc');
}

export function mutedForeground(): string {
  return cssVar('--vscode-descriptionForeground', '#9d9d9d');
}

export function gridColor(): string {
  return cssVar('--vscode-editorWidget-border', 'rgba(128,128,128,0.35)');
}

/** Highlights that must stand out from every label colour (e.g. a point's nearest neighbours). */
export function focusColor(): string {
  return cssVar('--vscode-focusBorder', '#007fd4');
}
