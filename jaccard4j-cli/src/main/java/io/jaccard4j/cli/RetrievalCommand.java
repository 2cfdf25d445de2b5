package io.jaccard4j.cli;

import io.jaccard4j.io.InputArray;
import io.jaccard4j.engine.OutputFormat;
import io.jaccard4j.io.Json;
import io.jaccard4j.metriclearning.Distance;

import io.jaccard4j.io.Npy;
import io.jaccard4j.io.NpyDtype;
import io.jaccard4j.io.NpyHeader;
import io.jaccard4j.retrieval.EmbeddingBlocks;
import io.jaccard4j.retrieval.RetrievalMetrics;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code jaccard4j retrieval}: precision@1, R-precision, MAP@R, MRR, Recall@k and NDCG@k of embeddings. */
@Command(name = "retrieval", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Retrieval metrics of labelled embeddings, every sample querying all the others: precision@1,",
            "R-precision, MAP@R, MRR, Recall@k and NDCG@k (exact nearest neighbours, by query x reference blocks",
            "with a bounded top-K selection; 2-D float32/float64 NPY embeddings are streamed block by block)."})
final class RetrievalCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--embeddings", required = true, paramLabel = "E.npy", description = "n x d embeddings")
    Path embeddings;

    @Option(names = "--labels", required = true, paramLabel = "L.npy", description = "n integer class labels")
    Path labels;

    @Option(names = "--distance", paramLabel = "D", defaultValue = "cosine",
            description = "cosine or euclidean (default: ${DEFAULT-VALUE})")
    String distance;

    @Option(names = "--k", paramLabel = "k,...", split = ",", defaultValue = "1,2,4,8,16",
            description = "the k of Recall@k and NDCG@k (default: ${DEFAULT-VALUE})")
    List<Integer> ks;

    @Option(names = "--block", paramLabel = "B", defaultValue = "512",
            description = "rows a query / reference block (memory ~ B x n; default: ${DEFAULT-VALUE})")
    int block;

    @Option(names = "--format", paramLabel = "F", defaultValue = "text", description = "text or json")
    String format;

    /** Float NPY matrices are read block by block from disk; anything else is loaded and wrapped. */
    private static EmbeddingBlocks open(Path path) throws IOException {
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".npy") && java.nio.file.Files.isRegularFile(path)) {
            NpyHeader h = Npy.readHeader(path);
            if (h.shape().length == 2 && !h.fortranOrder()
                    && (h.dtype() == NpyDtype.FLOAT32 || h.dtype() == NpyDtype.FLOAT64)) {
                return EmbeddingBlocks.npy(path);
            }
        }
        InputArray e = InputArray.read(path, "--embeddings");
        if (e.isStrings() || e.ndim() != 2) {
            throw new IllegalArgumentException("--embeddings must be an n x d matrix; got shape " + e.describeShape());
        }
        return EmbeddingBlocks.of(e.array().toDoubleArray(), e.shape()[0], e.shape()[1]);
    }

    @Override
    public Integer call() throws IOException {
        boolean json = (OutputFormat.parse(format) == OutputFormat.JSON);
        Distance d = switch (distance.trim().toLowerCase(Locale.ROOT)) {
            case "cosine" -> Distance.cosine();
            case "euclidean", "l2" -> Distance.euclidean();
            default -> throw new IllegalArgumentException("--distance must be cosine or euclidean; got '" + distance + "'");
        };
        if (block < 1) {
            throw new IllegalArgumentException("--block must be >= 1; got " + block);
        }
        InputArray l = InputArray.read(labels, "--labels");
        if (l.isStrings() || l.ndim() != 1 || !l.isIntegral()) {
            throw new IllegalArgumentException("--labels must hold one integer label a sample");
        }
        int[] y = l.array().toIntArray();
        int[] k = ks.stream().mapToInt(Integer::intValue).toArray();
        Map<String, Double> m;
        try (EmbeddingBlocks source = open(embeddings)) {
            if (source.rows() != y.length) {
                throw new IllegalArgumentException("--labels has " + y.length + " labels for " + source.rows()
                        + " embeddings");
            }
            m = RetrievalMetrics.compute(source, y, d, k, block);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Json j = new Json();
            for (Map.Entry<String, Double> en : m.entrySet()) {
                j.put(en.getKey(), en.getKey().equals("queries") ? (Object) en.getValue().longValue() : en.getValue());
            }
            out.println(j);
        } else {
            for (Map.Entry<String, Double> en : m.entrySet()) {
                out.println(String.format(Locale.ROOT, "%-16s %s", en.getKey(), en.getKey().equals("queries")
                        ? Long.toString(en.getValue().longValue()) : String.format(Locale.ROOT, "%.6f", en.getValue())));
            }
        }
        return 0;
    }
}
