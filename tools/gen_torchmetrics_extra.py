#!/usr/bin/env python3
"""Extra cases from the real torchmetrics 1.9.0 for the rules the shared reference file
(shared/reference/torchmetrics-1.9.0.json) does not pin down: multilabel ignore_index inside the label
range with every average, every target ignored (Jaccard NaN, F1 0), the sigmoid decision before/after the
ignore mask, probabilities equal to the threshold, arg-max ties, torchmetrics' default average, 2-D index
masks, MeanIoU per_class with never-present classes, DiceScore weighted rows without support, and argument
errors.

Setup (Debian interpreter: numpy 1.24, torch 1.13; torchmetrics from the local package index):
    /usr/bin/python3 -m pip install --target TM_DIR --no-deps torchmetrics==1.9.0 lightning-utilities==0.15.3
Run:
    PYTHONPATH=TM_DIR /usr/bin/python3 tools/gen_torchmetrics_extra.py \
        > jaccard4j-core/src/test/resources/reference/torchmetrics-extra.json

Same schema as the shared file: {classification_cases[], segmentation_cases[]} with id, metric, task, kwargs,
preds/target {dtype, shape, values}, result {value, shape, dtype} or error {type, message}, warnings.
Values come from torchmetrics only.
"""
import json
import math
import warnings

import numpy as np
import torch
import torchmetrics
from torchmetrics import classification as tmc
from torchmetrics import segmentation as tms

assert torchmetrics.__version__ == "1.9.0", torchmetrics.__version__
SEED = 7


def fl(x):
    x = float(x)
    if math.isnan(x):
        return "NaN"
    if math.isinf(x):
        return "Infinity" if x > 0 else "-Infinity"
    return x


def tensor(t):
    v = t.tolist()

    def conv(x):
        return [conv(y) for y in x] if isinstance(x, list) else (fl(x) if isinstance(x, float) else x)

    return {"dtype": str(t.dtype).replace("torch.", ""), "shape": list(t.shape), "values": conv(v)}


def run(cls, kwargs, preds, target):
    out = {"metric": cls.__name__, "kwargs": kwargs, "preds": tensor(preds), "target": tensor(target),
           "result": None, "error": None, "warnings": []}
    with warnings.catch_warnings(record=True) as ws:
        warnings.simplefilter("always")
        try:
            m = cls(**kwargs)
            m.update(preds, target)
            r = m.compute()
            val = r.tolist()
            out["result"] = {"value": [fl(x) for x in val] if isinstance(val, list) else fl(val),
                             "shape": list(r.shape), "dtype": str(r.dtype).replace("torch.", "")}
        except Exception as e:  # noqa: BLE001 - the exception is the reference
            out["error"] = {"type": type(e).__name__, "message": str(e)}
    out["warnings"] = [{"category": w.category.__name__, "message": str(w.message)} for w in ws
                       if "lightning" not in str(w.filename)]
    return out


TASK = {"Binary": "binary", "Multiclass": "multiclass", "Multilabel": "multilabel"}


def cls_case(cls, kwargs, preds, target, note):
    c = run(cls, kwargs, preds, target)
    c["task"] = next(v for k, v in TASK.items() if cls.__name__.startswith(k))
    c["note"] = note
    return c


