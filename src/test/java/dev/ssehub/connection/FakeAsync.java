package dev.ssehub.connection;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An {@link AsyncContext} whose response has only an output stream, a {@link FakeOutputStream}.
 * Like a container, it refuses a second {@link #complete()}; it remembers who called it.
 */
final class FakeAsync implements AsyncContext {

    private final FakeOutputStream stream = new FakeOutputStream();
    private final ServletResponse response = onlyAnOutputStream(stream);
    private final List<AsyncListener> listeners = new CopyOnWriteArrayList<>();
    private final List<Thread> completedBy = new CopyOnWriteArrayList<>();
    private volatile long timeout = 30_000;

    FakeOutputStream stream() {
        return stream;
    }

    AsyncEvent event() {
        return new AsyncEvent(this, null, response); // there is no request to show
    }

    List<AsyncListener> listeners() {
        return listeners;
    }

    /** The threads that called {@link #complete()}, one per call. */
    List<Thread> completedBy() {
        return completedBy;
    }

    @Override
    public void complete() {
        completedBy.add(Thread.currentThread());
        if (completedBy.size() > 1) {
            throw new IllegalStateException("the request is completed already");
        }
    }

    @Override
    public ServletResponse getResponse() {
        return response;
    }

    @Override
    public void addListener(AsyncListener listener) {
        listeners.add(listener);
    }

    @Override
    public void setTimeout(long timeout) {
        this.timeout = timeout;
    }

    @Override
    public long getTimeout() {
        return timeout;
    }

    @Override
    public ServletRequest getRequest() {
        throw new UnsupportedOperationException();
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
    public void addListener(AsyncListener listener, ServletRequest request, ServletResponse response) {
        listeners.add(listener);
    }

    @Override
    public <T extends AsyncListener> T createListener(Class<T> type) {
        throw new UnsupportedOperationException();
    }

    private static ServletResponse onlyAnOutputStream(FakeOutputStream stream) {
        return (ServletResponse) Proxy.newProxyInstance(
                ServletResponse.class.getClassLoader(),
                new Class<?>[] {ServletResponse.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getOutputStream" -> stream;
                    case "toString" -> "a fake response";
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
