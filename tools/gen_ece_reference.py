#!/usr/bin/env python3
"""Expected calibration error of pixel-wise top-1 predictions, computed with PyTorch (seeded): confidence =
max softmax over the class axis, 15 equal-width bins over [0, 1] (confidence 1.0 in the last bin),
ECE = sum_b n_b / N * |acc_b - conf_b|, pixels whose label is the ignore index (255) left out.

Run:  /usr/bin/python3 tools/gen_ece_reference.py
Writes: jaccard4j-djl/src/test/resources/reference/ece.json
"""
import json
import os

import torch

OUT = os.path.join(os.path.dirname(__file__), "..", "jaccard4j-djl", "src", "test", "resources", "reference",
                   "ece.json")
g = torch.Generator().manual_seed(15)


def ece(logits, labels, bins=15, ignore=255):
    prob = torch.softmax(logits.double(), 1)
    conf, pred = prob.max(1)
    keep = labels != ignore
    conf, pred, lab = conf[keep], pred[keep], labels[keep]
    idx = torch.clamp((conf * bins).long(), max=bins - 1)
    total = 0.0
    for b in range(bins):
        m = idx == b
        n = int(m.sum())
        if n:
            acc = float((pred[m] == lab[m]).double().mean())
            cf = float(conf[m].mean())
            total += n / conf.numel() * abs(acc - cf)
    return total


def main():
    cases = []
    for k in range(12):
        n, c, h, w = 2, int(torch.randint(2, 6, (1,), generator=g)), 4, 5
        scale = [0.3, 1.0, 3.0][k % 3]
        logits = torch.randn((n, c, h, w), generator=g) * scale
        labels = torch.randint(0, c, (n, h, w), generator=g)
        labels[torch.rand((n, h, w), generator=g) < 0.1] = 255
        cases.append({"shape": [n, c, h, w], "logits": logits.flatten().tolist(), "labels": labels.flatten().tolist(),
                      "ece": ece(logits, labels)})
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as f:
        json.dump({"generator": "tools/gen_ece_reference.py", "torch_version": torch.__version__, "bins": 15,
                   "ignore_index": 255, "cases": cases}, f, separators=(",", ":"))
        f.write("\n")
    print("wrote %d cases to %s" % (len(cases), os.path.normpath(OUT)))


if __name__ == "__main__":
    main()
