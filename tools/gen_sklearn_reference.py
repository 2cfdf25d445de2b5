#!/usr/bin/env python3
"""Random reference cases for jaccard_score / f1_score / precision_score / recall_score, from the installed
scikit-learn (Debian bookworm: 1.2.1). Seeded and deterministic.

Covers binary targets ({0,1}, {-1,1}, strings with pos_label), multiclass targets (ints with gaps and
negatives, strings), multilabel indicators (2..6 labels, empty rows/columns), every metric x average
(including the invalid combinations, recorded as errors), label subsets with absent and reordered labels
(column subsets for multilabel), sample weights (some zero), zero_division warn/0/1/nan, single samples and
all-negative inputs.

zero_division="nan" does not exist in scikit-learn 1.2. Its expected values are derived from scikit-learn
itself: an entry (per label, or per sample for average="samples", each sample scored alone) is ill-defined
exactly when scikit-learn's results with zero_division=0 and zero_division=1 differ; ill-defined entries are
NaN, and averages drop NaN entries with their weights as scikit-learn >= 1.3 does (sklearn.utils.extmath.
_nanaverage: all-NaN gives NaN; all-zero weights fall back to the unweighted mean). "micro" and "binary" have
a single entry. Where 1.2 special-cases "weighted" with zero total support, the nan variant reports NaN for
the entries that differ between 0 and 1.

Run:  apt-get install -y python3-sklearn && /usr/bin/python3 tools/gen_sklearn_reference.py
Writes: jaccard4j-core/src/test/resources/reference/sklearn_scores.json  (schema: see tools/README.md)
"""
import json
import math
import os
import sys
import warnings

import numpy as np
import sklearn
from sklearn.exceptions import UndefinedMetricWarning

sys.path.insert(0, os.path.dirname(__file__))
from gen_sklearn_examples import FUNCS, case, plain, to_json_value  # noqa: E402

OUT = os.path.join(os.path.dirname(__file__), "..", "jaccard4j-core", "src", "test", "resources",
                   "reference", "sklearn_scores.json")
AVERAGES = ["binary", "micro", "macro", "weighted", "samples", "none"]
METRICS = ["jaccard", "f1", "precision", "recall"]
rng = np.random.default_rng(1234567)


def call(metric, y_true, y_pred, average, labels, pos_label, zero_division, sample_weight):
    kwargs = dict(average=None if average == "none" else average, pos_label=pos_label,
                  zero_division=zero_division)
    if labels is not None:
        kwargs["labels"] = labels
    if sample_weight is not None:
        kwargs["sample_weight"] = sample_weight
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return FUNCS[metric](y_true, y_pred, **kwargs)


def nanaverage(values, weights):
    values = np.asarray(values, dtype=float)
    if values.size == 0:
        return float("nan")
    keep = ~np.isnan(values)
    if not keep.any():
        return float("nan")
    if weights is None:
        return float(np.average(values[keep]))
    w = np.asarray(weights, dtype=float)[keep]
    if w.sum() == 0:
        return float(np.average(values[keep]))
    return float(np.average(values[keep], weights=w))


def nan_case(name, y_true, y_pred, metric, average, labels, pos_label, sample_weight):
    """The zero_division='nan' expectation, derived from scikit-learn's 0 and 1 results."""
    record = case(name, y_true, y_pred, metric=metric, average=average, labels=labels, pos_label=pos_label,
                  zero_division="0", sample_weight=sample_weight)
    record["zero_division"] = "nan"
    if "error" in record["expected"]:
        return record
    if average == "samples":
        yt = np.asarray(y_true)
        yp = np.asarray(y_pred)
        per = []
        for i in range(len(yt)):
            a = call(metric, yt[i:i + 1], yp[i:i + 1], "samples", labels, pos_label, 0, None)
            b = call(metric, yt[i:i + 1], yp[i:i + 1], "samples", labels, pos_label, 1, None)
            per.append(float("nan") if a != b else float(a))
            if sample_weight is not None and sample_weight[i] == 0:
                per[-1] = float("nan")  # a zero-weight sample's counts are all zero: ill-defined
        score = nanaverage(per, sample_weight)
    else:
        a = np.atleast_1d(call(metric, y_true, y_pred, "none" if average not in ("micro", "binary") else average,
                               labels if average != "binary" else None, pos_label, 0, sample_weight))
        b = np.atleast_1d(call(metric, y_true, y_pred, "none" if average not in ("micro", "binary") else average,
                               labels if average != "binary" else None, pos_label, 1, sample_weight))
        per = np.where(a != b, np.nan, a).astype(float)
        if average == "none":
            record["expected"] = {"score": to_json_value(per), "warning": False, "warning_messages": [],
                                  "notes": record["expected"].get("notes", [])}
            return record
        if average in ("micro", "binary"):
            score = float(per[0])
        elif average == "macro":
            score = nanaverage(per, None)
        else:  # weighted by support (true instances)
            support = support_of(y_true, y_pred, labels, sample_weight)
            score = nanaverage(per, support)
    record["expected"] = {"score": to_json_value(score), "warning": False, "warning_messages": [],
                          "notes": record["expected"].get("notes", [])}
    return record


def support_of(y_true, y_pred, labels, sample_weight):
    from sklearn.metrics import multilabel_confusion_matrix
    mcm = multilabel_confusion_matrix(y_true, y_pred, labels=labels, sample_weight=sample_weight)
    return mcm[:, 1, 0] + mcm[:, 1, 1]


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
        if zd == "nan":
            rec = nan_case(name, t, p, metric, average, labels, pos_label, w)
        else:
            rec = case(name, t, p, metric=metric, average=average, labels=labels, pos_label=pos_label,
                       zero_division=zd, sample_weight=w)
        if "error" in rec["expected"] and rec["expected"]["error"]["type"] not in ("ValueError",):
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
