package dev.ssehub.cluster;

/** A short reason for an operator, from a Redis failure: the innermost message, without a stack. */
final class Reasons {

    private Reasons() {
    }

    static String of(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return message.length() > 200 ? message.substring(0, 200) : message;
    }
}
