"""NIfTI-1 fixtures for jaccard4j's reader (issue 20), written by nibabel (the reference NIfTI tool) and, for the
broken files, cut or patched byte by byte from nibabel's output per the NIfTI-1 header layout (nifti1.h).
Expected labels and spacing are what nibabel itself reads back (dataobj in x-fastest order, header zooms).

Run with Debian's interpreter (python3-nibabel, python3-numpy):
    /usr/bin/python3 tools/gen_nifti_fixtures.py
Writes: jaccard4j-core/src/test/resources/io/nifti/*.nii[.gz] and expected.json
"""
import gzip
import json
import os
import struct

import nibabel as nib
import numpy as np

OUT = os.path.join(os.path.dirname(__file__), "..", "jaccard4j-core", "src", "test", "resources", "io", "nifti")


def save(name, data, zooms, dtype, endianness="<", slope_inter=None):
    hdr = nib.Nifti1Header(endianness=endianness)
    hdr.set_data_dtype(dtype)
    img = nib.Nifti1Image(data, np.eye(4), hdr)
    img.header.set_zooms(zooms)
    if slope_inter is not None:
        img.header.set_slope_inter(*slope_inter)
    path = os.path.join(OUT, name)
    nib.save(img, path)
    back = nib.load(path)
    labels = np.asarray(back.dataobj).ravel(order="F")
    return {"file": name, "dims": list(back.shape), "zooms": [float(z) for z in back.header.get_zooms()],
            "datatype": int(back.header["datatype"]), "labels": [int(round(float(v))) for v in labels]}


def main():
    os.makedirs(OUT, exist_ok=True)
    rng = np.random.default_rng(23)
    good = []
    vol = rng.integers(0, 4, size=(5, 4, 3))
    good.append(save("uint8_3d.nii", vol.astype(np.uint8), (0.8, 1.5, 2.5), np.uint8))
    good.append(save("int16_3d.nii.gz", (vol * 100 - 150).astype(np.int16), (1.0, 1.0, 3.0), np.int16))
    good.append(save("int32_2d.nii", rng.integers(-5, 70000, size=(6, 7)).astype(np.int32), (0.5, 0.25), np.int32))
    good.append(save("uint16_be.nii", rng.integers(0, 60000, size=(3, 4, 2)).astype(np.uint16), (2.0, 2.0, 2.0),
                     np.uint16, endianness=">"))
    good.append(save("float32_labels.nii.gz", vol.astype(np.float32), (1.2, 1.2, 1.2), np.float32))
    good.append(save("float64_labels.nii", vol.astype(np.float64), (1.0, 0.7, 0.9), np.float64))
    good.append(save("int64_3d.nii", (vol - 2).astype(np.int64), (1.0, 1.0, 1.0), np.int64))
    good.append(save("int8_3d.nii", (vol - 2).astype(np.int8), (1.0, 2.0, 1.0), np.int8))
    good.append(save("uint32_3d.nii", (vol * 1000).astype(np.uint32), (1.0, 1.0, 1.0), np.uint32))
    good.append(save("int16_4d_t1.nii", vol[..., None].astype(np.int16), (0.9, 0.8, 0.7, 1.0), np.int16))
    good.append(save("scaled_int16.nii", vol.astype(np.int16), (1.0, 1.0, 1.0), np.int16, slope_inter=(2.0, 1.0)))

    bad = []
    raw = open(os.path.join(OUT, "uint8_3d.nii"), "rb").read()
    open(os.path.join(OUT, "truncated_data.nii"), "wb").write(raw[:-7])
    bad.append({"file": "truncated_data.nii", "message": "truncated"})
    open(os.path.join(OUT, "truncated_header.nii"), "wb").write(raw[:200])
    bad.append({"file": "truncated_header.nii", "message": "truncated"})
    with open(os.path.join(OUT, "truncated.nii.gz"), "wb") as fh:
        fh.write(gzip.compress(raw)[:-30])
    bad.append({"file": "truncated.nii.gz", "message": "truncated"})
    patched = bytearray(raw)
    patched[344:348] = b"xyz\0"
    open(os.path.join(OUT, "bad_magic.nii"), "wb").write(bytes(patched))
    bad.append({"file": "bad_magic.nii", "message": "magic"})
    patched = bytearray(raw)
    patched[344:348] = b"ni1\0"
    open(os.path.join(OUT, "pair_magic.nii"), "wb").write(bytes(patched))
    bad.append({"file": "pair_magic.nii", "message": "two-file"})
    save("complex64.nii", (vol + 1j).astype(np.complex64), (1.0, 1.0, 1.0), np.complex64)
    bad.append({"file": "complex64.nii", "message": "unsupported datatype 32"})
    patched = bytearray(raw)
    patched[0:4] = struct.pack("<i", 540)
    open(os.path.join(OUT, "sizeof_540.nii"), "wb").write(bytes(patched))
    bad.append({"file": "sizeof_540.nii", "message": "sizeof_hdr"})
    save("fractional_float.nii", (vol + 0.5).astype(np.float32), (1.0, 1.0, 1.0), np.float32)
    bad.append({"file": "fractional_float.nii", "message": "whole numbers"})

    with open(os.path.join(OUT, "expected.json"), "w") as fh:
        json.dump({"generator": "tools/gen_nifti_fixtures.py", "versions": {"nibabel": nib.__version__,
                   "numpy": np.__version__}, "good": good, "bad": bad}, fh, indent=1)
    print("wrote", len(good), "good and", len(bad), "bad NIfTI files to", OUT)


if __name__ == "__main__":
    main()
