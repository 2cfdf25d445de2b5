#!/usr/bin/env python3
"""Reference values for segmentation IoU, computed with PyTorch (Debian's python3-torch 1.13) following
torchmetrics' formulas — torchmetrics itself is not installable here. The formulas follow torchmetrics at
commit dab033394 (github Lightning-AI/torchmetrics):

- dataset IoU: src/torchmetrics/functional/classification/jaccard.py `_jaccard_index_reduce` over the
  multiclass confusion matrix of all pixels, pixels whose target equals ignore_index removed first
  (functional/classification/confusion_matrix.py); macro gives weight 0 to the ignore class and to classes
  absent from both target and prediction; micro subtracts the ignore class's denominator; weighted uses the
  target count; zero_division 0.
- per-image IoU: src/torchmetrics/segmentation/mean_iou.py `MeanIoU.update/compute` with index input and
  include_background=True: per image and class, intersection / union; only (image, class) pairs with
  union > 0 count; the metric is the sum of their IoU over their number; per class, the same per class.
  The functional `mean_iou` per-image value (mean over the image's present classes) is recorded too, with
  its mean over images. torchmetrics' MeanIoU has no ignore_index; here ignored pixels are removed from
  both masks before counting, as for the dataset IoU.

Run:  apt-get install -y python3-torch && /usr/bin/python3 tools/gen_segmentation_reference.py
Writes: jaccard4j-core/src/test/resources/reference/segmentation.json
"""
import json
import math
import os

import torch

OUT = os.path.join(os.path.dirname(__file__), "..", "jaccard4j-core", "src", "test", "resources",
                   "reference", "segmentation.json")
g = torch.Generator().manual_seed(2023)


def nan_to_str(x):
    x = float(x)
    return "nan" if math.isnan(x) else x


def dataset_scores(target, preds, c, ignore):
    t = target.flatten()
    p = preds.flatten()
    if ignore is not None:
        keep = t != ignore
        t, p = t[keep], p[keep]
    confmat = torch.bincount(t * c + p, minlength=c * c).reshape(c, c).double()
    num = torch.diag(confmat)
    denom = confmat.sum(0) + confmat.sum(1) - num
    safe = torch.where(denom == 0, torch.zeros_like(num), num / torch.where(denom == 0, torch.ones_like(denom), denom))
    ignore_in = ignore is not None and 0 <= ignore < c
    micro_den = denom.sum() - (denom[ignore] if ignore_in else 0.0)
    micro = num.sum() / micro_den if micro_den != 0 else torch.tensor(0.0, dtype=torch.float64)
    w = torch.ones_like(safe)
    if ignore_in:
        w[ignore] = 0.0
    w[(confmat.sum(1) + confmat.sum(0)) == 0] = 0.0
    macro = ((w * safe) / w.sum()).sum()
    ws = confmat.sum(1)
    weighted = ((ws * safe) / ws.sum()).sum()
    return {"per_class": [float(x) for x in safe], "macro": nan_to_str(macro), "micro": nan_to_str(micro),
            "weighted": nan_to_str(weighted)}


def per_image_scores(target, preds, c, ignore):
    n = target.shape[0]
    inter = torch.zeros(n, c, dtype=torch.float64)
    union = torch.zeros(n, c, dtype=torch.float64)
    for i in range(n):
        t = target[i].flatten()
        p = preds[i].flatten()
        if ignore is not None:
            keep = t != ignore
            t, p = t[keep], p[keep]
        to = torch.nn.functional.one_hot(t, c).bool() if t.numel() else torch.zeros(0, c, dtype=torch.bool)
        po = torch.nn.functional.one_hot(p, c).bool() if p.numel() else torch.zeros(0, c, dtype=torch.bool)
        inter[i] = (to & po).sum(0).double()
        union[i] = to.sum(0).double() + po.sum(0).double() - inter[i]
    score = torch.where(union > 0, inter / torch.where(union > 0, union, torch.ones_like(union)), torch.zeros_like(union))
    valid = union > 0
    pooled = (score * valid).sum() / valid.sum()
    per_class = (score * valid).sum(0) / valid.sum(0)
    image_means = []
    for i in range(n):
        if valid[i].any():
            image_means.append(float((score[i] * valid[i]).sum() / valid[i].sum()))
    mean_of_means = sum(image_means) / len(image_means) if image_means else float("nan")
    return {"pooled": nan_to_str(pooled), "per_class": [nan_to_str(x) for x in per_class],
            "image_means": image_means, "mean_of_image_means": nan_to_str(mean_of_means)}


def main():
    cases = []
    for k in range(240):
        n = int(torch.randint(1, 5, (1,), generator=g))
        h = int(torch.randint(1, 17, (1,), generator=g))
        w = int(torch.randint(1, 17, (1,), generator=g))
        c = int(torch.randint(2, 7, (1,), generator=g))
        active = int(torch.randint(1, c + 1, (1,), generator=g))  # leave some classes absent everywhere
        target = torch.randint(0, active, (n, h, w), generator=g)
        noise = torch.rand((n, h, w), generator=g) < float(torch.rand(1, generator=g))
        preds = torch.where(noise, torch.randint(0, active, (n, h, w), generator=g), target)
        ignore = [None, 255, 0][k % 3]
        if ignore is not None:
            drop = torch.rand((n, h, w), generator=g) < 0.15
            if k % 17 == 0:
                drop[0] = True  # an image with every pixel ignored
            target = torch.where(drop, torch.full_like(target, ignore), target)
        if ignore == 0:
            # an in-range ignore index: class 0 is never a target class, predictions may still say 0
            pass
        cases.append({"id": k, "num_classes": c, "ignore_index": ignore, "shape": [n, h, w],
                      "target": target.flatten().tolist(), "preds": preds.flatten().tolist(),
                      "dataset": dataset_scores(target, preds, c, ignore),
                      "per_image": per_image_scores(target, preds, c, ignore)})
    doc = {"generator": "tools/gen_segmentation_reference.py", "torch_version": torch.__version__,
           "torchmetrics_formulas_from": "Lightning-AI/torchmetrics@dab033394", "cases": cases}
    with open(OUT, "w") as f:
        json.dump(doc, f, separators=(",", ":"))
        f.write("\n")
    print("wrote %d cases to %s" % (len(cases), os.path.normpath(OUT)))


if __name__ == "__main__":
    main()
