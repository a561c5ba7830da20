package org.minqing.k8s;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/**
 * Issue 15: checks one rendered Kubernetes object without a cluster. The object is read into
 * fabric8's model of the Kubernetes API (generated from its OpenAPI schemas): an unknown kind, a
 * value of the wrong type or a field the schema does not have (kept by the model as an "additional
 * property") is an error. Workloads must further declare, for every container, CPU and memory
 * requests and limits and a restricted securityContext (non-root, no privilege escalation, read-only
 * root filesystem, all capabilities dropped, seccomp RuntimeDefault), and long-running ones
 * (Deployment, StatefulSet, DaemonSet) liveness and readiness probes.
 */
final class ManifestChecks {

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private ManifestChecks() {
    }

    /** The problems of one object, each naming the object and the path; empty when it passes. */
    static List<String> check(JsonNode document) {
        String what = document.path("kind").asText("?") + " " + document.path("metadata").path("name").asText("?");
        List<String> problems = new ArrayList<>();
        KubernetesResource resource;
        try {
            resource = SERIALIZATION.convertValue(document, KubernetesResource.class);
        } catch (RuntimeException e) {
            problems.add(what + ": does not match the Kubernetes schema: " + e.getMessage());
            return problems;
        }
        if (resource instanceof GenericKubernetesResource || !(resource instanceof HasMetadata hasMetadata)) {
            problems.add(what + ": unknown kind " + document.path("apiVersion").asText() + "/" + document.path("kind").asText());
            return problems;
        }
        if (hasMetadata.getMetadata() == null || hasMetadata.getMetadata().getName() == null) {
            problems.add(what + ": no metadata.name");
        }
        unknownFields(resource, "", problems, what, new IdentityHashMap<>());
        PodSpec pod = podSpec(resource);
        if (pod != null) {
            boolean longRunning = resource instanceof Deployment || resource instanceof StatefulSet || resource instanceof DaemonSet;
            workload(pod, longRunning, what, problems);
        }
        return problems;
    }

    private static PodSpec podSpec(KubernetesResource r) {
        if (r instanceof Deployment d) {
            return d.getSpec().getTemplate().getSpec();
        }
        if (r instanceof StatefulSet s) {
            return s.getSpec().getTemplate().getSpec();
        }
        if (r instanceof DaemonSet s) {
            return s.getSpec().getTemplate().getSpec();
        }
        if (r instanceof Job j) {
            return j.getSpec().getTemplate().getSpec();
        }
        if (r instanceof CronJob c) {
            return c.getSpec().getJobTemplate().getSpec().getTemplate().getSpec();
        }
        return null;
    }

    private static void workload(PodSpec pod, boolean longRunning, String what, List<String> problems) {
        PodSecurityContext podSecurity = pod.getSecurityContext();
        boolean podNonRoot = podSecurity != null && Boolean.TRUE.equals(podSecurity.getRunAsNonRoot());
        boolean podSeccomp = podSecurity != null && podSecurity.getSeccompProfile() != null
                && "RuntimeDefault".equals(podSecurity.getSeccompProfile().getType());
        List<Container> all = new ArrayList<>(pod.getContainers());
        if (pod.getInitContainers() != null) {
            all.addAll(pod.getInitContainers());
        }
        if (pod.getContainers().isEmpty()) {
            problems.add(what + ": no containers");
        }
        for (Container c : all) {
            String where = what + " container " + c.getName();
            if (c.getImage() == null || c.getImage().isBlank()) {
                problems.add(where + ": no image");
            }
            ResourceRequirements res = c.getResources();
            for (String kind : List.of("cpu", "memory")) {
                if (res == null || res.getLimits() == null || !res.getLimits().containsKey(kind)) {
                    problems.add(where + ": no " + kind + " limit");
                }
                if (res == null || res.getRequests() == null || !res.getRequests().containsKey(kind)) {
                    problems.add(where + ": no " + kind + " request");
                }
            }
            SecurityContext sc = c.getSecurityContext();
            if (sc == null) {
                problems.add(where + ": no securityContext");
                continue;
            }
            if (!podNonRoot && !Boolean.TRUE.equals(sc.getRunAsNonRoot())) {
                problems.add(where + ": runAsNonRoot is not true");
            }
            if (!Boolean.FALSE.equals(sc.getAllowPrivilegeEscalation())) {
                problems.add(where + ": allowPrivilegeEscalation is not false");
            }
            if (!Boolean.TRUE.equals(sc.getReadOnlyRootFilesystem())) {
                problems.add(where + ": readOnlyRootFilesystem is not true");
            }
            if (sc.getCapabilities() == null || sc.getCapabilities().getDrop() == null
                    || !sc.getCapabilities().getDrop().contains("ALL")) {
                problems.add(where + ": capabilities do not drop ALL");
            }
            if (!podSeccomp && (sc.getSeccompProfile() == null || !"RuntimeDefault".equals(sc.getSeccompProfile().getType()))) {
                problems.add(where + ": seccompProfile is not RuntimeDefault");
            }
            if (longRunning && pod.getContainers().contains(c)) {
                if (c.getLivenessProbe() == null) {
                    problems.add(where + ": no livenessProbe");
                }
                if (c.getReadinessProbe() == null) {
                    problems.add(where + ": no readinessProbe");
                }
            }
        }
    }

    /** Every model object on the way, reporting fields the schema does not know. */
    private static void unknownFields(Object o, String path, List<String> problems, String what, Map<Object, Boolean> seen) {
        if (o == null || seen.put(o, Boolean.TRUE) != null) {
            return;
        }
        if (o instanceof Collection<?> c) {
            int i = 0;
            for (Object item : c) {
                unknownFields(item, path + "[" + i++ + "]", problems, what, seen);
            }
            return;
        }
        if (o instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                unknownFields(e.getValue(), path + "." + e.getKey(), problems, what, seen);
            }
            return;
        }
        if (!o.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
            return;
        }
        for (Method getter : o.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
                    || getter.getDeclaringClass() == Object.class || !getter.getName().startsWith("get")) {
                continue;
            }
            Object value;
            try {
                value = getter.invoke(o);
            } catch (ReflectiveOperationException e) {
                continue;
            }
            if (getter.getName().equals("getAdditionalProperties")) {
                if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    problems.add(what + ": unknown field(s) " + extra.keySet() + " at " + (path.isEmpty() ? "/" : path));
                }
                continue;
            }
            String field = Character.toLowerCase(getter.getName().charAt(3)) + getter.getName().substring(4);
            unknownFields(value, path + "." + field, problems, what, seen);
        }
    }
}
