package io.jaccard4j.examples.segmentation;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A compact U-Net for CPU training: two down-sampling levels (3×3 conv, batch norm, ReLU, twice per level; 2×2
 * max pooling), a bottleneck, two up-sampling levels (2× nearest-neighbour up-sampling and a 3×3 convolution —
 * DJL's PyTorch engine has no transposed convolution — concatenated with the skip connection of the same
 * resolution, then two conv blocks), and a 1×1 head producing per-pixel class logits (N × C × H × W). H and W
 * must be multiples of 4.
 */
public final class SmallUNet extends AbstractBlock {
    private static final byte VERSION = 1;
    private final int classes;
    private final Block enc1;
    private final Block enc2;
    private final Block bottleneck;
    private final Block up2;
    private final Block dec2;
    private final Block up1;
    private final Block dec1;
    private final Block head;

    /** A U-Net with {@code base} channels at full resolution (2·base and 4·base deeper). */
    public SmallUNet(int classes, int base) {
        super(VERSION);
        this.classes = classes;
        enc1 = addChildBlock("enc1", convBlock(base));
        enc2 = addChildBlock("enc2", convBlock(2 * base));
        bottleneck = addChildBlock("bottleneck", convBlock(4 * base));
        up2 = addChildBlock("up2", upConv(2 * base));
        dec2 = addChildBlock("dec2", convBlock(2 * base));
        up1 = addChildBlock("up1", upConv(base));
        dec1 = addChildBlock("dec1", convBlock(base));
        head = addChildBlock("head", Conv2d.builder().setKernelShape(new Shape(1, 1)).setFilters(classes).build());
    }

    private static Block convBlock(int channels) {
        SequentialBlock b = new SequentialBlock();
        for (int i = 0; i < 2; i++) {
            b.add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1)).setFilters(channels)
                    .build());
            b.add(BatchNorm.builder().build());
            b.add(Activation.reluBlock());
        }
        return b;
    }

    private static Block upConv(int channels) {
        return Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1)).setFilters(channels).build();
    }

    /** 2× nearest-neighbour up-sampling of N × C × H × W. */
    private static NDArray upsample(NDArray x) {
        return x.repeat(2, 2).repeat(3, 2);
    }

    private static NDArray pool(NDArray x) {
        return Pool.maxPool2d(x, new Shape(2, 2), new Shape(2, 2), new Shape(0, 0), false);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray e1 = enc1.forward(ps, new NDList(x), training).singletonOrThrow();
        NDArray e2 = enc2.forward(ps, new NDList(pool(e1)), training).singletonOrThrow();
        NDArray b = bottleneck.forward(ps, new NDList(pool(e2)), training).singletonOrThrow();
        NDArray u2 = up2.forward(ps, new NDList(upsample(b)), training).singletonOrThrow();
        NDArray d2 = dec2.forward(ps, new NDList(NDArrays.concat(new NDList(u2, e2), 1)), training).singletonOrThrow();
        NDArray u1 = up1.forward(ps, new NDList(upsample(d2)), training).singletonOrThrow();
        NDArray d1 = dec1.forward(ps, new NDList(NDArrays.concat(new NDList(u1, e1), 1)), training).singletonOrThrow();
        return head.forward(ps, new NDList(d1), training);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        Shape s = inputs[0];
        return new Shape[] {new Shape(s.get(0), classes, s.get(2), s.get(3))};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape in = inputShapes[0];
        long n = in.get(0);
        long h = in.get(2);
        long w = in.get(3);
        if (h % 4 != 0 || w % 4 != 0) {
            throw new IllegalArgumentException("SmallUNet needs H and W divisible by 4; got " + in);
        }
        Shape s1 = init(enc1, manager, dataType, in);
        Shape s2 = init(enc2, manager, dataType, new Shape(n, s1.get(1), h / 2, w / 2));
        Shape sb = init(bottleneck, manager, dataType, new Shape(n, s2.get(1), h / 4, w / 4));
        Shape su2 = init(up2, manager, dataType, new Shape(n, sb.get(1), h / 2, w / 2));
        Shape sd2 = init(dec2, manager, dataType, new Shape(n, su2.get(1) + s2.get(1), h / 2, w / 2));
        Shape su1 = init(up1, manager, dataType, new Shape(n, sd2.get(1), h, w));
        Shape sd1 = init(dec1, manager, dataType, new Shape(n, su1.get(1) + s1.get(1), h, w));
        init(head, manager, dataType, sd1);
    }

    private static Shape init(Block b, NDManager m, DataType t, Shape in) {
        b.initialize(m, t, in);
        return b.getOutputShapes(new Shape[] {in})[0];
    }
}
