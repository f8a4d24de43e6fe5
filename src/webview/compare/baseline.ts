// Baseline mode: another run's values minus (or divided by) the baseline's at matching steps, and the
// first step where a run beats the baseline. Pure functions (unit-tested in Node).

export interface StepValues {
  steps: ArrayLike<number>;
  values: ArrayLike<number>;
  length: number;
}

/**
 * For each step present in both, `run - baseline` (or `run / baseline`). Steps only one side has are
 * skipped; `indexes` says which of the run's points were kept (for their wall times).
 */
export function againstBaseline(
  run: StepValues,
  baseline: StepValues,
  mode: 'difference' | 'ratio',
): { steps: number[]; values: number[]; indexes: number[] } {
  const base = new Map<number, number>();
  for (let i = 0; i < baseline.length; i++) {
    base.set(baseline.steps[i], baseline.values[i]);
  }
  const steps: number[] = [];
  const values: number[] = [];
  const indexes: number[] = [];
  for (let i = 0; i < run.length; i++) {
    const b = base.get(run.steps[i]);
    if (b === undefined) {
      continue;
    }
    const v = run.values[i];
    steps.push(run.steps[i]);
    values.push(mode === 'difference' ? v - b : b === 0 ? NaN : v / b);
    indexes.push(i);
  }
  return { steps, values, indexes };
}

/** The first step (in file order) where the run is better than the baseline at the same step. */
export function firstStepBeating(run: StepValues, baseline: StepValues, lowerIsBetter: boolean): number | undefined {
  const base = new Map<number, number>();
  for (let i = 0; i < baseline.length; i++) {
    base.set(baseline.steps[i], baseline.values[i]);
  }
  for (let i = 0; i < run.length; i++) {
    const b = base.get(run.steps[i]);
    const v = run.values[i];
    if (b === undefined || !Number.isFinite(v) || !Number.isFinite(b)) {
      continue;
    }
    if (lowerIsBetter ? v < b : v > b) {
      return run.steps[i];
    }
  }
  return undefined;
}
