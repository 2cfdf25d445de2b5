package io.jaccard4j.djl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;

/** The PyTorch engine loads offline from the Maven artifacts and differentiates. */
class EngineSmokeTest {
    @Test
    void pytorchEngineRunsOfflineAndDifferentiates() {
        assertEquals("PyTorch", Engine.getInstance().getEngineName());
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray a = m.create(new float[] {1, 2, 3, 4}, new ai.djl.ndarray.types.Shape(2, 2));
            NDArray b = m.create(new float[] {0.5f, -1, 2, 0}, new ai.djl.ndarray.types.Shape(2, 2));
            a.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray y = a.matMul(b).sum();
                gc.backward(y);
            }
            // d sum(A B) / dA = 1 * B^T row sums: [b00 + b01, b10 + b11] per row
            assertArrayEquals(new float[] {-0.5f, 2f, -0.5f, 2f}, a.getGradient().toFloatArray(), 1e-6f);
        }
    }
}
