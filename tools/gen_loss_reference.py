#!/usr/bin/python3
"""Reference values and autograd gradients for io.jaccard4j.loss (run with Debian's /usr/bin/python3, torch 1.13).

Writes JSON files under jaccard4j-core/src/test/resources/reference/loss/:
  tversky.json   JML / Dice semimetric / Tversky / soft Jaccard (SJL) / soft Dice, every reduction and option
  lovasz.json    Lovasz-Softmax and Lovasz hinge (per image and per batch, ignore index)
  pixelwise.json softmax cross-entropy (hard/soft, ignore, weights), sigmoid BCE, focal, distillation KL

The losses are written here in torch, in float64, from the papers' formulas:
  Wang et al. 2023, "Jaccard Metric Losses" (NeurIPS) and "Dice Semimetric Losses" (MICCAI);
  Berman et al. 2018, "The Lovasz-Softmax loss".
Inputs are float32-representable numbers so the Java float path sees exactly the same values.

Cross-check with the authors' code: if the environment variable JDTLOSS_DIR names a directory holding the
JDTLosses repository's losses/jdt_loss.py, losses/focal_loss.py and losses/kl_div_loss.py (for example a
`git show` export of github.com/zifuwanggg/JDTLosses), every case those classes support is recomputed with them
and asserted equal (to 1e-12) to the formulas below. Nothing of that repository is stored in this project.

Usage: JDTLOSS_DIR=/tmp/jdtlosses /usr/bin/python3 tools/gen_loss_reference.py
"""
import importlib.util
import json
import os
import sys

import torch
import torch.nn.functional as F

torch.set_default_dtype(torch.float64)
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..",
                   "jaccard4j-core", "src", "test", "resources", "reference", "loss")
GEN = torch.Generator().manual_seed(20240607)


def f32(t):
    """Rounds to float32 and back, so JSON holds exactly what Java's float arrays will hold."""
    return t.float().double()


def randn(*shape, scale=1.0):
    return f32(torch.randn(*shape, generator=GEN) * scale)


def randint(lo, hi, shape):
    return torch.randint(lo, hi, shape, generator=GEN)


def floats(t):
    return [float(v) for v in t.reshape(-1).tolist()]


# ---------------------------------------------------------------------------------------------------------------
# Optional: the authors' implementation
# ---------------------------------------------------------------------------------------------------------------
JDT = None
JDT_DIR = os.environ.get("JDTLOSS_DIR")
if JDT_DIR:
    def load(name):
        spec = importlib.util.spec_from_file_location(name, os.path.join(JDT_DIR, "losses", name + ".py"))
        mod = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(mod)
        return mod
    JDT = {"jdt": load("jdt_loss"), "focal": load("focal_loss"), "kl": load("kl_div_loss")}
CHECKED = {"tversky": 0, "focal": 0, "kl": 0}


def assert_close(a, b, what, tol=1e-12):
    a = float(a)
    b = float(b)
    if abs(a - b) > tol * max(1.0, abs(a), abs(b)):
        raise AssertionError(f"{what}: ours {a!r} vs JDTLoss {b!r}")


# ---------------------------------------------------------------------------------------------------------------
# Activations and targets
# ---------------------------------------------------------------------------------------------------------------
def activate(z, activation):
    if activation == "softmax":
        return torch.softmax(z, dim=1)
    if activation == "sigmoid":
        return torch.sigmoid(z)
    return z


def dense_target(target, C):
    """(y, keep) with y of shape (N, C, P) and keep of shape (N, P) as float."""
    if target["kind"] == "hard":
        lab = target["labels_t"]
        N = lab.shape[0]
        lab = lab.reshape(N, -1)
        keep = torch.ones(lab.shape, dtype=torch.bool)
        if target.get("ignore") is not None:
            keep &= lab != target["ignore"]
        if target.get("keep_t") is not None:
            keep &= target["keep_t"].reshape(N, -1)
        safe = torch.where(keep, lab, torch.zeros_like(lab))
        if C == 1:
            y = safe.double().unsqueeze(1)
        else:
            y = F.one_hot(safe, C).permute(0, 2, 1).double()
    else:
        y = target["values_t"]
        N = y.shape[0]
        y = y.reshape(N, C, -1)
        keep = torch.ones((N, y.shape[2]), dtype=torch.bool)
        if target.get("keep_t") is not None:
            keep &= target["keep_t"].reshape(N, -1)
    return y, keep


