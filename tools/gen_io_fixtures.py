#!/usr/bin/env python3
"""NPY and PNG files written by real encoders (numpy, PIL), with a manifest of what each holds, for the
reader tests. Small and deterministic.

NPY: every supported dtype in little- and big-endian byte order (where it has one) and C and Fortran order,
format versions 1.0, 2.0 and 3.0, a 0-d array and an empty array; plus unsupported ones (complex, object-free
structured) for the error paths. PNG: 8-bit grayscale (mode L), 16-bit grayscale (I;16), a palette image
(mode P) whose colours differ from its indices and that uses index 255, and an RGB image (rejected).

Run:  apt-get install -y python3-numpy python3-pil && /usr/bin/python3 tools/gen_io_fixtures.py
Writes: jaccard4j-core/src/test/resources/io/ (files + manifest.json)
"""
import json
import os

import numpy as np
from PIL import Image

OUT = os.path.join(os.path.dirname(__file__), "..", "jaccard4j-core", "src", "test", "resources", "io")
rng = np.random.default_rng(5)
DTYPES = ["bool", "int8", "uint8", "int16", "uint16", "int32", "uint32", "int64", "uint64", "float16",
          "float32", "float64"]


def values_for(dtype, shape):
    n = int(np.prod(shape))
    if dtype == "bool":
        return rng.random(n).reshape(shape) < 0.5
    if dtype.startswith("float"):
        return (rng.standard_normal(n) * 100).astype(dtype).reshape(shape)
    info = np.iinfo(dtype)
    lo = max(info.min, -1000) if dtype.startswith("int") else 0
    hi = min(info.max, 1000)
    v = rng.integers(lo, hi, n, endpoint=True).astype(dtype)
    v[0] = info.max  # the extremes of the type
    v[-1] = info.min
    return v.reshape(shape)


def main():
    os.makedirs(OUT, exist_ok=True)
    manifest = {"npy": [], "npy_errors": [], "png": []}
    for dtype in DTYPES:
        for endian in ("<", ">"):
            if np.dtype(dtype).itemsize == 1 and endian == ">":
                continue
            for order in ("C", "F"):
                shape = (2, 3, 4) if order == "F" else (3, 5)
                arr = values_for(dtype, shape)
                dt = np.dtype(dtype).newbyteorder(endian) if np.dtype(dtype).itemsize > 1 else np.dtype(dtype)
                arr = np.asarray(arr, dtype=dt, order=order)
                name = "%s_%s_%s.npy" % (dtype, "le" if endian == "<" else "be", order)
                np.save(os.path.join(OUT, name), arr)
                manifest["npy"].append({"file": name, "dtype": dtype, "shape": list(shape),
                                        "values": [float(x) if dtype.startswith("float") else int(x)
                                                   for x in np.asarray(arr).flatten(order="C")]})
    for version in ((2, 0), (3, 0)):
        arr = np.arange(12, dtype="<i4").reshape(3, 4)
        name = "int32_v%d.npy" % version[0]
        with open(os.path.join(OUT, name), "wb") as f:
            np.lib.format.write_array(f, arr, version=version)
        manifest["npy"].append({"file": name, "dtype": "int32", "shape": [3, 4], "version": version[0],
                                "values": arr.flatten().tolist()})
    np.save(os.path.join(OUT, "scalar.npy"), np.array(7.5))
    manifest["npy"].append({"file": "scalar.npy", "dtype": "float64", "shape": [], "values": [7.5]})
    np.save(os.path.join(OUT, "empty.npy"), np.zeros((0, 3), dtype="uint8"))
    manifest["npy"].append({"file": "empty.npy", "dtype": "uint8", "shape": [0, 3], "values": []})
    np.save(os.path.join(OUT, "complex.npy"), np.zeros(3, dtype="complex64"))
    manifest["npy_errors"].append({"file": "complex.npy", "message": "unsupported NPY dtype"})
    np.save(os.path.join(OUT, "structured.npy"), np.zeros(2, dtype=[("a", "<i4"), ("b", "<f4")]))
    manifest["npy_errors"].append({"file": "structured.npy", "message": "structured"})
    with open(os.path.join(OUT, "truncated.npy"), "wb") as f:
        full = open(os.path.join(OUT, "int32_le_C.npy"), "rb").read()
        f.write(full[:-7])
    manifest["npy_errors"].append({"file": "truncated.npy", "message": "truncated data"})
    with open(os.path.join(OUT, "not_npy.npy"), "wb") as f:
        f.write(b"PK\x03\x04 this is not numpy")
    manifest["npy_errors"].append({"file": "not_npy.npy", "message": "not an NPY file"})

    gray = rng.integers(0, 256, (7, 9)).astype(np.uint8)
    Image.fromarray(gray, mode="L").save(os.path.join(OUT, "gray8.png"))
    manifest["png"].append({"file": "gray8.png", "dtype": "uint8", "shape": [7, 9], "values": gray.flatten().tolist()})
    g16 = rng.integers(0, 65536, (5, 6)).astype(np.uint16)
    g16[0, 0] = 65535
    Image.fromarray(g16, mode="I;16").save(os.path.join(OUT, "gray16.png"))
    back = np.array(Image.open(os.path.join(OUT, "gray16.png")))
    manifest["png"].append({"file": "gray16.png", "dtype": "uint16", "shape": [5, 6],
                            "values": back.astype(np.int64).flatten().tolist()})
    idx = rng.integers(0, 21, (8, 10)).astype(np.uint8)
    idx[0, :3] = 255
    pal = Image.fromarray(idx, mode="P")
    palette = []
    for i in range(256):
        palette += [(i * 37) % 256, (i * 91) % 256, (255 - i) % 256]
    pal.putpalette(palette)
    pal.save(os.path.join(OUT, "palette.png"))
    manifest["png"].append({"file": "palette.png", "dtype": "uint8", "shape": [8, 10], "values": idx.flatten().tolist()})
    rgb = rng.integers(0, 256, (4, 4, 3)).astype(np.uint8)
    Image.fromarray(rgb, mode="RGB").save(os.path.join(OUT, "rgb.png"))
    manifest["png_errors"] = [{"file": "rgb.png", "message": "not an index mask"}]
    with open(os.path.join(OUT, "manifest.json"), "w") as f:
        json.dump(manifest, f, separators=(",", ":"))
        f.write("\n")
    print("wrote %d npy, %d png fixtures to %s" % (len(manifest["npy"]) + len(manifest["npy_errors"]),
                                                    len(manifest["png"]) + 1, os.path.normpath(OUT)))


if __name__ == "__main__":
    main()
