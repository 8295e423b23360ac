package org.unidefense.model.weights;

import java.util.Locale;
import java.util.Map;

/**
 * The ImageNet weight files the reference initialises each backbone from, by their official
 * names, so an error about a missing file can say which one to fetch.
 */
public final class OfficialWeights {
    /** lukemelas' AdvProp releases, which the reference's UDEB4 asks for ({@code advprop=True}). */
    private static final Map<String, String> ADVPROP_EFFICIENTNET = Map.of(
            "efficientnet-b0", "adv-efficientnet-b0-b64d5a18.pth",
            "efficientnet-b1", "adv-efficientnet-b1-0f3ce85a.pth",
            "efficientnet-b2", "adv-efficientnet-b2-6e9d97e5.pth",
            "efficientnet-b3", "adv-efficientnet-b3-cdd7c0f4.pth",
            "efficientnet-b4", "adv-efficientnet-b4-44fb3a87.pth",
            "efficientnet-b5", "adv-efficientnet-b5-86493f6b.pth",
            "efficientnet-b6", "adv-efficientnet-b6-ac80338e.pth",
            "efficientnet-b7", "adv-efficientnet-b7-4652b6dd.pth",
            "efficientnet-b8", "adv-efficientnet-b8-22a8fe65.pth");

    private OfficialWeights() {
    }

    /**
     * @param extractor the backbone name ({@code resnet18}, {@code resnet50}, {@code efficientnet-b4},
     *                  {@code xception}, ...)
     * @return the official file name, or null when the reference names none (efficientnet-l2)
     */
    public static String fileName(String extractor) {
        String e = extractor.toLowerCase(Locale.ROOT);
        return switch (e) {
            case "resnet18" -> "resnet18-5c106cde.pth";   // torchvision
            case "resnet50" -> "resnet50_a1_0-14fe96d1.pth"; // timm's resnet50.a1_0
            case "xception" -> "xception-43020ad28.pth";     // timm's (legacy, Cadene) xception, as RECCE's timm 0.3.4 loads
            default -> ADVPROP_EFFICIENTNET.get(e);
        };
    }

    /** Whether {@code fileName} is the official file of some backbone (these names carry a SHA-256 prefix). */
    public static boolean isOfficialFileName(String fileName) {
        return fileName.equals(fileName("resnet18")) || fileName.equals(fileName("resnet50"))
                || ADVPROP_EFFICIENTNET.containsValue(fileName);
    }
}
