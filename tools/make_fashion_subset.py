#!/usr/bin/python3
"""Writes data/fashion-mnist-subset: the first 10,000 training and first 2,000 test
Fashion-MNIST samples, as gzipped IDX files named like the Debian dataset-fashion-mnist package.

Usage: /usr/bin/python3 tools/make_fashion_subset.py [source_dir] [output_dir]
Standard library only; gzip output is deterministic (mtime 0, no file name in the header).
"""
import gzip
import os
import struct
import sys

SOURCE = "/usr/share/datasets/fashion-mnist"
OUTPUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data", "fashion-mnist-subset")
FILES = [
    ("train-images-idx3-ubyte.gz", 10_000),
    ("train-labels-idx1-ubyte.gz", 10_000),
    ("t10k-images-idx3-ubyte.gz", 2_000),
    ("t10k-labels-idx1-ubyte.gz", 2_000),
]


def read_idx(path):
    """Returns (type_code, dims, payload) of an unsigned-byte IDX file, checking its length."""
    with gzip.open(path, "rb") as f:
        raw = f.read()
    zero, type_code, rank = struct.unpack(">HBB", raw[:4])
    if zero != 0 or type_code != 0x08:
        raise ValueError(f"{path}: not an unsigned-byte IDX file")
    dims = list(struct.unpack(">" + "I" * rank, raw[4:4 + 4 * rank]))
    payload = raw[4 + 4 * rank:]
    expected = 1
    for d in dims:
        expected *= d
    if len(payload) != expected:
        raise ValueError(f"{path}: expected {expected} payload bytes, found {len(payload)}")
    return type_code, dims, payload


def write_subset(source_path, output_path, count):
    type_code, dims, payload = read_idx(source_path)
    if dims[0] < count:
        raise ValueError(f"{source_path}: has {dims[0]} items, fewer than {count}")
    item_bytes = len(payload) // dims[0]
    header = struct.pack(">HBB", 0, type_code, len(dims)) + struct.pack(">" + "I" * len(dims), count, *dims[1:])
    with open(output_path, "wb") as raw_out:
        with gzip.GzipFile(filename="", mode="wb", fileobj=raw_out, compresslevel=9, mtime=0) as out:
            out.write(header)
            out.write(payload[:count * item_bytes])


def main():
    source = sys.argv[1] if len(sys.argv) > 1 else SOURCE
    output = sys.argv[2] if len(sys.argv) > 2 else OUTPUT
    os.makedirs(output, exist_ok=True)
    for name, count in FILES:
        write_subset(os.path.join(source, name), os.path.join(output, name), count)
        print(f"wrote {name}: first {count} items")


if __name__ == "__main__":
    main()
