// What the checkpoint inspector reports. Pure data, JSON-serializable.
import type { RunError } from '../runs/model';

export type CheckpointFormat = 'safetensors' | 'torch-zip' | 'torch-legacy';

export type FrameworkHint = 'ultralytics' | 'lightning' | 'hf';

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

export interface TensorInfo {
  /** Dotted path in the object graph (`state_dict.fc.bias`, `model.model.0.conv.weight`), or the safetensors key. */
  name: string;
  dtype: string;
  shape: number[];
  numel: number;
  /** numel × element size; 0 when the dtype is unknown. */
  sizeBytes: number;
}

/** What the torch container itself says (zip: small entries read; legacy: the preamble pickles). */
export interface TorchContainerInfo {
  /** Zip archive folder (`archive`, `last`, …). */
  prefix?: string;
  /** `version` / `.format_version` entry, or the legacy protocol version. */
  formatVersion?: string;
  byteorder?: string;
  serializationId?: string;
  /** Storages listed (zip `data/*` entries or legacy storage keys); their bytes are never read. */
  storageCount: number;
}

export interface InspectResult {
  path: string;
  format?: CheckpointFormat;
  fileSize: number;
  tensors: TensorInfo[];
  /** Sum of numel over the model's tensors only (see paramScope.ts: no optimizer, RNG, callback or EMA copies). */
  totalParams: number;
  /** Sum of numel over every tensor. */
  totalNumel: number;
  totalBytes: number;
  /** Number of tensors per dtype. */
  dtypeCounts: Record<string, number>;
  /** Top-level non-tensor values (epoch, train_args, hyper_parameters, …), truncated; tensors appear as short strings. */
  tree?: JsonValue;
  /** safetensors `__metadata__`. */
  metadata?: Record<string, string>;
  torch?: TorchContainerInfo;
  frameworks: FrameworkHint[];
  errors: RunError[];
}
