#!/usr/bin/env bash
# Streams a directory of NPY masks much larger than the JVM heap through `bin/jaccard4j score`, and checks the
# score against numpy computing the same macro Jaccard mask by mask.
#
#   jaccard4j-bench/scripts/streaming-check.sh [GIGABYTES (default 4)] [HEAP (default 256m)]
#
# Needs /usr/bin/python3 with numpy (Debian's python3-numpy) and about GIGABYTES of free disk under ${TMPDIR:-/tmp}.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
gb="${1:-4}"
heap="${2:-256m}"
py=/usr/bin/python3
dir="$(mktemp -d "${TMPDIR:-/tmp}/jaccard4j-streaming.XXXXXX")"
trap 'rm -rf "$dir"' EXIT
echo "writing ${gb} GB of uint8 masks (2048 x 1024, 21 classes, 255 = ignore) into $dir ..."
"$py" - "$dir" "$gb" <<'PY'
import sys, os, numpy as np
d, gb = sys.argv[1], float(sys.argv[2])
h, w, c = 2048, 1024, 21
pairs = int(gb * 2**30 / (2 * h * w))
os.makedirs(os.path.join(d, "true")); os.makedirs(os.path.join(d, "pred"))
rng = np.random.default_rng(5)
yy, xx = np.mgrid[0:h, 0:w]
for i in range(pairs):
    t = ((xx // (31 + i % 17) + yy // 45 + i) % c).astype(np.uint8)
    p = t.copy()
    p[:, (i * 7) % w:(i * 7) % w + 40] = (i % c)
    t[(yy % 97) == 0] = 255
    np.save(os.path.join(d, "true", "m%05d.npy" % i), t)
    np.save(os.path.join(d, "pred", "m%05d.npy" % i), p)
print(pairs, "pairs")
PY
du -sh "$dir"
echo "bin/jaccard4j score with -Xmx$heap ..."
start=$(date +%s%N)
out=$(JACCARD4J_JAVA_OPTS="-Xmx$heap" /usr/bin/time -f "%M" -o "$dir/rss" "$here/bin/jaccard4j" score \
  --y-true "$dir/true" --y-pred "$dir/pred" --average macro --ignore-index 255 --format json 2>/dev/null)
end=$(date +%s%N)
echo "$out"
echo "wall $(( (end - start) / 1000000 )) ms, peak RSS $(( $(cat "$dir/rss") / 1024 )) MB"
"$py" - "$dir" "$out" <<'PY'
import sys, os, json, numpy as np
d, out = sys.argv[1], json.loads(sys.argv[2])
c = 21
m = np.zeros(c * c, np.int64)
for f in sorted(os.listdir(os.path.join(d, "true"))):
    t = np.load(os.path.join(d, "true", f)).ravel().astype(np.int64)
    p = np.load(os.path.join(d, "pred", f)).ravel().astype(np.int64)
    k = t != 255
    m += np.bincount(t[k] * c + p[k], minlength=c * c)
m = m.reshape(c, c)
tp = np.diag(m); union = m.sum(0) + m.sum(1) - tp
present = union > 0
ref = float(np.mean(tp[present] / union[present]))
print("numpy, mask by mask: %.17g; jaccard4j: %.17g; |diff| %.3g" % (ref, out["score"], abs(ref - out["score"])))
sys.exit(0 if abs(ref - out["score"]) <= 1e-12 else 1)
PY
