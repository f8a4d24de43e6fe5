// Decodes one Event protobuf (formats.md §1.3) straight from the record bytes: scalars go into the
// tag's buffer, histograms into its sampler; images, text and hparams are handed to the sink.
// Hand-written: this is the hot loop.
import { HistogramSampler } from '../histogramReservoir';
import { HistogramDecoder } from './histograms';
import { readLegacyImage } from './legacyImage';
import type { TagEntry, TagTable } from './tags';
import { readTensor, tensorScalar, TensorView } from './tensor';
import { MalformedProto, type WireReader } from './wire';

/** SummaryMetadata.DataClass SCALAR. */
const DATA_CLASS_SCALAR = 1;

export interface EventSink {
  /** One encoded image; [start, end) index the reader's buffer. */
  image(
    entry: TagEntry,
    step: number,
    wallTime: number,
    start: number,
    end: number,
    width?: number,
    height?: number,
  ): void;
  text(entry: TagEntry, step: number, wallTime: number, text: string): void;
  /** The `plugin_data.content` bytes of an hparams-plugin value: [start, end) of the reader's buffer. */
  hparams(start: number, end: number): void;
  /** Every event's wall time (for the run's start time). */
  wallTime(wallTime: number): void;
}

const utf8 = new TextDecoder('utf-8');
const MAX_TEXT = 4000;

export class EventDecoder {
  private readonly tensor = new TensorView();
  private readonly histo = new HistogramDecoder();
  /** Per-value scratch, kept on the instance so the hot loop allocates nothing. */
  private metaPlugin = '';
  private metaContentStart = -1;
  private metaContentEnd = -1;
  private metaDataClass = 0;

  constructor(
    private readonly tags: TagTable,
    private readonly sink: EventSink,
  ) {}

  /** Decodes the Event in r.buf[start, end). Throws MalformedProto on bytes that are not an Event. */
  decode(r: WireReader, start: number, end: number): void {
    const buf = r.buf;
    r.pos = start;
    let wall = 0;
    let step = 0;
    let sumStart = -1;
    let sumEnd = -1;
    while (r.pos < end) {
      const key = buf[r.pos];
      if (key === 0x09) {
        r.pos++;
        wall = r.fixed64Double(end);
      } else if (key === 0x10) {
        r.pos++;
        step = r.int64(end);
      } else if (key === 0x2a) {
        r.pos++;
        sumEnd = r.delimitedEnd(end);
        sumStart = r.pos;
        r.pos = sumEnd;
      } else {
        const k = r.varint(end);
        if (k >>> 3 === 0) {
          throw new MalformedProto('field number 0');
        }
        r.skip(k & 7, end);
      }
    }
    // RustBoard drops events whose wall time is NaN.
    if (wall !== wall) {
      return;
    }
    this.sink.wallTime(wall);
    if (sumStart < 0) {
      return;
    }
    r.pos = sumStart;
    while (r.pos < sumEnd) {
      const key = buf[r.pos];
      if (key === 0x0a) {
        r.pos++;
        const stop = r.delimitedEnd(sumEnd);
        this.value(r, r.pos, stop, step, wall);
        r.pos = stop;
      } else {
        const k = r.varint(sumEnd);
        if (k >>> 3 === 0) {
          throw new MalformedProto('field number 0');
        }
        r.skip(k & 7, sumEnd);
      }
    }
  }

