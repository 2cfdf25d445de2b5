#!/usr/bin/env python3
"""Reference values and autograd gradients (torch, float64, seeded) for the issue-21 paper losses, each from its
definition in the core class's Javadoc:

- "adaptive_topn" (io.jaccard4j.ranking.AdaptiveTopNWeights): per query, predicted ranks pi (score descending,
  ties by index) and ideal ranks rho (relevance descending, ties by index), computed with numpy (constants for
  autograd); item weight a_i = 1 if min(pi_i, rho_i) <= N else lambda; pair weight w_ij = max(a_i, a_j) for
  r_i > r_j; loss = sum w * softplus(-(s_i - s_j)) / sum w.
- "query_calibrated" (io.jaccard4j.ranking.QueryCalibratedRankingLoss, SBCR): yhat = sigmoid(s); per query q,
  increments D = softmax(a_q) over K equal intervals of [0, 1]; p = sum_{k<j} D_k + (K*yhat - j) * D_j,
  j = min(floor(K*yhat), K - 1) (from the detached yhat); loss = alpha * F.binary_cross_entropy(p, y) + (1 - alpha)
  * mean over pairs of softplus(-(s_hi - s_lo)) (same-query batch pairs with y_hi > y_lo, and batch x logged pairs
  with different labels, logged scores constant); gradients w.r.t. s and a. This is the class's Coupling.COUPLED.
- "query_calibrated_decoupled" (QueryCalibratedRankingLoss, default Coupling.DECOUPLED; own seed 2102, drawn after
  the cases above so they stay unchanged): L_rank = alpha * F.binary_cross_entropy_with_logits(s, y) + (1 - alpha)
  * (the same pairwise mean); L_calib = F.binary_cross_entropy_with_logits(logit(clamp(p, 1e-4, 1 - 1e-4)), y)
  with p the map above of yhat = sigmoid(s).detach() (the form of github.com/baiyimeng/UMC
  calib/SelfBoostCalibRank.py and train_neu_*.py); value L_rank + L_calib, parts ranking and calibration_loss;
  gradients w.r.t. s (only L_rank reaches it) and a (only L_calib). Some scores are large (|s| up to 12) so that
  p falls outside the clip and its logit gradient is 0.
- "hashing" (io.jaccard4j.hashing.PairwiseHashingLoss): Theta = U U^T / 2, S_ij = [label_i == label_j];
  mean over ordered pairs i != j of softplus(Theta_ij) - S_ij Theta_ij, + eta * mean_i ||u_i - sign(u_i)||^2
  (sign detached) + beta * ||mean_i u_i||^2; gradient w.r.t. U.
- "box_projection" (io.jaccard4j.boxsupervision.BoxProjectionLoss, BoxInst): m = sigmoid(z); dice(m.max(0), bx) +
  dice(m.max(1), by), dice(p, t) = 1 - 2 sum(p t) / (sum p^2 + sum t^2 + 1e-5); gradient w.r.t. z.
- "color_affinity" (io.jaccard4j.boxsupervision.ColorAffinityPairwiseLoss, BoxInst): edges (pixel i in the box,
  neighbour j = i + d*(dy, dx) inside the image, 8 offsets), weight [exp(-theta*||c_i - c_j||) >= tau] (numpy),
  -log P_e = -logsumexp(logsig(z_i) + logsig(z_j), logsig(-z_i) + logsig(-z_j)); sum w * (-log P) / max(sum w, 1).

Run:  /usr/bin/python3 tools/gen_papers_reference.py   (Debian python 3.11, torch 1.13, numpy 1.24)
Writes: jaccard4j-core/src/test/resources/reference/papers.json
"""
import json
import os

import numpy as np
import torch
import torch.nn.functional as F

OUT = os.path.join(os.path.dirname(__file__), "..", "jaccard4j-core", "src", "test", "resources", "reference",
                   "papers.json")
