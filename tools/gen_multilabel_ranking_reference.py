#!/usr/bin/env python3
"""scikit-learn's label_ranking_loss and coverage_error on random multilabel scores (seeded, with ties and
all-zero / all-one rows).

Run:  /usr/bin/python3 tools/gen_multilabel_ranking_reference.py
Writes: jaccard4j-core/src/test/resources/reference/multilabel_ranking.json
"""
import json
import os

import numpy as np
from sklearn.metrics import coverage_error, label_ranking_loss

OUT = os.path.join(os.path.dirname(__file__), "..", "jaccard4j-core", "src", "test", "resources", "reference",
                   "multilabel_ranking.json")
rng = np.random.default_rng(12)


def main():
    cases = []
    for t in range(60):
        n, l = int(rng.integers(1, 20)), int(rng.integers(2, 8))
        y = (rng.random((n, l)) < 0.35).astype(int)
        if t % 4 == 0:
            y[0, :] = 1
        if t % 5 == 0:
            y[-1, :] = 0
        s = np.round(rng.random((n, l)), 1 if t % 2 else 4)  # coarse rounding makes ties
        cases.append({"n": n, "l": l, "truth": y.flatten().tolist(), "scores": s.flatten().tolist(),
                      "ranking_loss": float(label_ranking_loss(y, s)), "coverage": float(coverage_error(y, s))})
    with open(OUT, "w") as f:
        json.dump({"generator": "tools/gen_multilabel_ranking_reference.py", "cases": cases}, f, separators=(",", ":"))
        f.write("\n")
    print("wrote %d cases to %s" % (len(cases), os.path.normpath(OUT)))


if __name__ == "__main__":
    main()
