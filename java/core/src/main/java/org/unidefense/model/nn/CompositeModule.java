package org.unidefense.model.nn;

import org.bytedeco.pytorch.Module;

/** A Java module built from named layers, registered under the reference's attribute names. */
public abstract class CompositeModule extends Module {
    protected CompositeModule(String name) {
        super(name);
    }

    /** Registers the layer's module as child {@code name} and returns the layer, for its forward. */
    protected Layer register(Layer layer, String name) {
        register_module(name, layer.module());
        return layer;
    }
}
