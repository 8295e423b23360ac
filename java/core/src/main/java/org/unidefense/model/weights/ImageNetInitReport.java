package org.unidefense.model.weights;

import java.nio.file.Path;
import java.util.List;

/**
 * What an ImageNet initialisation did.
 *
 * @param file        the weights file that was read
 * @param loaded      tensors copied into the backbone
 * @param dropped     file keys the backbone does not use, as in the reference ({@code layer4.*} and
 *                    {@code fc.*} of a ResNet, {@code _fc.*} of an EfficientNet)
 * @param keptInitial backbone keys the file cannot provide, left at their initial values (the SFConv
 *                    tensors; for old ResNet files also {@code num_batches_tracked}, then set to 0)
 */
public record ImageNetInitReport(Path file, int loaded, List<String> dropped, List<String> keptInitial) {
    public ImageNetInitReport {
        dropped = List.copyOf(dropped);
        keptInitial = List.copyOf(keptInitial);
    }

    /** One line for logs and the CLI. */
    public String summary() {
        return "initialised the backbone from " + file + ": " + loaded + " tensors loaded, " + dropped.size()
                + " unused by the backbone (dropped), " + keptInitial.size() + " left at their initial values";
    }
}
