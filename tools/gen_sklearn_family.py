#!/usr/bin/env python3
"""More scikit-learn 1.9.1 cases for the classification family next to jaccard_score: accuracy_score,
balanced_accuracy_score, hamming_loss, zero_one_loss, matthews_corrcoef, cohen_kappa_score,
multilabel_confusion_matrix, top_k_accuracy_score and classification_report — the latter both as
output_dict=True and as the printed text (digits 2, 3, 4). Inputs are seeded: integer labels with gaps and
negatives, string labels, multilabel indicators, single-class and single-sample inputs, constant predictions,
labels lists with absent labels, sample weights with zeros; every value, warning and exception is what
scikit-learn returned or raised.

The output has the schema of ../shared/reference/sklearn-1.9.1.json (cases[]: id, function, data_kind, args,
kwargs, sample_weight_kind, result, result_kind, error, warnings), so the same replay reads both.

Run (scikit-learn 1.9.1 needs numpy 2; install it into its own folder):
    /usr/bin/python3 -m pip install --target SKL_DIR --no-deps scikit-learn==1.9.1 numpy==2.4.6 scipy==1.17.1 \\
        joblib==1.6.0 threadpoolctl==3.7.0 narwhals==2.26.0 cloudpickle==3.1.2
    PYTHONPATH=SKL_DIR /usr/bin/python3 tools/gen_sklearn_family.py
Writes: jaccard4j-core/src/test/resources/reference/sklearn_family.json
"""
import json
import math
import os
import warnings

import numpy as np
import sklearn
from sklearn import metrics as skm

OUT = os.path.join(os.path.dirname(__file__), "..", "jaccard4j-core", "src", "test", "resources",
                   "reference", "sklearn_family.json")
rng = np.random.default_rng(20261205)
WORDS = ["apple", "kiwi", "fig", "plum", "pear", "lime"]


def to_json(x):
    if isinstance(x, np.ndarray):
        return to_json(x.tolist())
    if isinstance(x, (list, tuple)):
        return [to_json(v) for v in x]
    if isinstance(x, dict):
        return {str(k): to_json(v) for k, v in x.items()}
    if isinstance(x, (bool, np.bool_)):
        return bool(x)
    if isinstance(x, (int, np.integer)):
        return int(x)
    if isinstance(x, (float, np.floating)):
        x = float(x)
        if math.isnan(x):
            return "NaN"
        if math.isinf(x):
            return "Infinity" if x > 0 else "-Infinity"
        return x
    if isinstance(x, np.str_):
        return str(x)
    return x


def targets(kind):
    n = int(rng.integers(1, 26))
    if kind == "binary":
        vals = [[0, 1], [-1, 1], [3, 7]][int(rng.integers(0, 3))]
        t = np.array(vals)[rng.integers(0, 2, n)]
        p = np.where(rng.random(n) < 0.6, t, np.array(vals)[rng.integers(0, 2, n)])
        return t, p, vals
    if kind == "binary-str":
        vals = ["no", "yes"]
        t = np.array(vals)[rng.integers(0, 2, n)]
        p = np.where(rng.random(n) < 0.6, t, np.array(vals)[rng.integers(0, 2, n)])
        return t, p, vals
    if kind == "multiclass":
        c = int(rng.integers(3, 7))
        vals = sorted(int(v) for v in rng.choice(np.arange(-3, 15), size=c, replace=False))
        t = np.array(vals)[rng.integers(0, c, n)]
        p = np.where(rng.random(n) < 0.5, t, np.array(vals)[rng.integers(0, c, n)])
        return t, p, vals
    if kind == "multiclass-str":
        c = int(rng.integers(3, 7))
        vals = sorted(WORDS[:c])
        t = np.array(vals)[rng.integers(0, c, n)]
        p = np.where(rng.random(n) < 0.5, t, np.array(vals)[rng.integers(0, c, n)])
        return t, p, vals
    if kind == "single-class":
        v = [0, 5, "kiwi"][int(rng.integers(0, 3))]
        t = np.array([v] * n)
        p = np.array([v] * n) if rng.random() < 0.5 else np.array([v] * (n - 1) + [v])
        return t, p, [v]
    if kind == "constant-pred":
        t, p, vals = targets("multiclass" if rng.random() < 0.5 else "binary")
        return t, np.full_like(p, p[0]), vals
    # multilabel
    l = int(rng.integers(2, 6))
    t = (rng.random((n, l)) < 0.4).astype(int)
    p = np.where(rng.random((n, l)) < 0.7, t, 1 - t)
    if rng.random() < 0.2:
        t[:, 0] = 0
        p[:, 0] = 0
    return t, p, list(range(l))


