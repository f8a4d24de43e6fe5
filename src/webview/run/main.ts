// Bootstrap of the run dashboard: listen first, restore UI state, then say `ready` (the handshake).
import {
  defaultRunViewState,
  type RunFromWebview,
  type RunToWebview,
  type RunViewState,
} from '../../shared/runProtocol';
import { vscodeApi } from '../vscodeApi';
import { RunApp } from './runApp';

const READY_RETRY_MS = 2000;

const api = vscodeApi<RunViewState, RunFromWebview>();
const root = document.getElementById('app');
if (root) {
  const restored = api.getState();
  const runId = restored?.runId ?? document.body.dataset.runId ?? '';
  const state: RunViewState = { ...defaultRunViewState(runId), ...restored, runId };
  api.setState(state);
  const app = new RunApp(root, state, api);
  // Say `ready` again until the host answers: a message posted while the workbench is still wiring a
  // new webview up can be lost (seen on a loaded machine), and the dashboard would stay empty.
  let answered = false;
  const ready = () => api.postMessage({ type: 'ready' });
  const retry = setInterval(() => (answered ? clearInterval(retry) : ready()), READY_RETRY_MS);
  window.addEventListener('message', (event: MessageEvent<RunToWebview>) => {
    if (!answered && event.data.type === 'snapshot') {
      answered = true;
      clearInterval(retry);
    }
    app.handle(event.data);
  });
  // A read-only window into chart state for the e2e tests (what is drawn, how many points).
  (window as unknown as { runboardDebug: unknown }).runboardDebug = { charts: () => app.debugCharts() };
  ready();
}
