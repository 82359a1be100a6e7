package dev.ssehub.api;

/** A resource method's answer: a status and a body that is written as JSON. */
public record Reply(int status, Object body) {

    public static Reply ok(Object body) {
        return new Reply(200, body);
    }

    public static Reply accepted(Object body) {
        return new Reply(202, body);
    }
}
