#!/usr/bin/python3
"""Reference cases of pytorch-metric-learning 2.9.0's CrossBatchMemory and of its losses scored against a
separate reference set (``ref_emb``, ``ref_labels``), computed by the real library in float64.

Run with Debian's interpreter and PML installed into its own folder (no dependencies pulled):

    pip install --target /opt/ref/pml --no-deps pytorch-metric-learning==2.9.0
    PYTHONPATH=/opt/ref/pml /usr/bin/python3 tools/gen_pml_xbm.py \
        > jaccard4j-core/src/test/resources/reference/pml-2.9.0-xbm.json

Versions of the committed output: Python 3.11.2, pytorch-metric-learning 2.9.0, torch 1.13.0a0 (Debian),
numpy 1.24.2. The output is deterministic (seeded numpy; nothing random inside PML for these configurations).

Schema:
  ref_cases[]: loss {name, kwargs}, distance (spec or null: the loss's default), miner (spec or null), reducer
    (spec or null), embeddings (n x d), labels, ref_emb (nr x d), ref_labels,
    expected {value, grad (n x d), ref_grad (nr x d), elements}: PML's value and autograd gradients w.r.t. both
    sets, and (first 20 cases) the loss dict of the same call with DoNothingReducer: per sub-loss
    {reduction_type, losses (flattened), indices (one list per index role, null when already_reduced)}; a case
    with "deviation" is a PML bug: "pml" holds PML's output, "expected" the definition (PML's element losses).
  xbm_cases[]: loss, distance, miner, memory_size, embedding_size, steps[]: one CrossBatchMemory.forward per
    step in order on one object: embeddings, labels, enqueue_mask (or null), reset_before (reset_queue() first),
    expected {value, grad (n x d, w.r.t. the whole batch), queue_idx, memory_labels (the slots compared
    with)}; a step with "deviation" is a corner case where jaccard4j follows the definition instead of PML's
    code: "pml" holds PML's own output, "expected" the definition, computed by PML's plain loss with ref_emb and
    the intended pairs.
  sampler_cases[]: MPerClassSampler(labels, m, batch_size, length_before_new_iter): expected {length (len),
    iter_length (indices one iteration yields), batch_class_counts (per run of batch_size indices — m x classes
    without a batch size — the sorted per-class counts)} or {error {type, message}} (PML's assertions). Which
    indices are drawn depends on numpy's random stream and is not compared.
"""
import json
import sys

import numpy as np
import torch

import pytorch_metric_learning
from pytorch_metric_learning import distances, losses, miners, reducers
from pytorch_metric_learning.utils import loss_and_miner_utils as lmu

torch.set_default_dtype(torch.float64)

LOSSES = {
    "ContrastiveLoss": losses.ContrastiveLoss,
    "TripletMarginLoss": losses.TripletMarginLoss,
    "MultiSimilarityLoss": losses.MultiSimilarityLoss,
    "NTXentLoss": losses.NTXentLoss,
    "SupConLoss": losses.SupConLoss,
}


def make_distance(spec):
    if spec is None:
        return None
    if spec["name"] == "LpDistance":
        return distances.LpDistance(p=spec["p"], normalize_embeddings=spec["normalize_embeddings"])
    if spec["name"] == "CosineSimilarity":
        return distances.CosineSimilarity()
    if spec["name"] == "DotProductSimilarity":
        return distances.DotProductSimilarity(normalize_embeddings=spec["normalize_embeddings"])
    raise ValueError(spec)


def make_reducer(spec):
    if spec is None:
        return None
    if spec["name"] == "MeanReducer":
        return reducers.MeanReducer()
    if spec["name"] == "AvgNonZeroReducer":
        return reducers.AvgNonZeroReducer()
    if spec["name"] == "ThresholdReducer":
        return reducers.ThresholdReducer(low=spec.get("low"), high=spec.get("high"))
    if spec["name"] == "ClassWeightedReducer":
        return reducers.ClassWeightedReducer(torch.tensor(spec["weights"]))
    raise ValueError(spec)


