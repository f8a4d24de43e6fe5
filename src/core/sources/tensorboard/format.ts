// The TensorBoard event-file source (formats.md §1).
import type { SourceFormat } from '../types';
import { detectTensorboard } from './detect';
import { TensorboardReader } from './reader';

export const tensorboardFormat: SourceFormat = {
  id: 'tensorboard',
  label: 'TensorBoard',
  detect: detectTensorboard,
  createReader: (run, options) => new TensorboardReader(run, options),
};
