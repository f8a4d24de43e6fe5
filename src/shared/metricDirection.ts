// Which way is better for a metric, judged by its name: lower for losses, errors, perplexity, times;
// higher for everything else (accuracy, mAP, F1, reward…).

export function lowerIsBetter(name: string): boolean {
  return /loss|err|error|perplexity|ppl|mse|mae|rmse|wer|cer|distance|time|runtime|latency/i.test(name);
}
