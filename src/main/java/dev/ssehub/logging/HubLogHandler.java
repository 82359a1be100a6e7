package dev.ssehub.logging;

import static dev.ssehub.protocol.JsonProviders.JSON;

import dev.ssehub.hub.Hub;
import dev.ssehub.hub.Publication;
import jakarta.json.JsonObjectBuilder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.ErrorManager;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * A {@code java.util.logging} handler that publishes the records it accepts on a topic, so that a
 * page can follow the application's log live (the dashboard's log view shows them). Each record
 * becomes one event:
 * <pre>
 * event: log
 * id: 1732441680000-42
 * data: {"level":"WARNING","message":"payment failed: java.io.IOException: reset","time":"2024-11-24T09:48:00.123Z","logger":"com.example.pay"}
 * </pre>
 * {@code message} is the record's message with its parameters filled in by the handler's
 * formatter's {@code formatMessage} (the format itself is not used), then the thrown exception's
 * class and message when there is one; it is cut to {@value #MAX_MESSAGE_BYTES} bytes of UTF-8.
 * Events are private by default: only streams whose token or role may subscribe to the topic see them.
 * <pre>
 * HubLogHandler handler = HubLogHandler.install(hub, "com.example", "ops-log");
 * ...
 * handler.close();   // on shutdown: removes it from the logger and stops its thread
 * </pre>
 *
 * <p><b>The caller never waits on the hub.</b> A record is turned into its event on the logging
 * thread (its parameters may change once the call returns) and put on a bounded queue; one daemon
 * thread publishes from it. Publishing directly would hold the caller, maybe inside its own locks,
 * on the hub's lock and, in a cluster, on Redis for up to two seconds. When the queue is full the
 * oldest record is dropped and counted ({@link #dropped()}): a log that floods loses its past, not
 * its present.
 *
 * <p><b>It never loops and never throws.</b> Records from loggers under {@code dev.ssehub} are
 * skipped, so the hub's own warnings about a publish never become another publish; so is any
 * record logged on a thread while a {@code HubLogHandler} is working on it (a parameter's
 * {@code toString}, an emitter or backplane that logs while this handler's thread publishes).
 * Failures go to the handler's {@link ErrorManager}. One loop it cannot see: an application
 * observer of {@code EventPublished} that logs each publish to a logger this handler follows.
 */
public final class HubLogHandler extends Handler {

    public static final int MAX_MESSAGE_BYTES = 16 * 1024;
    public static final int DEFAULT_CAPACITY = 1024;
    private static final String OWN_LOGGERS = "dev.ssehub";
    private static final String TRUNCATED = " …[truncated]";
    /** How long {@link #close} lets the thread publish what is queued before discarding the rest. */
    private static final long CLOSE_WAIT_MILLIS = 2_000;
    /** Set on a thread while any instance formats or publishes on it: what it logs then is skipped. */
    private static final ThreadLocal<Boolean> BUSY = new ThreadLocal<>();

    private final Hub hub;
    private final List<String> topics;
    private final boolean privateEvents;
    private final Set<String> users;
    private final int capacity;
    private final ArrayDeque<Publication> queue = new ArrayDeque<>();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong published = new AtomicLong();
    private final Thread publisher;
    private volatile boolean closed;
    /** The logger {@link #install} added it to, so that {@link #close} can take it off again. */
    private volatile Logger installedOn;

    private HubLogHandler(Builder builder) {
        this.hub = builder.hub;
        this.topics = List.of(builder.topic);
        this.privateEvents = builder.privateEvents;
        this.users = builder.users;
        this.capacity = builder.capacity;
        setLevel(builder.level);
        setFormatter(new SimpleFormatter());
        publisher = new Thread(this::publishQueued, "ssehub-log-" + builder.topic);
        publisher.setDaemon(true); // a forgotten close must not keep the JVM alive
        publisher.start();
    }

    /** A handler publishing on {@code topic}; private, from {@link Level#INFO}, unless told otherwise. */
    public static Builder builder(Hub hub, String topic) {
        return new Builder(hub, topic);
    }

    /** Adds a default handler for {@code topic} to the logger {@code loggerName}; close it to remove it. */
    public static HubLogHandler install(Hub hub, String loggerName, String topic) {
        HubLogHandler handler = builder(hub, topic).build();
        Logger logger = Logger.getLogger(loggerName);
        // held here, the logger (which the LogManager keeps only weakly) lives as long as the handler
        handler.installedOn = logger;
        logger.addHandler(handler);
        return handler;
    }

    @Override
    public void publish(LogRecord record) {
        if (BUSY.get() != null || closed) {
            return;
        }
        BUSY.set(Boolean.TRUE);
        try {
            if (isLoggable(record) && !isOwn(record.getLoggerName())) {
                enqueue(toPublication(record));
            }
        } catch (RuntimeException e) {
            reportError("could not turn a log record into an event for " + topics.get(0), e, ErrorManager.FORMAT_FAILURE);
        } finally {
            BUSY.remove(); // container threads are pooled: leave nothing behind on them
        }
    }

    /** Nothing to flush to: the thread publishes as soon as it can, and {@link #close} finishes the queue. */
    @Override
    public void flush() {
    }

    /**
     * Stops taking records, gives the thread up to two seconds to publish what is queued, then
     * discards the rest (counted as dropped) and stops it. Closing twice does nothing more.
     */
    @Override
    public void close() {
        Logger logger = installedOn;
        if (logger != null) {
            installedOn = null;
            logger.removeHandler(this);
        }
        synchronized (queue) {
            closed = true;
            queue.notifyAll();
        }
        try {
            publisher.join(CLOSE_WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (queue) {
            dropped.addAndGet(queue.size());
            queue.clear();
        }
        publisher.interrupt(); // a cluster publish waiting on Redis gives up on an interrupt
    }

    /** Records dropped because the queue was full, or still queued when the handler closed. */
    public long dropped() {
        return dropped.get();
    }

    /** Records the hub has taken. */
    public long published() {
        return published.get();
    }

    private static boolean isOwn(String loggerName) {
        return loggerName != null
                && (loggerName.equals(OWN_LOGGERS) || loggerName.startsWith(OWN_LOGGERS + "."));
    }

    private Publication toPublication(LogRecord record) {
        JsonObjectBuilder data = JSON.createObjectBuilder()
                .add("level", record.getLevel().getName())
                .add("message", fit(message(record)))
                .add("time", record.getInstant().toString());
        if (record.getLoggerName() == null) {
            data.addNull("logger");
        } else {
            data.add("logger", fit(record.getLoggerName()));
        }
        return new Publication(topics, "log", data.build().toString(), null, privateEvents, users);
    }

    private String message(LogRecord record) {
        String text = getFormatter().formatMessage(record);
        text = text == null ? "" : text;
        Throwable thrown = record.getThrown();
        if (thrown == null) {
            return text;
        }
        String why = thrown.getClass().getName() + (thrown.getMessage() == null ? "" : ": " + thrown.getMessage());
        return text.isEmpty() ? why : text + ": " + why;
    }

    /**
     * {@code text} as UTF-8 can carry it (a publication refuses a lone surrogate, so it becomes
     * U+FFFD), cut at a character boundary and marked when it is over {@link #MAX_MESSAGE_BYTES}.
     */
    static String fit(String text) {
        int keep = MAX_MESSAGE_BYTES - utf8Length(TRUNCATED);
        StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_MESSAGE_BYTES));
        int bytes = 0;
        int cut = 0;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            c = c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE ? 0xFFFD : c;
            bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
            if (bytes > MAX_MESSAGE_BYTES) {
                return out.substring(0, cut) + TRUNCATED;
            }
            out.appendCodePoint(c);
            cut = bytes <= keep ? out.length() : cut;
        }
        return out.toString();
    }

    private static int utf8Length(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    private void enqueue(Publication event) {
        synchronized (queue) {
            if (closed) {
                return; // checked again under the lock: after close's last clear, nothing may stay queued
            }
            if (queue.size() == capacity) {
                queue.pollFirst();
                dropped.incrementAndGet();
            }
            queue.addLast(event);
            queue.notifyAll();
        }
    }

    /** The thread's loop: everything it logs happens while publishing, so all of it is skipped. */
    private void publishQueued() {
        BUSY.set(Boolean.TRUE);
        Publication next;
        while ((next = take()) != null) {
            try {
                hub.publish(next);
                published.incrementAndGet();
            } catch (RuntimeException e) {
                reportError("could not publish a log record on " + topics.get(0), e, ErrorManager.WRITE_FAILURE);
            }
        }
    }

    /** The oldest queued event; {@code null} once closed with nothing left, or interrupted by close. */
    private Publication take() {
        synchronized (queue) {
            while (queue.isEmpty() && !closed) {
                try {
                    queue.wait();
                } catch (InterruptedException e) {
                    return null;
                }
            }
            return queue.pollFirst();
        }
    }

    /** Options for a {@link HubLogHandler}; {@link #build} checks them and starts its thread. */
    public static final class Builder {

        private final Hub hub;
        private final String topic;
        private boolean privateEvents = true;
        private Set<String> users = Set.of();
        private Level level = Level.INFO;
        private int capacity = DEFAULT_CAPACITY;

        private Builder(Hub hub, String topic) {
            this.hub = hub;
            this.topic = topic;
        }

        /** {@code false}: every subscriber of the topic sees the log, anonymous ones too. */
        public Builder privateEvents(boolean privateEvents) {
            this.privateEvents = privateEvents;
            return this;
        }

        /** Only streams authenticated as one of these subjects receive the log. */
        public Builder users(Set<String> users) {
            this.users = Set.copyOf(users);
            return this;
        }

        /** The least severe level published; {@link Level#INFO} unless set. */
        public Builder level(Level level) {
            this.level = level;
            return this;
        }

        /** How many records may wait for the hub before the oldest is dropped. */
        public Builder capacity(int capacity) {
            this.capacity = capacity;
            return this;
        }

        /** @throws IllegalArgumentException for a bad topic, subject, level or capacity: now, not at the first record */
        public HubLogHandler build() {
            if (hub == null || level == null || capacity < 1) {
                throw new IllegalArgumentException("a log handler needs a hub, a level and a capacity of at least 1");
            }
            new Publication(List.of(topic == null ? "" : topic), "log", "{}", null, privateEvents, users);
            return new HubLogHandler(this);
        }
    }
}