rng = np.random.default_rng(2101)
torch.set_default_dtype(torch.float64)


def ranks(v):
    """1-based ranks: value descending, ties by index."""
    order = sorted(range(len(v)), key=lambda i: (-v[i], i))
    out = np.zeros(len(v), dtype=int)
    for p, i in enumerate(order):
        out[i] = p + 1
    return out


def adaptive_topn(s, r, big_n, lam):
    q, l = r.shape
    sv = s.detach().numpy()
    num = s.sum() * 0
    den = 0.0
    for a in range(q):
        pi = ranks(sv[a])
        rho = ranks(r[a])
        w_item = [1.0 if min(pi[i], rho[i]) <= big_n else lam for i in range(l)]
        for i in range(l):
            for j in range(l):
                if r[a, i] > r[a, j]:
                    w = max(w_item[i], w_item[j])
                    if w == 0:
                        continue
                    num = num + w * F.softplus(-(s[a, i] - s[a, j]))
                    den += w
    return num / den if den > 0 else s.sum() * 0


def adaptive_cases():
    cases = []
    for case in range(12):
        q = int(rng.integers(1, 4))
        l = int(rng.integers(3, 9))
        big_n = int(rng.integers(1, l + 1))
        lam = [0.0, 0.1, 0.5, 1.0][case % 4]
        r = rng.integers(0, 4, size=(q, l)).astype(float)
        s = torch.tensor(rng.normal(size=(q, l)) * 1.5, requires_grad=True)
        v = adaptive_topn(s, r, big_n, lam)
        v.backward()
        cases.append({"kind": "adaptive_topn", "queries": q, "l": l, "n": big_n, "lambda": lam,
                      "scores": s.detach().flatten().tolist(), "relevance": r.flatten().tolist(),
                      "value": float(v), "gradient": s.grad.flatten().tolist()})
    return cases


def calibration_map(yhat, q, a, k):
    ps = []
    for i in range(yhat.shape[0]):
        d = torch.softmax(a[q[i]], dim=0)
        j = min(int(np.floor(k * float(yhat[i]))), k - 1)
        ps.append(d[:j].sum() + (k * yhat[i] - j) * d[j])
    return torch.stack(ps)


def self_boosted_pairs(s, y, q, ctx_s, ctx_y, ctx_q):
    n = s.shape[0]
    terms = []
    for i in range(n):
        for j in range(n):
            if q[i] == q[j] and y[i] > y[j]:
                terms.append(F.softplus(-(s[i] - s[j])))
        for m in range(len(ctx_s)):
            if q[i] == ctx_q[m] and y[i] != ctx_y[m]:
                diff = s[i] - ctx_s[m] if y[i] > ctx_y[m] else ctx_s[m] - s[i]
                terms.append(F.softplus(-diff))
    return torch.stack(terms).mean() if terms else s.sum() * 0


def query_calibrated(s, y, q, a, ctx_s, ctx_y, ctx_q, k, alpha):
    p = calibration_map(torch.sigmoid(s), q, a, k)
    bce = F.binary_cross_entropy(p, torch.tensor(y))
    return alpha * bce + (1 - alpha) * self_boosted_pairs(s, y, q, ctx_s, ctx_y, ctx_q)


def draw_sbcr_case(g, case, k_hi, alphas, s_scale, a_scale):
    """Inputs of one SBCR case, drawn from g in a fixed order."""
    nq = int(g.integers(1, 4))
    k = int(g.integers(1, k_hi))
    n = int(g.integers(2, 10))
    alpha = alphas[case % len(alphas)]
    q = g.integers(0, nq, size=n).tolist()
    y = g.integers(0, 2, size=n).astype(float)
    if case % 3 == 2:
        y = g.uniform(0, 1, size=n).round(3)
    c = int(g.integers(0, 6)) if case % 2 == 0 else 0
    ctx_s = (g.normal(size=c) * 2).tolist()
    ctx_y = g.integers(0, 2, size=c).astype(float).tolist()
    ctx_q = g.integers(0, nq, size=c).tolist()
    s = torch.tensor(g.normal(size=n) * s_scale, requires_grad=True)
    a = torch.tensor(g.normal(size=(nq, k)) * a_scale, requires_grad=True)
    return s, y, q, a, ctx_s, ctx_y, ctx_q, k, alpha


