package dev.ssehub.bench;

import java.io.File;

/**
 * The server side of the benchmark: the built WAR on an embedded Jetty 12 or Tomcat, in a JVM of
 * its own, whose class path holds only that container (as a stock one would). Prints
 * {@code READY} once it serves.
 */
public final class BenchServer {

    private BenchServer() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[1]);
        String war = new File(args[2]).getAbsolutePath();
        if (args[0].equals("tomcat")) {
            TomcatServer.run(port, war);
        } else {
            JettyServer.run(port, war);
        }
    }
}
