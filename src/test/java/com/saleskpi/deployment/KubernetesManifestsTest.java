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
            JsonNode tree = YAML.readTree(manifest.toFile());
            String kind = tree.path("kind").asText();
            if (kind.equals("Cluster")) {
                assertEquals("postgresql.cnpg.io/v1", tree.path("apiVersion").asText(), manifest.toString());
                continue;
            }
            assertNotNull(MODELS.get(kind), manifest + ": unexpected kind " + kind);
            HasMetadata object = (HasMetadata) YAML.treeToValue(tree, Class.forName(MODELS.get(kind)));
            List<String> unknown = new ArrayList<>();
            findUnknownFields(object, kind, unknown, new IdentityHashMap<>());
            assertTrue(unknown.isEmpty(), manifest + " has fields Kubernetes does not know: " + unknown);
        }
    }

    @Test
    void deploymentHasProbesLimitsAndALockedDownSecurityContext() throws IOException {
        Deployment deployment = YAML.readValue(Path.of("k8s/base/deployment.yaml").toFile(), Deployment.class);
        var pod = deployment.getSpec().getTemplate().getSpec();
        assertEquals(Boolean.TRUE, pod.getSecurityContext().getRunAsNonRoot());
        assertEquals(Boolean.FALSE, pod.getAutomountServiceAccountToken());
        for (Container container : pod.getContainers()) {
            assertEquals("/q/health/ready", container.getReadinessProbe().getHttpGet().getPath());
            assertEquals("/q/health/live", container.getLivenessProbe().getHttpGet().getPath());
            assertEquals("/q/health/started", container.getStartupProbe().getHttpGet().getPath());
            assertNotNull(container.getResources().getLimits().get("memory"));
            assertNotNull(container.getResources().getLimits().get("cpu"));
            assertNotNull(container.getResources().getRequests().get("memory"));
            assertEquals(Boolean.TRUE, container.getSecurityContext().getReadOnlyRootFilesystem());
            assertEquals(Boolean.FALSE, container.getSecurityContext().getAllowPrivilegeEscalation());
            assertEquals(List.of("ALL"), container.getSecurityContext().getCapabilities().getDrop());
        }
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
