"""Reference cases for jaccard4j's exact k-NN retrieval and binary-code (Hamming) retrieval, from faiss.

Interpreter: PYTHONPATH=/opt/ref/faiss:/opt/ref/skl python3 tools/gen_retrieval_faiss_reference.py
(pyenv python 3.11.7, faiss-cpu 1.15.1, numpy 2.4.6). Writes
jaccard4j-core/src/test/resources/reference/retrieval_faiss.json.

Float cases: float32 embeddings; cosine = faiss IndexFlatIP on L2-normalised rows, euclidean = IndexFlatL2.
Binary cases: uint8 packed codes (numpy packbits layout), faiss IndexBinaryFlat. Each sample queries all the
others: faiss searches k = n (the whole set) and the query itself is removed from its list. The generator checks
that faiss' order equals numpy's stable ranking computed in float64 (score descending / distance ascending, ties
by lower index), so a case is kept only when both agree; the tie cases use small integer coordinates, whose dot
products and squared distances faiss computes exactly in float32, and Hamming distances (integers, many ties).
The metrics are computed by numpy from faiss' full ranking (definitions in RetrievalMetrics / HammingCodes).
"""
import json
import os

import faiss
import numpy as np

OUT = os.path.join(os.path.dirname(__file__), "..", "jaccard4j-core", "src", "test", "resources", "reference",
                   "retrieval_faiss.json")
KS = [1, 2, 4, 8]


def full_ranking(index, x, n):
    dist, ids = index.search(x, n)
    out = np.empty((n, n - 1), dtype=np.int64)
    for q in range(n):
        row = ids[q][ids[q] != q]
        assert len(row) == n - 1
        out[q] = row
    return out, dist


def metrics(order, y, ks, mapk=0, within=None, relwithin=None):
    n = len(y)
    _, inv, counts = np.unique(y, return_inverse=True, return_counts=True)
    r = counts[inv] - 1
    ok = r > 0
    rel = y[order] == y[:, None]
    ranks = np.arange(1, n)
    hits = np.cumsum(rel, 1)
    inr = ranks[None, :] <= r[:, None]
    out = {
        "precision_at_1": rel[ok, 0].mean(),
        "r_precision": ((rel & inr).sum(1)[ok] / r[ok]).mean(),
        "map_at_r": (((hits / ranks) * rel * inr).sum(1)[ok] / r[ok]).mean(),
        "mrr": (1.0 / (rel.argmax(1) + 1))[ok].mean(),
    }
    disc = 1 / np.log2(ranks + 1)
    for k in ks:
        out["recall_at_%d" % k] = rel[ok, :k].any(1).mean()
    for k in ks:
        ideal = np.array([disc[: min(int(rr), k)].sum() for rr in r])
        out["ndcg_at_%d" % k] = ((rel[:, :k] * disc[:k]).sum(1)[ok] / ideal[ok]).mean()
    if mapk:
        relk = rel[:, :mapk]
        num = relk.sum(1)
        ap = np.where(num > 0, ((hits[:, :mapk] / ranks[:mapk]) * relk).sum(1) / np.maximum(num, 1), 0.0)
        out["map_at_%d" % mapk] = ap[ok].mean()
    if within is not None:
        p = np.where(within > 0, relwithin / np.maximum(within, 1), 0.0)
        out["precision_at_radius"] = p[ok].mean()
    out["queries"] = int(ok.sum())
    return {k: float(v) for k, v in out.items()}