def make_miner(spec):
    if spec is None:
        return None
    kw = dict(spec.get("kwargs", {}))
    if spec["name"] == "BatchHardMiner":
        return miners.BatchHardMiner(**kw)
    if spec["name"] == "MultiSimilarityMiner":
        return miners.MultiSimilarityMiner(**kw)
    if spec["name"] == "TripletMarginMiner":
        return miners.TripletMarginMiner(**kw)
    if spec["name"] == "PairMarginMiner":
        return miners.PairMarginMiner(**kw)
    raise ValueError(spec)


def make_loss(spec, distance, reducer):
    kw = dict(spec.get("kwargs", {}))
    d = make_distance(distance)
    r = make_reducer(reducer)
    if d is not None:
        kw["distance"] = d
    if r is not None:
        kw["reducer"] = r
    return LOSSES[spec["name"]](**kw)


def grad_of(loss, t):
    if isinstance(loss, torch.Tensor) and loss.requires_grad:
        g = torch.autograd.grad(loss, t, allow_unused=True)
        return [torch.zeros_like(x) if gi is None else gi for gi, x in zip(g, t)]
    return [torch.zeros_like(x) for x in t]


def value(loss):
    return float(loss) if isinstance(loss, torch.Tensor) else float(loss)


LP = {"name": "LpDistance", "p": 2, "normalize_embeddings": True}
LP_RAW = {"name": "LpDistance", "p": 2, "normalize_embeddings": False}
COS = {"name": "CosineSimilarity"}
DOT_RAW = {"name": "DotProductSimilarity", "normalize_embeddings": False}

MINERS = [
    None,
    {"name": "BatchHardMiner"},
    {"name": "MultiSimilarityMiner", "kwargs": {"epsilon": 0.1}},
    {"name": "TripletMarginMiner", "kwargs": {"margin": 0.2, "type_of_triplets": "all"}},
    {"name": "TripletMarginMiner", "kwargs": {"margin": 0.2, "type_of_triplets": "semihard"}},
    {"name": "PairMarginMiner", "kwargs": {"pos_margin": 0.2, "neg_margin": 0.8}},
]

LOSS_CONFIGS = [
    ({"name": "ContrastiveLoss"}, None, None),
    ({"name": "ContrastiveLoss", "kwargs": {"pos_margin": 0.9, "neg_margin": 0.4}}, COS, {"name": "MeanReducer"}),
    ({"name": "TripletMarginLoss", "kwargs": {"margin": 0.1}}, None, None),
    ({"name": "TripletMarginLoss", "kwargs": {"margin": 0.2, "smooth_loss": True}}, COS, {"name": "MeanReducer"}),
    ({"name": "MultiSimilarityLoss"}, None, None),
    ({"name": "MultiSimilarityLoss", "kwargs": {"alpha": 1.5, "beta": 20, "base": 0.3}}, LP, None),
    ({"name": "NTXentLoss", "kwargs": {"temperature": 0.2}}, None, None),
    ({"name": "NTXentLoss"}, LP_RAW, None),
    ({"name": "SupConLoss", "kwargs": {"temperature": 0.3}}, None, None),
    ({"name": "SupConLoss"}, DOT_RAW, {"name": "MeanReducer"}),
]


def elements(loss_spec, dist, e, y, tuples, r, ry):
    """PML's unreduced loss dict (DoNothingReducer) of the same call."""
    fn = make_loss(loss_spec, dist, None)
    fn.reducer = reducers.DoNothingReducer()
    with torch.no_grad():
        d = fn(e, y, tuples, r, ry)
    out = {}
    for name, info in d.items():
        losses = info["losses"]
        idx = info["indices"]
        if torch.is_tensor(idx):
            idx = [idx]
        out[name] = {"reduction_type": info["reduction_type"],
                     "losses": losses.reshape(-1).tolist() if torch.is_tensor(losses) else [float(losses)],
                     "indices": None if idx is None else [x.tolist() for x in idx]}
    return out


