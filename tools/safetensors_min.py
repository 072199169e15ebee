"""A minimal safetensors writer and reader (Debian has no `safetensors` package for Python).

Format: 8-byte little-endian header length, a JSON header {name: {dtype, shape, data_offsets: [begin, end]},
"__metadata__": {str: str}} padded with spaces to a multiple of 8, then the raw little-endian tensor bytes in header
order. Only F32 and I64 are needed here.
"""
import json
import struct

import numpy as np

_DTYPES = {np.dtype('<f4'): 'F32', np.dtype('<i8'): 'I64'}
_NUMPY = {'F32': np.dtype('<f4'), 'I64': np.dtype('<i8')}


def save_file(path, tensors, metadata=None):
    """Writes `tensors` (name -> numpy array, float32 or int64) to `path` in insertion order."""
    header = {}
    blobs = []
    offset = 0
    for name, array in tensors.items():
        array = np.array(array, order="C")  # (ascontiguousarray would turn a 0-d scalar into shape [1])
        if array.dtype == np.float64 or array.dtype == np.float32:
            array = array.astype('<f4')
        elif array.dtype.kind in 'iu':
            array = array.astype('<i8')
        dtype = _DTYPES[array.dtype]
        data = array.tobytes()
        header[name] = {'dtype': dtype, 'shape': list(array.shape), 'data_offsets': [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    if metadata:
        header['__metadata__'] = {str(k): str(v) for k, v in metadata.items()}
    text = json.dumps(header, separators=(',', ':')).encode('utf-8')
    text += b' ' * (-len(text) % 8)
    with open(path, 'wb') as f:
        f.write(struct.pack('<Q', len(text)))
        f.write(text)
        for data in blobs:
            f.write(data)


def load_file(path):
    """Reads a safetensors file written by save_file (or PyTorch's safetensors) into name -> numpy array, metadata."""
    with open(path, 'rb') as f:
        raw = f.read()
    (length,) = struct.unpack('<Q', raw[:8])
    header = json.loads(raw[8:8 + length])
    metadata = header.pop('__metadata__', {})
    data = raw[8 + length:]
    tensors = {}
    for name, info in header.items():
        begin, end = info['data_offsets']
        tensors[name] = np.frombuffer(data[begin:end], dtype=_NUMPY[info['dtype']]).reshape(info['shape']).copy()
    return tensors, metadata
