#!/usr/bin/env python3
"""Reference scores for many classes (the O(C) class-count state), from scikit-learn 1.9.1.

Two cases, seeded and deterministic:
  dense  - 40,000 int32 labels drawn from 0..19,999 (predictions: 60 % equal to the truth, else random);
  sparse - 30,000 int64 labels drawn from 6,000 ids spread over 0..2^31-2 (hash/sort encoding, no window).
For each: jaccard_score / f1_score / precision_score / recall_score with average micro, macro, weighted and
zero_division=0, plus labels=[3 ids, one absent] with average=None.

Run (scikit-learn 1.9.1 from the local wheel index, see tools/README.md):
  PYTHONPATH=/opt/ref/skl python3 tools/gen_many_classes_reference.py
Writes: jaccard4j-core/src/test/resources/reference/many_classes/{dense,sparse}_{true,pred}.npy and cases.json
"""
import json
import os

import numpy as np
import sklearn
from sklearn.metrics import f1_score, jaccard_score, precision_score, recall_score

OUT = os.path.join(os.path.dirname(__file__), "..", "jaccard4j-core", "src", "test", "resources", "reference",
                   "many_classes")
FUNCS = {"jaccard": jaccard_score, "f1": f1_score, "precision": precision_score, "recall": recall_score}


def predictions(rng, truth, pool):
    keep = rng.random(truth.shape[0]) < 0.6
    return np.where(keep, truth, rng.choice(pool, truth.shape[0])).astype(truth.dtype)


def main():
    os.makedirs(OUT, exist_ok=True)
    rng = np.random.default_rng(20261205)
    dense_t = rng.integers(0, 20000, 40000).astype(np.int32)
    dense_p = predictions(rng, dense_t, np.arange(20000, dtype=np.int32))
    ids = np.unique(rng.integers(0, 2**31 - 1, 6000)).astype(np.int64)
    sparse_t = rng.choice(ids, 30000)
    sparse_p = predictions(rng, sparse_t, ids)
    cases = []
    for name, t, p in (("dense", dense_t, dense_p), ("sparse", sparse_t, sparse_p)):
        np.save(os.path.join(OUT, name + "_true.npy"), t)
        np.save(os.path.join(OUT, name + "_pred.npy"), p)
        absent = int(t.max()) + 1
        chosen = [int(t[0]), int(t[1]), int(p[2]), absent]
        for metric, f in FUNCS.items():
            for average in ("micro", "macro", "weighted"):
                cases.append({"data": name, "metric": metric, "average": average, "labels": None,
                              "result": float(f(t, p, average=average, zero_division=0))})
            per = f(t, p, labels=chosen, average=None, zero_division=0)
            cases.append({"data": name, "metric": metric, "average": "none", "labels": chosen,
                          "result": [float(v) for v in per]})
    with open(os.path.join(OUT, "cases.json"), "w") as fh:
        json.dump({"generator": "tools/gen_many_classes_reference.py", "versions": {
            "scikit-learn": sklearn.__version__, "numpy": np.__version__}, "zero_division": 0,
            "cases": cases}, fh, indent=1)


if __name__ == "__main__":
    main()
