package dev.ssehub.probe;

import dev.ssehub.hub.Hub;
import dev.ssehub.hub.Publication;
import dev.ssehub.hub.Receipt;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

/** Application code as a user writes it: publishing by firing a CDI event, or through the hub. */
@ApplicationScoped
public class OrderService {

    @Inject
    Event<Publication> publications;

    @Inject
    Hub hub;

    public void orderShippedByEvent(String orderId) {
        publications.fire(Publication.of("orders", "shipped " + orderId));
    }

    public Receipt orderShippedByHub(String orderId) {
        return hub.publish(Publication.of("orders", "shipped " + orderId));
    }
}
