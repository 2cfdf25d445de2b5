package io.jaccard4j.cli;

import io.jaccard4j.io.InputArray;
import io.jaccard4j.engine.OutputFormat;
import io.jaccard4j.io.Json;
import io.jaccard4j.metriclearning.Distance;

import io.jaccard4j.io.Npy;
import io.jaccard4j.io.NpyDtype;
import io.jaccard4j.io.NpyHeader;
import io.jaccard4j.concurrent.ChunkedWork;
import io.jaccard4j.io.NpyArray;
import io.jaccard4j.retrieval.EmbeddingBlocks;
import io.jaccard4j.retrieval.HammingCodes;
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
            "with a bounded top-K selection on all cores; 2-D float32/float64 NPY embeddings are streamed block by",
            "block). Binary codes (--codes, or --binarize) rank by Hamming distance and add mAP@K (--map-at) and",
            "precision within a Hamming radius (--radius). Ties rank by lower sample index."})
final class RetrievalCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--embeddings", paramLabel = "E.npy", description = "n x d embeddings (or --codes)")
    Path embeddings;

    @Option(names = "--codes", paramLabel = "C.npy",
            description = "n x (bits/8) uint8 packed binary codes (numpy packbits layout), ranked by Hamming distance")
    Path codes;

    @Option(names = "--binarize", description = "rank the sign codes of --embeddings (bit = value > 0) by Hamming "
            + "distance; d must be a multiple of 8")
    boolean binarize;

    @Option(names = "--bits", paramLabel = "B", description = "the code width in bits, checked against --codes "
            + "(a multiple of 8)")
    Integer bits;

    @Option(names = "--map-at", paramLabel = "K", description = "also mAP@K (the hashing papers' AP over the K nearest)")
    Integer mapAt;

    @Option(names = "--radius", paramLabel = "R", description = "also precision within Hamming radius R (codes only)")
    Integer radius;

    @Option(names = "--threads", paramLabel = "T", description = "threads (default: the processors)")
    Integer threads;

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

    private static void checkLabels(int labels, int rows, String what) {
        if (labels != rows) {
            throw new IllegalArgumentException("--labels has " + labels + " labels for the " + rows + " rows of " + what
                    + "; there must be one label a row");
        }
    }

    /** A 2-D uint8 NPY of packed codes. */
    private static HammingCodes readCodes(Path path, Integer bits) throws IOException {
        InputArray c = InputArray.read(path, "--codes");
        NpyArray a = c.array();
        if (a == null || a.dtype() != NpyDtype.UINT8 || c.ndim() != 2) {
            throw new IllegalArgumentException("--codes must be a 2-D uint8 NPY array of packed codes (n x bits/8); "
                    + "got " + (a == null ? "text" : a.dtype() + " of shape " + c.describeShape()));
        }
        int n = c.shape()[0];
        int width = c.shape()[1];
        if (bits != null) {
            if (bits % 8 != 0 || bits < 8) {
                throw new IllegalArgumentException("--bits " + bits + " is not a positive multiple of 8: packed "
                        + "codes are whole bytes");
            }
            if (bits != width * 8) {
                throw new IllegalArgumentException("--bits " + bits + " does not match --codes, whose rows are "
                        + width + " bytes (" + width * 8 + " bits)");
            }
        }
        return HammingCodes.packed(a.toByteArray(), n, width);
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
        if ((embeddings == null) == (codes == null)) {
            throw new IllegalArgumentException("give exactly one of --embeddings and --codes");
        }
        if (binarize && codes != null) {
            throw new IllegalArgumentException("--binarize takes --embeddings, not --codes (codes are binary already)");
        }
        boolean hamming = codes != null || binarize;
        if (radius != null && !hamming) {
            throw new IllegalArgumentException("--radius is a Hamming radius: it needs --codes or --binarize");
        }
        if (bits != null && codes == null) {
            throw new IllegalArgumentException("--bits describes --codes; got no --codes");
        }
        if (radius != null && radius < 0) {
            throw new IllegalArgumentException("--radius must be >= 0; got " + radius);
        }
        int t = threads == null ? ChunkedWork.defaultThreads() : threads;
        if (t < 1) {
            throw new IllegalArgumentException("--threads must be >= 1; got " + t);
        }
        if (mapAt != null && mapAt < 1) {
            throw new IllegalArgumentException("--map-at must be >= 1; got " + mapAt);
        }
        InputArray l = InputArray.read(labels, "--labels");
        if (l.isStrings() || l.ndim() != 1 || !l.isIntegral()) {
            throw new IllegalArgumentException("--labels must hold one integer label a sample");
        }
        int[] y = l.array().toIntArray();
        int[] k = ks.stream().mapToInt(Integer::intValue).toArray();
        int map = mapAt == null ? 0 : mapAt;
        Map<String, Double> m;
        if (codes != null) {
            HammingCodes c = readCodes(codes, bits);
            checkLabels(y.length, c.rows(), "--codes");
            m = RetrievalMetrics.hamming(c, y, k, map, radius == null ? -1 : radius, block, t);
        } else {
            try (EmbeddingBlocks source = open(embeddings)) {
                checkLabels(y.length, source.rows(), "--embeddings");
                m = binarize ? RetrievalMetrics.hamming(HammingCodes.binarize(source), y, k, map,
                        radius == null ? -1 : radius, block, t)
                        : RetrievalMetrics.compute(source, y, d, k, map, block, t);
            }
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
