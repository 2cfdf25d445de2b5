#!/usr/bin/env python3
"""Reference values and autograd gradients (torch, float64, seeded) of io.jaccard4j.ranking.RankingLosses,
from their definitions: RankNet pairwise logistic loss per query (mean over ordered pairs with higher
relevance first), BP-MLL (mean over samples of exp(-(s_k - s_l)) over relevant x irrelevant pairs, normalised
by |Y+||Y-|; samples without both kinds contribute 0 but count in the mean), and the reweighted univariate
multi-label ranking loss (softplus(-s) / |Y+| over relevant, softplus(s) / |Y-| over irrelevant labels).

Issue 7 additions (a second generator, seeded separately, so ranking.json's first 45 cases stay as they were):
- "ranknet_weighted": the pairwise logistic loss with top-N position weights from ideal ranks (relevance
  descending, ties by index): "top:N" w = [min(rho_i, rho_j) <= N]; "dcg:N" w = |2^r_i - 2^r_j| *
  |D(rho_i) - D(rho_j)|, D(rho) = 1/log2(1 + rho) for rho <= N else 0; loss = sum w * softplus(-(s_i - s_j)) / sum w.
- "calibrated": alpha * mean BCE-with-logits(g(s), y) + (1 - alpha) * mean over pairs of softplus(-(s_hi - s_lo)),
  g the monotone piecewise-linear map with softplus slopes over fixed knots; pairs within a context, and with
  logged context items (constant scores); gradients w.r.t. scores and the calibration parameters.
- "matching_gap": <C, P_id> - W_eps for k views, C the sum of pairwise squared distances, W_eps the entropic
  multi-marginal OT value (KL to the product of uniform marginals), by log-domain Sinkhorn unrolled in torch
  until every marginal is within 1e-14 (L1) of uniform; autograd through all iterations.

Issue 21 (M3G at the paper's scale) adds m3g.json, seeded separately (ranking.json is unchanged):
- "unrolled": small cases for k = 2..6 views, autograd through every Sinkhorn iteration (as "matching_gap" above);
- "envelope": cases beyond the old dense cap of 2^22 coupling entries, up to the paper's k = 3, n = 128 batch
  (Piran et al., ICML 2024, abstract: k = 3..6 views, batches of 64..128): the dense nᵏ Sinkhorn runs in torch
  without a graph to an L1 marginal error below 1e-12, then autograd differentiates
  <C(x), P_id - P*> - eps * KL(P* | mu^k) with P* held constant (the envelope-theorem gradient; the "unrolled"
  cases check that this equals autograd through the iterations).

Run:  /usr/bin/python3 tools/gen_ranking_reference.py   (Debian python3, torch 1.13, numpy 1.24)
Writes: jaccard4j-core/src/test/resources/reference/ranking.json and m3g.json
"""
import json
import math
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


def ideal_ranks(r):
    order = sorted(range(len(r)), key=lambda i: (-r[i], i))
    rho = [0] * len(r)
    for p, i in enumerate(order):
        rho[i] = p + 1
    return rho


def pair_weight(kind, big_n, ri, rj, rho_i, rho_j):
    if kind == "top":
        return 1.0 if min(rho_i, rho_j) <= big_n else 0.0
    disc = lambda rho: 1 / math.log2(1 + rho) if rho <= big_n else 0.0
    return abs(2.0 ** ri - 2.0 ** rj) * abs(disc(rho_i) - disc(rho_j))


def ranknet_weighted(s, r, kind, big_n):
    num, den = s.sum() * 0, 0.0
    n, l = r.shape
    for q in range(n):
        rho = ideal_ranks(list(r[q]))
        for i in range(l):
            for j in range(l):
                if r[q, i] > r[q, j]:
                    w = pair_weight(kind, big_n, r[q, i], r[q, j], rho[i], rho[j])
                    if w:
                        num = num + w * F.softplus(-(s[q, i] - s[q, j]))
                        den += w
    return num / den


def calibrate(s, knots, theta):
    m = len(knots)
    a = F.softplus(theta[1:])
    g = theta[0] + a[0] * torch.clamp(s - knots[0], max=0.0)
    for k in range(1, m):
        g = g + a[k] * torch.clamp(s - knots[k - 1], min=0.0, max=knots[k] - knots[k - 1])
    return g + a[m] * torch.clamp(s - knots[m - 1], min=0.0)


