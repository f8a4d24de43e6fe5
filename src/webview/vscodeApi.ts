// The one seam to the VS Code webview API: typed messages out, typed state in and out.
import { fromWire, toWire } from '../shared/wireNumbers';

export interface WebviewApi<State, Message> {
  postMessage(message: Message): void;
  getState(): State | undefined;
  setState(state: State): void;
}

declare function acquireVsCodeApi<State, Message>(): WebviewApi<State, Message>;

let api: unknown;

/**
 * acquireVsCodeApi may be called once per page: this caches it. Messages out go through toWire (VS
 * Code's JSON would turn NaN/±Infinity into null); onHostMessage undoes it for messages in.
 */
export function vscodeApi<State, Message>(): WebviewApi<State, Message> {
  if (!api) {
    const raw = acquireVsCodeApi<State, Message>();
    api = {
      postMessage: (message: Message) => raw.postMessage(toWire(message)),
      getState: () => raw.getState(),
      setState: (state: State) => raw.setState(state),
    } satisfies WebviewApi<State, Message>;
  }
  return api as WebviewApi<State, Message>;
}

/** Calls `handler` with each message from the extension, non-finite numbers restored. */
export function onHostMessage<Message>(handler: (message: Message) => void): void {
  window.addEventListener('message', (event: MessageEvent<Message>) => handler(fromWire(event.data)));
}
