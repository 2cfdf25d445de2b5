#!/usr/bin/env python3
"""The bad-input corpus: malformed and borderline CSV, NPY and PNG files, each with what jaccard4j's reader must
do with it and what the reference reader (numpy's np.load / np.loadtxt, PIL) does with it.

Every file is either REJECTED by jaccard4j's reader (an IllegalArgumentException or IOException whose message
names the file and holds the fragment given here), or READ, with the values the reference reader returns
(numpy / PIL run right here, so the values are theirs, never typed by hand). Where jaccard4j deliberately
differs from the reference (it refuses an empty table that numpy returns as an empty array, it reads a
UTF-8 byte-order mark that numpy refuses, it refuses a PNG that lacks its IEND chunk or whose CRC fails
where PIL may decode it), the entry says so in "deviation".

Run:  pip install numpy pillow  (numpy 2.4.6 and pillow 12.3.0 wrote the committed files), then
      python tools/gen_bad_inputs.py
Writes: jaccard4j-core/src/test/resources/bad-inputs/{csv,npy,png}/ and bad-inputs/manifest.json

Manifest: {"generator": ..., "numpy": version, "pillow": version, "files": [entry, ...]}, one entry a file:
  file       path relative to bad-inputs/ (e.g. "npy/huge_shape.npy")
  kind       "csv" | "npy" | "png"
  expect     "rejected" | "read"
  stage      csv only: "table" (DelimitedTable.read refuses the file) or "numbers" (the table reads, its
             values are not all numbers: DelimitedTable.toDoubleMatrix refuses it)
  message    (rejected) a fragment of jaccard4j's message; the message also names the file
  dtype, shape, values   (read) what the reference reader returns: numpy dtype name, shape, values in C order
             (NaN / infinities as the strings "nan", "inf", "-inf"); csv values are np.loadtxt(..., ndmin=2)
  flags      (read) what a consumer must still refuse: "zero-size" (size() == 0), "0-d" (ndim() == 0),
             "non-finite" (a NaN or an infinity among the values)
  reference  what numpy / PIL does with the file: "reads" or "raises <Type>: <message>"
  deviation  (optional) why jaccard4j's verdict differs from the reference's
"""
import io
import json
import os
import re
import struct
import warnings
import zlib

import numpy as np
import PIL
from PIL import Image

OUT = os.path.join(os.path.dirname(__file__), "..", "jaccard4j-core", "src", "test", "resources", "bad-inputs")
entries = []


def path(rel):
    p = os.path.join(OUT, rel)
    os.makedirs(os.path.dirname(p), exist_ok=True)
    return p


def write(rel, data):
    with open(path(rel), "wb") as f:
        f.write(data)


def jsonable(values):
    out = []
    for v in values:
        v = v.item() if hasattr(v, "item") else v
        if isinstance(v, float) and (v != v or v in (float("inf"), float("-inf"))):
            out.append("nan" if v != v else ("inf" if v > 0 else "-inf"))
        elif isinstance(v, bool):
            out.append(int(v))
        else:
            out.append(v)
    return out


def reference(load):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            return load(), "reads"
        except Exception as e:  # the reference's own verdict, recorded as text
            text = str(e).replace(os.path.normpath(OUT) + os.sep, "").replace(OUT + os.sep, "")
            text = re.sub(r" at 0x[0-9a-f]+", "", text)  # object addresses differ from run to run
            return None, "raises %s: %s" % (type(e).__name__, text.split("\n")[0][:200])


def entry(rel, kind, expect, message=None, stage=None, deviation=None, array=None, ref="reads"):
    e = {"file": rel, "kind": kind, "expect": expect}
    if stage:
        e["stage"] = stage
    if expect == "rejected":
        e["message"] = message
    else:
        a = np.asarray(array)
        e["dtype"] = str(a.dtype)
        e["shape"] = list(a.shape)
        e["values"] = jsonable(a.flatten(order="C").tolist())
        flags = []
        if a.size == 0:
            flags.append("zero-size")
        if a.ndim == 0:
            flags.append("0-d")
        if a.dtype.kind == "f" and not np.all(np.isfinite(a)):
            flags.append("non-finite")
        e["flags"] = flags
    e["reference"] = ref
    if deviation:
        e["deviation"] = deviation
    entries.append(e)


