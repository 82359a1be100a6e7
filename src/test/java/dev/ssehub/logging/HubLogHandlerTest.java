package dev.ssehub.logging;

import static dev.ssehub.protocol.JsonProviders.JSON;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.ssehub.auth.Caller;
import dev.ssehub.auth.Rights;
import dev.ssehub.config.TestSettings;
import dev.ssehub.connection.Emitter;
import dev.ssehub.connection.Frame;
import dev.ssehub.history.InMemoryEventLog;
import dev.ssehub.hub.Hub;
import dev.ssehub.hub.Publication;
import dev.ssehub.hub.Receipt;
import dev.ssehub.hub.Subscription;
import dev.ssehub.testing.EventStreamParser;
import dev.ssehub.testing.EventStreamParser.Event;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.ErrorManager;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HubLogHandlerTest {

    private static final String TOPIC = "app-log";
    private static final Caller OPERATOR = new Caller("ops", Rights.NONE, Rights.of(List.of(TOPIC)), false, true);
    private static final AtomicInteger LOGGERS = new AtomicInteger();

    private final Hub hub = hub();
    /** A logger of its own per test, kept quiet: nothing goes on to the console handler. */
    private final Logger logger = Logger.getLogger("test.hublog.n" + LOGGERS.incrementAndGet());
    private final List<HubLogHandler> handlers = new ArrayList<>();

    @AfterEach
    void closeHandlers() {
        handlers.forEach(HubLogHandler::close);
    }

    @Test
    void aRecordBecomesOneLogEventWithItsLevelMessageTimeAndLogger() {
        Recorder operator = subscribe(OPERATOR);
        HubLogHandler handler = follow(HubLogHandler.builder(hub, TOPIC));
        Instant before = Instant.now();

        logger.log(Level.WARNING, "order {0} is late", 42);

        await().atMost(Duration.ofSeconds(5)).until(() -> operator.events().size() == 1);
        Event event = operator.events().get(0);
        JsonObject data = json(event);
        assertThat(event.type()).isEqualTo("log");
        assertThat(data.keySet()).containsExactlyInAnyOrder("level", "message", "time", "logger");
        assertThat(data.getString("level")).isEqualTo("WARNING");
        assertThat(data.getString("message")).isEqualTo("order 42 is late");
        assertThat(Instant.parse(data.getString("time"))).isBetween(before, Instant.now());
        assertThat(data.getString("logger")).isEqualTo(logger.getName());
        assertThat(handler.published()).isEqualTo(1);
    }

    @Test
    void appendsTheThrowablesClassAndMessage() {
        Recorder operator = subscribe(OPERATOR);
        follow(HubLogHandler.builder(hub, TOPIC));

        logger.log(Level.SEVERE, "payment failed", new IllegalStateException("card declined"));
        logger.log(Level.SEVERE, null, new IllegalStateException());

        await().atMost(Duration.ofSeconds(5)).until(() -> operator.events().size() == 2);
        assertThat(messages(operator)).containsExactly(
                "payment failed: java.lang.IllegalStateException: card declined", "java.lang.IllegalStateException");
    }

    @Test
    void isPrivateByDefaultSoOnlyStreamsThatMaySubscribeSeeIt() {
        Recorder anonymous = subscribe(Caller.ANONYMOUS);
        Recorder operator = subscribe(OPERATOR);
        HubLogHandler handler = follow(HubLogHandler.builder(hub, TOPIC));

        logger.info("disk almost full");

        await().atMost(Duration.ofSeconds(5)).until(() -> handler.published() == 1);
        assertThat(messages(operator)).containsExactly("disk almost full");
        assertThat(anonymous.events()).isEmpty();
    }

    @Test
    void publicEventsReachAnonymousStreamsAndUsersNarrowToThoseSubjects() {
        Recorder anonymous = subscribe(Caller.ANONYMOUS);
        Recorder ann = subscribe(new Caller("ann", Rights.NONE, Rights.NONE, false, true));
        HubLogHandler everyone = follow(HubLogHandler.builder(hub, TOPIC).privateEvents(false));
        Logger annOnly = Logger.getLogger(logger.getName() + ".ann");
        HubLogHandler forAnn = HubLogHandler.builder(hub, TOPIC).privateEvents(false).users(Set.of("ann")).build();
        handlers.add(forAnn);
        annOnly.setUseParentHandlers(false);
        annOnly.addHandler(forAnn);

        logger.info("for all");
        annOnly.info("for ann");

        await().atMost(Duration.ofSeconds(5)).until(() -> everyone.published() == 1 && forAnn.published() == 1);
        assertThat(messages(anonymous)).containsExactly("for all");
        assertThat(messages(ann)).containsExactlyInAnyOrder("for all", "for ann");
        annOnly.removeHandler(forAnn);
    }

    @Test
    void skipsRecordsBelowItsLevel() {
        Recorder operator = subscribe(OPERATOR);
        logger.setLevel(Level.ALL); // the logger lets everything through: the handler decides
        HubLogHandler byDefault = follow(HubLogHandler.builder(hub, TOPIC));

        logger.fine("too fine for INFO");
        logger.info("marker");

        await().atMost(Duration.ofSeconds(5)).until(() -> byDefault.published() == 1);
        assertThat(messages(operator)).containsExactly("marker");

        byDefault.setLevel(Level.WARNING);
        logger.info("too fine for WARNING");
        logger.warning("second marker");

        await().atMost(Duration.ofSeconds(5)).until(() -> byDefault.published() == 2);
        assertThat(messages(operator)).containsExactly("marker", "second marker");
    }

    @Test
    void skipsARecordLoggedWhileItsThreadPublishes() {
        AtomicInteger sendsDone = new AtomicInteger();
        Recorder echoing = subscribe(OPERATOR, () -> {
            logger.info("echo of a delivered event"); // would publish again, and again, without the guard
            sendsDone.incrementAndGet();
        });
        HubLogHandler handler = follow(HubLogHandler.builder(hub, TOPIC));

        logger.info("first");
        await().atMost(Duration.ofSeconds(5)).until(() -> sendsDone.get() == 1);
        // an echo, had it been taken, was queued before this marker and would arrive first
        logger.info("marker");

        await().atMost(Duration.ofSeconds(5)).until(() -> handler.published() == 2);
        assertThat(messages(echoing)).containsExactly("first", "marker");
    }

    @Test
    void skipsARecordLoggedWhileTheCallerIsFormattingOne() {
        Recorder operator = subscribe(OPERATOR);
        HubLogHandler handler = follow(HubLogHandler.builder(hub, TOPIC));
        Object chatty = new Object() {
            @Override
            public String toString() {
                logger.info("logged from toString");
                return "value";
            }
        };

        logger.log(Level.INFO, "got {0}", chatty);
        logger.info("marker");

        await().atMost(Duration.ofSeconds(5)).until(() -> handler.published() == 2);
        assertThat(messages(operator)).containsExactly("got value", "marker");
    }

    @Test
    void skipsRecordsOfTheHubsOwnLoggers() {
        Recorder operator = subscribe(OPERATOR);
        HubLogHandler handler = follow(HubLogHandler.builder(hub, TOPIC));

        handler.publish(record("dev.ssehub.hub.Hub", "a stream failed to take an event; closing it"));
        handler.publish(record("dev.ssehub", "the package itself"));
        handler.publish(record("dev.ssehubber", "only a prefix of the name"));

        await().atMost(Duration.ofSeconds(5)).until(() -> handler.published() == 1);
        assertThat(messages(operator)).containsExactly("only a prefix of the name");
    }

    @Test
    void aFormatterThatThrowsIsReportedNotThrownIntoTheLoggingCall() {
        HubLogHandler handler = follow(HubLogHandler.builder(hub, TOPIC));
        Errors errors = new Errors();
        handler.setErrorManager(errors);
        handler.setFormatter(new SimpleFormatter() {
            @Override
            public synchronized String formatMessage(LogRecord record) {
                throw new IllegalStateException("formatter broke");
            }
        });

        assertThatCode(() -> logger.info("anything")).doesNotThrowAnyException();

        assertThat(errors.codes).containsExactly(ErrorManager.FORMAT_FAILURE);
        assertThat(errors.causes.get(0)).hasMessage("formatter broke");
    }

    @Test
    void aFailedPublishIsReportedAndTheNextRecordIsStillPublished() {
        AtomicInteger calls = new AtomicInteger();
        Hub failingOnce = new Hub(log(), TestSettings.with(Map.of())) {
            @Override
            public Receipt publish(Publication publication) {
                if (calls.incrementAndGet() == 1) {
                    throw new IllegalStateException("backplane down");
                }
                return super.publish(publication);
            }
        };
        Recorder operator = subscribe(failingOnce, OPERATOR, () -> { });
        Errors errors = new Errors();
        HubLogHandler handler = follow(HubLogHandler.builder(failingOnce, TOPIC));
        handler.setErrorManager(errors);

        assertThatCode(() -> logger.info("lost")).doesNotThrowAnyException();
        logger.info("after the failure");

        await().atMost(Duration.ofSeconds(5)).until(() -> handler.published() == 1);
        assertThat(messages(operator)).containsExactly("after the failure");
        assertThat(errors.codes).containsExactly(ErrorManager.WRITE_FAILURE);
        assertThat(errors.causes.get(0)).hasMessage("backplane down");
    }

    @Test
    void dropsTheOldestRecordsWhenTheQueueIsFull() throws InterruptedException {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Hub slow = new Hub(log(), TestSettings.with(Map.of())) {
            @Override
            public Receipt publish(Publication publication) {
                entered.countDown();
                try {
                    release.await(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return super.publish(publication);
            }
        };
        Recorder operator = subscribe(slow, OPERATOR, () -> { });
        HubLogHandler handler = follow(HubLogHandler.builder(slow, TOPIC).capacity(2));

        logger.info("1");
        assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue(); // "1" is taken; the queue is empty again
        long started = System.nanoTime();
        for (String message : List.of("2", "3", "4", "5")) {
            logger.info(message);
        }
        Duration callerWaited = Duration.ofNanos(System.nanoTime() - started);
        release.countDown();

        await().atMost(Duration.ofSeconds(5)).until(() -> handler.published() == 3);
        assertThat(messages(operator)).containsExactly("1", "4", "5");
        assertThat(handler.dropped()).isEqualTo(2);
        assertThat(callerWaited).as("the caller never waits on the stuck hub").isLessThan(Duration.ofSeconds(1));
    }

    @Test
    void cutsAMessageOver16KiBAtACharacterBoundaryAndMarksIt() {
        Recorder operator = subscribe(OPERATOR);
        follow(HubLogHandler.builder(hub, TOPIC));

        logger.info("€".repeat(10_000)); // 30,000 bytes of UTF-8

        await().atMost(Duration.ofSeconds(5)).until(() -> operator.events().size() == 1);
        String message = messages(operator).get(0);
        assertThat(message.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(HubLogHandler.MAX_MESSAGE_BYTES);
        assertThat(message).startsWith("€€€").endsWith("€ …[truncated]");
    }

    @Test
    void fitKeepsShortTextAndNeverSplitsOrLeavesASurrogate() {
        assertThat(HubLogHandler.fit("plain")).isEqualTo("plain");
        assertThat(HubLogHandler.fit("lone \uD800 high, lone \uDC00 low, 😀 pair"))
                .isEqualTo("lone \uFFFD high, lone \uFFFD low, 😀 pair");
        String exactlyAtTheLimit = "x".repeat(HubLogHandler.MAX_MESSAGE_BYTES);
        assertThat(HubLogHandler.fit(exactlyAtTheLimit)).isEqualTo(exactlyAtTheLimit);
        String cut = HubLogHandler.fit("😀".repeat(5_000)); // 4 bytes each
        assertThat(cut).endsWith("😀 …[truncated]");
        assertThat(cut.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(HubLogHandler.MAX_MESSAGE_BYTES);
    }

    @Test
    void closePublishesWhatIsQueuedThenRemovesItselfAndStopsItsThread() {
        Recorder operator = subscribe(OPERATOR);
        logger.setUseParentHandlers(false);
        HubLogHandler handler = HubLogHandler.install(hub, logger.getName(), TOPIC);

        logger.info("1");
        logger.info("2");
        handler.close();
        logger.info("after close");

        assertThat(messages(operator)).containsExactly("1", "2");
        assertThat(logger.getHandlers()).doesNotContain(handler);
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(thread -> thread.getName().equals("ssehub-log-" + TOPIC));
        assertThatCode(handler::close).as("closing again").doesNotThrowAnyException();
    }

    @Test
    void refusesABadTopicOrSubjectWhenBuiltNotAtTheFirstRecord() {
        assertThatThrownBy(() -> HubLogHandler.builder(hub, "no spaces").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a valid topic");
        assertThatThrownBy(() -> HubLogHandler.builder(hub, TOPIC).users(Set.of("")).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HubLogHandler.builder(hub, TOPIC).capacity(0).build())
                .isInstanceOf(IllegalArgumentException.class);
    }

    // ---- helpers

    private static Hub hub() {
        return new Hub(log(), TestSettings.with(Map.of()));
    }

    private static InMemoryEventLog log() {
        return new InMemoryEventLog(100, 1 << 20, Duration.ofHours(1), Clock.systemUTC());
    }

    /** Adds a handler to this test's logger, to be closed after the test. */
    private HubLogHandler follow(HubLogHandler.Builder builder) {
        HubLogHandler handler = builder.build();
        handlers.add(handler);
        logger.setUseParentHandlers(false);
        logger.addHandler(handler);
        return handler;
    }

    private Recorder subscribe(Caller caller) {
        return subscribe(hub, caller, () -> { });
    }

    private Recorder subscribe(Caller caller, Runnable afterSend) {
        return subscribe(hub, caller, afterSend);
    }

    private static Recorder subscribe(Hub on, Caller caller, Runnable afterSend) {
        Recorder recorder = new Recorder(afterSend);
        on.subscribe(new Subscription(recorder, Set.of(TOPIC), caller), null, new byte[0]);
        return recorder;
    }

    private static LogRecord record(String loggerName, String message) {
        LogRecord record = new LogRecord(Level.WARNING, message);
        record.setLoggerName(loggerName);
        return record;
    }

    private static JsonObject json(Event event) {
        return JSON.createReader(new StringReader(event.data())).readObject();
    }

    private static List<String> messages(Recorder recorder) {
        return recorder.events().stream().map(event -> json(event).getString("message")).toList();
    }

    /** A stream that keeps what it is sent, parsed as a browser would; sent to from the handler's thread. */
    private static final class Recorder implements Emitter {

        private final List<byte[]> frames = new CopyOnWriteArrayList<>();
        private final Runnable afterSend;

        Recorder(Runnable afterSend) {
            this.afterSend = afterSend;
        }

        @Override
        public boolean send(Frame frame) {
            frames.add(frame.bytes());
            afterSend.run();
            return true;
        }

        @Override
        public void sendReplay(List<byte[]> replayed, Runnable whenWritten) {
            frames.addAll(replayed);
            if (whenWritten != null) {
                whenWritten.run();
            }
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void close() {
        }

        List<Event> events() {
            List<Event> events = new ArrayList<>();
            EventStreamParser parser = new EventStreamParser(events::add);
            for (byte[] frame : frames) {
                parser.feed(frame, 0, frame.length);
            }
            return events;
        }
    }

    /** An error manager that keeps what it is told instead of printing the first one. */
    private static final class Errors extends ErrorManager {

        final List<Integer> codes = new CopyOnWriteArrayList<>();
        final List<Exception> causes = new CopyOnWriteArrayList<>();

        @Override
        public void error(String message, Exception cause, int code) {
            codes.add(code);
            causes.add(cause);
        }
    }
}
