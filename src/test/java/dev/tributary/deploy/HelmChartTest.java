package dev.tributary.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * Checks of the Helm chart that need no {@code helm} binary (Debian does not package it): the
 * plain YAML files parse, the templates' actions are balanced, every value the templates read is
 * declared in values.yaml, and every declared value is read by some template. Rendering is not
 * tested here: run {@code helm lint} and {@code helm template} where helm is installed.
 */
class HelmChartTest {

    private static final Path CHART = Path.of("helm", "tributary");
    private static final Pattern VALUE_REFERENCE = Pattern.compile("\\.Values\\.([A-Za-z0-9_.]*[A-Za-z0-9_])");
    private static final Pattern BLOCK_START = Pattern.compile("\\{\\{-?\\s*(if|range|with|define)\\b");
    private static final Pattern BLOCK_END = Pattern.compile("\\{\\{-?\\s*end\\s*-?}}");

    private static List<Path> chartFiles() throws IOException {
        try (Stream<Path> files = Files.walk(CHART)) {
            return files.filter(Files::isRegularFile).sorted().toList();
        }
    }

    private static List<Path> templates() throws IOException {
        return chartFiles().stream().filter(path -> path.startsWith(CHART.resolve("templates"))).toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> values() throws IOException {
        return (Map<String, Object>) new Yaml().load(Files.readString(CHART.resolve("values.yaml")));
    }

    @Test
    void plainYamlFilesParse() throws IOException {
        List<Path> plain = new ArrayList<>();
        for (Path file : chartFiles()) {
            String text = Files.readString(file);
            if (file.toString().endsWith(".yaml") && !text.contains("{{")) {
                assertThat((Object) new Yaml().load(text)).as(file.toString()).isInstanceOf(Map.class);
                plain.add(file);
            }
        }
        assertThat(plain).contains(CHART.resolve("Chart.yaml"), CHART.resolve("values.yaml"));
        @SuppressWarnings("unchecked")
        Map<String, Object> chart = (Map<String, Object>) new Yaml().load(Files.readString(CHART.resolve("Chart.yaml")));
        assertThat(chart).containsEntry("apiVersion", "v2").containsEntry("name", "tributary")
                .containsKeys("version", "appVersion");
    }

    @Test
    void templateActionsAreBalanced() throws IOException {
        for (Path template : templates()) {
            String text = Files.readString(template);
            assertThat(count("{{", text)).as(template + ": {{ against }}").isEqualTo(count("}}", text));
            assertThat(count(BLOCK_END, text)).as(template + ": blocks opened against ends")
                    .isEqualTo(count(BLOCK_START, text));
        }
    }

    @Test
    void everyValueTheTemplatesReadIsDeclared() throws IOException {
        Map<String, Object> values = values();
        TreeSet<String> undeclared = new TreeSet<>();
        for (Path template : templates()) {
            Matcher reference = VALUE_REFERENCE.matcher(Files.readString(template));
            while (reference.find()) {
                if (!declared(values, reference.group(1))) {
                    undeclared.add(template.getFileName() + ": " + reference.group(1));
                }
            }
        }
        assertThat(undeclared).isEmpty();
    }

    @Test
    void everyDeclaredValueIsRead() throws IOException {
        StringBuilder allTemplates = new StringBuilder();
        for (Path template : templates()) {
            allTemplates.append(Files.readString(template)).append('\n');
        }
        List<String> unread = new ArrayList<>();
        for (String path : leafPaths("", values())) {
            if (!read(allTemplates.toString(), path)) {
                unread.add(path);
            }
        }
        assertThat(unread).isEmpty();
    }

    /** A value is read when the templates name it, or a map above it that they pass on whole. */
    private static boolean read(String templates, String path) {
        String prefix = path;
        while (true) {
            if (Pattern.compile("\\.Values\\." + Pattern.quote(prefix) + "(?![A-Za-z0-9_.])").matcher(templates).find()) {
                return true;
            }
            int dot = prefix.lastIndexOf('.');
            if (dot < 0) {
                return false;
            }
            prefix = prefix.substring(0, dot);
        }
    }

    /** Dotted paths to every value that is not a map (lists count as one value). */
    @SuppressWarnings("unchecked")
    private static List<String> leafPaths(String prefix, Map<String, Object> map) {
        List<String> paths = new ArrayList<>();
        map.forEach((key, value) -> {
            String path = prefix.isEmpty() ? key : prefix + "." + key;
            if (value instanceof Map<?, ?> child && !child.isEmpty()) {
                paths.addAll(leafPaths(path, (Map<String, Object>) child));
            } else {
                paths.add(path);
            }
        });
        return paths;
    }

    @SuppressWarnings("unchecked")
    private static boolean declared(Map<String, Object> values, String path) {
        Object node = values;
        for (String key : path.split("\\.")) {
            if (!(node instanceof Map<?, ?> map) || !map.containsKey(key)) {
                return false;
            }
            node = ((Map<String, Object>) map).get(key);
        }
        return true;
    }

    private static int count(String needle, String text) {
        int count = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + needle.length())) {
            count++;
        }
        return count;
    }

    private static int count(Pattern pattern, String text) {
        return (int) pattern.matcher(text).results().count();
    }
}
