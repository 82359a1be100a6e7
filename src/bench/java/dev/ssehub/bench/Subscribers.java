package dev.ssehub.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.HdrHistogram.Histogram;

/**
 * Many SSE subscribers on one selector thread: no thread per connection, a few dozen bytes of
 * state each. Requests use HTTP/1.0 so that the body arrives without chunked framing. Each event
 * the bench publishes carries {@code System.nanoTime()} of this process as the first word of its
 * data; the delay to its arrival is recorded in a histogram.
 */
final class Subscribers implements StreamLoad {

    private final InetSocketAddress server;
    private final Selector selector;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final List<Connection> connections = new ArrayList<>();
    private final ByteBuffer readBuffer = ByteBuffer.allocateDirect(256 * 1024);
    private final Arrivals arrivals = new Arrivals();
    private final AtomicLong comments = new AtomicLong();
    private final AtomicLong streamsOpen = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong endedByServer = new AtomicLong();
    private final Thread loop;
    private volatile boolean running = true;

    Subscribers(InetSocketAddress server) throws IOException {
        this.server = server;
        this.selector = Selector.open();
        this.loop = new Thread(this::run, "subscribers");
        loop.setDaemon(true);
        loop.start();
    }

    @Override
    public void open(String path, int count) {
        open(path, count, 500, false);
    }

    /** Opens {@code count} streams on {@code path}, {@code batch} connects at a time, and waits for their 200s. */
    void open(String path, int count, int batch, boolean stalled) {
        byte[] request = ("GET " + path + " HTTP/1.0\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        long target = streamsOpen.get() + (stalled ? 0 : count);
        for (int started = 0; started < count; started += batch) {
            int now = Math.min(batch, count - started);
            long before = streamsOpen.get() + refused.get();
            for (int i = 0; i < now; i++) {
                tasks.add(() -> connect(request, stalled));
            }
            selector.wakeup();
            if (!stalled) {
                await(() -> streamsOpen.get() + refused.get() >= before + now, 60, "streams to open");
            }
        }
        if (!stalled) {
            await(() -> streamsOpen.get() >= target, 60, "all streams to open");
        }
    }

    /** Closes every stream with a reset, so that no port lingers in TIME_WAIT. */
    @Override
    public void closeAll() {
        tasks.add(() -> {
            synchronized (this) {
                for (Connection connection : connections) {
                    connection.close();
                }
                connections.clear();
                streamsOpen.set(0);
            }
        });
        selector.wakeup();
        await(() -> connectionCount() == 0, 60, "streams to close");
    }

    @Override
    public long delivered() {
        return arrivals.delivered();
    }

    long comments() {
        return comments.get();
    }

    long refused() {
        return refused.get();
    }

    long endedByServer() {
        return endedByServer.get();
    }

    synchronized int connectionCount() {
        return connections.size();
    }

    @Override
    public Histogram takeLatency() {
        return arrivals.takeLatency();
    }

    static void await(BooleanSupplier condition, int seconds, String what) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out waiting for " + what);
            }
            ServerProcess.sleepQuietly(5);
        }
    }

    @Override
    public void close() {
        running = false;
        selector.wakeup();
        try {
            loop.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Connection connection : connections) {
            connection.close();
        }
        try {
            selector.close();
        } catch (IOException ignored) {
            // its keys are cancelled; nothing is left to release
        }
    }

    private void connect(byte[] request, boolean stalled) {
        try {
            SocketChannel channel = SocketChannel.open();
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.SO_LINGER, 0);
            if (stalled) {
                channel.setOption(StandardSocketOptions.SO_RCVBUF, 4096);
            }
            Connection connection = new Connection(channel, request, stalled);
            synchronized (this) {
                connections.add(connection);
            }
            channel.connect(server);
            channel.register(selector, SelectionKey.OP_CONNECT, connection);
        } catch (IOException e) {
            refused.incrementAndGet();
        }
    }

    private void run() {
        while (running) {
            try {
                selector.select(100);
                Runnable task;
                while ((task = tasks.poll()) != null) {
                    task.run();
                }
                for (SelectionKey key : selector.selectedKeys()) {
                    Connection connection = (Connection) key.attachment();
                    try {
                        if (key.isConnectable()) {
                            connection.connected(key);
                        } else if (key.isReadable()) {
                            connection.read();
                        }
                    } catch (IOException | RuntimeException e) {
                        connection.ended();
                    }
                }
                selector.selectedKeys().clear();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** One stream's socket and its parser state. */
    private final class Connection implements DataLineScanner.Found {
        private final SocketChannel channel;
        private final byte[] request;
        private final boolean stalled;
        private int headerEnd;        // how much of CR LF CR LF has been seen
        private int headerPosition;   // bytes of the head read so far; the status is at 9 to 11
        private int status;
        private boolean inBody;
        private final DataLineScanner scanner = new DataLineScanner(this);
        private boolean closed;

        Connection(SocketChannel channel, byte[] request, boolean stalled) {
            this.channel = channel;
            this.request = request;
            this.stalled = stalled;
        }

        void connected(SelectionKey key) throws IOException {
            channel.finishConnect();
            channel.write(ByteBuffer.wrap(request));
            key.interestOps(stalled ? 0 : SelectionKey.OP_READ);
        }

        void read() throws IOException {
            readBuffer.clear();
            int read = channel.read(readBuffer);
            if (read < 0) {
                ended();
                return;
            }
            readBuffer.flip();
            while (readBuffer.hasRemaining()) {
                byte b = readBuffer.get();
                if (inBody) {
                    scanner.feed(b);
                } else {
                    header(b);
                }
            }
        }

        private void header(byte b) {
            if (headerPosition >= 9 && headerPosition <= 11) {
                status = status * 10 + (b - '0');
            }
            headerPosition++;
            headerEnd = (b == '\r' || b == '\n') ? headerEnd + 1 : 0;
            if (headerEnd == 4) {
                inBody = true;
                if (status == 200) {
                    streamsOpen.incrementAndGet();
                } else {
                    refused.incrementAndGet();
                }
            }
        }

        @Override
        public void event(long sentNanos) {
            arrivals.arrived(sentNanos);
        }

        @Override
        public void comment() {
            comments.incrementAndGet();
        }

        void ended() {
            if (!closed) {
                endedByServer.incrementAndGet();
                if (inBody && status == 200) {
                    streamsOpen.decrementAndGet();
                }
            }
            close();
            synchronized (Subscribers.this) {
                connections.remove(this);
            }
        }

        void close() {
            if (closed) {
                return;
            }
            closed = true;
            try {
                channel.close();
            } catch (IOException ignored) {
                // a reset is all we wanted
            }
        }
    }
}
