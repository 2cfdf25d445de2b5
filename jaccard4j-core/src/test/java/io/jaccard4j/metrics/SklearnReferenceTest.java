package io.jaccard4j.metrics;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Replays every scikit-learn 1.9.1 case of tools/gen_sklearn_examples.py and tools/gen_sklearn_reference.py through
 * {@link Scorer}: scores within 1e-12, the same error messages, the same notes and warning texts.
 */
class SklearnReferenceTest {

    @ParameterizedTest
    @ValueSource(strings = {"/reference/sklearn_examples.json", "/reference/sklearn_scores.json"})
    void matchesScikitLearn(String resource) throws Exception {
        List<SklearnCase> cases = SklearnCase.load(resource);
        assertTrue(cases.size() >= 100, "expected at least 100 cases in " + resource + ", found " + cases.size());
        List<String> failures = new ArrayList<>();
        for (SklearnCase c : cases) {
            String problem = check(c);
            if (problem != null) {
                failures.add(c + ": " + problem);
            }
        }
        if (!failures.isEmpty()) {
            fail(failures.size() + " of " + cases.size() + " cases differ from scikit-learn:\n"
                    + String.join("\n", failures.subList(0, Math.min(25, failures.size()))));
        }
    }

    static String check(SklearnCase c) {
        ScoreResult r;
        try {
            r = Scorer.score(c.truthTarget(), c.predictionTarget(), c.sampleWeight, c.options());
        } catch (IllegalArgumentException e) {
            if (c.expectedError != null) {
                // the same validation error, worded as scikit-learn words it
                return e.getMessage().equals(c.expectedError) ? null
                        : "error message '" + e.getMessage() + "' differs from scikit-learn's '" + c.expectedError + "'";
            }
            return "unexpected error: " + e.getMessage();
        }
        if (c.expectedError != null) {
            return "expected error '" + c.expectedError + "' but got " + r;
        }
        if (c.expectedPerLabel != null) {
            double[] got = r.perLabel();
            if (got.length != c.expectedPerLabel.length) {
                return "expected " + Arrays.toString(c.expectedPerLabel) + " got " + Arrays.toString(got);
            }
            for (int i = 0; i < got.length; i++) {
                if (!SklearnCase.close(c.expectedPerLabel[i], got[i])) {
                    return "expected " + Arrays.toString(c.expectedPerLabel) + " got " + Arrays.toString(got);
                }
            }
        } else if (!SklearnCase.close(c.expectedScore, r.score())) {
            return "expected " + c.expectedScore + " got " + r.score();
        }
        if (c.expectedWarning != r.illDefined()) {
            return "expected warning=" + c.expectedWarning + " got warnings " + r.warnings();
        }
        if (!c.expectedWarnings.equals(r.warnings())) {
            return "warnings " + r.warnings() + " differ from scikit-learn's " + c.expectedWarnings;
        }
        return null;
    }
}
