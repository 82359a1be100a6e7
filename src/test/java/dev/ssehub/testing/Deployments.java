package dev.ssehub.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The WAR that {@code mvn package} built, as integration tests deploy it: the same archive, with
 * its settings given as context init-params (the lowest source, as an operator's web.xml would)
 * and, where a test needs it, an extra servlet of the test's own.
 */
public final class Deployments {

    public static final String SECRET = "integration-test-secret-0123456789abcdef";
    public static final Tokens TOKENS = new Tokens(SECRET);
    /** May publish to every topic. */
    public static final String PUBLISHER = TOKENS.subject("publisher").publish("*").sign();

    private Deployments() {
    }

    /** Settings every test deployment shares: a known secret and a fast heartbeat. */
    public static Map<String, String> baseSettings() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("ssehub.jwt.secret", SECRET);
        settings.put("ssehub.heartbeat.seconds", "1");
        return settings;
    }

    public static WebArchive hub(String name, Map<String, String> settings) {
        return hub(name, settings, Map.of());
    }

    /**
     * @param servlets extra servlets, URL pattern → class name, from the probe application in
     *     src/probe (compiled to target/probe-classes), which is packed into the WAR with them
     */
    public static WebArchive hub(String name, Map<String, String> settings, Map<String, String> servlets) {
        return hub(name, settings, servlets, "");
    }

    /**
     * @param webXmlElements elements added to web.xml as they are, e.g. an operator's security
     *     constraints
     */
    public static WebArchive hub(String name, Map<String, String> settings, Map<String, String> servlets,
            String webXmlElements) {
        WebArchive archive = ShrinkWrap.create(ZipImporter.class, name + ".war")
                .importFrom(new File(System.getProperty("ssehub.it.war", "target/sse-hub.war")))
                .as(WebArchive.class);
        StringBuilder additions = new StringBuilder();
        settings.forEach((key, value) -> additions.append("  <context-param><param-name>").append(key)
                .append("</param-name><param-value>").append(value).append("</param-value></context-param>\n"));
        if (!servlets.isEmpty()) {
            addProbeClasses(archive);
        }
        servlets.forEach((pattern, type) -> additions.append("  <servlet><servlet-name>").append(type)
                .append("</servlet-name><servlet-class>").append(type).append("</servlet-class></servlet>\n")
                .append("  <servlet-mapping><servlet-name>").append(type)
                .append("</servlet-name><url-pattern>").append(pattern).append("</url-pattern></servlet-mapping>\n"));
        String webXml = read(Path.of("webapp/WEB-INF/web.xml"));
        String marker = "</display-name>\n";
        additions.append(webXmlElements);
        return archive.setWebXML(new StringAsset(webXml.replace(marker, marker + additions)));
    }

    private static void addProbeClasses(WebArchive archive) {
        Path root = Path.of("target/probe-classes");
        try (Stream<Path> files = Files.walk(root)) {
            files.filter(Files::isRegularFile).forEach(file -> archive.addAsWebInfResource(file.toFile(),
                    "classes/" + root.relativize(file).toString().replace(File.separatorChar, '/')));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String read(Path path) {
        try {
            return Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
