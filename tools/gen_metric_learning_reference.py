#!/usr/bin/env python3
"""Reference values and autograd gradients (torch, float64, seeded) of the composable metric-learning pieces in
io.jaccard4j.metriclearning, written from their definitions in torch (pytorch-metric-learning's formulas and its
2.9.0 conventions -- miners measure with their own distance, triplets read as pairs keep repeats, pair losses give 0
when every index list holds at most one pair, contrastive and multi-similarity score negatives without positives,
SupCon has one element per anchor and averages the non-zero ones by default -- implemented below, element by
element, with explicit loops; the real library's output is replayed from pml-2.9.0.json by PmlReplayTest):

  distances  cosine, dot (optionally normalised), Lp (p = 1, 2, 3; normalised or not)
  miners     all pairs, all triplets, batch-hard, semi-hard (0 < c_ap - c_an <= margin), multi-similarity (epsilon)
  reducers   mean, mean over non-zero, per-anchor mean
  losses     contrastive, triplet margin, multi-similarity, NT-Xent, SupCon, Recall@k surrogate (with and without
             similarity mixup), and the pairwise cross-entropy (PCE) diagnostic of Boudiaf et al. 2020

Each case records the inputs, the miner's tuples (mined on the detached matrix), the loss value and d loss / d
embeddings from autograd.

Run:  /usr/bin/python3 tools/gen_metric_learning_reference.py
Writes: jaccard4j-core/src/test/resources/reference/metric_learning.json
"""
import json
import os

import numpy as np
import torch

OUT = os.path.join(os.path.dirname(__file__), "..", "jaccard4j-core", "src", "test", "resources", "reference",
                   "metric_learning.json")
rng = np.random.default_rng(20240507)
torch.set_default_dtype(torch.float64)


# ---------------------------------------------------------------- distances
def matrix(e, dist):
    # PML normalises with torch.nn.functional.normalize(p=self.p): the p-norm for LpDistance, 2 for the similarities
    q = dist["p"] if dist["kind"] == "lp" else 2
    norm = e.norm(dim=1, keepdim=True) if q == 2 else e.norm(p=q, dim=1, keepdim=True)
    u = e / norm.clamp_min(1e-12) if dist["normalize"] else e
    if dist["kind"] in ("cosine", "dot"):
        return u @ u.T
    p = dist["p"]
    diff = u[:, None, :] - u[None, :, :]
    s = diff.abs().pow(p).sum(-1)
    pos = s > 0
    safe = torch.where(pos, s, torch.ones_like(s))
    return torch.where(pos, safe.pow(1.0 / p), torch.zeros_like(s))


def is_sim(dist):
    return dist["kind"] in ("cosine", "dot")


# ---------------------------------------------------------------- tuples and miners
def all_pairs(y):
    n = len(y)
    pa, pp, na, nn = [], [], [], []
    for a in range(n):
        for b in range(n):
            if a == b:
                continue
            if y[a] == y[b]:
                pa.append(a); pp.append(b)
            else:
                na.append(a); nn.append(b)
    return {"type": "pairs", "a1": pa, "p": pp, "a2": na, "n": nn}


def all_triplets(y):
    n = len(y)
    ta, tp, tn = [], [], []
    for a in range(n):
        for b in range(n):
            if b == a or y[b] != y[a]:
                continue
            for c in range(n):
                if y[c] != y[a]:
                    ta.append(a); tp.append(b); tn.append(c)
    return {"type": "triplets", "a": ta, "p": tp, "n": tn}


def as_pairs(t):
    if t["type"] == "pairs":
        return t
    # PML's convert_to_pairs: (a, p, a, n), repeats kept
    return {"type": "pairs", "a1": list(t["a"]), "p": list(t["p"]), "a2": list(t["a"]), "n": list(t["n"])}


