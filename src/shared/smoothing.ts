// TensorBoard's smoothing: a debiased exponential moving average (no start-up bias toward 0), computed
// over finite values only; NaN/±Inf points stay as they are and do not poison the average.
// Same on both sides: the webview draws it, the host's tests check it.

export function smoothEma(
  values: ArrayLike<number>,
  weight: number,
  out = new Float64Array(values.length),
): Float64Array {
  if (weight <= 0 || isConstant(values)) {
    // Like TensorBoard: a constant series is left as it is (smoothing would only add rounding noise).
    for (let i = 0; i < values.length; i++) {
      out[i] = values[i];
    }
    return out;
  }
  let last = 0;
  let debias = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) {
      out[i] = v;
      continue;
    }
    last = last * weight + (1 - weight) * v;
    debias = debias * weight + (1 - weight);
    out[i] = last / debias;
  }
  return out;
}

function isConstant(values: ArrayLike<number>): boolean {
  let first = NaN;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) {
      continue;
    }
    if (Number.isNaN(first)) {
      first = v;
    } else if (v !== first) {
      return false;
    }
  }
  return true;
}
