package dev.ssehub.bench;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The nginx binary and the dynamic nchan module the peer benchmark needs, as a distribution
 * installs them (Debian: {@code nginx-light} and {@code libnginx-mod-nchan}).
 *
 * @param nginx the nginx executable
 * @param module {@code ngx_nchan_module.so}, loaded with {@code load_module}
 */
record NchanInstallation(Path nginx, Path module) {

    private static final List<Path> MODULE_DIRECTORIES = List.of(
            Path.of("/usr/lib/nginx/modules"),      // Debian, Ubuntu
            Path.of("/usr/lib64/nginx/modules"),    // Fedora, RHEL
            Path.of("/usr/lib/nginx"),
            Path.of("/etc/nginx/modules"));

    static Optional<NchanInstallation> find() {
        return nginxOnPath().flatMap(nginx -> MODULE_DIRECTORIES.stream()
                .map(directory -> directory.resolve("ngx_nchan_module.so"))
                .filter(Files::isRegularFile)
                .findFirst()
                .map(module -> new NchanInstallation(nginx, module)));
    }

    private static Optional<Path> nginxOnPath() {
        // Debian installs it in /usr/sbin, which is on root's PATH but not on every user's
        return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .filter(directory -> !directory.isEmpty())
                .map(directory -> Path.of(directory, "nginx"))
                .filter(Files::isExecutable)
                .findFirst();
    }
}
