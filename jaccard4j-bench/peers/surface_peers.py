#!/usr/bin/env python3
"""Peers of the surface-distance rows of io.jaccard4j.bench.Compare (--only surface), run on the files it wrote.

Interpreter: any Python with numpy and scipy; torchmetrics is optional (skipped with a message when missing).
The figures in BENCHMARKS.md were made with PYTHONPATH=/opt/ref/tm:/opt/ref/skl python3 (Python 3.11.7,
numpy 2.4.6, scipy 1.17.1, torch 2.13.0+cpu, torchmetrics 1.9.0), which Compare passes as
--surface-python python3 --surface-pythonpath /opt/ref/tm:/opt/ref/skl.

Single-threaded: torch.set_num_threads(1); scipy.ndimage is single-threaded.

Definitions (those of jaccard4j's SurfaceDistances):
  surface(m)    = m & ~binary_erosion(m, structure=generate_binary_structure(ndim, 1), border_value=0)
  d(P -> G)     = distance_transform_edt(~surface(G)) read at the points of surface(P), and d(G -> P) likewise
  HD95          = max(percentile(d(P -> G), 95), percentile(d(G -> P), 95))   (numpy's linear percentile)
  NSD at tau    = (#{d(P -> G) <= tau} + #{d(G -> P) <= tau}) / (|surface(P)| + |surface(G)|)
2-D: per image and per class c = 1..C-1 (background excluded) on the masks truth == c and pred == c.

torchmetrics 1.9.0's HausdorffDistance has no percentile and no NSD, and rejects 3-D volumes. Its update calls
torchmetrics.functional.segmentation.utils.edge_surface_distance(preds, target, symmetric=True) once per
(image, class) pair and takes the maximum; that call (the 'pytorch' distance engine: every edge point against
every non-edge point, gigabytes per 512x512 pair) is what is timed here, once per pair on the first --tm-pairs
classes of image 0, followed by torch.quantile(..., 0.95) (linear, as numpy) for HD95, the count for NSD and
torch.max for the HausdorffDistance value.

EDT alone: distance_transform_edt(~surface(truth volume)), saved as surface_volume_edt.npy for Compare to check
every voxel against jaccard4j's DistanceTransform.toNearest.

Output JSON: per metric the per-pair values (rows = images, columns = classes 1..C-1), wall and CPU seconds
(time.perf_counter, time.process_time) of each timed run.
"""
import argparse
import json
import os
import platform
import sys
import time
import traceback


