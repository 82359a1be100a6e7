package dev.ssehub.config;

import java.util.Map;

/** Settings for unit tests: the defaults, with some keys set as init-params would set them. */
public final class TestSettings {

    private TestSettings() {
    }

    public static Settings with(Map<String, String> values) {
        return Settings.load(new ConfigSource(key -> null, Map.of(), values::get));
    }
}
