package dev.ssehub.bench;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;

/** SSE Hub's own API: JSON to {@code /api/events} with a bearer token, streams at {@code /api/stream}. */
final class HubApi implements PubSubApi {

    private final InetSocketAddress address;
    private final URI events;
    private final String token;

    HubApi(int port, String token) {
        this.address = new InetSocketAddress("127.0.0.1", port);
        this.events = URI.create("http://127.0.0.1:" + port + "/api/events");
        this.token = token;
    }

    @Override
    public InetSocketAddress address() {
        return address;
    }

    @Override
    public String streamPath(String topic) {
        return "/api/stream?topic=" + topic;
    }

    @Override
    public HttpRequest publish(String topic, String data) {
        // the bench's data is digits, spaces and letters: nothing to escape in JSON
        String body = "{\"topic\":\"" + topic + "\",\"data\":\"" + data + "\"}";
        return HttpRequest.newBuilder(events)
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    @Override
    public boolean accepted(int status) {
        return status == 202;
    }
}