def as_triplets(t):
    if t["type"] == "triplets":
        return t
    ta, tp, tn = [], [], []
    for a, p in zip(t["a1"], t["p"]):
        for a2, q in zip(t["a2"], t["n"]):
            if a2 == a:
                ta.append(a); tp.append(p); tn.append(q)
    return {"type": "triplets", "a": ta, "p": tp, "n": tn}


# PML: a miner measures with its own distance -- LpDistance() (normalised L2) by default, cosine for the
# multi-similarity miner -- not the loss's
MINER_DISTANCE = {"batch_hard": {"kind": "lp", "p": 2, "normalize": True},
                  "semihard": {"kind": "lp", "p": 2, "normalize": True},
                  "multi_similarity": {"kind": "cosine", "p": 0, "normalize": True}}


def mine(miner, e, y):
    n = len(y)
    kind = miner["kind"]
    dist = MINER_DISTANCE.get(kind, {"kind": "cosine", "p": 0, "normalize": True})
    sim = is_sim(dist)
    m = matrix(e, dist)
    c = (m if sim else -m).detach().numpy()
    if kind == "all_pairs":
        return all_pairs(y)
    if kind == "all_triplets":
        return all_triplets(y)
    if kind == "batch_hard":
        ta, tp, tn = [], [], []
        for a in range(n):
            pos = [j for j in range(n) if j != a and y[j] == y[a]]
            neg = [j for j in range(n) if y[j] != y[a]]
            if pos and neg:
                ta.append(a)
                tp.append(min(pos, key=lambda j: c[a, j]))
                tn.append(max(neg, key=lambda j: c[a, j]))
        return {"type": "triplets", "a": ta, "p": tp, "n": tn}
    if kind == "semihard":
        t = all_triplets(y)
        keep = [i for i, (a, p, q) in enumerate(zip(t["a"], t["p"], t["n"]))
                if 0 < c[a, p] - c[a, q] <= miner["margin"]]
        return {"type": "triplets", "a": [t["a"][i] for i in keep], "p": [t["p"][i] for i in keep],
                "n": [t["n"][i] for i in keep]}
    # multi-similarity miner
    eps = miner["epsilon"]
    pa, pp, na, nn = [], [], [], []
    for a in range(n):
        pos = [c[a, j] for j in range(n) if j != a and y[j] == y[a]]
        neg = [c[a, j] for j in range(n) if y[j] != y[a]]
        min_pos = min(pos) if pos else float("inf")
        max_neg = max(neg) if neg else float("-inf")
        for j in range(n):
            if j == a:
                continue
            if y[j] == y[a]:
                if c[a, j] - eps < max_neg:
                    pa.append(a); pp.append(j)
            elif c[a, j] + eps > min_pos:
                na.append(a); nn.append(j)
    return {"type": "pairs", "a1": pa, "p": pp, "a2": na, "n": nn}


# ---------------------------------------------------------------- reducers
def reduce(kind, losses, anchors):
    if not losses:
        return None
    t = torch.stack(losses)
    if kind == "mean":
        return t.mean()
    if kind == "avg_non_zero":
        c = int((t > 0).sum())
        return t.sum() / c if c > 0 else t.sum() * 0
    groups = {}
    for l, a in zip(losses, anchors):
        groups.setdefault(a, []).append(l)
    return torch.stack([torch.stack(g).mean() for g in groups.values()]).mean()


def zero_like(e):
    return (e * 0).sum()


