#!/usr/bin/env python3
"""Reference values and autograd gradients (torch, float64, seeded) for BoxSnake's polygon losses (issue 21, item 1),
each written from the formula in the core class's Javadoc (io.jaccard4j.boxsupervision), not from BoxSnake's code:

- soft rasteriser (SoftPolygonRasterizer): pixel (row y, column x) centre p = (x + 0.5, y + 0.5); for each edge
  a -> b (closed polygon), t = clamp((p - a).(b - a) / |b - a|^2, 0, 1) (t = 0 for a = b), d = min over edges of
  |p - a - t (b - a)|; inside by the non-zero winding number (no_grad); M = sigmoid(s d / tau).
  "raster_grad" is d(sum r * M)/d vertices for a seeded random r.
- point-based unary loss (PolygonBoxUnaryLoss): 1 - CIoU(box of the vertices, annotated box), CIoU with atan2 in the
  aspect term and alpha = [IoU >= 0.5] v / (1 - IoU + v) detached.
- distance-aware pairwise loss (DistanceAwarePairwiseLoss): local = sum w |M_p - M_q| / max(sum w, 1) over p in the
  box and q = p + d (dy, dx) inside the image, w = exp(-||c_p - c_q|| / sigma); global = Chan-Vese energy over the
  box's pixels with region means clamped at mass 1e-5, divided by C |box|. Gradients w.r.t. the mask M.
- total (BoxSnakeLoss): lu * unary + ll * local(M(v)) + lg * global(M(v)); gradient w.r.t. the vertices.

Cases avoid ties (min/max vertices, |M_p - M_q| = 0, pixel centres on the contour) where a subgradient is a choice.

Run:  /usr/bin/python3 tools/gen_boxsnake.py   (Debian python 3.11, torch 1.13, numpy 1.24)
Writes: jaccard4j-core/src/test/resources/reference/boxsnake.json
"""
import json
import math
import os

import numpy as np
import torch

torch.set_default_dtype(torch.float64)
OUT = os.path.join(os.path.dirname(__file__), "..", "jaccard4j-core", "src", "test", "resources", "reference",
                   "boxsnake.json")


def raster(v, h, w, tau):
    """v: (K, 2) tensor of (x, y)."""
    ys, xs = torch.meshgrid(torch.arange(h, dtype=torch.float64) + 0.5, torch.arange(w, dtype=torch.float64) + 0.5,
                            indexing="ij")
    p = torch.stack([xs.reshape(-1), ys.reshape(-1)], dim=1)[:, None, :]  # (P, 1, 2)
    a = v[None, :, :]
    b = torch.roll(v, shifts=-1, dims=0)[None, :, :]
    e = b - a
    len2 = (e * e).sum(-1)
    tt = ((p - a) * e).sum(-1) / torch.where(len2 > 0, len2, torch.ones_like(len2))
    tt = torch.where(len2 > 0, tt, torch.zeros_like(tt)).clamp(0.0, 1.0)
    q = a + tt[..., None] * e
    d2 = ((p - q) ** 2).sum(-1)  # (P, K)
    dmin = d2.min(dim=1)[0].sqrt()
    with torch.no_grad():
        cross = e[..., 0] * (p[..., 1] - a[..., 1]) - e[..., 1] * (p[..., 0] - a[..., 0])
        up = (a[..., 1] <= p[..., 1]) & (b[..., 1] > p[..., 1]) & (cross > 0)
        down = (a[..., 1] > p[..., 1]) & (b[..., 1] <= p[..., 1]) & (cross < 0)
        wn = up.sum(1) - down.sum(1)
        s = torch.where(wn != 0, torch.ones_like(dmin), -torch.ones_like(dmin))
    return torch.sigmoid(s * dmin / tau).reshape(h, w)


