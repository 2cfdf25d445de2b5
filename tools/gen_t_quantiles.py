#!/usr/bin/env python3
"""Student-t quantiles t_{q, nu} from scipy.stats.t.ppf and the distribution function at them (scipy.stats.t.cdf),
the reference of SeedStatisticsTest (jaccard4j-examples). scipy's ppf is an approximate inverse: its own cdf at the
ppf differs from q by up to ~4e-10 (nu = 40), so the test compares quantiles to 1e-8 relative and the cdf to 1e-12.

Run with Debian's interpreter: /usr/bin/python3 tools/gen_t_quantiles.py   (numpy 1.24, scipy 1.10)
Writes jaccard4j-examples/src/test/resources/reference/t_quantiles.json.
"""
import json, os
import numpy, scipy
from scipy import stats

cases = []
for q in (0.975, 0.95, 0.995):
    for nu in list(range(1, 31)) + [40, 60, 120, 1000]:
        t = float(stats.t.ppf(q, nu))
        cases.append({"q": q, "nu": nu, "t": t, "cdf_at_t": float(stats.t.cdf(t, nu))})
out = os.path.join(os.path.dirname(__file__), "..", "jaccard4j-examples", "src", "test", "resources", "reference",
                   "t_quantiles.json")
with open(out, "w") as f:
    json.dump({"generator": "tools/gen_t_quantiles.py", "scipy": scipy.__version__, "numpy": numpy.__version__,
               "cases": cases}, f, indent=1)
    f.write("\n")
