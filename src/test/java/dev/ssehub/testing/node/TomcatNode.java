package dev.ssehub.testing.node;

import java.io.File;
import org.apache.catalina.Context;
import org.apache.catalina.servlets.DefaultServlet;
import org.apache.catalina.startup.Tomcat;
import org.apache.coyote.http2.Http2Protocol;

/**
 * The WAR on an embedded Tomcat, with room for 20,000 connections, and h2c beside HTTP/1.1 as
 * {@code <UpgradeProtocol className="org.apache.coyote.http2.Http2Protocol"/>} gives a stock one.
 */
final class TomcatNode {

    private TomcatNode() {
    }

    static void run(int port, String war) throws Exception {
        Tomcat tomcat = new Tomcat();
        tomcat.setPort(port);
        File base = new File("target/node-tomcat-" + port);
        new File(base, "webapps").mkdirs();
        tomcat.setBaseDir(base.getAbsolutePath());
        // no JSP engine here: the hub needs none
        tomcat.setAddDefaultWebXmlToWebapp(false);
        tomcat.getConnector().setProperty("maxConnections", "20000");
        tomcat.getConnector().setProperty("acceptCount", "4096");
        tomcat.getConnector().addUpgradeProtocol(new Http2Protocol());
        // -Dnode.tomcat.connector=key=value,...: connector attributes to try, as server.xml would set them
        for (String setting : System.getProperty("node.tomcat.connector", "").split(",")) {
            if (!setting.isBlank()) {
                String[] pair = setting.split("=", 2);
                if (!tomcat.getConnector().setProperty(pair[0].trim(), pair[1].trim())) {
                    throw new IllegalArgumentException("Tomcat's connector has no attribute " + pair[0]);
                }
            }
        }
        Context webapp = tomcat.addWebapp("", war);
        // what a stock Tomcat's conf/web.xml gives every webapp (its files, by type), but the JSP engine
        Tomcat.addDefaultMimeTypeMappings(webapp);
        Tomcat.addServlet(webapp, "default", new DefaultServlet());
        webapp.addServletMappingDecoded("/", "default");
        webapp.addWelcomeFile("index.html");
        // SIGTERM stops Tomcat as catalina.sh's does: the webapp is told, its streams end politely
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                tomcat.stop();
            } catch (Exception e) {
                e.printStackTrace();
            }
        }, "tomcat-stop"));
        tomcat.start();
        System.out.println("READY");
        tomcat.getServer().await();
    }
}
