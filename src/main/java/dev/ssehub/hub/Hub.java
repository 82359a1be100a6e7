package dev.ssehub.hub;

import dev.ssehub.config.Settings;
import dev.ssehub.connection.CloseReason;
import dev.ssehub.history.InMemoryEventLog;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;
import dev.ssehub.connection.WriterPool;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * The application's hub: publish to it from your own code by injecting it,
 * <pre>
 * &#64;Inject Hub hub;
 * Receipt receipt = hub.publish(Publication.of("orders", json));
 * </pre>
 * or by firing a {@link Publication} as a CDI event. It owns the broadcaster, the threads that
 * write to streams and the heartbeat timer, and stops them with the application.
 */
@ApplicationScoped
public class Hub {

    private static final Logger LOG = Logger.getLogger(Hub.class.getName());

    private Settings settings;
    private Broadcaster broadcaster;
    private WriterPool writers;
    private HubMetrics metrics;
    private ScheduledExecutorService timer;

    protected Hub() {
        // for the CDI proxy
    }

    @Inject
    public Hub(Settings settings) {
        this.settings = settings;
    }

    @PostConstruct
    void start() {
        broadcaster = new Broadcaster(
                new InMemoryEventLog(settings.historySize(), settings.historyTtl(), Clock.systemUTC()),
                settings.maxConnections());
        metrics = new HubMetrics(broadcaster);
        writers = new WriterPool(Math.max(2, Runtime.getRuntime().availableProcessors()), "ssehub-writer");
        timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "ssehub-heartbeat");
            thread.setDaemon(true);
            return thread;
        });
        long period = settings.heartbeat().toMillis();
        timer.scheduleAtFixedRate(broadcaster::heartbeat, period, period, TimeUnit.MILLISECONDS);
        if (!settings.hasJwtSecret()) {
            LOG.warning("SSE Hub: no ssehub.jwt.secret is set, so tokens cannot be checked and publishing over"
                    + " HTTP is refused unless the container authenticates users with the role sse-publisher.");
        }
    }

    /** Starts the hub with the application rather than on the first request. */
    void onStartup(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        broadcaster.stats();
    }

    @PreDestroy
    void stop() {
        timer.shutdownNow();
        broadcaster.closeAll();
        writers.close();
    }

    public Receipt publish(Publication publication) {
        return broadcaster.publish(publication);
    }

    public List<Receipt> publishAll(List<Publication> batch) {
        return broadcaster.publishAll(batch);
    }

    public boolean admit() {
        return broadcaster.admit();
    }

    /** @param opening the frames every stream starts with, queued before anything else */
    public void subscribe(Subscription subscription, String lastEventId, byte[] opening) {
        broadcaster.subscribe(subscription, lastEventId, opening);
    }

    public void closed(Subscription subscription, CloseReason reason, int discardedFrames) {
        broadcaster.closed(subscription, reason, discardedFrames);
    }

    public HubStats stats() {
        return broadcaster.stats();
    }

    public HubMetrics metrics() {
        return metrics;
    }

    public Settings settings() {
        return settings;
    }

    /** The threads that write to streams; shared by every connection. */
    public WriterPool writers() {
        return writers;
    }
}
