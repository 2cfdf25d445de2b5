package io.jaccard4j.cli;

import io.jaccard4j.engine.OutputFormat;
import io.jaccard4j.io.Json;
import io.jaccard4j.io.Npy;
import io.jaccard4j.io.NpyArray;
import io.jaccard4j.loss.LossResult;
import io.jaccard4j.metriclearning.Distance;
import io.jaccard4j.metriclearning.MetricLoss;
import io.jaccard4j.metriclearning.MetricLossRegistry;
import io.jaccard4j.metriclearning.Miner;
import io.jaccard4j.metriclearning.ProxyLoss;
import io.jaccard4j.metriclearning.Reducer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code jaccard4j metric-loss}: the value and exact float64 gradient of a pytorch-metric-learning loss on NPY
 * embeddings and labels. The names, defaults and rules are core's {@link MetricLossRegistry}; this class parses
 * arguments, reads and writes files, and prints.
 */
@Command(name = "metric-loss", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Compute a metric-learning loss (pytorch-metric-learning 2.9.0's semantics) and its exact",
            "gradient on NPY embeddings (n x d) and integer labels (n). Parameters carry PML's names.",
            "With --ref-embeddings and --ref-labels the embeddings are scored against that separate reference set",
            "(PML's ref_emb, ref_labels)."})