def main():
    g = torch.Generator().manual_seed(SEED)
    rng = np.random.default_rng(SEED)
    cc = []
    # multilabel ignore_index inside the label range, every average, Jaccard and F1
    for ii in (0, 1):
        for avg in ("micro", "macro", "weighted", "none"):
            for cls in (tmc.MultilabelJaccardIndex, tmc.MultilabelF1Score):
                t = torch.randint(0, 2, (12, 3), generator=g)
                p = torch.randint(0, 2, (12, 3), generator=g)
                cc.append(cls_case(cls, {"num_labels": 3, "average": avg, "ignore_index": ii}, p, t,
                                   "multilabel ignore_index in the label range"))
    # every target ignored
    for cls, kw in ((tmc.MulticlassJaccardIndex, {"num_classes": 3}), (tmc.MulticlassF1Score, {"num_classes": 3}),
                    (tmc.MultilabelJaccardIndex, {"num_labels": 3}), (tmc.MultilabelF1Score, {"num_labels": 3})):
        for avg in ("micro", "macro", "weighted", "none"):
            for zd in (0, 1):
                if "labels" in str(kw):
                    t = torch.full((4, 3), 255)
                    p = torch.randint(0, 2, (4, 3), generator=g)
                else:
                    t = torch.full((6,), 255)
                    p = torch.randint(0, 3, (6,), generator=g)
                cc.append(cls_case(cls, dict(kw, average=avg, ignore_index=255, zero_division=zd), p, t,
                                   "every target ignored"))
    # logits only at ignored positions: JaccardIndex decides on the kept entries, F1Score on all
    t = torch.tensor([0, 1, 1, 0, 255, 1, 0, 255])
    p = torch.tensor([0.2, 0.7, 0.45, 0.9, 3.0, 0.6, 0.1, -2.0], dtype=torch.float64)
    for cls in (tmc.BinaryJaccardIndex, tmc.BinaryF1Score):
        cc.append(cls_case(cls, {"ignore_index": 255}, p, t, "out-of-range scores only where ignored"))
    # probabilities equal to the threshold (p > t is positive)
    for th in (0.5, 0.3):
        t = torch.tensor([1, 1, 0, 1, 0, 1])
        p = torch.tensor([th, th, th, 0.9, 0.1, 0.0], dtype=torch.float64)
        for cls in (tmc.BinaryJaccardIndex, tmc.BinaryF1Score):
            cc.append(cls_case(cls, {"threshold": th}, p, t, "scores equal to the threshold"))
        tl = torch.tensor([[1, 0], [1, 1], [0, 1]])
        pl = torch.tensor([[th, 0.9], [th, th], [0.2, th]], dtype=torch.float64)
        cc.append(cls_case(tmc.MultilabelJaccardIndex, {"num_labels": 2, "threshold": th, "average": "none"}, pl, tl,
                           "scores equal to the threshold"))
    # arg-max ties: the first maximum
    t = torch.tensor([0, 1, 2, 1])
    p = torch.tensor([[0.4, 0.4, 0.2], [0.3, 0.3, 0.3], [0.1, 0.45, 0.45], [0.5, 0.5, 0.0]], dtype=torch.float64)
    for avg in ("micro", "none"):
        cc.append(cls_case(tmc.MulticlassJaccardIndex, {"num_classes": 3, "average": avg}, p, t, "arg-max ties"))
    # torchmetrics' default average (macro) and zero_division (0)
    for cls, kw, shape, hi in ((tmc.MulticlassJaccardIndex, {"num_classes": 4}, (15,), 4),
                               (tmc.MulticlassF1Score, {"num_classes": 4}, (15,), 4),
                               (tmc.MultilabelJaccardIndex, {"num_labels": 3}, (9, 3), 2),
                               (tmc.MultilabelF1Score, {"num_labels": 3}, (9, 3), 2)):
        t = torch.randint(0, hi, shape, generator=g)
        p = torch.randint(0, hi, shape, generator=g)
        cc.append(cls_case(cls, kw, p, t, "default average"))
    # multiclass F1 with ignore_index inside the class range
    for avg in ("micro", "macro", "weighted", "none"):
        t = torch.randint(0, 4, (20,), generator=g)
        p = torch.randint(0, 4, (20,), generator=g)
        cc.append(cls_case(tmc.MulticlassF1Score, {"num_classes": 4, "average": avg, "ignore_index": 1}, p, t,
                           "F1 ignore_index inside the class range"))
    # multilabel (N, L, H, W) logits
    t = torch.randint(0, 2, (2, 3, 2, 3), generator=g)
    p = torch.tensor(rng.normal(0, 2, (2, 3, 2, 3)))
    for avg in ("micro", "macro"):
        cc.append(cls_case(tmc.MultilabelJaccardIndex, {"num_labels": 3, "average": avg}, p, t,
                           "multilabel logits (N, L, H, W)"))
    # argument and value errors
    t = torch.tensor([0, 1, 1, 0])
    p = torch.tensor([0.2, 0.8, 0.6, 0.4], dtype=torch.float64)
    cc.append(cls_case(tmc.BinaryJaccardIndex, {"threshold": 1.5}, p, t, "threshold outside [0, 1]"))
    cc.append(cls_case(tmc.BinaryF1Score, {"zero_division": 0.5}, p, t, "zero_division not 0 or 1"))
    cc.append(cls_case(tmc.MulticlassJaccardIndex, {"num_classes": 1}, t, t, "num_classes < 2"))
    cc.append(cls_case(tmc.MultilabelJaccardIndex, {"num_labels": 3}, torch.tensor([[0, 1], [1, 1]]),
                       torch.tensor([[0, 1], [1, 0]]), "num_labels differs from dimension 1"))
    cc.append(cls_case(tmc.MulticlassJaccardIndex, {"num_classes": 3}, torch.tensor([[0, 1, 0], [1, 0, 0]]),
                       torch.tensor([1, 0]), "integer preds with a class axis"))
    cc.append(cls_case(tmc.BinaryF1Score, {}, torch.tensor([0, 2, 1]), torch.tensor([0, 1, 1]),
                       "integer preds outside {0, 1}"))

    sc = []

    def seg(cls, kwargs, preds, target, note):
        c = run(cls, kwargs, preds, target)
        c["note"] = note
        sc.append(c)

    # MeanIoU: a 2-D index mask is one image; a class present in no image gives -1 per class
    t2 = torch.randint(0, 3, (6, 7), generator=g)
    p2 = torch.randint(0, 3, (6, 7), generator=g)
    for pc in (False, True):
        for bg in (True, False):
            seg(tms.MeanIoU, {"num_classes": 3, "per_class": pc, "include_background": bg, "input_format": "index"},
                p2, t2, "2-D index mask: one image")
            t3 = torch.randint(0, 3, (2, 5, 6), generator=g)
            p3 = torch.randint(0, 3, (2, 5, 6), generator=g)
            seg(tms.MeanIoU, {"num_classes": 5, "per_class": pc, "include_background": bg, "input_format": "index"},
                p3, t3, "classes 3 and 4 present in no image")
    # DiceScore: 2-D index (N, L); a sample with predictions but no target pixel of the scored classes
    t = torch.tensor([[0, 0, 0, 0], [1, 2, 2, 0], [0, 0, 0, 0]])
    p = torch.tensor([[1, 0, 2, 0], [1, 2, 0, 0], [0, 0, 0, 0]])
    for avg in ("micro", "macro", "weighted", "none"):
        for lvl in ("samplewise", "global"):
            seg(tms.DiceScore, {"num_classes": 3, "include_background": False, "average": avg,
                                "aggregation_level": lvl, "input_format": "index"}, p, t,
                "2-D index (N, L); sample 0 has predictions but no support, sample 2 is empty")
    # float one-hot (scores) are arg-maxed over dimension 1
    ti = torch.randint(0, 3, (2, 4, 5), generator=g)
    t_oh = torch.nn.functional.one_hot(ti, 3).movedim(-1, 1)
    p_sc = torch.tensor(rng.random((2, 3, 4, 5)))
    seg(tms.MeanIoU, {"per_class": True, "include_background": True, "input_format": "one-hot"}, p_sc, t_oh,
        "float one-hot preds: arg-max over dimension 1")
    seg(tms.DiceScore, {"num_classes": 3, "average": "macro", "input_format": "one-hot"}, p_sc, t_oh,
        "float one-hot preds: arg-max over dimension 1")

    doc = {"generator": "tools/gen_torchmetrics_extra.py", "seed": SEED,
           "versions": {"torchmetrics": torchmetrics.__version__, "torch": torch.__version__,
                        "numpy": np.__version__},
           "classification_cases": [dict(c, id="x-cls-%04d" % i) for i, c in enumerate(cc)],
           "segmentation_cases": [dict(c, id="x-seg-%04d" % i) for i, c in enumerate(sc)]}
    print(json.dumps(doc, separators=(",", ":")))


if __name__ == "__main__":
    main()
