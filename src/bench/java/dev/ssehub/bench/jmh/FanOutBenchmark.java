package dev.ssehub.bench.jmh;

import dev.ssehub.auth.Caller;
import dev.ssehub.connection.Emitter;
import dev.ssehub.connection.Frame;
import dev.ssehub.connection.FrameRing;
import dev.ssehub.history.InMemoryEventLog;
import dev.ssehub.config.TestSettings;
import dev.ssehub.hub.Hub;
import dev.ssehub.hub.Publication;
import dev.ssehub.hub.Receipt;
import dev.ssehub.hub.Subscription;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Handing one event to 10,000 streams: id, history, encoding once, and a position per stream
 * (the emitters here only count, so this is the hub's share of a broadcast, without the socket).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class FanOutBenchmark {

    @Param({"10000"})
    int streams;

    private Hub broadcaster;
    private final Publication publication = Publication.of("prices", "{\"symbol\":\"ACME\",\"bid\":101.25}");

    @Setup
    public void subscribe() {
        broadcaster = new Hub(new InMemoryEventLog(10_000, 64L << 20, Duration.ofHours(1), Clock.systemUTC()),
                TestSettings.with(Map.of("ssehub.connections.max", Integer.toString(streams))));
        byte[] opening = ": ok\n\n".getBytes();
        for (int i = 0; i < streams; i++) {
            broadcaster.subscribe(new Subscription(new CountingEmitter(), Set.of("prices"), Caller.ANONYMOUS), null, opening);
        }
    }

    @Benchmark
    public Receipt publishToAll() {
        return broadcaster.publish(publication);
    }

    /** Takes frames as a real connection's queue would, without a socket behind it. */
    static final class CountingEmitter implements Emitter {
        private long frames;

        @Override
        public boolean deliver(FrameRing ring, long position) {
            frames++;
            return true;
        }

        @Override
        public boolean send(Frame frame) {
            frames++;
            return true;
        }

        @Override
        public void sendReplay(List<byte[]> replayed, Runnable whenWritten) {
            frames += replayed.size();
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
            // nothing to release
        }
    }
}
