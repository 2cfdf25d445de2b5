package io.jaccard4j.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import ai.djl.training.loss.Loss;
import ai.djl.training.loss.SoftmaxCrossEntropyLoss;
import io.jaccard4j.djl.OverlapLoss;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * The DJL side of the benchmarks: logits N×C×H×W on the PyTorch engine (CPU), hard labels N×H×W and soft
 * labels N×C×H×W, and one forward + backward of a DJL {@link Loss} through a {@link GradientCollector}. Every
 * intermediate array of a step lives in a sub-manager closed after the step, so memory stays flat; the
 * gradient is zeroed in place before each step (as an optimizer's zero_grad), so steps do not accumulate.
 */
public final class DjlRunner implements AutoCloseable {
    private final NDManager manager;
    private final NDArray logits;
    private final NDList hard;
    private final NDList soft;

    /** The JML of the DJL module (same defaults as core's). */
    public static final Loss JML = OverlapLoss.jaccard().build();
    /** DJL's own softmax cross-entropy over the class axis 1, sparse (hard) labels. */
    public static final Loss CE_HARD = new SoftmaxCrossEntropyLoss("SoftmaxCrossEntropyLoss", 1, 1, true, true);

    /**
     * Loads the engine offline: the native library comes from the pytorch-native-cpu jar on the class path and is
     * unpacked into {@code DJL_CACHE_DIR} (default {@code <tmp>/jaccard4j-bench-djl-cache}).
     */
    public static void initEngine() {
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
        if (System.getProperty("DJL_CACHE_DIR") == null && System.getenv("DJL_CACHE_DIR") == null) {
            Path cache = Paths.get(System.getProperty("java.io.tmpdir"), "jaccard4j-bench-djl-cache");
            System.setProperty("DJL_CACHE_DIR", cache.toString());
            if (System.getProperty("ENGINE_CACHE_DIR") == null && System.getenv("ENGINE_CACHE_DIR") == null) {
                System.setProperty("ENGINE_CACHE_DIR", cache.toString());
            }
        }
        Engine e = Engine.getInstance();
        if (!"PyTorch".equals(e.getEngineName())) {
            throw new IllegalStateException("expected the PyTorch engine, got " + e.getEngineName());
        }
    }

    /** Sets the engine's intra-op threads (torch.set_num_threads). */
    public static void setThreads(int threads) {
        JniUtils.setNumThreads(threads);
    }

    public static int threads() {
        return JniUtils.getNumThreads();
    }

    public DjlRunner(float[] z, int[] labels, float[] softLabels, int[] nchw) {
        initEngine();
        manager = NDManager.newBaseManager();
        Shape s = new Shape(nchw[0], nchw[1], nchw[2], nchw[3]);
        logits = manager.create(z, s);
        logits.setRequiresGradient(true);
        hard = new NDList(manager.create(labels, new Shape(nchw[0], nchw[2], nchw[3])));
        soft = new NDList(manager.create(softLabels, s));
    }

    /** Labels for DJL's SoftmaxCrossEntropyLoss: N×1×H×W int64 indices picked along the class axis. */
    private NDList ceLabels(NDList labels) {
        return new NDList(labels.get(0).toType(ai.djl.ndarray.types.DataType.INT64, false).expandDims(1));
    }

    /** One forward + backward; returns the loss value. */
    public float step(Loss loss, boolean softLabels) {
        return run(loss, softLabels, false).value;
    }

    /** One forward + backward; returns the loss value and the gradient w.r.t. the logits. */
    public Outcome stepWithGradient(Loss loss, boolean softLabels) {
        return run(loss, softLabels, true);
    }

    private Outcome run(Loss loss, boolean softLabels, boolean keepGradient) {
        try (NDManager sub = manager.newSubManager()) {
            logits.tempAttach(sub);
            NDList labels = softLabels ? soft : hard;
            labels.tempAttach(sub);
            zeroGradient();
            float value;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDList l = loss == CE_HARD ? ceLabels(labels) : labels;
                NDArray out = loss.evaluate(l, new NDList(logits));
                value = out.getFloat();
                gc.backward(out);
            }
            NDArray g = logits.getGradient();
            float[] grad = keepGradient ? g.toFloatArray() : null;
            if (!keepGradient) {
                g.getFloat(0, 0, 0, 0); // touch the gradient
            }
            return new Outcome(value, grad);
        }
    }

    /** A loss value and optionally its gradient. */
    public static final class Outcome {
        public final float value;
        public final float[] gradient;

        Outcome(float value, float[] gradient) {
            this.value = value;
            this.gradient = gradient;
        }
    }

    /** Zeroes the accumulated gradient in place (optimizer.zero_grad()); the engine adds into it on backward. */
    private void zeroGradient() {
        NDArray g;
        try {
            g = logits.getGradient();
        } catch (IllegalStateException noGradientYet) {
            return;
        }
        g.muli(0f);
    }

    @Override
    public void close() {
        manager.close();
    }
}