# ---------------------------------------------------------------- losses
def loss(spec, e, y):
    dist = spec["distance"]
    m = matrix(e, dist)
    sim = is_sim(dist)
    close = m if sim else -m
    n = len(y)
    miner = spec["miner"]
    kind = spec["loss"]
    prm = spec["params"]
    red = spec["reducer"]
    tuples = None if miner["kind"] == "none" else mine(miner, e, y)
    if kind == "triplet":
        t = all_triplets(y) if tuples is None else as_triplets(tuples)
        if not t["a"]:
            return zero_like(e), tuples
        ls, an = [], []
        for a, p, q in zip(t["a"], t["p"], t["n"]):
            v = m[a, q] - m[a, p] if sim else m[a, p] - m[a, q]
            ls.append(torch.relu(v + prm["margin"])); an.append(a)
        return reduce(red, ls, an), tuples
    if kind == "recall_at_k":
        return recall_at_k(m, y, prm, red), tuples
    t = all_pairs(y) if tuples is None else as_pairs(tuples)
    # PML's GenericPairLoss: 0 when every index list holds at most one entry
    if all(len(t[k]) <= 1 for k in ("a1", "p", "a2", "n")):
        return zero_like(e), tuples
    # mat-based losses (multi-similarity, SupCon) read the pairs as masks: a repeated pair counts once
    pos = {a: sorted({p for a2, p in zip(t["a1"], t["p"]) if a2 == a}) for a in range(n)}
    neg = {a: sorted({q for a2, q in zip(t["a2"], t["n"]) if a2 == a}) for a in range(n)}
    # pair-based NT-Xent counts every listed negative pair
    neg_listed = {a: [q for a2, q in zip(t["a2"], t["n"]) if a2 == a] for a in range(n)}
    if kind == "contrastive":
        lp = [torch.relu(prm["pos_margin"] - m[a, p]) if sim else torch.relu(m[a, p] - prm["pos_margin"])
              for a, p in zip(t["a1"], t["p"])]
        ln = [torch.relu(m[a, q] - prm["neg_margin"]) if sim else torch.relu(prm["neg_margin"] - m[a, q])
              for a, q in zip(t["a2"], t["n"])]
        # a batch without positive pairs still scores its negative pairs (PML)
        total = zero_like(e)
        if lp:
            total = total + reduce(red, lp, t["a1"])
        if ln:
            total = total + reduce(red, ln, t["a2"])
        return total, tuples
    if kind == "multi_similarity":
        al, be, base = prm["alpha"], prm["beta"], prm["base"]
        ls = []
        for a in range(n):
            v = zero_like(e)
            if pos[a]:
                x = torch.stack([m[a, p] for p in pos[a]])
                ex = -al * (x - base) if sim else al * (x - base)
                v = v + torch.logsumexp(torch.cat([torch.zeros(1), ex]), 0) / al
            if neg[a]:
                x = torch.stack([m[a, q] for q in neg[a]])
                ex = be * (x - base) if sim else -be * (x - base)
                v = v + torch.logsumexp(torch.cat([torch.zeros(1), ex]), 0) / be
            ls.append(v)
        return reduce(red, ls, list(range(n))), tuples
    tau = prm["temperature"]
    if kind == "ntxent":
        if not t["a1"] or not t["a2"]:
            return zero_like(e), tuples
        ls, an = [], []
        for a, p in zip(t["a1"], t["p"]):
            logits = torch.stack([close[a, p]] + [close[a, q] for q in neg_listed[a]]) / tau
            ls.append(-torch.log_softmax(logits, 0)[0]); an.append(a)
        return reduce(red, ls, an), tuples
    if kind == "supcon":
        # PML: 0 without any positive or any negative pair; else one element per anchor, 0 without positives
        if not any(pos.values()) or not any(neg.values()):
            return zero_like(e), tuples
        ls, an = [], []
        for a in range(n):
            if not pos[a]:
                ls.append(zero_like(e)); an.append(a)
                continue
            ks = pos[a] + neg[a]
            denom = torch.logsumexp(torch.stack([close[a, k] for k in ks]) / tau, 0)
            ls.append(torch.stack([denom - close[a, p] / tau for p in pos[a]]).mean()); an.append(a)
        return reduce(red, ls, an), tuples
    raise ValueError(kind)


