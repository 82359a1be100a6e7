package dev.ssehub.bench;

import java.io.IOException;

/** A server under load whose CPU time the benchmark reads from outside, as the kernel accounts it. */
interface MeasuredServer {

    /** User plus system CPU time consumed so far, in nanoseconds. */
    long cpuNanos() throws IOException;

    /** CPU time spent in the kernel on the server's behalf (socket writes, mostly), in nanoseconds. */
    long systemCpuNanos() throws IOException;
}