def weights(n):
    r = rng.random()
    if r < 0.45:
        return None, None
    w = np.round(rng.random(n) * 3, 3)
    if r < 0.75:
        return w, "random"
    if r < 0.95:
        w[rng.random(n) < 0.4] = 0.0
        return w, "with_zeros"
    return np.zeros(n), "all_zero"


def some_labels(universe, multilabel):
    if multilabel:
        k = int(rng.integers(1, len(universe) + 1))
        return sorted(int(v) for v in rng.choice(len(universe), size=k, replace=False))
    extra = ["zzz"] if isinstance(universe[0], str) else [max(universe) + 1]
    pool = list(universe) + extra
    k = int(rng.integers(1, len(pool) + 1))
    return [pool[i] for i in rng.choice(len(pool), size=k, replace=False)]


def call(fn, args, kwargs):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            out = fn(*args, **kwargs)
            res, err = to_json(out), None
            kind = "dict" if isinstance(out, dict) else "text" if isinstance(out, str) else (
                "array" if isinstance(out, np.ndarray) else "scalar")
        except Exception as e:  # recorded, as the library raised it
            res, kind = None, None
            err = {"type": type(e).__name__, "message": str(e)}
    warns = [{"category": w.category.__name__, "message": str(w.message)} for w in caught]
    return res, kind, err, warns


