// The hparams plugin's content bytes → flat config. HParamsPluginData{session_start_info=3}
// SessionStartInfo{hparams=1 map<string, google.protobuf.Value>} (formats.md §1.4).
import type { ConfigMap, ConfigValue } from '../../runs/model';
import { WireReader } from './wire';

const utf8 = new TextDecoder('utf-8');

/** Reads the session_start_info hparams in buf[start, end) into `out`. Throws MalformedProto. */
export function readHparams(buf: Uint8Array, start: number, end: number, out: ConfigMap): void {
  const r = new WireReader(buf);
  r.pos = start;
  while (r.pos < end) {
    const k = r.varint(end);
    if (k === 0x1a) {
      const stop = r.delimitedEnd(end);
      readStartInfo(r, stop, out);
      r.pos = stop;
    } else {
      r.skip(k & 7, end);
    }
  }
}

function readStartInfo(r: WireReader, end: number, out: ConfigMap): void {
  while (r.pos < end) {
    const k = r.varint(end);
    if (k === 0x0a) {
      const stop = r.delimitedEnd(end);
      let key = '';
      let value: ConfigValue = null;
      while (r.pos < stop) {
        const ek = r.varint(stop);
        if (ek === 0x0a) {
          const s = r.delimitedEnd(stop);
          key = utf8.decode(r.buf.subarray(r.pos, s));
          r.pos = s;
        } else if (ek === 0x12) {
          const s = r.delimitedEnd(stop);
          value = readValue(r, s);
          r.pos = s;
        } else {
          r.skip(ek & 7, stop);
        }
      }
      if (key) {
        out[key] = value;
      }
      r.pos = stop;
    } else {
      r.skip(k & 7, end);
    }
  }
}

/** google.protobuf.Value: null=1, number=2, string=3, bool=4; struct/list are kept as a note. */
function readValue(r: WireReader, end: number): ConfigValue {
  let value: ConfigValue = null;
  while (r.pos < end) {
    const k = r.varint(end);
    if (k === 0x08) {
      r.varint(end);
      value = null;
    } else if (k === 0x11) {
      value = r.fixed64Double(end);
    } else if (k === 0x1a) {
      const s = r.delimitedEnd(end);
      value = utf8.decode(r.buf.subarray(r.pos, s));
      r.pos = s;
    } else if (k === 0x20) {
      value = r.varint(end) !== 0;
    } else if (k === 0x2a || k === 0x32) {
      r.pos = r.delimitedEnd(end);
      value = k === 0x2a ? '[struct]' : '[list]';
    } else {
      r.skip(k & 7, end);
    }
  }
  return value;
}