# ---------------------------------------------------------------- CSV
def csv(name, data, expect, message=None, stage="numbers", deviation=None):
    rel = "csv/" + name
    write(rel, data)
    arr, ref = reference(lambda: np.loadtxt(path(rel), delimiter=",", ndmin=2, encoding="utf-8"))
    if expect == "read" and arr is None:
        raise SystemExit("numpy refuses %s, which jaccard4j reads: give values another way" % rel)
    entry(rel, "csv", expect, message, stage, deviation, arr, ref)


def savetxt_bytes(a):
    b = io.BytesIO()
    np.savetxt(b, a, delimiter=",")
    return b.getvalue()


csv("ragged.csv", b"1,2\n3,4\n5\n", "rejected", "line 3: expected 2 fields, found 1", stage="table")
csv("empty.csv", b"", "rejected", "holds no samples", stage="table",
    deviation="numpy returns an empty array with a warning; an empty sample set is refused")
csv("only_comments.csv", b"# nothing here\n\n\n", "rejected", "holds no samples", stage="table",
    deviation="numpy returns an empty array with a warning; an empty sample set is refused")
csv("empty_field.csv", b"1,,2\n", "rejected", "field 2 is empty", stage="table")
csv("hex_float.csv", b"0x1p0,1\n", "rejected", "'0x1p0' is not a number")
csv("float_suffix.csv", b"0.5f,1\n", "rejected", "'0.5f' is not a number")
csv("double_suffix.csv", b"1,0.9d\n", "rejected", "'0.9d' is not a number")
csv("trailing_garbage.csv", b"1.5abc,2\n", "rejected", "'1.5abc' is not a number")
csv("leading_garbage.csv", b"1,x2\n", "rejected", "'x2' is not a number")
csv("two_points.csv", b"1.5.5,2\n", "rejected", "'1.5.5' is not a number")
csv("underscore.csv", b"1_000,2\n", "rejected", "'1_000' is not a number")
csv("bare_exponent.csv", b"1e,2\n", "rejected", "'1e' is not a number")
csv("quoted.csv", b'"1","2"\n', "rejected", "is not a number")
csv("semicolon.csv", b"1;2\n3;4\n", "rejected", "'1;2' is not a number")
csv("latin1.csv", b"caf\xe9,1\n", "rejected", "is not UTF-8 text", stage="table")
csv("utf16.csv", "1,2\n3,4\n".encode("utf-16"), "rejected", "is not UTF-8 text", stage="table")
csv("nul_byte.csv", b"1,\x002\n", "rejected", "is not a number")
csv("bom_mid_file.csv", "1,2\n\ufeff3,4\n".encode("utf-8"), "rejected", "is not a number")
# what np.savetxt writes: NaN and infinities spelled nan, inf, -inf
csv("savetxt_nan_inf.csv", savetxt_bytes(np.array([[0.25, np.nan], [np.inf, -np.inf], [1.0, 0.0]])), "read")
csv("case_nan_inf.csv", b"NaN,Inf\n-Infinity,+inf\nINFINITY,nan\n", "read")
csv("numpy_numbers.csv", b"+1,-2.5\n.5,5.\n1e5,-1.5E-3\n1e400,00012\n", "read")
csv("crlf.csv", b"1,2\r\n3,4\r\n", "read")
csv("padded.csv", b" 1 , 2 \n\t3,4\t\n", "read")
# jaccard4j reads a leading byte-order mark (spreadsheets write one); numpy does not
write("csv/bom.csv", "\ufeff1,2\n3,4\n".encode("utf-8"))
_, bom_ref = reference(lambda: np.loadtxt(path("csv/bom.csv"), delimiter=",", ndmin=2, encoding="utf-8"))
entry("csv/bom.csv", "csv", "read", array=np.loadtxt(path("csv/bom.csv"), delimiter=",", ndmin=2,
                                                      encoding="utf-8-sig"), ref=bom_ref,
      deviation="a leading UTF-8 byte-order mark is skipped (values: numpy with encoding='utf-8-sig')")


