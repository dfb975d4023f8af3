package com.saleskpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * No package of the service depends on itself through others: each one can be read, and changed, knowing only those
 * below it. A package depends on another when one of its classes names a class of the other (an import or a qualified
 * name).
 */
class PackageCyclesTest {

    private static final Path SOURCES = Path.of("src/main/java/com/saleskpi");
    private static final Pattern NAMED = Pattern.compile("com\\.saleskpi\\.([a-z][a-z.]*?)\\.?[A-Z]");

    @Test
    void noPackageDependsOnItselfThroughOthers() throws IOException {
        Map<String, Set<String>> uses = new TreeMap<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(path -> path.toString().endsWith(".java")).toList()) {
                String own = SOURCES.relativize(file.getParent()).toString().replace('/', '.');
                Set<String> used = uses.computeIfAbsent(own, p -> new TreeSet<>());
                Matcher named = NAMED.matcher(Files.readString(file));
                while (named.find()) {
                    if (!named.group(1).equals(own)) {
                        used.add(named.group(1));
                    }
                }
            }
        }
        assertTrue(uses.size() > 10 && uses.get("kpi").contains("security"), "the sources were read: " + uses.keySet());
        Set<String> cycles = new TreeSet<>();
        uses.forEach((from, used) -> used.stream().filter(to -> reachable(uses, to).contains(from))
                .forEach(to -> cycles.add(from + " -> " + to)));
        assertEquals(Set.of(), cycles, "dependencies that lead back to the package they leave");
    }

    private static Set<String> reachable(Map<String, Set<String>> uses, String start) {
        Set<String> seen = new HashSet<>();
        Deque<String> next = new ArrayDeque<>(Set.of(start));
        while (!next.isEmpty()) {
            for (String used : uses.getOrDefault(next.pop(), Set.of())) {
                if (seen.add(used)) {
                    next.push(used);
                }
            }
        }
        return seen;
    }
}
