package org.unidefense.config;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/** Collects non-fatal findings (unknown keys, duplicates) and logs each one as it is found. */
final class ConfigWarnings {
    private static final Logger LOG = LoggerFactory.getLogger(ConfigLoader.class);

    private final List<String> messages = new ArrayList<>();

    void add(String message) {
        // at debug level: the commands print the warnings as "warning: ..." lines (train also into records.txt),
        // so that each is shown once
        LOG.debug(message);
        messages.add(message);
    }

    List<String> toList() {
        return List.copyOf(messages);
    }
}