def calibrated(s, y, groups, ctx_s, ctx_y, ctx_g, knots, theta, alpha):
    g = calibrate(s, knots, theta)
    bce = F.binary_cross_entropy_with_logits(g, torch.tensor(y), reduction="mean")
    terms = []
    n = len(y)
    for i in range(n):
        for j in range(n):
            if groups[i] == groups[j] and y[i] > y[j]:
                terms.append(F.softplus(-(s[i] - s[j])))
        for c in range(len(ctx_y)):
            if groups[i] == ctx_g[c] and y[i] != ctx_y[c]:
                diff = s[i] - ctx_s[c] if y[i] > ctx_y[c] else ctx_s[c] - s[i]
                terms.append(F.softplus(-diff))
    pair = torch.stack(terms).mean() if terms else s.sum() * 0
    return alpha * bce + (1 - alpha) * pair, len(terms)


def matching_gap(x, eps):
    """x: k x n x d. Returns gap, identity cost, W_eps, <C, P*>, sweeps."""
    k, n, d = x.shape
    cost = torch.zeros([n] * k, dtype=torch.float64)
    for v in range(k):
        for w in range(v + 1, k):
            dvw = ((x[v][:, None, :] - x[w][None, :, :]) ** 2).sum(-1)
            shape = [1] * k
            shape[v], shape[w] = n, n
            cost = cost + dvw.reshape(shape)
    ident = sum(cost[tuple([i] * k)] for i in range(n)) / n
    log_mu = -math.log(n)
    f = [torch.zeros(n, dtype=torch.float64) for _ in range(k)]

    def bcast(v, vec):
        shape = [1] * k
        shape[v] = n
        return vec.reshape(shape)

    sweeps = 0
    for sweeps in range(1, 5001):
        for v in range(k):
            z = -cost
            for w in range(k):
                if w != v:
                    z = z + bcast(w, f[w])
            z = z / eps
            other = [a for a in range(k) if a != v]
            f[v] = -eps * ((k - 1) * log_mu + torch.logsumexp(z, dim=other))
        with torch.no_grad():
            logp = k * log_mu + (sum(bcast(v, f[v]) for v in range(k)) - cost) / eps
            p = torch.exp(logp)
            err = max(float((p.sum(dim=[a for a in range(k) if a != v]) - 1 / n).abs().sum()) for v in range(k))
        if err < 1e-14:
            break
    logp = k * log_mu + (sum(bcast(v, f[v]) for v in range(k)) - cost) / eps
    p = torch.exp(logp)
    w_eps = sum((f[v] * p.sum(dim=[a for a in range(k) if a != v])).sum() for v in range(k))
    coupling = (p * cost).sum()
    return ident - w_eps, float(ident), float(w_eps), float(coupling), sweeps, err


def sinkhorn_envelope(x, eps, tol):
    """Dense multi-marginal Sinkhorn without a graph, then the envelope-theorem surrogate with autograd.
    Returns gap (differentiable), identity cost, W_eps, <C, P*>, sweeps, marginal error."""
    k, n, d = x.shape
    with torch.no_grad():
        cost = torch.zeros([n] * k, dtype=torch.float64)
        for v in range(k):
            for w in range(v + 1, k):
                shape = [1] * k
                shape[v], shape[w] = n, n
                cost += ((x[v][:, None, :] - x[w][None, :, :]) ** 2).sum(-1).reshape(shape)
        log_mu = -math.log(n)
        f = [torch.zeros(n, dtype=torch.float64) for _ in range(k)]

        def bcast(v, vec):
            shape = [1] * k
            shape[v] = n
            return vec.reshape(shape)

        err = float("inf")
        sweeps = 0
        for sweeps in range(1, 20001):
            for v in range(k):
                z = -cost
                for w in range(k):
                    if w != v:
                        z = z + bcast(w, f[w])
                other = [a for a in range(k) if a != v]
                f[v] = -eps * ((k - 1) * log_mu + torch.logsumexp(z / eps, dim=other))
            logp = k * log_mu + (sum(bcast(v, f[v]) for v in range(k)) - cost) / eps
            p = torch.exp(logp)
            err = max(float((p.sum(dim=[a for a in range(k) if a != v]) - 1 / n).abs().sum()) for v in range(k))
            if err < tol:
                break
        w_eps = float(sum((f[v] * p.sum(dim=[a for a in range(k) if a != v])).sum() for v in range(k)))
        coupling = float((p * cost).sum())
        kl = float((p * (logp - k * log_mu)).sum())
        pairs = {}
        for v in range(k):
            for w in range(v + 1, k):
                pairs[v, w] = p.sum(dim=[a for a in range(k) if a not in (v, w)])
        del cost, p, logp, z
    # <C(x), P_id - P*> = sum over view pairs of <D_vw(x), I/n - P*_vw>: the same as over the full tensor
    surrogate = 0
    ident = 0
    for v in range(k):
        for w in range(v + 1, k):
            dvw = ((x[v][:, None, :] - x[w][None, :, :]) ** 2).sum(-1)
            ident = ident + torch.diagonal(dvw).sum() / n
            surrogate = surrogate + (dvw * (torch.eye(n, dtype=torch.float64) / n - pairs[v, w])).sum()
    gap = surrogate - eps * kl
    return gap, float(ident), w_eps, coupling, sweeps, err


