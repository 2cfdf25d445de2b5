package io.jaccard4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jaccard4j.examples.segmentation.SyntheticScenes;
import io.jaccard4j.io.NpyArray;
import io.jaccard4j.io.PngMask;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Defect 11: {@code train} refuses bad VOC folders and flags with exit 2 and one stderr line naming the file, id or
 * flag — every folder is written here, from a valid synthetic one with one thing broken.
 */
class TrainInputRulesTest {
    @TempDir
    Path dir;

    private Path voc(String name) throws Exception {
        Path root = dir.resolve(name);
        SyntheticScenes.writeVocFolder(root, 6, 16, 16, true);
        return root;
    }

    private static CliRun train(Path voc, String... extra) {
        String[] base = {"train", "--data", voc.toString(), "--epochs", "1", "--size", "16", "--batch", "2",
            "--out", voc.resolveSibling(voc.getFileName() + "-out").toString()};
        String[] args = java.util.Arrays.copyOf(base, base.length + extra.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        return CliRun.of(args);
    }

    private static void assertRefused(CliRun run, String... fragments) {
        assertEquals(2, run.exit, run.toString());
        assertEquals(1, run.err.strip().lines().count(), run.err);
        assertTrue(run.err.startsWith("jaccard4j train: error: "), run.err);
        assertFalse(run.err.contains("\tat "), run.err);
        for (String f : fragments) {
            assertTrue(run.err.contains(f), "'" + f + "' in: " + run.err);
        }
    }

    @Test
    void aMaskOfAnotherSizeThanItsImage() throws Exception {
        Path v = voc("size");
        BufferedImage img = new BufferedImage(24, 20, BufferedImage.TYPE_INT_RGB);
        ImageIO.write(img, "png", v.resolve("JPEGImages/scene_2.png").toFile());
        PngMask.writePalette(v.resolve("SegmentationClass/scene_2.png"), NpyArray.ofUint8(new byte[100], 10, 10));
        assertRefused(train(v), "scene_2.png is 10x10", "is 20x24");
    }

    @Test
    void splitIdsWithoutAnImageOrAMask() throws Exception {
        Path v = voc("ids");
        Path sets = Files.createDirectories(v.resolve("ImageSets/Segmentation"));
        Files.writeString(sets.resolve("val.txt"), "scene_4\nscene_5\n");
        Files.writeString(sets.resolve("train.txt"), "scene_0\nscene_1\nghost\n");
        assertRefused(train(v), "train.txt line 3", "'ghost'", "no image");
        Files.writeString(sets.resolve("train.txt"), "scene_0\nscene_1\n");
        Files.delete(v.resolve("SegmentationClass/scene_5.png"));
        assertRefused(train(v), "val.txt line 2", "'scene_5'", "no mask");
    }

    @Test
    void nonPositiveOrNonFiniteFlags() throws Exception {
        Path v = voc("flags");
        assertRefused(train(v, "--lr", "-1"), "--lr", "-1");
        assertRefused(train(v, "--lr", "0"), "--lr");
        assertRefused(train(v, "--lr", "NaN"), "--lr");
        assertRefused(train(v, "--lr", "Infinity"), "--lr");
        assertRefused(train(v, "--epochs", "0"), "--epochs");
        assertRefused(train(v, "--batch", "-2"), "--batch");
        assertRefused(train(v, "--size", "0"), "--size");
    }

    @Test
    void aSplitWhoseMasksAreAllIgnored() throws Exception {
        Path v = voc("ignored");
        byte[] all = new byte[16 * 16];
        java.util.Arrays.fill(all, (byte) 255);
        for (int k = 0; k < 6; k++) {
            PngMask.writePalette(v.resolve("SegmentationClass/scene_" + k + ".png"), NpyArray.ofUint8(all, 16, 16));
        }
        CliRun run = train(v);
        assertRefused(run, "all 255", "no labelled pixel");
        assertFalse(run.err.contains("Gradient values"), run.err);
    }

    @Test
    void aFirstBatchWithoutLabelledPixelsIsExplainedNotDjlsGradientCheck() throws Exception {
        Path v = voc("firstbatch");
        byte[] all = new byte[16 * 16];
        java.util.Arrays.fill(all, (byte) 255);
        for (int k = 0; k < 2; k++) {
            PngMask.writePalette(v.resolve("SegmentationClass/scene_" + k + ".png"), NpyArray.ofUint8(all, 16, 16));
        }
        CliRun run = train(v, "--loss", "ce");
        // the data passed the folder checks, so the run's summary line precedes the error line
        assertEquals(2, run.exit, run.toString());
        String last = run.err.strip().lines().reduce((a, b) -> b).orElse("");
        assertTrue(last.startsWith("jaccard4j train: error: the first training batch"), run.err);
        assertTrue(last.contains("ignored"), run.err);
        assertFalse(run.err.contains("Gradient values") || run.err.contains("\tat "), run.err);
    }

    @Test
    void aCorruptJpegNamesItsFile() throws Exception {
        Path v = voc("jpeg");
        Files.delete(v.resolve("JPEGImages/scene_1.png"));
        Path jpg = v.resolve("JPEGImages/scene_1.jpg");
        // a JPEG start-of-image marker followed by a marker type no decoder knows
        Files.write(jpg, new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 0x67, 0, 4, 1, 2, 3, 4, 5, 6});
        assertRefused(train(v), "scene_1.jpg is not a readable image");
    }
}
