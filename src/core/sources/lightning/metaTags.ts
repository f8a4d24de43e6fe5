// Lightning 0.x `meta_tags.csv` (`key,value` rows, values as Python str()) as a config object.
import { parseNumber, scanRecords } from '../../util/csvTable';

export function parseMetaTags(text: string): { value: unknown; errors: string[] } {
  const records: string[][] = [];
  scanRecords(text.endsWith('\n') ? text : `${text}\n`, ',', records);
  const value: Record<string, string | number | boolean> = {};
  const errors: string[] = [];
  const [header, ...rows] = records;
  if (!header || header[0]?.trim() !== 'key') {
    errors.push('meta_tags.csv has no `key,value` header');
  }
  for (const row of header && header[0]?.trim() === 'key' ? rows : records) {
    if (row.length < 2) {
      errors.push(`meta_tags.csv row without a value: ${row[0] ?? ''}`);
      continue;
    }
    const raw = row.slice(1).join(',');
    const num = parseNumber(raw);
    value[row[0]] = raw === 'True' ? true : raw === 'False' ? false : (num ?? raw);
  }
  return { value, errors };
}
