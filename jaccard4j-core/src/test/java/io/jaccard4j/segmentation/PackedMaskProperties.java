package io.jaccard4j.segmentation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jaccard4j.metrics.BinaryConfusion;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** Bit-packed masks count exactly what the unpacked binary confusion counts. */
class PackedMaskProperties {
    @Property(tries = 200)
    void packedCountsEqualUnpackedCounts(@ForAll long seed, @ForAll @IntRange(min = 0, max = 700) int n) {
        Random r = new Random(seed);
        byte[] t = new byte[n];
        byte[] p = new byte[n];
        boolean[] tb = new boolean[n];
        boolean[] pb = new boolean[n];
        for (int i = 0; i < n; i++) {
            t[i] = (byte) (r.nextInt(3) == 0 ? 1 + r.nextInt(255) : 0); // any non-zero byte is foreground
            p[i] = (byte) (r.nextInt(3) == 0 ? 1 : 0);
            tb[i] = t[i] != 0;
            pb[i] = p[i] != 0;
        }
        BinaryConfusion c = BinaryConfusion.of().update(tb, pb);
        PackedMask pt = PackedMask.pack(t);
        PackedMask pp = PackedMask.pack(pb);
        assertArrayEquals(new long[] {(long) c.tp(), (long) c.fp(), (long) c.fn()}, pt.confusion(pp));
        assertEquals((long) (c.tp() + c.fn()), pt.count());
        for (int i = 0; i < n; i++) {
            assertEquals(tb[i], pt.get(i));
        }
        double union = c.tp() + c.fp() + c.fn();
        assertEquals(union == 0 ? 1.0 : c.tp() / union, pt.iou(pp, 1.0), 0.0);
    }

    @Test
    void sizesMustMatch() {
        assertThrows(IllegalArgumentException.class,
                () -> PackedMask.pack(new byte[3]).confusion(PackedMask.pack(new byte[4])));
    }

    @Test
    void everyThreadCountPacksTheSameBits() {
        Random r = new Random(9);
        byte[] mask = new byte[(3 << 20) + 37];
        for (int i = 0; i < mask.length; i++) {
            mask[i] = (byte) (r.nextInt(4) == 0 ? r.nextInt(256) : 0);
        }
        PackedMask one = PackedMask.pack(mask);
        for (int threads = 1; threads <= 5; threads++) {
            PackedMask many = PackedMask.pack(mask, threads);
            assertEquals(one.count(), many.count(), "threads " + threads);
            assertArrayEquals(new long[] {one.count(), 0, 0}, one.confusion(many), "threads " + threads);
        }
        long set = 0;
        for (byte b : mask) {
            set += b != 0 ? 1 : 0;
        }
        assertEquals(set, one.count());
        assertThrows(IllegalArgumentException.class, () -> PackedMask.pack(mask, 0));
    }
}
