#!/usr/bin/env bash
# Wall time of one spark-submit of the job jar (ScoreJob over two directories of masks, read on the executors) on a
# standalone cluster from bin/jaccard4j-spark-cluster with 1 and with 2 one-core Workers (one executor JVM each),
# twice each, and whether every run printed the same bytes as the local `jaccard4j score`.
#   usage: jaccard4j-bench/scripts/cluster_wall_time.sh TRUE_DIR PRED_DIR
# Needs `mvn -B -DskipTests -pl jaccard4j-spark,jaccard4j-cli -am package` first.
set -u
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
t="$1"; p="$2"; work="$(mktemp -d)"
cd "$here"
bin/jaccard4j score --y-true "$t" --y-pred "$p" --average macro --format json > "$work/local.json"
for n in 1 2; do
  for rep in 1 2; do
    bin/jaccard4j-spark-cluster start --workers "$n" --cores 1 --memory 1g --dir "$work/c$n" >/dev/null
    s=$(date +%s.%N)
    bin/jaccard4j-spark-cluster submit --dir "$work/c$n" --class io.jaccard4j.spark.ScoreJob \
      jaccard4j-spark/target/jaccard4j-spark-0.1.0-SNAPSHOT-job.jar score --y-true "$t" --y-pred "$p" \
      --average macro --format json --partitions $((2 * n)) > "$work/out.json" 2>"$work/err.txt"
    rc=$?
    e=$(date +%s.%N)
    same=$(cmp -s "$work/out.json" "$work/local.json" && echo same || echo DIFFERENT)
    echo "executors=$n rep=$rep exit=$rc wall=$(echo "$e - $s" | bc) s output=$same as the local command"
    bin/jaccard4j-spark-cluster stop --dir "$work/c$n" >/dev/null 2>&1
  done
done
