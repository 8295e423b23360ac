package org.unidefense.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unidefense.UserInputException;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Vocabulary values ({@code config.coral}, {@code config.precision}) are parsed once, into their
 * enum, by the config reader; a bad value names file, line, key and the allowed spellings, and is
 * a {@link UserInputException} (exit code 3).
 */
class ConfigChoiceTest {
    @TempDir
    Path dir;

    private ResolvedConfig load(String configLine) {
        ConfigFiles.write(dir, "data.yml", ConfigFiles.OCIM_DATA);
        String text = ConfigFiles.minimalModel("data.yml").replace("  crop: nocrop", "  crop: nocrop\n" + configLine);
        return ConfigLoader.load(ConfigFiles.write(dir, "model.yml", text));
    }

    @Test
    void coralValuesBecomeTheEnum() {
        assertEquals(CoralMode.SYMMETRIC, load("").config().coral());
        assertEquals(CoralMode.REFERENCE, load("  coral: reference").config().coral());
        // config show prints the spelling back
        assertEquals("reference", ((java.util.Map<?, ?>) load("  coral: reference").toPlain().get("config")).get("coral"));
    }

    @Test
    void badCoralNamesFileLineKeyAndTheAllowedValues() {
        UserInputException e = assertThrows(UserInputException.class, () -> load("  coral: refrence"));
        String m = e.getMessage();
        // line 11: the line after "  crop: nocrop" (line 10)
        for (String part : List.of("model.yml:11", "'config.coral'", "[symmetric, reference]", "\"refrence\"",
                "did you mean 'reference'")) {
            assertTrue(m.contains(part), "'" + part + "' missing from: " + m);
        }
        // the spelling is exact, as the reference compares strings
        assertThrows(UserInputException.class, () -> load("  coral: SYMMETRIC"));
        assertThrows(UserInputException.class, () -> load("  coral: sqrt"));
    }

    @Test
    void precisionUsesTheSameParser() {
        assertEquals(Precision.BF16, load("  precision: bf16").config().precision());
        String m = assertThrows(UserInputException.class, () -> load("  precision: fp8")).getMessage();
        assertTrue(m.contains("'config.precision'") && m.contains("[fp32, bf16, fp16]"), m);
    }

    @Test
    void vocabularyHelpersListAndFindSpellings() {
        assertEquals(List.of("symmetric", "reference"), ConfigChoice.keys(CoralMode.class));
        assertEquals(CoralMode.REFERENCE, ConfigChoice.lookup(CoralMode.class, "reference").orElseThrow());
        assertTrue(ConfigChoice.lookup(CoralMode.class, "Reference").isEmpty());
    }
}
