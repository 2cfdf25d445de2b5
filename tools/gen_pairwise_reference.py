#!/usr/bin/env python3
"""Reference values and autograd gradients (torch 1.13, float64, seeded) of the pairwise losses in
io.jaccard4j.pairwise, written from their definitions (pytorch-metric-learning's, which is not installable
here): contrastive (margins, non-zero averaging per part), triplet margin over all valid triplets (non-zero
averaging), NT-Xent over positive pairs; distances cosine, dot, euclidean.

Run:  /usr/bin/python3 tools/gen_pairwise_reference.py
Writes: jaccard4j-core/src/test/resources/reference/pairwise.json
"""
import json
import os

import numpy as np
import torch

OUT = os.path.join(os.path.dirname(__file__), "..", "jaccard4j-core", "src", "test", "resources", "reference",
                   "pairwise.json")
rng = np.random.default_rng(8)


def matrix(e, dist):
    if dist == "cosine":
        u = e / e.norm(dim=1, keepdim=True).clamp_min(1e-12)
        return u @ u.T
    if dist == "dot":
        return e @ e.T
    diff = e[:, None, :] - e[None, :, :]
    return (diff * diff).sum(-1).clamp_min(1e-300).sqrt()


def loss(kind, e, y, dist, a, b):
    m = matrix(e, dist)
    n = len(y)
    sim = dist != "euclidean"
    same = torch.tensor([[bool(y[i] == y[j]) and i != j for j in range(n)] for i in range(n)])
    diff = torch.tensor([[bool(y[i] != y[j]) for j in range(n)] for i in range(n)])
    if kind == "contrastive":
        lp = torch.relu(a - m) if sim else torch.relu(m - a)
        ln = torch.relu(m - b) if sim else torch.relu(b - m)
        lp = lp[same]
        ln = ln[diff]
        pos = lp.sum() / max(int((lp > 0).sum()), 1)
        neg = ln.sum() / max(int((ln > 0).sum()), 1)
        return pos + neg
    if kind == "triplet":
        terms = []
        for i in range(n):
            for p in range(n):
                if not same[i, p]:
                    continue
                for q in range(n):
                    if diff[i, q]:
                        terms.append(torch.relu(m[i, q] - m[i, p] + a) if sim else torch.relu(m[i, p] - m[i, q] + a))
        t = torch.stack(terms)
        return t.sum() / max(int((t > 0).sum()), 1)
    terms = []
    for i in range(n):
        for p in range(n):
            if not same[i, p]:
                continue
            logits = torch.cat([m[i, p].reshape(1), m[i][diff[i]]]) / a
            terms.append(-torch.log_softmax(logits, 0)[0])
    return torch.stack(terms).mean()


def main():
    cases = []
    for t in range(60):
        kind = ["contrastive", "triplet", "ntxent"][t % 3]
        dist = ["cosine", "dot", "euclidean"][(t // 3) % 3]
        if kind == "ntxent" and dist == "euclidean":
            dist = "cosine"
        n, d = int(rng.integers(4, 10)), int(rng.integers(2, 6))
        y = rng.integers(0, 3, n)
        y[0] = y[1]  # at least one positive pair
        y[2] = (y[0] + 1) % 3  # and one negative
        e = torch.tensor(rng.normal(size=(n, d)), dtype=torch.float64, requires_grad=True)
        a, b = {"contrastive": (0.6 if dist != "euclidean" else 0.5, 0.2 if dist != "euclidean" else 1.5),
                "triplet": (0.3, 0.0), "ntxent": (0.5, 0.0)}[kind]
        l = loss(kind, e, list(y), dist, a, b)
        l.backward()
        cases.append({"kind": kind, "distance": dist, "n": n, "d": d, "labels": y.tolist(), "a": a, "b": b,
                      "embeddings": e.detach().flatten().tolist(), "value": float(l),
                      "gradient": e.grad.flatten().tolist()})
    with open(OUT, "w") as f:
        json.dump({"generator": "tools/gen_pairwise_reference.py", "cases": cases}, f, separators=(",", ":"))
        f.write("\n")
    print("wrote %d cases to %s" % (len(cases), os.path.normpath(OUT)))


if __name__ == "__main__":
    main()
