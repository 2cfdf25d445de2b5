"""Peer of `jaccard4j retrieval` for Compare / BENCHMARKS.md: exact search with faiss, metrics with numpy.

Run with PYTHONPATH=/opt/ref/faiss:/opt/ref/skl python3 (faiss-cpu 1.15.1, numpy 2.4.6):

    retrieval_faiss.py float E.npy L.npy cosine|euclidean [K,...]   # IndexFlatIP on L2-normalised rows / IndexFlatL2
    retrieval_faiss.py codes C.npy L.npy MAPK RADIUS                  # IndexBinaryFlat on uint8 packed codes

Each sample queries all the others (search k + 1 and drop the query itself), as pytorch-metric-learning's
AccuracyCalculator does. Prints one JSON object with the metrics (the names jaccard4j uses) and the seconds spent
after the interpreter started (the whole process is timed by the caller).
"""
import json
import sys
import time

import faiss
import numpy as np


def neighbours_of(index, x, k, n):
    d, i = index.search(x, k + 1)
    own = i == np.arange(n)[:, None]
    # drop the query itself; where it is not among the k + 1 (ties), drop the last one
    drop = np.where(own.any(1), own.argmax(1), k)
    keep = np.ones_like(i, dtype=bool)
    keep[np.arange(n), drop] = False
    return i[keep].reshape(n, k), d[keep].reshape(n, k)


def metrics(nb, y, ks, mapk=0):
    n = len(y)
    _, inv, counts = np.unique(y, return_inverse=True, return_counts=True)
    r = counts[inv] - 1
    ok = r > 0
    rel = y[nb] == y[:, None]
    kmax = nb.shape[1]
    ranks = np.arange(1, kmax + 1)
    within_r = ranks[None, :] <= r[:, None]
    hits = np.cumsum(rel, 1)
    out = {}
    out["precision_at_1"] = rel[ok, 0].mean()
    out["r_precision"] = ((rel & within_r).sum(1)[ok] / r[ok]).mean()
    out["map_at_r"] = (((hits / ranks) * rel * within_r).sum(1)[ok] / r[ok]).mean()
    first = np.where(rel.any(1), rel.argmax(1) + 1, np.inf)
    out["mrr"] = (1.0 / first[ok]).mean()
    disc = 1 / np.log2(ranks + 1)
    for k in ks:
        out["recall_at_%d" % k] = rel[ok, :k].any(1).mean()
    for k in ks:
        dcg = (rel[:, :k] * disc[:k]).sum(1)
        ideal = np.array([disc[: min(rr, k)].sum() for rr in range(kmax + 1)])[np.minimum(r, kmax)]
        out["ndcg_at_%d" % k] = (dcg[ok] / ideal[ok]).mean()
    if mapk:
        h = hits[:, :mapk]
        relk = rel[:, :mapk]
        num = relk.sum(1)
        ap = np.where(num > 0, ((h / ranks[:mapk]) * relk).sum(1) / np.maximum(num, 1), 0.0)
        out["map_at_%d" % mapk] = ap[ok].mean()
    out["queries"] = int(ok.sum())
    return out


def main():
    t0 = time.perf_counter()
    kind, path, lpath = sys.argv[1:4]
    y = np.load(lpath)
    n = len(y)
    _, counts = np.unique(y, return_counts=True)
    if kind == "float":
        metric = sys.argv[4]
        ks = [int(v) for v in (sys.argv[5] if len(sys.argv) > 5 else "1,2,4,8,16").split(",")]
        x = np.ascontiguousarray(np.load(path), dtype=np.float32)
        kmax = min(n - 1, max(int(counts.max()) - 1, max(ks)))
        if metric == "cosine":
            faiss.normalize_L2(x)
            index = faiss.IndexFlatIP(x.shape[1])
        else:
            index = faiss.IndexFlatL2(x.shape[1])
        index.add(x)
        nb, _ = neighbours_of(index, x, kmax, n)
        out = metrics(nb, y, ks)
    else:
        mapk, radius = int(sys.argv[4]), int(sys.argv[5])
        c = np.ascontiguousarray(np.load(path))
        ks = [1, 2, 4, 8, 16]
        kmax = min(n - 1, max(int(counts.max()) - 1, max(ks), mapk))
        index = faiss.IndexBinaryFlat(c.shape[1] * 8)
        index.add(c)
        nb, _ = neighbours_of(index, c, kmax, n)
        out = metrics(nb, y, ks, mapk)
        # precision within the Hamming radius: every code at distance <= radius (range search), the query left out
        lims, dist, ids = index.range_search(c, radius + 1)  # faiss' binary range search keeps distance < radius
        q = np.repeat(np.arange(n), np.diff(lims.astype(np.int64)))
        other = ids != q
        within = np.bincount(q[other], minlength=n)
        relw = np.bincount(q[other], weights=(y[ids[other]] == y[q[other]]), minlength=n)
        r = counts[np.unique(y, return_inverse=True)[1]] - 1
        ok = r > 0
        p = np.where(within > 0, relw / np.maximum(within, 1), 0.0)
        out["precision_at_radius_%d" % radius] = p[ok].mean()
        out["queries"] = out.pop("queries")
    out = {k: (float(v) if k != "queries" else int(v)) for k, v in out.items()}
    out["seconds_after_start"] = time.perf_counter() - t0
    print(json.dumps(out))


if __name__ == "__main__":
    main()
