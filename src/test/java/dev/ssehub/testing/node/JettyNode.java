package dev.ssehub.testing.node;

import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.http2.server.HTTP2CServerConnectionFactory;
import org.eclipse.jetty.io.ArrayByteBufferPool;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The WAR on an embedded Jetty 12 (ee10), with Jetty's CDI support found on the class path, and
 * HTTP/1.1 and h2c (upgrade and prior knowledge) on one port, as the modules http and http2c give
 * a stock Jetty.
 */
final class JettyNode {

    private JettyNode() {
    }

    static void run(int port, String war) throws Exception {
        // A stream's response buffer comes from this pool, rounded up to a multiple of its factor:
        // Jetty's 4096 makes the hub's 1 KiB buffer cost 4 KiB a stream; 1024 makes it cost 1 KiB,
        // as jetty.byteBufferPool.factor=1024 does for the bytebufferpool module of a stock Jetty.
        int factor = Integer.getInteger("node.jetty.pool.factor", 4096);
        Server server = new Server(new QueuedThreadPool(), null, new ArrayByteBufferPool(0, factor, 65536));
        HttpConfiguration http = new HttpConfiguration();
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http),
                new HTTP2CServerConnectionFactory(http));
        connector.setPort(port);
        connector.setAcceptQueueSize(4096);
        server.addConnector(connector);
        WebAppContext webapp = new WebAppContext();
        webapp.setContextPath("/");
        webapp.setWar(war);
        webapp.setThrowUnavailableOnStartupException(true);
        server.setHandler(webapp);
        server.setStopAtShutdown(true); // SIGTERM stops Jetty as start.jar's does
        server.start();
        System.out.println("READY");
        server.join();
    }
}
