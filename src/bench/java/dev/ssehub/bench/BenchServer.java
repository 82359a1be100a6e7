package dev.ssehub.bench;

import java.io.File;
import org.apache.catalina.Context;
import org.apache.catalina.startup.Tomcat;
import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.server.Server;

/**
 * The server side of the benchmark: the built WAR on an embedded Jetty 12 or Tomcat, in a JVM of
 * its own, whose class path holds only that container (as a stock one would). Prints
 * {@code READY} once it serves.
 */
public final class BenchServer {

    private BenchServer() {
    }

    public static void main(String[] args) throws Exception {
        String container = args[0];
        int port = Integer.parseInt(args[1]);
        String war = new File(args[2]).getAbsolutePath();
        if (container.equals("tomcat")) {
            Tomcat tomcat = new Tomcat();
            tomcat.setPort(port);
            tomcat.setBaseDir(new File("target/bench-tomcat").getAbsolutePath());
            tomcat.getConnector().setProperty("maxConnections", "20000");
            tomcat.getConnector().setProperty("acceptCount", "4096");
            Context context = tomcat.addWebapp("", war);
            context.setParentClassLoader(BenchServer.class.getClassLoader());
            tomcat.start();
            System.out.println("READY");
            tomcat.getServer().await();
        } else {
            Server server = new Server(port);
            ((org.eclipse.jetty.server.ServerConnector) server.getConnectors()[0]).setAcceptQueueSize(4096);
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
}
