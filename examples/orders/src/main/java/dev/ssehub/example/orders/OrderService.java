package dev.ssehub.example.orders;

import dev.ssehub.hub.Publication;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.UserTransaction;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Places orders in a transaction and announces each with a CDI event: the hub publishes it on the
 * topic {@code orders} once the transaction has committed, and never when it rolls back.
 */
@ApplicationScoped
public class OrderService {

    private final Map<Long, Order> stored = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();

    @Inject
    UserTransaction transaction;

    @Inject
    Event<Publication> publications;

    /** @param failAfterAnnouncing fail once the event has been fired, so that everything rolls back */
    public Order place(String item, int quantity, boolean failAfterAnnouncing) throws Exception {
        Order order = new Order(ids.incrementAndGet(), item, quantity);
        transaction.begin();
        try {
            stored.put(order.id(), order);
            publications.fire(new Publication(List.of("orders"), "order-placed", order.toJson(), null, false, Set.of()));
            if (failAfterAnnouncing) {
                throw new IllegalStateException("payment declined for order " + order.id());
            }
            transaction.commit();
            return order;
        } catch (Exception failure) {
            transaction.rollback();
            stored.remove(order.id()); // the example's store is a map: what a database would undo
            throw failure;
        }
    }
}
