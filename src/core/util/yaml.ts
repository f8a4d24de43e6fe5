// YAML as written by Python tools (Lightning hparams.yaml, Ultralytics args.yaml, W&B config.yaml).
// Python tags (`!!python/object:…`, `!!python/tuple`, `!!python/name:…`) are read as plain data, and
// nothing is ever constructed from them: a tag becomes its data, prefixed by the class name for objects.
import { parseDocument, type Tags } from 'yaml';

const pythonTags: Tags = [
  { tag: 'tag:yaml.org,2002:python/tuple', collection: 'seq', resolve: (seq) => seq },
  { tag: 'tag:yaml.org,2002:python/list', collection: 'seq', resolve: (seq) => seq },
  { tag: 'tag:yaml.org,2002:python/dict', collection: 'map', resolve: (map) => map },
];

export interface YamlResult {
  value: unknown;
  /** Parse problems, readable; the value is still what could be read. */
  errors: string[];
}

/** Parses YAML text; unknown tags (python objects, numpy scalars) keep their underlying data. */
export function parsePythonYaml(text: string): YamlResult {
  const doc = parseDocument(text, {
    customTags: pythonTags,
    uniqueKeys: false,
    strict: false,
    logLevel: 'silent',
    prettyErrors: false,
  });
  const errors = doc.errors.map((e) => e.message);
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 1000 });
  } catch (err) {
    errors.push(err instanceof Error ? err.message : String(err));
    value = undefined;
  }
  return { value, errors };
}
