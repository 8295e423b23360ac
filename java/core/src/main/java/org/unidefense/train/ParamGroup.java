package org.unidefense.train;

import org.bytedeco.pytorch.Tensor;

import java.util.List;

/**
 * One optimizer parameter group: the parameters (the module's own tensors), their names for
 * checkpoints and logs, and the weight decay the group uses.
 */
public record ParamGroup(String label, double weightDecay, List<String> names, List<Tensor> params) {
    public ParamGroup {
        if (names.size() != params.size()) {
            throw new IllegalArgumentException("group " + label + ": " + names.size() + " names for "
                    + params.size() + " parameters");
        }
        names = List.copyOf(names);
        params = List.copyOf(params);
    }

    public int size() {
        return params.size();
    }
}
