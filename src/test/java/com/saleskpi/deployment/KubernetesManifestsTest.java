package com.saleskpi.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;

/**
 * Every manifest under k8s/ read into the Kubernetes object model (fabric8): an unknown field anywhere fails,
 * and the Deployment must carry probes, resource limits and a locked-down security context.
 */
class KubernetesManifestsTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
    private static final Map<String, String> MODELS = Map.of(
            "Deployment", "io.fabric8.kubernetes.api.model.apps.Deployment",
            "Service", "io.fabric8.kubernetes.api.model.Service",
            "ConfigMap", "io.fabric8.kubernetes.api.model.ConfigMap",
            "HorizontalPodAutoscaler", "io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler",
            "PodDisruptionBudget", "io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget",
            "NetworkPolicy", "io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy",
            "Ingress", "io.fabric8.kubernetes.api.model.networking.v1.Ingress");

    @Test
    void everyManifestIsAKnownKubernetesObjectWithoutUnknownFields() throws Exception {
        List<Path> manifests;
        try (Stream<Path> files = Files.walk(Path.of("k8s"))) {
            manifests = files.filter(f -> f.toString().endsWith(".yaml") && !f.getFileName().toString().equals("kustomization.yaml"))
                    .sorted().toList();
        }
        assertTrue(manifests.size() >= 10, "manifests found: " + manifests);
        for (Path manifest : manifests) {
            checkKnownObject(YAML.readTree(manifest.toFile()), manifest.toString());
        }
    }

    /** Each overlay as kustomize renders it (kubectl kustomize, installed by scripts/install-kubectl.sh in the build). */
    @Test
    void everyOverlayRendersToKnownObjectsWithLockedDownDeployments() throws Exception {
        Path kubectl = Path.of("target/tools/kubectl");
        assertTrue(Files.isExecutable(kubectl), "kubectl is missing: run scripts/install-kubectl.sh (the Maven build does)");
        List<Path> overlays;
        try (Stream<Path> dirs = Files.list(Path.of("k8s/overlays"))) {
            overlays = dirs.filter(Files::isDirectory).sorted().toList();
        }
        assertEquals(List.of("dev", "prod"), overlays.stream().map(p -> p.getFileName().toString()).toList());
        for (Path overlay : overlays) {
            Process render = new ProcessBuilder(kubectl.toString(), "kustomize", overlay.toString()).redirectErrorStream(true).start();
            String output = new String(render.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertEquals(0, render.waitFor(), overlay + " does not render: " + output);
            List<JsonNode> objects = YAML.readerFor(JsonNode.class).<JsonNode>readValues(output).readAll();
            List<String> kinds = new ArrayList<>();
            for (JsonNode object : objects) {
                String where = overlay + " " + object.path("kind").asText() + "/" + object.path("metadata").path("name").asText();
                checkKnownObject(object, where);
                assertTrue(object.path("metadata").path("namespace").isTextual(), where + " has a namespace");
                if (object.path("kind").asText().equals("Deployment")) {
                    checkLockedDown(YAML.treeToValue(object, Deployment.class), where);
                }
                kinds.add(object.path("kind").asText());
            }
            assertTrue(kinds.containsAll(List.of("Deployment", "Service", "ConfigMap", "HorizontalPodAutoscaler", "PodDisruptionBudget",
                    "NetworkPolicy", "Ingress", "Cluster")), overlay + " renders " + kinds);
        }
    }

    private static void checkKnownObject(JsonNode tree, String where) throws Exception {
        String kind = tree.path("kind").asText();
        if (kind.equals("Cluster")) {
            assertEquals("postgresql.cnpg.io/v1", tree.path("apiVersion").asText(), where);
            return;
        }
        assertNotNull(MODELS.get(kind), where + ": unexpected kind " + kind);
        HasMetadata object = (HasMetadata) YAML.treeToValue(tree, Class.forName(MODELS.get(kind)));
        List<String> unknown = new ArrayList<>();
        findUnknownFields(object, kind, unknown, new IdentityHashMap<>());
        assertTrue(unknown.isEmpty(), where + " has fields Kubernetes does not know: " + unknown);
    }

    @Test
    void apiDeploymentProbesTheQuarkusHealthEndpoints() throws IOException {
        Deployment deployment = YAML.readValue(Path.of("k8s/base/deployment.yaml").toFile(), Deployment.class);
        Container api = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertEquals("/q/health/ready", api.getReadinessProbe().getHttpGet().getPath());
        assertEquals("/q/health/live", api.getLivenessProbe().getHttpGet().getPath());
        assertEquals("/q/health/started", api.getStartupProbe().getHttpGet().getPath());
    }

    @Test
    void everyDeploymentHasProbesLimitsAndALockedDownSecurityContext() throws IOException {
        for (Path path : List.of(Path.of("k8s/base/deployment.yaml"), Path.of("k8s/keycloak/deployment.yaml"))) {
            checkLockedDown(YAML.readValue(path.toFile(), Deployment.class), path.toString());
        }
    }

    private static void checkLockedDown(Deployment deployment, String where) {
        var pod = deployment.getSpec().getTemplate().getSpec();
        assertEquals(Boolean.TRUE, pod.getSecurityContext().getRunAsNonRoot(), where);
        assertEquals(Boolean.FALSE, pod.getAutomountServiceAccountToken(), where);
        for (Container container : pod.getContainers()) {
            String at = where + " " + container.getName();
            assertNotNull(container.getReadinessProbe().getHttpGet().getPath(), at);
            assertNotNull(container.getLivenessProbe().getHttpGet().getPath(), at);
            assertNotNull(container.getStartupProbe().getHttpGet().getPath(), at);
            assertNotNull(container.getResources().getLimits().get("memory"), at);
            assertNotNull(container.getResources().getLimits().get("cpu"), at);
            assertNotNull(container.getResources().getRequests().get("memory"), at);
            assertEquals(Boolean.TRUE, container.getSecurityContext().getReadOnlyRootFilesystem(), at);
            assertEquals(Boolean.FALSE, container.getSecurityContext().getAllowPrivilegeEscalation(), at);
            assertEquals(List.of("ALL"), container.getSecurityContext().getCapabilities().getDrop(), at);
        }
    }

    @Test
    void keycloakImportsTheSalesRealmFromItsGeneratedConfigMap() throws IOException {
        JsonNode kustomization = YAML.readTree(Path.of("k8s/keycloak/kustomization.yaml").toFile());
        JsonNode generator = kustomization.path("configMapGenerator").get(0);
        JsonNode realm = new ObjectMapper().readTree(Path.of("k8s/keycloak").resolve(generator.path("files").get(0).asText()).toFile());
        assertEquals("sales", realm.path("realm").asText());
        List<String> roles = new ArrayList<>();
        realm.path("roles").path("realm").forEach(role -> roles.add(role.path("name").asText()));
        assertTrue(roles.containsAll(List.of("admin", "analyst", "sales-manager", "sales-rep")), "realm roles: " + roles);

        var pod = YAML.readValue(Path.of("k8s/keycloak/deployment.yaml").toFile(), Deployment.class).getSpec().getTemplate().getSpec();
        String volume = pod.getVolumes().stream().filter(v -> v.getConfigMap() != null
                && v.getConfigMap().getName().equals(generator.path("name").asText())).findFirst().orElseThrow().getName();
        Container keycloak = pod.getContainers().get(0);
        assertTrue(keycloak.getArgs().contains("--import-realm"), "args: " + keycloak.getArgs());
        assertTrue(keycloak.getVolumeMounts().stream().anyMatch(m -> m.getName().equals(volume)
                && m.getMountPath().equals("/opt/keycloak/data/import")), "the realm is mounted where Keycloak imports from");
    }

    /** fabric8 keeps fields it does not know in additionalProperties: any found there is a typo or a wrong place. */
    private static void findUnknownFields(Object node, String path, List<String> unknown, Map<Object, Boolean> seen) throws Exception {
        if (node == null || seen.put(node, true) != null) {
            return;
        }
        if (node instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                findUnknownFields(item, path + "[" + i++ + "]", unknown, seen);
            }
            return;
        }
        if (!node.getClass().getName().startsWith("io.fabric8")) {
            return;
        }
        for (Method getter : node.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || !getter.getName().startsWith("get") || getter.getName().equals("getClass")) {
                continue;
            }
            Object value = getter.invoke(node);
            if (getter.getName().equals("getAdditionalProperties")) {
                if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    unknown.add(path + ": " + extra.keySet());
                }
            } else {
                findUnknownFields(value, path + "." + getter.getName().substring(3), unknown, seen);
            }
        }
    }
}