# ---------------------------------------------------------------- NPY
def npy_bytes(header, body=b"", version=(1, 0), pad=True):
    h = header.encode("latin1" if version[0] < 3 else "utf-8")
    lsize = 2 if version[0] == 1 else 4
    if pad:
        total = 8 + lsize + len(h) + 1
        h = h + b" " * ((64 - total % 64) % 64) + b"\n"
    return b"\x93NUMPY" + bytes(version) + struct.pack("<H" if lsize == 2 else "<I", len(h)) + h + body


def npy(name, data, expect, message=None, deviation=None):
    rel = "npy/" + name
    write(rel, data)
    arr, ref = reference(lambda: np.load(path(rel)))
    if expect == "read" and arr is None:
        raise SystemExit("numpy refuses %s, which jaccard4j reads" % rel)
    if expect == "rejected" and arr is not None and not deviation:
        raise SystemExit("numpy reads %s, which jaccard4j refuses: say why in deviation" % rel)
    entry(rel, "npy", expect, message, None, deviation, arr, ref)


def header(descr="<f8", fortran="False", shape="(2,)"):
    return "{'descr': '%s', 'fortran_order': %s, 'shape': %s, }" % (descr, fortran, shape)


two = np.array([1.5, -2.0]).astype("<f8").tobytes()
good = io.BytesIO()
np.save(good, np.arange(6, dtype="<i4").reshape(2, 3))
good = good.getvalue()

npy("empty_file.npy", b"", "rejected", "not an NPY file")
npy("bad_magic.npy", b"\x93NUMPX" + good[6:], "rejected", "not an NPY file")
npy("zip_not_npy.npy", b"PK\x03\x04 an npz archive, not an npy file", "rejected", "not an NPY file")
npy("magic_only.npy", b"\x93NUMPY", "rejected", "truncated NPY header")
npy("truncated_prefix.npy", b"\x93NUMPY\x01\x00\x76", "rejected", "truncated NPY header")
npy("truncated_header.npy", good[:40], "rejected", "truncated NPY header")
npy("bad_version.npy", b"\x93NUMPY\x04\x00" + good[8:], "rejected", "unsupported NPY format version 4.0")
npy("bad_minor_version.npy", b"\x93NUMPY\x01\x05" + good[8:], "rejected", "unsupported NPY format version 1.5")
npy("huge_header_length.npy", b"\x93NUMPY\x02\x00" + struct.pack("<I", 0x7FFFFFF0) + b"{}", "rejected",
    "header length")
npy("huge_shape.npy", npy_bytes(header(shape="(1073741824,)"), two), "rejected",
    "the header claims shape (1073741824,) of float64, 8589934592 bytes of data after its 128-byte header, but "
    "the file holds only 16")
npy("huge_shape_2d.npy", npy_bytes(header(descr="|u1", shape="(65536, 65536)"), b"\x00" * 16),
    "rejected", "4294967296 bytes of data after its")
npy("overflowing_shape.npy", npy_bytes(header(shape="(2147483647, 2147483647, 2147483647, 2147483647)"), two),
    "rejected", "more elements than any file can")
npy("overflowing_shape_3d.npy", npy_bytes(header(shape="(1000000000, 1000000000, 1000000000)"), two), "rejected",
    "more elements than any file can")
npy("truncated_data.npy", good[:-5], "rejected", "truncated data")
npy("double_comma_shape.npy", npy_bytes(header(shape="(5,,)"), two), "rejected", "not a Python literal")
npy("duplicate_shape_key.npy", npy_bytes(
    "{'descr': '<f8', 'fortran_order': False, 'shape': (1,), 'shape': (2,), }", two), "read")
npy("lowercase_true.npy", npy_bytes(header(fortran="true"), two), "rejected", "not a Python literal")
npy("fortran_order_int.npy", npy_bytes(header(fortran="1"), two), "rejected",
    "fortran_order must be True or False")
npy("missing_key.npy", npy_bytes("{'descr': '<f8', 'shape': (2,), }", two), "rejected",
    "must hold exactly the keys")
npy("extra_key.npy", npy_bytes("{'descr': '<f8', 'fortran_order': False, 'shape': (2,), 'x': 1}", two),
    "rejected", "must hold exactly the keys")
