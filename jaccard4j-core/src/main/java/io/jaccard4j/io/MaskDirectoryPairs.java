package io.jaccard4j.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The masks of a directory of true masks matched to those of a directory of predicted masks by file stem (the
 * name without its {@code .png} / {@code .npy} extension; the two sides may use different formats), in name
 * order. Matching lists only file names; iterating reads one pair at a time, so directories far larger than
 * memory stream through. Every mask must have its counterpart: unmatched names fail up front.
 */
public final class MaskDirectoryPairs implements Iterable<MaskPair> {
    private final List<MaskPair> pairs;

    private MaskDirectoryPairs(List<MaskPair> pairs) {
        this.pairs = pairs;
    }

    /**
     * Matches the masks of two directories.
     *
     * @throws IllegalArgumentException if a directory holds two masks of one stem, or a mask lacks its
     *     counterpart (the first few unmatched names are listed), or neither directory holds a mask
     */
    public static MaskDirectoryPairs of(Path truthDir, Path predictionDir) throws IOException {
        Map<String, Path> truth = masks(truthDir);
        Map<String, Path> pred = masks(predictionDir);
        requireOneKind(truthDir);
        requireOneKind(predictionDir);
        if (truth.isEmpty() && pred.isEmpty()) {
            long nifti = niftiCount(truthDir) + niftiCount(predictionDir);
            throw new IllegalArgumentException(truthDir + " and " + predictionDir + " hold no masks (.png or .npy "
                    + "files)" + (nifti == 0 ? "" : "; they hold " + nifti + " NIfTI files. " + NiftiVolume.READ_BY));
        }
        List<String> onlyTruth = new ArrayList<>();
        List<String> onlyPred = new ArrayList<>();
        for (String k : truth.keySet()) {
            if (!pred.containsKey(k)) {
                onlyTruth.add(k);
            }
        }
        for (String k : pred.keySet()) {
            if (!truth.containsKey(k)) {
                onlyPred.add(k);
            }
        }
        if (!onlyTruth.isEmpty() || !onlyPred.isEmpty()) {
            StringBuilder sb = new StringBuilder("mask directories do not match:");
            if (!onlyTruth.isEmpty()) {
                sb.append(' ').append(onlyTruth.size()).append(" true mask(s) without a prediction in ")
                        .append(predictionDir).append(' ').append(firstFew(onlyTruth));
            }
            if (!onlyPred.isEmpty()) {
                sb.append(onlyTruth.isEmpty() ? " " : "; ").append(onlyPred.size())
                        .append(" prediction(s) without a true mask in ").append(truthDir).append(' ')
                        .append(firstFew(onlyPred));
            }
            throw new IllegalArgumentException(sb.toString());
        }
        List<MaskPair> out = new ArrayList<>(truth.size());
        for (Map.Entry<String, Path> e : truth.entrySet()) {
            out.add(new MaskPair(e.getKey(), e.getValue(), pred.get(e.getKey())));
        }
        return new MaskDirectoryPairs(Collections.unmodifiableList(out));
    }

    /**
     * Refuses a directory that holds both NIfTI volumes and PNG/NPY masks: whichever kind were scored, leaving the
     * other out would be a silent guess.
     *
     * @throws IllegalArgumentException naming the directory and one file of each kind
     */
    public static void requireOneKind(Path dir) throws IOException {
        String image = null;
        String nifti = null;
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : (Iterable<Path>) s.sorted()::iterator) {
                String name = p.getFileName().toString();
                if (image == null && isImageMask(p)) {
                    image = name;
                } else if (nifti == null && NiftiVolume.isNiftiName(name)) {
                    nifti = name;
                }
            }
        }
        if (image != null && nifti != null) {
            throw new IllegalArgumentException(dir + " holds both NIfTI volumes and PNG/NPY masks (" + image + ", "
                    + nifti + "); keep each kind in a directory of its own");
        }
    }

    /** Whether a path is a mask this class pairs: a regular file named .png or .npy (any case). */
    private static boolean isImageMask(Path p) {
        String lower = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return Files.isRegularFile(p) && (lower.endsWith(".png") || lower.endsWith(".npy"));
    }

    private static long niftiCount(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(f -> NiftiVolume.isNiftiName(f.getFileName().toString())).count();
        }
    }

    private static String firstFew(List<String> names) {
        return names.size() <= 5 ? names.toString() : names.subList(0, 5) + " ...";
    }

    private static Map<String, Path> masks(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            throw new NoSuchFileException(dir.toString());
        }
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException(dir + " is not a directory");
        }
        Map<String, Path> out = new TreeMap<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                String name = p.getFileName().toString();
                if (!isImageMask(p)) {
                    continue;
                }
                String stem = name.substring(0, name.length() - 4);
                Path prev = out.put(stem, p);
                if (prev != null) {
                    throw new IllegalArgumentException(dir + " holds two masks named " + stem + ": "
                            + prev.getFileName() + " and " + name);
                }
            }
        }
        return out;
    }

    /** The number of pairs. */
    public int size() {
        return pairs.size();
    }

    /** The pairs in name order (paths only; nothing read yet). */
    public List<MaskPair> pairs() {
        return pairs;
    }

    @Override
    public Iterator<MaskPair> iterator() {
        return pairs.iterator();
    }

    /** Reads a mask file by extension: {@code .png} through {@link PngMask}, {@code .npy} through {@link Npy}. */
    public static NpyArray readMask(Path path) throws IOException {
        String lower = path.getFileName().toString().toLowerCase(Locale.ROOT);
        if (lower.endsWith(".png")) {
            return PngMask.read(path);
        }
        if (lower.endsWith(".npy")) {
            return Npy.read(path);
        }
        throw new IllegalArgumentException(path + ": unknown mask format (expected .png or .npy)");
    }
}
