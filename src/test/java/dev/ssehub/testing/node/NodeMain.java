package dev.ssehub.testing.node;

import java.io.File;

/**
 * One hub node: the built WAR on an embedded Jetty 12 or Tomcat, in a JVM of its own whose class
 * path holds only that container (as a stock one would), with its settings as system properties.
 * Prints {@code READY} once it serves. The benchmark's server and the cluster tests' nodes.
 */
public final class NodeMain {

    private NodeMain() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[1]);
        String war = new File(args[2]).getAbsolutePath();
        if (args[0].equals("tomcat")) {
            TomcatNode.run(port, war);
        } else {
            JettyNode.run(port, war);
        }
    }
}