npy("shape_not_tuple.npy", npy_bytes(header(shape="2"), two), "rejected", "shape is not a tuple of integers")
npy("shape_list.npy", npy_bytes(header(shape="[2]"), two), "rejected", "shape is not a tuple of integers")
npy("shape_float.npy", npy_bytes(header(shape="(2.0,)"), two), "rejected", "shape is not a tuple of integers")
npy("negative_dimension.npy", npy_bytes(header(shape="(-2,)"), two), "rejected", "negative dimension")
npy("header_not_dict.npy", npy_bytes("[1, 2]", two), "rejected", "not a dict")
npy("header_trailing_text.npy", npy_bytes(header() + " junk", two), "rejected", "not a Python literal")
npy("header_unclosed.npy", npy_bytes("{'descr': '<f8', 'fortran_order': False, 'shape': (2,", two), "rejected",
    "not a Python literal")
NUMERIC_ONLY = "jaccard4j reads bool, integer and float arrays only"
npy("complex_dtype.npy", npy_bytes(header(descr="<c16", shape="(1,)"), two), "rejected", "unsupported NPY dtype",
    deviation=NUMERIC_ONLY)
npy("unicode_dtype.npy", npy_bytes(header(descr="<U2", shape="(1,)"), b"a\x00\x00\x00b\x00\x00\x00"),
    "rejected", "unsupported NPY dtype", deviation=NUMERIC_ONLY)
npy("object_dtype.npy", npy_bytes(header(descr="|O", shape="(1,)"), b"\x00" * 8), "rejected",
    "unsupported NPY dtype", deviation=NUMERIC_ONLY)
npy("nonsense_dtype.npy", npy_bytes(header(descr="zz", shape="(1,)"), two), "rejected", "unsupported NPY dtype")
npy("bytes_descr.npy", npy_bytes("{'descr': b'<f8', 'fortran_order': False, 'shape': (2,), }", two),
    "rejected", "descr is not a dtype string")
s = io.BytesIO()
np.save(s, np.zeros(2, dtype=[("a", "<i4"), ("b", "<f4")]))
npy("structured_dtype.npy", s.getvalue(), "rejected", "structured arrays are not supported",
    deviation=NUMERIC_ONLY)
npy("v3_bad_utf8.npy", npy_bytes(header(), two, version=(3, 0)).replace(b"'<f8'", b"'<f\xff'"), "rejected",
    "not valid UTF-8")
# readable, but not a sample vector: flagged for the consumer (the scoring engine refuses them)
for name, a in (("zero_d.npy", np.array(3.5)), ("zero_size_2_0_4.npy", np.zeros((2, 0, 4), dtype="<i8")),
                ("empty_1d.npy", np.zeros((0,), dtype="<f4"))):
    s = io.BytesIO()
    np.save(s, a)
    npy(name, s.getvalue(), "read")
# readable as numpy reads them
s = io.BytesIO()
np.save(s, np.asfortranarray(np.arange(6, dtype=">i2").reshape(2, 3)))
npy("fortran_order_big_endian.npy", s.getvalue(), "read")
npy("python2_long_shape.npy", npy_bytes(header(shape="(2L,)"), two), "read")
npy("no_byte_order_char.npy", npy_bytes(header(descr="f8"), two), "read")
npy("double_quotes_and_comment.npy", npy_bytes(
    '{"descr": "<f8", # a comment\n "fortran_order": False, "shape": (+2,)}', two), "read")
npy("trailing_bytes.npy", good + b"extra bytes after the data", "read")


# ---------------------------------------------------------------- PNG
def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def png_raw(width, height, depth, colour, rows, extra=b""):
    ihdr = struct.pack(">IIBBBBB", width, height, depth, colour, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + extra + chunk(b"IDAT", zlib.compress(rows))
            + chunk(b"IEND", b""))


def pil_bytes(img, **kw):
    b = io.BytesIO()
    img.save(b, format="PNG", **kw)
    return b.getvalue()


