#!/usr/bin/env python3
"""Reference values and autograd gradients (torch, float64, seeded) of io.jaccard4j.pairwise.RankingLosses,
from their definitions: RankNet pairwise logistic loss per query (mean over ordered pairs with higher
relevance first), BP-MLL (mean over samples of exp(-(s_k - s_l)) over relevant x irrelevant pairs, normalised
by |Y+||Y-|; samples without both kinds contribute 0 but count in the mean), and the reweighted univariate
multi-label ranking loss (softplus(-s) / |Y+| over relevant, softplus(s) / |Y-| over irrelevant labels).

Run:  /usr/bin/python3 tools/gen_ranking_reference.py
Writes: jaccard4j-core/src/test/resources/reference/ranking.json
"""
import json
import os

import numpy as np
import torch
import torch.nn.functional as F

OUT = os.path.join(os.path.dirname(__file__), "..", "jaccard4j-core", "src", "test", "resources", "reference",
                   "ranking.json")
rng = np.random.default_rng(21)


def ranknet(s, r):
    terms = []
    n, l = r.shape
    for q in range(n):
        for i in range(l):
            for j in range(l):
                if r[q, i] > r[q, j]:
                    terms.append(F.softplus(-(s[q, i] - s[q, j])))
    return torch.stack(terms).mean()


def bpmll(s, y):
    n, l = y.shape
    total = s.sum() * 0
    for i in range(n):
        pos = [k for k in range(l) if y[i, k]]
        neg = [k for k in range(l) if not y[i, k]]
        if not pos or not neg:
            continue
        acc = sum(torch.exp(-(s[i, k] - s[i, m])) for k in pos for m in neg)
        total = total + acc / (len(pos) * len(neg))
    return total / n


def univariate(s, y):
    n, l = y.shape
    total = s.sum() * 0
    for i in range(n):
        pos = [k for k in range(l) if y[i, k]]
        neg = [k for k in range(l) if not y[i, k]]
        for k in pos:
            total = total + F.softplus(-s[i, k]) / len(pos)
        for k in neg:
            total = total + F.softplus(s[i, k]) / len(neg)
    return total / n


def main():
    cases = []
    for t in range(45):
        kind = ["ranknet", "bpmll", "univariate"][t % 3]
        n, l = int(rng.integers(1, 6)), int(rng.integers(2, 7))
        s = torch.tensor(rng.normal(size=(n, l)) * 2, dtype=torch.float64, requires_grad=True)
        if kind == "ranknet":
            target = rng.integers(0, 3, (n, l)).astype(float)
            target[0, 0], target[0, 1] = 2, 0
            value = ranknet(s, target)
        else:
            target = (rng.random((n, l)) < 0.4).astype(float)
            target[0, 0], target[0, 1] = 1, 0
            value = bpmll(s, target) if kind == "bpmll" else univariate(s, target)
        value.backward()
        cases.append({"kind": kind, "n": n, "l": l, "scores": s.detach().flatten().tolist(),
                      "target": target.flatten().tolist(), "value": float(value), "gradient": s.grad.flatten().tolist()})
    with open(OUT, "w") as f:
        json.dump({"generator": "tools/gen_ranking_reference.py", "cases": cases}, f, separators=(",", ":"))
        f.write("\n")
    print("wrote %d cases to %s" % (len(cases), os.path.normpath(OUT)))


if __name__ == "__main__":
    main()
