package dev.ssehub.bench;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;

/**
 * nchan's HTTP publisher and EventSource subscriber, at the locations {@link NchanConfig} writes:
 * the request body is the message, so its data reaches subscribers byte for byte as the hub's does.
 */
final class NchanApi implements PubSubApi {

    private final InetSocketAddress address;
    private final String base;

    NchanApi(int port) {
        this.address = new InetSocketAddress("127.0.0.1", port);
        this.base = "http://127.0.0.1:" + port;
    }

    @Override
    public InetSocketAddress address() {
        return address;
    }

    @Override
    public String streamPath(String topic) {
        return NchanConfig.SUBSCRIBE + "?topic=" + topic;
    }

    @Override
    public HttpRequest publish(String topic, String data) {
        return HttpRequest.newBuilder(URI.create(base + NchanConfig.PUBLISH + "?topic=" + topic))
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString(data))
                .build();
    }

    /** 201: delivered to the channel's subscribers; 202: stored, no one subscribed yet. */
    @Override
    public boolean accepted(int status) {
        return status == 201 || status == 202;
    }
}
