package dev.ssehub.config;

import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Where a setting's raw text comes from, in design.md's order: a Java system property, then the
 * environment variable (upper case, dots and dashes as {@code _}), then a servlet context
 * init-param. The first that is set and not blank wins.
 */
public final class ConfigSource {

    private final Function<String, String> systemProperties;
    private final Map<String, String> environment;
    private final Function<String, String> initParams;

    public ConfigSource(Function<String, String> systemProperties, Map<String, String> environment,
            Function<String, String> initParams) {
        this.systemProperties = systemProperties;
        this.environment = environment;
        this.initParams = initParams;
    }

    /** The process's own system properties and environment, then the given init-params. */
    public static ConfigSource of(Function<String, String> initParams) {
        return new ConfigSource(System::getProperty, System.getenv(), initParams);
    }

    public static String environmentName(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** The raw value of {@code key}, or {@code null} when no source sets it. */
    public String get(String key) {
        String value = systemProperties.apply(key);
        if (isBlank(value)) {
            value = environment.get(environmentName(key));
        }
        if (isBlank(value)) {
            value = initParams.apply(key);
        }
        return isBlank(value) ? null : value.trim();
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
