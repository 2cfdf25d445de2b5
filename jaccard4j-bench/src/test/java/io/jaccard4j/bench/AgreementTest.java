package io.jaccard4j.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The harness's agreement checks accept what agrees and reject what does not (no timing here). */
class AgreementTest {
    @Test
    void confusionMatricesMustBeEqualExactly() {
        Agreement a = new Agreement();
        assertTrue(a.confusion("same", new long[][] {{1, 2}, {3, 4}}, new long[][] {{1, 2}, {3, 4}}).ok);
        assertFalse(a.confusion("one off", new long[][] {{1, 2}, {3, 4}}, new long[][] {{1, 2}, {3, 5}}).ok);
        assertFalse(a.confusion("shape", new long[][] {{1, 2}, {3, 4}}, new long[][] {{1, 2}}).ok);
        assertEquals(2, a.failures().size());
        assertTrue(a.failures().get(0).detail.contains("(1, 1): 4 vs 5"), a.failures().get(0).detail);
    }

    @Test
    void scoresToOneInATrillion() {
        Agreement a = new Agreement();
        assertTrue(a.score("close", 0.5, 0.5 + 5e-13).ok);
        assertFalse(a.score("far", 0.5, 0.5 + 5e-12).ok);
        assertFalse(a.score("nan", Double.NaN, 0.5).ok);
    }

    @Test
    void lossValuesRelative() {
        Agreement a = new Agreement();
        assertTrue(a.value("close", 0.9, 0.9 * (1 + 5e-6)).ok);
        assertFalse(a.value("far", 0.9, 0.9 * (1 + 5e-5)).ok);
        assertFalse(a.value("nan", Double.NaN, 0.9).ok);
    }

    @Test
    void gradientsAbsoluteAndRelativeToTheirScale() {
        Agreement a = new Agreement();
        assertTrue(a.gradient("close", new float[] {1e-3f, -2e-3f}, new float[] {1e-3f, -2.0000001e-3f}).ok);
        assertFalse(a.gradient("abs", new float[] {0.5f, 0f}, new float[] {0.5f, 2e-5f}).ok);
        // within 1e-5 absolutely but 10% of the largest entry: not an agreement
        assertFalse(a.gradient("rel", new float[] {1e-6f, 0f}, new float[] {1.1e-6f, 0f}).ok);
        assertFalse(a.gradient("nan", new float[] {Float.NaN}, new float[] {0f}).ok);
        assertFalse(a.gradient("length", new float[] {0f}, new float[] {0f, 0f}).ok);
        assertEquals(4, a.failures().size());
    }
}
