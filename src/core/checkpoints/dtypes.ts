// Element sizes and names of tensor dtypes, shared by the safetensors and torch readers.

const ELEMENT_BYTES: Record<string, number> = {
  bool: 1,
  uint8: 1,
  int8: 1,
  float8_e4m3fn: 1,
  float8_e5m2: 1,
  float8_e4m3fnuz: 1,
  float8_e5m2fnuz: 1,
  quint8: 1,
  qint8: 1,
  quint4x2: 1,
  quint2x4: 1,
  int16: 2,
  uint16: 2,
  float16: 2,
  bfloat16: 2,
  int32: 4,
  uint32: 4,
  float32: 4,
  qint32: 4,
  complex32: 4,
  int64: 8,
  uint64: 8,
  float64: 8,
  complex64: 8,
  complex128: 16,
};

/** Bytes per element, or 0 when the dtype is unknown (size then stays unknown too). */
export function elementBytes(dtype: string): number {
  return ELEMENT_BYTES[dtype] ?? 0;
}

const SAFETENSORS_DTYPES: Record<string, string> = {
  BOOL: 'bool',
  U8: 'uint8',
  I8: 'int8',
  F8_E4M3: 'float8_e4m3fn',
  F8_E5M2: 'float8_e5m2',
  I16: 'int16',
  U16: 'uint16',
  F16: 'float16',
  BF16: 'bfloat16',
  I32: 'int32',
  U32: 'uint32',
  F32: 'float32',
  I64: 'int64',
  U64: 'uint64',
  F64: 'float64',
  C64: 'complex64',
};

/** Maps a safetensors dtype tag (`F32`) to the torch-style name (`float32`); unknown tags pass through lower-cased. */
export function safetensorsDtype(tag: string): string {
  return SAFETENSORS_DTYPES[tag] ?? tag.toLowerCase();
}

const STORAGE_DTYPES: Record<string, string> = {
  FloatStorage: 'float32',
  DoubleStorage: 'float64',
  HalfStorage: 'float16',
  BFloat16Storage: 'bfloat16',
  LongStorage: 'int64',
  IntStorage: 'int32',
  ShortStorage: 'int16',
  CharStorage: 'int8',
  ByteStorage: 'uint8',
  BoolStorage: 'bool',
  ComplexFloatStorage: 'complex64',
  ComplexDoubleStorage: 'complex128',
  QInt8Storage: 'qint8',
  QUInt8Storage: 'quint8',
  QInt32Storage: 'qint32',
  QUInt4x2Storage: 'quint4x2',
  QUInt2x4Storage: 'quint2x4',
  UntypedStorage: 'uint8',
  Float8_e4m3fnStorage: 'float8_e4m3fn',
  Float8_e5m2Storage: 'float8_e5m2',
  UInt16Storage: 'uint16',
  UInt32Storage: 'uint32',
  UInt64Storage: 'uint64',
};

/** Maps a torch storage class name (`FloatStorage`, `torch.cuda.HalfStorage`) to its dtype. */
export function storageDtype(className: string): string {
  const base = className.slice(className.lastIndexOf('.') + 1);
  return STORAGE_DTYPES[base] ?? base.replace(/Storage$/, '').toLowerCase();
}

/** Product of a shape; 1 for a scalar (empty shape). */
export function numelOf(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) {
    n *= d;
  }
  return n;
}