# ---------------------------------------------------------------------------------------------------------------
# Tversky family (JML semantics)
# ---------------------------------------------------------------------------------------------------------------
def tversky_loss(z, activation, target, cfg):
    N, C = z.shape[:2]
    x = activate(z, activation).reshape(N, C, -1)
    y, keep = dense_target(target, C)
    k = keep.unsqueeze(1).double()
    x = x * k
    y = y * k
    if cfg["loss"] in ("soft-jaccard", "soft-dice"):
        X, Y, tp = x.sum(2), y.sum(2), (x * y).sum(2)
    else:
        p = cfg.get("norm", 1)
        X = (x.abs() ** p).sum(2)
        Y = (y.abs() ** p).sum(2)
        D = ((x - y).abs() ** p).sum(2)
        tp = (X + Y - D) / 2
    fp, fn = X - tp, Y - tp
    alpha, beta = cfg["alpha"], cfg["beta"]
    s, gamma, thr = cfg["smooth"], cfg["gamma"], cfg["threshold"]
    w = torch.tensor(cfg["classWeights"]) if cfg.get("classWeights") else torch.ones(C)
    mode = cfg["activeHard"] if target["kind"] == "hard" else cfg["activeSoft"]
    wD, wI, wC = cfg["mix"]

    def per_class(tp_, fp_, fn_):
        t = (tp_ + s) / (tp_ + alpha * fp_ + beta * fn_ + s)
        l = -torch.log(t) if cfg["logLoss"] else 1 - t
        if gamma > 1:
            l = l.clamp(min=0) ** gamma
        return l * w

    ymax = y.amax(2)  # (N, C)
    total = 0.0 * z.sum()
    if wD > 0:
        act = torch.ones(C, dtype=torch.bool) if mode == "all" else ymax.amax(0) > thr
        if act.any():
            l = per_class(tp.sum(0), fp.sum(0), fn.sum(0))
            total = total + wD * l[act].mean()
    if wI > 0 or wC > 0:
        act = torch.ones((N, C), dtype=torch.bool) if mode == "all" else ymax > thr
        if act.any():
            l = per_class(tp, fp, fn) * act
            a = act.double()
            if wI > 0:
                cnt = a.sum(1)
                sel = cnt > 0
                total = total + wI * (l.sum(1)[sel] / cnt[sel]).mean()
            if wC > 0:
                cnt = a.sum(0)
                sel = cnt > 0
                total = total + wC * (l.sum(0)[sel] / cnt[sel]).mean()
    return total


def jdt_supports(case):
    cfg, target = case["spec"], case["target"]
    if JDT is None or case["activation"] != "softmax" or cfg["loss"] in ("soft-jaccard", "soft-dice"):
        return False
    # JDTLoss applies either a keep-mask or the ignore index, not both, and clamps out-of-range labels.
    return not (target["kind"] == "hard" and target.get("keep_t") is not None)


def jdt_value(z, case):
    cfg, target = case["spec"], case["target"]
    wD, wI, wC = cfg["mix"]
    loss = JDT["jdt"].JDTLoss(mIoUD=wD, mIoUI=wI, mIoUC=wC, alpha=cfg["alpha"], beta=cfg["beta"],
                              gamma=cfg["gamma"], smooth=cfg["smooth"], threshold=cfg["threshold"],
                              norm=cfg.get("norm", 1), log_loss=cfg["logLoss"],
                              ignore_index=target.get("ignore"),
                              class_weights=[float(v) for v in cfg["classWeights"]] if cfg.get("classWeights") else None,
                              active_classes_mode_hard=cfg["activeHard"].upper(),
                              active_classes_mode_soft=cfg["activeSoft"].upper())
    if target["kind"] == "hard":
        return loss(z, target["labels_t"].long())
    keep = target.get("keep_t")
    return loss(z, target["values_t"], keep)


# ---------------------------------------------------------------------------------------------------------------
# Lovasz (Berman et al. 2018), written from the paper
# ---------------------------------------------------------------------------------------------------------------
def lovasz_grad(gt_sorted):
    gts = gt_sorted.sum()
    inter = gts - gt_sorted.cumsum(0)
    union = gts + (1 - gt_sorted).cumsum(0)
    jac = 1 - inter / union
    if len(gt_sorted) > 1:
        jac[1:] = jac[1:] - jac[:-1].clone()
    return jac


