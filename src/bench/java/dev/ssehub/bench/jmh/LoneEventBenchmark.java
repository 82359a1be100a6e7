package dev.ssehub.bench.jmh;

import dev.ssehub.auth.Caller;
import dev.ssehub.config.TestSettings;
import dev.ssehub.connection.SseConnection;
import dev.ssehub.history.InMemoryEventLog;
import dev.ssehub.hub.Hub;
import dev.ssehub.hub.Publication;
import dev.ssehub.hub.Subscription;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One event to every stream and written by each, the whole lone-event path but the socket: the
 * hub's fan-out, the connections' queues, the writers' hand-off and the write. With
 * {@code -prof gc}, {@code gc.alloc.rate.norm} divided by {@code streams} is what a delivery
 * allocates; the publish itself (id, history, encoding) is a few hundred bytes shared by all.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-XX:+UseG1GC")
public class LoneEventBenchmark {

    @Param({"10000"})
    int streams;

    private Hub hub;
    private final AtomicLong flushes = new AtomicLong();
    private final Publication publication = Publication.of("prices", "{\"symbol\":\"ACME\",\"bid\":101.25}");

    @Setup(Level.Trial)
    public void subscribe() throws IOException {
        hub = new Hub(new InMemoryEventLog(10_000, 64L << 20, Duration.ofHours(1), Clock.systemUTC()),
                TestSettings.with(Map.of("ssehub.connections.max", Integer.toString(streams))));
        hub.start();
        byte[] opening = ": ok\n\n".getBytes();
        for (int i = 0; i < streams; i++) {
            SseConnection connection = connect(new SinkAsync(flushes));
            connection.start((reason, discarded) -> { });
            hub.subscribe(new Subscription(connection, Set.of("prices"), Caller.ANONYMOUS), null, opening);
        }
        awaitFlushes(streams); // the openings
    }

    private SseConnection connect(SinkAsync async) {
        // the servlet's own latency timer: recording into its histogram is part of every delivery
        return new SseConnection(async, hub.writers(), hub.ring(), 1 << 20, hub.metrics()::recordPublishToWrite);
    }

    @TearDown(Level.Trial)
    public void stop() {
        hub.stop();
    }

    /** Publishes once and returns when every stream has written the event. */
    @Benchmark
    public long publishAndWriteToAll() {
        long before = flushes.get();
        hub.publish(publication);
        return awaitFlushes(before + streams);
    }

    private long awaitFlushes(long target) {
        long seen;
        while ((seen = flushes.get()) < target) {
            Thread.onSpinWait();
        }
        return seen;
    }
}
