// What the Compare panel exports: the summary as CSV and the Markdown report with chart PNGs, both
// labelled with the runs' unique labels (never two rows called `version_0`).
import type { CompareFromWebview, CompareRunDto } from '../../shared/compareProtocol';
import { buildReport } from './report';
import type { SummaryColumn } from './summaryTable';
import { summaryCsv } from './summaryTable';

export function summaryCsvMessage(columns: SummaryColumn[], runs: readonly CompareRunDto[]): CompareFromWebview {
  return {
    type: 'exportSummaryCsv',
    csv: summaryCsv(
      columns,
      runs.map((r) => r.label),
    ),
  };
}

export function reportMessage(
  runs: CompareRunDto[],
  columns: SummaryColumn[],
  configs: Record<string, [string, string][]>,
  ignoreKeys: string[],
  charts: { metric: string; dataUrl: string }[],
): CompareFromWebview {
  const images = charts.map(({ metric, dataUrl }, i) => ({ metric, file: `chart-${i + 1}.png`, dataUrl }));
  const markdown = buildReport(runs, columns, configs, ignoreKeys, images);
  return {
    type: 'exportReport',
    markdown,
    charts: images.map(({ file, dataUrl }) => ({ file, dataUrl })),
  };
}