def ref_cases(rng):
    cases = []
    k = 0
    for loss_spec, dist, red in LOSS_CONFIGS:
        for miner_spec in [None, MINERS[1 + (k % 5)]]:
            n, nr, d = 5 + k % 3, 7 + k % 4, 3 + k % 2
            labels = rng.integers(0, 3, size=n)
            ref_labels = rng.integers(0, 3, size=nr)
            e = torch.tensor(rng.normal(size=(n, d)), requires_grad=True)
            r = torch.tensor(rng.normal(size=(nr, d)), requires_grad=True)
            y = torch.tensor(labels)
            ry = torch.tensor(ref_labels)
            loss_fn = make_loss(loss_spec, dist, red)
            tuples = None
            if miner_spec is not None:
                tuples = make_miner(miner_spec)(e, y, r, ry)
            out = loss_fn(e, y, tuples, r, ry)
            g, gr = grad_of(out, [e, r])
            cases.append({
                "id": "ref-%02d" % len(cases), "loss": loss_spec, "distance": dist, "miner": miner_spec,
                "reducer": red, "embeddings": e.tolist(), "labels": labels.tolist(), "ref_emb": r.tolist(),
                "ref_labels": ref_labels.tolist(),
                "expected": {"value": value(out), "grad": g.tolist(), "ref_grad": gr.tolist(),
                             "elements": elements(loss_spec, dist, e, y, tuples, r, ry)},
            })
            k += 1
    # class-weighted and threshold reducers see the query labels
    for loss_spec, red in [({"name": "ContrastiveLoss"}, {"name": "ClassWeightedReducer", "weights": [0.5, 2.0, 1.25]}),
                           ({"name": "MultiSimilarityLoss"}, {"name": "ClassWeightedReducer",
                                                              "weights": [1.0, 0.25, 3.0]}),
                           ({"name": "TripletMarginLoss"}, {"name": "ThresholdReducer", "low": 0.05, "high": 0.4})]:
        n, nr, d = 6, 9, 4
        labels = rng.integers(0, 3, size=n)
        ref_labels = rng.integers(0, 3, size=nr)
        e = torch.tensor(rng.normal(size=(n, d)), requires_grad=True)
        r = torch.tensor(rng.normal(size=(nr, d)), requires_grad=True)
        out = make_loss(loss_spec, None, red)(e, torch.tensor(labels), None, r, torch.tensor(ref_labels))
        g, gr = grad_of(out, [e, r])
        case = {
            "id": "ref-%02d" % len(cases), "loss": loss_spec, "distance": None, "miner": None, "reducer": red,
            "embeddings": e.tolist(), "labels": labels.tolist(), "ref_emb": r.tolist(),
            "ref_labels": ref_labels.tolist(),
            "expected": {"value": value(out), "grad": g.tolist(), "ref_grad": gr.tolist()},
        }
        if loss_spec["name"] == "MultiSimilarityLoss" and red["name"] == "ClassWeightedReducer":
            # MultiSimilarityLoss's element losses have shape (n, 1); ClassWeightedReducer multiplies them by the
            # (n,) weights, which broadcasts to n x n, so PML gives mean(l) * mean(w[y]) instead of mean(l * w[y]).
            # The definition: PML's own element losses (DoNothingReducer), weighted per anchor, by autograd.
            case["deviation"] = ("ClassWeightedReducer on MultiSimilarityLoss: PML broadcasts (n, 1) losses "
                                 "against (n,) weights and returns mean(l) * mean(w[y])")
            case["pml"] = case["expected"]
            el = make_loss(loss_spec, None, None)
            el.reducer = reducers.DoNothingReducer()
            ls = el(e, torch.tensor(labels), None, r, torch.tensor(ref_labels))["loss"]["losses"].reshape(-1)
            w = torch.tensor(red["weights"])[torch.tensor(labels)]
            out = torch.mean(ls * w)
            g, gr = grad_of(out, [e, r])
            case["expected"] = {"value": value(out), "grad": g.tolist(), "ref_grad": gr.tolist()}
        cases.append(case)
    return cases


