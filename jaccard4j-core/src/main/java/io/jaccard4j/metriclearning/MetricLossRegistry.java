package io.jaccard4j.metriclearning;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The one rule table from names to metric-learning configurations, shared by the command line ({@code jaccard4j
 * metric-loss}) and any other front end. Names are PML's in lower-case kebab form; parameters carry PML's names:
 * <table>
 *   <caption>losses and their parameters</caption>
 *   <tr><th>name</th><th>PML class</th><th>parameters (PML defaults)</th></tr>
 *   <tr><td>{@code contrastive}</td><td>ContrastiveLoss</td><td>pos_margin (0), neg_margin (1)</td></tr>
 *   <tr><td>{@code triplet-margin}</td><td>TripletMarginLoss</td><td>margin (0.05), swap (false), smooth_loss
 *       (false)</td></tr>
 *   <tr><td>{@code multi-similarity}</td><td>MultiSimilarityLoss</td><td>alpha (2), beta (50), base (0.5)</td></tr>
 *   <tr><td>{@code ntxent}</td><td>NTXentLoss</td><td>temperature (0.07)</td></tr>
 *   <tr><td>{@code supcon}</td><td>SupConLoss</td><td>temperature (0.1)</td></tr>
 *   <tr><td>{@code proxy-anchor}</td><td>ProxyAnchorLoss</td><td>margin (0.1), alpha (32)</td></tr>
 *   <tr><td>{@code proxy-nca}</td><td>ProxyNCALoss</td><td>softmax_scale (1)</td></tr>
 *   <tr><td>{@code normalized-softmax}</td><td>NormalizedSoftmaxLoss</td><td>temperature (0.05)</td></tr>
 *   <tr><td>{@code arcface}</td><td>ArcFaceLoss</td><td>margin (28.6, degrees), scale (64)</td></tr>
 *   <tr><td>{@code cosface}</td><td>CosFaceLoss</td><td>margin (0.35), scale (64)</td></tr>
 * </table>
 * The last five are {@link ProxyLoss}es ({@link #buildProxy}): they take learnable class weights, (C, d) for
 * proxy-anchor and proxy-nca, (d, C) for the other three, as PML stores them; arcface and cosface accept only the
 * cosine distance, as PML does.
 * Distances ({@link #distance}): {@code lp} (p, default 2; PML's {@code LpDistance}), {@code cosine}, {@code dot}
 * (PML's {@code DotProductSimilarity}); embeddings are normalised unless {@code normalize} is false — PML's default
 * for all three. Miners ({@link #miner}): {@code none}, {@code batch-hard}, {@code multi-similarity},
 * {@code triplet-margin:all|hard|semihard|easy}, {@code pair-margin}, each with PML's default parameters and distance.
 * Reducers ({@link #reducer}): {@code mean}, {@code avg-non-zero}, {@code threshold:LOW,HIGH} (either bound may be
 * empty), {@code per-anchor}, {@code none} (PML's {@code DoNothingReducer}). Every bad name or value fails with an
 * {@link IllegalArgumentException} that lists what is accepted.
 */
public final class MetricLossRegistry {
    /** The loss names, in documentation order. */
    public static final List<String> LOSSES = List.of("contrastive", "triplet-margin", "multi-similarity", "ntxent",
            "supcon", "proxy-anchor", "proxy-nca", "normalized-softmax", "arcface", "cosface");

    /** The losses with learnable class weights ({@link ProxyLoss}). */
    public static final List<String> PROXY_LOSSES = List.of("proxy-anchor", "proxy-nca", "normalized-softmax",
            "arcface", "cosface");

    private static final Map<String, List<String>> PARAMETERS = new LinkedHashMap<>();

    static {
        PARAMETERS.put("contrastive", List.of("pos_margin", "neg_margin"));
        PARAMETERS.put("triplet-margin", List.of("margin", "swap", "smooth_loss"));
        PARAMETERS.put("multi-similarity", List.of("alpha", "beta", "base"));
        PARAMETERS.put("ntxent", List.of("temperature"));
        PARAMETERS.put("supcon", List.of("temperature"));
        PARAMETERS.put("proxy-anchor", List.of("margin", "alpha"));
        PARAMETERS.put("proxy-nca", List.of("softmax_scale"));
        PARAMETERS.put("normalized-softmax", List.of("temperature"));
        PARAMETERS.put("arcface", List.of("margin", "scale"));
        PARAMETERS.put("cosface", List.of("margin", "scale"));
    }

    private MetricLossRegistry() {
    }

    /** The PML parameter names a loss takes. */
    public static List<String> parameters(String loss) {
        return PARAMETERS.get(canonicalLoss(loss));
    }

    private static String canonicalLoss(String loss) {
        String l = Objects.requireNonNull(loss, "loss").trim().toLowerCase(Locale.ROOT);
        if (!PARAMETERS.containsKey(l)) {
            throw new IllegalArgumentException("unknown metric loss '" + loss + "'; expected one of " + LOSSES);
        }
        return l;
    }

    /**
     * The distance of a name, or null (the loss's default) when {@code name} is null and neither p nor normalize is
     * given.
     *
     * @param p the p of {@code lp} (null: 2)
     * @param normalize whether embeddings are normalised first (null: true, PML's default)
     */
    public static Distance distance(String name, Double p, Boolean normalize) {
        if (name == null) {
            if (p != null || normalize != null) {
                throw new IllegalArgumentException("--p and --normalize need --distance (lp, cosine or dot)");
            }
            return null;
        }
        boolean norm = normalize == null || normalize;
        switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "lp":
                return Distance.lp(p == null ? 2 : p).normalizeEmbeddings(norm);
            case "cosine":
                if (p != null || Boolean.FALSE.equals(normalize)) {
                    throw new IllegalArgumentException("distance cosine always normalises and has no p; got p = " + p
                            + ", normalize = " + normalize);
                }
                return Distance.cosine();
            case "dot":
                if (p != null) {
                    throw new IllegalArgumentException("distance dot has no p; got p = " + p);
                }
                return Distance.dot().normalizeEmbeddings(norm);
            default:
                throw new IllegalArgumentException("unknown distance '" + name + "'; expected lp, cosine or dot");
        }
    }

    /** The miner of a spec; null for {@code none} or a null spec. */
    public static Miner miner(String spec) {
        if (spec == null) {
            return null;
        }
        String s = spec.trim().toLowerCase(Locale.ROOT);
        switch (s) {
            case "none": return null;
            case "batch-hard": return Miners.batchHard();
            case "multi-similarity": return Miners.multiSimilarity(0.1);
            case "pair-margin": return Miners.pairMargin(0.2, 0.8);
            default:
        }
        if (s.startsWith("triplet-margin:")) {
            String type = s.substring("triplet-margin:".length());
            for (Miners.TripletType t : Miners.TripletType.values()) {
                if (t.name().toLowerCase(Locale.ROOT).equals(type)) {
                    return Miners.tripletMargin(0.2, t);
                }
            }
        }
        throw new IllegalArgumentException("unknown miner '" + spec + "'; expected none, batch-hard, multi-similarity, "
                + "triplet-margin:all, triplet-margin:hard, triplet-margin:semihard, triplet-margin:easy or pair-margin");
    }

    /** The reducer of a spec; null (the loss's default) for a null spec. */
    public static Reducer reducer(String spec) {
        if (spec == null) {
            return null;
        }
        String s = spec.trim().toLowerCase(Locale.ROOT);
        switch (s) {
            case "mean": return Reducer.mean();
            case "avg-non-zero": return Reducer.avgNonZero();
            case "per-anchor": return Reducer.perAnchor();
            case "none": return Reducer.doNothing();
            default:
        }
        if (s.startsWith("threshold:")) {
            String[] b = s.substring("threshold:".length()).split(",", -1);
            if (b.length == 2) {
                return Reducer.threshold(bound(b[0], spec), bound(b[1], spec));
            }
        }
        throw new IllegalArgumentException("unknown reducer '" + spec + "'; expected mean, avg-non-zero, per-anchor, "
                + "none or threshold:LOW,HIGH (a bound may be empty)");
    }

    private static double bound(String b, String spec) {
        if (b.isBlank()) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(b.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("reducer '" + spec + "': bound '" + b + "' is not a number");
        }
    }

    /** Whether a loss name is a {@link ProxyLoss} (takes learnable class weights). */
    public static boolean isProxyLoss(String loss) {
        return PROXY_LOSSES.contains(canonicalLoss(loss));
    }

    /**
     * PML's rule that ArcFace and CosFace measure with {@code CosineSimilarity} only — by name: a distance named
     * {@code dot} or {@code lp} is rejected for them even where it equals cosine.
     */
    public static void requireCosineForMarginLosses(String loss, String distanceName) {
        String l = canonicalLoss(loss);
        if ((l.equals("arcface") || l.equals("cosface")) && distanceName != null
                && !distanceName.trim().equalsIgnoreCase("cosine")) {
            throw new IllegalArgumentException((l.equals("arcface") ? "ArcFaceLoss" : "CosFaceLoss")
                    + " requires the distance to be cosine similarity (PML's CosineSimilarity); got " + distanceName);
        }
    }

    /**
     * The proxy or classifier loss of a name for C classes, with PML-named parameters and a distance, miner and
     * reducer (each null: the default).
     */
    public static ProxyLoss buildProxy(String loss, int classes, Map<String, String> params, Distance distance,
            Miner miner, Reducer reducer) {
        String l = canonicalLoss(loss);
        if (!PROXY_LOSSES.contains(l)) {
            throw new IllegalArgumentException("loss " + l + " takes no class weights; the losses with weights are "
                    + PROXY_LOSSES);
        }
        Map<String, String> p = checked(l, params);
        ProxyLoss.Builder<?> b;
        switch (l) {
            case "proxy-anchor": {
                ProxyAnchorLoss.Builder x = ProxyAnchorLoss.builder(classes);
                if (p.containsKey("margin")) {
                    x.margin(number(p, "margin"));
                }
                if (p.containsKey("alpha")) {
                    x.alpha(number(p, "alpha"));
                }
                b = x;
                break;
            }
            case "proxy-nca": {
                ProxyNCALoss.Builder x = ProxyNCALoss.builder(classes);
                if (p.containsKey("softmax_scale")) {
                    x.softmaxScale(number(p, "softmax_scale"));
                }
                b = x;
                break;
            }
            case "normalized-softmax": {
                NormalizedSoftmaxLoss.Builder x = NormalizedSoftmaxLoss.builder(classes);
                if (p.containsKey("temperature")) {
                    x.temperature(number(p, "temperature"));
                }
                b = x;
                break;
            }
            case "arcface": {
                ArcFaceLoss.Builder x = ArcFaceLoss.builder(classes);
                if (p.containsKey("margin")) {
                    x.marginDegrees(number(p, "margin"));
                }
                if (p.containsKey("scale")) {
                    x.scale(number(p, "scale"));
                }
                b = x;
                break;
            }
            default: {
                CosFaceLoss.Builder x = CosFaceLoss.builder(classes);
                if (p.containsKey("margin")) {
                    x.margin(number(p, "margin"));
                }
                if (p.containsKey("scale")) {
                    x.scale(number(p, "scale"));
                }
                b = x;
            }
        }
        if (distance != null) {
            b.distance(distance);
        }
        return b.miner(miner).reducer(reducer).build();
    }

    private static Map<String, String> checked(String l, Map<String, String> params) {
        Map<String, String> p = new LinkedHashMap<>();
        if (params != null) {
            for (Map.Entry<String, String> e : params.entrySet()) {
                if (e.getValue() == null) {
                    continue;
                }
                if (!PARAMETERS.get(l).contains(e.getKey())) {
                    throw new IllegalArgumentException("parameter " + e.getKey() + " does not apply to loss " + l
                            + "; it takes " + PARAMETERS.get(l));
                }
                p.put(e.getKey(), e.getValue());
            }
        }
        return p;
    }

    /**
     * The loss of a name with PML-named parameters (values as text: numbers, or true/false for swap and smooth_loss),
     * a distance, miner and reducer (each null: the default).
     */
    public static MetricLoss build(String loss, Map<String, String> params, Distance distance, Miner miner,
            Reducer reducer) {
        String l = canonicalLoss(loss);
        if (PROXY_LOSSES.contains(l)) {
            throw new IllegalArgumentException("loss " + l + " needs learnable class weights (--proxies); build it with "
                    + "buildProxy");
        }
        Map<String, String> p = checked(l, params);
        MetricLoss.Builder<?> b;
        switch (l) {
            case "contrastive": {
                ContrastiveLoss.Builder c = ContrastiveLoss.builder();
                if (p.containsKey("pos_margin")) {
                    c.posMargin(number(p, "pos_margin"));
                }
                if (p.containsKey("neg_margin")) {
                    c.negMargin(number(p, "neg_margin"));
                }
                b = c;
                break;
            }
            case "triplet-margin": {
                TripletMarginLoss.Builder t = TripletMarginLoss.builder();
                if (p.containsKey("margin")) {
                    t.margin(number(p, "margin"));
                }
                if (p.containsKey("swap")) {
                    t.swap(bool(p, "swap"));
                }
                if (p.containsKey("smooth_loss")) {
                    t.smoothLoss(bool(p, "smooth_loss"));
                }
                b = t;
                break;
            }
            case "multi-similarity": {
                MultiSimilarityLoss.Builder m = MultiSimilarityLoss.builder();
                if (p.containsKey("alpha")) {
                    m.alpha(number(p, "alpha"));
                }
                if (p.containsKey("beta")) {
                    m.beta(number(p, "beta"));
                }
                if (p.containsKey("base")) {
                    m.base(number(p, "base"));
                }
                b = m;
                break;
            }
            case "ntxent": {
                NTXentLoss.Builder n = NTXentLoss.builder();
                if (p.containsKey("temperature")) {
                    n.temperature(number(p, "temperature"));
                }
                b = n;
                break;
            }
            default: {
                SupConLoss.Builder s = SupConLoss.builder();
                if (p.containsKey("temperature")) {
                    s.temperature(number(p, "temperature"));
                }
                b = s;
            }
        }
        if (distance != null) {
            b.distance(distance);
        }
        b.miner(miner);
        if (reducer != null) {
            b.reducer(reducer);
        }
        return b.build();
    }

    private static double number(Map<String, String> p, String key) {
        String v = p.get(key).trim();
        try {
            double d = Double.parseDouble(v);
            if (!Double.isFinite(d)) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " is '" + v + "'; expected a finite number");
        }
    }

    private static boolean bool(Map<String, String> p, String key) {
        String v = p.get(key).trim().toLowerCase(Locale.ROOT);
        if (v.equals("true") || v.equals("false")) {
            return Boolean.parseBoolean(v);
        }
        throw new IllegalArgumentException(key + " is '" + p.get(key) + "'; expected true or false");
    }
}
