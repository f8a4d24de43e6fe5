// Bootstrap of the checkpoint inspector: listen first, restore UI state, then say `ready` (the handshake).
import {
  defaultCheckpointViewState,
  type CheckpointFromWebview,
  type CheckpointToWebview,
  type CheckpointViewState,
} from '../../shared/checkpointProtocol';
import { onHostMessage, vscodeApi } from '../vscodeApi';
import { CheckpointApp } from './checkpointApp';

const api = vscodeApi<CheckpointViewState, CheckpointFromWebview>();
const root = document.getElementById('app');
if (root) {
  const state: CheckpointViewState = { ...defaultCheckpointViewState(), ...api.getState() };
  api.setState(state);
  const app = new CheckpointApp(root, state, api);
  onHostMessage<CheckpointToWebview>((message) => app.handle(message));
  // A read-only window into what the inspector shows, for the e2e tests.
  (window as unknown as { runboardDebug: unknown }).runboardDebug = { checkpoint: () => app.debug() };
  api.postMessage({ type: 'ready' });
}
