package io.jaccard4j.loss;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** One case of a file written by tools/gen_loss_reference.py: a loss spec, inputs, torch's value and gradient. */
final class ReferenceCase {
    final String name;
    final Map<String, Object> spec;
    final Predictions predictions;
    final Predictions predictionsDouble;
    final Targets targets;
    final double value;
    final double[] grad;

    @SuppressWarnings("unchecked")
    private ReferenceCase(Map<String, Object> m) {
        name = (String) m.get("name");
        spec = (Map<String, Object>) m.get("spec");
        int[] shape = ints((List<Object>) m.get("shape"));
        double[] pred = doubles((List<Object>) m.get("pred"));
        float[] predF = new float[pred.length];
        for (int i = 0; i < pred.length; i++) {
            predF[i] = (float) pred[i];
        }
        String act = (String) m.get("activation");
        if (act.equals("identity")) {
            predictions = Predictions.probabilities(predF, shape);
            predictionsDouble = Predictions.probabilities(pred, shape);
        } else {
            Activation a = act.equals("softmax") ? Activation.SOFTMAX : Activation.SIGMOID;
            predictions = Predictions.logits(predF, shape, a);
            predictionsDouble = Predictions.logits(pred, shape, a);
        }
        Map<String, Object> t = (Map<String, Object>) m.get("target");
        int[] tshape = ints((List<Object>) t.get("shape"));
        boolean[] keep = null;
        if (t.containsKey("keep")) {
            List<Object> k = (List<Object>) t.get("keep");
            keep = new boolean[k.size()];
            for (int i = 0; i < keep.length; i++) {
                keep[i] = (Boolean) k.get(i);
            }
        }
        if (t.get("kind").equals("hard")) {
            int ignore = t.containsKey("ignore") ? ((Double) t.get("ignore")).intValue() : Targets.NO_IGNORE;
            targets = Targets.hard(ints((List<Object>) t.get("labels")), tshape, ignore, keep);
        } else {
            double[] v = doubles((List<Object>) t.get("values"));
            boolean exactFloat = true;
            float[] vf = new float[v.length];
            for (int i = 0; i < v.length; i++) {
                vf[i] = (float) v[i];
                exactFloat &= vf[i] == v[i];
            }
            targets = exactFloat ? Targets.soft(vf, tshape, keep) : Targets.soft(v, tshape, keep);
        }
        value = (Double) m.get("value");
        grad = doubles((List<Object>) m.get("grad"));
    }

    /** The loss described by the spec, built through {@link LossSpec}. */
    @SuppressWarnings("unchecked")
    TrainingLoss loss() {
        LossSpec s = LossSpec.of((String) spec.get("loss"));
        for (Map.Entry<String, Object> e : spec.entrySet()) {
            if (e.getKey().equals("loss")) {
                continue;
            }
            Object v = e.getValue();
            String text;
            if (v instanceof List) {
                text = ((List<Object>) v).stream().map(String::valueOf).collect(Collectors.joining(","));
            } else if (v instanceof Double && (Double) v == Math.rint((Double) v) && Math.abs((Double) v) < 1e9) {
                text = String.valueOf(((Double) v).longValue());
            } else {
                text = String.valueOf(v);
            }
            s.set(e.getKey(), text);
        }
        return s.build();
    }

    @SuppressWarnings("unchecked")
    static List<ReferenceCase> load(String file) {
        try (InputStream in = ReferenceCase.class.getResourceAsStream("/reference/loss/" + file)) {
            if (in == null) {
                throw new IllegalStateException("missing resource /reference/loss/" + file);
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            Map<String, Object> root = (Map<String, Object>) MiniJson.parse(text);
            return ((List<Object>) root.get("cases")).stream()
                    .map(c -> new ReferenceCase((Map<String, Object>) c)).collect(Collectors.toList());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int[] ints(List<Object> l) {
        return l.stream().mapToInt(o -> ((Double) o).intValue()).toArray();
    }

    private static double[] doubles(List<Object> l) {
        return l.stream().mapToDouble(o -> (Double) o).toArray();
    }

    @Override
    public String toString() {
        return name;
    }
}
