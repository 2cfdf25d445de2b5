#!/usr/bin/env python3
"""Replays the examples of scikit-learn's own jaccard_score / f1 / precision / recall tests through
scikit-learn 1.9.1 and records what it returns, in the schema of gen_sklearn_reference.py.

The inputs mirror the intent of scikit-learn's tests (sklearn/metrics/tests/test_classification.py:
test_jaccard_score_validation, test_multilabel_jaccard_score, test_multiclass_jaccard_score,
test_average_binary_jaccard_score, test_jaccard_score_zero_division_warning/_set_value, and the crafted
precision/recall/F1 examples); every expected value is what scikit-learn computes for them here.

Run (scikit-learn 1.9.1 needs numpy 2; install it into its own folder, as shared/reference/README.md does):
    /usr/bin/python3 -m pip install --target SKL_DIR --no-deps scikit-learn==1.9.1 numpy==2.4.6 scipy==1.17.1 \
        joblib==1.6.0 threadpoolctl==3.7.0 narwhals==2.26.0 cloudpickle==3.1.2
    PYTHONPATH=SKL_DIR /usr/bin/python3 tools/gen_sklearn_examples.py
Writes: jaccard4j-core/src/test/resources/reference/sklearn_examples.json
"""
import json
import math
import os
import warnings

import numpy as np
import sklearn
from sklearn.exceptions import UndefinedMetricWarning
from sklearn.metrics import f1_score, jaccard_score, precision_score, recall_score

OUT = os.path.join(os.path.dirname(__file__), "..", "jaccard4j-core", "src", "test", "resources",
                   "reference", "sklearn_examples.json")
FUNCS = {"jaccard": jaccard_score, "f1": f1_score, "precision": precision_score, "recall": recall_score}


def to_json_value(v):
    if isinstance(v, (list, tuple, np.ndarray)):
        return [to_json_value(x) for x in v]
    v = float(v)
    return "nan" if math.isnan(v) else v


def plain(v):
    if v is None:
        return None
    if isinstance(v, np.ndarray):
        return v.tolist()
    if isinstance(v, (list, tuple)):
        return [plain(x) for x in v]
    if isinstance(v, np.generic):
        return v.item()
    return v


def kind_of(y_true):
    a = np.asarray(y_true)
    if a.ndim == 2 and a.shape[1] > 1:
        return "multilabel"
    return "binary" if len(np.unique(a)) <= 2 else "multiclass"


def case(name, y_true, y_pred, metric="jaccard", average="binary", labels=None, pos_label=1,
         zero_division="warn", sample_weight=None):
    zd = {"warn": "warn", "nan": np.nan}.get(zero_division)
    kwargs = dict(average=None if average == "none" else average, pos_label=pos_label,
                  zero_division=zd if zd is not None else int(zero_division))
    if labels is not None:
        kwargs["labels"] = labels
    if sample_weight is not None:
        kwargs["sample_weight"] = sample_weight
    record = {"name": name, "kind": kind_of(y_true), "y_true": plain(y_true), "y_pred": plain(y_pred),
              "sample_weight": plain(sample_weight), "metric": metric, "average": average,
              "labels": plain(labels), "pos_label": plain(pos_label), "zero_division": str(zero_division)}
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            score = FUNCS[metric](y_true, y_pred, **kwargs)
            msgs = [str(w.message) for w in caught if issubclass(w.category, UndefinedMetricWarning)]
            notes = [str(w.message) for w in caught if w.category is UserWarning]
            record["expected"] = {"score": to_json_value(score), "warning": bool(msgs),
                                  "warning_messages": msgs, "notes": notes}
        except (ValueError, TypeError) as e:
            record["expected"] = {"error": {"type": type(e).__name__, "message": str(e)}}
    return record


