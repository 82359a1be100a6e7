package dev.ssehub.bench.jmh;

import dev.ssehub.protocol.SseEncoder;
import dev.ssehub.protocol.EventId;
import dev.ssehub.protocol.SseEvent;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** Encoding one event: done once per publish, whatever the number of recipients. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class EncoderBenchmark {

    private static final EventId ID = new EventId(1795517265313L, 42);
    private final SseEvent small = new SseEvent("price", "{\"symbol\":\"ACME\",\"bid\":101.25}", null);
    private final SseEvent multiLine = new SseEvent(null, "line one\nline two\r\nline three\r".repeat(10), null);
    private final SseEvent large = new SseEvent(null, "x".repeat(64 * 1024), null);

    @Benchmark
    public byte[] smallEvent() {
        return SseEncoder.encode(ID, small);
    }

    @Benchmark
    public byte[] thirtyLines() {
        return SseEncoder.encode(ID, multiLine);
    }

    @Benchmark
    public byte[] sixtyFourKiB() {
        return SseEncoder.encode(ID, large);
    }
}