def xbm_step(xbm, e_np, labels, mask):
    e = torch.tensor(e_np, requires_grad=True)
    y = torch.tensor(labels)
    m = None if mask is None else torch.tensor(mask)
    out = xbm(e, y, enqueue_mask=m)
    (g,) = grad_of(out, [e])
    filled = xbm.has_been_filled
    used = xbm.label_memory if filled else xbm.label_memory[: xbm.queue_idx]
    return {"value": value(out), "grad": g.tolist(), "queue_idx": int(xbm.queue_idx),
            "memory_labels": used.tolist()}


XBM_CONFIGS = [
    # loss, distance, reducer, miner, memory size, batch sizes, masks?
    ({"name": "ContrastiveLoss"}, None, None, None, 10, [4, 4, 4, 4], False),
    ({"name": "ContrastiveLoss", "kwargs": {"pos_margin": 0.1, "neg_margin": 0.7}}, None,
     {"name": "MeanReducer"}, {"name": "PairMarginMiner", "kwargs": {"pos_margin": 0.2, "neg_margin": 0.8}},
     7, [3, 5, 4, 6], False),
    ({"name": "ContrastiveLoss"}, COS, None, {"name": "MultiSimilarityMiner", "kwargs": {"epsilon": 0.1}},
     9, [5, 6, 5], True),
    ({"name": "TripletMarginLoss", "kwargs": {"margin": 0.1}}, None, None, None, 8, [3, 4, 5, 3], False),
    ({"name": "TripletMarginLoss", "kwargs": {"margin": 0.3}}, None, None, {"name": "BatchHardMiner"},
     6, [4, 4, 5, 2], False),
    ({"name": "TripletMarginLoss", "kwargs": {"margin": 0.2}}, COS, {"name": "MeanReducer"},
     {"name": "TripletMarginMiner", "kwargs": {"margin": 0.2, "type_of_triplets": "semihard"}},
     10, [6, 6, 6], True),
    ({"name": "MultiSimilarityLoss"}, None, None, None, 9, [4, 5, 4, 4], False),
    ({"name": "MultiSimilarityLoss", "kwargs": {"alpha": 2.5, "beta": 30, "base": 0.4}}, None, None,
     {"name": "MultiSimilarityMiner", "kwargs": {"epsilon": 0.1}}, 8, [4, 4, 4, 5], False),
    ({"name": "MultiSimilarityLoss"}, None, None, None, 7, [5, 6, 5], True),
    ({"name": "NTXentLoss", "kwargs": {"temperature": 0.1}}, None, None, None, 11, [4, 5, 6, 4], False),
    ({"name": "NTXentLoss"}, LP, None, {"name": "TripletMarginMiner",
                                        "kwargs": {"margin": 0.2, "type_of_triplets": "all"}},
     8, [4, 4, 4, 4], False),
    ({"name": "NTXentLoss", "kwargs": {"temperature": 0.2}}, None, None, None, 6, [5, 5, 6], True),
    ({"name": "SupConLoss", "kwargs": {"temperature": 0.2}}, None, None, None, 9, [4, 5, 4, 3], False),
    ({"name": "SupConLoss"}, None, {"name": "MeanReducer"}, {"name": "BatchHardMiner"}, 7, [4, 4, 4], False),
]