def unary(v, box):
    x1, y1 = v[:, 0].min(), v[:, 1].min()
    x2, y2 = v[:, 0].max(), v[:, 1].max()
    bx1, by1, bx2, by2 = [float(c) for c in box]
    iw = (torch.minimum(x2, torch.tensor(bx2)) - torch.maximum(x1, torch.tensor(bx1))).clamp(min=0)
    ih = (torch.minimum(y2, torch.tensor(by2)) - torch.maximum(y1, torch.tensor(by1))).clamp(min=0)
    inter = iw * ih
    wp, hp = x2 - x1, y2 - y1
    wb, hb = bx2 - bx1, by2 - by1
    union = wp * hp + wb * hb - inter
    iou = inter / union
    cw = torch.maximum(x2, torch.tensor(bx2)) - torch.minimum(x1, torch.tensor(bx1))
    ch = torch.maximum(y2, torch.tensor(by2)) - torch.minimum(y1, torch.tensor(by1))
    c2 = cw ** 2 + ch ** 2
    rho2 = ((bx1 + bx2 - x1 - x2) ** 2 + (by1 + by2 - y1 - y2) ** 2) / 4
    v_ = 4 / math.pi ** 2 * (math.atan2(wb, hb) - torch.atan2(wp, hp)) ** 2
    with torch.no_grad():
        alpha = v_ / (1 - iou + v_) if iou >= 0.5 else torch.tensor(0.0)
    return 1 - iou + rho2 / c2 + alpha * v_


def pair_weights(img, box, dil, sigma):
    h, w, _ = img.shape
    x0, y0, x1, y1 = box
    out = []
    for dy in (-1, 0, 1):
        for dx in (-1, 0, 1):
            if dy == 0 and dx == 0:
                continue
            for y in range(y0, y1):
                for x in range(x0, x1):
                    yy, xx = y + dy * dil, x + dx * dil
                    if 0 <= yy < h and 0 <= xx < w:
                        wt = math.exp(-float(np.linalg.norm(img[y, x] - img[yy, xx])) / sigma)
                        out.append((y * w + x, yy * w + xx, wt))
    return out


def local(m, img, box, dil, sigma):
    flat = m.reshape(-1)
    pairs = pair_weights(img, box, dil, sigma)
    i = torch.tensor([p[0] for p in pairs])
    j = torch.tensor([p[1] for p in pairs])
    wt = torch.tensor([p[2] for p in pairs])
    return (wt * (flat[i] - flat[j]).abs()).sum() / max(float(wt.sum()), 1.0)


def global_(m, img, box):
    x0, y0, x1, y1 = box
    c = torch.tensor(img[y0:y1, x0:x1, :])  # (bh, bw, C)
    mm = m[y0:y1, x0:x1][..., None]
    mu_in = (c * mm).sum((0, 1)) / mm.sum().clamp(min=1e-5)
    mu_out = (c * (1 - mm)).sum((0, 1)) / (1 - mm).sum().clamp(min=1e-5)
    e = ((c - mu_in) ** 2 * mm + (c - mu_out) ** 2 * (1 - mm)).sum()
    return e / (img.shape[2] * (x1 - x0) * (y1 - y0))


def star(rng, k, cx, cy, r):
    ang = np.sort(rng.uniform(0, 2 * math.pi, k))
    rad = r * rng.uniform(0.5, 1.2, k)
    return np.stack([cx + rad * np.cos(ang), cy + rad * np.sin(ang)], 1)