def main():
    if sklearn.__version__ != "1.9.1":
        raise SystemExit("expected scikit-learn 1.9.1, found " + sklearn.__version__)
    cases = []
    # test_jaccard_score_validation
    yt = np.array([0, 1, 0, 1, 1])
    cases.append(case("validation: pos_label not a label", yt, yt, pos_label=2))
    ml_t = np.array([[0, 1, 1], [1, 0, 0]])
    ml_p = np.array([[1, 1, 1], [1, 0, 1]])
    cases.append(case("validation: binary on multilabel", ml_t, ml_p, pos_label=-1))
    mc_t = np.array([0, 1, 1, 0, 2])
    mc_p = np.array([1, 1, 1, 1, 0])
    cases.append(case("validation: binary on multiclass", mc_t, mc_p))
    cases.append(case("validation: samples on multiclass", mc_t, mc_p, average="samples"))
    cases.append(case("validation: pos_label ignored note", mc_t, mc_p, average="micro", pos_label=3))
    # test_multilabel_jaccard_score
    y1 = np.array([[0, 1, 1], [1, 0, 1]])
    y2 = np.array([[0, 0, 1], [1, 0, 1]])
    cases.append(case("multilabel samples y1 y2", y1, y2, average="samples"))
    cases.append(case("multilabel samples y1 y1", y1, y1, average="samples"))
    cases.append(case("multilabel samples y2 not y2", y2, np.logical_not(y2).astype(int), average="samples"))
    cases.append(case("multilabel samples y1 zeros", y1, np.zeros(y1.shape, dtype=int), average="samples"))
    for avg in ("macro", "micro", "samples", "none", "weighted"):
        cases.append(case("multilabel " + avg, ml_t, ml_p, average=avg))
    cases.append(case("multilabel samples labels [0,2]", ml_t, ml_p, average="samples", labels=[0, 2]))
    cases.append(case("multilabel samples labels [1,2]", ml_t, ml_p, average="samples", labels=[1, 2]))
    cases.append(case("multilabel macro y1", y1, ml_p, average="macro"))
    cases.append(case("multilabel weighted y1", y1, ml_p, average="weighted"))
    cases.append(case("multilabel labels [4] out of range", y1, ml_p, average="macro", labels=[4]))
    cases.append(case("multilabel labels [-1] out of range", y1, ml_p, average="macro", labels=[-1]))
    cases.append(case("multilabel macro ill-defined label", np.array([[0, 1]]), np.array([[0, 1]]), average="macro"))
    cases.append(case("multilabel samples ill-defined sample", np.array([[0, 0], [1, 1]]),
                      np.array([[0, 0], [1, 1]]), average="samples"))
    # test_multiclass_jaccard_score: strings vs their binarised indicator form
    st = ["ant", "ant", "cat", "cat", "ant", "cat", "bird", "bird"]
    sp = ["cat", "ant", "cat", "cat", "ant", "bird", "bird", "cat"]
    classes = ["ant", "bird", "cat"]
    bt = np.array([[int(y == c) for c in classes] for y in st])
    bp = np.array([[int(y == c) for c in classes] for y in sp])
    multi_labels = [["ant", "bird"], ["ant", "cat"], ["cat", "bird"], ["ant"], ["bird"], ["cat"], None]
    bin_labels = [[0, 1], [0, 2], [2, 1], [0], [1], [2], None]
    for avg in ("macro", "weighted", "micro", "none"):
        for ml, bl in zip(multi_labels, bin_labels):
            cases.append(case("multiclass strings %s labels %s" % (avg, ml), st, sp, average=avg, labels=ml))
            cases.append(case("multiclass as indicator %s labels %s" % (avg, bl), bt, bp, average=avg, labels=bl))
    zeros = np.zeros((3, 2), dtype=int)
    cases.append(case("multilabel all-zero weighted", zeros, zeros, average="weighted"))
    # test_average_binary_jaccard_score
    cases.append(case("binary fn only", [1], [0]))
    cases.append(case("binary all negative", [0, 0], [0, 0]))
    cases.append(case("binary pos_label 0 single", [0], [0], pos_label=0))
    bt5 = np.array([1, 0, 1, 1, 0])
    bp5 = np.array([1, 0, 1, 1, 1])
    cases.append(case("binary example", bt5, bp5))
    cases.append(case("binary example pos_label 0", bt5, bp5, pos_label=0))
    # zero division warning / set value
    zt = np.array([[1, 0, 1], [0, 0, 0]])
    zp = np.zeros((2, 3), dtype=int)
    for zd in ("warn", "0", "1"):
        cases.append(case("samples zero_division " + zd, zt, zp, average="samples", zero_division=zd))
    # crafted precision / recall / F1 examples (test_precision_recall_f1_score_multilabel_1 and binary ones)
    pt = np.array([[1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 1]])
    pp = np.array([[0, 1, 0, 0], [0, 1, 0, 0], [1, 0, 1, 0]])
    for metric in ("precision", "recall", "f1", "jaccard"):
        for avg in ("none", "micro", "macro", "weighted", "samples"):
            cases.append(case("crafted multilabel %s %s" % (metric, avg), pt, pp, metric=metric, average=avg))
    yb_t = [0, 1, 1, 0, 1, 1, 0, 0, 1, 0]
    yb_p = [0, 1, 0, 0, 1, 1, 1, 0, 0, 1]
    for metric in ("precision", "recall", "f1", "jaccard"):
        cases.append(case("binary %s" % metric, yb_t, yb_p, metric=metric))
        cases.append(case("binary %s weighted" % metric, yb_t, yb_p, metric=metric,
                          sample_weight=[1, 2, 3, 1, 2, 3, 1, 2, 3, 1]))
        cases.append(case("binary %s nothing predicted" % metric, yb_t, [0] * 10, metric=metric))
        for zd in ("warn", "0", "1"):
            cases.append(case("all negative %s zd %s" % (metric, zd), [0] * 4, [0] * 4, metric=metric,
                              zero_division=zd))
    for metric in ("precision", "recall", "f1"):
        for zd in ("warn", "0", "1"):
            cases.append(case("weighted no support %s zd %s" % (metric, zd), [0, 0, 0], [1, 0, 0], metric=metric,
                              average="weighted", labels=[1], zero_division=zd))
    doc = {"generator": "tools/gen_sklearn_examples.py", "sklearn_version": sklearn.__version__,
           "numpy_version": np.__version__, "cases": cases}
    for i, c in enumerate(cases):
        c["id"] = i
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as f:
        json.dump(doc, f, indent=None, separators=(",", ":"))
        f.write("\n")
    print("wrote %d cases to %s" % (len(cases), os.path.normpath(OUT)))


if __name__ == "__main__":
    main()
