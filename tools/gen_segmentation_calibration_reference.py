"""Calibration references for jaccard4j's core calibration scores (issue 20), computed with PyTorch float64 from
the definitions, on seeded probability maps (softmax of random logits, some rows exactly one-hot, some labels the
ignore index 255) and classification scores:
  ECE, equal width: bin = min(B-1, floor(p* B)); sum_b n_b/N |acc_b - conf_b| (p* = max prob, hit = argmax == y)
  ECE, equal mass: samples sorted by p* (stable), numpy.array_split into B bins, same sum
  class-wise ECE: mean over classes k of the equal-width ECE of p_k with hit [y == k]
  Brier: mean over samples of sum_k (p_k - [y == k])^2
  NLL: mean of -log(clip(p_y, eps, 1 - eps)), eps = finfo(float64).eps
Run:  /usr/bin/python3 tools/gen_segmentation_calibration_reference.py
Writes: jaccard4j-core/src/test/resources/reference/segmentation/calibration.json
"""
import json
import os

import numpy as np
import torch

OUT = os.path.join(os.path.dirname(__file__), "..", "jaccard4j-core", "src", "test", "resources", "reference",
                   "segmentation", "calibration.json")
EPS = float(np.finfo(np.float64).eps)


def top_ece_width(conf, hit, bins):
    idx = torch.clamp((conf * bins).long(), max=bins - 1)
    n = conf.numel()
    e = 0.0
    for b in range(bins):
        m = idx == b
        if m.any():
            e += float(m.sum()) / n * abs(float(hit[m].double().mean()) - float(conf[m].mean()))
    return float(e)


def top_ece_mass(conf, hit, bins):
    order = np.argsort(conf.numpy(), kind="stable")
    n = conf.numel()
    e = 0.0
    for part in np.array_split(order, bins):
        if len(part):
            idx = torch.from_numpy(part)
            e += len(part) / n * abs(float(hit[idx].double().mean()) - float(conf[idx].mean()))
    return e


def scores(prob, labels, bins):
    """prob: (S, C) float64, labels: (S,) with the ignored samples already removed"""
    conf, pred = prob.max(1)
    hit = pred == labels
    c = prob.shape[1]
    onehot = torch.nn.functional.one_hot(labels, c).double()
    return {
        "ece_width": top_ece_width(conf, hit, bins),
        "ece_mass": top_ece_mass(conf, hit, bins),
        "classwise_ece": float(np.mean([top_ece_width(prob[:, k], labels == k, bins) for k in range(c)])),
        "brier": float(((prob - onehot) ** 2).sum(1).mean()),
        "nll": float(-torch.log(prob.gather(1, labels[:, None]).clamp(EPS, 1 - EPS)).mean()),
    }


def main():
    g = torch.Generator().manual_seed(22)
    cases = []
    for k in range(14):
        bins = [15, 10, 7][k % 3]
        c = [2, 3, 5, 4][k % 4]
        scale = [0.5, 2.0, 6.0][k % 3]
        if k % 2 == 0:  # probability maps (N, C, H, W)
            n, h, w = 3, 4 + k % 3, 5
            logits = torch.randn((n, c, h, w), generator=g, dtype=torch.float64) * scale
            prob = torch.softmax(logits, 1)
            if k % 4 == 0:
                prob[0, :, 0, 0] = 0.0
                prob[0, 1, 0, 0] = 1.0  # an exactly one-hot pixel: confidence 1 goes to the last bin
            labels = torch.randint(0, c, (n, h, w), generator=g)
            labels[torch.rand((n, h, w), generator=g) < 0.1] = 255
            flat_p = prob.permute(0, 2, 3, 1).reshape(-1, c)
            flat_y = labels.reshape(-1)
            kind = "map"
        else:  # classification scores (N, C)
            n = 40
            prob = torch.softmax(torch.randn((n, c), generator=g, dtype=torch.float64) * scale, 1)
            labels = torch.randint(0, c, (n,), generator=g)
            flat_p, flat_y = prob, labels
            kind = "scores"
        keep = flat_y != 255
        case = {"id": "cal-%02d" % k, "kind": kind, "shape": list(prob.shape), "bins": bins, "ignore_index": 255,
                "probs": prob.flatten().tolist(), "labels": labels.flatten().tolist()}
        case.update(scores(flat_p[keep], flat_y[keep], bins))
        cases.append(case)
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as fh:
        json.dump({"generator": "tools/gen_segmentation_calibration_reference.py", "seed": 22,
                   "versions": {"torch": torch.__version__, "numpy": np.__version__}, "cases": cases}, fh,
                  separators=(",", ":"))
    print("wrote", OUT, len(cases), "cases")


if __name__ == "__main__":
    main()