def sbcr_record(kind, s, y, q, a, ctx_s, ctx_y, ctx_q, k, alpha, v):
    return {"kind": kind, "k": k, "alpha": alpha, "scores": s.detach().tolist(),
            "labels": y.tolist(), "queries": q, "logits": a.detach().flatten().tolist(),
            "context_scores": ctx_s, "context_labels": ctx_y, "context_queries": ctx_q,
            "value": float(v), "gradient": s.grad.tolist(), "gradient_logits": a.grad.flatten().tolist()}


def query_calibrated_cases():
    cases = []
    for case in range(10):
        args = draw_sbcr_case(rng, case, 7, [0.0, 0.3, 0.7, 1.0, 0.5], 2.0, 1.0)
        v = query_calibrated(*args)
        v.backward()
        cases.append(sbcr_record("query_calibrated", *args, v))
    return cases


def query_calibrated_decoupled(s, y, q, a, ctx_s, ctx_y, ctx_q, k, alpha):
    yt = torch.tensor(y)
    rank = alpha * F.binary_cross_entropy_with_logits(s, yt) + (1 - alpha) * self_boosted_pairs(
        s, y, q, ctx_s, ctx_y, ctx_q)
    p = calibration_map(torch.sigmoid(s).detach(), q, a, k)
    calib = F.binary_cross_entropy_with_logits(torch.logit(torch.clamp(p, 1e-4, 1 - 1e-4)), yt)
    return rank, calib


def query_calibrated_decoupled_cases():
    g = np.random.default_rng(2102)
    cases = []
    for case in range(12):
        args = draw_sbcr_case(g, case, 9, [0.0, 0.3, 0.7, 1.0, 0.5, 0.5], 6.0 if case % 4 == 3 else 2.0, 1.5)
        rank, calib = query_calibrated_decoupled(*args)
        v = rank + calib
        v.backward()
        record = sbcr_record("query_calibrated_decoupled", *args, v)
        record["ranking"] = float(rank)
        record["calibration_loss"] = float(calib)
        cases.append(record)
    return cases


def hashing(u, labels, eta, beta):
    n = u.shape[0]
    theta = u @ u.T / 2
    lab = torch.tensor(labels)
    sim = (lab[:, None] == lab[None, :]).double()
    off = 1 - torch.eye(n)
    pair = ((F.softplus(theta) - sim * theta) * off).sum() / (n * (n - 1))
    b = torch.where(u.detach() >= 0, 1.0, -1.0)
    quant = ((u - b) ** 2).sum() / n
    bal = (u.mean(dim=0) ** 2).sum()
    return pair + eta * quant + beta * bal


