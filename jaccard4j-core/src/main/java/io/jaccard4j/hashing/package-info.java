/**
 * Deep hashing losses on relaxed codes with exact gradients: {@link io.jaccard4j.hashing.PairwiseHashingLoss}
 * (DPSH-family pairwise likelihood over code inner products, quantisation and bit-balance terms; sign at
 * evaluation).
 */
package io.jaccard4j.hashing;