def png(name, data, expect, message=None, deviation=None):
    rel = "png/" + name
    write(rel, data)

    def load():
        with Image.open(path(rel)) as im:
            im.load()
            return np.array(im)
    arr, ref = reference(load)
    if expect == "read" and arr is None:
        raise SystemExit("PIL refuses %s, which jaccard4j reads" % rel)
    if expect == "rejected" and arr is not None and arr.ndim == 2 and not deviation:
        raise SystemExit("PIL reads %s as a mask, which jaccard4j refuses: say why in deviation" % rel)
    entry(rel, "png", expect, message, None, deviation, arr, ref)


rng = np.random.default_rng(15)
gray = rng.integers(0, 21, (6, 7)).astype(np.uint8)
gray[0, 0] = 255
gray_png = pil_bytes(Image.fromarray(gray))
png("gray8.png", gray_png, "read")
g16 = rng.integers(0, 65536, (4, 5)).astype(np.uint16)
png("gray16.png", pil_bytes(Image.fromarray(g16)), "read")
pal = Image.fromarray(gray).convert("L")
pal = Image.frombytes("P", pal.size, pal.tobytes())
pal.putpalette([(i * 53) % 256 for i in range(768)])
png("palette.png", pil_bytes(pal), "read")
png("palette_with_transparency.png", pil_bytes(pal, transparency=0), "read")
bits = rng.integers(0, 2, (5, 9)).astype(bool)
png("gray1.png", pil_bytes(Image.fromarray(bits)), "read")
png("trailing_bytes_after_iend.png", gray_png + b"junk after IEND", "read")
png("gray_with_transparency.png", pil_bytes(Image.fromarray(gray), transparency=0), "read")
png("gray16_with_transparency.png", pil_bytes(Image.fromarray(g16), transparency=7), "read")
ihdr_end = 8 + 12 + 13
png("private_ancillary_chunk.png", gray_png[:ihdr_end] + chunk(b"prVt", b"ignored") + gray_png[ihdr_end:], "read")
png("unknown_critical_chunk.png", gray_png[:ihdr_end] + chunk(b"ABCD", b"must be understood")
    + gray_png[ihdr_end:], "rejected", "unknown critical chunk ABCD",
    deviation="the PNG standard says a decoder must refuse an unknown critical chunk (libpng does); PIL skips it")
png("rgb.png", pil_bytes(Image.fromarray(rng.integers(0, 256, (3, 4, 3)).astype(np.uint8))),
    "rejected", "RGB colour image, not an index mask")
png("rgba.png", pil_bytes(Image.fromarray(rng.integers(0, 256, (3, 4, 4)).astype(np.uint8))),
    "rejected", "RGBA colour image, not an index mask")
png("gray_alpha.png", pil_bytes(Image.fromarray(rng.integers(0, 256, (3, 4, 2)).astype(np.uint8))),
    "rejected", "grayscale image with alpha, not an index mask")
