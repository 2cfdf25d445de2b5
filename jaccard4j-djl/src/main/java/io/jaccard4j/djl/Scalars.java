package io.jaccard4j.djl;

import ai.djl.ndarray.NDArray;

/**
 * Scalar operands for NDArray expressions that autograd differentiates. On the PyTorch engine (CPU), DJL's
 * {@code mul(Number)}, {@code div(Number)}, {@code pow(Number)}, {@code maximum(Number)} and
 * {@code minimum(Number)} wrap the number in a temporary 0-d array whose memory is a Java direct buffer (the tensor
 * does not copy it) and close that array as soon as the forward result exists. The backward pass of these operations
 * reads the operand again; once the garbage collector has freed the buffer it reads freed memory, and the gradient
 * comes out wrong or NaN while the value is right, depending on when the collector ran. {@link #scalar} gives the
 * operand as an array of the manager instead, alive until the manager closes: {@code x.mul(scalar(x, k))}.
 * {@code add(Number)} and {@code sub(Number)} (whose backward does not read the operand) and comparisons are safe.
 */
public final class Scalars {
    private Scalars() {
    }

    /** The 0-d array v, of {@code like}'s data type, attached to {@code like}'s manager. */
    public static NDArray scalar(NDArray like, double v) {
        return like.getManager().create(v).toType(like.getDataType(), false);
    }
}
