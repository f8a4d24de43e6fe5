// JSON has no NaN or Infinity: the CLI's contract writes them as the strings "NaN", "Infinity", "-Infinity".

export type JsonNumber = number | 'NaN' | 'Infinity' | '-Infinity';

export function jsonNumber(value: number): JsonNumber {
  if (Number.isNaN(value)) {
    return 'NaN';
  }
  if (value === Infinity) {
    return 'Infinity';
  }
  if (value === -Infinity) {
    return '-Infinity';
  }
  return value;
}
