package dev.ssehub.bench.jmh;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.WriteListener;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An {@link AsyncContext} whose output stream is always ready and only counts the flushes it is
 * given, so that what a benchmark allocates is the hub's and the connection's alone.
 */
final class SinkAsync implements AsyncContext {

    private final ServletResponse response;

    SinkAsync(AtomicLong flushes) {
        ServletOutputStream sink = new ServletOutputStream() {
            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setWriteListener(WriteListener listener) {
                // always ready: the listener is never needed
            }

            @Override
            public void write(int b) {
                // discarded
            }

            @Override
            public void write(byte[] bytes, int offset, int length) {
                // discarded
            }

            @Override
            public void flush() {
                flushes.incrementAndGet();
            }
        };
        response = (ServletResponse) Proxy.newProxyInstance(SinkAsync.class.getClassLoader(),
                new Class<?>[] {ServletResponse.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getOutputStream")) {
                        return sink;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    @Override
    public ServletResponse getResponse() {
        return response;
    }

    @Override
    public void complete() {
        // nothing to end
    }

    @Override
    public void addListener(AsyncListener listener) {
        // the sink never fails or times out
    }

    @Override
    public void addListener(AsyncListener listener, ServletRequest request, ServletResponse response) {
        // the sink never fails or times out
    }

    @Override
    public void setTimeout(long timeout) {
        // never times out
    }

    @Override
    public long getTimeout() {
        return 0;
    }

    @Override
    public ServletRequest getRequest() {
        throw new UnsupportedOperationException("there is no request");
    }

    @Override
    public boolean hasOriginalRequestAndResponse() {
        return true;
    }

    @Override
    public void dispatch() {
        throw new UnsupportedOperationException();
    }

    @Override
    public void dispatch(String path) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void dispatch(ServletContext context, String path) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void start(Runnable run) {
        throw new UnsupportedOperationException();
    }

    @Override
    public <T extends AsyncListener> T createListener(Class<T> type) {
        throw new UnsupportedOperationException();
    }
}
