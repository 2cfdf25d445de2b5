#!/usr/bin/env python3
"""Writes the small example inputs shipped under examples/ (deterministic; numpy + PIL).

- examples/multiclass/y_true.csv, y_pred.csv: 60 samples of an imbalanced 4-class problem (string labels).
- examples/binary/y_true.csv, scores.csv: 200 samples with a noisy score, for `jaccard4j sweep`.
- examples/multilabel/y_true.csv, y_pred.csv: 40 samples x 5 labels (0/1 rows).
- examples/masks/true/*.png, pred/*.png: 6 palette PNG masks (64x48, classes 0..3, 255 = ignore on
  object borders, as PASCAL VOC stores them); predictions are the truth with shifted and eroded shapes.

Run: /usr/bin/python3 tools/gen_examples.py
"""
import os

import numpy as np
from PIL import Image

ROOT = os.path.join(os.path.dirname(__file__), "..", "examples")
rng = np.random.default_rng(20231122)


def write_lines(path, rows):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        for r in rows:
            f.write(r + "\n")


def multiclass():
    names = np.array(["background", "cat", "dog", "bird"])
    truth = rng.choice(4, size=60, p=[0.55, 0.2, 0.15, 0.1])
    pred = truth.copy()
    flip = rng.random(60) < 0.3
    pred[flip] = rng.choice(4, size=flip.sum())
    write_lines(os.path.join(ROOT, "multiclass", "y_true.csv"), names[truth])
    write_lines(os.path.join(ROOT, "multiclass", "y_pred.csv"), names[pred])


def binary():
    truth = (rng.random(200) < 0.25).astype(int)
    score = np.clip(0.35 * truth + rng.normal(0.35, 0.18, 200), 0, 1)
    write_lines(os.path.join(ROOT, "binary", "y_true.csv"), [str(v) for v in truth])
    write_lines(os.path.join(ROOT, "binary", "scores.csv"), ["%.4f" % v for v in score])


def multilabel():
    truth = (rng.random((40, 5)) < [0.5, 0.3, 0.2, 0.1, 0.05]).astype(int)
    pred = truth.copy()
    flip = rng.random((40, 5)) < 0.15
    pred[flip] = 1 - pred[flip]
    write_lines(os.path.join(ROOT, "multilabel", "y_true.csv"), [",".join(map(str, r)) for r in truth])
    write_lines(os.path.join(ROOT, "multilabel", "y_pred.csv"), [",".join(map(str, r)) for r in pred])


def voc_palette():
    pal = []
    for i in range(256):
        r = g = b = 0
        c = i
        for j in range(8):
            r |= ((c >> 0) & 1) << (7 - j)
            g |= ((c >> 1) & 1) << (7 - j)
            b |= ((c >> 2) & 1) << (7 - j)
            c >>= 3
        pal += [r, g, b]
    return pal


def masks():
    h, w = 48, 64
    yy, xx = np.mgrid[0:h, 0:w]
    pal = voc_palette()
    for k in range(6):
        truth = np.zeros((h, w), dtype=np.uint8)
        pred = np.zeros((h, w), dtype=np.uint8)
        for cls in (1, 2, 3):
            if rng.random() < 0.25:
                continue
            cy, cx = rng.integers(8, h - 8), rng.integers(8, w - 8)
            r = rng.integers(5, 12)
            inside = (yy - cy) ** 2 + (xx - cx) ** 2 < r * r
            truth[inside] = cls
            dy, dx = rng.integers(-3, 4, size=2)
            rp = max(3, r - rng.integers(0, 3))
            inside_p = (yy - cy - dy) ** 2 + (xx - cx - dx) ** 2 < rp * rp
            pred[inside_p] = cls if rng.random() > 0.15 else (cls % 3) + 1
        border = np.zeros_like(truth, dtype=bool)
        border[1:, :] |= truth[1:, :] != truth[:-1, :]
        border[:, 1:] |= truth[:, 1:] != truth[:, :-1]
        truth_voc = truth.copy()
        truth_voc[border] = 255
        for arr, sub in ((truth_voc, "true"), (pred, "pred")):
            img = Image.fromarray(arr, mode="P")
            img.putpalette(pal)
            os.makedirs(os.path.join(ROOT, "masks", sub), exist_ok=True)
            img.save(os.path.join(ROOT, "masks", sub, "image_%02d.png" % k))


if __name__ == "__main__":
    multiclass()
    binary()
    multilabel()
    masks()
    print("wrote examples under", os.path.normpath(ROOT))