def main():
    rng = np.random.default_rng(2123)
    torch.manual_seed(2123)
    specs = [
        # h, w, C, K, tau, dil, sigma, lu, ll, lg, kind
        (12, 13, 3, 6, 0.8, 2, 2.0, 1.0, 0.5, 0.03, "star"),
        (10, 10, 3, 8, 0.4, 1, 1.0, 1.0, 0.5, 0.03, "star"),
        (14, 11, 1, 5, 1.5, 2, 0.5, 0.7, 1.3, 0.4, "star"),
        (11, 12, 3, 10, 1.0, 2, 2.0, 1.0, 0.5, 0.03, "outside"),
        (12, 12, 3, 7, 0.6, 1, 2.0, 1.0, 2.0, 1.0, "bowtie"),
        (13, 12, 3, 6, 0.4, 2, 2.0, 1.0, 0.5, 2.0, "far"),
        (9, 14, 2, 9, 2.0, 1, 3.0, 0.0, 1.0, 1.0, "star"),
        (12, 12, 3, 4, 0.7, 2, 2.0, 1.0, 0.5, 0.03, "tight"),
    ]
    cases = []
    for n, (h, w, ch, k, tau, dil, sigma, lu, ll, lg, kind) in enumerate(specs):
        if kind == "bowtie":
            verts = np.array([[2.3, 2.1], [9.7, 9.4], [9.6, 2.6], [2.2, 9.8], [5.1, 1.2], [6.3, 10.7], [1.4, 6.2]])
        elif kind == "far":
            verts = star(rng, k, 2.2, 2.4, 1.3)
        elif kind == "outside":
            verts = star(rng, k, 6.0, 5.0, 6.5)
        elif kind == "tight":
            verts = np.array([[2.9, 3.1], [9.2, 2.7], [9.6, 8.8], [3.3, 9.4]])
        else:
            verts = star(rng, k, w / 2 + rng.uniform(-1, 1), h / 2 + rng.uniform(-1, 1), min(h, w) / 3)
        verts = verts + rng.uniform(-0.05, 0.05, verts.shape)
        img = rng.uniform(0, 1, (h, w, ch))
        if kind == "far":
            box = [7, 8, 10, 11]
        elif kind == "tight":
            box = [3, 3, 10, 10]
        else:
            bx0 = int(rng.integers(0, 3))
            by0 = int(rng.integers(0, 3))
            box = [bx0, by0, int(rng.integers(w - 3, w + 1)), int(rng.integers(h - 3, h + 1))]
        r = rng.normal(size=(h, w))
        v = torch.tensor(verts, requires_grad=True)
        m = raster(v, h, w, tau)
        (g_r,) = torch.autograd.grad((torch.tensor(r) * m).sum(), v)
        vu = torch.tensor(verts, requires_grad=True)
        lu_val = unary(vu, box)
        (g_u,) = torch.autograd.grad(lu_val, vu)
        mm = m.detach().clone().requires_grad_(True)
        l_loc = local(mm, img, box, dil, sigma)
        (g_loc,) = torch.autograd.grad(l_loc, mm)
        mg = m.detach().clone().requires_grad_(True)
        l_glo = global_(mg, img, box)
        (g_glo,) = torch.autograd.grad(l_glo, mg)
        vt = torch.tensor(verts, requires_grad=True)
        mt = raster(vt, h, w, tau)
        total = lu * unary(vt, box) + ll * local(mt, img, box, dil, sigma) + lg * global_(mt, img, box)
        (g_t,) = torch.autograd.grad(total, vt)
        cases.append({
            "name": f"{n}-{kind}", "h": h, "w": w, "channels": ch, "tau": tau, "dilation": dil, "sigma": sigma,
            "weights": [lu, ll, lg], "vertices": verts.reshape(-1).tolist(), "image": img.reshape(-1).tolist(),
            "box": box, "mask": m.detach().reshape(-1).tolist(), "raster_weights": r.reshape(-1).tolist(),
            "raster_grad": g_r.reshape(-1).tolist(),
            "unary": float(lu_val), "unary_grad": g_u.reshape(-1).tolist(),
            "local": float(l_loc), "local_grad": g_loc.reshape(-1).tolist(),
            "global": float(l_glo), "global_grad": g_glo.reshape(-1).tolist(),
            "total": float(total), "total_grad": g_t.reshape(-1).tolist(),
            "global_mass_in": float(m.detach()[box[1]:box[3], box[0]:box[2]].sum()),
        })
    with open(OUT, "w") as f:
        json.dump({"generator": "tools/gen_boxsnake.py", "torch": torch.__version__, "cases": cases}, f,
                  separators=(",", ":"))
    print("wrote", OUT, len(cases), "cases")
    for c in cases:
        print(c["name"], "unary", round(c["unary"], 4), "local", round(c["local"], 4), "global", round(c["global"], 5),
              "mass_in", c["global_mass_in"])


if __name__ == "__main__":
    main()