def lovasz_softmax_flat(prob, lab, classes):
    # prob (P, C), lab (P,)
    if prob.numel() == 0:
        return prob.sum() * 0
    losses = []
    for c in range(prob.shape[1]):
        fg = (lab == c).double()
        if classes == "present" and fg.sum() == 0:
            continue
        err = (fg - prob[:, c]).abs()
        err_sorted, perm = torch.sort(err, descending=True)
        losses.append(torch.dot(err_sorted, lovasz_grad(fg[perm])))
    if not losses:
        return prob.sum() * 0
    return torch.stack(losses).mean()


def lovasz_softmax(z, activation, target, cfg):
    N, C = z.shape[:2]
    x = activate(z, activation).reshape(N, C, -1).permute(0, 2, 1)
    lab = target["labels_t"].reshape(N, -1)
    keep = torch.ones(lab.shape, dtype=torch.bool)
    if target.get("ignore") is not None:
        keep &= lab != target["ignore"]
    if cfg["perImage"]:
        return torch.stack([lovasz_softmax_flat(x[b][keep[b]], lab[b][keep[b]], cfg["classes"]) for b in range(N)]).mean()
    return lovasz_softmax_flat(x.reshape(-1, C)[keep.reshape(-1)], lab.reshape(-1)[keep.reshape(-1)], cfg["classes"])


def lovasz_hinge_flat(logit, lab):
    if logit.numel() == 0:
        return logit.sum() * 0
    signs = 2 * lab.double() - 1
    err = 1 - logit * signs
    err_sorted, perm = torch.sort(err, descending=True)
    return torch.dot(F.relu(err_sorted), lovasz_grad(lab.double()[perm]))


def lovasz_hinge(z, activation, target, cfg):
    N = z.shape[0]
    logit = z.reshape(N, -1)
    lab = target["labels_t"].reshape(N, -1)
    keep = torch.ones(lab.shape, dtype=torch.bool)
    if target.get("ignore") is not None:
        keep &= lab != target["ignore"]
    if cfg["perImage"]:
        return torch.stack([lovasz_hinge_flat(logit[b][keep[b]], lab[b][keep[b]]) for b in range(N)]).mean()
    return lovasz_hinge_flat(logit.reshape(-1)[keep.reshape(-1)], lab.reshape(-1)[keep.reshape(-1)])


# ---------------------------------------------------------------------------------------------------------------
# Pixel-wise losses
# ---------------------------------------------------------------------------------------------------------------
def cross_entropy(z, activation, target, cfg):
    N, C = z.shape[:2]
    w = torch.tensor(cfg["classWeights"]) if cfg.get("classWeights") else None
    if activation == "sigmoid":
        y, keep = dense_target(target, C)
        zz = z.reshape(N, C, -1)
        l = F.binary_cross_entropy_with_logits(zz, y, reduction="none")
        k = keep.unsqueeze(1).expand_as(l)
        return l[k].mean() if k.any() else z.sum() * 0
    if target["kind"] == "hard":
        lab = target["labels_t"].clone()
        ign = target.get("ignore")
        if ign is None:
            ign = -100
        if not (lab != ign).any():
            return z.sum() * 0
        return F.cross_entropy(z, lab, weight=w, ignore_index=ign)
    y, keep = dense_target(target, C)
    zz = z.reshape(N, C, -1)
    logp = F.log_softmax(zz, dim=1)
    if w is not None:
        logp = logp * w.reshape(1, C, 1)
    l = -(y * logp).sum(1)
    if not keep.any():
        return z.sum() * 0
    return l[keep].mean()


def focal(z, activation, target, cfg):
    N, C = z.shape[:2]
    lab = target["labels_t"].reshape(N, -1)
    zz = z.reshape(N, C, -1)
    keep = torch.ones(lab.shape, dtype=torch.bool)
    if target.get("ignore") is not None:
        keep &= lab != target["ignore"]
    if not keep.any():
        return z.sum() * 0
    safe = torch.where(keep, lab, torch.zeros_like(lab))
    logpt = F.log_softmax(zz, dim=1).gather(1, safe.unsqueeze(1)).squeeze(1)
    pt = logpt.exp()
    l = -((1 - pt) ** cfg["gamma"]) * logpt
    if cfg.get("focalAlpha"):
        l = l * torch.tensor(cfg["focalAlpha"])[safe]
    return l[keep].mean()


