package org.unidefense.train;

import org.bytedeco.pytorch.Module;
import org.bytedeco.pytorch.StringTensorDict;
import org.bytedeco.pytorch.StringTensorDictItem;
import org.bytedeco.pytorch.Tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The reference splits the trainable parameters as timm's {@code param_groups_weight_decay}:
 * biases and every tensor of at most one dimension (norm weights, the SFConv and fuse
 * coefficients) get no weight decay, the rest get the configured decay. Frozen parameters
 * ({@code bottleneck.bias}) are left out. The no-decay group comes first, as in timm.
 */
public final class ParamGroups {
    public static final String NO_DECAY = "no_decay";
    public static final String DECAY = "decay";

    private ParamGroups() {
    }

    /** timm's split of {@code module}'s parameters, in {@code named_parameters()} order. */
    public static List<ParamGroup> weightDecaySplit(Module module, double weightDecay) {
        return weightDecaySplit(module, weightDecay, Set.of());
    }

    /**
     * @param noDecayNames parameters that also get no decay (timm's {@code no_weight_decay_list})
     */
    public static List<ParamGroup> weightDecaySplit(Module module, double weightDecay, Set<String> noDecayNames) {
        List<String> plainNames = new ArrayList<>();
        List<Tensor> plain = new ArrayList<>();
        List<String> decayedNames = new ArrayList<>();
        List<Tensor> decayed = new ArrayList<>();
        StringTensorDict named = module.named_parameters(true);
        for (long i = 0; i < named.size(); i++) {
            StringTensorDictItem item = named.get(i);
            String name = item.key().getString();
            Tensor p = new Tensor(item.value()); // own handle: the dict is a temporary copy
            if (!p.requires_grad()) {
                continue;
            }
            if (p.dim() <= 1 || name.endsWith(".bias") || noDecayNames.contains(name)) {
                plainNames.add(name);
                plain.add(p);
            } else {
                decayedNames.add(name);
                decayed.add(p);
            }
        }
        return List.of(new ParamGroup(NO_DECAY, 0.0, plainNames, plain),
                new ParamGroup(DECAY, weightDecay, decayedNames, decayed));
    }
}
