// Which way is better for a metric, judged by the words of its name: lower for losses, errors,
// perplexity, distances, times; higher for everything else (accuracy, mAP, F1, reward…). Words, not
// substrings: `val_sentiment_acc` holds "time" and `answer_acc` holds "wer", and both are accuracies.

const LOWER_WORDS = new Set([
  'err',
  'perplexity',
  'ppl',
  'mse',
  'mae',
  'rmse',
  'wer',
  'cer',
  'distance',
  'dist',
  'time',
  'runtime',
  'latency',
]);

export function lowerIsBetter(name: string): boolean {
  return name
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .some(
      (word) => LOWER_WORDS.has(word) || word.endsWith('loss') || word.endsWith('error') || word.endsWith('errors'),
    );
}
