package dev.ssehub.hub;

/** The backplane could not store or read: the caller should try again later, nothing is assumed. */
public class BackplaneUnavailableException extends RuntimeException {

    public BackplaneUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
