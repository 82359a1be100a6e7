package dev.ssehub.servlet;

import dev.ssehub.api.ApiException;
import dev.ssehub.auth.Authenticator;
import dev.ssehub.auth.Caller;
import dev.ssehub.config.Settings;
import dev.ssehub.connection.SseConnection;
import dev.ssehub.hub.Hub;
import dev.ssehub.hub.Subscription;
import dev.ssehub.limits.StreamQuotas;
import dev.ssehub.hub.Topics;
import dev.ssehub.protocol.LastEventId;
import dev.ssehub.protocol.SseEncoder;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * {@code GET /api/stream}: checks the request, then hands the response to an
 * {@link SseConnection} and returns, so no thread stays with the open stream. Refusals happen
 * before the stream starts and are JSON.
 *
 * <pre>
 * HTTP/1.1 200 OK
 * Content-Type: text/event-stream;charset=UTF-8
 * Cache-Control: no-cache
 * X-Accel-Buffering: no
 *
 * retry: 3000
 * : ok
 *
 * </pre>
 */
public class StreamServlet extends HttpServlet {

    /**
     * The container's own output buffer per stream. Containers keep it for the life of the
     * response (Jetty: 32 KiB by default, outside the heap), which for a stream that is open for
     * hours is most of its memory. Frames are written whole and flushed at once, so a small one
     * costs no extra writes.
     */
    static final int RESPONSE_BUFFER_BYTES = 1024;

    private transient Hub hub;
    private transient Settings settings;
    private transient Authenticator authenticator;
    private transient StreamQuotas quotas;
    private transient byte[] preamble;
    private transient byte[] preambleWithHeartbeat;

    @Override
    public void init() {
        hub = CdiLookup.bean(getServletContext(), Hub.class);
        settings = CdiLookup.bean(getServletContext(), Settings.class);
        authenticator = CdiLookup.bean(getServletContext(), Authenticator.class);
        quotas = CdiLookup.bean(getServletContext(), StreamQuotas.class);
        preamble = SseEncoder.concat(SseEncoder.retry(settings.retryMillis()), SseEncoder.comment("ok"), new byte[] {'\n'});
        preambleWithHeartbeat = SseEncoder.concat(preamble, hub.heartbeatSignal());
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Set<String> topics;
        Caller caller;
        LastEventId lastEventId;
        boolean heartbeatEvents;
        StreamQuotas.Lease lease;
        try {
            Requests.requireWellFormedQuery(request);
            topics = topics(request);
            heartbeatEvents = heartbeatEvents(request);
            lastEventId = lastEventId(request);
            caller = authorize(request, topics);
            if (!hub.admit()) {
                throw new ApiException(503, "too_many_connections",
                        "this node holds its maximum of " + settings.maxConnections() + " streams; retry later");
            }
            try {
                lease = quotas.acquire(ClientAddress.of(request, settings.trustedProxies()), caller.subject());
            } catch (ApiException overQuota) {
                hub.release();
                throw overQuota;
            }
        } catch (ApiException refusal) {
            hub.metrics().refused(refusal.code());
            JsonReplies.refuse(response, refusal);
            return;
        }
        Subscription subscription;
        try {
            SseConnection connection = startStream(request, response);
            subscription = new Subscription(connection, topics, caller, heartbeatEvents);
            subscription.whenClosed(lease::release);
            // From here on the connection's close, whatever causes it, gives the admitted slot back.
            connection.start((reason, discarded) -> hub.closed(subscription, reason, discarded));
        } catch (IOException | RuntimeException notStarted) {
            hub.release();
            lease.release();
            throw notStarted;
        }
        hub.subscribe(subscription, lastEventId, heartbeatEvents ? preambleWithHeartbeat : preamble);
    }

    /** {@code heartbeat=event}: heartbeats the page can see, one at once and then one per interval. */
    private static boolean heartbeatEvents(HttpServletRequest request) {
        String heartbeat = request.getParameter("heartbeat");
        if (heartbeat == null || heartbeat.equals("comment")) {
            return false;
        }
        if (heartbeat.equals("event")) {
            return true;
        }
        throw ApiException.badRequest("heartbeat must be 'event' or 'comment'");
    }

    /**
     * The headers a {@code GET} would answer with, and nothing opened: the servlet API's own
     * {@code doHead} would run {@code doGet} and start a stream that never ends.
     */
    @Override
    protected void doHead(HttpServletRequest request, HttpServletResponse response) throws IOException {
        try {
            Requests.requireWellFormedQuery(request);
            authorize(request, topics(request));
            heartbeatEvents(request);
            lastEventId(request);
        } catch (ApiException refusal) {
            JsonReplies.refuse(response, refusal); // the container sends the headers, not the body
            return;
        }
        response.setStatus(200);
        response.setContentType("text/event-stream");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-cache");
        response.setHeader("X-Accel-Buffering", "no");
    }

    private SseConnection startStream(HttpServletRequest request, HttpServletResponse response) {
        response.setStatus(200);
        response.setBufferSize(RESPONSE_BUFFER_BYTES);
        response.setContentType("text/event-stream");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-cache");
        response.setHeader("X-Accel-Buffering", "no");
        AsyncContext async = request.startAsync();
        return new SseConnection(async, hub.writers(), hub.ring(), settings.clientBufferBytes(), hub.metrics()::recordPublishToWrite);
    }

    private Caller authorize(HttpServletRequest request, Set<String> topics) {
        Caller caller = Requests.caller(authenticator, request, true).subscribingTo(topics);
        if (settings.anonymousSubscribe()) {
            return caller;
        }
        if (!caller.authenticated()) {
            throw ApiException.unauthorized("this hub needs a token to subscribe");
        }
        for (String topic : topics) {
            if (!caller.maySubscribe(topic)) {
                throw ApiException.forbidden("the caller may not subscribe to topic '" + topic + "'");
            }
        }
        return caller;
    }

    private Set<String> topics(HttpServletRequest request) {
        String[] asked = request.getParameterValues("topic");
        if (asked == null || asked.length == 0) {
            return Set.of(Topics.DEFAULT);
        }
        Set<String> topics = new LinkedHashSet<>();
        for (String topic : asked) {
            try {
                topics.add(Topics.check(topic));
            } catch (IllegalArgumentException invalid) {
                throw ApiException.badRequest(invalid.getMessage());
            }
        }
        int max = settings.streamMaxTopics();
        if (topics.size() > max) {
            throw new ApiException(400, "too_many_topics",
                    "a stream may listen to at most " + max + " topics (ssehub.stream.max-topics)");
        }
        return topics;
    }

    private static LastEventId lastEventId(HttpServletRequest request) {
        String header = request.getHeader("Last-Event-ID");
        String raw = header != null ? header : request.getParameter("lastEventId");
        try {
            return LastEventId.parse(raw);
        } catch (IllegalArgumentException invalid) {
            throw ApiException.badRequest(invalid.getMessage());
        }
    }
}
