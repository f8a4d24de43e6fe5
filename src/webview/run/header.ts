// The dashboard header: run name, project, format, status (pulsing while live), times, step, ETA.
import { durationText } from '../../shared/format';
import type { RunHeaderDto } from '../../shared/runProtocol';
import { clear, el } from '../dom';
import { durationSeconds, etaSeconds } from './eta';

export function renderHeader(root: HTMLElement, h: RunHeaderDto): void {
  clear(root);
  const now = Date.now() / 1000;
  const facts: [string, string][] = [
    ['Project', h.project],
    ['Format', h.formatLabel],
  ];
  if (h.startTime) {
    facts.push(['Started', new Date(h.startTime * 1000).toLocaleString()]);
  }
  const duration = durationSeconds(h, now);
  if (duration !== undefined) {
    facts.push(['Duration', durationText(duration)]);
  }
  if (h.currentStep !== undefined) {
    facts.push(['Step', h.totalSteps ? `${h.currentStep} / ${h.totalSteps}` : String(h.currentStep)]);
  }
  if (h.currentEpoch !== undefined && h.totalEpochs) {
    facts.push(['Epoch', `${h.currentEpoch} / ${h.totalEpochs}`]);
  }
  const eta = etaSeconds(h, now);
  if (eta !== undefined) {
    facts.push(['ETA', durationText(eta)]);
  }
  root.append(
    el(
      'div',
      { class: 'title-row' },
      el('h1', { text: h.name, title: h.dir }),
      el('span', {
        class: `status status-${h.status}`,
        text: h.status === 'running' ? 'live' : h.status,
        attrs: { role: 'status' },
      }),
    ),
    el('dl', { class: 'facts' }, ...facts.flatMap(([k, v]) => [el('dt', { text: k }), el('dd', { text: v })])),
  );
  if (h.errors.length > 0) {
    root.append(
      el(
        'div',
        { class: 'errors', attrs: { role: 'alert' } },
        ...h.errors.map((e) => el('div', { class: 'error', text: `${e.code}: ${e.message}`, title: e.file ?? '' })),
      ),
    );
  }
}