def xbm_cases(rng):
    cases = []
    for loss_spec, dist, red, miner_spec, mem, sizes, masked in XBM_CONFIGS:
        d = 3
        loss_fn = make_loss(loss_spec, dist, red)
        xbm = losses.CrossBatchMemory(loss_fn, d, memory_size=mem, miner=make_miner(miner_spec))
        steps = []
        for i, n in enumerate(sizes):
            labels = rng.integers(0, 3, size=n)
            e = rng.normal(size=(n, d))
            mask = None
            if masked:
                mask = [bool(x) for x in rng.random(n) < 0.5]
                if all(mask) or not any(mask):
                    mask[0] = not mask[0]
            reset = (i == len(sizes) - 1 and len(sizes) == 4 and not masked and miner_spec is None)
            if reset:
                xbm.reset_queue()
            st = {"embeddings": e.tolist(), "labels": labels.tolist(), "enqueue_mask": mask,
                  "reset_before": reset}
            st["expected"] = xbm_step(xbm, e, labels, mask)
            steps.append(st)
        cases.append({"id": "xbm-%02d" % len(cases), "loss": loss_spec, "distance": dist, "reducer": red,
                      "miner": miner_spec, "memory_size": mem, "embedding_size": d, "steps": steps})
    return cases


def deviation_cases(rng):
    """The two corner cases where PML's code departs from its own definition."""
    cases = []
    d = 3
    # 1. a batch of one row: PML's self-comparison filter keeps the pair (row, its own slot)
    loss_spec, red = {"name": "ContrastiveLoss", "kwargs": {"pos_margin": 0.0, "neg_margin": 1.0}}, \
        {"name": "MeanReducer"}
    xbm = losses.CrossBatchMemory(make_loss(loss_spec, None, red), d, memory_size=5)
    steps = []
    for n in [3, 1]:
        labels = np.array([0, 1, 0][:n])
        e = rng.normal(size=(n, d))
        st = {"embeddings": e.tolist(), "labels": labels.tolist(), "enqueue_mask": None, "reset_before": False}
        res = xbm_step(xbm, e, labels, None)
        if n == 1:
            st["deviation"] = "batch of one row: PML keeps the pair of the row with its own slot"
            st["pml"] = res
            et = torch.tensor(e, requires_grad=True)
            mem = xbm.embedding_memory[: xbm.queue_idx].clone()
            mem_labels = xbm.label_memory[: xbm.queue_idx].clone()
            a1, p, a2, q = lmu.get_all_pairs_indices(torch.tensor(labels), mem_labels)
            slot = xbm.queue_idx - 1
            keep = p != slot
            out = make_loss(loss_spec, None, red)(et, torch.tensor(labels), (a1[keep], p[keep], a2, q), mem,
                                                  mem_labels)
            (g,) = grad_of(out, [et])
            st["expected"] = {"value": value(out), "grad": g.tolist(), "queue_idx": int(xbm.queue_idx),
                              "memory_labels": mem_labels.tolist()}
        else:
            st["expected"] = res
        steps.append(st)
    cases.append({"id": "dev-00", "loss": loss_spec, "distance": None, "reducer": red, "miner": None,
                  "memory_size": 5, "embedding_size": d, "steps": steps})
    # 2. an enqueue mask that enqueues nothing: PML marks the queue full and compares with unwritten zero slots
    loss_spec = {"name": "MultiSimilarityLoss"}
    xbm = losses.CrossBatchMemory(make_loss(loss_spec, None, None), d, memory_size=8)
    steps = []
    for mask in [[True, False, True, False, True], [False, False, False, False]]:
        n = len(mask)
        labels = rng.integers(0, 2, size=n)
        e = rng.normal(size=(n, d))
        st = {"embeddings": e.tolist(), "labels": labels.tolist(), "enqueue_mask": mask, "reset_before": False}
        if not any(mask):
            mem = xbm.embedding_memory[: xbm.queue_idx].clone().to(torch.float64)
            mem_labels = xbm.label_memory[: xbm.queue_idx].clone()
            st["deviation"] = "enqueue mask with no row set: PML marks the queue full and uses its unwritten slots"
            st["pml"] = xbm_step(xbm, e, labels, mask)
            et = torch.tensor(e, requires_grad=True)
            out = make_loss(loss_spec, None, None)(et, torch.tensor(labels), None, mem, mem_labels)
            (g,) = grad_of(out, [et])
            st["expected"] = {"value": value(out), "grad": g.tolist(), "queue_idx": mem_labels.shape[0],
                              "memory_labels": mem_labels.tolist()}
        else:
            st["expected"] = xbm_step(xbm, e, labels, mask)
        steps.append(st)
    cases.append({"id": "dev-01", "loss": loss_spec, "distance": None, "reducer": None, "miner": None,
                  "memory_size": 8, "embedding_size": d, "steps": steps})
    return cases