def recall_at_k(m, y, prm, red):
    n = len(y)
    ks, t1, t2 = prm["ks"], prm["tau1"], prm["tau2"]
    mix = prm.get("mixup") or []
    ls, an = [], []
    for q in range(n):
        sims, positive = [], []
        for x in range(n):
            if x != q:
                sims.append(m[q, x]); positive.append(y[x] == y[q])
        for i, j, al in mix:
            if q in (i, j):
                continue
            sims.append(al * m[q, i] + (1 - al) * m[q, j]); positive.append(y[i] == y[q])
        npos = sum(positive)
        if npos == 0:
            continue
        s = torch.stack(sims)
        ranks = []
        for x in range(len(sims)):
            if positive[x]:
                others = torch.cat([s[:x], s[x + 1:]])
                ranks.append(1 + torch.sigmoid((others - s[x]) / t2).sum())
        r = torch.stack(ranks)
        rec = []
        for k in ks:
            total = torch.sigmoid((k - r) / t1).sum()
            rec.append(torch.minimum(total, torch.tensor(float(k))) / min(k, npos))
        ls.append(1 - torch.stack(rec).mean()); an.append(q)
    if not ls:
        return None
    return reduce(red, ls, an)


def pce(e, y, lam):
    n = len(y)
    g = e @ e.T
    classes = sorted(set(y))
    tight = -sum(g[i, j] for i in range(n) for j in range(n) if y[i] == y[j]) / (2 * lam * n * n)
    cent = [sum(e[j] for j in range(n) if y[j] == k) / n for k in classes]
    sq = sum((c * c).sum() for c in cent)
    lse = []
    for i in range(n):
        logits = torch.stack([sum(g[i, j] for j in range(n) if y[j] == k) / (lam * n) for k in classes])
        lse.append(torch.logsumexp(logits, 0))
    contrast = torch.stack(lse).mean() - sq / (2 * lam)
    return tight, contrast


# ---------------------------------------------------------------- cases
DISTANCES = [{"kind": "cosine", "p": 0, "normalize": True}, {"kind": "dot", "p": 0, "normalize": False},
             {"kind": "dot", "p": 0, "normalize": True}, {"kind": "lp", "p": 2, "normalize": True},
             {"kind": "lp", "p": 2, "normalize": False}, {"kind": "lp", "p": 1, "normalize": False},
             {"kind": "lp", "p": 3, "normalize": True}]
MINERS = [{"kind": "none"}, {"kind": "all_pairs"}, {"kind": "all_triplets"}, {"kind": "batch_hard"},
          {"kind": "semihard", "margin": 0.6}, {"kind": "multi_similarity", "epsilon": 0.1}]
REDUCERS = ["mean", "avg_non_zero", "per_anchor"]
DEFAULT_REDUCER = {"contrastive": "avg_non_zero", "triplet": "avg_non_zero", "multi_similarity": "mean",
                   "ntxent": "mean", "supcon": "avg_non_zero", "recall_at_k": "mean"}


def batch():
    n, d = int(rng.integers(5, 11)), int(rng.integers(2, 6))
    y = rng.integers(0, 3, n)
    y[0] = y[1]
    y[2] = (y[0] + 1) % 3
    return n, d, [int(v) for v in y], rng.normal(size=(n, d))


def params(kind, dist):
    sim = dist["kind"] != "lp"
    if kind == "contrastive":
        return {"pos_margin": float(rng.uniform(0.5, 0.9)) if sim else float(rng.uniform(0.0, 0.6)),
                "neg_margin": float(rng.uniform(0.0, 0.4)) if sim else float(rng.uniform(0.8, 1.6))}
    if kind == "triplet":
        return {"margin": float(rng.uniform(0.05, 0.5))}
    if kind == "multi_similarity":
        return {"alpha": float(rng.uniform(1, 3)), "beta": float(rng.uniform(5, 50)), "base": float(rng.uniform(0.2, 0.7))}
    if kind in ("ntxent", "supcon"):
        return {"temperature": float(rng.uniform(0.1, 1.0))}
    return {"ks": [1, 2, 4, 8, 16], "tau1": 1.0, "tau2": float(rng.choice([0.01, 0.05, 0.2])), "mixup": None}


