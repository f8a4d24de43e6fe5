// The Markdown report of a comparison: runs, summary (best marked), config differences, chart images.
import { formatValue } from '../../shared/format';
import type { CompareRunDto } from '../../shared/compareProtocol';
import { diffConfigs } from './configDiff';
import type { SummaryColumn } from './summaryTable';

/**
 * Text from runs (names, config values, metric names) as inert Markdown: HTML is shown, not rendered (a
 * config value `<img onerror=…>` must stay text wherever the report is viewed), and it cannot break out
 * of its table cell or image link.
 */
const cell = (text: string) =>
  text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([|\\[\]])/g, '\\$1')
    .replace(/[\r\n]+/g, ' ');

export function buildReport(
  runs: CompareRunDto[],
  columns: SummaryColumn[],
  configs: Record<string, [string, string][]>,
  ignore: string[],
  charts: { metric: string; file: string }[],
): string {
  const lines = [
    `# Run comparison`,
    '',
    `${runs.length} runs, exported by Runboard on ${new Date().toISOString()}.`,
    '',
  ];
  lines.push('| Run | Project | Format | Status |', '|---|---|---|---|');
  for (const r of runs) {
    lines.push(`| ${cell(r.label)} | ${cell(r.project)} | ${r.formatLabel} | ${r.status} |`);
  }
  lines.push('', '## Summary', '', 'Last value (best value @ step); **bold** is the best run per metric.', '');
  if (columns.length) {
    lines.push(
      `| Run | ${columns.map((c) => `${cell(c.metric)} (${c.lowerIsBetter ? 'lower' : 'higher'} is better)`).join(' | ')} |`,
    );
    lines.push(`|---|${columns.map(() => '---').join('|')}|`);
    runs.forEach((r, i) => {
      const cells = columns.map((c) => {
        const v = c.cells[i];
        if (v.best === undefined) {
          return '';
        }
        const text = `${formatValue(v.last)} (${formatValue(v.best)} @ ${formatValue(v.bestStep)})`;
        return c.bestRun === i ? `**${text}**` : text;
      });
      lines.push(`| ${cell(r.label)} | ${cells.join(' | ')} |`);
    });
  }
  const diff = diffConfigs(
    runs.map((r) => configs[r.id] ?? []),
    ignore,
    false,
  );
  lines.push('', '## Config differences', '');
  if (diff.length === 0) {
    lines.push('No config key differs.');
  } else {
    lines.push(`| Key | ${runs.map((r) => cell(r.label)).join(' | ')} |`, `|---|${runs.map(() => '---').join('|')}|`);
    for (const row of diff) {
      lines.push(`| ${cell(row.key)} | ${row.values.map((v) => cell(v ?? '—')).join(' | ')} |`);
    }
  }
  if (charts.length) {
    lines.push('', '## Charts', '');
    for (const c of charts) {
      lines.push(`### ${cell(c.metric)}`, '', `![${cell(c.metric)}](${c.file})`, '');
    }
  }
  return lines.join('\n') + '\n';
}
