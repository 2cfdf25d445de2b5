#!/usr/bin/env python3
"""Random reference cases for jaccard_score / f1_score / precision_score / recall_score, from scikit-learn
1.9.1. Seeded and deterministic.

Covers binary targets ({0,1}, {-1,1}, strings with pos_label), multiclass targets (ints with gaps and
negatives, strings), multilabel indicators (2..6 labels, empty rows/columns), every metric x average
(including the invalid combinations, recorded as errors), label subsets with absent and reordered labels
(column subsets for multilabel), sample weights (some zero), zero_division warn/0/1/nan, single samples and
all-negative inputs.

Every expectation is what scikit-learn 1.9.1 returns or raises, zero_division=np.nan included (jaccard_score
rejects it with InvalidParameterError, recorded as an error). Until this version the file pinned scikit-learn
1.2.1 and derived the zero_division="nan" expectations; the inputs (same seed, same draws) are unchanged.

Run (scikit-learn 1.9.1 needs numpy 2; install it into its own folder, as shared/reference/README.md does):
    /usr/bin/python3 -m pip install --target SKL_DIR --no-deps scikit-learn==1.9.1 numpy==2.4.6 scipy==1.17.1 \
        joblib==1.6.0 threadpoolctl==3.7.0 narwhals==2.26.0 cloudpickle==3.1.2
    PYTHONPATH=SKL_DIR /usr/bin/python3 tools/gen_sklearn_reference.py
Writes: jaccard4j-core/src/test/resources/reference/sklearn_scores.json  (schema: see tools/README.md)
"""
import json
import os
import sys

import numpy as np
import sklearn

sys.path.insert(0, os.path.dirname(__file__))
from gen_sklearn_examples import case, plain  # noqa: E402

OUT = os.path.join(os.path.dirname(__file__), "..", "jaccard4j-core", "src", "test", "resources",
                   "reference", "sklearn_scores.json")
AVERAGES = ["binary", "micro", "macro", "weighted", "samples", "none"]
METRICS = ["jaccard", "f1", "precision", "recall"]
rng = np.random.default_rng(1234567)


def random_binary():
    n = int(rng.integers(1, 30))
    style = rng.integers(0, 4)
    if style == 0:
        vals, pos = [0, 1], 1
    elif style == 1:
        vals, pos = [-1, 1], 1
    elif style == 2:
        vals, pos = ["neg", "pos"], "pos"
    else:
        vals, pos = [0, 1], 0
    p_true = rng.choice([0.0, 0.1, 0.5, 0.9])
    t = [vals[int(rng.random() < p_true)] for _ in range(n)]
    p = [vals[int(rng.random() < 0.5)] for _ in range(n)]
    return t, p, pos, vals


def random_multiclass():
    n = int(rng.integers(1, 40))
    c = int(rng.integers(3, 7))
    if rng.random() < 0.4:
        classes = ["c%d" % k for k in rng.permutation(10)[:c]]
    else:
        classes = sorted(int(x) for x in rng.choice(np.arange(-3, 12), size=c, replace=False))
    probs = rng.dirichlet(np.ones(c) * 0.7)
    t = [classes[k] for k in rng.choice(c, size=n, p=probs)]
    noise = rng.random()
    p = [x if rng.random() > noise else classes[int(rng.integers(0, c))] for x in t]
    return t, p, classes


def random_multilabel():
    n = int(rng.integers(1, 25))
    l = int(rng.integers(2, 7))
    density = rng.choice([0.05, 0.2, 0.5, 0.8])
    t = (rng.random((n, l)) < density).astype(int)
    p = t.copy()
    flip = rng.random((n, l)) < rng.choice([0.0, 0.1, 0.3, 0.6])
    p[flip] = 1 - p[flip]
    if rng.random() < 0.2:
        t[:, int(rng.integers(0, l))] = 0
    if rng.random() < 0.2:
        p[int(rng.integers(0, n)), :] = 0
    return t.tolist(), p.tolist(), l


def weights(n):
    r = rng.random()
    if r < 0.55:
        return None
    w = np.round(rng.random(n) * 3, 3)
    if r < 0.7:
        w[rng.random(n) < 0.2] = 0.0
    return [float(x) for x in w]


def label_subset(classes, kind):
    r = rng.random()
    if r < 0.5:
        return None
    if kind == "multilabel":
        pool = list(range(classes))
        if r > 0.95:
            return [classes]  # out of range column: an error
    else:
        pool = list(classes)
        if r > 0.8:
            pool = pool + (["absent"] if isinstance(pool[0], str) else [99])
    k = int(rng.integers(1, len(pool) + 1))
    return [plain(x) for x in rng.permutation(np.array(pool, dtype=object))[:k]]


def main():
    if sklearn.__version__ != "1.9.1":
        raise SystemExit("expected scikit-learn 1.9.1, found " + sklearn.__version__)
    cases = []
    zds = ["warn", "0", "1", "nan"]
    target = 3600
    i = 0
    while len(cases) < target:
        kind = ["binary", "multiclass", "multilabel"][i % 3]
        i += 1
        if kind == "binary":
            t, p, pos, vals = random_binary()
            labels = None if rng.random() < 0.7 else [plain(v) for v in rng.permutation(np.array(vals, dtype=object))[:int(rng.integers(1, 3))]]
            pos_label = pos if rng.random() < 0.9 else (2 if not isinstance(pos, str) else "other")
        elif kind == "multiclass":
            t, p, classes = random_multiclass()
            labels = label_subset(classes, kind)
            pos_label = 1 if rng.random() < 0.85 else classes[0]
        else:
            t, p, l = random_multilabel()
            labels = label_subset(l, kind)
            pos_label = 1
        w = weights(len(t))
        metric = METRICS[int(rng.integers(0, 4))]
        average = AVERAGES[int(rng.integers(0, 6))]
        zd = zds[int(rng.integers(0, 4))]
        name = "random %s %s %s zd=%s" % (kind, metric, average, zd)
        rec = case(name, t, p, metric=metric, average=average, labels=labels, pos_label=pos_label,
                   zero_division=zd, sample_weight=w)
        if "error" in rec["expected"] and rec["expected"]["error"]["type"] not in ("ValueError", "InvalidParameterError"):
            continue  # TypeErrors from mixed label types inside numpy are not part of the contract
        rec["kind"] = kind
        cases.append(rec)
    for k, c in enumerate(cases):
        c["id"] = k
    doc = {"generator": "tools/gen_sklearn_reference.py", "sklearn_version": sklearn.__version__,
           "numpy_version": np.__version__, "cases": cases}
    with open(OUT, "w") as f:
        json.dump(doc, f, separators=(",", ":"))
        f.write("\n")
    errors = sum("error" in c["expected"] for c in cases)
    print("wrote %d cases (%d errors) to %s" % (len(cases), errors, os.path.normpath(OUT)))


if __name__ == "__main__":
    main()
