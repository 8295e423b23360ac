package org.unidefense.model.recce;

import org.bytedeco.pytorch.Module;
import org.bytedeco.pytorch.Tensor;
import org.unidefense.model.nn.UnaryModule;

import java.util.function.Supplier;

/**
 * nn.Dropout whose mask comes from the model's {@link RecceDraws} under the reference's module
 * name, so a scripted run can reproduce each call. Identity in eval mode and for p = 0.
 */
final class SiteDropout extends Module implements UnaryModule {
    private final String site;
    private final double p;
    private final Supplier<RecceDraws> draws;

    SiteDropout(String site, double p, Supplier<RecceDraws> draws) {
        super("Dropout");
        this.site = site;
        this.p = p;
        this.draws = draws;
    }

    @Override
    public Tensor forward(Tensor x) {
        if (!is_training() || p == 0.0) {
            return x;
        }
        return x.mul(draws.get().dropoutMask(site, x, p));
    }
}
