#!/usr/bin/env python3
"""Reference retrieval metrics with numpy (seeded): every sample queries all others; neighbours ranked by
cosine similarity or Euclidean distance (stable ties by index); queries whose class has no other sample are
left out. precision@1, R-precision, MAP@R (pytorch-metric-learning's definition), MRR, Recall@k (any relevant
in the top k), NDCG@k with binary relevance. Written out from their definitions, loop by loop.

Run:  /usr/bin/python3 tools/gen_retrieval_reference.py
Writes: jaccard4j-core/src/test/resources/reference/retrieval.json
"""
import json
import math
import os

import numpy as np

OUT = os.path.join(os.path.dirname(__file__), "..", "jaccard4j-core", "src", "test", "resources", "reference",
                   "retrieval.json")
rng = np.random.default_rng(5)
KS = [1, 2, 4, 8, 16]


def metrics(e, y, distance):
    n = len(y)
    if distance == "cosine":
        nrm = np.linalg.norm(e, axis=1)
        s = (e @ e.T) / np.maximum(np.outer(nrm, nrm), np.finfo(float).tiny)
    else:
        s = -((e[:, None, :] - e[None, :, :]) ** 2).sum(-1)
    out = {"precision_at_1": [], "r_precision": [], "map_at_r": [], "mrr": []}
    rec = {k: [] for k in KS}
    nd = {k: [] for k in KS}
    for q in range(n):
        r = int((y == y[q]).sum()) - 1
        if r == 0:
            continue
        others = [i for i in range(n) if i != q]
        order = sorted(others, key=lambda i: (-s[q, i], i))
        rel = [int(y[i] == y[q]) for i in order]
        out["precision_at_1"].append(rel[0])
        out["r_precision"].append(sum(rel[:r]) / r)
        ap, hits = 0.0, 0
        for k in range(r):
            if rel[k]:
                hits += 1
                ap += hits / (k + 1)
        out["map_at_r"].append(ap / r)
        out["mrr"].append(1.0 / (rel.index(1) + 1))
        for k in KS:
            kk = min(k, n - 1)
            rec[k].append(int(any(rel[:kk])))
            dcg = sum(rel[i] / math.log2(i + 2) for i in range(kk))
            idcg = sum(1 / math.log2(i + 2) for i in range(min(r, kk)))
            nd[k].append(dcg / idcg)
    res = {k: float(np.mean(v)) for k, v in out.items()}
    for k in KS:
        res["recall_at_%d" % k] = float(np.mean(rec[k]))
        res["ndcg_at_%d" % k] = float(np.mean(nd[k]))
    res["queries"] = float(len(out["mrr"]))
    return res


def main():
    cases = []
    for t in range(40):
        n, d, c = int(rng.integers(6, 60)), int(rng.integers(2, 9)), int(rng.integers(2, 8))
        y = rng.integers(0, c, n)
        centres = rng.normal(size=(c, d)) * rng.choice([0.5, 2.0])
        e = (centres[y] + rng.normal(size=(n, d))).astype(np.float32)
        if t % 5 == 0:
            y[0] = c + 3  # a singleton class: its query is left out
        dist = "cosine" if t % 2 == 0 else "euclidean"
        cases.append({"n": n, "d": d, "embeddings": e.flatten().astype(float).tolist(), "labels": y.tolist(),
                      "distance": dist, "expected": metrics(e.astype(np.float64), y, dist)})
    with open(OUT, "w") as f:
        json.dump({"generator": "tools/gen_retrieval_reference.py", "ks": KS, "cases": cases}, f,
                  separators=(",", ":"))
        f.write("\n")
    print("wrote %d cases to %s" % (len(cases), os.path.normpath(OUT)))


if __name__ == "__main__":
    main()