def m3g_cases():
    rng3 = np.random.default_rng(2121)
    cases = []

    def views(k, n, d, noise):
        base = rng3.normal(size=(n, d))
        xs = base[None] + noise * rng3.normal(size=(k, n, d))
        mean_cost = np.mean([((xs[v][:, None] - xs[w][None]) ** 2).sum(-1).mean()
                             for v in range(k) for w in range(v + 1, k)]) * k * (k - 1) / 2
        return xs, mean_cost

    for k, n, d in [(2, 5, 2), (3, 4, 3), (5, 3, 2), (5, 4, 1), (6, 3, 2), (6, 2, 3)]:
        xs, mean_cost = views(k, n, d, 0.6)
        eps = float(np.round(0.3 * mean_cost, 3))
        x = torch.tensor(xs, dtype=torch.float64, requires_grad=True)
        gap, ident, w_eps, coupling, sweeps, err = matching_gap(x, eps)
        gap.backward()
        assert err < 1e-14, "Sinkhorn did not converge: k %d n %d, error %g" % (k, n, err)
        cases.append({"kind": "unrolled", "k": k, "n": n, "d": d, "epsilon": eps,
                      "views": x.detach().flatten().tolist(), "value": float(gap), "identity_cost": ident,
                      "entropic_cost": w_eps, "coupling_cost": coupling, "sweeps": sweeps, "marginal_error": err,
                      "gradient": x.grad.flatten().tolist()})
    # beyond 2^22 = 4,194,304 entries (46^4 = 4,477,456; 13^6 = 4,826,809), and the paper's k = 3, n = 128
    # (2,097,152); sizes kept near the cap so that the unit test stays short
    for k, n, d, frac in [(3, 128, 8, 0.2), (4, 46, 4, 0.6), (6, 13, 2, 0.6)]:
        xs, mean_cost = views(k, n, d, 0.5)
        eps = float(np.round(frac * mean_cost, 3))
        x = torch.tensor(xs, dtype=torch.float64, requires_grad=True)
        gap, ident, w_eps, coupling, sweeps, err = sinkhorn_envelope(x, eps, 1e-12)
        gap.backward()
        assert err < 1e-12, "Sinkhorn did not converge: k %d n %d, error %g" % (k, n, err)
        cases.append({"kind": "envelope", "k": k, "n": n, "d": d, "epsilon": eps,
                      "views": x.detach().flatten().tolist(), "value": float(gap), "identity_cost": ident,
                      "entropic_cost": w_eps, "coupling_cost": coupling, "sweeps": sweeps, "marginal_error": err,
                      "gradient": x.grad.flatten().tolist()})
        print("envelope k=%d n=%d: %d sweeps, error %.2e" % (k, n, sweeps, err))
    return cases


