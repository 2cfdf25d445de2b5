#!/usr/bin/env python3
"""numpy's default ('linear') quantiles of fixed statistic lists at the ends of percentile bootstrap intervals,
the reference of BootstrapIntervalNumpyTest (jaccard4j-core): BootstrapInterval.ofStatistics(values, level) must give
np.quantile(values without NaN, (1 - level) / 2) and np.quantile(..., (1 + level) / 2) bit for bit.

Nothing is drawn at random: the values are closed-form sequences (sines, ratios, ties, NaNs and repeated values),
so the file checks only the percentile rule. numpy interpolates a + (b - a) t for t < 0.5 and b - (b - a)(1 - t)
for t >= 0.5 (its _lerp), which differs in the last bit from a + (b - a) t alone in about 1 % of positions.

Run with Debian's interpreter: /usr/bin/python3 tools/gen_bootstrap_percentile_reference.py   (numpy 1.24)
Writes jaccard4j-core/src/test/resources/reference/bootstrap_percentiles.json.
"""
import json, math, os
import numpy as np

LEVELS = [0.5, 0.683, 0.8, 0.9, 0.95, 0.99, 0.999]


def sequences():
    for m in list(range(1, 41)) + [57, 100, 199, 250, 1001]:
        yield "sin", m, [math.sin(i * 1.7) + i / (m + 3.0) for i in range(m)]
        yield "ratio", m, [(i * 7919 % (m + 11)) / (m + 11.0) for i in range(m)]
    for m in (5, 20, 200):
        yield "ties", m, [float(i % 3) / 3.0 for i in range(m)]
        yield "nan", m, [float("nan") if i % 4 == 1 else math.cos(i) for i in range(m)]
        yield "scores", m, [0.6 + 0.3 * math.sin(i * 0.37) ** 3 for i in range(m)]


cases = []
for name, m, values in sequences():
    kept = np.sort(np.array([v for v in values if not math.isnan(v)], dtype=np.float64))
    ends = [{"level": level, "lower": float(np.quantile(kept, (1 - level) / 2)),
             "upper": float(np.quantile(kept, (1 + level) / 2))} for level in LEVELS]
    # JSON has no NaN: NaN statistics travel as null
    cases.append({"name": name, "values": [None if math.isnan(v) else v for v in values], "ends": ends})
out = os.path.join(os.path.dirname(__file__), "..", "jaccard4j-core", "src", "test", "resources", "reference",
                   "bootstrap_percentiles.json")
with open(out, "w") as f:
    json.dump({"generator": "tools/gen_bootstrap_percentile_reference.py", "numpy": np.__version__, "cases": cases}, f)
    f.write("\n")