def main():
    if sklearn.__version__ != "1.9.1":
        raise SystemExit("expected scikit-learn 1.9.1, found " + sklearn.__version__)
    cases = []

    def record(fname, kind, a, b, kw, wkind, names=("y_true", "y_pred")):
        res, rkind, err, warns = call(getattr(skm, fname), [a, b], kw)
        cases.append({"id": "fam-%04d" % len(cases), "function": fname, "data_kind": kind,
                      "args": {names[0]: to_json(a), names[1]: to_json(b)}, "kwargs": to_json(kw),
                      "sample_weight_kind": wkind, "result": res, "result_kind": rkind, "error": err,
                      "warnings": warns})

    label_kinds = ["binary", "binary-str", "multiclass", "multiclass-str", "single-class", "constant-pred"]
    for _ in range(60):
        for fname in ["accuracy_score", "balanced_accuracy_score", "hamming_loss", "zero_one_loss",
                      "matthews_corrcoef", "cohen_kappa_score", "multilabel_confusion_matrix",
                      "classification_report"]:
            kinds = label_kinds + (["multilabel"] if fname not in ("balanced_accuracy_score", "cohen_kappa_score")
                                   else [])
            kind = kinds[int(rng.integers(0, len(kinds)))]
            t, p, universe = targets(kind)
            kw = {}
            w, wkind = weights(len(t))
            if w is not None:
                kw["sample_weight"] = w
            if fname in ("accuracy_score", "zero_one_loss") and rng.random() < 0.3:
                kw["normalize"] = False
            if fname == "balanced_accuracy_score":
                kw["adjusted"] = bool(rng.random() < 0.5)
            if fname == "cohen_kappa_score":
                kw["weights"] = [None, "linear", "quadratic"][int(rng.integers(0, 3))]
                if rng.random() < 0.3:
                    kw["labels"] = some_labels(universe, False)
            if fname == "multilabel_confusion_matrix":
                kw["samplewise"] = bool(kind == "multilabel" and rng.random() < 0.5)
                if rng.random() < 0.3:
                    kw["labels"] = some_labels(universe, kind == "multilabel")
            if fname == "classification_report":
                kw["output_dict"] = bool(rng.random() < 0.4)
                if not kw["output_dict"]:
                    kw["digits"] = [2, 2, 3, 4][int(rng.integers(0, 4))]
                kw["zero_division"] = ["warn", 0, 1, np.nan][int(rng.integers(0, 4))]
                if rng.random() < 0.3:
                    kw["labels"] = some_labels(universe, kind == "multilabel")
            names = ("y1", "y2") if fname == "cohen_kappa_score" else ("y_true", "y_pred")
            record(fname, kind, t, p, kw, wkind, names)
    for _ in range(80):
        n = int(rng.integers(1, 26))
        kw = {"k": int(rng.integers(1, 5))}
        if rng.random() < 0.25:
            kind = "binary"
            t = rng.integers(0, 2, n)
            score = np.round(rng.random(n) * (1 if rng.random() < 0.6 else 4) - (0 if rng.random() < 0.7 else 2), 1)
        else:
            kind = "multiclass"
            c = int(rng.integers(3, 7))
            str_labels = rng.random() < 0.3
            t = rng.integers(0, c, n)
            score = np.round(rng.random((n, c)), 1)
            if rng.random() < 0.3:
                t[t == c - 1] = 0
                kw["labels"] = list(range(c))
            if str_labels:
                names = np.array(sorted(WORDS[:c]))
                t = names[t]
                if "labels" in kw:
                    kw["labels"] = list(names)
        if rng.random() < 0.25:
            kw["normalize"] = False
        w, wkind = weights(n)
        if w is not None:
            kw["sample_weight"] = w
        record("top_k_accuracy_score", kind, t, score, kw, wkind, ("y_true", "y_score"))
    # deterministic edges: labels=[], one sample, empty inputs, absent labels, constant scores
    ml_t = np.array([[0, 1], [1, 1]])
    ml_p = np.array([[1, 1], [0, 1]])
    mc_t = np.array([0, 1, 2])
    mc_p = np.array([0, 1, 1])
    edges = [
        ("f1_score", "multilabel", ml_t, ml_p, {"average": "macro", "labels": []}),
        ("jaccard_score", "multilabel", ml_t, ml_p, {"average": "micro", "labels": []}),
        ("multilabel_confusion_matrix", "multilabel", ml_t, ml_p, {"labels": []}),
        ("multilabel_confusion_matrix", "multiclass", mc_t, mc_p, {"labels": []}),
        ("jaccard_score", "multiclass", mc_t, mc_p, {"average": "micro", "labels": []}),
        ("f1_score", "multiclass", mc_t, mc_p, {"average": None, "labels": []}),
        ("cohen_kappa_score", "multiclass", mc_t, mc_p, {"labels": []}),
        ("classification_report", "multiclass", mc_t, mc_p, {"labels": [], "output_dict": True}),
        ("accuracy_score", "multiclass", np.array([], dtype=int), np.array([], dtype=int), {}),
        ("matthews_corrcoef", "binary", np.array([1]), np.array([1]), {}),
        ("balanced_accuracy_score", "binary", np.array([1]), np.array([0]), {"adjusted": True}),
        ("balanced_accuracy_score", "binary", np.array([1, 1]), np.array([1, 1]), {"adjusted": True}),
        ("cohen_kappa_score", "multiclass", mc_t, mc_p, {"labels": [2, 9]}),
        ("cohen_kappa_score", "multiclass", mc_t, mc_p, {"labels": [9]}),
        ("cohen_kappa_score", "multiclass", np.array([0, 1, 2, 2]), np.array([2, 1, 0, 0]),
         {"labels": [2, 0, 1], "weights": "linear"}),
        ("hamming_loss", "multilabel", ml_t, ml_p, {"sample_weight": np.array([0.0, 2.5])}),
        ("classification_report", "multilabel", ml_t, ml_p, {"labels": [1], "digits": 3}),
        ("classification_report", "multiclass-str", np.array(["a", "b", "longer name"]),
         np.array(["a", "a", "longer name"]), {"digits": 0}),
        ("classification_report", "multiclass", mc_t, mc_p, {"labels": [0, 1], "zero_division": np.nan}),
    ]
    for fname, kind, a, b, kw in edges:
        names = ("y1", "y2") if fname == "cohen_kappa_score" else ("y_true", "y_pred")
        record(fname, kind, a, b, kw, "random" if "sample_weight" in kw else None, names)
    for t, score, kw in [
        (np.array([0, 1, 2, 2]), np.full((4, 3), 0.5), {"k": 1}),
        (np.array([0, 1, 2, 2]), np.full((4, 3), 0.5), {"k": 2}),
        (np.array([0, 1, 1, 0]), np.array([0.5, 0.5, 0.7, 0.2]), {"k": 1}),
        (np.array([0, 1, 1, 0]), np.array([-1.0, 2.0, 0.0, 0.5]), {"k": 1}),
        (np.array([3, 5, 5]), np.array([0.1, 0.9, 0.4]), {"k": 1, "labels": [3, 5]}),
        (np.array(["b", "a", "c"]), np.array([[0.2, 0.3, 0.5], [0.1, 0.1, 0.8], [0.3, 0.3, 0.4]]), {"k": 1}),
        (np.array([0, 1, 2]), np.eye(3), {"k": 1, "labels": [2, 1, 0]}),
        (np.array([0, 1, 2]), np.eye(3), {"k": 1, "labels": [0, 1, 1]}),
        (np.array([0, 1, 3]), np.eye(3), {"k": 1, "labels": [0, 1, 2]}),
        (np.array([0, 1, 2]), np.eye(3), {"k": 1, "labels": [0, 1, 2, 3]}),
    ]:
        record("top_k_accuracy_score", "edge", t, score, kw, None, ("y_true", "y_score"))
    doc = {"generator": "tools/gen_sklearn_family.py", "versions": {"scikit-learn": sklearn.__version__,
                                                                   "numpy": np.__version__},
           "cases": cases}
    with open(OUT, "w") as f:
        json.dump(doc, f, separators=(",", ":"), allow_nan=False)
        f.write("\n")
    print("wrote %d cases (%d errors) to %s" % (len(cases), sum(1 for c in cases if c["error"]),
                                                os.path.normpath(OUT)))


if __name__ == "__main__":
    main()
