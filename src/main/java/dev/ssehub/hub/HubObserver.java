package dev.ssehub.hub;

/**
 * What the hub tells about streams and publishes as they happen. Called on the hub's hot paths,
 * under its lock for a publish: an implementation hands the news on and returns at once.
 */
public interface HubObserver {

    HubObserver NONE = new HubObserver() {
    };

    default void opened(StreamOpened opened) {
    }

    default void closed(StreamClosed closed) {
    }

    default void published(EventPublished published) {
    }
}
