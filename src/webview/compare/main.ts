// Bootstrap of the Compare Runs panel: listen first, restore UI state, then say `ready`.
import {
  defaultCompareViewState,
  type CompareFromWebview,
  type CompareToWebview,
  type CompareViewState,
} from '../../shared/compareProtocol';
import { sayReady } from '../handshake';
import { onHostMessage, vscodeApi } from '../vscodeApi';
import { CompareApp } from './compareApp';

const api = vscodeApi<CompareViewState, CompareFromWebview>();
const root = document.getElementById('app');
if (root) {
  const restored = api.getState();
  const initial = JSON.parse(document.body.dataset.runIds ?? '[]') as string[];
  const state: CompareViewState = { ...defaultCompareViewState(initial), ...restored };
  api.setState(state);
  const app = new CompareApp(root, state, api);
  const handshake = sayReady(() => api.postMessage({ type: 'ready' }));
  onHostMessage<CompareToWebview>((message) => {
    if (message.type === 'snapshot') {
      handshake.answered();
    }
    app.handle(message);
  });
  (window as unknown as { runboardDebug: unknown }).runboardDebug = { compare: () => app.debug() };
}