def jdt_focal(z, case):
    t = case["target"]
    # The authors always pass an int ignore index (torch rejects None); -100 is torch's "none" default.
    ign = t.get("ignore")
    return JDT["focal"].FocalLoss(gamma=case["spec"]["gamma"], ignore_index=-100 if ign is None else ign)(
        z, t["labels_t"])


def kl_distill(z, activation, target, cfg):
    N, C = z.shape[:2]
    T = cfg["temperature"]
    q, keep = dense_target(target, C)
    logp = F.log_softmax(z.reshape(N, C, -1) / T, dim=1)
    l = (T ** 2) * F.kl_div(logp, q, reduction="none").sum(1)
    if not keep.any():
        return z.sum() * 0
    return l[keep].mean()


def jdt_kl(z, case):
    t = case["target"]
    N, C = z.shape[:2]
    q = t["values_t"]
    keep = t.get("keep_t")
    return JDT["kl"].KLDivLoss(T=case["spec"]["temperature"])(z, q, keep)


# ---------------------------------------------------------------------------------------------------------------
# Case construction
# ---------------------------------------------------------------------------------------------------------------
def hard_target(N, spatial, C, ignore=None, ignore_frac=0.0, absent_in_first=True, keep_frac=None, binary=False):
    hi = 2 if binary else C
    lab = randint(0, hi, (N,) + spatial)
    if absent_in_first and not binary and C > 2:
        lab[0] = randint(0, C - 1, spatial)  # class C-1 absent from image 0
    t = {"kind": "hard", "shape": [N] + list(spatial)}
    if ignore is not None:
        t["ignore"] = ignore
        if ignore_frac > 0:
            lab[torch.rand(lab.shape, generator=GEN) < ignore_frac] = ignore
    if keep_frac is not None:
        t["keep_t"] = torch.rand(lab.shape, generator=GEN) >= keep_frac
    t["labels_t"] = lab
    return t


def soft_target(N, C, spatial, keep_frac=None, kind="distribution"):
    if kind == "distribution":
        v = f32(torch.softmax(torch.randn((N, C) + spatial, generator=GEN) * 2, dim=1))
    else:  # independent values in [0, 1] (multilabel)
        v = f32(torch.rand((N, C) + spatial, generator=GEN))
    t = {"kind": "soft", "shape": [N, C] + list(spatial), "values_t": v}
    if keep_frac is not None:
        t["keep_t"] = torch.rand((N,) + spatial, generator=GEN) >= keep_frac
    return t


def finish(case, fn, jdt_fn=None):
    z = case["pred_t"].clone().requires_grad_(True)
    value = fn(z, case["activation"], case["target"], case["spec"])
    value.backward()
    if jdt_fn is not None:
        zz = case["pred_t"].clone()
        # JDTLoss one-hot encodes hard labels in float32; with norm >= 2 the rounding of sqrt(|y|) in float32
        # shows at ~1e-7 relative, so those cases are compared at 1e-6.
        loose = case["target"]["kind"] == "hard" and case["spec"].get("norm", 1) != 1
        assert_close(value.item(), jdt_fn(zz, case).item(), case["name"], 1e-6 if loose else 1e-12)
        CHECKED[jdt_fn.__name__.replace("jdt_", "") if jdt_fn.__name__ != "jdt_value" else "tversky"] += 1
    t = case["target"]
    out_t = {"kind": t["kind"], "shape": t["shape"]}
    if t["kind"] == "hard":
        out_t["labels"] = [int(v) for v in t["labels_t"].reshape(-1).tolist()]
        if t.get("ignore") is not None:
            out_t["ignore"] = t["ignore"]
    else:
        out_t["values"] = floats(t["values_t"])
    if t.get("keep_t") is not None:
        out_t["keep"] = [bool(v) for v in t["keep_t"].reshape(-1).tolist()]
    spec = {k: v for k, v in case["spec"].items() if k != "mix"}
    return {"name": case["name"], "spec": spec, "activation": case["activation"], "shape": list(case["pred_t"].shape),
            "pred": floats(case["pred_t"]), "target": out_t, "value": value.item(), "grad": floats(z.grad)}


