#!/usr/bin/python3
"""Peer implementations timed by io.jaccard4j.bench.Compare on the very files it wrote.

Run with Debian's /usr/bin/python3 (numpy 1.24, scikit-learn 1.2.1, torch 1.13). Every peer whose package is
missing is reported under "skipped" with the reason, and the script still exits 0; a peer that fails while
running makes it exit 1.

Peers (one process, data loaded once, each timed as the median of --runs calls after --warmup calls):
  confusion  numpy    np.bincount(t.astype(np.int64) * C + p, minlength=C*C) on uint8 labels (uniform, mask;
                     binary: C = 2, uniform 0/1 labels)
             sklearn  sklearn.metrics.jaccard_score(t[:m], p[:m], average='macro') on a subsample of m mask labels,
                      average='binary' on a subsample of the binary labels
  packed     numpy    np.packbits(mask != 0, bitorder='little');  tp/fp/fn by np.count_nonzero on bool masks
  jml        torch    Jaccard metric loss forward + backward with autograd (hard and soft labels), float32, CPU
  ce         torch    F.cross_entropy forward + backward (hard labels), float32, CPU
torch runs at each --threads T with torch.set_num_threads(T). Gradients of the first T are saved as NPY for
Compare to check against jaccard4j's.

JML (Wang et al., NeurIPS 2023; core's TverskyLoss.jaccard() defaults, as in tools/gen_loss_reference.py):
x = softmax(z, dim=1); per class k over N, H, W: |x| = sum x, |y| = sum y, D = sum |x - y|,
tp = (|x| + |y| - D) / 2, loss = mean over active classes of 1 - (tp + s) / (|x| + |y| - tp + s), s = 1e-3;
active = classes present in the labels (max y > 0.01) for hard labels, all classes for soft labels.
"""
import argparse
import json
import os
import platform
import sys
import time
import traceback

SMOOTH = 1e-3
THRESHOLD = 0.01


def median(xs):
    s = sorted(xs)
    n = len(s)
    return s[n // 2] if n % 2 else 0.5 * (s[n // 2 - 1] + s[n // 2])


def timed(fn, warmup, runs):
    """(last result, list of seconds) of runs calls after warmup calls."""
    out = None
    for _ in range(warmup):
        out = fn()
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t0)
    return out, times


