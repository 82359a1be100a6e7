package dev.ssehub.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One process's CPU times from {@code /proc/<pid>/stat}, in nanoseconds.
 *
 * @param user time in user space
 * @param system time in the kernel on the process's behalf
 * @param reapedChildrenUser user time of children that have exited and been waited for
 * @param reapedChildrenSystem kernel time of those children
 */
record ProcessCpu(long user, long system, long reapedChildrenUser, long reapedChildrenSystem) {

    private static final long NANOS_PER_TICK = 10_000_000L; // USER_HZ is 100 on Linux

    static ProcessCpu of(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
        // the command name, in parentheses, may hold spaces: count fields from after it
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return new ProcessCpu(ticks(fields[11]), ticks(fields[12]), ticks(fields[13]), ticks(fields[14]));
    }

    long total() {
        return user + system;
    }

    private static long ticks(String field) {
        return Long.parseLong(field) * NANOS_PER_TICK;
    }
}
