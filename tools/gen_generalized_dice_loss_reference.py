"""PyTorch autograd (float64) reference of jaccard4j's GeneralizedDiceLoss (issue 20), written from its formula:
  X_c = sum x, Y_c = sum y, D_c = sum |x - y| (norm-1) or P_c = sum x*y (product), over the kept pixels of a group
  (the batch, or each image); I2_c = X_c + Y_c - D_c (norm-1) or 2 P_c; w_c = 1/Y^2, 1/Y or 1, detached, an
  infinite weight replaced by the group's largest finite weight (MONAI's rule), 0 if none;
  L = 1 - (sum w I2 + s) / (sum w (X + Y) + s), averaged over groups; gradient w.r.t. the logits (or probabilities).
Cases: softmax / sigmoid / identity, hard labels with an ignore index, soft labels (label smoothing and random
simplex points) with a keep mask, the four weight types x cardinalities x reductions, a class absent from the
targets; and (cases gdl-36 on) the background excluded (MONAI's include_background=False: class 0 leaves the sums
and the weights' maximum, not the softmax).
Run:  /usr/bin/python3 tools/gen_generalized_dice_loss_reference.py   (Debian python 3.11, torch 1.13; CPU, float64)
Writes: jaccard4j-core/src/test/resources/reference/loss/generalized_dice.json
"""
import json
import os

import torch

OUT = os.path.join(os.path.dirname(__file__), "..", "jaccard4j-core", "src", "test", "resources", "reference", "loss",
                   "generalized_dice.json")


def loss(x, y, keep, weight, product, smooth, per_image, include_background=True):
    n = x.shape[0]
    groups = [(slice(b, b + 1)) for b in range(n)] if per_image else [slice(0, n)]
    total = 0
    for g in groups:
        xg = x[g] * keep[g].unsqueeze(1)
        yg = y[g] * keep[g].unsqueeze(1)
        dims = [0] + list(range(2, x.dim()))
        X = xg.sum(dims)
        Y = yg.sum(dims)
        if product:
            I2 = 2 * (xg * yg).sum(dims)
        else:
            I2 = X + Y - ((xg - yg).abs() * keep[g].unsqueeze(1)).sum(dims)
        if not include_background:
            X, Y, I2 = X[1:], Y[1:], I2[1:]
        with torch.no_grad():
            if weight == "square":
                w = 1 / Y ** 2
            elif weight == "simple":
                w = 1 / Y
            else:
                w = torch.ones_like(Y)
            inf = torch.isinf(w)
            w[inf] = 0
            w[inf] = w.max() if (~inf).any() else 0.0
        den = (w * (X + Y)).sum() + smooth
        total = total + (0 if den == 0 else 1 - ((w * I2).sum() + smooth) / den)
    return total / len(groups)


def case(g, k, activation, labels, weight, product, include_background):
    per_image = k % 2 == 1
    smooth = [0.0, 1e-5, 1.0][k % 3]
    n, c, h, w = 2, [3, 4, 2][k % 3], 3, 4
    z = (torch.randn((n, c, h, w), generator=g, dtype=torch.float64) * 2).requires_grad_()
    if activation == "softmax":
        x = torch.softmax(z, 1)
    elif activation == "sigmoid":
        x = torch.sigmoid(z)
    else:
        zz = torch.rand((n, c, h, w), generator=g, dtype=torch.float64)
        z = zz.clone().requires_grad_()
        x = z
    if labels == "hard":
        lab = torch.randint(0, c, (n, h, w), generator=g)
        lab[lab == c - 1] = 0 if k % 4 == 0 else c - 1  # sometimes a class absent everywhere
        lab[torch.rand((n, h, w), generator=g) < 0.15] = 255
        keep = (lab != 255).double()
        y = torch.nn.functional.one_hot(lab.clamp(0, c - 1), c).movedim(-1, 1).double()
        target = {"labels": lab.flatten().tolist(), "ignore_index": 255}
    else:
        if k % 2 == 0:
            lab = torch.randint(0, c, (n, h, w), generator=g)
            y = torch.nn.functional.one_hot(lab, c).movedim(-1, 1).double() * 0.9 + 0.1 / c
        else:
            y = torch.softmax(torch.randn((n, c, h, w), generator=g, dtype=torch.float64), 1)
        keep = (torch.rand((n, h, w), generator=g) > 0.1).double()
        target = {"soft": y.flatten().tolist(), "keep": [bool(v) for v in keep.flatten().tolist()]}
    value = loss(x, y, keep, weight, product, smooth, per_image, include_background)
    value.backward()
    return {"id": "gdl-%02d" % k, "activation": activation, "weight": weight,
            "cardinality": "product" if product else "norm1", "smooth": smooth, "per_image": per_image,
            "include_background": include_background, "shape": [n, c, h, w], "input": z.detach().flatten().tolist(),
            "target": target, "value": float(value), "grad": z.grad.flatten().tolist()}


def main():
    g = torch.Generator().manual_seed(24)
    cases = []
    k = 0
    for activation in ("softmax", "sigmoid", "identity"):
        for labels in ("hard", "soft"):
            for weight in ("square", "simple", "linear"):
                for product in (False, True):
                    cases.append(case(g, k, activation, labels, weight, product, True))
                    k += 1
    for activation in ("softmax", "identity"):
        for labels in ("hard", "soft"):
            for weight, product in (("square", False), ("simple", True), ("linear", False)):
                cases.append(case(g, k, activation, labels, weight, product, False))
                k += 1
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as fh:
        json.dump({"generator": "tools/gen_generalized_dice_loss_reference.py", "seed": 24,
                   "versions": {"torch": torch.__version__}, "cases": cases}, fh, separators=(",", ":"))
    print("wrote", OUT, len(cases), "cases")


if __name__ == "__main__":
    main()
