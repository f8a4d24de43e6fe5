// The one seam to the VS Code webview API: typed messages out, typed state in and out.

export interface WebviewApi<State, Message> {
  postMessage(message: Message): void;
  getState(): State | undefined;
  setState(state: State): void;
}

declare function acquireVsCodeApi<State, Message>(): WebviewApi<State, Message>;

let api: unknown;

/** acquireVsCodeApi may be called once per page: this caches it. */
export function vscodeApi<State, Message>(): WebviewApi<State, Message> {
  api ??= acquireVsCodeApi<State, Message>();
  return api as WebviewApi<State, Message>;
}
