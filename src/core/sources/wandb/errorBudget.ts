// Caps the errors a W&B reader reports, so a file of garbage cannot grow memory without bound.
import type { DeltaBuilder } from '../../runs/deltaBuilder';
import type { RunError } from '../../runs/model';

/** Upper bound of errors one reader reports. */
export const MAX_ERRORS = 200;

/** Counts errors across polls and stops reporting after MAX_ERRORS (saying so once). */
export class ErrorBudget {
  private count = 0;

  report(builder: DeltaBuilder, error: RunError): void {
    this.count++;
    if (this.count < MAX_ERRORS) {
      builder.errors.push(error);
    } else if (this.count === MAX_ERRORS) {
      builder.errors.push({
        code: 'too-many-errors',
        message: `more than ${MAX_ERRORS} problems; later ones are not reported`,
        file: error.file,
      });
    }
  }
}
