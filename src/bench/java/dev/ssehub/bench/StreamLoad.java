package dev.ssehub.bench;

import org.HdrHistogram.Histogram;

/** Subscribers the benchmark opens streams with and reads figures from, whatever protocol they speak. */
interface StreamLoad extends AutoCloseable {

    /** Opens {@code count} streams on {@code path} and waits until each has its 200. */
    void open(String path, int count);

    long delivered();

    /** The delays recorded since the last call, from each event's publishing to its arrival. */
    Histogram takeLatency();

    void closeAll();

    @Override
    void close();
}
