/**
 * Reading and writing files of Python's {@code torch.save} without Python and without running
 * any code from the file.
 *
 * <p>{@link org.unidefense.checkpoint.TorchSaveFile#read} reads both container formats (zip,
 * and the legacy format of the official pretrained {@code .pth} files) into plain Java values
 * with tensors as {@link org.unidefense.checkpoint.StoredTensor}s that share
 * {@link org.unidefense.checkpoint.Storage}s as in the file.
 * {@link org.unidefense.checkpoint.StateDict} views a model's weights;
 * {@link org.unidefense.checkpoint.LibtorchTensors} turns them into libtorch tensors; and
 * {@link org.unidefense.checkpoint.TorchSaveWriter} writes files that {@code torch.load} reads.
 */
package org.unidefense.checkpoint;
