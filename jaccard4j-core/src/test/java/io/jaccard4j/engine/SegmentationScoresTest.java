package io.jaccard4j.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jaccard4j.io.InputArray;
import io.jaccard4j.io.NpyArray;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine's segmentation hook on arrays in memory, and the option rules of {@link SegmentationRequest}. */
class SegmentationScoresTest {
    @TempDir
    Path tmp;

    private static ScoreRequest request(SegmentationRequest.Builder b) {
        return ScoreRequest.builder().segmentation(b.build()).build();
    }

    @Test
    void pixelAccuracyOfArraysIsTheFractionOfRightPixels() {
        int[] t = {0, 1, 2, 2, 1, 0, 0, 1};
        int[] p = {0, 1, 1, 2, 1, 0, 2, 1};
        InputArray ta = InputArray.of(NpyArray.of(t, 2, 2, 2), "--y-true");
        InputArray pa = InputArray.of(NpyArray.of(p, 2, 2, 2), "--y-pred");
        ScoreOutcome o = ScoringEngine.score(ta, pa, null,
                request(SegmentationRequest.builder().metric("pixel-accuracy")));
        assertEquals(6.0 / 8, o.score(), 0);
        ScoreOutcome mAcc = ScoringEngine.score(ta, pa, null,
                request(SegmentationRequest.builder().metric("class-accuracy")));
        double recalls = 0;
        for (int c = 0; c < 3; c++) {
            int hit = 0;
            int all = 0;
            for (int i = 0; i < t.length; i++) {
                if (t[i] == c) {
                    all++;
                    hit += p[i] == c ? 1 : 0;
                }
            }
            recalls += (double) hit / all;
        }
        assertEquals(recalls / 3, mAcc.score(), 1e-15);
    }

    @Test
    void flagsThatDoNotFitTheMetricAreRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> SegmentationRequest.builder().metric("hausdorff").tolerance(1.0).build());
        assertThrows(IllegalArgumentException.class,
                () -> SegmentationRequest.builder().metric("ece").build());
        assertThrows(IllegalArgumentException.class,
                () -> SegmentationRequest.builder().metric("pixel-accuracy").spacing(List.of("1", "1")).build());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SegmentationRequest.builder().metric("hausdorff").seed(3L).build());
        assertTrue(e.getMessage().contains("--ci"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SegmentationRequest.builder().metric("iou"));
        assertEquals(null, SegmentationRequest.builder().buildIfUsed());
        assertThrows(IllegalArgumentException.class, () -> ScoreRequest.builder().perImage(true)
                .segmentation(SegmentationRequest.builder().metric("assd").build()).build());
    }

    @Test
    void niftiPairsWhoseHeadersDisagreeOnSpacingNeedAnExplicitSpacing() throws Exception {
        // the truth's pixdim was used silently, whatever the prediction's header said (a resampled prediction
        // gave distances in the wrong units)
        Path t = tmp.resolve("t.nii");
        Path p = tmp.resolve("p.nii");
        try (var in = getClass().getResourceAsStream("/io/nifti/uint8_3d.nii")) {
            Files.copy(in, t);
        }
        byte[] b = Files.readAllBytes(t);
        ByteBuffer h = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(348, h.getInt(0));
        h.putFloat(80, h.getFloat(80) * 2); // pixdim[1], the spacing of x
        Files.write(p, b);
        ScoreRequest hausdorff = request(SegmentationRequest.builder().metric("hausdorff"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ScoringEngine.score(t, p, null, hausdorff, ProgressListener.NONE));
        assertTrue(e.getMessage().contains("t.nii") && e.getMessage().contains("p.nii")
                && e.getMessage().contains("spacing") && e.getMessage().contains("--spacing"), e.getMessage());
        // an explicit --spacing decides; the labels are equal, so the distance is 0 at any spacing
        ScoreOutcome o = ScoringEngine.score(t, p, null, request(SegmentationRequest.builder().metric("hausdorff")
                .spacing(List.of("1", "1", "1"))), ProgressListener.NONE);
        assertEquals(0.0, o.score(), 0);
        // equal headers need nothing
        assertEquals(0.0, ScoringEngine.score(t, t, null, hausdorff, ProgressListener.NONE).score(), 0);
    }
}
