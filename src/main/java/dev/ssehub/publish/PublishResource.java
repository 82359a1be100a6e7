package dev.ssehub.publish;

import dev.ssehub.api.ApiException;
import dev.ssehub.api.Reply;
import dev.ssehub.auth.Caller;
import dev.ssehub.hub.BackplaneUnavailableException;
import dev.ssehub.hub.Hub;
import dev.ssehub.hub.Publication;
import dev.ssehub.hub.PublishKey;
import dev.ssehub.limits.PublishRate;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * {@code POST /api/events}: one publication or a batch, as JSON or as a form. Everything is
 * checked, rights included, before the first event is published: a batch is all or nothing.
 */
@ApplicationScoped
public class PublishResource {

    private Hub hub;
    private PublishRate rate;

    protected PublishResource() {
        // for the CDI proxy
    }

    @Inject
    public PublishResource(Hub hub, PublishRate rate) {
        this.hub = hub;
        this.rate = rate;
    }

    /**
     * @param contentType the request's {@code Content-Type}, or {@code null}
     * @param body the whole body, already bounded by {@code ssehub.publish.max-bytes}
     */
    public Reply publish(Caller caller, String contentType, byte[] body) {
        return publish(caller, contentType, body, null);
    }

    /**
     * @param idempotencyKey the {@code Idempotency-Key} header, or {@code null}: a repeat with the
     *     same key from the same subject answers the first publish again and publishes nothing
     */
    public Reply publish(Caller caller, String contentType, byte[] body, String idempotencyKey) {
        if (!caller.authenticated()) {
            throw ApiException.unauthorized(hub.settings().checksTokens()
                    ? "publishing needs a Bearer token with publish rights"
                    : "publishing is disabled: the hub has no token key (ssehub.jwt.secret, .public-key or .jwks) and the container authenticated no one");
        }
        rate.take(caller.subject());
        PublishKey key = idempotencyKey == null ? null : publishKey(caller, idempotencyKey);
        MediaType type = MediaType.of(contentType);
        String text = Utf8.decode(body, "the body");
        if (type == MediaType.FORM) {
            Publication publication = PublishRequest.fromForm(FormBody.parse(text));
            authorize(caller, List.of(publication));
            return Reply.accepted(fitting(() -> hub.publishAll(List.of(publication), key).get(0)));
        }
        JsonValue json = JsonBody.parse(text);
        if (json.getValueType() == JsonValue.ValueType.ARRAY) {
            List<Publication> batch = batch(json.asJsonArray());
            authorize(caller, batch);
            return Reply.accepted(fitting(() -> hub.publishAll(batch, key)));
        }
        Publication publication = PublishRequest.fromJson(json, "the body");
        authorize(caller, List.of(publication));
        return Reply.accepted(fitting(() -> hub.publishAll(List.of(publication), key).get(0)));
    }

    private static PublishKey publishKey(Caller caller, String header) {
        if (!PublishKey.isValid(header)) {
            throw ApiException.badRequest("the Idempotency-Key header must be 1 to " + PublishKey.MAX_LENGTH
                    + " printable ASCII characters");
        }
        return new PublishKey(caller.subject(), header);
    }

    private List<Publication> batch(List<JsonValue> items) {
        if (items.isEmpty()) {
            throw ApiException.badRequest("the batch is empty");
        }
        int maxBatch = hub.settings().publishMaxBatch();
        if (items.size() > maxBatch) {
            throw new ApiException(413, "batch_too_large", "the batch has " + items.size()
                    + " events, more than ssehub.publish.max-batch (" + maxBatch + ")");
        }
        List<Publication> batch = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            try {
                batch.add(PublishRequest.fromJson(items.get(i), "each batch item"));
            } catch (ApiException invalid) {
                throw ApiException.badRequest("batch item " + i + ": " + invalid.getMessage());
            }
        }
        return batch;
    }

    /**
     * Publishes, turning the hub's refusals of a valid event into answers: 413 when it encodes to
     * more than a client may fall behind (the hub checks a whole batch before it publishes any of
     * it), 503 when the cluster's Redis could not store it.
     */
    private static <T> T fitting(Supplier<T> publish) {
        try {
            return publish.get();
        } catch (IllegalArgumentException tooLarge) {
            throw new ApiException(413, "event_too_large", tooLarge.getMessage());
        } catch (BackplaneUnavailableException down) {
            throw new ApiException(503, "backplane_unavailable", "the event was not published: " + down.getMessage()
                    + "; retry later, with the same Idempotency-Key to be safe");
        }
    }

    private static void authorize(Caller caller, List<Publication> publications) {
        for (Publication publication : publications) {
            for (String topic : publication.topics()) {
                if (!caller.mayPublish(topic)) {
                    throw ApiException.forbidden("the caller may not publish to topic '" + topic + "'");
                }
            }
        }
    }

    /** The two body types the route takes; anything else is a 415. */
    enum MediaType {
        JSON, FORM;

        static MediaType of(String contentType) {
            if (contentType == null) {
                throw unsupported("no Content-Type was sent");
            }
            String[] parts = contentType.toLowerCase(Locale.ROOT).split(";", -1);
            String essence = parts[0].trim();
            for (int i = 1; i < parts.length; i++) {
                String parameter = parts[i].trim().replace("\"", "");
                if (parameter.startsWith("charset=") && !parameter.equals("charset=utf-8") && !parameter.equals("charset=utf8")) {
                    throw unsupported("only UTF-8 bodies are accepted, not " + parameter);
                }
            }
            return switch (essence) {
                case "application/json" -> JSON;
                case "application/x-www-form-urlencoded" -> FORM;
                default -> throw unsupported("Content-Type " + essence + " is not accepted");
            };
        }

        private static ApiException unsupported(String why) {
            return new ApiException(415, "unsupported_media_type",
                    why + "; send application/json or application/x-www-form-urlencoded");
        }
    }
}
