package dev.ssehub.bench;

import java.net.InetSocketAddress;
import java.net.http.HttpRequest;

/**
 * How the load generator reaches one server: where a subscriber connects and what a publish
 * looks like. The load itself ({@link Subscribers}, {@link Publisher}) is the same for every server.
 */
interface PubSubApi {

    InetSocketAddress address();

    /** The request target of a stream of {@code topic}'s events, as an {@code EventSource} would send it. */
    String streamPath(String topic);

    /** A request that publishes one event whose data is exactly {@code data}. */
    HttpRequest publish(String topic, String data);

    /** Whether the server took the event, by the status of its answer to {@link #publish}. */
    boolean accepted(int status);
}