def float_case(rng, n, d, classes, distance, integer):
    y = rng.integers(0, classes, n)
    if integer:
        x = rng.integers(-2, 3, (n, d)).astype(np.float32)
        x[np.abs(x).sum(1) == 0, 0] = 1  # no zero rows (cosine of a zero row is 0 against all)
    else:
        centres = rng.standard_normal((classes, d))
        x = (centres[y] + 0.8 * rng.standard_normal((n, d))).astype(np.float32)
    x64 = x.astype(np.float64)
    if distance == "cosine":
        if integer:
            return None  # faiss normalises in float32: ties would not stay exact
        xn = x.copy()
        faiss.normalize_L2(xn)
        index = faiss.IndexFlatIP(d)
        index.add(xn)
        order, _ = full_ranking(index, xn, n)
        nrm = np.sqrt((x64 * x64).sum(1))
        score = (x64 @ x64.T) / np.maximum(np.outer(nrm, nrm), np.finfo(np.float64).tiny)
    else:
        index = faiss.IndexFlatL2(d)
        index.add(x)
        order, _ = full_ranking(index, x, n)
        score = -((x64[:, None, :] - x64[None, :, :]) ** 2).sum(2)
    for q in range(n):
        idx = np.array([i for i in range(n) if i != q])
        mine = idx[np.lexsort((idx, -score[q, idx]))]
        if not np.array_equal(mine, order[q]):
            return None  # a float32 near-tie ordered differently by faiss: not a usable reference
    k = min(10, n - 1)
    return {"kind": "float", "distance": distance, "n": n, "d": d, "embeddings": x.ravel().tolist(),
            "labels": y.tolist(), "ks": KS, "k": k, "neighbours": order[:, :k].ravel().tolist(),
            "expected": metrics(order, y, KS)}


def binary_case(rng, n, bits, classes, mapk, radius):
    y = rng.integers(0, classes, n)
    centres = rng.integers(0, 2, (classes, bits), dtype=np.uint8)
    flips = (rng.random((n, bits)) < 0.2).astype(np.uint8)
    codes = np.packbits(centres[y] ^ flips, axis=1)
    index = faiss.IndexBinaryFlat(bits)
    index.add(codes)
    order, dist = full_ranking(index, codes, n)
    unpacked = np.unpackbits(codes, axis=1).astype(np.int64)
    ham = (unpacked[:, None, :] != unpacked[None, :, :]).sum(2)
    for q in range(n):
        idx = np.array([i for i in range(n) if i != q])
        mine = idx[np.lexsort((idx, ham[q, idx]))]
        assert np.array_equal(mine, order[q]), "faiss IndexBinaryFlat breaks ties by lower id"
    # every code within the radius (faiss range_search keeps distance < radius, so radius + 1)
    lims, _, ids = index.range_search(codes, radius + 1)
    within = np.zeros(n)
    relwithin = np.zeros(n)
    for q in range(n):
        got = ids[lims[q]:lims[q + 1]]
        got = got[got != q]
        within[q] = len(got)
        relwithin[q] = (y[got] == y[q]).sum()
    k = min(10, n - 1)
    exp = metrics(order, y, KS, mapk, within, relwithin)
    exp["precision_at_radius_%d" % radius] = exp.pop("precision_at_radius")
    exp["queries"] = exp.pop("queries")
    return {"kind": "binary", "n": n, "bits": bits, "codes": codes.ravel().tolist(), "labels": y.tolist(),
            "ks": KS, "map_at": mapk, "radius": radius, "k": k, "neighbours": order[:, :k].ravel().tolist(),
            "distances": np.sort(ham + np.diag([10 ** 6] * n), 1)[:, :k].ravel().tolist(), "expected": exp}


def main():
    rng = np.random.default_rng(20261205)
    cases = []
    plan = [(60, 8, 5), (120, 16, 12), (200, 4, 30), (90, 3, 4), (150, 32, 10)]
    for n, d, c in plan:
        for distance in ("cosine", "euclidean"):
            for integer in (False, True):
                case = None
                for _ in range(20):
                    case = float_case(rng, n, d, c, distance, integer)
                    if case is not None or (distance == "cosine" and integer):
                        break
                if case is not None:
                    cases.append(case)
    for n, bits, c, mapk, radius in [(80, 8, 6, 10, 1), (150, 16, 10, 20, 2), (200, 64, 20, 50, 8),
                                     (120, 128, 8, 30, 20), (64, 24, 5, 63, 0)]:
        cases.append(binary_case(rng, n, bits, c, mapk, radius))
    with open(OUT, "w") as f:
        json.dump({"generator": "tools/gen_retrieval_faiss_reference.py (faiss-cpu %s, numpy %s)"
                   % (faiss.__version__, np.__version__), "cases": cases}, f)
    print(len(cases), "cases,", sum(c["kind"] == "float" for c in cases), "float")


if __name__ == "__main__":
    main()
