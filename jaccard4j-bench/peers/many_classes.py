"""Peer of io.jaccard4j.bench.ManyClassesCompare: macro Jaccard of int32 labels over many classes.

Run with PYTHONPATH=/opt/ref/skl python3 (scikit-learn 1.9.1, numpy 2.4.6):

    many_classes.py T.npy P.npy RUNS WARMUP SKLEARN_RUNS

Peers, each timed in this process after the labels are loaded (median of the runs after the warm-up calls):
  sklearn  sklearn.metrics.jaccard_score(t, p, average='macro')
  numpy    tp / true / pred counts by np.bincount (tp: np.bincount(t[t == p])), then
           tp / (true + pred - tp) averaged over the classes that occur in t or p (scikit-learn's labels)
Prints one JSON object: for each peer the score, the seconds of every run and their median.
"""
import json
import sys

import numpy as np

from peers import timed  # peers.py, next to this file


def numpy_macro(t, p):
    c = int(max(t.max(), p.max())) + 1
    tp = np.bincount(t[t == p], minlength=c).astype(np.float64)
    true = np.bincount(t, minlength=c)
    pred = np.bincount(p, minlength=c)
    present = (true + pred) > 0
    return float((tp[present] / (true + pred - tp)[present]).mean())


def main():
    t = np.load(sys.argv[1])
    p = np.load(sys.argv[2])
    runs, warmup, sk_runs = int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
    out = {"numpy": np.__version__, "labels": int(t.size)}
    s, times = timed(lambda: numpy_macro(t, p), warmup, runs)
    out["numpy_bincount"] = {"score": s, "times_s": times, "median_s": float(np.median(times))}
    if sk_runs > 0:
        import sklearn
        from sklearn.metrics import jaccard_score
        out["sklearn_version"] = sklearn.__version__
        s, times = timed(lambda: jaccard_score(t, p, average="macro"), 0, sk_runs)
        out["sklearn"] = {"score": float(s), "times_s": times, "median_s": float(np.median(times))}
    print(json.dumps(out))


if __name__ == "__main__":
    main()
