package io.jaccard4j.io;

import java.io.IOException;
import java.nio.file.Path;

/** A true mask and the predicted mask of the same name, read from disk only when asked for. */
public final class MaskPair {
    private final String name;
    private final Path truthPath;
    private final Path predictionPath;

    MaskPair(String name, Path truthPath, Path predictionPath) {
        this.name = name;
        this.truthPath = truthPath;
        this.predictionPath = predictionPath;
    }

    /** The shared file stem. */
    public String name() {
        return name;
    }

    public Path truthPath() {
        return truthPath;
    }

    public Path predictionPath() {
        return predictionPath;
    }

    /** Reads the true mask. */
    public NpyArray truth() throws IOException {
        return MaskDirectoryPairs.readMask(truthPath);
    }

    /** Reads the predicted mask. */
    public NpyArray prediction() throws IOException {
        return MaskDirectoryPairs.readMask(predictionPath);
    }
}
