package dev.ssehub.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The WAR with the browser tests' own pages at {@code test/} (from {@code src/test/js/pages}), the
 * shared table of tricky streams, and the libraries those pages render with, installed from the
 * npm registry by {@code npm ci} from {@code src/test/js/package-lock.json} into
 * {@code target/js} the first time a test needs them.
 */
public final class BrowserPages {

    private static final Path SOURCES = Path.of("src/test/js");
    private static final Path INSTALLED = Path.of("target/js");
    /** What the pages load: whole directories of the installed packages. */
    private static final List<String> LIBRARIES = List.of("react/umd", "react-dom/umd", "vue/dist");

    private BrowserPages() {
    }

    /** The hub with the test pages and the table; no libraries. */
    public static WebArchive hub(String name, Map<String, String> settings) {
        WebArchive archive = Deployments.hub(name, settings);
        addTree(archive, SOURCES.resolve("pages"), "test");
        archive.addAsWebResource(new File("src/test/resources/event-streams.json"), "test/event-streams.json");
        return archive;
    }

    /** The same with React and Vue from npm, for the pages that render with them. */
    public static WebArchive hubWithLibraries(String name, Map<String, String> settings) {
        installLibraries();
        WebArchive archive = hub(name, settings);
        for (String library : LIBRARIES) {
            addTree(archive, INSTALLED.resolve("node_modules").resolve(library), "test/node_modules/" + library);
        }
        return archive;
    }

    private static synchronized void installLibraries() {
        if (LIBRARIES.stream().allMatch(library -> Files.isDirectory(INSTALLED.resolve("node_modules").resolve(library)))) {
            return;
        }
        try {
            Files.createDirectories(INSTALLED);
            for (String file : List.of("package.json", "package-lock.json")) {
                Files.copy(SOURCES.resolve(file), INSTALLED.resolve(file), StandardCopyOption.REPLACE_EXISTING);
            }
            Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund", "--ignore-scripts")
                    .directory(INSTALLED.toFile()).redirectErrorStream(true)
                    .redirectOutput(INSTALLED.resolve("npm-ci.log").toFile()).start();
            if (!npm.waitFor(10, TimeUnit.MINUTES) || npm.exitValue() != 0) {
                npm.destroyForcibly();
                throw new IllegalStateException("npm ci failed in " + INSTALLED + ": see npm-ci.log there");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void addTree(WebArchive archive, Path root, String target) {
        try (Stream<Path> files = Files.walk(root)) {
            files.filter(Files::isRegularFile).forEach(file -> archive.addAsWebResource(file.toFile(),
                    target + "/" + root.relativize(file).toString().replace(File.separatorChar, '/')));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
