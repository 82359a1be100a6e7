package dev.ssehub.hub;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.inject.Inject;

/** Publishes every {@link Publication} that application code fires as a CDI event. */
@ApplicationScoped
public class PublicationObserver {

    private Hub hub;

    protected PublicationObserver() {
        // for the CDI proxy
    }

    @Inject
    public PublicationObserver(Hub hub) {
        this.hub = hub;
    }

    /**
     * Inside a transaction, only once it has committed: a domain event of a rolled-back change
     * never reaches a client. Without one, at once.
     */
    void onPublication(@Observes(during = TransactionPhase.AFTER_SUCCESS) Publication publication) {
        hub.publish(publication);
    }

    /**
     * At once, inside the transaction: an event no client could receive fails the code that fires
     * it while its transaction can still roll back, not silently after the commit.
     */
    void checkBeforeCommit(@Observes(during = TransactionPhase.IN_PROGRESS) Publication publication) {
        hub.checkFits(publication);
    }

    void onAsyncPublication(@ObservesAsync Publication publication) {
        hub.publish(publication);
    }
}