def median(xs):
    s = sorted(xs)
    n = len(s)
    return s[n // 2] if n % 2 else 0.5 * (s[n // 2 - 1] + s[n // 2])


def timed(fn, runs):
    out, wall, cpu = None, [], []
    for _ in range(runs):
        w0, c0 = time.perf_counter(), time.process_time()
        out = fn()
        wall.append(time.perf_counter() - w0)
        cpu.append(time.process_time() - c0)
    return out, {"times_s": wall, "median_s": median(wall), "cpu_s": cpu, "median_cpu_s": median(cpu)}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--percentile", type=float, default=95.0)
    ap.add_argument("--tolerance", type=float, default=2.0)
    ap.add_argument("--tm-pairs", type=int, default=4)
    a = ap.parse_args()
    res = {"python": sys.version.split()[0], "executable": sys.executable, "platform": platform.platform(),
           "skipped": {}, "results": {}}
    out = res["results"]

    def save():
        with open(a.out, "w") as f:
            json.dump(res, f)

    try:
        import numpy as np
        import scipy
        from scipy import ndimage
        res["numpy"] = np.__version__
        res["scipy"] = scipy.__version__
    except Exception as e:
        res["skipped"]["surface scipy"] = "numpy/scipy are not importable by %s: %s" % (sys.executable, e)
        save()
        return 0
    q, tau = a.percentile, a.tolerance
    t2 = np.load(os.path.join(a.data, "surface_images_t.npy"))
    p2 = np.load(os.path.join(a.data, "surface_images_p.npy"))
    t3 = np.load(os.path.join(a.data, "surface_volume_t.npy")) != 0
    p3 = np.load(os.path.join(a.data, "surface_volume_p.npy")) != 0
    classes = int(max(t2.max(), p2.max())) + 1

    def surface(m):
        return m & ~ndimage.binary_erosion(m, structure=ndimage.generate_binary_structure(m.ndim, 1), border_value=0)

    def distances(t, p):
        st, sp = surface(t), surface(p)
        return ndimage.distance_transform_edt(~st)[sp], ndimage.distance_transform_edt(~sp)[st]

    def hd(t, p):
        a_, b_ = distances(t, p)
        return max(np.percentile(a_, q), np.percentile(b_, q))

    def nsd(t, p):
        a_, b_ = distances(t, p)
        return float(np.count_nonzero(a_ <= tau) + np.count_nonzero(b_ <= tau)) / (a_.size + b_.size)

    def per_pair(f):
        return [[float(f(t2[i] == c, p2[i] == c)) for c in range(1, classes)] for i in range(t2.shape[0])]

    for name, f in (("hd95", hd), ("nsd", nsd)):
        values, rec = timed(lambda: per_pair(f), a.runs)
        rec["values"] = values
        out["scipy_%s/images" % name] = rec
        print("surface peers: scipy %s on %d images: median %.1f s wall, %.1f s CPU"
              % (name, t2.shape[0], rec["median_s"], rec["median_cpu_s"]), flush=True)
        value, rec = timed(lambda: float(f(t3, p3)), a.runs)
        rec["value"] = value
        out["scipy_%s/volume" % name] = rec
        print("surface peers: scipy %s on the volume: median %.1f s wall, %.1f s CPU"
              % (name, rec["median_s"], rec["median_cpu_s"]), flush=True)
    # the transform alone: distance_transform_edt of the complement of the truth volume's surface
    st3 = surface(t3)
    edt, rec = timed(lambda: ndimage.distance_transform_edt(~st3), a.runs)
    np.save(os.path.join(a.data, "surface_volume_edt.npy"), edt)
    rec["saved"] = os.path.join(a.data, "surface_volume_edt.npy")
    out["scipy_edt/volume"] = rec
    print("surface peers: scipy distance_transform_edt of the volume: median %.1f s wall, %.1f s CPU"
          % (rec["median_s"], rec["median_cpu_s"]), flush=True)
    save()
    try:
        import torch
        import torchmetrics
        from torchmetrics.functional.segmentation.utils import edge_surface_distance
        res["torch"] = torch.__version__
        res["torchmetrics"] = torchmetrics.__version__
    except Exception as e:
        res["skipped"]["surface torchmetrics"] = "torchmetrics is not importable by %s: %s" % (sys.executable, e)
        save()
        return 0
    torch.set_num_threads(1)
    k = min(a.tm_pairs, classes - 1)
    ti, pi = torch.from_numpy(t2[0].astype(np.int64)), torch.from_numpy(p2[0].astype(np.int64))
    hd_max, hd95, nsd_v, wall, cpu = [], [], [], [], []
    for c in range(1, k + 1):
        w0, c0 = time.perf_counter(), time.process_time()
        d_pg, d_gp = edge_surface_distance(pi == c, ti == c, distance_metric="euclidean", symmetric=True)
        hd_max.append(float(torch.max(d_pg.max(), d_gp.max())))
        a64, b64 = d_pg.double(), d_gp.double()
        hd95.append(float(torch.max(torch.quantile(a64, q / 100), torch.quantile(b64, q / 100))))
        nsd_v.append(float(((d_pg <= tau).sum() + (d_gp <= tau).sum()).item()) / (d_pg.numel() + d_gp.numel()))
        wall.append(time.perf_counter() - w0)
        cpu.append(time.process_time() - c0)
        print("surface peers: torchmetrics pair (image 0, class %d): %.1f s wall, %.1f s CPU" % (c, wall[-1], cpu[-1]),
              flush=True)
    out["torchmetrics_pairs"] = {"pairs": k, "image": 0, "classes": list(range(1, k + 1)), "hd_max": hd_max,
                                 "hd95": hd95, "nsd": nsd_v, "times_s": [sum(wall)], "median_s": sum(wall),
                                 "cpu_s": [sum(cpu)], "median_cpu_s": sum(cpu), "per_pair_s": wall,
                                 "per_pair_cpu_s": cpu}
    save()
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except Exception:
        traceback.print_exc()
        sys.exit(1)
