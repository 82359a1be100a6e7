package dev.ssehub.hub;

import jakarta.enterprise.inject.spi.BeanManager;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

/**
 * Fires {@link StreamOpened}, {@link StreamClosed} and {@link EventPublished} as CDI events to the
 * application's observers, one at a time and in the order they happened, on a thread of its own:
 * an observer that is slow or throws never holds up a publish or a stream.
 */
final class LifecycleEvents implements HubObserver, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(LifecycleEvents.class.getName());
    private static final int QUEUE = 65_536;

    private final BeanManager beans;
    private final ThreadPoolExecutor thread;
    private final AtomicLong dropped = new AtomicLong();

    private LifecycleEvents(BeanManager beans) {
        this.beans = beans;
        this.thread = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(QUEUE), runnable -> {
            Thread daemon = new Thread(runnable, "ssehub-lifecycle-events");
            daemon.setDaemon(true);
            return daemon;
        });
    }

    /** The observer to give the hub: none at all when the application observes none of the events. */
    static HubObserver forApplication(BeanManager beans) {
        Receipt sample = new Receipt("0-0", List.of(), 0);
        boolean observed = !beans.resolveObserverMethods(new StreamOpened(0, null, Set.of())).isEmpty()
                || !beans.resolveObserverMethods(new StreamClosed(0, null, Set.of(), StreamClosed.Reason.SHUTDOWN)).isEmpty()
                || !beans.resolveObserverMethods(new EventPublished(Publication.of(Topics.DEFAULT, ""), sample)).isEmpty();
        return observed ? new LifecycleEvents(beans) : NONE;
    }

    @Override
    public void opened(StreamOpened opened) {
        fire(opened);
    }

    @Override
    public void closed(StreamClosed closed) {
        fire(closed);
    }

    @Override
    public void published(EventPublished published) {
        fire(published);
    }

    private void fire(Object event) {
        try {
            thread.execute(() -> {
                try {
                    beans.getEvent().fire(event);
                } catch (RuntimeException observerFailed) {
                    LOG.warning("SSE Hub: an observer of " + event.getClass().getSimpleName() + " failed: " + observerFailed);
                }
            });
        } catch (RejectedExecutionException full) {
            if (thread.isShutdown()) {
                return; // after the hub's shutdown: nobody is left to tell
            }
            if (dropped.getAndIncrement() % 10_000 == 0) {
                LOG.warning("SSE Hub: lifecycle observers are " + QUEUE + " events behind; "
                        + dropped.get() + " events not fired so far");
            }
        }
    }

    /** Fires what is queued (the closes of a shutdown among them), for a few seconds at most. */
    @Override
    public void close() {
        thread.shutdown();
        try {
            thread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
