package org.unidefense.testing;

import org.bytedeco.javacpp.PointerScope;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Opens a JavaCPP {@link PointerScope} before each test and closes it after, so the native
 * tensors a test creates are freed when it ends (as a training step's are).
 * Use with {@code @ExtendWith(PointerScopePerTest.class)}.
 */
public final class PointerScopePerTest implements BeforeEachCallback, AfterEachCallback {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(PointerScopePerTest.class);

    @Override
    public void beforeEach(ExtensionContext context) {
        context.getStore(NS).put("scope", new PointerScope());
    }

    @Override
    public void afterEach(ExtensionContext context) {
        PointerScope scope = context.getStore(NS).remove("scope", PointerScope.class);
        if (scope != null) {
            scope.close();
        }
    }
}