def hashing_cases():
    cases = []
    for case in range(8):
        n = int(rng.integers(2, 9))
        bits = int(rng.integers(1, 9))
        eta = [0.0, 0.1, 0.5, 1.0][case % 4]
        beta = [0.0, 0.2, 1.0, 0.05][(case // 2) % 4]
        labels = rng.integers(0, 3, size=n).tolist()
        u = torch.tensor(rng.normal(size=(n, bits)) * 1.3, requires_grad=True)
        v = hashing(u, labels, eta, beta)
        v.backward()
        cases.append({"kind": "hashing", "n": n, "bits": bits, "eta": eta, "beta": beta, "labels": labels,
                      "codes": u.detach().flatten().tolist(), "value": float(v),
                      "gradient": u.grad.flatten().tolist()})
    return cases


def dice(p, t):
    return 1 - 2 * (p * t).sum() / ((p * p).sum() + (t * t).sum() + 1e-5)


def box_projection(z, box):
    x0, y0, x1, y1 = box
    h, w = z.shape
    m = torch.sigmoid(z)
    bx = torch.tensor([1.0 if x0 <= x < x1 else 0.0 for x in range(w)])
    by = torch.tensor([1.0 if y0 <= y < y1 else 0.0 for y in range(h)])
    return dice(m.max(dim=0).values, bx) + dice(m.max(dim=1).values, by)


def color_affinity(z, img, box, dil, theta, tau):
    x0, y0, x1, y1 = box
    h, w = z.shape
    ls = F.logsigmoid
    total = z.sum() * 0
    count = 0.0
    for y in range(h):
        for x in range(w):
            if not (x0 <= x < x1 and y0 <= y < y1):
                continue
            for dy in (-1, 0, 1):
                for dx in (-1, 0, 1):
                    if dy == 0 and dx == 0:
                        continue
                    yy, xx = y + dy * dil, x + dx * dil
                    if not (0 <= yy < h and 0 <= xx < w):
                        continue
                    sim = np.exp(-theta * np.linalg.norm(img[y, x] - img[yy, xx]))
                    if sim < tau:
                        continue
                    a = ls(z[y, x]) + ls(z[yy, xx])
                    b = ls(-z[y, x]) + ls(-z[yy, xx])
                    total = total - torch.logsumexp(torch.stack([a, b]), dim=0)
                    count += 1
    return total / max(count, 1.0)


def box_cases():
    cases = []
    for case in range(6):
        h = int(rng.integers(3, 9))
        w = int(rng.integers(3, 9))
        x0 = int(rng.integers(0, w - 1)); x1 = int(rng.integers(x0 + 1, w + 1))
        y0 = int(rng.integers(0, h - 1)); y1 = int(rng.integers(y0 + 1, h + 1))
        z = torch.tensor(rng.normal(size=(h, w)) * 2, requires_grad=True)
        v = box_projection(z, (x0, y0, x1, y1))
        v.backward()
        cases.append({"kind": "box_projection", "h": h, "w": w, "box": [x0, y0, x1, y1],
                      "logits": z.detach().flatten().tolist(), "value": float(v), "gradient": z.grad.flatten().tolist()})
    for case in range(6):
        h = int(rng.integers(3, 10))
        w = int(rng.integers(3, 10))
        ch = [1, 3][case % 2]
        dil = [1, 2][(case // 2) % 2]
        theta, tau = [(0.5, 0.3), (2.0, 0.1), (0.5, 0.0)][case % 3]
        x0 = int(rng.integers(0, w - 1)); x1 = int(rng.integers(x0 + 1, w + 1))
        y0 = int(rng.integers(0, h - 1)); y1 = int(rng.integers(y0 + 1, h + 1))
        img = rng.integers(0, 4, size=(h, w, ch)).astype(float)  # few colours: many similar neighbours
        z = torch.tensor(rng.normal(size=(h, w)) * 2, requires_grad=True)
        v = color_affinity(z, img, (x0, y0, x1, y1), dil, theta, tau)
        v.backward()
        cases.append({"kind": "color_affinity", "h": h, "w": w, "channels": ch, "dilation": dil, "theta": theta,
                      "threshold": tau, "box": [x0, y0, x1, y1], "image": img.flatten().tolist(),
                      "logits": z.detach().flatten().tolist(), "value": float(v), "gradient": z.grad.flatten().tolist()})
    return cases


def main():
    cases = adaptive_cases() + query_calibrated_cases() + hashing_cases() + box_cases()
    cases += query_calibrated_decoupled_cases()
    with open(OUT, "w") as f:
        json.dump({"generator": "tools/gen_papers_reference.py", "cases": cases}, f, separators=(",", ":"))
    print("wrote", len(cases), "cases to", OUT)


if __name__ == "__main__":
    main()
