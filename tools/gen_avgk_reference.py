#!/usr/bin/env python3
"""Reference values for average-K classification and the two-head loss (numpy + torch 1.13, seeded).

Average-K (Garcin et al.): lambda_K = midpoint of the (nK)-th and (nK+1)-th largest of the n*C probabilities
(np.sort); sets {j : p_ij >= lambda}; average-K accuracy, mean set size, per-class accuracy, set Jaccard
(1/|S| when the true class is in S, else 0), and top-K accuracy (torch.topk; continuous random probabilities,
so no ties). Two-head loss: CE of the softmax head + BCE of the multi-label head on pseudo-labels (true class
plus the round(n(K-1)) largest softmax probabilities among the other entries of the batch), mean over samples;
value and gradients by torch autograd (pseudo-labels detached).

Run:  /usr/bin/python3 tools/gen_avgk_reference.py
Writes: jaccard4j-core/src/test/resources/reference/avgk.json
"""
import json
import os

import numpy as np
import torch

OUT = os.path.join(os.path.dirname(__file__), "..", "jaccard4j-core", "src", "test", "resources", "reference",
                   "avgk.json")
rng = np.random.default_rng(99)


def calibration_case():
    n, c = int(rng.integers(5, 40)), int(rng.integers(3, 12))
    logits = rng.normal(size=(n, c)) * rng.choice([0.5, 2.0])
    p = np.exp(logits) / np.exp(logits).sum(1, keepdims=True)
    y = rng.integers(0, c, n)
    k = float(rng.choice([1, 1.5, 2, 3]))
    k = min(k, c - 1)
    m = max(1, int(np.floor(n * k)))
    s = np.sort(p.flatten())[::-1]
    lam = (s[m - 1] + (s[m] if m < s.size else s[m - 1])) / 2
    sets = p >= lam
    hit = sets[np.arange(n), y]
    size = sets.sum(1)
    per = [float(hit[y == j].mean()) if (y == j).any() else "nan" for j in range(c)]
    kk = int(min(c, max(1, round(k))))
    top = torch.topk(torch.tensor(p), kk, dim=1).indices.numpy()
    topk = float(np.mean([y[i] in top[i] for i in range(n)]))
    return {"n": n, "c": c, "k": k, "probs": p.flatten().tolist(), "labels": y.tolist(), "lambda": float(lam),
            "accuracy": float(hit.mean()), "mean_set_size": float(size.mean()),
            "set_jaccard": float(np.mean(np.where(hit, 1.0 / np.maximum(size, 1), 0.0))), "per_class": per,
            "top_k": kk, "top_k_accuracy": topk}


def two_head_case():
    n, c = int(rng.integers(2, 12)), int(rng.integers(3, 8))
    k = float(rng.choice([1, 2, 3]))
    z = torch.tensor(rng.normal(size=(n, c)) * 2, dtype=torch.float64, requires_grad=True)
    u = torch.tensor(rng.normal(size=(n, c)) * 2, dtype=torch.float64, requires_grad=True)
    y = torch.tensor(rng.integers(0, c, n))
    p = torch.softmax(z, 1).detach().numpy()
    t = np.zeros((n, c))
    t[np.arange(n), y.numpy()] = 1
    others = [(p[i, j], i * c + j) for i in range(n) for j in range(c) if j != int(y[i])]
    others.sort(key=lambda e: (-e[0], e[1]))
    m = min(len(others), int(round(n * (k - 1))))
    for _, a in others[:m]:
        t[a // c, a % c] = 1
    tt = torch.tensor(t)
    loss = torch.nn.functional.cross_entropy(z, y) + \
        torch.nn.functional.binary_cross_entropy_with_logits(u, tt, reduction="sum") / n
    loss.backward()
    return {"n": n, "c": c, "k": k, "z": z.detach().flatten().tolist(), "u": u.detach().flatten().tolist(),
            "labels": y.tolist(), "pseudo": t.flatten().astype(int).tolist(), "value": float(loss),
            "grad_z": z.grad.flatten().tolist(), "grad_u": u.grad.flatten().tolist()}


def main():
    doc = {"generator": "tools/gen_avgk_reference.py", "torch_version": torch.__version__,
           "calibration": [calibration_case() for _ in range(80)], "two_head": [two_head_case() for _ in range(60)]}
    with open(OUT, "w") as f:
        json.dump(doc, f, separators=(",", ":"))
        f.write("\n")
    print("wrote", os.path.normpath(OUT))


if __name__ == "__main__":
    main()