SAMPLER_CONFIGS = [
    # labels, m, batch_size, length_before_new_iter
    ([0, 0, 0, 1, 1, 2, 2, 2, 2, 3, 4, 4, 4, 4, 4, 5, 5, 5], 3, 12, 100),
    ([0, 0, 0, 1, 1, 2, 2, 2, 2, 3, 4, 4, 4, 4, 4, 5, 5, 5], 2, None, 100),
    ([0, 0, 0, 1, 1, 2, 2, 2, 2, 3, 4, 4, 4, 4, 4, 5, 5, 5], 4, None, 10),
    ([0, 0, 0, 1, 1, 2, 2, 2, 2, 3, 4, 4, 4, 4, 4, 5, 5, 5], 2, 4, 4),
    ([7, 7, 3, 3, 3, 9, 9, 9, 9, 9, 1], 2, 6, 50),
    ([7, 7, 3, 3, 3, 9, 9, 9, 9, 9, 1], 5, None, 7),
    ([7, 7, 3, 3, 3, 9, 9, 9, 9, 9, 1], 1, 4, 33),
    # PML's assertions
    ([0, 0, 1, 1], 2, 6, 100),
    ([0, 0, 1, 1], 2, 3, 100),
    ([0, 0, 1, 1], 2, 4, 3),
]


def sampler_cases():
    # samplers/__init__ imports the testers, which need scikit-learn; load the sampler's own module without it
    import importlib
    import os
    import types
    pkg = types.ModuleType("pytorch_metric_learning.samplers")
    pkg.__path__ = [os.path.join(os.path.dirname(pytorch_metric_learning.__file__), "samplers")]
    sys.modules["pytorch_metric_learning.samplers"] = pkg
    MPerClassSampler = importlib.import_module("pytorch_metric_learning.samplers.m_per_class_sampler").MPerClassSampler
    from pytorch_metric_learning.utils import common_functions as c_f
    c_f.NUMPY_RANDOM = np.random.RandomState(7)
    cases = []
    for labels, m, bs, length in SAMPLER_CONFIGS:
        case = {"labels": labels, "m": m, "batch_size": bs, "length_before_new_iter": length}
        try:
            s = MPerClassSampler(labels, m, batch_size=bs, length_before_new_iter=length)
        except Exception as e:  # PML asserts
            case["expected"] = {"error": {"type": type(e).__name__, "message": str(e)}}
            cases.append(case)
            continue
        idx = list(iter(s))
        chunk = bs if bs is not None else m * len(set(labels))
        batches = []
        for b in range(0, len(idx), chunk):
            counts = {}
            for i in idx[b:b + chunk]:
                counts[labels[i]] = counts.get(labels[i], 0) + 1
            batches.append(sorted(counts.values()))
        case["expected"] = {"length": len(s), "iter_length": len(idx), "batch_class_counts": batches}
        cases.append(case)
    return cases


def main():
    rng = np.random.default_rng(20260516)
    out = {
        "generator": "tools/gen_pml_xbm.py",
        "versions": {"python": sys.version.split()[0], "pytorch_metric_learning": pytorch_metric_learning.__version__,
                     "torch": torch.__version__, "numpy": np.__version__},
        "ref_cases": ref_cases(rng),
        "xbm_cases": xbm_cases(rng) + deviation_cases(rng),
        "sampler_cases": sampler_cases(),
    }
    json.dump(out, sys.stdout, indent=None, separators=(",", ":"))
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
