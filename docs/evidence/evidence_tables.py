"""Prints the two Markdown tables of docs/evidence.md from the committed study results (the demo's results.json):
per recipe and loss the mean ± 95 % half-width of mIoU and ECE, then the paired differences JML − SJL and JML − CE,
bold where the interval excludes 0. Rounded to 3 decimals from the full-precision values in the JSON.

usage: python3 docs/evidence/evidence_tables.py docs/evidence/study-k5.json [docs/evidence/study-k5-ls025.json]
(the second file adds its LS row to the paired table). A study of `demo --task ambiguous` adds the posterior-labels
row (POST) to both tables."""
import json
import sys

RECIPES = [("hard labels", "", "hard labels"), ("label smoothing (LS, ε = {eps})", "LS + ", "LS"),
           ("boundary label smoothing (BLS)", "BLS + ", "BLS"), ("knowledge distillation (KD)", "KD + ", "KD"),
           ("semi-supervised (SSL)", "SSL + ", "SSL")]
# only in a study of `demo --task ambiguous`: the generator's own posterior as soft labels
POSTERIOR = ("posterior labels (POST)", "POST + ", "POST")


def interval(m, h, signed=False):
    s = f"{m:+.3f} ± {h:.3f}" if signed else f"{m:.3f} ± {h:.3f}"
    return s.replace("-", "−")


def paired_cells(doc, recipe):
    by = {(p["recipe"], p["b"].split(" + ")[-1]): p for p in doc["paired"]}
    cells = []
    for metric in ("miou", "ece"):
        for other in ("SJL", "CE"):
            p = by[(recipe, other)]
            m, h = p[metric + "_diff_mean"], p[metric + "_diff_ci95"]
            s = interval(m, h, signed=True)
            cells.append(f"**{s}**" if abs(m) > h else s)
    # column order: JML − SJL mIoU, JML − CE mIoU, JML − SJL ECE, JML − CE ECE
    return cells


def main(paths):
    docs = [json.load(open(p, encoding="utf-8")) for p in paths]
    a = docs[0]
    eps = a["config"]["label_smoothing"]
    summary = {s["name"]: s for s in a["summary"]}
    recipes = RECIPES + ([POSTERIOR] if POSTERIOR[1] + "JML" in summary else [])
    print("| recipe | CE mIoU | SJL mIoU | JML mIoU | CE ECE | SJL ECE | JML ECE |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for label, prefix, _ in recipes:
        cells = [interval(summary[prefix + n]["miou_mean"], summary[prefix + n]["miou_ci95"]) for n in ("CE", "SJL", "JML")]
        cells += [interval(summary[prefix + n]["ece_mean"], summary[prefix + n]["ece_ci95"]) for n in ("CE", "SJL", "JML")]
        print(f"| {label.format(eps=eps)} | " + " | ".join(cells) + " |")
    cj = summary["CE+JML"]
    print(f"\n(CE+JML on hard labels: mIoU {interval(cj['miou_mean'], cj['miou_ci95'])}, "
          f"ECE {interval(cj['ece_mean'], cj['ece_ci95'])}.)\n")
    print("| recipe | JML − SJL, mIoU | JML − CE, mIoU | JML − SJL, ECE | JML − CE, ECE |")
    print("| --- | --- | --- | --- | --- |")
    for label, _, recipe in recipes:
        short = "LS, ε = {eps}" if recipe == "LS" else recipe
        print(f"| {short.format(eps=eps)} | " + " | ".join(paired_cells(a, recipe)) + " |")
    for path, doc in zip(paths[1:], docs[1:]):
        name = path.rsplit("/", 1)[-1].removesuffix(".json")
        print(f"| LS, ε = {doc['config']['label_smoothing']} (`{name}`) | " + " | ".join(paired_cells(doc, "LS")) + " |")


if __name__ == "__main__":
    main(sys.argv[1:])