def tversky_spec(loss, **kw):
    base = {"jaccard": (1.0, 1.0), "dice": (0.5, 0.5), "tversky": (0.3, 0.7), "soft-jaccard": (1.0, 1.0),
            "soft-dice": (0.5, 0.5)}[loss]
    spec = {"loss": loss, "alpha": base[0], "beta": base[1], "gamma": 1.0, "smooth": 1e-3, "threshold": 0.01,
            "logLoss": False, "activeHard": "present", "activeSoft": "all", "reduction": "dataset"}
    spec.update(kw)
    red = spec["reduction"]
    spec["mix"] = {"dataset": (1, 0, 0), "image": (0, 1, 0), "class": (0, 0, 1)}.get(red) or \
        tuple(float(v) for v in red[4:].split(","))
    return spec


def tversky_cases():
    cases = []
    N, C, sp = 2, 3, (4, 5)

    def add(name, spec, target, activation="softmax", pred=None):
        if pred is None:
            c = 1 if activation == "sigmoid" and target["kind"] == "hard" and target.get("binary") else C
            pred = randn(N, c, *sp, scale=2.0)
        case = {"name": name, "spec": spec, "target": target, "activation": activation, "pred_t": pred}
        cases.append(finish(case, tversky_loss, jdt_value if jdt_supports(case) else None))

    for loss in ["jaccard", "dice", "tversky", "soft-jaccard", "soft-dice"]:
        for tname in ["hard", "hard-ignore", "soft", "soft-keep"]:
            for red in ["dataset", "image", "class", "mix:0.5,0.3,0.2"]:
                if tname == "hard":
                    t = hard_target(N, sp, C)
                elif tname == "hard-ignore":
                    t = hard_target(N, sp, C, ignore=255, ignore_frac=0.3)
                elif tname == "soft":
                    t = soft_target(N, C, sp)
                else:
                    t = soft_target(N, C, sp, keep_frac=0.3)
                add(f"{loss}/{tname}/{red}", tversky_spec(loss, reduction=red), t)

    mix = "mix:0.5,0.3,0.2"
    for loss in ["jaccard", "dice"]:
        for red in ["dataset", mix]:
            add(f"{loss}/hard/active-all/{red}", tversky_spec(loss, reduction=red, activeHard="all"), hard_target(N, sp, C))
            add(f"{loss}/soft/active-present-thr0.3/{red}",
                tversky_spec(loss, reduction=red, activeSoft="present", threshold=0.3), soft_target(N, C, sp))
            add(f"{loss}/hard/classWeights/{red}", tversky_spec(loss, reduction=red, classWeights=[0.5, 2.0, 1.5]),
                hard_target(N, sp, C, ignore=255, ignore_frac=0.2))
            add(f"{loss}/soft/classWeights/{red}", tversky_spec(loss, reduction=red, classWeights=[1.5, 0.25, 1.0]),
                soft_target(N, C, sp))
            add(f"{loss}/hard/log/{red}", tversky_spec(loss, reduction=red, logLoss=True), hard_target(N, sp, C))
            add(f"{loss}/soft/log/{red}", tversky_spec(loss, reduction=red, logLoss=True), soft_target(N, C, sp))
            add(f"{loss}/hard/gamma2/{red}", tversky_spec(loss, reduction=red, gamma=2.0), hard_target(N, sp, C))
            add(f"{loss}/soft/gamma1.5/{red}", tversky_spec(loss, reduction=red, gamma=1.5), soft_target(N, C, sp))
            add(f"{loss}/hard/norm2/{red}", tversky_spec(loss, reduction=red, norm=2), hard_target(N, sp, C))
            add(f"{loss}/soft/norm2/{red}", tversky_spec(loss, reduction=red, norm=2), soft_target(N, C, sp))
            add(f"{loss}/soft/smooth0/{red}", tversky_spec(loss, reduction=red, smooth=0.0), soft_target(N, C, sp))
            add(f"{loss}/soft/smooth1/{red}", tversky_spec(loss, reduction=red, smooth=1.0), soft_target(N, C, sp))
    # Layouts, activations, masks on hard labels, extreme logits.
    add("jaccard/hard/NxC", tversky_spec("jaccard"), hard_target(6, (), 4, absent_in_first=False),
        pred=randn(6, 4, scale=2.0))
    add("jaccard/soft/NxC/image", tversky_spec("jaccard", reduction="image"), soft_target(6, 4, ()),
        pred=randn(6, 4, scale=2.0))
    add("jaccard/hard/3d/mix", tversky_spec("jaccard", reduction=mix), hard_target(2, (2, 3, 2), 3),
        pred=randn(2, 3, 2, 3, 2, scale=2.0))
    add("jaccard/hard/keep-and-ignore/mix", tversky_spec("jaccard", reduction=mix),
        hard_target(N, sp, C, ignore=7, ignore_frac=0.2, keep_frac=0.2))
    tb = hard_target(N, sp, 1, binary=True)
    add("jaccard/binary-sigmoid/hard", tversky_spec("jaccard"), tb, activation="sigmoid", pred=randn(N, 1, *sp, scale=2.0))
    add("dice/binary-sigmoid/hard/image", tversky_spec("dice", reduction="image"),
        hard_target(N, sp, 1, binary=True, ignore=255, ignore_frac=0.2), activation="sigmoid",
        pred=randn(N, 1, *sp, scale=2.0))
    add("jaccard/multilabel-sigmoid/soft/mix", tversky_spec("jaccard", reduction=mix),
        soft_target(N, C, sp, kind="independent"), activation="sigmoid")
    add("jaccard/multilabel-sigmoid/hard/present", tversky_spec("jaccard", reduction=mix), hard_target(N, sp, C),
        activation="sigmoid")
    add("jaccard/probabilities/soft/mix", tversky_spec("jaccard", reduction=mix), soft_target(N, C, sp),
        activation="identity", pred=f32(torch.rand(N, C, *sp, generator=GEN)))
    add("soft-jaccard/probabilities/soft", tversky_spec("soft-jaccard"), soft_target(N, C, sp),
        activation="identity", pred=f32(torch.rand(N, C, *sp, generator=GEN)))
    add("jaccard/probabilities/hard/norm2", tversky_spec("jaccard", norm=2), hard_target(N, sp, C),
        activation="identity", pred=f32(torch.rand(N, C, *sp, generator=GEN)))
    add("jaccard/hard/logits-1e4/mix", tversky_spec("jaccard", reduction=mix), hard_target(N, sp, C),
        pred=randn(N, C, *sp, scale=1e4))
    return cases