def case(spec, n, d, y, x):
    e = torch.tensor(x, requires_grad=True)
    if spec["loss"] == "pce":
        tight, contrast = pce(e, y, spec["params"]["lambda"])
        value = tight + contrast
        value.backward()
        out = dict(spec, n=n, d=d, labels=y, embeddings=x.flatten().tolist(), value=float(value),
                   tightness=float(tight), contrast=float(contrast), gradient=e.grad.flatten().tolist())
        return out
    value, tuples = loss(spec, e, y)
    if value is None:
        value = zero_like(e)
    value.backward()
    grad = e.grad if e.grad is not None else torch.zeros_like(e)
    return dict(spec, n=n, d=d, labels=y, embeddings=x.flatten().tolist(), tuples=tuples, value=float(value),
                gradient=grad.flatten().tolist())


def main():
    cases = []
    losses = ["contrastive", "triplet", "multi_similarity", "ntxent", "supcon", "recall_at_k"]
    # every loss x distance with its default reducer, all tuples
    for kind in losses:
        for dist in DISTANCES:
            if kind == "recall_at_k" and dist["kind"] == "lp":
                continue
            n, d, y, x = batch()
            cases.append(case({"loss": kind, "distance": dist, "miner": {"kind": "none"},
                               "reducer": DEFAULT_REDUCER[kind], "params": params(kind, dist)}, n, d, y, x))
    # every pair/triplet loss x miner x reducer on cosine and normalised L2
    for kind in losses[:5]:
        for miner in MINERS[1:]:
            for red in REDUCERS:
                for dist in (DISTANCES[0], DISTANCES[3]):
                    n, d, y, x = batch()
                    cases.append(case({"loss": kind, "distance": dist, "miner": miner, "reducer": red,
                                       "params": params(kind, dist)}, n, d, y, x))
    # Recall@k surrogate: reducers, k sets, temperatures, similarity mixup
    for t in range(16):
        n, d, y, x = batch()
        prm = params("recall_at_k", DISTANCES[0])
        if t % 4 == 1:
            prm["ks"] = [1, 3]
        if t % 2 == 1:
            prm["mixup"] = [[i, j, float(rng.uniform())] for i in range(n) for j in range(i + 1, n) if y[i] == y[j]]
        cases.append(case({"loss": "recall_at_k", "distance": DISTANCES[t % 3], "miner": {"kind": "none"},
                           "reducer": REDUCERS[t % 3], "params": prm}, n, d, y, x))
    # batches without any positive pair: 0 loss, zero gradient
    for kind in losses:
        n, d = 4, 3
        y = [0, 1, 2, 3]
        x = rng.normal(size=(n, d))
        cases.append(case({"loss": kind, "distance": DISTANCES[0], "miner": {"kind": "none"},
                           "reducer": DEFAULT_REDUCER[kind], "params": params(kind, DISTANCES[0])}, n, d, y, x))
    # pairwise cross-entropy diagnostic
    for t in range(12):
        n, d, y, x = batch()
        cases.append(case({"loss": "pce", "distance": None, "miner": None, "reducer": None,
                           "params": {"lambda": float(rng.choice([0.1, 0.5, 1.0, 2.0]))}}, n, d, y, x))
    with open(OUT, "w") as f:
        json.dump({"generator": "tools/gen_metric_learning_reference.py", "torch": torch.__version__,
                   "cases": cases}, f, separators=(",", ":"))
        f.write("\n")
    counts = {}
    for c in cases:
        counts[c["loss"]] = counts.get(c["loss"], 0) + 1
    print("wrote %d cases to %s: %s" % (len(cases), os.path.normpath(OUT), counts))


if __name__ == "__main__":
    main()