png("empty_file.png", b"", "rejected", "not a PNG file")
png("text_not_png.png", b"this is not a PNG image\n", "rejected", "not a PNG file")
png("wrong_signature.png", b"\x89PNX" + gray_png[4:], "rejected", "not a PNG file")
png("jpeg_signature.png", b"\xff\xd8\xff\xe0" + gray_png[4:], "rejected", "not a PNG file")
png("truncated_half.png", gray_png[:len(gray_png) // 2], "rejected", "truncated PNG")
png("truncated_after_signature.png", gray_png[:8], "rejected", "truncated PNG")
png("truncated_in_ihdr.png", gray_png[:20], "rejected", "truncated PNG")
no_iend = gray_png[:-12]
png("no_iend.png", no_iend, "rejected", "truncated PNG",
    deviation="a PNG without its IEND chunk is treated as truncated; PIL decodes what it finds")
flipped = bytearray(gray_png)
idat = gray_png.index(b"IDAT")
flipped[idat + 6] ^= 0x01
png("idat_crc_mismatch.png", bytes(flipped), "rejected", "fails its CRC check",
    deviation="every CRC is checked, as libpng does for critical chunks")
flipped = bytearray(gray_png)
flipped[gray_png.index(b"IHDR") + 6] ^= 0x40  # the width, without mending the CRC
png("ihdr_crc_mismatch.png", bytes(flipped), "rejected", "fails its CRC check")
rows = b"".join(b"\x00" + bytes(8) for _ in range(8))
png("huge_dimensions.png", png_raw(30000, 30000, 8, 0, rows), "rejected",
    "more than its", deviation="the claimed size is refused before decoding (PIL refuses it as a decompression "
    "bomb or fails on the short data)")
png("too_many_pixels.png", png_raw(100000, 100000, 8, 0, rows), "rejected", "too large for one array",
    deviation="more pixels than one Java array holds")
png("zero_width.png", png_raw(0, 4, 8, 0, b"\x00" * 4), "rejected", "each must be 1 to 2^31-1")
png("bad_bit_depth.png", png_raw(2, 2, 4, 2, b"\x00" * 10), "rejected", "bit depth 4 is not allowed")
png("bad_colour_type.png", png_raw(2, 2, 8, 5, b"\x00" * 6), "rejected", "colour type 5 does not exist")
png("palette_without_plte.png", png_raw(2, 2, 8, 3, b"\x00\x01\x02\x00\x03\x04"), "rejected",
    "without a PLTE chunk", deviation="the PNG standard requires PLTE before the data of a palette image, and "
    "libpng refuses one without it; PIL decodes it")
png("first_chunk_not_ihdr.png", b"\x89PNG\r\n\x1a\n" + chunk(b"tEXt", b"a\x00b") + gray_png[8:], "rejected",
    "not a 13-byte IHDR", deviation="the PNG standard requires IHDR first, and libpng refuses another chunk "
    "before it; PIL skips it")
png("no_idat.png", b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 2, 2, 8, 0, 0, 0, 0))
    + chunk(b"IEND", b""), "rejected", "no IDAT chunk")
png("corrupt_deflate.png", b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 2, 2, 8, 0, 0, 0, 0))
    + chunk(b"IDAT", b"\x78\x9c\xff\xff\xff\xff\xff") + chunk(b"IEND", b""), "rejected",
    "not a readable PNG image")

# ---------------------------------------------------------------- number tokens, one field each, as np.loadtxt reads them
TOKENS = ["0", "7", "-1", "+1", "00012", "1.5", ".5", "5.", "+.5", "-.5e-2", "5.e3", "1e5", "1E-5", "1e+5",
          "-1.5e-3", "1e400", "-1e400", "4e-400", "0.1", "123456789012345678901234567890", "2.5e-324",
          "1.7976931348623157e308", "nan", "NaN", "NAN", "-nan", "+nan", "inf", "-inf", "+inf", "Inf", "INF",
          "infinity", "Infinity", "-Infinity", "+infinity", "iNfInItY", " 1 ", "\t2.5", "1\u00a0", "\u00a01",
          "0x1p0", "0x10", "0.5f", "0.9d", "1d5", "1L", "1_000", "1.5.5", "1e", "1.0e", "e5", ".", "-.e1", "--1",
          "+-1", "nan(123)", "inf1", "infinit", "infinityy", "na", "1j", "1+2j", "1.5 garbage", "\u0661",
          "\uff11", "", "-", "+", "true", "1,5", "1e5.5", "Infinity1", "0b1", "1e-5 "]
tokens = []
for t in TOKENS:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            v = np.loadtxt(io.StringIO(t + "\n"), delimiter=";", ndmin=1, dtype=np.float64)
            tokens.append({"token": t, "value": jsonable([float(v[0])])[0] if v.size == 1 else None})
        except ValueError:
            tokens.append({"token": t, "value": None})
with open(os.path.join(OUT, "number_tokens.json"), "w") as f:
    json.dump({"generator": "tools/gen_bad_inputs.py", "numpy": np.__version__,
               "note": "value: what np.loadtxt reads from the token as one field; null: numpy refuses it",
               "tokens": tokens}, f, indent=1)
    f.write("\n")

with open(os.path.join(OUT, "manifest.json"), "w") as f:
    json.dump({"generator": "tools/gen_bad_inputs.py", "numpy": np.__version__, "pillow": PIL.__version__,
               "files": entries}, f, indent=1)
    f.write("\n")
print("wrote %d files to %s" % (len(entries), os.path.normpath(OUT)))
