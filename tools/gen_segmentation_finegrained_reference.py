"""Reference values for jaccard4j's fine-grained segmentation scores (issue 20): the JML authors' own evaluation
code, JDTLosses metrics/accuracy_metric.py (AccuracyMetric: Acc, mAccD/mIoUD/mDiceD, per-image I, per-class C,
worst-q % and the average over q = 10..100), called on seeded random label maps.

JDTLOSS_DIR must point at a checkout of https://github.com/zifuwanggg/JDTLosses (its metrics/ package is imported
as is; the commit is recorded in the output). Run with Debian's interpreter (python3-torch, python3-numpy):
    JDTLOSS_DIR=/path/to/JDTLosses /usr/bin/python3 tools/gen_segmentation_finegrained_reference.py
"""
import json
import math
import os
import subprocess
import sys

import numpy as np
import torch

JDT = os.environ["JDTLOSS_DIR"]
sys.path.insert(0, JDT)
from metrics.accuracy_metric import AccuracyMetric  # noqa: E402

OUT = os.path.join(os.path.dirname(__file__), "..", "jaccard4j-core", "src", "test", "resources", "reference",
                   "segmentation", "finegrained.json")


def num(x):
    x = float(x)
    if math.isnan(x):
        return "NaN"
    return x / 100.0


def main():
    rng = np.random.default_rng(21)
    cases = []
    configs = []
    for i in range(24):
        c = [2, 2, 3, 5, 4, 21][i % 6]
        binary = c == 2 and i % 12 == 0
        ignore = 255 if i % 3 == 0 else None
        n = [1, 3, 7, 12, 30][i % 5]
        configs.append((c, binary, ignore, n))
    for k, (c, binary, ignore, n) in enumerate(configs):
        h, w = 6 + k % 5, 7 + k % 4
        # skewed class frequencies so that classes are absent from some images
        p = rng.dirichlet(np.ones(c) * 0.6)
        truth = rng.choice(c, size=(n, h, w), p=p)
        pred = np.where(rng.random((n, h, w)) < 0.7, truth, rng.choice(c, size=(n, h, w)))
        if k % 4 == 1:
            pred[0] = truth[0]  # one perfect image
        if ignore is not None:
            truth = np.where(rng.random((n, h, w)) < 0.1, ignore, truth)
            if n > 2:
                truth[1] = ignore  # an image with every pixel ignored
        q = 5
        # JDTLosses needs an ignore index (None fails in add); 255 never occurs in the cases without one
        metric = AccuracyMetric(True, True, True, q, binary, c, 255 if ignore is None else ignore)
        metric.add(torch.from_numpy(pred).long(), torch.from_numpy(truth).long())
        values = {key: num(v) for key, v in metric.value().items()}
        cases.append({"id": "fg-%02d" % k, "num_classes": c, "binary": binary, "ignore_index": ignore, "q": q,
                      "shape": [n, h, w], "truth": truth.ravel().tolist(), "pred": pred.ravel().tolist(),
                      "jdtlosses": values})
    commit = subprocess.run(["git", "-C", JDT, "rev-parse", "HEAD"], capture_output=True, text=True).stdout.strip()
    doc = {"generator": "tools/gen_segmentation_finegrained_reference.py",
           "versions": {"JDTLosses": commit or "unknown", "torch": torch.__version__, "numpy": np.__version__},
           "seed": 21, "conventions": "values are JDTLosses' percentages divided by 100; NaN as the string NaN",
           "cases": cases}
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as fh:
        json.dump(doc, fh, separators=(",", ":"))
    print("wrote", OUT, len(cases), "cases")


if __name__ == "__main__":
    main()
