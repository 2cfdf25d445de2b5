"""Reference values for jaccard4j's distance transform and surface distances (issue 20).

scipy.ndimage.distance_transform_edt (with sampling) and distance_transform_cdt (chessboard, taxicab; unit
spacing only) on seeded random masks, and the Hausdorff distance by its definition for the torchmetrics 1.9.0
HausdorffDistance cases that torchmetrics gets wrong or rejects (non-square 2-D images, 3-D volumes):
surface = mask XOR binary_erosion(mask, cross structure, border_value=0); directed distances from the surface
voxels of one mask to the nearest surface voxel of the other (scipy's EDT for euclidean, numpy brute force for
chessboard/taxicab with spacing); per (sample, class) the max of both directions (or pred -> target when
directed); the reported value is the mean over (sample, class) pairs, as torchmetrics reduces.

Run with Debian's interpreter (python3-scipy, python3-numpy):
    /usr/bin/python3 tools/gen_segmentation_distance_reference.py [TORCHMETRICS_JSON]
TORCHMETRICS_JSON defaults to ../shared/reference/torchmetrics-1.9.0.json beside the repository root.
"""
import json
import os
import sys

import numpy as np
import scipy
from scipy import ndimage

OUT = os.path.join(os.path.dirname(__file__), "..", "jaccard4j-core", "src", "test", "resources", "reference",
                   "segmentation", "distance.json")


def f(x):
    x = float(x)
    if np.isnan(x):
        return "NaN"
    if np.isinf(x):
        return "Infinity" if x > 0 else "-Infinity"
    return x


def edt_cases(rng):
    cases = []
    shapes = [(7,), (12, 9), (16, 20), (20, 16), (9, 9), (6, 7, 8), (5, 9, 4), (3, 4, 5, 3)]
    for i, shape in enumerate(shapes * 2):
        density = [0.03, 0.3, 0.8][i % 3]
        mask = (rng.random(shape) >= density).astype(np.uint8)  # zeros are the sites
        if i == 0:
            mask[:] = 1
            mask[3] = 0
        sampling = None if i % 2 == 0 else [float(v) for v in np.round(0.25 + 2.5 * rng.random(len(shape)), 3)]
        d = ndimage.distance_transform_edt(mask, sampling=sampling)
        case = {"id": "edt-%02d" % i, "shape": list(shape), "sampling": sampling,
                "input": mask.ravel().tolist(), "edt": [f(v) for v in d.ravel()]}
        for metric in ("chessboard", "taxicab"):
            case["cdt_" + metric] = ndimage.distance_transform_cdt(mask, metric=metric).ravel().tolist()
        cases.append(case)
    return cases


def surface(mask):
    cross = ndimage.generate_binary_structure(mask.ndim, 1)
    return mask & ~ndimage.binary_erosion(mask, structure=cross, border_value=0)


def directed(a, b, metric, spacing):
    """distances from each surface voxel of a to the nearest surface voxel of b"""
    if metric == "euclidean":
        return ndimage.distance_transform_edt(~b, sampling=spacing)[a]
    pa = np.argwhere(a).astype(float)
    pb = np.argwhere(b).astype(float)
    diff = np.abs(pa[:, None, :] - pb[None, :, :]) * np.asarray(spacing)
    d = diff.max(axis=2) if metric == "chessboard" else diff.sum(axis=2)
    return d.min(axis=1)


def hausdorff_cases(tm_path):
    doc = json.load(open(tm_path))
    out = []
    for c in doc["segmentation_cases"]:
        if c["metric"] != "HausdorffDistance":
            continue
        shape = c["spatial_shape"]
        if len(shape) == 2 and shape[0] == shape[1]:
            continue
        kw = c["kwargs"]
        k = kw["num_classes"]
        preds = np.asarray(c["preds"]["values"])
        target = np.asarray(c["target"]["values"])
        if kw["input_format"] == "one-hot":
            preds = preds.argmax(1)
            target = target.argmax(1)
        spacing = kw["spacing"] or [1.0] * len(shape)
        values = []
        for n in range(preds.shape[0]):
            row = []
            for cls in range(0 if kw["include_background"] else 1, k):
                sp = surface(preds[n] == cls)
                st = surface(target[n] == cls)
                if not sp.any() and not st.any():
                    row.append("NaN")
                    continue
                if not sp.any() or not st.any():
                    row.append("Infinity")
                    continue
                fwd = directed(sp, st, kw["distance_metric"], spacing).max()
                if kw["directed"]:
                    row.append(f(fwd))
                else:
                    row.append(f(max(fwd, directed(st, sp, kw["distance_metric"], spacing).max())))
            values.append(row)
        out.append({"id": c["id"], "spatial_shape": shape, "kwargs": kw,
                    "per_sample_class": values, "torchmetrics_result": c["result"], "torchmetrics_error": c["error"]})
    return out


def main():
    tm = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "..", "shared",
                                                            "reference", "torchmetrics-1.9.0.json")
    rng = np.random.default_rng(20)
    doc = {"generator": "tools/gen_segmentation_distance_reference.py",
           "versions": {"scipy": scipy.__version__, "numpy": np.__version__},
           "seed": 20,
           "edt_cases": edt_cases(rng),
           "hausdorff_definition_cases": hausdorff_cases(tm)}
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as fh:
        json.dump(doc, fh, separators=(",", ":"))
    print("wrote", OUT, len(doc["edt_cases"]), "edt cases,", len(doc["hausdorff_definition_cases"]), "hausdorff cases")


if __name__ == "__main__":
    main()
