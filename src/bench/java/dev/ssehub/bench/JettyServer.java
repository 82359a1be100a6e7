package dev.ssehub.bench;

import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/** The WAR on an embedded Jetty 12 (ee10), with Jetty's CDI support found on the class path. */
final class JettyServer {

    private JettyServer() {
    }

    static void run(int port, String war) throws Exception {
        Server server = new Server(port);
        ((ServerConnector) server.getConnectors()[0]).setAcceptQueueSize(4096);
        WebAppContext webapp = new WebAppContext();
        webapp.setContextPath("/");
        webapp.setWar(war);
        webapp.setThrowUnavailableOnStartupException(true);
        server.setHandler(webapp);
        server.start();
        System.out.println("READY");
        server.join();
    }
}
