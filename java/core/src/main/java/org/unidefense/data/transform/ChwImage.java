package org.unidefense.data.transform;

/**
 * A float image in channel-major (CHW) order, the layout of one sample in an NCHW batch:
 * {@code data[(c * height + y) * width + x]}.
 */
public record ChwImage(float[] data, int channels, int height, int width) {

    public ChwImage {
        if (data.length != channels * height * width) {
            throw new IllegalArgumentException("data has " + data.length + " values, expected "
                    + channels + "x" + height + "x" + width);
        }
    }

    public float at(int c, int y, int x) {
        return data[(c * height + y) * width + x];
    }

    /** Copies this image into {@code batch} at sample {@code index} (same C, H, W per sample). */
    public void copyInto(float[] batch, int index) {
        System.arraycopy(data, 0, batch, index * data.length, data.length);
    }
}