def extended_cases():
    rng2 = np.random.default_rng(2207)
    cases = []
    for t in range(18):
        kind = "top" if t % 2 == 0 else "dcg"
        big_n = int(rng2.integers(1, 5))
        n, l = int(rng2.integers(1, 5)), int(rng2.integers(2, 8))
        s = torch.tensor(rng2.normal(size=(n, l)) * 2, dtype=torch.float64, requires_grad=True)
        r = rng2.integers(0, 4, (n, l)).astype(float)
        r[0, 0], r[0, 1] = 3, 0
        value = ranknet_weighted(s, r, kind, big_n)
        value.backward()
        cases.append({"kind": "ranknet_weighted", "weights": "%s:%d" % (kind, big_n), "n": n, "l": l,
                      "scores": s.detach().flatten().tolist(), "target": r.flatten().tolist(), "value": float(value),
                      "gradient": s.grad.flatten().tolist()})
    for t in range(18):
        n = int(rng2.integers(2, 13))
        groups = rng2.integers(0, 3, n)
        y = (rng2.random(n) < 0.4).astype(float) if t % 3 else np.round(rng2.random(n), 2)
        y[0], y[1], groups[1] = 1.0, 0.0, groups[0]
        m = int(rng2.integers(1, 6))
        knots = np.sort(rng2.normal(size=m) * 1.5)
        if t % 2:
            nc = int(rng2.integers(1, 6))
            ctx_s = rng2.normal(size=nc) * 2
            ctx_y = (rng2.random(nc) < 0.5).astype(float)
            ctx_g = rng2.integers(0, 3, nc)
        else:
            ctx_s, ctx_y, ctx_g = np.zeros(0), np.zeros(0), np.zeros(0, dtype=int)
        alpha = float(np.round(rng2.random(), 3))
        s = torch.tensor(rng2.normal(size=n) * 2.5, dtype=torch.float64, requires_grad=True)
        theta = torch.tensor(rng2.normal(size=m + 2), dtype=torch.float64, requires_grad=True)
        value, pairs = calibrated(s, y, groups, ctx_s, ctx_y, ctx_g, [float(v) for v in knots], theta, alpha)
        value.backward()
        cases.append({"kind": "calibrated", "n": n, "scores": s.detach().tolist(), "labels": y.tolist(),
                      "groups": groups.tolist(), "context_scores": ctx_s.tolist(), "context_labels": ctx_y.tolist(),
                      "context_groups": ctx_g.tolist(), "knots": knots.tolist(), "params": theta.detach().tolist(),
                      "alpha": alpha, "pairs": pairs, "value": float(value), "gradient": s.grad.tolist(),
                      "param_gradient": theta.grad.tolist()})
    for t in range(10):
        k = 3 if t < 6 else 4
        n = int(rng2.integers(2, 6 if k == 3 else 5))
        d = int(rng2.integers(1, 4))
        base = rng2.normal(size=(n, d))
        xs = base[None] + 0.6 * rng2.normal(size=(k, n, d))
        # epsilon a fraction of the mean pairwise squared distance times the k(k-1)/2 pairs of views: the scale of C
        mean_cost = np.mean([((xs[v][:, None] - xs[w][None]) ** 2).sum(-1).mean()
                             for v in range(k) for w in range(v + 1, k)]) * k * (k - 1) / 2
        eps = float(np.round(rng2.choice([0.15, 0.3, 0.6]) * mean_cost, 3))
        x = torch.tensor(xs, dtype=torch.float64, requires_grad=True)
        gap, ident, w_eps, coupling, sweeps, err = matching_gap(x, eps)
        gap.backward()
        assert err < 1e-14, "Sinkhorn did not converge: case %d, error %g" % (t, err)
        cases.append({"kind": "matching_gap", "k": k, "n": n, "d": d, "epsilon": eps,
                      "views": x.detach().flatten().tolist(), "value": float(gap), "identity_cost": ident,
                      "entropic_cost": w_eps, "coupling_cost": coupling, "sweeps": sweeps, "marginal_error": err,
                      "gradient": x.grad.flatten().tolist()})
    return cases


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
    cases += extended_cases()
    with open(OUT, "w") as f:
        json.dump({"generator": "tools/gen_ranking_reference.py", "cases": cases}, f, separators=(",", ":"))
        f.write("\n")
    print("wrote %d cases to %s" % (len(cases), os.path.normpath(OUT)))
    m3g = m3g_cases()
    out_m3g = os.path.join(os.path.dirname(OUT), "m3g.json")
    with open(out_m3g, "w") as f:
        json.dump({"generator": "tools/gen_ranking_reference.py", "cases": m3g}, f, separators=(",", ":"))
        f.write("\n")
    print("wrote %d cases to %s" % (len(m3g), os.path.normpath(out_m3g)))


if __name__ == "__main__":
    main()
