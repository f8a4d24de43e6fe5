// Bootstrap of the run dashboard: listen first, restore UI state, then say `ready` (the handshake).
import {
  defaultRunViewState,
  type RunFromWebview,
  type RunToWebview,
  type RunViewState,
} from '../../shared/runProtocol';
import { sayReady } from '../handshake';
import { onHostMessage, vscodeApi } from '../vscodeApi';
import { RunApp } from './runApp';

const api = vscodeApi<RunViewState, RunFromWebview>();
const root = document.getElementById('app');
if (root) {
  const restored = api.getState();
  const runId = restored?.runId ?? document.body.dataset.runId ?? '';
  const state: RunViewState = { ...defaultRunViewState(runId), ...restored, runId };
  api.setState(state);
  const app = new RunApp(root, state, api);
  const handshake = sayReady(() => api.postMessage({ type: 'ready' }));
  onHostMessage<RunToWebview>((message) => {
    if (message.type === 'snapshot') {
      handshake.answered();
    }
    app.handle(message);
  });
  // A read-only window into chart state for the e2e tests (what is drawn, how many points).
  (window as unknown as { runboardDebug: unknown }).runboardDebug = { charts: () => app.debugCharts() };
}
