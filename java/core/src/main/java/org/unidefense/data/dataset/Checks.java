package org.unidefense.data.dataset;

import org.unidefense.UserInputException;

import java.util.List;

/** Argument checks shared by the readers, with messages that name the offending value. */
final class Checks {
    private Checks() {
    }

    static void split(String dataset, String split, List<String> splits) {
        if (!splits.contains(split)) {
            throw new UserInputException(dataset + ": no split '" + split + "'; expected one of " + splits);
        }
    }

    static void methods(String dataset, List<String> methods, List<String> known) {
        for (String m : methods) {
            if (!known.contains(m)) {
                throw new UserInputException(dataset + ": unknown method '" + m + "'; expected some of " + known);
            }
        }
    }
}
