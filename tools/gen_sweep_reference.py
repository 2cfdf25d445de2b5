#!/usr/bin/env python3
"""Reference threshold curves and set overlaps from scikit-learn (seeded, deterministic).

For each random binary case (ties in scores, optional sample weights, all-positive / all-negative truths)
the expected Jaccard, F1, precision and recall at every distinct score t (predict positive when
score >= t) are computed by calling sklearn.metrics.{jaccard,f1,precision,recall}_score on the thresholded
predictions with zero_division=0 — one call per threshold, the slow and obvious way. Set cases record
jaccard_score / f1_score of two sets' indicator vectors over their union of elements.

Run:  /usr/bin/python3 tools/gen_sweep_reference.py
Writes: jaccard4j-core/src/test/resources/reference/sweep.json
"""
import json
import os
import warnings

import numpy as np
import sklearn
from sklearn.metrics import f1_score, jaccard_score, precision_score, recall_score

OUT = os.path.join(os.path.dirname(__file__), "..", "jaccard4j-core", "src", "test", "resources",
                   "reference", "sweep.json")
rng = np.random.default_rng(42)


def curve_case(i):
    n = int(rng.integers(1, 60))
    style = i % 5
    truth = (rng.random(n) < rng.choice([0.1, 0.3, 0.5])).astype(int)
    if style == 3:
        truth[:] = 1
    elif style == 4:
        truth[:] = 0
    if i % 2 == 0:
        scores = np.round(rng.random(n) * 0.6 + 0.4 * truth, 1)  # many ties
    else:
        scores = np.round(rng.random(n), 4)
    weights = None
    if i % 3 == 0:
        weights = np.round(rng.random(n) * 2, 3)
    thresholds = np.unique(scores)
    out = {"truth": truth.tolist(), "scores": scores.tolist(),
           "sample_weight": None if weights is None else weights.tolist(),
           "thresholds": thresholds.tolist(), "jaccard": [], "f1": [], "precision": [], "recall": []}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for t in thresholds:
            pred = (scores >= t).astype(int)
            for name, fn in (("jaccard", jaccard_score), ("f1", f1_score), ("precision", precision_score),
                             ("recall", recall_score)):
                out[name].append(float(fn(truth, pred, sample_weight=weights, zero_division=0)))
    return out


def set_case():
    universe = int(rng.integers(1, 40))
    a = sorted(set(int(x) for x in rng.integers(0, universe, size=int(rng.integers(0, 20)))))
    b = sorted(set(int(x) for x in rng.integers(0, universe, size=int(rng.integers(0, 20)))))
    elems = sorted(set(a) | set(b))
    if not elems:
        return None
    ya = [int(e in a) for e in elems]
    yb = [int(e in b) for e in elems]
    return {"a": a, "b": b, "jaccard": float(jaccard_score(ya, yb, zero_division=0)),
            "f1": float(f1_score(ya, yb, zero_division=0))}


def main():
    curves = [curve_case(i) for i in range(220)]
    sets = [c for c in (set_case() for _ in range(300)) if c is not None]
    doc = {"generator": "tools/gen_sweep_reference.py", "sklearn_version": sklearn.__version__,
           "curves": curves, "sets": sets}
    with open(OUT, "w") as f:
        json.dump(doc, f, separators=(",", ":"))
        f.write("\n")
    print("wrote %d curves and %d set cases to %s" % (len(curves), len(sets), os.path.normpath(OUT)))


if __name__ == "__main__":
    main()