def lovasz_cases():
    cases = []
    N, C, sp = 2, 4, (3, 5)
    for per_image in [True, False]:
        for classes in ["present", "all"]:
            for ign in [None, 255]:
                t = hard_target(N, sp, C, ignore=ign, ignore_frac=0.25 if ign else 0.0)
                case = {"name": f"lovasz-softmax/perImage={per_image}/{classes}/ignore={ign}",
                        "spec": {"loss": "lovasz-softmax", "perImage": per_image, "classes": classes},
                        "target": t, "activation": "softmax", "pred_t": randn(N, C, *sp, scale=2.0)}
                cases.append(finish(case, lovasz_softmax))
        case = {"name": f"lovasz-softmax/probabilities/perImage={per_image}",
                "spec": {"loss": "lovasz-softmax", "perImage": per_image, "classes": "present"},
                "target": hard_target(N, sp, C), "activation": "identity",
                "pred_t": f32(torch.softmax(torch.randn(N, C, *sp, generator=GEN), 1))}
        cases.append(finish(case, lovasz_softmax))
        for ign in [None, 255]:
            t = hard_target(3, sp, 1, binary=True, ignore=ign, ignore_frac=0.25 if ign else 0.0)
            case = {"name": f"lovasz-hinge/perImage={per_image}/ignore={ign}",
                    "spec": {"loss": "lovasz-hinge", "perImage": per_image},
                    "target": t, "activation": "sigmoid", "pred_t": randn(3, 1, *sp, scale=1.5)}
            cases.append(finish(case, lovasz_hinge))
    return cases


