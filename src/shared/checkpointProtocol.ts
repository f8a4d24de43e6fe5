// The checkpoint inspector's message protocol: one union per direction. The host inspects the file (never
// its tensor bytes) and sends one snapshot; the webview only displays it and asks for actions.

/** A JSON value as the core's summary tree holds it (tensors appear as short strings). */
export type CheckpointJson = null | boolean | number | string | CheckpointJson[] | { [key: string]: CheckpointJson };

/** One tensor row. */
export interface TensorDto {
  name: string;
  dtype: string;
  shape: number[];
  numel: number;
  sizeBytes: number;
}

/** The run whose folder holds the checkpoint. */
export interface CheckpointRunDto {
  id: string;
  name: string;
  project: string;
}

/** Everything the inspector shows about one checkpoint file or folder. */
export interface CheckpointSnapshotDto {
  path: string;
  /** File or folder name, for the title. */
  name: string;
  isDirectory: boolean;
  /** 'safetensors' | 'torch-zip' | 'torch-legacy', absent when unreadable. */
  format?: string;
  /** Human label of the format ("PyTorch zip (torch.save)"). */
  formatLabel: string;
  fileSize: number;
  /** Model parameters only (no optimizer, EMA, callback copies). */
  totalParams: number;
  totalNumel: number;
  totalBytes: number;
  tensorCount: number;
  dtypeCounts: Record<string, number>;
  frameworks: string[];
  /** Step / epoch / label from the name or the top-level keys. */
  epoch?: number;
  step?: number;
  label?: string;
  /** Top-level non-tensor values (epoch, train_args, hyper_parameters…). */
  tree?: CheckpointJson;
  /** safetensors `__metadata__`. */
  metadata?: Record<string, string>;
  /** Torch container facts as [label, value] rows. */
  container: [string, string][];
  /** For folders: the weights files read. */
  weightsFiles: string[];
  tensors: TensorDto[];
  run?: CheckpointRunDto;
  errors: { code: string; message: string; file?: string }[];
}

//#region host → webview
export type CheckpointToWebview =
  /** The whole inspection, after `ready` and after the file changed on disk. */
  | { type: 'snapshot'; snapshot: CheckpointSnapshotDto }
  /** The file is being (re)read; shown while a large or changed file is inspected. */
  | { type: 'loading'; path: string }
  /** The run the checkpoint belongs to was found (after a scan) or is gone. */
  | { type: 'run'; run?: CheckpointRunDto }
  /** The load snippet was written to the clipboard. */
  | { type: 'snippetCopied'; snippet: string };
//#endregion

//#region webview → host
export type CheckpointFromWebview =
  /** The webview listens now: send the snapshot. */
  | { type: 'ready' }
  /** Write a Python snippet that loads this checkpoint to the clipboard. */
  | { type: 'copySnippet' }
  /** Open the dashboard of the run the checkpoint belongs to. */
  | { type: 'openRun' }
  /** Show the checkpoint file in the Explorer. */
  | { type: 'reveal' };
//#endregion

/** `order` is the order in the file. */
export type TensorSortKey = 'order' | 'name' | 'dtype' | 'shape' | 'numel' | 'sizeBytes';

/** Persisted webview UI state (getState/setState). Never checkpoint data. */
export interface CheckpointViewState {
  filter: string;
  sortKey: TensorSortKey;
  descending: boolean;
  /** Paths of the opened nodes of the key tree. */
  expanded: string[];
}

export function defaultCheckpointViewState(): CheckpointViewState {
  return { filter: '', sortKey: 'order', descending: false, expanded: [] };
}
