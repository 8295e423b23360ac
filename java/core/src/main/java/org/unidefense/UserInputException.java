package org.unidefense;

/**
 * A problem with something the user gave us (a config file, a checkpoint, a dataset item).
 * The message alone must tell what is wrong and where; the CLI prints it without a stack
 * trace and exits with {@code ExitCodes.BAD_INPUT} (exit code 3).
 */
public class UserInputException extends RuntimeException {
    public UserInputException(String message) {
        super(message);
    }

    public UserInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