  private value(r: WireReader, start: number, end: number, step: number, wall: number): void {
    const buf = r.buf;
    // Fast path for the commonest layout (PyTorch add_scalar): exactly {tag, simple_value}.
    if (buf[start] === 0x0a) {
      const tagLen = buf[start + 1];
      const at = start + 2 + tagLen;
      if (tagLen < 0x80 && at + 5 === end && buf[at] === 0x15) {
        const entry = this.tags.get(buf, start + 2, at);
        if (entry.histograms === undefined) {
          entry.kindDecided = true;
          entry.push(step, r.dv.getFloat32(at + 1, true), wall);
        }
        return;
      }
    }
    let tagStart = start;
    let tagEnd = start;
    let nodeStart = -1;
    let nodeEnd = -1;
    let simple = 0;
    let hasSimple = false;
    let imageStart = -1;
    let imageEnd = -1;
    let histoStart = -1;
    let histoEnd = -1;
    let tensorStart = -1;
    let tensorEnd = -1;
    let metaStart = -1;
    let metaEnd = -1;
    r.pos = start;
    while (r.pos < end) {
      const key = buf[r.pos];
      if (key === 0x0a) {
        r.pos++;
        tagEnd = r.delimitedEnd(end);
        tagStart = r.pos;
        r.pos = tagEnd;
      } else if (key === 0x15) {
        r.pos++;
        simple = r.fixed32Float(end);
        hasSimple = true;
      } else if (key === 0x42 || key === 0x4a || key === 0x22 || key === 0x3a || key === 0x2a) {
        r.pos++;
        const stop = r.delimitedEnd(end);
        if (key === 0x42) {
          tensorStart = r.pos;
          tensorEnd = stop;
        } else if (key === 0x4a) {
          metaStart = r.pos;
          metaEnd = stop;
        } else if (key === 0x22) {
          imageStart = r.pos;
          imageEnd = stop;
        } else if (key === 0x2a) {
          histoStart = r.pos;
          histoEnd = stop;
        } else {
          nodeStart = r.pos;
          nodeEnd = stop;
        }
        r.pos = stop;
      } else {
        const k = r.varint(end);
        if (k >>> 3 === 0) {
          throw new MalformedProto('field number 0');
        }
        r.skip(k & 7, end);
      }
    }
    // Like EventAccumulator: a tensor without a tag is filed under its node_name.
    if (tagEnd === tagStart && nodeStart >= 0 && tensorStart >= 0) {
      tagStart = nodeStart;
      tagEnd = nodeEnd;
    }
    const entry = this.tags.get(buf, tagStart, tagEnd);
    if (metaStart >= 0) {
      this.metadata(r, metaStart, metaEnd);
      if (!entry.hasMetadata) {
        entry.hasMetadata = true;
        entry.plugin = this.metaPlugin;
        entry.dataClass = this.metaDataClass;
      }
      if (this.metaPlugin === 'hparams' && this.metaContentStart >= 0) {
        this.sink.hparams(this.metaContentStart, this.metaContentEnd);
      }
    }
    if (!entry.kindDecided && (hasSimple || tensorStart >= 0 || imageStart >= 0 || histoStart >= 0)) {
      entry.kindDecided = true;
      if (!hasSimple && (tensorStart >= 0 ? entry.plugin === 'histograms' : histoStart >= 0)) {
        entry.histograms = new HistogramSampler();
      }
    }
    if (entry.histograms !== undefined) {
      // Other kinds of values under a histogram tag are dropped, as RustBoard does.
      if (!hasSimple) {
        this.histo.value(r, entry.histograms, tensorStart, tensorEnd, histoStart, histoEnd, step, wall);
      }
    } else if (hasSimple) {
      entry.push(step, simple, wall);
    } else if (tensorStart >= 0) {
      this.tensorValue(r, entry, tensorStart, tensorEnd, step, wall);
    } else if (imageStart >= 0) {
      const image = readLegacyImage(r, imageStart, imageEnd);
      if (image) {
        this.sink.image(entry, step, wall, image.start, image.end, image.width, image.height);
      }
    }
  }

  private tensorValue(r: WireReader, entry: TagEntry, start: number, end: number, step: number, wall: number): void {
    const plugin = entry.plugin;
    const isScalar = plugin === 'scalars' || (entry.dataClass === DATA_CLASS_SCALAR && plugin !== 'images');
    if (!isScalar && plugin !== 'images' && plugin !== 'text') {
      return;
    }
    r.pos = start;
    const t = this.tensor;
    readTensor(r, end, t);
    if (isScalar) {
      const v = tensorScalar(r, t);
      if (v !== undefined) {
        entry.push(step, v, wall);
      }
      return;
    }
    const s = t.strings;
    if (plugin === 'images') {
      // string_val = [width, height, image0, image1, …] (TF2 image summary).
      const width = s.length >= 2 ? Number(ascii(r.buf, s[0], s[1])) : undefined;
      const height = s.length >= 4 ? Number(ascii(r.buf, s[2], s[3])) : undefined;
      for (let i = 4; i + 1 < s.length; i += 2) {
        if (s[i + 1] > s[i]) {
          this.sink.image(entry, step, wall, s[i], s[i + 1], finite(width), finite(height));
        }
      }
      return;
    }
    if (s.length >= 2) {
      const text = utf8.decode(r.buf.subarray(s[0], Math.min(s[1], s[0] + MAX_TEXT)));
      this.sink.text(entry, step, wall, text);
    }
  }

  /** SummaryMetadata: plugin_data{plugin_name=1, content=2}=1, data_class=4. */
  private metadata(r: WireReader, start: number, end: number): void {
    this.metaPlugin = '';
    this.metaContentStart = -1;
    this.metaContentEnd = -1;
    this.metaDataClass = 0;
    r.pos = start;
    while (r.pos < end) {
      const k = r.varint(end);
      const field = k >>> 3;
      if (field === 1 && (k & 7) === 2) {
        const stop = r.delimitedEnd(end);
        while (r.pos < stop) {
          const pk = r.varint(stop);
          if (pk === 0x0a) {
            const nameEnd = r.delimitedEnd(stop);
            this.metaPlugin = ascii(r.buf, r.pos, nameEnd);
            r.pos = nameEnd;
          } else if (pk === 0x12) {
            this.metaContentEnd = r.delimitedEnd(stop);
            this.metaContentStart = r.pos;
            r.pos = this.metaContentEnd;
          } else {
            r.skip(pk & 7, stop);
          }
        }
      } else if (field === 4 && (k & 7) === 0) {
        this.metaDataClass = r.varint(end);
      } else {
        r.skip(k & 7, end);
      }
    }
  }
}

function ascii(buf: Uint8Array, start: number, end: number): string {
  return utf8.decode(buf.subarray(start, Math.min(end, start + 256)));
}

function finite(n: number | undefined): number | undefined {
  return n !== undefined && Number.isFinite(n) ? n : undefined;
}
