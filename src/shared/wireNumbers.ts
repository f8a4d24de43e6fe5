// VS Code carries webview messages as JSON text (typed arrays apart, which it moves as buffers): NaN and
// ±Infinity anywhere else would arrive as null. Both ends of every panel pass their messages through
// these two, so a non-finite number travels as {$nonFinite: 'NaN' | 'Infinity' | '-Infinity'}. Objects
// are copied only along the paths that hold one; typed arrays are never walked. An object from the data
// that happens to look like a tag (a pickled dict {'$nonFinite': nan}) travels wrapped as
// {$wireLiteral: …}, so it arrives as itself.

const TAG = '$nonFinite';
const LITERAL = '$wireLiteral';

interface NonFinite {
  [TAG]: string;
}

/** The message with each NaN/±Infinity (outside typed arrays) replaced by a JSON-safe tag. */
export function toWire<T>(message: T): T {
  return encode(message) as T;
}

/** The message with each tag put back as its number (the inverse of toWire). */
export function fromWire<T>(message: T): T {
  return decode(message) as T;
}

function encode(value: unknown): unknown {
  if (typeof value === 'number') {
    return Number.isFinite(value) ? value : ({ [TAG]: String(value) } satisfies NonFinite);
  }
  const mapped = mapChildren(value, encode);
  return isTag(mapped) || isLiteral(mapped) ? { [LITERAL]: mapped } : mapped;
}

function decode(value: unknown): unknown {
  if (isTag(value)) {
    return Number(value[TAG]);
  }
  if (isLiteral(value)) {
    return mapChildren(value[LITERAL], decode);
  }
  return mapChildren(value, decode);
}

function isLiteral(value: unknown): value is { [LITERAL]: unknown } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return false;
  }
  const keys = definedKeys(value);
  return keys.length === 1 && keys[0] === LITERAL;
}

/** Keys JSON keeps (a key set to undefined is dropped on the way). */
function definedKeys(value: object): string[] {
  return Object.keys(value).filter((k) => (value as Record<string, unknown>)[k] !== undefined);
}

const NAMES = new Set(['NaN', 'Infinity', '-Infinity']);

function isTag(value: unknown): value is NonFinite {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return false;
  }
  const keys = definedKeys(value);
  return keys.length === 1 && keys[0] === TAG && NAMES.has((value as NonFinite)[TAG]);
}

/** Applies `map` to each child of an array or plain object; the same object back when nothing changed. */
function mapChildren(value: unknown, map: (child: unknown) => unknown): unknown {
  if (typeof value !== 'object' || value === null || ArrayBuffer.isView(value) || value instanceof ArrayBuffer) {
    return value;
  }
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const child = map(value[i]);
      if (child !== value[i]) {
        copy ??= value.slice();
        copy[i] = child;
      }
    }
    return copy ?? value;
  }
  let copy: Record<string, unknown> | undefined;
  for (const [key, child] of Object.entries(value)) {
    const mapped = map(child);
    if (mapped !== child) {
      copy ??= { ...(value as Record<string, unknown>) };
      copy[key] = mapped;
    }
  }
  return copy ?? value;
}