def pixelwise_cases():
    cases = []
    N, C, sp = 2, 3, (4, 5)

    def add(name, spec, target, fn, activation="softmax", pred=None, jdt_fn=None):
        if pred is None:
            pred = randn(N, C, *sp, scale=2.0)
        case = {"name": name, "spec": spec, "target": target, "activation": activation, "pred_t": pred}
        cases.append(finish(case, fn, jdt_fn if JDT is not None else None))

    add("ce/hard", {"loss": "ce"}, hard_target(N, sp, C), cross_entropy)
    add("ce/hard/ignore", {"loss": "ce"}, hard_target(N, sp, C, ignore=255, ignore_frac=0.3), cross_entropy)
    add("ce/hard/ignore/weights", {"loss": "ce", "classWeights": [0.5, 2.0, 1.25]},
        hard_target(N, sp, C, ignore=255, ignore_frac=0.3), cross_entropy)
    add("ce/hard/NxC", {"loss": "ce"}, hard_target(7, (), 5, absent_in_first=False), cross_entropy,
        pred=randn(7, 5, scale=3.0))
    add("ce/soft", {"loss": "ce"}, soft_target(N, C, sp), cross_entropy)
    add("ce/soft/keep", {"loss": "ce"}, soft_target(N, C, sp, keep_frac=0.3), cross_entropy)
    add("ce/soft/weights", {"loss": "ce", "classWeights": [0.5, 2.0, 1.25]}, soft_target(N, C, sp), cross_entropy)
    add("ce/hard/logits-1e4", {"loss": "ce"}, hard_target(N, sp, C), cross_entropy, pred=randn(N, C, *sp, scale=1e4))
    add("bce/binary/hard", {"loss": "ce"}, hard_target(N, sp, 1, binary=True, ignore=255, ignore_frac=0.2),
        cross_entropy, activation="sigmoid", pred=randn(N, 1, *sp, scale=2.0))
    add("bce/multilabel/soft/keep", {"loss": "ce"}, soft_target(N, C, sp, keep_frac=0.2, kind="independent"),
        cross_entropy, activation="sigmoid")
    for g in [0.0, 0.5, 2.0]:
        add(f"focal/gamma={g}", {"loss": "focal", "gamma": g}, hard_target(N, sp, C), focal, jdt_fn=jdt_focal)
        add(f"focal/gamma={g}/ignore", {"loss": "focal", "gamma": g},
            hard_target(N, sp, C, ignore=255, ignore_frac=0.3), focal, jdt_fn=jdt_focal)
    add("focal/gamma=2/alpha", {"loss": "focal", "gamma": 2.0, "focalAlpha": [0.25, 0.5, 1.0]},
        hard_target(N, sp, C, ignore=255, ignore_frac=0.2), focal)
    add("focal/gamma=2/logits-1e4", {"loss": "focal", "gamma": 2.0}, hard_target(N, sp, C), focal,
        pred=randn(N, C, *sp, scale=1e4))
    for T in [1.0, 2.0, 4.0]:
        teacher = randn(N, C, *sp, scale=2.0)
        q = torch.softmax(teacher / T, dim=1)  # stored as double: Targets.teacherSoftmax computes it in double
        t = {"kind": "soft", "shape": [N, C] + list(sp), "values_t": q}
        add(f"kl/T={T}", {"loss": "kl", "temperature": T}, t, kl_distill, jdt_fn=jdt_kl)
        t2 = dict(t)
        t2["keep_t"] = torch.rand((N,) + sp, generator=GEN) >= 0.3
        add(f"kl/T={T}/keep", {"loss": "kl", "temperature": T}, t2, kl_distill, jdt_fn=jdt_kl)
    return cases


def main():
    os.makedirs(OUT, exist_ok=True)
    total = 0
    for name, build in [("tversky", tversky_cases), ("lovasz", lovasz_cases), ("pixelwise", pixelwise_cases)]:
        cases = build()
        path = os.path.join(OUT, name + ".json")
        with open(path, "w") as fh:
            json.dump({"generator": "tools/gen_loss_reference.py", "torch": torch.__version__, "cases": cases}, fh,
                      separators=(",", ":"))
        size = os.path.getsize(path)
        total += size
        print(f"{path}: {len(cases)} cases, {size} bytes")
    print(f"total {total} bytes")
    if JDT is None:
        print("JDTLOSS_DIR not set: the authors' implementation was not run")
    else:
        print(f"checked against the authors' code: {CHECKED}")


if __name__ == "__main__":
    main()
