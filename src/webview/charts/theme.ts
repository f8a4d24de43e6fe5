// Chart colours from the VS Code theme (only --vscode-* variables), re-read when the theme changes.

export interface ChartTheme {
  foreground: string;
  grid: string;
  line: string;
  raw: string;
  marker: string;
  checkpoint: string;
  bestCheckpoint: string;
  /** Behind text drawn over a chart (the hover label of a checkpoint). */
  background: string;
  font: string;
}

function cssVar(name: string, fallback: string): string {
  const value = getComputedStyle(document.body).getPropertyValue(name).trim();
  return value || fallback;
}

export function readTheme(): ChartTheme {
  const line = cssVar('--vscode-charts-blue', '#3794ff');
  return {
    foreground: cssVar('--vscode-foreground', '#cccccc'),
    grid: cssVar('--vscode-editorWidget-border', 'rgba(128,128,128,0.25)'),
    line,
    raw: withAlpha(line, 0.28),
    marker: cssVar('--vscode-charts-red', '#f14c4c'),
    checkpoint: cssVar('--vscode-charts-purple', '#b180d7'),
    bestCheckpoint: cssVar('--vscode-charts-yellow', '#cca700'),
    background: cssVar('--vscode-editorHoverWidget-background', cssVar('--vscode-editor-background', '#252526')),
    font: cssVar('--vscode-font-family', 'sans-serif'),
  };
}

/** `#rrggbb` or `rgb(...)` with an alpha. */
export function withAlpha(color: string, alpha: number): string {
  const hex = /^#([0-9a-f]{6})([0-9a-f]{2})?$/i.exec(color);
  if (hex) {
    const n = parseInt(hex[1], 16);
    return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
  }
  const rgb = /^rgba?\(([^)]+)\)$/.exec(color);
  if (rgb) {
    const [r, g, b] = rgb[1].split(',').map((s) => s.trim());
    return `rgba(${r}, ${g}, ${b}, ${alpha})`;
  }
  return color;
}

/** Calls back when VS Code switches theme (it changes the body's classes). */
export function onThemeChange(callback: () => void): void {
  new MutationObserver(callback).observe(document.body, { attributes: true, attributeFilter: ['class'] });
}

/**
 * The chart as a PNG on the editor's background: the canvas itself is transparent, and its theme-coloured
 * ticks would be unreadable wherever the PNG is shown on another background (a report on GitHub).
 */
export function pngOnBackground(source: HTMLCanvasElement): string {
  const out = document.createElement('canvas');
  out.width = source.width;
  out.height = source.height;
  const ctx = out.getContext('2d');
  if (!ctx) {
    return source.toDataURL('image/png');
  }
  ctx.fillStyle = cssVar('--vscode-editor-background', '#1e1e1e');
  ctx.fillRect(0, 0, out.width, out.height);
  ctx.drawImage(source, 0, 0);
  return out.toDataURL('image/png');
}
