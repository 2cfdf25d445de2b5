#!/usr/bin/env python3
"""scikit-learn's type_of_target and unique_labels on ~120 random label arrays (seeded): 1-D integers (with
negatives and gaps), strings, integral floats, 2-D 0/1 indicator matrices (including single columns, which are
column vectors), 2-D integer matrices with other values (multiclass-multioutput) and non-integral floats
(continuous).

Run:  /usr/bin/python3 tools/gen_type_of_target.py
Writes: jaccard4j-core/src/test/resources/reference/type_of_target.json
"""
import json
import os

import numpy as np
import sklearn
from sklearn.utils.multiclass import type_of_target, unique_labels

OUT = os.path.join(os.path.dirname(__file__), "..", "jaccard4j-core", "src", "test", "resources",
                   "reference", "type_of_target.json")
rng = np.random.default_rng(77)


def sample(k):
    n = int(rng.integers(1, 12))
    kind = k % 6
    if kind == 0:
        c = int(rng.integers(1, 5))
        return rng.choice(np.arange(-3, 9), size=c, replace=False)[rng.integers(0, c, n)].tolist()
    if kind == 1:
        c = int(rng.integers(1, 5))
        names = np.array(["ant", "bee", "cat", "dog", "emu"])[:c]
        return names[rng.integers(0, c, n)].tolist()
    if kind == 2:
        l = int(rng.integers(1, 5))
        return (rng.random((n, l)) < 0.4).astype(int).tolist()
    if kind == 3:
        l = int(rng.integers(2, 4))
        return rng.integers(0, 4, (n, l)).tolist()
    if kind == 4:
        return (rng.integers(0, 3, n) * 1.0).tolist()
    return np.round(rng.random(n) * 3, 2).tolist()


def main():
    cases = []
    for k in range(120):
        y = sample(k)
        arr = np.asarray(y)
        t = type_of_target(arr)
        try:
            u = unique_labels(arr).tolist() if t in ("binary", "multiclass", "multilabel-indicator") else None
        except ValueError:
            u = None
        cases.append({"id": k, "y": y, "type": t, "unique_labels": u})
    with open(OUT, "w") as f:
        json.dump({"generator": "tools/gen_type_of_target.py", "sklearn_version": sklearn.__version__,
                   "cases": cases}, f, separators=(",", ":"))
        f.write("\n")
    print("wrote %d cases to %s" % (len(cases), os.path.normpath(OUT)))


if __name__ == "__main__":
    main()