final class MetricLossCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--embeddings", required = true, paramLabel = "E.npy", description = "n x d embeddings (float)")
    Path embeddings;

    @Option(names = "--labels", required = true, paramLabel = "L.npy", description = "n integer class labels")
    Path labels;

    @Option(names = "--loss", required = true, paramLabel = "NAME",
            description = "contrastive, triplet-margin, multi-similarity, ntxent, supcon, proxy-anchor, proxy-nca, "
                    + "normalized-softmax, arcface or cosface")
    String loss;

    @Option(names = "--ref-embeddings", paramLabel = "R.npy", description = "score the embeddings against this "
            + "separate reference set (nr x d; PML's ref_emb) instead of against each other; needs --ref-labels")
    Path refEmbeddings;

    @Option(names = "--ref-labels", paramLabel = "RL.npy", description = "nr integer labels of --ref-embeddings "
            + "(PML's ref_labels)")
    Path refLabels;

    @Option(names = "--ref-grad-out", paramLabel = "GR.npy",
            description = "write dL/d(ref-embeddings) as float64 NPY (nr x d)")
    Path refGradOut;

    @Option(names = "--proxies", paramLabel = "W.npy", description = "the learnable class weights of a proxy loss, "
            + "in PML's layout: C x d for proxy-anchor and proxy-nca, d x C for normalized-softmax, arcface, cosface")
    Path proxies;

    @Option(names = "--proxy-grad-out", paramLabel = "GW.npy",
            description = "write dL/d(proxies) as float64 NPY in the layout of --proxies")
    Path proxyGradOut;

    @Option(names = "--distance", paramLabel = "D", description = "lp, cosine or dot (default: the loss's, as PML)")
    String distance;

    @Option(names = "--p", paramLabel = "P", description = "the p of --distance lp (default 2)")
    Double p;

    @Option(names = "--normalize", paramLabel = "true|false", description = "normalise embeddings first (default true)")
    String normalize;

    @Option(names = "--miner", paramLabel = "M", description = "none, batch-hard, multi-similarity, "
            + "triplet-margin:all|hard|semihard|easy or pair-margin (default none)")
    String miner;

    @Option(names = "--reducer", paramLabel = "R",
            description = "mean, avg-non-zero, threshold:LOW,HIGH, per-anchor or none (default: the loss's, as PML)")
    String reducer;

    @Option(names = "--margin", paramLabel = "m",
            description = "triplet-margin (0.05), proxy-anchor (0.1), arcface (28.6, degrees), cosface (0.35): margin")
    String margin;

    @Option(names = "--scale", paramLabel = "s", description = "arcface, cosface: scale (64)")
    String scale;

    @Option(names = "--softmax-scale", paramLabel = "s", description = "proxy-nca: softmax_scale (1)")
    String softmaxScale;

    @Option(names = "--pos-margin", paramLabel = "m", description = "contrastive: pos_margin (0)")
    String posMargin;

    @Option(names = "--neg-margin", paramLabel = "m", description = "contrastive: neg_margin (1)")
    String negMargin;

    @Option(names = "--temperature", paramLabel = "t", description = "ntxent (0.07) / supcon (0.1): temperature")
    String temperature;

    @Option(names = "--swap", paramLabel = "true|false", description = "triplet-margin: swap (false)")
    String swap;

    @Option(names = "--smooth-loss", paramLabel = "true|false", description = "triplet-margin: smooth_loss (false)")
    String smoothLoss;

    @Option(names = "--alpha", paramLabel = "a", description = "multi-similarity (2), proxy-anchor (32): alpha")
    String alpha;

    @Option(names = "--beta", paramLabel = "b", description = "multi-similarity: beta (50)")
    String beta;

    @Option(names = "--base", paramLabel = "b", description = "multi-similarity: base (0.5)")
    String base;

    @Option(names = "--grad-out", paramLabel = "G.npy", description = "write dL/d(embeddings) as float64 NPY (n x d)")
    Path gradOut;

    @Option(names = "--format", paramLabel = "F", defaultValue = "text", description = "text or json")
    String format;

    private boolean json;

    @Override
    public Integer call() throws IOException {
        json = OutputFormat.parse(format) == OutputFormat.JSON;
        Map<String, String> params = new LinkedHashMap<>();
        params.put("margin", margin);
        params.put("pos_margin", posMargin);
        params.put("neg_margin", negMargin);
        params.put("temperature", temperature);
        params.put("swap", swap);
        params.put("smooth_loss", smoothLoss);
        params.put("alpha", alpha);
        params.put("beta", beta);
        params.put("base", base);
        params.put("scale", scale);
        params.put("softmax_scale", softmaxScale);
        Distance dist = MetricLossRegistry.distance(distance, p, parseBoolean(normalize));
        Miner m = MetricLossRegistry.miner(miner);
        Reducer r = MetricLossRegistry.reducer(reducer);
        String name = loss.trim().toLowerCase(Locale.ROOT);
        boolean proxy = MetricLossRegistry.isProxyLoss(name);
        if (proxy) {
            MetricLossRegistry.requireCosineForMarginLosses(name, distance);
            if (proxies == null) {
                throw new IllegalArgumentException("--loss " + name + " needs --proxies W.npy (its learnable class "
                        + "weights)");
            }
        } else if (proxies != null || proxyGradOut != null) {
            throw new IllegalArgumentException("--proxies and --proxy-grad-out apply to the proxy losses "
                    + MetricLossRegistry.PROXY_LOSSES + ", not to " + name);
        }

        boolean ref = refEmbeddings != null || refLabels != null;
        if (ref && (refEmbeddings == null || refLabels == null)) {
            throw new IllegalArgumentException("--ref-embeddings and --ref-labels go together; got only "
                    + (refEmbeddings == null ? "--ref-labels" : "--ref-embeddings"));
        }
        if (refGradOut != null && !ref) {
            throw new IllegalArgumentException("--ref-grad-out needs a reference set (--ref-embeddings, --ref-labels)");
        }
        if (ref && proxy) {
            throw new IllegalArgumentException("--ref-embeddings applies to the pair and triplet losses, not to the "
                    + "proxy loss " + name + " (PML rejects ref_emb there too)");
        }
        NpyArray e = matrix(read(embeddings, "--embeddings"), "--embeddings", "n x d");
        int n = e.shape()[0];
        int d = e.shape()[1];
        int[] y = labels(read(labels, "--labels"), n, "--labels", "embedding row");
        double[] x = e.toDoubleArray();
        if (ref) {
            return refCall(name, params, dist, m, r, x, n, d, y);
        }
        if (proxy) {
            return proxyCall(name, params, dist, m, r, x, n, d, y);
        }
        MetricLoss metricLoss = MetricLossRegistry.build(loss, params, dist, m, r);

        PrintWriter out = spec.commandLine().getOut();
        if (r instanceof Reducer.DoNothing) {
            if (gradOut != null) {
                throw new IllegalArgumentException("--grad-out needs a reducer; --reducer none gives element losses");
            }
            printElements(out, name, metricLoss.name(), metricLoss.elements(x, n, d, y, null));
            return 0;
        }
        LossResult result = metricLoss.compute(x, n, d, y, null);
        if (gradOut != null) {
            Npy.write(gradOut, NpyArray.of(result.gradientAsDouble(), n, d));
        }
        printResult(out, name, describe(metricLoss), result.value(), null, null);
        return 0;
    }

    private int refCall(String name, Map<String, String> params, Distance dist, Miner m, Reducer r, double[] x, int n,
            int d, int[] y) throws IOException {
        NpyArray re = matrix(read(refEmbeddings, "--ref-embeddings"), "--ref-embeddings", "nr x d");
        if (re.shape()[1] != d) {
            throw new IllegalArgumentException("--ref-embeddings has shape " + Arrays.toString(re.shape())
                    + "; expected nr x " + d + ", the dimension of --embeddings");
        }
        int nr = re.shape()[0];
        int[] ry = labels(read(refLabels, "--ref-labels"), nr, "--ref-labels", "--ref-embeddings row");
        MetricLoss metricLoss = MetricLossRegistry.build(loss, params, dist, m, r);
        if (r instanceof Reducer.DoNothing) {
            if (gradOut != null || refGradOut != null) {
                throw new IllegalArgumentException("--grad-out and --ref-grad-out need a reducer; --reducer none gives "
                        + "element losses");
            }
            printElements(spec.commandLine().getOut(), name, metricLoss.name(),
                    metricLoss.elements(x, n, y, re.toDoubleArray(), nr, ry, d, null));
            return 0;
        }
        LossResult result = metricLoss.compute(x, n, y, re.toDoubleArray(), nr, ry, d, null);
        if (gradOut != null) {
            Npy.write(gradOut, NpyArray.of(result.gradientAsDouble(), n, d));
        }
        if (refGradOut != null) {
            Npy.write(refGradOut, NpyArray.of(result.gradient(MetricLoss.REF_EMBEDDINGS), nr, d));
        }
        printResult(spec.commandLine().getOut(), name, describe(metricLoss) + " of " + n + " queries against " + nr
                + " references", result.value(), "ref_grad_out", refGradOut);
        return 0;
    }

    private static String describe(MetricLoss l) {
        return l.name() + " (" + l.distance() + ", miner " + (l.miner() == null ? "none" : l.miner()) + ", reducer "
                + l.reducer() + ")";
    }

    /** Prints the value as JSON ({@code loss}, {@code value}, the files written) or as text. */
    private void printResult(PrintWriter out, String name, String description, double value, String extraKey,
            Path extra) {
        if (json) {
            Json j = new Json().put("loss", name).put("value", value);
            if (gradOut != null) {
                j.put("grad_out", gradOut.toString());
            }
            if (extra != null) {
                j.put(extraKey, extra.toString());
            }
            out.println(j);
        } else {
            out.println(description);
            out.println("value = " + value);
            if (gradOut != null) {
                out.println("gradient written to " + gradOut);
            }
        }
    }

    private static NpyArray matrix(NpyArray a, String option, String shape) {
        if (a.ndim() != 2 || a.shape()[0] < 1 || a.shape()[1] < 1) {
            throw new IllegalArgumentException(option + " must be an " + shape + " matrix with both sizes >= 1; got "
                    + "shape " + Arrays.toString(a.shape()));
        }
        if (a.dtype().isBool()) {
            throw new IllegalArgumentException(option + " must hold numbers; got " + a.dtype());
        }
        return a;
    }

    private int proxyCall(String name, Map<String, String> params, Distance dist, Miner m, Reducer r, double[] x, int n,
            int d, int[] y) throws IOException {
        NpyArray w = read(proxies, "--proxies");
        if (w.ndim() != 2 || w.dtype().isBool()) {
            throw new IllegalArgumentException("--proxies must be a numeric matrix; got shape "
                    + Arrays.toString(w.shape()) + " of " + w.dtype());
        }
        boolean columns = name.equals("normalized-softmax") || name.equals("arcface") || name.equals("cosface");
        int classes = columns ? w.shape()[1] : w.shape()[0];
        int dim = columns ? w.shape()[0] : w.shape()[1];
        if (dim != d) {
            throw new IllegalArgumentException("--proxies has shape " + Arrays.toString(w.shape()) + "; expected "
                    + (columns ? "d x C with d = " + d : "C x d with d = " + d) + " for --loss " + name);
        }
        ProxyLoss pl = MetricLossRegistry.buildProxy(name, classes, params, dist, m, r);
        double[] wv = w.toDoubleArray();
        PrintWriter out = spec.commandLine().getOut();
        if (r instanceof Reducer.DoNothing) {
            if (gradOut != null || proxyGradOut != null) {
                throw new IllegalArgumentException("--grad-out and --proxy-grad-out need a reducer; --reducer none "
                        + "gives element losses");
            }
            printElements(out, name, pl.name(), pl.elements(x, n, d, y, wv, null));
            return 0;
        }
        LossResult result = pl.compute(x, n, d, y, wv, null);
        if (gradOut != null) {
            Npy.write(gradOut, NpyArray.of(result.gradientAsDouble(), n, d));
        }
        if (proxyGradOut != null) {
            Npy.write(proxyGradOut, NpyArray.of(result.gradient(ProxyLoss.WEIGHTS), w.shape()));
        }
        printResult(out, name, pl.name() + " (" + pl.distance() + ", " + classes + " classes, miner "
                + (pl.miner() == null ? "none" : pl.miner()) + ", reducer "
                + (pl.reducer() == null ? "default" : pl.reducer()) + ")", result.value(), "proxy_grad_out",
                proxyGradOut);
        return 0;
    }

    private void printElements(PrintWriter out, String name, String longName, List<MetricLoss.Elements> els) {
        Json all = new Json();
        for (MetricLoss.Elements el : els) {
            List<Object> idx = new ArrayList<>();
            for (int[] ix : el.indices()) {
                idx.add(Arrays.stream(ix).asLongStream().toArray());
            }
            all.put(el.name(), new Json().put("reduction_type", el.type().pmlName()).put("losses", el.losses())
                    .put("indices", idx));
        }
        if (json) {
            out.println(new Json().put("loss", name).put("elements", all));
        } else {
            out.println(longName + " element losses: " + all);
        }
    }

    private static Boolean parseBoolean(String v) {
        if (v == null) {
            return null;
        }
        String s = v.trim().toLowerCase(Locale.ROOT);
        if (s.equals("true") || s.equals("false")) {
            return Boolean.valueOf(s);
        }
        throw new IllegalArgumentException("--normalize is '" + v + "'; expected true or false");
    }

    private static int[] labels(NpyArray l, int n, String option, String row) {
        if (l.ndim() != 1 || l.shape()[0] != n) {
            throw new IllegalArgumentException(option + " must hold one label per " + row + " (shape [" + n
                    + "]); got shape " + Arrays.toString(l.shape()));
        }
        if (l.dtype().isBool()) {
            throw new IllegalArgumentException(option + " must hold integer class labels; got " + l.dtype());
        }
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            double v = l.getDouble(i);
            if (v != Math.rint(v) || Math.abs(v) > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(option + " value " + i + " is " + v + "; expected an integer label");
            }
            y[i] = (int) v;
        }
        return y;
    }

    private static NpyArray read(Path path, String option) throws IOException {
        if (!Files.exists(path)) {
            throw new NoSuchFileException(path + " (" + option + ")");
        }
        return Npy.read(path);
    }
}