def record(times, **extra):
    d = {"times_s": times, "median_s": median(times)}
    d.update(extra)
    return d


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--groups", default="confusion,packed,jml,ce")
    ap.add_argument("--threads", default="1")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--warmup", type=int, default=1)
    ap.add_argument("--classes", type=int, default=21)
    ap.add_argument("--sklearn-labels", type=int, default=2000000)
    a = ap.parse_args()
    groups = set(g.strip() for g in a.groups.split(",") if g.strip())
    threads = [int(t) for t in a.threads.split(",")]
    res = {"python": sys.version.split()[0], "executable": sys.executable, "platform": platform.platform(),
           "skipped": {}, "results": {}}
    out = res["results"]
    C = a.classes
    d = a.data

    def save():
        with open(a.out, "w") as f:
            json.dump(res, f, indent=1)

    try:
        import numpy as np
        res["numpy"] = np.__version__
    except Exception as e:  # without numpy no peer can even read the files
        for g in sorted(groups):
            res["skipped"][g] = "numpy is not importable by %s: %s" % (sys.executable, e)
        save()
        return 0

    def load(name):
        return np.load(os.path.join(d, name))

    if "confusion" in groups or "packed" in groups:
        kinds = ["uniform", "mask", "binary"] if "confusion" in groups else ["mask"]
        labels = {k: (load("labels_%s_t.npy" % k), load("labels_%s_p.npy" % k)) for k in kinds}
    if "confusion" in groups:
        for kind in kinds:
            t, p = labels[kind]
            k = 2 if kind == "binary" else C
            m, times = timed(lambda: np.bincount(t.astype(np.int64) * k + p, minlength=k * k), a.warmup, a.runs)
            out["numpy_bincount/" + kind] = record(times, labels=int(t.size),
                                                   confusion=m.reshape(k, k).astype(np.int64).tolist())
        try:
            import sklearn
            from sklearn.metrics import jaccard_score
            res["sklearn"] = sklearn.__version__
            t, p = labels["mask"]
            n = min(a.sklearn_labels, t.size)
            ts, ps = t[:n], p[:n]
            s, times = timed(lambda: jaccard_score(ts, ps, average="macro"), a.warmup, a.runs)
            out["sklearn_jaccard_macro/mask"] = record(times, labels=int(n), score=float(s))
            t, p = labels["binary"]
            n = min(a.sklearn_labels, t.size)
            ts, ps = t[:n], p[:n]
            s, times = timed(lambda: jaccard_score(ts, ps, average="binary"), a.warmup, a.runs)
            out["sklearn_jaccard_binary/binary"] = record(times, labels=int(n), score=float(s))
        except ImportError as e:
            res["skipped"]["sklearn"] = "scikit-learn is not importable by %s: %s" % (sys.executable, e)
    if "packed" in groups:
        t, p = labels["mask"]
        packed, times = timed(lambda: np.packbits(t != 0, bitorder="little"), a.warmup, a.runs)
        out["numpy_packbits/mask"] = record(times, pixels=int(t.size), bytes=int(packed.size))
        tb, pb = t != 0, p != 0

        def counts():
            return (int(np.count_nonzero(tb & pb)), int(np.count_nonzero(pb & ~tb)), int(np.count_nonzero(tb & ~pb)))

        c, times = timed(counts, a.warmup, a.runs)
        out["numpy_count_nonzero/mask"] = record(times, pixels=int(t.size), tp=c[0], fp=c[1], fn=c[2])
    if "jml" in groups or "ce" in groups:
        try:
            import torch
            import torch.nn.functional as F
            res["torch"] = torch.__version__
        except ImportError as e:
            for g in ("jml", "ce"):
                if g in groups:
                    res["skipped"]["torch_" + g] = "torch is not importable by %s: %s" % (sys.executable, e)
            save()
            return 0
        z0 = torch.from_numpy(load("logits.npy"))
        lab = torch.from_numpy(load("hard.npy").astype(np.int64))
        soft = torch.from_numpy(load("soft.npy"))
        nc = z0.shape[1]
        dims = (0, 2, 3)

        def jml(z, y, hard):
            x = torch.softmax(z, dim=1)
            X = x.sum(dims)
            Y = y.sum(dims)
            D = (x - y).abs().sum(dims)
            tp = (X + Y - D) / 2
            per_class = 1 - (tp + SMOOTH) / (X + Y - tp + SMOOTH)
            if hard:
                return per_class[y.amax(dims) > THRESHOLD].mean()
            return per_class.mean()

        cases = []
        if "jml" in groups:
            cases.append(("torch_jml_hard",
                          lambda z: jml(z, F.one_hot(lab, nc).permute(0, 3, 1, 2).to(z.dtype), True)))
            cases.append(("torch_jml_soft", lambda z: jml(z, soft, False)))
        if "ce" in groups:
            cases.append(("torch_ce_hard", lambda z: F.cross_entropy(z, lab)))
        for ti, T in enumerate(threads):
            torch.set_num_threads(T)
            for name, f in cases:
                z = z0.clone().requires_grad_(True)

                def step():
                    if z.grad is not None:
                        z.grad.zero_()  # as optimizer.zero_grad(); backward adds into it
                    loss = f(z)
                    loss.backward()
                    return float(loss.detach())

                value, times = timed(step, a.warmup, a.runs)
                entry = record(times, value=value, threads=T, actual_threads=torch.get_num_threads())
                if ti == 0:
                    g = os.path.join(d, "grad_%s.npy" % name)
                    np.save(g, z.grad.numpy())
                    entry["gradient"] = g
                out["%s/T%d" % (name, T)] = entry
    save()
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except Exception:
        traceback.print_exc()
        sys.exit(1)
